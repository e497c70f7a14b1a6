// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/configuration.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

const char ValidJson[] = R"({
    "name": "example.com",
    "source": {
        "type": "openldap",
        "url": "ldap://127.0.0.1:3389",
        "startTls": true,
        "bindDn": "cn=admin,dc=example,dc=com",
        "bindPassword": {"env": "UPDRAFT_BIND_PASSWORD"},
        "baseDn": "dc=example,dc=com",
        "pageSize": 200
    },
    "scope": {
        "organizationalUnits": ["ou=People,dc=example,dc=com"],
        "groups": ["cn=Staff,ou=Groups,dc=example,dc=com"]
    },
    "target": {
        "type": "scim",
        "url": "http://127.0.0.1:8080/scim/v2",
        "token": {"file": "/etc/updraft/token"},
        "maxAttempts": 3
    },
    "mapping": {
        "users": {"title": {"constant": "Staff"}, "nickName": {"attribute": "uid"}},
        "groups": {"description": null}
    }
})";

void setAt(QJsonObject &o, QStringList path, const QJsonValue &value);

QJsonObject valid()
{
    QJsonObject o = QJsonDocument::fromJson(ValidJson).object();
    // Set here: moc's tokenizer ends a raw string at the first )" whatever its delimiter.
    setAt(o, {u"scope"_s, u"filter"_s}, u"(!(employeeType=contractor))"_s);
    return o;
}

// Sets (or with "<delete>" removes) the member at a dotted path, creating objects on the way.
void setAt(QJsonObject &o, QStringList path, const QJsonValue &value)
{
    const QString key = path.takeFirst();
    if (path.isEmpty()) {
        if (value.isString() && value.toString() == u"<delete>"_s)
            o.remove(key);
        else
            o.insert(key, value);
        return;
    }
    QJsonObject inner = o.value(key).toObject();
    setAt(inner, path, value);
    o.insert(key, inner);
}

// The valid configuration with `changes` (a JSON object: dotted path -> new value, or "<delete>") applied.
QJsonObject edited(const QString &changes)
{
    QJsonObject json = valid();
    const QJsonObject edits = QJsonDocument::fromJson(changes.toUtf8()).object();
    for (auto it = edits.begin(); it != edits.end(); ++it)
        setAt(json, it.key().split(u'.'), it.value());
    return json;
}

} // namespace

class TestConfiguration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validConfiguration();
    void defaults();
    void roundTrip();
    void errors_data();
    void errors();
    void acceptedBinds_data();
    void acceptedBinds();
    void entraTarget();
};

void TestConfiguration::validConfiguration()
{
    Configuration c;
    QStringList errors;
    QVERIFY2(Configuration::fromJson(valid(), c, &errors), qPrintable(errors.join(u'\n')));
    QVERIFY(errors.isEmpty());
    QCOMPARE(c.name, u"example.com"_s);
    QCOMPARE(c.domain, u"example.com"_s);
    QCOMPARE(c.source.type, DirectoryType::OpenLdap);
    QCOMPARE(c.source.url, QUrl(u"ldap://127.0.0.1:3389"_s));
    QVERIFY(c.source.startTls);
    QVERIFY(c.source.verifyCertificate);
    QCOMPARE(c.source.bindDn, u"cn=admin,dc=example,dc=com"_s);
    QCOMPARE(c.source.bindPassword.kind, SecretReference::Kind::Environment);
    QCOMPARE(c.source.bindPassword.name, u"UPDRAFT_BIND_PASSWORD"_s);
    QCOMPARE(c.source.baseDn, u"dc=example,dc=com"_s);
    QCOMPARE(c.source.pageSize, 200);
    QCOMPARE(c.source.timeoutSeconds, 30);
    QCOMPARE(c.scope.organizationalUnits, QStringList{u"ou=People,dc=example,dc=com"_s});
    QCOMPARE(c.scope.groups, QStringList{u"cn=Staff,ou=Groups,dc=example,dc=com"_s});
    QCOMPARE(c.scope.filter, u"(!(employeeType=contractor))"_s);
    QCOMPARE(c.target.url, QUrl(u"http://127.0.0.1:8080/scim/v2"_s));
    QCOMPARE(c.target.token.kind, SecretReference::Kind::File);
    QCOMPARE(c.target.token.name, u"/etc/updraft/token"_s);
    QVERIFY(c.target.softMatch);
    QCOMPARE(c.target.maxInFlight, 4);
    QCOMPARE(c.target.maxAttempts, 3);
    // Overrides are applied on top of the dialect's table and kept as written.
    const QJsonObject users = c.userMapping.toJson();
    QCOMPARE(users.value(u"title"_s).toObject().value(u"constant"_s).toString(), u"Staff"_s);
    QCOMPARE(users.value(u"nickName"_s).toObject().value(u"attribute"_s).toString(), u"uid"_s);
    QVERIFY(users.contains(u"userName"_s));
    QVERIFY(!c.groupMapping.toJson().contains(u"description"_s));
    QVERIFY(c.groupMapping.toJson().contains(u"displayName"_s));
    QCOMPARE(c.mappingOverrides, valid().value(u"mapping"_s).toObject());
}

