#!/usr/bin/env node
// Updraft test imitation of Microsoft Entra ID API-driven inbound provisioning, in memory:
//   - the Microsoft identity platform token endpoint (OAuth 2.0 client credentials, with a client secret or a
//     certificate-signed client assertion, RS256 or PS256),
//   - Microsoft Graph GET .../synchronization/jobs/{job} and POST .../synchronization/jobs/{job}/bulkUpload,
//   - Microsoft Graph GET /auditLogs/provisioning (provisioningObjectSummary),
//   - a test-control API under /_test/.
// Node.js built-in modules only. Every behaviour names the Microsoft documentation it imitates; README.md lists
// the pages and the places where this service has to guess.
//
//   node server.mjs --host 127.0.0.1 --port PORT [OPTIONS]        (node server.mjs --help)
//
// Prints "ready http://HOST:PORT" on stdout once listening.
//
// The parts: common.mjs (constants, helpers, options, state), token.mjs (token endpoint), bulkupload.mjs
// (bulkUpload), processing.mjs (the directory and the provisioning log entries), provisioninglogs.mjs (the log
// query); this file: command line, Graph routing and authentication, the job resource, the control API, startup.

import http from "node:http";
import {configure, opts, state, certificates, JOB_STATES, GRAPH_APP_ID, ENTERPRISE_USER, uuid, isoSeconds, sendJson,
    readBody, graphHeaders, sendGraphError, checkJobPath, resetState} from "./common.mjs";
import {handleToken} from "./token.mjs";
import {handleBulkUpload} from "./bulkupload.mjs";
import {processDue, setJobState} from "./processing.mjs";
import {handleProvisioningLogs} from "./provisioninglogs.mjs";

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------
const USAGE = `usage: node server.mjs --host 127.0.0.1 --port PORT [OPTIONS]
  --tenant ID                 tenant id in the token URL /{tenant}/oauth2/v2.0/token (default
                              aaaabbbb-0000-cccc-1111-dddd2222eeee); a verified domain (--domains) works too
  --client-id ID              the API client's application (client) id (default 00001111-aaaa-2222-bbbb-3333cccc4444)
  --client-secret SECRET      its client secret (default updraft-test-secret)
  --secret-expired            the secret is recognised but expired (AADSTS7000222)
  --certificate PATH          PEM certificate registered for client assertions; repeatable
  --service-principal ID      service principal object id (default 11112222-bbbb-3333-cccc-4444dddd5555)
  --job ID                    provisioning job id (default API2AAD.aaaabbbb0000cccc1111dddd2222eeee.22223333-cccc-4444-dddd-5555eeee6666)
  --job-state STATE           Active | Paused | Quarantine (default Active)
  --token-lifetime SECONDS    access token lifetime (default 3599)
  --log-delay SECONDS         delay before accepted records are processed and logged (default 5; 0 = at once)
  --calls-per-window N        bulkUpload calls allowed in any rolling window (default 40)
  --window-seconds S          length of that window (default 5)
  --daily-cap N               bulkUpload calls allowed per tenant and UTC day (default 2000)
  --domains a.com,b.com       verified domains for userPrincipalName (default example.com)
  --no-upload-permission      the client lacks SynchronizationData-User.Upload (bulkUpload answers 403)
  --no-log-permission         the client lacks ProvisioningLog.Read.All (provisioning logs answer 403)
  --log                       log every request on stdout
`;

function usage(msg) {
    if (msg) process.stderr.write(`server.mjs: ${msg}\n`);
    process.stderr.write(USAGE);
    process.exit(2);
}

