// GET /auditLogs/provisioning of the Entra ID imitation: the query, paging and a small OData $filter parser
// (see server.mjs and README.md).
import {opts, state, LOG_PAGE_DEFAULT, LOG_PAGE_MAX, b64url, lowerKeyGet, decodeJwtPart, sendJson, graphHeaders,
    sendGraphError} from "./common.mjs";
import {processDue} from "./processing.mjs";

// ---------------------------------------------------------------------------------------------
// GET /auditLogs/provisioning ("List provisioningObjectSummary"): $filter (eq, ne, gt, ge, lt, le, contains,
// startswith, and/or/not, parentheses; property names case-insensitive, values case-sensitive), $top, $orderby
// activityDateTime, paging with an absolute @odata.nextLink ($skiptoken). Newest first by default.
// ---------------------------------------------------------------------------------------------
class ODataError extends Error {}

export function handleProvisioningLogs(req, res, ctx, url) {
    if (req.method !== "GET")
        return sendGraphError(res, ctx, 405, "Request_BadRequest", `The HTTP method '${req.method}' is not allowed on auditLogs/provisioning.`);
    // 403 without ProvisioningLog.Read.All (or AuditLog.Read.All).
    if (!opts.logPermission) return sendGraphError(res, ctx, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    processDue();
    let page;
    try {
        page = queryLogs(url.searchParams, ctx);
    } catch (ex) {
        if (!(ex instanceof ODataError)) throw ex;
        return sendGraphError(res, ctx, 400, "BadRequest", ex.message);
    }
    sendJson(res, 200, page, graphHeaders(ctx));
}

function queryLogs(params, ctx) {
    const filterText = params.get("$filter");
    const predicate = filterText ? parseFilter(filterText) : () => true;
    const topText = params.get("$top");
    const top = topText === null ? LOG_PAGE_DEFAULT : Number(topText);
    if (!Number.isInteger(top) || top < 1 || top > LOG_PAGE_MAX)
        throw new ODataError(`Invalid $top value '${topText}'. It must be an integer between 1 and ${LOG_PAGE_MAX}.`);
    const orderby = (params.get("$orderby") ?? "activityDateTime desc").trim();
    const om = /^activityDateTime(?:\s+(asc|desc))?$/i.exec(orderby);
    if (!om) throw new ODataError(`Unsupported $orderby '${orderby}'; only activityDateTime asc|desc is supported.`);
    const descending = (om[1] ?? "asc").toLowerCase() === "desc";
    let after = null;
    const skiptoken = params.get("$skiptoken");
    if (skiptoken !== null) {
        after = decodeJwtPart(skiptoken)?.after;
        if (!Number.isInteger(after)) throw new ODataError("Invalid $skiptoken.");
    }

    let rows = state.logs.filter((r) => predicate(r));
    rows = descending ? rows.reverse() : rows;
    if (after !== null) rows = rows.filter((r) => (descending ? r.seq < after : r.seq > after));
    const pageRows = rows.slice(0, top);
    const body = {"@odata.context": `${ctx.origin}/${ctx.version}/$metadata#auditLogs/provisioning`, value: pageRows.map((r) => r.entry)};
    if (rows.length > top) {
        const next = [];
        if (filterText) next.push(`$filter=${encodeURIComponent(filterText)}`);
        next.push(`$top=${top}`);
        if (params.get("$orderby")) next.push(`$orderby=${encodeURIComponent(params.get("$orderby"))}`);
        next.push(`$skiptoken=${b64url(JSON.stringify({after: pageRows[pageRows.length - 1].seq}))}`);
        body["@odata.nextLink"] = `${ctx.origin}/${ctx.version}/auditLogs/provisioning?${next.join("&")}`;
    }
    return body;
}

// --- a small OData $filter parser; returns a predicate over log rows ---
const TOP_LEVEL = ["id", "activityDateTime", "tenantId", "jobId", "cycleId", "changeId", "provisioningAction",
    "durationInMilliseconds", "initiatedBy", "servicePrincipal", "sourceSystem", "targetSystem", "sourceIdentity",
    "targetIdentity", "provisioningStatusInfo", "provisioningSteps", "modifiedProperties"];

function tokenizeFilter(text) {
    const re = /\s*(?:(\()|(\))|(,)|'((?:[^']|'')*)'|(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))|(-?\d+(?:\.\d+)?)(?![\w-])|([A-Za-z_][\w]*(?:\/[A-Za-z_][\w]*)*))\s*/y;
    const tokens = [];
    let pos = 0;
    while (pos < text.length) {
        re.lastIndex = pos;
        const m = re.exec(text);
        if (!m || m[0].length === 0) {
            if (/^\s*$/.test(text.slice(pos))) break;
            throw new ODataError(`Syntax error at position ${pos} in '${text}'.`);
        }
        pos = re.lastIndex;
        if (m[1]) tokens.push({t: "("});
        else if (m[2]) tokens.push({t: ")"});
        else if (m[3]) tokens.push({t: ","});
        else if (m[4] !== undefined) tokens.push({t: "str", v: m[4].replace(/''/g, "'")});
        else if (m[5]) tokens.push({t: "date", v: m[5]});
        else if (m[6]) tokens.push({t: "num", v: Number(m[6])});
        else tokens.push({t: "id", v: m[7]});
    }
    return tokens;
}