void TestConfiguration::defaults()
{
    const QJsonObject minimal = QJsonDocument::fromJson(R"({
        "name": "corp.example", "domain": "mail.corp.example",
        "source": {"type": "activedirectory", "url": "ldaps://dc1.corp.example", "baseDn": "DC=corp,DC=example"},
        "scope": {"filter": "objectClass=user"},
        "target": {"type": "scim", "url": "https://scim.example.net/v2", "token": {"env": "TOKEN"}}
    })")
                                    .object();
    Configuration c;
    QStringList errors;
    QVERIFY2(Configuration::fromJson(minimal, c, &errors), qPrintable(errors.join(u'\n')));
    QCOMPARE(c.domain, u"mail.corp.example"_s);
    QCOMPARE(c.source.type, DirectoryType::ActiveDirectory);
    QVERIFY(!c.source.startTls);
    QVERIFY(!c.source.bindPassword.isSet());
    QCOMPARE(c.source.pageSize, 500);
    QVERIFY(c.scope.isEmpty());
    QCOMPARE(c.scope.filter, u"(objectClass=user)"_s); // parentheses added
    QCOMPARE(c.target.timeoutSeconds, 30);
    QCOMPARE(c.target.maxAttempts, 6);
    QCOMPARE(c.userMapping.toJson().value(u"userName"_s).toObject().value(u"expression"_s).toString(),
             u"coalesce(userPrincipalName, concat(sAMAccountName, \"@\", $domain))"_s);
}

void TestConfiguration::roundTrip()
{
    Configuration first;
    QStringList errors;
    QVERIFY(Configuration::fromJson(valid(), first, &errors));
    const QJsonObject written = first.toJson();
    Configuration second;
    QVERIFY2(Configuration::fromJson(written, second, &errors), qPrintable(errors.join(u'\n')));
    QCOMPARE(second.toJson(), written);
    QCOMPARE(second.scope, first.scope);
    QCOMPARE(second.source.bindPassword, first.source.bindPassword);
    QCOMPARE(second.userMapping.toJson(), first.userMapping.toJson());

    // A private CA's certificates for an https service are kept, and given to the target.
    QJsonObject json = valid();
    QJsonObject target = json[u"target"_s].toObject();
    target[u"url"_s] = u"https://scim.corp.example/v2"_s;
    target[u"caFile"_s] = u"/etc/updraft/corp-ca.pem"_s;
    json[u"target"_s] = target;
    Configuration withCa;
    QVERIFY2(Configuration::fromJson(json, withCa, &errors), qPrintable(errors.join(u'\n')));
    QCOMPARE(withCa.toJson()[u"target"_s][u"caFile"_s].toString(), u"/etc/updraft/corp-ca.pem"_s);
    QCOMPARE(withCa.target.settings({}).caFile, u"/etc/updraft/corp-ca.pem"_s);
}