function parseOptions(argv) {
    const o = {
        host: "127.0.0.1", port: undefined,
        tenant: "aaaabbbb-0000-cccc-1111-dddd2222eeee",
        clientId: "00001111-aaaa-2222-bbbb-3333cccc4444",
        clientSecret: "updraft-test-secret",
        secretExpired: false,
        certificates: [],
        servicePrincipal: "11112222-bbbb-3333-cccc-4444dddd5555",
        job: "API2AAD.aaaabbbb0000cccc1111dddd2222eeee.22223333-cccc-4444-dddd-5555eeee6666",
        jobState: "Active",
        tokenLifetime: 3599, logDelay: 5, callsPerWindow: 40, windowSeconds: 5, dailyCap: 2000,
        domains: ["example.com"], uploadPermission: true, logPermission: true, log: false
    };
    const positiveInt = (flag, v) => (/^\d+$/.test(v) && Number(v) >= 1 ? Number(v) : usage(`${flag} needs a positive integer`));
    const seconds = (flag, v, min0) => {
        const n = Number(v);
        return v !== "" && Number.isFinite(n) && (min0 ? n >= 0 : n > 0) ? n : usage(`${flag} needs a ${min0 ? "non-negative" : "positive"} number of seconds`);
    };
    const id = (flag, v) => (v && !/[\/\s?#]/.test(v) ? v : usage(`${flag} needs a value without '/', '?', '#' or spaces`));
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const [flag, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
        const value = () => inline ?? (i + 1 < argv.length ? argv[++i] : usage(`${flag} needs a value`));
        switch (flag) {
            case "--host": o.host = value(); break;
            case "--port": {
                const v = value();
                o.port = /^\d+$/.test(v) && Number(v) <= 65535 ? Number(v) : usage("--port needs a port number");
                break;
            }
            case "--tenant": o.tenant = id(flag, value()); break;
            case "--client-id": o.clientId = id(flag, value()); break;
            case "--client-secret": o.clientSecret = value() || usage("--client-secret needs a value"); break;
            case "--secret-expired": o.secretExpired = true; break;
            case "--certificate": o.certificates.push(value()); break;
            case "--service-principal": o.servicePrincipal = id(flag, value()); break;
            case "--job": o.job = id(flag, value()); break;
            case "--job-state": {
                const v = value();
                o.jobState = JOB_STATES.find((s) => s.toLowerCase() === v.toLowerCase()) ?? usage("--job-state needs Active, Paused or Quarantine");
                break;
            }
            case "--token-lifetime": o.tokenLifetime = positiveInt(flag, value()); break;
            case "--log-delay": o.logDelay = seconds(flag, value(), true); break;
            case "--calls-per-window": o.callsPerWindow = positiveInt(flag, value()); break;
            case "--window-seconds": o.windowSeconds = seconds(flag, value(), false); break;
            case "--daily-cap": o.dailyCap = positiveInt(flag, value()); break;
            case "--domains": {
                o.domains = value().split(",").map((d) => d.trim().toLowerCase()).filter(Boolean);
                if (!o.domains.length) usage("--domains needs at least one domain");
                break;
            }
            case "--no-upload-permission": o.uploadPermission = false; break;
            case "--no-log-permission": o.logPermission = false; break;
            case "--log": o.log = true; break;
            case "--help": case "-h": process.stdout.write(USAGE); process.exit(0); break;
            default: usage(`unknown option ${a}`);
        }
    }
    if (o.port === undefined) usage("--port is required (0 = any free port)");
    // A test service: never listen beyond the loopback interface.
    if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(o.host) && o.host !== "::1" && o.host !== "localhost")
        usage(`--host must be a loopback address (got ${o.host})`);
    return o;
}

try {
    configure(parseOptions(process.argv.slice(2)));
} catch (ex) {
    usage(`--certificate ${ex.message}`);
}

// ---------------------------------------------------------------------------------------------
// Microsoft Graph: authentication and routing
// ---------------------------------------------------------------------------------------------
function graphContext(req, url, version) {
    const requestId = uuid();
    return {requestId, clientRequestId: req.headers["client-request-id"] || requestId, version,
        origin: `http://${req.headers.host}`};
}

// 401 InvalidAuthenticationToken; "Access token has expired or is not yet valid." is the text the inbound
// provisioning troubleshooting page quotes.
function authenticate(req) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
    if (!m) return "Access token is empty.";
    const token = state.tokens.get(m[1]);
    if (!token) return "Access token validation failure.";
    if (token.expiresMs <= Date.now()) return "Access token has expired or is not yet valid.";
    return null;
}

function sendUnauthorized(res, ctx, message) {
    sendGraphError(res, ctx, 401, "InvalidAuthenticationToken", message, {"WWW-Authenticate":
        `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`});
}

async function handleGraph(req, res, url, version, rest) {
    const ctx = graphContext(req, url, version);
    const bulk = /^\/servicePrincipals\/([^/]+)\/synchronization\/jobs\/([^/]+)\/bulkUpload\/?$/i.exec(rest);
    const job = /^\/servicePrincipals\/([^/]+)\/synchronization\/jobs\/([^/]+)\/?$/i.exec(rest);
    const logs = /^\/auditLogs\/provisioning\/?$/i.test(rest);
    const endpoint = bulk ? "bulkUpload" : job ? "job" : logs ? "provisioningLogs" : "other";
    state.stats.requests[endpoint]++;

    const authProblem = authenticate(req);
    if (authProblem) {
        if (bulk) state.stats.bulkCallsRejected++;
        return sendUnauthorized(res, ctx, authProblem);
    }
    if (bulk) return handleBulkUpload(req, res, ctx, decodeURIComponent(bulk[1]), decodeURIComponent(bulk[2]));
    if (job) return handleJobGet(req, res, ctx, decodeURIComponent(job[1]), decodeURIComponent(job[2]));
    if (logs) return handleProvisioningLogs(req, res, ctx, url);
    const segment = rest.split("/").filter(Boolean)[0] ?? "";
    return sendGraphError(res, ctx, 400, "BadRequest", `Resource not found for the segment '${segment}'.`);
}

