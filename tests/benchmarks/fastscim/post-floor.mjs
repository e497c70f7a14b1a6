#!/usr/bin/env node
// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The write floor of the scale benchmark: COUNT plain POST /Users (bodies shaped like Updraft's) over CONNECTIONS
// keep-alive connections, as fast as the service answers. Prints one JSON line:
//   {"count", "connections", "seconds", "perSecond", "failed", "cpuSeconds"}   (cpuSeconds: this client's own)
// --warmup W first sends W other users, untimed: without it a small COUNT measures mostly the JIT warming up (in
// this client and in a Node service), not the service's rate.
//
//   node post-floor.mjs --url http://127.0.0.1:PORT/scim/v2 --token TOKEN --count N [--connections 16] [--warmup W]

import fs from "node:fs";
import http from "node:http";
import https from "node:https";

const USAGE = "usage: node post-floor.mjs --url BASE_URL --token TOKEN --count N [--connections 16] [--warmup W]" +
    " [--ca FILE]\n";
const opts = {url: undefined, token: undefined, count: undefined, connections: 16, warmup: 0, ca: undefined};
{
    const argv = process.argv.slice(2);
    for (let i = 0; i < argv.length; i++) {
        const value = () => (i + 1 < argv.length ? argv[++i] : fail(`${argv[i]} needs a value`));
        switch (argv[i]) {
            case "--url": opts.url = value(); break;
            case "--token": opts.token = value(); break;
            case "--count": opts.count = Number(value()); break;
            case "--connections": opts.connections = Number(value()); break;
            case "--warmup": opts.warmup = Number(value()); break;
            case "--ca": opts.ca = value(); break;
            default: fail(`unknown argument '${argv[i]}'`);
        }
    }
    if (!opts.url || !opts.token || !Number.isInteger(opts.count) || opts.count < 0
        || !Number.isInteger(opts.connections) || opts.connections < 1 || !Number.isInteger(opts.warmup) || opts.warmup < 0)
        fail("--url, --token and --count are required");
}

function fail(message) {
    process.stderr.write(`post-floor.mjs: ${message}\n${USAGE}`);
    process.exit(2);
}

const base = new URL(opts.url.replace(/\/?$/, "/"));
const client = base.protocol === "https:" ? https : http;
const agent = new client.Agent({keepAlive: true, maxSockets: opts.connections,
    ...(opts.ca ? {ca: fs.readFileSync(opts.ca)} : {})});
const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

function body(i, prefix) {
    const uid = `${prefix}.user${i}`;
    return JSON.stringify({
        schemas: [USER, ENTERPRISE],
        externalId: Buffer.from(`${prefix}-${String(i).padStart(10, "0")}`).toString("base64"),
        userName: `${uid}@example.com`,
        name: {givenName: "Floor", familyName: `User ${i}`},
        displayName: `Floor User ${i}`,
        emails: [{value: `${uid}@example.com`, type: "work", primary: true}],
        phoneNumbers: [{value: `+1 555 ${String(i % 1000).padStart(3, "0")} 0000`, type: "work", primary: true}],
        title: "Software Engineer",
        active: true,
        [ENTERPRISE]: {employeeNumber: String(i).padStart(6, "0"), department: "Engineering"}
    });
}

function post(i, prefix) {
    return new Promise((resolve) => {
        const payload = body(i, prefix);
        const req = client.request(new URL("Users", base), {method: "POST", agent, headers: {
            "Authorization": `Bearer ${opts.token}`, "Content-Type": "application/scim+json",
            "Accept": "application/scim+json", "Content-Length": Buffer.byteLength(payload)}}, (res) => {
            res.resume();  // read the answer, as a client would, and throw it away
            res.on("end", () => resolve(res.statusCode === 201));
        });
        req.on("error", () => resolve(false));
        req.end(payload);
    });
}

// COUNT requests over CONNECTIONS connections; the number that failed.
async function load(count, prefix) {
    let next = 0;
    let failures = 0;
    const worker = async () => {
        while (next < count) {
            if (!(await post(next++, prefix))) failures++;
        }
    };
    await Promise.all(Array.from({length: opts.connections}, worker));
    return failures;
}

await load(opts.warmup, "warmup");
const cpu = process.cpuUsage();
const started = process.hrtime.bigint();
const failed = await load(opts.count, "floor");
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const used = process.cpuUsage(cpu);
agent.destroy();
process.stdout.write(`${JSON.stringify({count: opts.count, connections: opts.connections, seconds,
    perSecond: seconds > 0 ? opts.count / seconds : 0, failed, cpuSeconds: (used.user + used.system) / 1e6})}\n`);
process.exit(failed ? 1 : 0);