void TestConfiguration::errors_data()
{
    QTest::addColumn<QString>("changes");      // JSON object: dotted path -> new value, or "<delete>"
    QTest::addColumn<QStringList>("expected"); // each error starts with one of these, in order

    const auto row = [](const char *name, const QString &changes, const QStringList &expected) {
        QTest::newRow(name) << changes << expected;
    };
    row("unknown top-level key", uR"({"colour": "blue"})"_s,
        {u"colour: unknown key (expected one of: name, domain, source, scope, target, mapping, passwordHashSync, safety, schedule)"_s});
    row("unknown source key", uR"({"source.port": 389})"_s,
        {u"source.port: unknown key (expected one of: type, "_s});
    row("unknown scope key", uR"({"scope.ous": []})"_s, {u"scope.ous: unknown key"_s});
    row("unknown target key", uR"({"target.tokens": {}})"_s, {u"target.tokens: unknown key"_s});
    // Entra's inbound provisioning: its own keys, one credential, no password hashes.
    const QString entra =
        uR"("target.type": "entra-inbound", "target.url": "<delete>", "target.token": "<delete>",
        "target.softMatch": "<delete>", "target.maxInFlight": "<delete>", "target.tenant": "contoso.example",
        "target.clientId": "c1", "target.servicePrincipalId": "sp1")"_s;
    row("entra without a job", u"{%1, \"target.clientSecret\": {\"env\": \"S\"}}"_s.arg(entra),
        {u"target.jobId: is required"_s});
    row("entra without a credential", u"{%1, \"target.jobId\": \"j\"}"_s.arg(entra),
        {u"target: needs clientSecret, or certificate and privateKey"_s});
    row("entra with a SCIM key",
        u"{%1, \"target.jobId\": \"j\", \"target.clientSecret\": {\"env\": \"S\"}, "
        u"\"target.url\": \"https://x\"}"_s.arg(entra),
        {u"target.url: unknown key"_s});
    row("entra with both credentials",
        u"{%1, \"target.jobId\": \"j\", \"target.clientSecret\": {\"env\": \"S\"}, "
        u"\"target.certificate\": \"/nonexistent.pem\", \"target.privateKey\": {\"env\": \"K\"}}"_s.arg(
            entra),
        {u"target.clientSecret: is not used with target.certificate"_s});
    row("entra Graph over http to another machine",
        u"{%1, \"target.jobId\": \"j\", \"target.clientSecret\": {\"env\": \"S\"}, "
        u"\"target.graph\": \"http://graph.example\"}"_s.arg(entra),
        {u"target.graph: \"http://graph.example\" must start with https://"_s});
    row("entra with password hashes",
        u"{%1, \"target.jobId\": \"j\", \"target.clientSecret\": {\"env\": \"S\"}, "
        u"\"passwordHashSync.enabled\": true}"_s.arg(entra),
        {u"passwordHashSync.enabled: Entra's inbound provisioning"_s});
    row("unknown mapping key", uR"({"mapping.devices": {}})"_s,
        {u"mapping.devices: unknown key (expected one of: users, groups)"_s});
    row("name missing", uR"({"name": "<delete>"})"_s, {u"name: is required"_s});
    row("name a number", uR"({"name": 5})"_s, {u"name: expected a string"_s});
    row("name null", uR"({"name": null})"_s, {u"name: expected a string"_s});
    row("name blank", uR"({"name": "  "})"_s, {u"name: must not be empty"_s});
    row("domain a list", uR"({"domain": ["a"]})"_s, {u"domain: expected a string"_s});
    row("source a string", uR"({"source": "ldap://x"})"_s,
        {u"source: expected an object"_s, u"source.type: is required"_s, u"source.url: is required"_s,
         u"source.baseDn: is required"_s});
    row("source missing", uR"({"source": "<delete>"})"_s,
        {u"source: is required"_s, u"source.type: is required"_s, u"source.url: is required"_s,
         u"source.baseDn: is required"_s});
    row("unknown directory type", uR"({"source.type": "novell"})"_s,
        {u"source.type: \"novell\" is not one of: openldap, activedirectory, 389ds"_s});
    row("NUL in the name", u"{\"name\": \"hidden\\u0000test\"}"_s,
        {u"name: contains a control character (U+0000 at character 7)"_s});
    row("newline in the base DN", u"{\"source.baseDn\": \"dc=example,\\ndc=com\"}"_s,
        {u"source.baseDn: contains a control character (U+000a at character 12)"_s});
    row("OpenLDAP bound by a UPN", uR"({"source.bindDn": "svc-updraft@corp.example.com"})"_s,
        {u"source.bindDn: \"svc-updraft@corp.example.com\" is not a distinguished name; OpenLDAP binds by DN"_s});
    row("389 DS bound by a down-level name", uR"({"source.type": "389ds", "source.bindDn": "CORP\\svc"})"_s,
        {u"source.bindDn: \"CORP\\svc\" is not a distinguished name; 389 Directory Server binds by DN"_s});
    row("AD bound by neither", uR"({"source.type": "activedirectory", "source.bindDn": "svc updraft"})"_s,
        {u"source.bindDn: \"svc updraft\" is not a distinguished name, a user principal name"_s});
    row("AD bound by a UPN with two @", uR"({"source.type": "activedirectory", "source.bindDn": "a@b@c"})"_s,
        {u"source.bindDn: \"a@b@c\" is not a distinguished name, a user principal name"_s});
    row("AD anchor chosen",
        uR"({"source.type": "activedirectory", "source.anchorAttribute": "employeeID"})"_s,
        {u"source.anchorAttribute: Active Directory's anchor is ms-DS-ConsistencyGuid"_s});
    row("anchor not an attribute name", uR"({"source.anchorAttribute": "entry UUID"})"_s,
        {u"source.anchorAttribute: \"entry UUID\" is not an attribute name"_s});
    row("source URL scheme", uR"({"source.url": "http://dc1"})"_s,
        {u"source.url: \"http://dc1\" is not a URL starting with ldap:// or ldaps:// or ldapi://"_s});
    row("source URL without host", uR"({"source.url": "ldap://"})"_s,
        {u"source.url: \"ldap://\" is not a URL"_s});
    row("startTls a string", uR"({"source.startTls": "yes"})"_s,
        {u"source.startTls: expected true or false"_s});
    row("startTls with ldaps", uR"({"source.url": "ldaps://dc1"})"_s,
        {u"source.startTls: StartTLS applies to ldap:// URLs"_s});
    row("verifyCertificate a number", uR"({"source.verifyCertificate": 0})"_s,
        {u"source.verifyCertificate: expected true or false"_s});
    row("pageSize zero", uR"({"source.pageSize": 0})"_s,
        {u"source.pageSize: expected a whole number from 1 to 100000"_s});
    row("pageSize fraction", uR"({"source.pageSize": 1.5})"_s,
        {u"source.pageSize: expected a whole number from 1 to 100000"_s});
    row("pageSize a string", uR"({"source.pageSize": "500"})"_s,
        {u"source.pageSize: expected a whole number from 1 to 100000"_s});
    row("timeout too long", uR"({"source.timeoutSeconds": 3601})"_s,
        {u"source.timeoutSeconds: expected a whole number from 1 to 3600"_s});
    row("bindDn not a DN", uR"({"source.bindDn": "admin"})"_s,
        {u"source.bindDn: \"admin\" is not a distinguished name"_s});
    row("password written inline", uR"({"source.bindPassword": "secret"})"_s,
        {u"source.bindPassword: a secret is never written into the configuration"_s});
    row("password reference malformed", uR"({"source.bindPassword": {"vault": "x"}})"_s,
        {u"source.bindPassword: expected {\"env\": \"VARIABLE\"} or {\"file\": \"PATH\"}"_s});
    row("password missing with bindDn", uR"({"source.bindPassword": "<delete>"})"_s,
        {u"source.bindPassword: is required"_s});
    row("baseDn missing", uR"({"source.baseDn": "<delete>"})"_s, {u"source.baseDn: is required"_s});
    row("OUs not a list", uR"({"scope.organizationalUnits": "ou=People,dc=example,dc=com"})"_s,
        {u"scope.organizationalUnits: expected a list of strings"_s});
    row("OU not a string", uR"({"scope.organizationalUnits": ["ou=People,dc=example,dc=com", 5]})"_s,
        {u"scope.organizationalUnits[1]: expected a non-empty string"_s});
    row("OU outside baseDn", uR"({"scope.organizationalUnits": ["ou=People,dc=other,dc=com"]})"_s,
        {u"scope.organizationalUnits[0]: \"ou=People,dc=other,dc=com\" is not under source.baseDn"_s});
    row("OU not a DN", uR"({"scope.organizationalUnits": ["People"]})"_s,
        {u"scope.organizationalUnits[0]: \"People\" is not a distinguished name"_s});
    row("group not a DN", uR"({"scope.groups": ["ok", "cn=x,dc=example,dc=com"]})"_s,
        {u"scope.groups[0]: \"ok\" is not a distinguished name"_s});
    row("filter malformed", uR"({"scope.filter": "(cn=x"})"_s,
        {u"scope.filter: \"(cn=x\" is not a valid LDAP filter (RFC 4515)"_s});
    row("filter a number", uR"({"scope.filter": 1})"_s, {u"scope.filter: expected a string"_s});
    row("target type", uR"({"target.type": "rest"})"_s,
        {u"target.type: \"rest\" is not supported: scim or entra-inbound"_s});
    row("target URL scheme", uR"({"target.url": "ftp://scim.example"})"_s,
        {u"target.url: \"ftp://scim.example\" is not a URL starting with http:// or https://"_s});
    row("token missing", uR"({"target.token": "<delete>"})"_s, {u"target.token: is required"_s});
    row("token empty env", uR"({"target.token": {"env": ""}})"_s, {u"target.token: expected {\"env\""_s});
    row("softMatch a number", uR"({"target.softMatch": 1})"_s,
        {u"target.softMatch: expected true or false"_s});
    row("maxInFlight too high", uR"({"target.maxInFlight": 17})"_s,
        {u"target.maxInFlight: expected a whole number from 1 to 16"_s});
    row("a CA file for plain http", uR"({"target.caFile": "/etc/updraft/ca.pem"})"_s,
        {u"target.caFile: applies to an https:// url only; target.url is \"http://127.0.0.1:8080/scim/v2\""_s});
    row("maxAttempts zero", uR"({"target.maxAttempts": 0})"_s,
        {u"target.maxAttempts: expected a whole number from 1 to 20"_s});
    row("mapping a list", uR"({"mapping": []})"_s, {u"mapping: expected an object"_s});
    row("user mapping a list", uR"({"mapping.users": []})"_s, {u"mapping.users: expected an object"_s});
    row("several problems at once", uR"({"name": 1, "source.pageSize": -1, "target.softMatch": "no"})"_s,
        {u"name: expected a string"_s, u"source.pageSize: expected a whole number"_s,
         u"target.softMatch: expected true or false"_s});
    // A mapping error names the row's full key path, like every other error.
    row("password in clear text to another machine",
        uR"({"source.url": "ldap://dc1.corp.example", "source.startTls": false})"_s,
        {u"source.url: a simple bind over ldap:// sends the password unencrypted to dc1.corp.example"_s});
    row("unsupported SASL mechanism", uR"({"source.sasl": "PLAIN", "source.bindDn": "<delete>",
        "source.bindPassword": "<delete>"})"_s,
        {u"source.sasl: \"PLAIN\" is not supported"_s});
    row("GSSAPI with a bind DN", uR"({"source.sasl": "GSSAPI"})"_s,
        {u"source.bindDn: a GSSAPI bind takes its identity from Kerberos"_s});
    row("change detection unknown", uR"({"source.changeDetection": "polling"})"_s,
        {u"source.changeDetection: \"polling\" is not one of: auto, none, usn"_s});
    row("uSNChanged is for AD", uR"({"source.changeDetection": "usn"})"_s,
        {u"source.changeDetection: \"usn\" is not one of"_s});
    row("keytab without GSSAPI", uR"({"source.keytab": "/etc/updraft/updraft.keytab"})"_s,
        {u"source.keytab: a keytab is for \"sasl\": \"GSSAPI\""_s});
    // Password hashes by replication (MS-DRSR): Active Directory's, with a logon name, not a DN.
    const QString ad = uR"("source.type": "activedirectory", "source.bindDn": "svc@corp.example")"_s;
    row("hash method unknown", u"{%1, \"source.passwordHashes\": {\"method\": \"dcsync\"}}"_s.arg(ad),
        {u"source.passwordHashes.method: \"dcsync\" is not one of: directory, replication"_s});
    row("replication from OpenLDAP", uR"({"source.passwordHashes": {"method": "replication"}})"_s,
        {u"source.passwordHashes.method: replication (MS-DRSR) is Active Directory's; OpenLDAP keeps"_s});
    row("replication account as a DN",
        u"{%1, \"source.passwordHashes\": {\"method\": \"replication\", \"account\": \"CN=r,DC=corp\", "
        u"\"password\": {\"env\": \"P\"}}}"_s.arg(ad),
        {u"source.passwordHashes.account: \"CN=r,DC=corp\" is a DN"_s});
    row("replication account without a password",
        u"{%1, \"source.passwordHashes\": {\"method\": \"replication\", \"account\": \"r@corp\"}}"_s.arg(ad),
        {u"source.passwordHashes.password: is required"_s});
    row("replication as a bind DN", uR"({"source.type": "activedirectory", "source.bindDn": "CN=svc,DC=corp",
            "source.passwordHashes": {"method": "replication"}})"_s,
        {u"source.passwordHashes.account: is required: the bind account is given as a DN (CN=svc,DC=corp)"_s});
    row("replication account with the directory method",
        u"{%1, \"source.passwordHashes\": {\"account\": \"r@corp\", \"password\": {\"env\": \"P\"}}}"_s.arg(
            ad),
        {u"source.passwordHashes.account: is for \"method\": \"replication\""_s,
         u"source.passwordHashes.password: is for"_s});
    row("user mapping externalId", uR"({"mapping.users": {"externalId": {"attribute": "uid"}}})"_s,
        {u"mapping.users.externalId: \"externalId\" cannot be mapped"_s});
    row("user mapping rule wrong type", uR"({"mapping.users": {"displayName": 5}})"_s,
        {u"mapping.users.displayName: a rule is one of"_s});
    row("group mapping bad expression", uR"({"mapping.groups": {"displayName": {"expression": "upper("}}})"_s,
        {u"mapping.groups.displayName: expression \"upper(\": at character 7: an expression is missing"_s});
}