// ---------------------------------------------------------------------------------------------
// GET /servicePrincipals/{sp}/synchronization/jobs/{job}: a synchronizationJob (templateId API2AAD) with
// schedule and status (code, quarantine, lastExecution, ...), as in "Get synchronizationJob".
// ---------------------------------------------------------------------------------------------
function handleJobGet(req, res, ctx, sp, job) {
    if (req.method !== "GET")
        return sendGraphError(res, ctx, 405, "Request_BadRequest", `The HTTP method '${req.method}' is not allowed on a synchronization job here.`);
    if (!checkJobPath(res, ctx, sp, job)) return;
    processDue();
    sendJson(res, 200, {
        "@odata.context": `${ctx.origin}/${ctx.version}/$metadata#servicePrincipals('${opts.servicePrincipal}')/synchronization/jobs/$entity`,
        ...jobResource()
    }, graphHeaders(ctx));
}

function jobResource() {
    const quarantined = state.jobState === "Quarantine";
    return {
        id: opts.job,
        templateId: "API2AAD",
        schedule: {expiration: null, interval: "PT40M", state: state.jobState === "Paused" ? "Paused" : "Active"},
        status: {
            code: state.jobState,
            countSuccessiveCompleteFailures: 0,
            escrowsPruned: false,
            lastExecution: state.lastExecution,
            lastSuccessfulExecution: state.lastSuccessfulExecution,
            lastSuccessfulExecutionWithExports: state.lastSuccessfulExecution,
            progress: [],
            quarantine: quarantined ? {
                currentBegan: isoSeconds(state.quarantineBegan),
                nextAttempt: isoSeconds(state.quarantineBegan + 40 * 60 * 1000),
                reason: state.quarantineReason,
                seriesBegan: isoSeconds(state.quarantineBegan),
                seriesCount: 1,
                error: {code: state.quarantineReason, message: `The provisioning job is in quarantine (${state.quarantineReason}).`, tenantActionable: true}
            } : null,
            steadyStateFirstAchievedTime: "0001-01-01T00:00:00Z",
            steadyStateLastAchievedTime: "0001-01-01T00:00:00Z",
            synchronizedEntryCountByType: [{key: `${ENTERPRISE_USER} to User`, value: state.users.size}],
            troubleshootingUrl: null
        },
        synchronizationJobSettings: [{name: "QuarantineTooManyDeletesThreshold", value: "500"}]
    };
}

// ---------------------------------------------------------------------------------------------
// Test-control API (no auth): /_test/...
// ---------------------------------------------------------------------------------------------
function statsBody() {
    processDue();
    const day = new Date().toISOString().slice(0, 10);
    return {
        ...state.stats,
        requests: {...state.stats.requests},
        dailyCallsUsed: state.daily.day === day ? state.daily.count : 0,
        recordsPending: state.pending.reduce((n, b) => n + b.records.length, 0),
        jobState: state.jobState
    };
}

function usersBody() {
    processDue();
    const users = {};
    for (const u of state.users.values()) {
        users[u.externalId] = {
            externalId: u.externalId, id: u.id, userPrincipalName: u.userPrincipalName, displayName: u.displayName,
            enabled: u.enabled,
            manager: u.managerExternalId && u.managerId ? {externalId: u.managerExternalId, id: u.managerId} : null,
            pendingManager: u.pendingManager,
            attributes: u.attributes,
            createdDateTime: new Date(u.createdMs).toISOString(), lastModifiedDateTime: new Date(u.lastModifiedMs).toISOString()
        };
    }
    return {count: state.users.size, users};
}

