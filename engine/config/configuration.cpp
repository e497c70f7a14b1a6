// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/configuration.h"

#include "source/ldapdn.h"
#include "source/ldapfilter.h"

#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

// Reads typed members and collects "path: problem" messages.
class Reader
{
public:
    explicit Reader(QStringList &errors)
        : m_errors(errors)
    {}

    void error(const QString &path, const QString &message)
    {
        m_errors.append(u"%1: %2"_s.arg(path, message));
    }

    void allowOnly(const QJsonObject &o, const QString &path, const QStringList &keys)
    {
        for (auto it = o.begin(); it != o.end(); ++it)
            if (!keys.contains(it.key()))
                error(join(path, it.key()), u"unknown key (expected one of: %1)"_s.arg(keys.join(u", "_s)));
    }
    QJsonObject object(const QJsonObject &o, const QString &key, const QString &path, bool required)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            if (required)
                error(join(path, key), u"is required"_s);
            return {};
        }
        if (!v.isObject())
            error(join(path, key), u"expected an object"_s);
        return v.toObject();
    }
    QString string(const QJsonObject &o, const QString &key, const QString &path, bool required,
                   const QString &fallback = {})
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            if (required)
                error(join(path, key), u"is required"_s);
            return fallback;
        }
        if (!v.isString()) {
            error(join(path, key), u"expected a string"_s);
            return fallback;
        }
        if (required && v.toString().trimmed().isEmpty())
            error(join(path, key), u"must not be empty"_s);
        // Settings become file names, keychain keys, filters and log lines: printable text only.
        const QString text = v.toString();
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (text.at(i).category() == QChar::Other_Control) {
                error(join(path, key), u"contains a control character (U+%1 at character %2); only printable "
                                       u"text is allowed"_s.arg(text.at(i).unicode(), 4, 16, QChar(u'0'))
                                           .arg(i + 1));
                return fallback;
            }
        }
        return text.trimmed();
    }
    bool boolean(const QJsonObject &o, const QString &key, const QString &path, bool fallback)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return fallback;
        if (!v.isBool()) {
            error(join(path, key), u"expected true or false"_s);
            return fallback;
        }
        return v.toBool();
    }
    int integer(const QJsonObject &o, const QString &key, const QString &path, int fallback, int min, int max)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return fallback;
        if (!v.isDouble() || v.toDouble() != double(v.toInt()) || v.toInt() < min || v.toInt() > max) {
            error(join(path, key), u"expected a whole number from %1 to %2"_s.arg(min).arg(max));
            return fallback;
        }
        return v.toInt();
    }
    QStringList strings(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = o.value(key);
        QStringList out;
        if (v.isUndefined())
            return out;
        if (!v.isArray()) {
            error(join(path, key), u"expected a list of strings"_s);
            return out;
        }
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a[i].isString() || a[i].toString().trimmed().isEmpty())
                error(u"%1[%2]"_s.arg(join(path, key)).arg(i), u"expected a non-empty string"_s);
            else
                out.append(a[i].toString().trimmed());
        }
        return out;
    }
    QUrl url(const QJsonObject &o, const QString &key, const QString &path, const QStringList &schemes)
    {
        const QString text = string(o, key, path, true);
        if (text.isEmpty())
            return {};
        // libldap writes a socket path into an ldapi URL percent-encoded, as its host
        // ("ldapi://%2Fvar%2Flib%2Fsamba%2Fprivate%2Fldap_priv%2Fldapi"); QUrl holds it as the path.
        QString normalized = text;
        if (text.startsWith(u"ldapi://%2f"_s, Qt::CaseInsensitive))
            normalized = u"ldapi://"_s + QUrl::fromPercentEncoding(text.mid(8).toUtf8());
        const QUrl u(normalized, QUrl::StrictMode);
        if (!u.isValid() || !schemes.contains(u.scheme().toLower()) ||
            (u.host().isEmpty() && u.scheme() != u"ldapi"_s))
            error(join(path, key),
                  u"\"%1\" is not a URL starting with %2"_s.arg(text, schemes.join(u":// or "_s) + u"://"_s));
        return u;
    }
    SecretReference secret(const QJsonObject &o, const QString &key, const QString &path, bool required)
    {
        SecretReference ref;
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            if (required)
                error(join(path, key), u"is required ({\"env\": \"VARIABLE\"} or {\"file\": \"PATH\"})"_s);
            return ref;
        }
        QString why;
        if (!SecretReference::fromJson(v, ref, &why))
            error(join(path, key), why);
        return ref;
    }
    void dn(const QString &value, const QString &path)
    {
        if (Ldap::normalizeDn(value).isEmpty())
            error(path, u"\"%1\" is not a distinguished name"_s.arg(value));
    }
    static QString join(const QString &path, const QString &key)
    {
        return path.isEmpty() ? key : path + u'.' + key;
    }

