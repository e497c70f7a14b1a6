#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 Updraft contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the seed corpora (corpus/NAME/seed-*) the fuzz targets start from: one realistic input per format the
target reads, and the odd ones the issue names. Crashes found later go next to them as crash-* files and stay.
    tests/fuzz/make-seeds.py"""
import base64, json, os, pathlib

here = pathlib.Path(__file__).resolve().parent
root = here.parent.parent


def write(target, name, data):
    folder = here / "corpus" / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"seed-{name}").write_bytes(data if isinstance(data, bytes) else data.encode())


# The configuration reader.
example = json.loads((root / "resources/example-configuration.json").read_text())
write("configuration", "example", json.dumps(example, indent=1))
openldap = {
    "name": "example.com",
    "source": {"type": "openldap", "url": "ldap://127.0.0.1:3389", "startTls": True,
               "bindDn": "cn=admin,dc=example,dc=com", "bindPassword": {"env": "UPDRAFT_BIND_PASSWORD"},
               "baseDn": "dc=example,dc=com", "pageSize": 200, "anchorAttribute": "entryUUID"},
    "scope": {"organizationalUnits": ["ou=People,dc=example,dc=com"], "groups": ["cn=Staff,ou=Groups,dc=example,dc=com"],
              "filter": "(!(employeeType=contractor))"},
    "target": {"type": "scim", "url": "http://127.0.0.1:8080/scim/v2", "token": {"file": "/etc/updraft/token"},
               "maxAttempts": 3},
    "mapping": {"users": {"title": {"constant": "Staff"}, "nickName": {"attribute": "uid"}},
                "groups": {"description": None}},
}
write("configuration", "openldap", json.dumps(openldap))
dirsrv = json.loads(json.dumps(openldap))
dirsrv["name"] = "ds.example.com"
dirsrv["source"]["type"] = "389ds"
dirsrv["source"]["anchorAttribute"] = "nsUniqueId"
dirsrv["passwordHashSync"] = True
write("configuration", "389ds", json.dumps(dirsrv))
entra = json.loads(json.dumps(openldap))
entra["target"] = {"type": "entra-inbound", "tenant": "contoso.example", "clientId": "c1",
                   "servicePrincipalId": "sp1", "jobId": "j", "clientSecret": {"keychain": "example.com/target.token"}}
write("configuration", "entra", json.dumps(entra))
write("configuration", "control-characters", json.dumps({**openldap, "name": "hidden\u0000test\u001b[31m"}))
write("configuration", "long-name", json.dumps({**openldap, "name": "n" * 300}))
write("configuration", "wrong-types", '{"name": 1, "source": [], "scope": {"groups": "x"}, "mapping": {"users": {"a": 1}}}')

# The filter checker.
for i, f in enumerate(["(&(objectClass=user)(mail=*))", "(|(cn=a*b*c)(!(sn=\\2a)))",
                       "(memberOf:1.2.840.113556.1.4.1941:=cn=Staff,dc=x)", "(cn=Zoë\\00)", "((cn=a)",
                       "(&)", "(cn~=x)(sn>=1)", "(userAccountControl:1.2.840.113556.1.4.803:=2)"]):
    write("ldapfilter", f"filter{i}", f)

# Mapping expressions, then the entry they are evaluated on.
entry = "uid: ann\ngivenName: Ann\nsn: Smith\nmail: Ann.Smith@Example.com\ntitle:  Engineer \ncn: Ann Smith\n"
for i, e in enumerate(["lower(coalesce(userPrincipalName, concat(sAMAccountName, \"@\", $domain)))",
                       "trim(title)", "concat(givenName, \" \", sn)", "coalesce(displayName, cn)",
                       "lower(mail", "concat(\"a\", \"\\\"\", $immutableId)", "upper(replace(cn, \" \", \".\"))",
                       "join(\", \", mail, uid)", "\"unterminated"]):
    write("expression", f"expr{i}", e + "\n" + entry)

# DNs, values and range options.
for i, (dn, value, option) in enumerate([
        ("CN=Zoë\\, Ångström,OU=People,DC=corp,DC=example,DC=com", "Smith, Ann", "member;range=0-1499"),
        ("cn=a+uid=b\\2Bc,ou=People,dc=example,dc=com", " leading and trailing ", "member;range=1500-*"),
        ("uid=#04024869,dc=x", "#hash", "Member;Range=3000-2999"),
        ("CORP\\svc-updraft", "a\\b=c;d<e>f\"g", "member;range=-1-5"),
        ("svc@corp.example.com", "\u0000nul\u0001", "member;range=99999999999999999999-*"),
        ("not a dn", "日本語", "memberOf;range=0-1")]):
    write("ldapdn", f"dn{i}", f"{dn}\n{value}\n{option}")

# Directory entries as servers send them.
guid = base64.b64encode(bytes(range(16))).decode()
write("directoryvalues", "openldap", """dn: uid=ann,ou=People,dc=example,dc=com
objectClass: inetOrgPerson
uid: ann
cn: Ann Smith
sn: Smith
mail: ann@example.com
entryUUID: 6f1a5a52-8c4b-1040-8d8e-3b0d2f6c9a11
userPassword: {SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=
manager: uid=bob,ou=People,dc=example,dc=com

dn: uid=bob,ou=People,dc=example,dc=com
objectClass: inetOrgPerson
uid: bob
entryUUID: 7f1a5a52-8c4b-1040-8d8e-3b0d2f6c9a12
sambaNTPassword: 8846F7EAEE8FB117AD06BDD830B7586C
pwdReset: TRUE

dn: cn=Staff,ou=Groups,dc=example,dc=com
objectClass: groupOfNames
cn: Staff
entryUUID: 8f1a5a52-8c4b-1040-8d8e-3b0d2f6c9a13
member: uid=ann,ou=People,dc=example,dc=com
member: uid=bob,ou=People,dc=example,dc=com
""")
write("directoryvalues", "activedirectory", f"""dn: CN=Zoë\\, Ångström,OU=Staff,DC=corp,DC=example,DC=com
objectClass: user
sAMAccountName: zoe
userPrincipalName: zoe@corp.example.com
objectGUID:: {guid}
mS-DS-ConsistencyGuid:: {base64.b64encode(bytes(range(16, 32))).decode()}
userAccountControl: 514
pwdLastSet: 0
accountExpires: 9223372036854775807

dn: CN=Big,OU=Groups,DC=corp,DC=example,DC=com
objectClass: group
objectGUID:: {base64.b64encode(bytes(range(32, 48))).decode()}
member;range=0-1: CN=Zoë\\, Ångström,OU=Staff,DC=corp,DC=example,DC=com
member;range=0-1: CN=Other,OU=Staff,DC=corp,DC=example,DC=com

dn: CN=PC01,CN=Computers,DC=corp,DC=example,DC=com
objectClass: computer
objectGUID:: {base64.b64encode(bytes(range(48, 64))).decode()}
""")
write("directoryvalues", "389ds", """dn: uid=cy,ou=People,dc=example,dc=com
objectClass: inetOrgPerson
uid: cy
nsUniqueId: 66a8a981-3c1a11e1-80a6c8c9-3c0e4c67
nsAccountLock: true
userPassword: {PBKDF2-SHA512}10000$c2FsdA==$aGFzaA==
pwdUpdateTime: 20260101120000Z

dn: cn=Ops,ou=Groups,dc=example,dc=com
objectClass: groupOfUniqueNames
nsUniqueId: 76a8a981-3c1a11e1-80a6c8c9-3c0e4c67
uniqueMember: uid=cy,ou=People,dc=example,dc=com#'0101'B
""")
write("directoryvalues", "odd-values", """dn: cn=a+uid=b\\2Bc,ou=People,dc=example,dc=com
objectClass: inetOrgPerson
uid:: /w==
cn:: AAECAx8=
entryUUID: not-a-uuid
description:*65536 x
title: tab\there

dn: uid=long,ou=People,dc=example,dc=com
entryUUID: 9f1a5a52-8c4b-1040-8d8e-3b0d2f6c9a14
cn:*70000 \u00ff
mail:: gICA
""")

# SCIM answers, in the order a ScimTarget asks: ServiceProviderConfig, Schemas, ResourceTypes, then a run's
# requests (see scimresponses.cpp).
spc = {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
       "patch": {"supported": True}, "bulk": {"supported": True, "maxOperations": 100, "maxPayloadSize": 1048576},
       "filter": {"supported": True, "maxResults": 200}, "changePassword": {"supported": False},
       "sort": {"supported": False}, "etag": {"supported": True}}
schemas = {"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 2, "Resources": [
    {"id": "urn:ietf:params:scim:schemas:core:2.0:User", "attributes": [
        {"name": "userName", "type": "string", "required": True, "mutability": "readWrite", "uniqueness": "server"},
        {"name": "emails", "type": "complex", "multiValued": True, "required": True, "subAttributes": [
            {"name": "value", "type": "string"}]},
        {"name": "title", "type": "string"}, {"name": "active", "type": "boolean"},
        {"name": "externalId", "type": "string"}]},
    {"id": "urn:ietf:params:scim:schemas:core:2.0:Group", "attributes": [
        {"name": "displayName", "type": "string", "required": True},
        {"name": "members", "type": "complex", "multiValued": True, "subAttributes": [
            {"name": "value", "type": "string"}, {"name": "type", "type": "string", "canonicalValues": ["User"]}]}]}]}
types = {"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 2, "Resources": [
    {"id": "User", "name": "User", "endpoint": "/Users", "schema": "urn:ietf:params:scim:schemas:core:2.0:User",
     "schemaExtensions": [{"schema": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "required": False}]},
    {"id": "Group", "name": "Group", "endpoint": "/Groups", "schema": "urn:ietf:params:scim:schemas:core:2.0:Group"}]}
listing = {"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 1, "startIndex": 1,
           "itemsPerPage": 1, "Resources": [{"id": "u9", "externalId": "AAECAwQFBgcICQoLDA0ODw==",
                                             "userName": "ann@example.com"}]}
empty = {"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 0, "Resources": []}
error = {"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"], "status": "409", "scimType": "uniqueness",
         "detail": "userName is taken"}
bulk = {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkResponse"], "Operations": [
    {"method": "POST", "bulkId": "b1", "location": "http://scim.invalid/scim/v2/Users/u1", "status": "201",
     "version": 'W/"1"'},
    {"method": "POST", "bulkId": "b2", "status": "409", "response": error}]}
user = {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "u1", "userName": "ann@example.com",
        "meta": {"version": 'W/"2"'}}
group = {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "id": "g1", "displayName": "Staff",
         "members": [{"value": "u1", "type": "User"}]}
J = "200\nContent-Type: application/scim+json\n\n"


def answers(*bodies):
    return "\n%%\n".join(b if isinstance(b, str) else J + json.dumps(b) for b in bodies)


discovery = [J + json.dumps(spc), J + json.dumps(schemas), J + json.dumps(types)]
write("scimresponses", "run", answers(*discovery, empty, listing, J.replace("200", "201") + json.dumps(user),
                                      J.replace("200", "201") + json.dumps(group), J + json.dumps(user),
                                      "204\n\n", J + json.dumps(group), J + json.dumps(listing), "204\n\n"))
write("scimresponses", "bulk", answers(*discovery, listing, J + json.dumps(bulk), J + json.dumps(bulk)))
write("scimresponses", "errors", answers(*discovery, "409\nContent-Type: application/scim+json\n\n" + json.dumps(error),
                                         "429\nRetry-After: 1\n\n", "503\n\n<html>busy</html>",
                                         "200\nContent-Type: text/html\n\n<html><body>Sign in</body></html>",
                                         "200\n\n", J + '{"totalResults": 1, "Resources": [', "0\n\n",
                                         J + "[" * 2000, "404\n\n" + json.dumps(error)))
write("scimresponses", "no-discovery", answers("404\n\n", "404\n\n", "404\n\n", J + json.dumps(empty),
                                               J + json.dumps(listing)))
print("seeds written to", here / "corpus")
