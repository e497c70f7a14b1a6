// The Microsoft identity platform token endpoint of the Entra ID imitation (see server.mjs and README.md).
import crypto from "node:crypto";
import {opts, state, certificates, JWT_BEARER, NBF_SKEW_MS, uuid, iso7, aadTimestamp, sendJson, readBody,
    decodeJwtPart} from "./common.mjs";

// ---------------------------------------------------------------------------------------------
// Token endpoint: POST /{tenant}/oauth2/v2.0/token (OAuth 2.0 client credentials grant, Microsoft identity
// platform). Errors follow "Microsoft Entra authentication & authorization error codes": error, error_description
// ("AADSTSnnnn: text Trace ID: .. Correlation ID: .. Timestamp: .."), error_codes, timestamp, trace_id,
// correlation_id, error_uri.
// ---------------------------------------------------------------------------------------------
class AadError extends Error {
    constructor(status, error, code, message) {
        super(message);
        Object.assign(this, {status, error, code});
    }
}

function sendAadError(res, ctx, ex) {
    const ts = aadTimestamp(Date.now());
    const key = `AADSTS${ex.code}`;
    state.stats.tokenErrors[key] = (state.stats.tokenErrors[key] ?? 0) + 1;
    sendJson(res, ex.status, {
        error: ex.error,
        error_description: `AADSTS${ex.code}: ${ex.message} Trace ID: ${ctx.trace} Correlation ID: ${ctx.correlation} Timestamp: ${ts}`,
        error_codes: [ex.code],
        timestamp: ts,
        trace_id: ctx.trace,
        correlation_id: ctx.correlation,
        error_uri: `https://login.microsoftonline.com/error?code=${ex.code}`
    }, ctx.headers);
}

const knownTenant = (segment) => segment.toLowerCase() === opts.tenant.toLowerCase() || opts.domains.includes(segment.toLowerCase());

export async function handleToken(req, res, url, tenantSegment) {
    state.stats.requests.token++;
    const trace = uuid();
    const correlation = req.headers["client-request-id"] || uuid();
    const ctx = {trace, correlation, headers: {"Cache-Control": "no-store, no-cache", "Pragma": "no-cache", "x-ms-request-id": trace,
        ...(req.headers["client-request-id"] ? {"client-request-id": correlation} : {})}};
    try {
        const token = await issueToken(req, url, tenantSegment);
        sendJson(res, 200, token, ctx.headers);
    } catch (ex) {
        if (!(ex instanceof AadError)) throw ex;
        sendAadError(res, ctx, ex);
    }
}