private:
    QStringList &m_errors;
};

void readScimTarget(Reader &r, const QJsonObject &target, TargetConfiguration &out)
{
    r.allowOnly(target, u"target"_s,
                {u"type"_s, u"url"_s, u"token"_s, u"softMatch"_s, u"nestedGroups"_s, u"maxInFlight"_s,
                 u"timeoutSeconds"_s, u"maxAttempts"_s, u"caFile"_s});
    if (!out.type.isEmpty() && out.type != u"scim"_s)
        r.error(u"target.type"_s, u"\"%1\" is not supported: scim or entra-inbound"_s.arg(out.type));
    out.url = r.url(target, u"url"_s, u"target"_s, {u"http"_s, u"https"_s});
    out.token = r.secret(target, u"token"_s, u"target"_s, true);
    out.softMatch = r.boolean(target, u"softMatch"_s, u"target"_s, true);
    out.nestedGroups = r.string(target, u"nestedGroups"_s, u"target"_s, false);
    if (out.nestedGroups.isEmpty())
        out.nestedGroups = u"flatten"_s;
    else if (out.nestedGroups != u"flatten"_s && out.nestedGroups != u"skip"_s)
        r.error(u"target.nestedGroups"_s,
                u"\"%1\" is not a choice: flatten (a nested group's users become members) or skip"_s.arg(
                    out.nestedGroups));
    out.maxInFlight = r.integer(target, u"maxInFlight"_s, u"target"_s, 4, 1, 16);
    out.caFile = r.string(target, u"caFile"_s, u"target"_s, false);
    if (!out.caFile.isEmpty() && out.url.isValid() && out.url.scheme() != u"https"_s)
        r.error(u"target.caFile"_s,
                u"applies to an https:// url only; target.url is \"%1\""_s.arg(out.url.toString()));
}

// Entra's API-driven inbound provisioning: where the token comes from, and which job takes the users.
void readEntraTarget(Reader &r, const QJsonObject &target, TargetConfiguration &out)
{
    r.allowOnly(target, u"target"_s,
                {u"type"_s, u"graph"_s, u"authority"_s, u"tenant"_s, u"clientId"_s, u"clientSecret"_s,
                 u"certificate"_s, u"privateKey"_s, u"servicePrincipalId"_s, u"jobId"_s, u"callsPerWindow"_s,
                 u"windowSeconds"_s, u"dailyCallLimit"_s, u"timeoutSeconds"_s, u"maxAttempts"_s});
    EntraConfiguration &e = out.entra;
    out.url = target.contains(u"graph"_s) ? r.url(target, u"graph"_s, u"target"_s, {u"http"_s, u"https"_s})
                                          : QUrl(u"https://graph.microsoft.com"_s);
    if (target.contains(u"authority"_s))
        e.authority = r.url(target, u"authority"_s, u"target"_s, {u"http"_s, u"https"_s});
    for (const auto &[key, url] : {std::pair{u"graph"_s, out.url}, std::pair{u"authority"_s, e.authority}}) {
        const QHostAddress host(url.host());
        if (url.scheme() == u"http"_s && !host.isLoopback() && url.host() != u"localhost"_s)
            r.error(u"target."_s + key,
                    u"\"%1\" must start with https:// (http:// only to this machine, for a "
                    u"local test service): the token travels with every request"_s.arg(url.toString()));
    }
    e.tenant = r.string(target, u"tenant"_s, u"target"_s, true);
    e.clientId = r.string(target, u"clientId"_s, u"target"_s, true);
    e.servicePrincipalId = r.string(target, u"servicePrincipalId"_s, u"target"_s, true);
    e.jobId = r.string(target, u"jobId"_s, u"target"_s, true);
    e.certificateFile = r.string(target, u"certificate"_s, u"target"_s, false);
    if (e.certificateFile.isEmpty()) {
        if (target.contains(u"privateKey"_s))
            r.error(u"target.privateKey"_s, u"goes with target.certificate (the certificate's PEM file)"_s);
        out.token = r.secret(target, u"clientSecret"_s, u"target"_s, false);
        if (!target.contains(u"clientSecret"_s))
            r.error(u"target"_s, u"needs clientSecret, or certificate and privateKey (Microsoft recommends a "
                                 u"certificate)"_s);
    } else {
        if (target.contains(u"clientSecret"_s))
            r.error(u"target.clientSecret"_s, u"is not used with target.certificate: choose one"_s);
        out.token = r.secret(target, u"privateKey"_s, u"target"_s, true);
    }
    e.callsPerWindow = r.integer(target, u"callsPerWindow"_s, u"target"_s, 40, 1, 1000);
    e.windowSeconds = r.integer(target, u"windowSeconds"_s, u"target"_s, 5, 1, 3600);
    e.dailyCallLimit = r.integer(target, u"dailyCallLimit"_s, u"target"_s, 2000, 1, 1000000);
    out.softMatch = false; // Entra matches by externalId itself
    out.nestedGroups = u"skip"_s;
}