function configBody(origin) {
    return {
        tenant: opts.tenant, clientId: opts.clientId, clientSecret: opts.clientSecret, servicePrincipal: opts.servicePrincipal,
        job: opts.job, domains: opts.domains,
        tokenEndpoint: `${origin}/${opts.tenant}/oauth2/v2.0/token`, graph: `${origin}/v1.0`,
        certificates: certificates.map((c) => ({path: c.path, x5t: c.x5t, "x5t#S256": c.x5tS256, thumbprint: c.thumbprint})),
        tokenLifetime: opts.tokenLifetime, logDelay: opts.logDelay, callsPerWindow: opts.callsPerWindow,
        windowSeconds: opts.windowSeconds, dailyCap: opts.dailyCap,
        uploadPermission: opts.uploadPermission, logPermission: opts.logPermission
    };
}

async function handleControl(req, res, url) {
    const path = url.pathname.replace(/\/+$/, "");
    const route = `${req.method} ${path}`;
    const bodyJson = async () => {
        const b = await readBody(req);
        if (!b || !b.length) return {};
        try {
            return JSON.parse(b.toString("utf8"));
        } catch {
            return null;
        }
    };
    switch (route) {
        case "GET /_test/stats": return sendJson(res, 200, statsBody());
        case "GET /_test/users": return sendJson(res, 200, usersBody());
        case "GET /_test/config": return sendJson(res, 200, configBody(`http://${req.headers.host}`));
        case "POST /_test/flush": {
            const processed = processDue(true);
            return sendJson(res, 200, {processed, pending: state.pending.reduce((n, b) => n + b.records.length, 0), jobState: state.jobState});
        }
        case "POST /_test/reset": {
            resetState();
            return sendJson(res, 200, {reset: true});
        }
        case "POST /_test/job-state": {
            const body = await bodyJson();
            const code = JOB_STATES.find((s) => s.toLowerCase() === String(body?.code ?? "").toLowerCase());
            if (!code) return sendJson(res, 400, {error: "body must be {\"code\": \"Active\"|\"Paused\"|\"Quarantine\", \"reason\"?: string}"});
            setJobState(code, typeof body.reason === "string" ? body.reason : undefined);
            return sendJson(res, 200, {code: state.jobState, pending: state.pending.reduce((n, b) => n + b.records.length, 0)});
        }
        case "POST /_test/expire-secret": {
            const body = await bodyJson();
            state.secretExpired = body?.expired !== false;
            return sendJson(res, 200, {secretExpired: state.secretExpired});
        }
        case "POST /_test/expire-tokens": {
            const now = Date.now();
            for (const t of state.tokens.values()) t.expiresMs = Math.min(t.expiresMs, now - 1);
            return sendJson(res, 200, {expired: state.tokens.size});
        }
        default:
            return sendJson(res, 404, {error: "unknown control endpoint", path: url.pathname});
    }
}

// ---------------------------------------------------------------------------------------------
// HTTP server
// ---------------------------------------------------------------------------------------------
async function handle(req, res) {
    const url = new URL(req.url, `http://${req.headers.host ?? `${opts.host}`}`);
    const path = url.pathname;
    if (path.startsWith("/_test/")) return handleControl(req, res, url);
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token\/?$/i.exec(path);
    if (token) return handleToken(req, res, url, decodeURIComponent(token[1]));
    const graph = /^\/(v1\.0|beta)(\/.*)?$/i.exec(path);
    if (graph) return handleGraph(req, res, url, graph[1].toLowerCase(), graph[2] ?? "/");
    state.stats.requests.other++;
    sendJson(res, 404, {error: "not found", path});
}

const server = http.createServer((req, res) => {
    if (opts.log) res.on("finish", () => process.stdout.write(`${new Date().toISOString()} ${req.method} ${req.url} ${res.statusCode}\n`));
    handle(req, res).catch((ex) => {
        process.stderr.write(`error: ${req.method} ${req.url}: ${ex?.stack ?? ex}\n`);
        if (!res.headersSent) sendJson(res, 500, {error: {code: "InternalServerError", message: String(ex?.message ?? ex)}});
        else res.end();
    });
});
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

// Records become visible when due even if nobody asks (lazy processing covers every reader as well).
setInterval(() => processDue(), 100).unref();

server.listen(opts.port, opts.host, () => {
    const {address, port} = server.address();
    const host = address.includes(":") ? `[${address}]` : address;
    process.stdout.write(`ready http://${host}:${port}\n`);
});
server.on("error", (ex) => {
    process.stderr.write(`server.mjs: cannot listen on ${opts.host}:${opts.port}: ${ex.code ?? ""} ${ex.message}\n`);
    process.exit(1);
});

function shutdown(sig) {
    if (opts.log) process.stdout.write(`${sig}: shutting down\n`);
    server.close(() => process.exit(0));
    server.closeAllConnections?.();
    setTimeout(() => process.exit(0), 2000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