async function issueToken(req, url, tenantSegment) {
    if (req.method !== "POST")       // AADSTS900561 BadResourceRequestInvalidRequest
        throw new AadError(400, "invalid_request", 900561, `The endpoint only accepts POST, OPTIONS requests. Received a ${req.method} request.`);
    if (["common", "consumers"].includes(tenantSegment.toLowerCase()))
        throw new AadError(400, "invalid_request", 9001023, "The grant type isn't supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.");
    if (!knownTenant(tenantSegment))
        throw new AadError(400, "invalid_request", 90002, `Tenant '${tenantSegment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`);

    const body = await readBody(req);
    const form = /^application\/x-www-form-urlencoded\b/i.test(req.headers["content-type"] ?? "") && body ? new URLSearchParams(body.toString("utf8")) : new URLSearchParams();
    const required = (name) => {
        const v = form.get(name);
        if (v === null || v === "") throw new AadError(400, "invalid_request", 900144, `The request body must contain the following parameter: '${name}'.`);
        return v;
    };
    const grantType = required("grant_type");
    if (grantType !== "client_credentials")
        throw new AadError(400, "unsupported_grant_type", 70003, `The app requested an unsupported grant type '${grantType}'.`);

    const secret = form.get("client_secret");
    const assertion = form.get("client_assertion");
    // client_id may be left out when a client assertion carries it (iss); Updraft always sends it.
    let clientId = form.get("client_id");
    if (!clientId && assertion) clientId = peekIssuer(assertion);
    if (!clientId) required("client_id");
    if (clientId !== opts.clientId)
        throw new AadError(400, "unauthorized_client", 700016, `Application with identifier '${clientId}' was not found in the directory '${tenantSegment}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);

    checkScope(required("scope"), tenantSegment);

    if (secret === null && assertion === null)
        throw new AadError(401, "invalid_client", 7000216, "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.");
    if (secret !== null && assertion !== null)
        throw new AadError(400, "invalid_request", 9002313, "Invalid request. Request is malformed or invalid. Send either 'client_secret' or 'client_assertion', not both.");

    let method;
    if (secret !== null) {
        checkSecret(secret, clientId);
        method = "secret";
    } else {
        const type = form.get("client_assertion_type");
        if (!type)
            throw new AadError(400, "invalid_request", 900144, "The request body must contain the following parameter: 'client_assertion_type'.");
        if (type !== JWT_BEARER)
            throw new AadError(400, "invalid_request", 9002313, `Invalid request. Request is malformed or invalid. 'client_assertion_type' must be '${JWT_BEARER}'.`);
        const audiences = [tenantSegment, opts.tenant, ...opts.domains].map((t) => `http://${req.headers.host}/${t}/oauth2/v2.0/token`);
        checkClientAssertion(assertion, clientId, audiences);
        method = "certificate";
    }

    const accessToken = crypto.randomBytes(48).toString("base64url");     // opaque to the client
    state.tokens.set(accessToken, {clientId, method, expiresMs: Date.now() + opts.tokenLifetime * 1000});
    state.stats.tokensIssued++;
    if (method === "secret") state.stats.tokensBySecret++;
    else state.stats.tokensByCertificate++;
    return {token_type: "Bearer", expires_in: opts.tokenLifetime, ext_expires_in: opts.tokenLifetime, access_token: accessToken};
}