void TestConfiguration::acceptedBinds_data()
{
    QTest::addColumn<QString>("changes");
    QTest::addRow("ldaps") << uR"({"source.url": "ldaps://dc1.corp.example", "source.startTls": false})"_s;
    QTest::addRow("StartTLS") << uR"({"source.url": "ldap://dc1.corp.example"})"_s;
    QTest::addRow("clear text, by choice")
        << uR"({"source.url": "ldap://dc1.corp.example", "source.startTls": false, "source.allowPlainBind": true})"_s;
    QTest::addRow("clear text on loopback")
        << uR"({"source.url": "ldap://127.0.0.77", "source.startTls": false})"_s;
    QTest::addRow("anonymous in clear text")
        << uR"({"source.url": "ldap://dc1.corp.example", "source.startTls": false, "source.bindDn": "<delete>",
               "source.bindPassword": "<delete>"})"_s;
    QTest::addRow("the DC's privileged socket, as libldap writes it")
        << uR"({"source.url": "ldapi://%2Fvar%2Flib%2Fsamba%2Fprivate%2Fldap_priv%2Fldapi", "source.startTls": false})"_s;
    QTest::addRow("the DC's privileged socket, as a path")
        << uR"({"source.url": "ldapi:///var/lib/samba/private/ldap_priv/ldapi", "source.startTls": false})"_s;
    QTest::addRow("AD by DN") << uR"({"source.type": "activedirectory",
        "source.bindDn": "CN=svc-updraft,CN=Users,DC=corp,DC=example,DC=com"})"_s;
    QTest::addRow("AD by user principal name")
        << uR"({"source.type": "activedirectory", "source.bindDn": "svc-updraft@corp.example.com"})"_s;
    QTest::addRow("AD by a UPN with a single-label suffix")
        << uR"({"source.type": "activedirectory", "source.bindDn": "svc@corp"})"_s;
    QTest::addRow("AD by down-level logon name")
        << uR"({"source.type": "activedirectory", "source.bindDn": "CORP\\svc-updraft"})"_s;
    QTest::addRow("389 DS with its default anchor") << uR"({"source.type": "389ds"})"_s;
    QTest::addRow("389 DS anchored by entryUUID")
        << uR"({"source.type": "389ds", "source.anchorAttribute": "entryUUID"})"_s;
    QTest::addRow("OpenLDAP anchored by employeeNumber")
        << uR"({"source.anchorAttribute": "employeeNumber"})"_s;
    QTest::addRow("AD hashes replicated as the bind account")
        << uR"({"source.type": "activedirectory", "source.bindDn": "CORP\\svc-updraft",
               "source.passwordHashes": {"method": "replication"}})"_s;
    QTest::addRow("AD hashes replicated by an account of their own")
        << uR"({"source.type": "activedirectory", "source.passwordHashes": {"method": "replication",
               "account": "svc-repl@corp.example", "password": {"env": "P"}, "server": "dc1.corp.example"}})"_s;
    QTest::addRow("GSSAPI with a keytab")
        << uR"({"source.url": "ldap://dc1.corp.example", "source.startTls": false, "source.bindDn": "<delete>",
               "source.bindPassword": "<delete>", "source.sasl": "gssapi", "source.keytab": "/etc/updraft/k.keytab"})"_s;
}