QJsonObject entraTargetJson(const TargetConfiguration &t)
{
    const EntraConfiguration &e = t.entra;
    QJsonObject o{{u"type"_s, t.type},
                  {u"tenant"_s, e.tenant},
                  {u"clientId"_s, e.clientId},
                  {u"servicePrincipalId"_s, e.servicePrincipalId},
                  {u"jobId"_s, e.jobId}};
    if (t.url != QUrl(u"https://graph.microsoft.com"_s))
        o.insert(u"graph"_s, t.url.toString());
    if (e.authority != QUrl(u"https://login.microsoftonline.com"_s))
        o.insert(u"authority"_s, e.authority.toString());
    if (e.certificateFile.isEmpty()) {
        o.insert(u"clientSecret"_s, t.token.toJson());
    } else {
        o.insert(u"certificate"_s, e.certificateFile);
        o.insert(u"privateKey"_s, t.token.toJson());
    }
    if (e.callsPerWindow != 40)
        o.insert(u"callsPerWindow"_s, e.callsPerWindow);
    if (e.windowSeconds != 5)
        o.insert(u"windowSeconds"_s, e.windowSeconds);
    if (e.dailyCallLimit != 2000)
        o.insert(u"dailyCallLimit"_s, e.dailyCallLimit);
    return o;
}

