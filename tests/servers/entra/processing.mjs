// Asynchronous processing of accepted bulkUpload records against the imitated directory, and the
// provisioningObjectSummary entries it writes (see server.mjs and README.md).
import {opts, state, ENTERPRISE_USER, APP_NAME, APP_ID, SOURCE_SYSTEM_ID, TARGET_SYSTEM_ID, uuid, isObject, isoSeconds,
    lowerKeyGet} from "./common.mjs";

// ---------------------------------------------------------------------------------------------
// Asynchronous processing. An accepted request is staged; the job processes it after --log-delay seconds, in
// order, and only while the job is Active (a paused job accepts requests but writes nothing to the logs).
// ---------------------------------------------------------------------------------------------
export function acceptBatch(records) {
    const now = Date.now();
    state.pending.push({cycleId: uuid(), acceptedMs: now, dueMs: state.jobState === "Active" ? now + opts.logDelay * 1000 : null, records});
    processDue();
}

// Processes the staged requests whose time has come (all of them when forced). Returns the number of records.
export function processDue(force = false) {
    if (state.jobState !== "Active") return 0;
    const now = Date.now();
    let processed = 0;
    while (state.pending.length && (force || (state.pending[0].dueMs !== null && state.pending[0].dueMs <= now)))
        processed += processBatch(state.pending.shift());
    return processed;
}

export function setJobState(code, reason) {
    processDue();
    state.jobState = code;
    if (code === "Quarantine") {
        state.quarantineReason = reason || "QuarantinedOnDemand";
        state.quarantineBegan = Date.now();
    }
    if (code === "Active") {           // resuming: what waited gets the usual delay from now on
        const due = Date.now() + opts.logDelay * 1000;
        for (const batch of state.pending) if (batch.dueMs === null || batch.dueMs < due) batch.dueMs = due;
        processDue();
    }
}

function processBatch(batch) {
    const began = Date.now();
    const cycle = {cycleId: batch.cycleId, failures: 0, exported: 0};
    for (const data of batch.records) processRecord(data, cycle);
    state.stats.recordsProcessed += batch.records.length;
    state.stats.lastCycleId = batch.cycleId;
    const execution = {
        activityIdentifier: batch.cycleId,
        countEntitled: batch.records.length, countEntitledForProvisioning: batch.records.length,
        countEscrowed: cycle.failures, countEscrowedRaw: cycle.failures,
        countExported: cycle.exported, countExports: cycle.exported,
        countImported: batch.records.length, countImportedDeltas: batch.records.length, countImportedReferenceDeltas: 0,
        error: null,
        state: cycle.failures ? "EntryLevelErrors" : "Succeeded",
        timeBegan: isoSeconds(began), timeEnded: isoSeconds(Date.now())
    };
    state.lastExecution = execution;
    if (!cycle.failures) state.lastSuccessfulExecution = execution;
    return batch.records.length;
}

// --- the imitated directory ---

// Flattens the SCIM user into "path -> value" (extension attributes as "urn:...:User:attr"); the anchor
// (externalId), active, the manager reference and null values (not flowed by default) are left out.
function flattenUser(data) {
    const out = {};
    const walk = (obj, prefix, sep) => {
        for (const [k, v] of Object.entries(obj)) {
            if (v === null || v === undefined) continue;
            const key = prefix ? `${prefix}${sep}${k}` : k;
            if (!prefix && ["schemas", "externalid", "active", "id", "meta"].includes(k.toLowerCase())) continue;
            if (key.toLowerCase() === `${ENTERPRISE_USER}:manager`.toLowerCase()) continue;
            if (!prefix && k.startsWith("urn:") && isObject(v)) walk(v, k, ":");
            else if (isObject(v)) walk(v, key, ".");
            else out[key] = v;
        }
    };
    walk(data, "", "");
    return out;
}

