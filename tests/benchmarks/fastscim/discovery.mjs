// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The discovery documents of the fast SCIM service (RFC 7643 §5–7): /ServiceProviderConfig, /Schemas,
// /ResourceTypes. The same attributes the SCIM test peer declares (tests/servers/scim): the RFC 7643 core User and
// Group schemas, the enterprise User extension and Updraft's own User and Group extensions.

export const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const UPDRAFT_USER = "urn:ietf:params:scim:schemas:extension:updraft:2.0:User";
export const UPDRAFT_GROUP = "urn:ietf:params:scim:schemas:extension:updraft:2.0:Group";
export const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
export const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
export const BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";

// Write-only attributes (returned "never"): kept apart from the resource, never sent back.
export const WRITE_ONLY = {core: ["password"], [UPDRAFT_USER]: ["passwordHashFormat", "passwordHash", "passwordChangedAt"]};

function attr(name, type = "string", more = {}) {
    const a = {name, type, multiValued: false, description: "", required: false, mutability: "readWrite",
        returned: "default", ...more};
    if (type === "string" || type === "reference" || type === "binary") {
        a.caseExact ??= false;
        a.uniqueness ??= "none";
    }
    return a;
}

// A multi-valued complex attribute with value, display, type (canonicalValues) and primary.
function multi(name, types, valueType = "string", more = {}) {
    return attr(name, "complex", {multiValued: true, subAttributes: [
        attr("value", valueType, valueType === "reference" ? {referenceTypes: ["external"]} : {}),
        attr("display"),
        attr("type", "string", {canonicalValues: types}),
        attr("primary", "boolean")], ...more});
}

const userAttributes = [
    attr("userName", "string", {required: true, uniqueness: "server"}),
    attr("name", "complex", {subAttributes: ["formatted", "familyName", "givenName", "middleName", "honorificPrefix",
        "honorificSuffix"].map((n) => attr(n))}),
    attr("displayName"), attr("nickName"), attr("profileUrl", "reference", {referenceTypes: ["external"]}),
    attr("title"), attr("userType"), attr("preferredLanguage"), attr("locale"), attr("timezone"),
    attr("active", "boolean"),
    attr("password", "string", {mutability: "writeOnly", returned: "never"}),
    multi("emails", ["work", "home", "other"]),
    multi("phoneNumbers", ["work", "home", "mobile", "fax", "pager", "other"]),
    multi("ims", ["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"]),
    multi("photos", ["photo", "thumbnail"], "reference"),
    attr("addresses", "complex", {multiValued: true, subAttributes: [...["formatted", "streetAddress", "locality",
        "region", "postalCode", "country"].map((n) => attr(n)), attr("type", "string", {canonicalValues: ["work",
        "home", "other"]}), attr("primary", "boolean")]}),
    attr("groups", "complex", {multiValued: true, mutability: "readOnly", subAttributes: [
        attr("value", "string", {mutability: "readOnly"}),
        attr("$ref", "reference", {mutability: "readOnly", referenceTypes: ["User", "Group"]}),
        attr("display", "string", {mutability: "readOnly"}),
        attr("type", "string", {mutability: "readOnly", canonicalValues: ["direct", "indirect"]})]}),
    multi("entitlements", []), multi("roles", []), multi("x509Certificates", [], "binary")
];

const groupAttributes = [
    attr("displayName", "string", {required: true}),
    attr("members", "complex", {multiValued: true, subAttributes: [
        attr("value", "string", {mutability: "immutable"}),
        attr("display", "string", {mutability: "immutable"}),
        attr("$ref", "reference", {mutability: "immutable", referenceTypes: ["User", "Group"]}),
        attr("type", "string", {mutability: "immutable", canonicalValues: ["User", "Group"]})]})
];

const enterpriseAttributes = [
    attr("employeeNumber"), attr("costCenter"), attr("organization"), attr("division"), attr("department"),
    attr("manager", "complex", {subAttributes: [attr("value"), attr("$ref", "reference", {referenceTypes: ["User"]}),
        attr("displayName", "string", {mutability: "readOnly"})]})
];

const updraftUserAttributes = [
    attr("passwordHashFormat", "string", {caseExact: true, returned: "never", canonicalValues: ["PPH1_MD4", "RFC2307"]}),
    attr("passwordHash", "string", {caseExact: true, returned: "never"}),
    attr("configuration", "string", {caseExact: true}),
    attr("passwordChangedAt", "dateTime", {returned: "never"})
];

const updraftGroupAttributes = [attr("configuration", "string", {caseExact: true})];

// opts: {maxResults, bulk, bulkMaxOperations, bulkMaxPayload, updraft (declare Updraft's extensions)}
export function discoveryDocuments(opts, base) {
    const schema = (id, name, description, attributes) => ({schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
        id, name, description, attributes, meta: {resourceType: "Schema", location: `${base}/Schemas/${id}`}});
    const schemas = [
        schema(USER, "User", "User Account", userAttributes),
        schema(GROUP, "Group", "Group", groupAttributes),
        schema(ENTERPRISE, "EnterpriseUser", "Enterprise User", enterpriseAttributes)
    ];
    if (opts.updraft) {
        schemas.push(schema(UPDRAFT_USER, "UpdraftCredential", "Updraft password-hash credential", updraftUserAttributes),
            schema(UPDRAFT_GROUP, "UpdraftGroup", "Updraft group provenance", updraftGroupAttributes));
    }
    const resourceType = (id, description, endpoint, core, extensions) => ({
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"], id, name: id, description, endpoint,
        schema: core, schemaExtensions: extensions.map((s) => ({schema: s, required: false})),
        meta: {resourceType: "ResourceType", location: `${base}/ResourceTypes/${id}`}});
    const resourceTypes = [
        resourceType("User", "User Account", "/Users", USER, opts.updraft ? [ENTERPRISE, UPDRAFT_USER] : [ENTERPRISE]),
        resourceType("Group", "Group", "/Groups", GROUP, opts.updraft ? [UPDRAFT_GROUP] : [])
    ];
    const serviceProviderConfig = {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
        patch: {supported: true},
        bulk: opts.bulk ? {supported: true, maxOperations: opts.bulkMaxOperations, maxPayloadSize: opts.bulkMaxPayload}
            : {supported: false, maxOperations: 0, maxPayloadSize: 0},
        filter: {supported: true, maxResults: opts.maxResults},
        changePassword: {supported: false},
        sort: {supported: false},
        etag: {supported: false},
        authenticationSchemes: [{type: "oauthbearertoken", name: "OAuth Bearer Token",
            description: "Authentication scheme using the OAuth Bearer Token Standard",
            specUri: "https://datatracker.ietf.org/doc/html/rfc6750"}],
        meta: {resourceType: "ServiceProviderConfig", location: `${base}/ServiceProviderConfig`}
    };
    const list = (resources) => ({schemas: [LIST], totalResults: resources.length, itemsPerPage: resources.length,
        startIndex: 1, Resources: resources});
    return {serviceProviderConfig, schemas, resourceTypes, schemaList: list(schemas), resourceTypeList: list(resourceTypes)};
}
