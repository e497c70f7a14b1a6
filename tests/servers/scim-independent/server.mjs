#!/usr/bin/env node
// Independent SCIM 2.0 peer for Updraft tests.
//
// The SCIM protocol (routing, schemas, discovery, filtering, PATCH, errors) is entirely the
// upstream npm package @better-auth/scim, mounted in a Better Auth instance. This file only
// wires it up: an empty in-memory store (Better Auth's memory adapter, which has the native
// transactions the plugin insists on), one static bearer credential, and a loopback-only
// node:http listener. It adds no SCIM behaviour of its own.
//
//   node server.mjs --host 127.0.0.1 --port PORT --token TOKEN
//
// Prints "ready http://HOST:PORT/scim/v2" on stdout once listening.

import http from "node:http";
import {randomBytes} from "node:crypto";

// Keep Better Auth's opt-in telemetry off whatever the environment says.
process.env.BETTER_AUTH_TELEMETRY = "0";

const {betterAuth} = await import("better-auth");
const {memoryAdapter} = await import("better-auth/adapters/memory");
const {toNodeHandler} = await import("better-auth/node");
const {getAuthTables} = await import("better-auth/db");
const {scim} = await import("@better-auth/scim");

function usage(msg) {
    if (msg) process.stderr.write(`server.mjs: ${msg}\n`);
    process.stderr.write("usage: node server.mjs --host 127.0.0.1 --port PORT --token TOKEN\n");
    process.exit(2);
}

const opts = {host: "127.0.0.1", port: undefined, token: undefined};
{
    const argv = process.argv.slice(2);
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
        switch (a) {
            case "--host": opts.host = value(); break;
            case "--port": opts.port = value(); break;
            case "--token": opts.token = value(); break;
            case "-h": case "--help": usage(); break;
            default: usage(`unknown argument '${a}'`);
        }
    }
}
const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(String(opts.host));
if (!m || !m.slice(1).every((o) => Number(o) <= 255)) {
    usage(`refusing to listen on '${opts.host}': only 127.0.0.0/8 addresses are allowed`);
}
if (opts.port === undefined || !/^\d+$/.test(opts.port) || Number(opts.port) > 65535) usage("--port must be 0..65535");
if (!opts.token) usage("--token is required");
opts.port = Number(opts.port);

const origin = `http://${opts.host}:${opts.port}`;
const db = {};  // model name -> array of rows; filled below with one empty array per table

const options = {
    appName: "updraft-scim-independent",
    baseURL: origin,
    basePath: "/",
    secret: randomBytes(32).toString("hex"),
    database: memoryAdapter(db),
    telemetry: {enabled: false},
    rateLimit: {enabled: false},
    logger: {level: "warn"},
    plugins: [
        scim({
            connections: [{
                id: "updraft-test",
                credentials: [{type: "bearer", id: "updraft-test-token", token: opts.token}],
            }],
        }),
    ],
};

// Create every table the configuration (core + SCIM plugin) declares, empty.
for (const table of Object.values(getAuthTables(options))) {
    db[table.modelName] ??= [];
}

const auth = betterAuth(options);
const handler = toNodeHandler(auth);

const server = http.createServer((req, res) => {
    handler(req, res).catch((err) => {
        process.stderr.write(`request failed: ${err?.stack ?? err}\n`);
        if (!res.headersSent) {
            res.writeHead(500, {"content-type": "text/plain"});
        }
        res.end();
    });
});
server.on("error", (err) => {
    process.stderr.write(`server.mjs: ${err.code ?? ""} ${err.message}\n`);
    process.exit(1);
});
server.listen(opts.port, opts.host, () => {
    process.stdout.write(`ready ${origin}/scim/v2\n`);
});

const shutdown = () => server.close(() => process.exit(0));
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