// Entra property names for the usual SCIM attributes (the default attribute mapping), for modifiedProperties.
const ENTRA_NAMES = {
    "userName": "userPrincipalName", "displayName": "displayName", "name.givenName": "givenName",
    "name.familyName": "surname", "title": "jobTitle", "preferredLanguage": "preferredLanguage", "emails": "mail",
    "phoneNumbers": "telephoneNumber", "addresses": "streetAddress",
    [`${ENTERPRISE_USER}:department`]: "department", [`${ENTERPRISE_USER}:organization`]: "companyName",
    [`${ENTERPRISE_USER}:costCenter`]: "costCenter", [`${ENTERPRISE_USER}:division`]: "division",
    [`${ENTERPRISE_USER}:employeeNumber`]: "employeeNumber"
};
const entraName = (key) => ENTRA_NAMES[key] ?? key;
const flowValue = (v) => (v === null || v === undefined ? null : typeof v === "object" ? JSON.stringify(v) : typeof v === "boolean" ? (v ? "True" : "False") : String(v));

// active: false (boolean or "false") disables, true enables, absent = not sent.
function activeOf(data) {
    const v = lowerKeyGet(data, "active");
    if (v === undefined || v === null) return undefined;
    return !(v === false || (typeof v === "string" && v.toLowerCase() === "false"));
}

// The manager reference: enterprise extension manager.value = the manager's externalId (Perform bulkUpload,
// example 1). undefined = not sent; "" = no manager.
function managerOf(data) {
    const ext = lowerKeyGet(data, ENTERPRISE_USER);
    const manager = lowerKeyGet(ext, "manager");
    if (manager === undefined) return undefined;
    if (manager === null) return "";
    const value = isObject(manager) ? lowerKeyGet(manager, "value") : manager;
    return value === undefined || value === null ? "" : String(value);
}

// userPrincipalName (mapped from userName) must be name@domain with a verified domain. Returns errorInformation
// (provisioningErrorInfo) or null.
function upnProblem(userName, selfExternalId) {
    const fail = (errorCode, reason, additionalDetails) => ({errorCode, reason, additionalDetails, errorCategory: "nonServiceFailure",
        recommendedAction: "Correct userName in the source data (or the userPrincipalName attribute mapping) and send the record again."});
    if (typeof userName !== "string" || !userName.trim())
        return fail("AzureActiveDirectoryInvalidUserPrincipalName", "Failed to create the User in Microsoft Entra ID: the userPrincipalName attribute (mapped from userName) is missing or empty.", null);
    const at = userName.indexOf("@");
    if (at <= 0 || at !== userName.lastIndexOf("@") || at === userName.length - 1)
        return fail("AzureActiveDirectoryInvalidUserPrincipalName", `Property userPrincipalName is invalid: '${userName}' is not of the form name@domain.`, null);
    const domain = userName.slice(at + 1).toLowerCase();
    if (!opts.domains.includes(domain))
        return fail("AzureActiveDirectoryInvalidUserPrincipalName", `The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization. The domain '${domain}' does not exist in the tenant.`, `Verified domains: ${opts.domains.join(", ")}`);
    for (const u of state.users.values()) {
        if (u.externalId !== selfExternalId && u.userPrincipalName.toLowerCase() === userName.toLowerCase())
            return fail("AzureActiveDirectoryEntryConflict", `Another object with the same value for property userPrincipalName already exists ('${userName}', User '${u.externalId}').`, null);
    }
    return null;
}

function displayNameOf(data, fallback) {
    const dn = lowerKeyGet(data, "displayName");
    if (typeof dn === "string" && dn) return dn;
    const name = lowerKeyGet(data, "name");
    const given = lowerKeyGet(name, "givenName"), family = lowerKeyGet(name, "familyName");
    return [given, family].filter(Boolean).join(" ") || fallback || "";
}

// --- provisioningObjectSummary entries ("provisioningObjectSummary resource type", "List
// provisioningObjectSummary" examples, and Microsoft's sample of API-driven provisioning logs) ---

const step = (name, provisioningStepType, status, description, details = {}) => ({name, provisioningStepType, status, description, details});