// source.passwordHashes. Read after the rest of `source`: replication is Active Directory's, and without an
// account of its own it logs on as the bind account, which must then be a logon name or Kerberos.
void readPasswordHashSource(Reader &r, const QJsonObject &source, SourceConfiguration &out)
{
    const QString path = u"source.passwordHashes"_s;
    const QJsonObject hashes = r.object(source, u"passwordHashes"_s, u"source"_s, false);
    r.allowOnly(hashes, path, {u"method"_s, u"account"_s, u"password"_s, u"server"_s});
    PasswordHashSource &h = out.passwordHashes;
    h.method = r.string(hashes, u"method"_s, path, false, u"directory"_s);
    if (h.method != u"directory"_s && h.method != u"replication"_s) {
        r.error(path + u".method"_s, u"\"%1\" is not one of: directory, replication"_s.arg(h.method));
        return;
    }
    h.account = r.string(hashes, u"account"_s, path, false);
    h.password = r.secret(hashes, u"password"_s, path, !h.account.isEmpty());
    h.server = r.string(hashes, u"server"_s, path, false);
    if (!h.replication()) {
        for (const QString &key : {u"account"_s, u"password"_s, u"server"_s})
            if (hashes.contains(key))
                r.error(path + u'.' + key, u"is for \"method\": \"replication\""_s);
        return;
    }
    if (out.type != DirectoryType::ActiveDirectory) {
        r.error(path + u".method"_s,
                u"replication (MS-DRSR) is Active Directory's; %1 keeps hashes in attributes: use "
                u"\"directory\""_s.arg(DirectoryTypes::displayName(out.type)));
        return;
    }
    if (!h.account.isEmpty() && Ldap::classifyBindName(h.account) == Ldap::BindName::Dn)
        r.error(path + u".account"_s,
                u"\"%1\" is a DN; replication logs on with a user principal name (svc@corp.example) or "
                u"DOMAIN\\user"_s.arg(h.account));
    if (h.account.isEmpty() && !out.bindDn.isEmpty() &&
        Ldap::classifyBindName(out.bindDn) == Ldap::BindName::Dn)
        r.error(path + u".account"_s,
                u"is required: the bind account is given as a DN (%1), and replication logs on with a user "
                u"principal name or DOMAIN\\user"_s.arg(out.bindDn));
    if (h.account.isEmpty() && out.bindDn.isEmpty() && out.saslMechanism.isEmpty())
        r.error(path + u".account"_s, u"is required: the source binds anonymously"_s);
    if (h.server.isEmpty() && out.url.scheme() == u"ldapi"_s)
        r.error(path + u".server"_s, u"is required: the source is a local socket, not a domain controller's "
                                     u"network name"_s);
}

QJsonObject passwordHashSourceJson(const PasswordHashSource &h)
{
    if (!h.replication())
        return {};
    QJsonObject out{{u"method"_s, h.method}};
    if (!h.account.isEmpty())
        out.insert(u"account"_s, h.account);
    if (h.password.isSet())
        out.insert(u"password"_s, h.password.toJson());
    if (!h.server.isEmpty())
        out.insert(u"server"_s, h.server);
    return out;
}

} // namespace

bool SourceConfiguration::replicationSettings(const QByteArray &resolvedBindPassword,
                                              ReplicationSettings &out, QString *error,
                                              const QByteArray &typedPassword) const
{
    out.server = passwordHashes.server.isEmpty() ? url.host() : passwordHashes.server;
    // A source URL with the DC's address and a server name beside it: the same DC, whose name Kerberos needs
    // (it asks for no ticket to an address), reached at that address.
    if (!passwordHashes.server.isEmpty() && !QHostAddress(url.host()).isNull())
        out.address = url.host();
    out.namingContext = baseDn;
    out.inactivitySeconds = qMax(60, timeoutSeconds * 2);
    if (!passwordHashes.account.isEmpty()) {
        out.account = passwordHashes.account;
        if (!typedPassword.isEmpty()) {
            out.password = typedPassword;
            return true;
        }
        return passwordHashes.password.resolve(out.password, u"source.passwordHashes.password"_s, error);
    }
    out.kerberos = saslMechanism == u"GSSAPI"_s;
    out.keytab = keytab;
    out.account = bindDn;
    out.password = resolvedBindPassword;
    return true;
}

TargetSettings TargetConfiguration::settings(const QByteArray &secret) const
{
    TargetSettings s{type, url, secret, softMatch, maxInFlight, timeoutSeconds, maxAttempts, {}, caFile};
    if (isEntra()) {
        s.entra.authority = entra.authority;
        s.entra.tenant = entra.tenant;
        s.entra.clientId = entra.clientId;
        s.entra.servicePrincipalId = entra.servicePrincipalId;
        s.entra.jobId = entra.jobId;
        s.entra.callsPerWindow = entra.callsPerWindow;
        s.entra.windowSeconds = entra.windowSeconds;
        s.entra.dailyCallLimit = entra.dailyCallLimit;
        s.entra.certificateFile = entra.certificateFile;
        if (!entra.certificateFile.isEmpty()) {
            QFile pem(entra.certificateFile);
            if (pem.open(QIODevice::ReadOnly))
                s.entra.certificatePem = pem.readAll();
        }
    }
    return s;
}