function parseFilter(text) {
    const tokens = tokenizeFilter(text);
    let i = 0;
    const peek = () => tokens[i];
    const isWord = (tok, w) => tok?.t === "id" && tok.v.toLowerCase() === w;
    const expect = (t) => {
        if (peek()?.t !== t) throw new ODataError(`Syntax error: '${t}' expected in '${text}'.`);
        return tokens[i++];
    };

    const property = (name) => {
        const segments = name.split("/");
        const top = TOP_LEVEL.find((p) => p.toLowerCase() === segments[0].toLowerCase());
        if (!top) throw new ODataError(`Could not find a property named '${segments[0]}' on type 'microsoft.graph.provisioningObjectSummary'.`);
        const isDate = top === "activityDateTime" && segments.length === 1;
        const isNumber = top === "durationInMilliseconds" && segments.length === 1;
        const get = (row) => (isDate ? row.ms : segments.slice(1).reduce((v, s) => lowerKeyGet(v, s), row.entry[top]));
        return {name, get, type: isDate ? "date" : isNumber ? "num" : "str"};
    };
    const literal = () => {
        const tok = tokens[i++];
        if (!tok) throw new ODataError(`Syntax error: a value is expected at the end of '${text}'.`);
        if (tok.t === "str" || tok.t === "date" || tok.t === "num") return tok;
        if (isWord(tok, "null")) return {t: "null", v: null};
        if (isWord(tok, "true") || isWord(tok, "false")) return {t: "bool", v: tok.v.toLowerCase() === "true"};
        throw new ODataError(`Syntax error: unexpected '${tok.v ?? tok.t}' where a value is expected in '${text}'.`);
    };
    const EDM = {str: "Edm.String", date: "Edm.DateTimeOffset", num: "Edm.Int32", bool: "Edm.Boolean"};
    const OPS = {eq: "Equal", ne: "NotEqual", gt: "GreaterThan", ge: "GreaterThanOrEqual", lt: "LessThan", le: "LessThanOrEqual"};
    const comparison = (prop, op, lit) => {
        if (lit.t !== "null" && lit.t !== prop.type)
            throw new ODataError(`A binary operator with incompatible types was detected. Found operand types '${EDM[prop.type]}' and '${EDM[lit.t] ?? lit.t}' for operator kind '${OPS[op]}'.`);
        const want = lit.t === "date" ? Date.parse(lit.v) : lit.v;
        return (row) => {
            const v = prop.get(row);
            if (lit.t === "null") return op === "eq" ? v === null || v === undefined : op === "ne" ? !(v === null || v === undefined) : false;
            if (v === null || v === undefined) return op === "ne";
            switch (op) {
                case "eq": return v === want;
                case "ne": return v !== want;
                case "gt": return v > want;
                case "ge": return v >= want;
                case "lt": return v < want;
                default: return v <= want;
            }
        };
    };
    const primary = () => {
        const tok = peek();
        if (tok?.t === "(") {
            i++;
            const inner = orExpr();
            expect(")");
            return inner;
        }
        if (isWord(tok, "not")) {
            i++;
            const inner = primary();
            return (row) => !inner(row);
        }
        if (tok?.t !== "id") throw new ODataError(`Syntax error: a property is expected in '${text}'.`);
        i++;
        const fn = tok.v.toLowerCase();
        if (peek()?.t === "(" && ["contains", "startswith", "endswith"].includes(fn)) {
            i++;
            const prop = property(expect("id").v);
            expect(",");
            const value = expect("str").v;
            expect(")");
            const test = {contains: (s) => s.includes(value), startswith: (s) => s.startsWith(value), endswith: (s) => s.endsWith(value)}[fn];
            return (row) => {
                const v = prop.get(row);
                return typeof v === "string" && test(v);
            };
        }
        const prop = property(tok.v);
        const opTok = tokens[i++];
        const op = opTok?.t === "id" ? opTok.v.toLowerCase() : "";
        if (!OPS[op]) throw new ODataError(`Syntax error: an operator (eq, ne, gt, ge, lt, le) is expected after '${tok.v}' in '${text}'.`);
        return comparison(prop, op, literal());
    };
    const andExpr = () => {
        let left = primary();
        while (isWord(peek(), "and")) {
            i++;
            const l = left, r = primary();
            left = (row) => l(row) && r(row);
        }
        return left;
    };
    const orExpr = () => {
        let left = andExpr();
        while (isWord(peek(), "or")) {
            i++;
            const l = left, r = andExpr();
            left = (row) => l(row) || r(row);
        }
        return left;
    };
    const predicate = orExpr();
    if (i !== tokens.length) throw new ODataError(`Syntax error: unexpected '${tokens[i].v ?? tokens[i].t}' in '${text}'.`);
    return predicate;
}