function addLogEntry({cycle, changeId, action, status, externalId, sourceName, user, steps, modified = [], error = null, durationMs}) {
    const now = Date.now();
    const entry = {
        id: uuid(),
        activityDateTime: isoSeconds(now),
        tenantId: opts.tenant,
        jobId: opts.job,
        cycleId: cycle.cycleId,
        changeId,
        provisioningAction: action,
        durationInMilliseconds: durationMs,
        initiatedBy: {id: "", displayName: "Azure AD Provisioning Service", initiatorType: "system"},
        servicePrincipal: {id: opts.servicePrincipal, displayName: APP_NAME},
        sourceSystem: {id: SOURCE_SYSTEM_ID, displayName: "API", details: {}},
        targetSystem: {id: TARGET_SYSTEM_ID, displayName: "Microsoft Entra ID",
            details: {ApplicationId: APP_ID, ServicePrincipalId: opts.servicePrincipal, ServicePrincipalDisplayName: APP_NAME}},
        sourceIdentity: {id: externalId, displayName: sourceName ?? "", identityType: ENTERPRISE_USER, details: {}},
        targetIdentity: user
            ? {id: user.id, displayName: user.displayName, identityType: "User",
                details: {id: user.id, odatatype: "User", DisplayName: user.displayName, UserPrincipalName: user.userPrincipalName}}
            : {id: "", displayName: "", identityType: "User", details: {}},
        provisioningStatusInfo: {status, errorInformation: error},
        provisioningSteps: steps,
        modifiedProperties: modified
    };
    state.logs.push({seq: ++state.seq, ms: now, entry});
    state.stats.logEntries++;
    state.stats.results[status] = (state.stats.results[status] ?? 0) + 1;
    state.stats.actions[action] = (state.stats.actions[action] ?? 0) + 1;
    if (status === "failure") cycle.failures++;
    if (status === "success" && action !== "other") cycle.exported++;
}

function importStep(externalId, data) {
    const details = {externalId};
    for (const k of ["userName", "displayName"]) {
        const v = lowerKeyGet(data, k);
        if (v !== undefined && v !== null) details[k] = String(v);
    }
    const manager = managerOf(data);
    if (manager) details[`${ENTERPRISE_USER}:manager`] = manager;
    return step("EntryImportAdd", "import", "success", `Received User '${externalId}' change of type (Add) from API`, details);
}

function scopingStep(active) {
    return step("EntrySynchronizationScoping", "scoping", "success", "Determine if User in scope by evaluating against each scoping filter",
        {"Active in the source system": active === false ? "False" : "True", "Scoping filter evaluation passed": "True", "ScopeEvaluationResult": "{}"});
}

// The documented warning for a manager that cannot be resolved yet: the user is provisioned, the log entry
// has a processing step EntrySynchronizationSkip with SkipReason UnableToResolveReferenceAttributeValue, and the
// reference is set by a later "update" entry once the manager exists.
function unresolvedManagerStep(managerExternalId, upn) {
    return step("EntrySynchronizationSkip", "processing", "success",
        `We were unable to assign ${managerExternalId} as the manager of ${upn}. In order to ensure that the references are updated properly, you have two options. First, ensure that ${managerExternalId} is in scope for provisioning. Provision ${managerExternalId} on-demand and then provision ${upn} on-demand. Alternatively, you can restart provisioning after ensuring that ${managerExternalId} is in scope for provisioning. `,
        {[managerExternalId]: "manager Add", PropertyName: "manager", SkipReason: "UnableToResolveReferenceAttributeValue"});
}