bool Configuration::fromJson(const QJsonObject &json, Configuration &out, QStringList *errors)
{
    QStringList problems;
    Reader r(problems);
    out = Configuration();
    r.allowOnly(json, {},
                {u"name"_s, u"domain"_s, u"source"_s, u"scope"_s, u"target"_s, u"mapping"_s,
                 u"passwordHashSync"_s, u"safety"_s, u"schedule"_s});
    out.name = r.string(json, u"name"_s, {}, true);
    out.domain = r.string(json, u"domain"_s, {}, false, out.name);

    const QJsonObject source = r.object(json, u"source"_s, {}, true);
    r.allowOnly(source, u"source"_s,
                {u"type"_s, u"url"_s, u"startTls"_s, u"caFile"_s, u"verifyCertificate"_s, u"bindDn"_s,
                 u"bindPassword"_s, u"sasl"_s, u"keytab"_s, u"allowPlainBind"_s, u"baseDn"_s, u"pageSize"_s,
                 u"timeoutSeconds"_s, u"changeDetection"_s, u"anchorAttribute"_s, u"passwordHashes"_s});
    const QString type = r.string(source, u"type"_s, u"source"_s, true);
    if (!type.isEmpty() && !DirectoryTypes::fromKey(type, &out.source.type))
        r.error(u"source.type"_s, u"\"%1\" is not one of: %2"_s.arg(type, DirectoryTypes::allKeys()));
    out.source.anchorAttribute = r.string(source, u"anchorAttribute"_s, u"source"_s, false);
    static const QRegularExpression attributeName(u"^[A-Za-z][A-Za-z0-9-]*$"_s);
    if (!out.source.anchorAttribute.isEmpty() && out.source.type == DirectoryType::ActiveDirectory)
        r.error(u"source.anchorAttribute"_s,
                u"Active Directory's anchor is ms-DS-ConsistencyGuid, else objectGUID, and is not chosen; "
                u"remove anchorAttribute"_s);
    else if (!out.source.anchorAttribute.isEmpty() &&
             !attributeName.match(out.source.anchorAttribute).hasMatch())
        r.error(u"source.anchorAttribute"_s,
                u"\"%1\" is not an attribute name"_s.arg(out.source.anchorAttribute));
    out.source.url = r.url(source, u"url"_s, u"source"_s, {u"ldap"_s, u"ldaps"_s, u"ldapi"_s});
    out.source.startTls = r.boolean(source, u"startTls"_s, u"source"_s, false);
    if (out.source.startTls && out.source.url.scheme() == u"ldaps"_s)
        r.error(u"source.startTls"_s, u"StartTLS applies to ldap:// URLs; ldaps:// is already encrypted"_s);
    out.source.caFile = r.string(source, u"caFile"_s, u"source"_s, false);
    out.source.verifyCertificate = r.boolean(source, u"verifyCertificate"_s, u"source"_s, true);
    out.source.bindDn = r.string(source, u"bindDn"_s, u"source"_s, false);
    // Active Directory resolves a user principal name and a down-level logon name in a simple bind.
    if (const Ldap::BindName form = Ldap::classifyBindName(out.source.bindDn);
        !out.source.bindDn.isEmpty() && form != Ldap::BindName::Dn) {
        if (out.source.type != DirectoryType::ActiveDirectory)
            r.error(u"source.bindDn"_s,
                    u"\"%1\" is not a distinguished name; %2 binds by DN (a user principal name or "
                    u"DOMAIN\\user is for Active Directory)"_s.arg(
                        out.source.bindDn, DirectoryTypes::displayName(out.source.type)));
        else if (form == Ldap::BindName::Invalid)
            r.error(u"source.bindDn"_s,
                    u"\"%1\" is not a distinguished name, a user principal name (user@corp.example.com) or a "
                    u"down-level logon name (CORP\\user)"_s.arg(out.source.bindDn));
    }
    out.source.saslMechanism = r.string(source, u"sasl"_s, u"source"_s, false).toUpper();
    if (!out.source.saslMechanism.isEmpty() && out.source.saslMechanism != u"GSSAPI"_s)
        r.error(u"source.sasl"_s,
                u"\"%1\" is not supported; the one SASL mechanism is GSSAPI"_s.arg(out.source.saslMechanism));
    if (!out.source.saslMechanism.isEmpty() && !out.source.bindDn.isEmpty())
        r.error(u"source.bindDn"_s, u"a GSSAPI bind takes its identity from Kerberos; remove bindDn"_s);
    out.source.keytab = r.string(source, u"keytab"_s, u"source"_s, false);
    if (!out.source.keytab.isEmpty() && out.source.saslMechanism.isEmpty())
        r.error(u"source.keytab"_s, u"a keytab is for \"sasl\": \"GSSAPI\""_s);
    out.source.bindPassword = r.secret(source, u"bindPassword"_s, u"source"_s, !out.source.bindDn.isEmpty());
    // A password sent in clear text over the network only when the admin says so; loopback and the local
    // socket never leave the machine.
    out.source.allowPlainBind = r.boolean(source, u"allowPlainBind"_s, u"source"_s, false);
    const QString host = out.source.url.host();
    const bool local = out.source.url.scheme() == u"ldapi"_s || host == u"localhost"_s || host == u"::1"_s ||
                       host.startsWith(u"127."_s);
    if (out.source.url.scheme() == u"ldap"_s && !out.source.startTls && !out.source.bindDn.isEmpty() &&
        !local && !out.source.allowPlainBind)
        r.error(u"source.url"_s,
                u"a simple bind over ldap:// sends the password unencrypted to %1; use "
                u"ldaps://, \"startTls\": true, or GSSAPI, or set \"allowPlainBind\": true"_s.arg(host));
    out.source.baseDn = r.string(source, u"baseDn"_s, u"source"_s, true);
    if (!out.source.baseDn.isEmpty())
        r.dn(out.source.baseDn, u"source.baseDn"_s);
    out.source.changeDetection = r.string(source, u"changeDetection"_s, u"source"_s, false, u"auto"_s);
    if (out.source.changeDetection != u"auto"_s && out.source.changeDetection != u"none"_s &&
        !(out.source.changeDetection == u"usn"_s && out.source.type == DirectoryType::ActiveDirectory))
        r.error(u"source.changeDetection"_s,
                u"\"%1\" is not one of: auto, none, usn (Active Directory only)"_s.arg(
                    out.source.changeDetection));
    out.source.pageSize = r.integer(source, u"pageSize"_s, u"source"_s, 500, 1, 100000);
    out.source.timeoutSeconds = r.integer(source, u"timeoutSeconds"_s, u"source"_s, 30, 1, 3600);
    readPasswordHashSource(r, source, out.source);

    const QJsonObject scope = r.object(json, u"scope"_s, {}, true);
    r.allowOnly(scope, u"scope"_s, {u"organizationalUnits"_s, u"groups"_s, u"filter"_s});
    out.scope.organizationalUnits = r.strings(scope, u"organizationalUnits"_s, u"scope"_s);
    out.scope.groups = r.strings(scope, u"groups"_s, u"scope"_s);
    out.scope.filter = r.string(scope, u"filter"_s, u"scope"_s, false);
    const QString baseN = Ldap::normalizeDn(out.source.baseDn);
    for (qsizetype i = 0; i < out.scope.organizationalUnits.size(); ++i) {
        const QString path = u"scope.organizationalUnits[%1]"_s.arg(i);
        const QString ndn = Ldap::normalizeDn(out.scope.organizationalUnits[i]);
        r.dn(out.scope.organizationalUnits[i], path);
        if (!ndn.isEmpty() && !baseN.isEmpty() && !Ldap::isWithin(ndn, baseN))
            r.error(path, u"\"%1\" is not under source.baseDn"_s.arg(out.scope.organizationalUnits[i]));
    }
    for (qsizetype i = 0; i < out.scope.groups.size(); ++i)
        r.dn(out.scope.groups[i], u"scope.groups[%1]"_s.arg(i));
    if (!out.scope.filter.isEmpty()) {
        if (!out.scope.filter.startsWith(u'('))
            out.scope.filter = u'(' + out.scope.filter + u')';
        if (const Ldap::FilterCheck check = Ldap::checkFilter(out.scope.filter); !check.ok)
            r.error(u"scope.filter"_s, u"\"%1\" is not a valid LDAP filter (RFC 4515): %2"_s.arg(
                                           out.scope.filter, check.message.section(u": "_s, 1)));
    }

    const QJsonObject target = r.object(json, u"target"_s, {}, true);
    out.target.type = r.string(target, u"type"_s, u"target"_s, true);
    if (out.target.isEntra())
        readEntraTarget(r, target, out.target);
    else
        readScimTarget(r, target, out.target);
    out.target.timeoutSeconds = r.integer(target, u"timeoutSeconds"_s, u"target"_s, 30, 1, 600);
    out.target.maxAttempts = r.integer(target, u"maxAttempts"_s, u"target"_s, 6, 1, 20);

    const QJsonObject safety = r.object(json, u"safety"_s, {}, false);
    r.allowOnly(safety, u"safety"_s, {u"deleteThreshold"_s, u"deleteThresholdPercent"_s});
    out.safety.deleteThreshold = r.integer(safety, u"deleteThreshold"_s, u"safety"_s, 500, 0, 1000000);
    out.safety.deleteThresholdPercent =
        r.integer(safety, u"deleteThresholdPercent"_s, u"safety"_s, 0, 0, 100);

    const QJsonObject schedule = r.object(json, u"schedule"_s, {}, false);
    r.allowOnly(schedule, u"schedule"_s, {u"enabled"_s, u"intervalSeconds"_s, u"fullReadHours"_s});
    out.schedule.enabled = r.boolean(schedule, u"enabled"_s, u"schedule"_s, true);
    out.schedule.intervalSeconds = r.integer(schedule, u"intervalSeconds"_s, u"schedule"_s, 120, 1, 86400);
    out.schedule.fullReadHours = r.integer(schedule, u"fullReadHours"_s, u"schedule"_s, 24, 1, 8760);

    const QJsonObject hashes = r.object(json, u"passwordHashSync"_s, {}, false);
    r.allowOnly(hashes, u"passwordHashSync"_s, {u"enabled"_s});
    out.passwordHashSync = r.boolean(hashes, u"enabled"_s, u"passwordHashSync"_s, false);
    if (out.passwordHashSync && out.target.isEntra())
        r.error(u"passwordHashSync.enabled"_s,
                u"Entra's inbound provisioning (target.type entra-inbound) takes no password hashes: turn "
                u"password hash sync off for this configuration"_s);

    out.userMapping = Mapping::defaults(out.source.type, ObjectKind::User);
    out.groupMapping = Mapping::defaults(out.source.type, ObjectKind::Group);
    out.mappingOverrides = r.object(json, u"mapping"_s, {}, false);
    r.allowOnly(out.mappingOverrides, u"mapping"_s, {u"users"_s, u"groups"_s});
    QString why;
    if (!out.userMapping.applyOverrides(r.object(out.mappingOverrides, u"users"_s, u"mapping"_s, false),
                                        u"mapping.users"_s, &why))
        r.error(why.section(u": "_s, 0, 0), why.section(u": "_s, 1));
    why.clear();
    if (!out.groupMapping.applyOverrides(r.object(out.mappingOverrides, u"groups"_s, u"mapping"_s, false),
                                         u"mapping.groups"_s, &why))
        r.error(why.section(u": "_s, 0, 0), why.section(u": "_s, 1));

    if (errors)
        *errors = problems;
    return problems.isEmpty();
}