void TestConfiguration::acceptedBinds()
{
    QFETCH(QString, changes);
    const QJsonObject json = edited(changes);
    Configuration c;
    QStringList errors;
    QVERIFY2(Configuration::fromJson(json, c, &errors), qPrintable(errors.join(u'\n')));
    // What is read is what is written back.
    Configuration again;
    QVERIFY(Configuration::fromJson(c.toJson(), again, &errors));
    QCOMPARE(again.source.saslMechanism, c.source.saslMechanism);
    QCOMPARE(again.source.keytab, c.source.keytab);
    QCOMPARE(again.source.allowPlainBind, c.source.allowPlainBind);
    QCOMPARE(again.source.url, c.source.url);
    QCOMPARE(again.source.type, c.source.type);
    QCOMPARE(again.source.passwordHashes.method, c.source.passwordHashes.method);
    QCOMPARE(again.source.passwordHashes.account, c.source.passwordHashes.account);
    QCOMPARE(again.source.passwordHashes.password, c.source.passwordHashes.password);
    QCOMPARE(again.source.passwordHashes.server, c.source.passwordHashes.server);
    QCOMPARE(again.source.bindDn, c.source.bindDn);
    QCOMPARE(again.source.anchorAttribute, c.source.anchorAttribute);
    QCOMPARE(again.source.effectiveAnchorAttribute(),
             c.source.anchorAttribute.isEmpty() ? DirectoryTypes::defaultAnchorAttribute(c.source.type)
                                                : c.source.anchorAttribute);
    if (c.source.url.scheme() == u"ldapi"_s)
        QCOMPARE(c.source.url.path(), u"/var/lib/samba/private/ldap_priv/ldapi"_s);
}