// Client credential flows ask for "{resource}/.default"; Graph is https://graph.microsoft.com or its app id.
function checkScope(scope, tenantSegment) {
    const scopes = scope.trim().split(/\s+/);
    const graphDefault = /^(https:\/\/graph\.microsoft\.com|00000003-0000-0000-c000-000000000000)\/\.default$/i;
    if (scopes.length === 1 && graphDefault.test(scopes[0])) return;
    if (scopes.length > 1 && scopes.some((s) => s.endsWith("/.default")))
        throw new AadError(400, "invalid_scope", 70011, `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid. .default scope can't be combined with resource-specific scopes.`);
    const s = scopes[0];
    if (/^(https:\/\/graph\.microsoft\.com|00000003-0000-0000-c000-000000000000)\//i.test(s))
        throw new AadError(400, "invalid_scope", 1002012, `The provided value for scope ${s} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
    if (s.endsWith("/.default"))
        throw new AadError(400, "invalid_resource", 500011, `The resource principal named ${s.slice(0, -"/.default".length)} was not found in the tenant named ${tenantSegment}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`);
    throw new AadError(400, "invalid_scope", 70011, `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`);
}

function checkSecret(secret, clientId) {
    if (secret !== opts.clientSecret)
        throw new AadError(401, "invalid_client", 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`);
    if (state.secretExpired)
        throw new AadError(401, "invalid_client", 7000222, `The provided client secret keys for app '${clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds`);
}

function peekIssuer(jwt) {
    const payload = decodeJwtPart(String(jwt).split(".")[1] ?? "");
    return typeof payload?.iss === "string" ? payload.iss : null;
}

// "Microsoft identity platform application authentication certificate credentials": header alg (RS256 with x5t, or
// PS256 with x5t#S256; PSS padding), claims aud = token endpoint, iss = sub = client id, jti, exp, nbf, iat.
function checkClientAssertion(jwt, clientId, audiences) {
    const malformed = () => new AadError(401, "invalid_client", 50027, "JWT token is invalid or malformed.");
    const parts = jwt.split(".");
    if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) throw malformed();
    const header = decodeJwtPart(parts[0]);
    const claims = decodeJwtPart(parts[1]);
    if (!header || !claims) throw malformed();

    const alg = header.alg;
    if (alg !== "RS256" && alg !== "PS256")
        throw new AadError(401, "invalid_client", 5002738, `Invalid JWT token. '${alg}' is not a supported signature algorithm. Supported signing algorithms are: 'RS256, PS256'.`);

    const x5t = header.x5t, x5tS256 = header["x5t#S256"];
    const cert = certificates.find((c) => (x5t !== undefined || x5tS256 !== undefined)
        && (x5t === undefined || x5t === c.x5t) && (x5tS256 === undefined || x5tS256 === c.x5tS256));
    const presented = thumbprintHex(x5t ?? x5tS256);
    if (!cert)
        throw new AadError(401, "invalid_client", 700027, `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${presented}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${clientId}'.]`);
    const now = Date.now();
    if (now < cert.notBefore || now > cert.notAfter)
        throw new AadError(401, "invalid_client", 700027, `Client assertion contains an invalid signature. [Reason - The key used is expired., Thumbprint of key used by client: '${cert.thumbprint}', Found key 'Start=${new Date(cert.notBefore).toISOString()}, End=${new Date(cert.notAfter).toISOString()}']`);

    const signature = Buffer.from(parts[2], "base64url");
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`, "ascii");
    const key = alg === "RS256"
        ? {key: cert.publicKey, padding: crypto.constants.RSA_PKCS1_PADDING}
        : {key: cert.publicKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32};   // RFC 7518 §3.5: salt = hash length
    let valid = false;
    try {
        valid = crypto.verify("sha256", signed, key, signature);
    } catch {
        valid = false;
    }
    if (!valid)
        throw new AadError(401, "invalid_client", 700027, `Client assertion failed signature validation. [Reason - The key was found but use of the key to verify the signature failed., Thumbprint of key used by client: '${cert.thumbprint}', Found key 'Start=${new Date(cert.notBefore).toISOString()}, End=${new Date(cert.notAfter).toISOString()}']`);

    for (const name of ["aud", "iss", "sub", "jti", "exp"]) {
        if (claims[name] === undefined || claims[name] === null || claims[name] === "")
            throw new AadError(400, "invalid_request", 90014, `The required field '${name}' is missing from the credential. Ensure that you have all the necessary parameters for the login request.`);
    }
    if (claims.iss !== clientId || claims.sub !== clientId)
        throw new AadError(401, "invalid_client", 700021, `Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`);
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!aud.some((a) => audiences.includes(a)))
        throw new AadError(401, "invalid_client", 50013, `Assertion is invalid: the audience '${aud.join(", ")}' is not this token endpoint (expected '${audiences[0]}').`);
    if (typeof claims.exp !== "number" || (claims.nbf !== undefined && typeof claims.nbf !== "number")) throw malformed();
    const expMs = claims.exp * 1000;
    const nbfMs = claims.nbf === undefined ? 0 : claims.nbf * 1000;
    // Microsoft Entra ID places no upper bound on exp (certificate-credentials page); it must not be past, and
    // nbf must not be ahead (beyond a small clock skew).
    if (expMs <= now || nbfMs > now + NBF_SKEW_MS)
        throw new AadError(401, "invalid_client", 700024, `Client assertion is not within its valid time range. Current time: ${iso7(now)}, assertion valid from ${iso7(nbfMs)}, expiry time of assertion ${iso7(expMs)}. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`);
}

function thumbprintHex(b64) {
    try {
        return typeof b64 === "string" ? Buffer.from(b64, "base64url").toString("hex").toUpperCase() : "";
    } catch {
        return "";
    }
}