QJsonObject Configuration::toJson() const
{
    QJsonObject sourceJson{{u"type"_s, DirectoryTypes::key(source.type)},
                           {u"url"_s, source.url.toString()},
                           {u"baseDn"_s, source.baseDn}};
    if (source.startTls)
        sourceJson.insert(u"startTls"_s, true);
    if (!source.caFile.isEmpty())
        sourceJson.insert(u"caFile"_s, source.caFile);
    if (!source.verifyCertificate)
        sourceJson.insert(u"verifyCertificate"_s, false);
    if (!source.anchorAttribute.isEmpty())
        sourceJson.insert(u"anchorAttribute"_s, source.anchorAttribute);
    if (!source.bindDn.isEmpty())
        sourceJson.insert(u"bindDn"_s, source.bindDn);
    if (source.bindPassword.isSet())
        sourceJson.insert(u"bindPassword"_s, source.bindPassword.toJson());
    if (!source.saslMechanism.isEmpty())
        sourceJson.insert(u"sasl"_s, source.saslMechanism);
    if (!source.keytab.isEmpty())
        sourceJson.insert(u"keytab"_s, source.keytab);
    if (source.allowPlainBind)
        sourceJson.insert(u"allowPlainBind"_s, true);
    if (source.changeDetection != u"auto"_s)
        sourceJson.insert(u"changeDetection"_s, source.changeDetection);
    if (source.pageSize != 500)
        sourceJson.insert(u"pageSize"_s, source.pageSize);
    if (source.timeoutSeconds != 30)
        sourceJson.insert(u"timeoutSeconds"_s, source.timeoutSeconds);
    if (const QJsonObject hashes = passwordHashSourceJson(source.passwordHashes); !hashes.isEmpty())
        sourceJson.insert(u"passwordHashes"_s, hashes);

    QJsonObject scopeJson{{u"organizationalUnits"_s, QJsonArray::fromStringList(scope.organizationalUnits)},
                          {u"groups"_s, QJsonArray::fromStringList(scope.groups)}};
    if (!scope.filter.isEmpty())
        scopeJson.insert(u"filter"_s, scope.filter);

    QJsonObject targetJson = target.isEntra() ? entraTargetJson(target)
                                              : QJsonObject{{u"type"_s, u"scim"_s},
                                                            {u"url"_s, target.url.toString()},
                                                            {u"token"_s, target.token.toJson()}};
    if (!target.softMatch && !target.isEntra())
        targetJson.insert(u"softMatch"_s, false);
    if (target.nestedGroups != u"flatten"_s && !target.isEntra())
        targetJson.insert(u"nestedGroups"_s, target.nestedGroups);
    if (target.maxInFlight != 4 && !target.isEntra())
        targetJson.insert(u"maxInFlight"_s, target.maxInFlight);
    if (!target.caFile.isEmpty() && !target.isEntra())
        targetJson.insert(u"caFile"_s, target.caFile);
    if (target.timeoutSeconds != 30)
        targetJson.insert(u"timeoutSeconds"_s, target.timeoutSeconds);
    if (target.maxAttempts != 6)
        targetJson.insert(u"maxAttempts"_s, target.maxAttempts);

    QJsonObject out{
        {u"name"_s, name}, {u"source"_s, sourceJson}, {u"scope"_s, scopeJson}, {u"target"_s, targetJson}};
    if (domain != name)
        out.insert(u"domain"_s, domain);
    if (!mappingOverrides.isEmpty())
        out.insert(u"mapping"_s, mappingOverrides);
    if (passwordHashSync)
        out.insert(u"passwordHashSync"_s, QJsonObject{{u"enabled"_s, true}});
    QJsonObject safetyJson;
    if (safety.deleteThreshold != 500)
        safetyJson.insert(u"deleteThreshold"_s, safety.deleteThreshold);
    if (safety.deleteThresholdPercent)
        safetyJson.insert(u"deleteThresholdPercent"_s, safety.deleteThresholdPercent);
    if (!safetyJson.isEmpty())
        out.insert(u"safety"_s, safetyJson);
    QJsonObject scheduleJson;
    if (!schedule.enabled)
        scheduleJson.insert(u"enabled"_s, false);
    if (schedule.intervalSeconds != 120)
        scheduleJson.insert(u"intervalSeconds"_s, schedule.intervalSeconds);
    if (schedule.fullReadHours != 24)
        scheduleJson.insert(u"fullReadHours"_s, schedule.fullReadHours);
    if (!scheduleJson.isEmpty())
        out.insert(u"schedule"_s, scheduleJson);
    return out;
}

QString SourceConfiguration::effectiveAnchorAttribute() const
{
    return anchorAttribute.isEmpty() ? DirectoryTypes::defaultAnchorAttribute(type) : anchorAttribute;
}

LdapSettings SourceConfiguration::ldapSettings(const QByteArray &password) const
{
    return {url,      startTls,       caFile,   verifyCertificate, bindDn,
            password, timeoutSeconds, pageSize, saslMechanism,     keytab};
}

} // namespace Updraft