// Sets user's manager to managerExternalId if that user exists; otherwise leaves it pending. Returns
// {modified: [...], steps: [...]} for the log entry.
// An unresolved reference leaves the current manager in place until the new one exists.
function assignManager(user, managerExternalId) {
    const oldId = user.managerId;
    if (!managerExternalId) {
        user.managerExternalId = null;
        user.managerId = null;
        user.pendingManager = null;
        return {modified: oldId ? [{displayName: "manager", oldValue: oldId, newValue: null}] : [], steps: []};
    }
    const manager = state.users.get(managerExternalId);
    if (manager) {
        user.managerExternalId = managerExternalId;
        user.managerId = manager.id;
        user.pendingManager = null;
        return {modified: oldId === manager.id ? [] : [{displayName: "manager", oldValue: oldId, newValue: manager.id}], steps: []};
    }
    user.pendingManager = managerExternalId;
    return {modified: [], steps: [unresolvedManagerStep(managerExternalId, user.userPrincipalName)]};
}

// Once a user exists, references to it that were waiting are resolved, each with an "update" entry (as in
// Microsoft's sample log: same changeId as the entry that left the reference unresolved).
function resolveWaitingReferences(created, cycle) {
    for (const user of state.users.values()) {
        if (user.pendingManager !== created.externalId) continue;
        const oldId = user.managerId;
        user.managerExternalId = created.externalId;
        user.managerId = created.id;
        user.pendingManager = null;
        user.lastModifiedMs = Date.now();
        addLogEntry({cycle, changeId: user.changeId, action: "update", status: "success", externalId: user.externalId,
            sourceName: "", user, durationMs: 420,
            steps: [step("EntryExportUpdate", "export", "success", `User '${user.externalId}' was updated in Microsoft Entra ID`,
                {ReportableIdentifier: user.externalId})],
            modified: [{displayName: "manager", oldValue: oldId, newValue: created.id}]});
    }
}

// One record of a bulk request: create, update, disable or skip the user matched by externalId.
function processRecord(data, cycle) {
    const externalId = String(lowerKeyGet(data, "externalId")).trim();
    const active = activeOf(data);
    const known = state.users.get(externalId);
    const changeId = uuid();
    const sourceName = displayNameOf(data, "");
    const steps = [importStep(externalId, data)];
    if (!known) return createUser(data, {externalId, active, changeId, sourceName, steps}, cycle);
    return updateUser(data, known, {externalId, active, changeId, sourceName, steps}, cycle);
}

function createUser(data, {externalId, active, changeId, sourceName, steps}, cycle) {
    steps.push(scopingStep(active));
    const base = {cycle, changeId, externalId, sourceName};
    if (active === false) {
        // Not active in the source and not in the target: nothing to do (not created).
        steps.push(step("EntrySynchronizationSkipped", "matching", "skipped",
            `User '${externalId}' will be skipped (the User is not active in API, and no matching User was found in Microsoft Entra ID)`,
            {SkipReason: "NotActiveInSourceAndNotFoundInTarget"}));
        return addLogEntry({...base, action: "other", status: "skipped", steps, durationMs: 60});
    }
    steps.push(step("EntrySynchronizationAdd", "matching", "success",
        `User '${externalId}' will be created in Microsoft Entra ID (User is active and assigned in API, but no matching User was found in Microsoft Entra ID)`));
    const userName = lowerKeyGet(data, "userName");
    const problem = upnProblem(userName, externalId);
    if (problem) {
        steps.push(step("EntryExportAdd", "export", "failure", `Failed to create User '${userName ?? externalId}' in Microsoft Entra ID`,
            {ReportableIdentifier: externalId}));
        return addLogEntry({...base, action: "create", status: "failure", steps, error: problem, durationMs: 800});
    }
    const now = Date.now();
    const user = {id: uuid(), externalId, userPrincipalName: userName, displayName: displayNameOf(data, userName), enabled: true,
        attributes: flattenUser(data), managerExternalId: null, managerId: null, pendingManager: null, changeId,
        createdMs: now, lastModifiedMs: now};
    state.users.set(externalId, user);
    const manager = managerOf(data);
    const reference = manager === undefined ? {modified: [], steps: []} : assignManager(user, manager);
    steps.push(...reference.steps);
    const modified = [
        {displayName: "employeeId", oldValue: null, newValue: externalId},
        ...Object.entries(user.attributes).map(([k, v]) => ({displayName: entraName(k), oldValue: null, newValue: flowValue(v)})),
        {displayName: "accountEnabled", oldValue: null, newValue: "True"},
        ...reference.modified
    ];
    const exportDetails = Object.fromEntries(modified.map((m) => [m.displayName, m.newValue]));
    steps.push(step("EntryExportAdd", "export", "success", `User '${user.userPrincipalName}' was created in Microsoft Entra ID`,
        {...exportDetails, ReportableIdentifier: externalId}));
    addLogEntry({...base, action: "create", status: "success", user, steps, modified, durationMs: 1200});
    resolveWaitingReferences(user, cycle);
}