void TestConfiguration::errors()
{
    QFETCH(QString, changes);
    QFETCH(QStringList, expected);

    const QJsonObject json = edited(changes);
    QVERIFY(json != valid());
    Configuration c;
    QStringList errors;
    QVERIFY(!Configuration::fromJson(json, c, &errors));
    QVERIFY(!Configuration::fromJson(json, c, nullptr));
    const QString got = errors.join(u'\n');
    QVERIFY2(errors.size() == expected.size() &&
                 std::equal(expected.cbegin(), expected.cend(), errors.cbegin(),
                            [](const QString &want, const QString &have) { return have.startsWith(want); }),
             qPrintable(u"got:\n"_s + got));
}

void TestConfiguration::entraTarget()
{
    const QJsonObject json = edited(uR"({"target.type": "entra-inbound", "target.url": "<delete>",
        "target.token": "<delete>", "target.softMatch": "<delete>", "target.maxInFlight": "<delete>",
        "target.tenant": "contoso.example", "target.clientId": "c1", "target.servicePrincipalId": "sp1",
        "target.jobId": "API2AAD.x", "target.clientSecret": {"env": "ENTRA_SECRET"},
        "target.authority": "https://login.microsoftonline.us", "target.dailyCallLimit": 6000})"_s);
    Configuration c;
    QStringList errors;
    QVERIFY2(Configuration::fromJson(json, c, &errors), qPrintable(errors.join(u'\n')));
    QVERIFY(c.target.isEntra());
    QCOMPARE(c.target.url, QUrl(u"https://graph.microsoft.com"_s)); // not said: the global cloud's Graph
    QCOMPARE(c.target.entra.authority, QUrl(u"https://login.microsoftonline.us"_s));
    QCOMPARE(c.target.token.name, u"ENTRA_SECRET"_s);
    QCOMPARE(c.target.entra.callsPerWindow, 40);
    QCOMPARE(c.target.entra.dailyCallLimit, 6000);
    const TargetSettings s = c.target.settings("secret");
    QCOMPARE(s.type, u"entra-inbound"_s);
    QCOMPARE(s.entra.jobId, u"API2AAD.x"_s);
    QCOMPARE(s.entra.servicePrincipalId, u"sp1"_s);
    QVERIFY(s.entra.certificatePem.isEmpty()); // a client secret, then
    // Written back as read.
    Configuration again;
    QVERIFY2(Configuration::fromJson(c.toJson(), again, &errors), qPrintable(errors.join(u'\n')));
    QCOMPARE(again.toJson(), c.toJson());
    QVERIFY(!c.toJson()[u"target"_s].toObject().contains(u"url"_s));
}

QTEST_GUILESS_MAIN(TestConfiguration)
#include "tst_configuration.moc"