function updateUser(data, user, {externalId, active, changeId, sourceName, steps}, cycle) {
    steps.push(step("EntryImport", "matching", "success", `Retrieved '${user.userPrincipalName}' from Microsoft Entra ID`,
        {objectId: user.id, accountEnabled: user.enabled ? "True" : "False", employeeId: externalId, userPrincipalName: user.userPrincipalName}));
    steps.push(scopingStep(active));
    const base = {cycle, changeId, externalId, sourceName};

    const incoming = flattenUser(data);
    const changed = Object.keys(incoming).filter((k) => JSON.stringify(incoming[k]) !== JSON.stringify(user.attributes[k]));
    if (changed.includes("userName")) {
        const problem = upnProblem(incoming.userName, externalId);
        if (problem) {
            steps.push(step("EntryExportUpdate", "export", "failure", `Failed to update User '${user.userPrincipalName}' in Microsoft Entra ID`,
                {ReportableIdentifier: externalId}));
            return addLogEntry({...base, action: "update", status: "failure", user, steps, error: problem, durationMs: 600});
        }
    }
    const disable = active === false && user.enabled;
    const enable = active === true && !user.enabled;
    const manager = managerOf(data);
    const managerChange = manager !== undefined && (manager || null) !== (user.pendingManager ?? user.managerExternalId);

    if (!changed.length && !disable && !enable && !managerChange) {
        // "Other": the source and target details already match, so no change was made.
        steps.push(step("EntrySynchronizationNone", "matching", "skipped",
            `User '${externalId}' will not be updated in Microsoft Entra ID (no change: the source and target details already match)`,
            {SkipReason: "NoChange"}));
        return addLogEntry({...base, action: "other", status: "skipped", user, steps, durationMs: 50});
    }

    const modified = changed.map((k) => ({displayName: entraName(k), oldValue: flowValue(user.attributes[k]), newValue: flowValue(incoming[k])}));
    for (const k of changed) user.attributes[k] = incoming[k];
    if (changed.includes("userName")) user.userPrincipalName = incoming.userName;
    if (changed.some((k) => ["displayName", "name.givenName", "name.familyName"].includes(k)))
        user.displayName = displayNameOf({displayName: user.attributes.displayName,
            name: {givenName: user.attributes["name.givenName"], familyName: user.attributes["name.familyName"]}}, user.userPrincipalName);
    if (disable || enable) {
        modified.push({displayName: "accountEnabled", oldValue: user.enabled ? "True" : "False", newValue: enable ? "True" : "False"});
        user.enabled = enable;
    }
    if (managerChange) {
        const reference = assignManager(user, manager);
        modified.push(...reference.modified);
        steps.push(...reference.steps);
    }
    user.changeId = changeId;
    user.lastModifiedMs = Date.now();
    if (!modified.length) {
        // Only an unresolved manager reference arrived: nothing was written yet.
        return addLogEntry({...base, action: "other", status: "success", user, steps, durationMs: 120});
    }
    const action = disable ? "disable" : "update";
    steps.push(step(disable ? "EntryExportDisable" : "EntryExportUpdate", "export", "success",
        `User '${user.userPrincipalName}' was ${disable ? "disabled" : "updated"} in Microsoft Entra ID`, {ReportableIdentifier: externalId}));
    addLogEntry({...base, action, status: "success", user, steps, modified, durationMs: 420});
}
