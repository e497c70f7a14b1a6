// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectiontest.h"

#include "source/hashreplication.h"

#include "source/ldapconnection.h"
#include "source/ldapdn.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QHostAddress>
#include <QHostInfo>
#include <QJsonObject>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

using Outcome = ConnectionStep::Outcome;

namespace ConnectionTest {
namespace {
// This file's text, translatable (Qt Linguist reads the context from the macro).
struct Text {
    Q_DECLARE_TR_FUNCTIONS(Updraft::ConnectionTest)
};
} // namespace
} // namespace ConnectionTest

bool ConnectionReport::ok() const
{
    return failure().isEmpty();
}

QString ConnectionReport::failure() const
{
    for (const ConnectionStep &step : steps)
        if (step.outcome == Outcome::Failed)
            return step.message;
    return {};
}

namespace {

// The target answers asynchronously; the connection test blocks its own (worker) thread until it has.
template <typename Reply, typename Ask> Reply waitFor(Ask ask)
{
    QEventLoop loop;
    Reply reply;
    ask([&](const Reply &r) {
        reply = r;
        loop.quit();
    });
    loop.exec();
    return reply;
}

ConnectionStep step(const QString &name, Outcome outcome, const QString &message, const QString &detail = {})
{
    return {name, outcome, message, detail};
}

// DNS and TCP, shared by both ends. False when the next steps cannot run.
bool reach(const QString &key, const QString &host, quint16 port, int timeoutSeconds,
           ConnectionReport &report)
{
    const QString name = ConnectionTest::Text::tr("Server name");
    if (host.isEmpty()) {
        report.steps.append(
            step(name, Outcome::Failed, ConnectionTest::Text::tr("%1 names no server.").arg(key)));
        return false;
    }
    if (QHostAddress address; address.setAddress(host)) {
        report.steps.append(
            step(name, Outcome::Passed, ConnectionTest::Text::tr("%1 is an IP address.").arg(host)));
    } else {
        const QHostInfo info = QHostInfo::fromName(host);
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            report.steps.append(
                step(name, Outcome::Failed,
                     ConnectionTest::Text::tr("The name %1 (%2) cannot be resolved: check the name, "
                                              "or this machine's DNS servers.")
                         .arg(host, key),
                     info.errorString()));
            return false;
        }
        report.steps.append(
            step(name, Outcome::Passed,
                 ConnectionTest::Text::tr("%1 is %2.").arg(host, info.addresses().first().toString())));
    }
    QTcpSocket socket;
    socket.connectToHost(host, port);
    const QString connection = ConnectionTest::Text::tr("Connection");
    if (!socket.waitForConnected(timeoutSeconds * 1000)) {
        const bool refused = socket.error() == QAbstractSocket::ConnectionRefusedError;
        report.steps.append(step(
            connection, Outcome::Failed,
            refused
                ? ConnectionTest::Text::tr("Nothing accepts connections on %1 port %2 (refused): check the "
                                           "port in %3 and that the server runs.")
                      .arg(host)
                      .arg(port)
                      .arg(key)
                : ConnectionTest::Text::tr("%1 port %2 does not answer within %3 s: check the port in %4 "
                                           "and any firewall between here and there.")
                      .arg(host)
                      .arg(port)
                      .arg(timeoutSeconds)
                      .arg(key),
            socket.errorString()));
        return false;
    }
    report.steps.append(
        step(connection, Outcome::Passed,
             ConnectionTest::Text::tr("%1 port %2 accepts connections.").arg(host).arg(port)));
    return true;
}

bool isLocal(const QUrl &url)
{
    const QHostAddress address(url.host());
    return url.scheme() == u"ldapi"_s || url.host() == u"localhost"_s || address.isLoopback();
}

// TLS alone (an anonymous bind): when it fails, once more without checking the certificate tells an
// untrusted certificate from a server that does not speak TLS there at all.
void checkEncryption(const SourceConfiguration &source, ConnectionReport &report)
{
    const QString name = ConnectionTest::Text::tr("Encryption");
    const bool ldaps = source.url.scheme() == u"ldaps"_s;
    if (!ldaps && !source.startTls) {
        if (isLocal(source.url))
            report.steps.append(
                step(name, Outcome::Passed, ConnectionTest::Text::tr("Not needed: a local connection.")));
        else if (!source.saslMechanism.isEmpty())
            report.steps.append(
                step(name, Outcome::Passed,
                     ConnectionTest::Text::tr("Kerberos (%1) protects the bind.").arg(source.saslMechanism)));
        else
            report.steps.append(
                step(name, Outcome::Warning,
                     ConnectionTest::Text::tr("None: the bind password and every attribute cross the "
                                              "network in clear text. Use ldaps:// or StartTLS.")));
        return;
    }
    LdapSettings settings = source.ldapSettings({});
    settings.bindDn.clear();
    settings.saslMechanism.clear();
    LdapConnection probe(settings);
    if (probe.open() || (probe.lastError().kind != LdapError::Kind::Tls &&
                         probe.lastError().kind != LdapError::Kind::Connect)) {
        report.steps.append(step(name, Outcome::Passed,
                                 source.verifyCertificate
                                     ? ConnectionTest::Text::tr("%1; the server's certificate is trusted.")
                                           .arg(ldaps ? u"LDAPS"_s : u"StartTLS"_s)
                                     : ConnectionTest::Text::tr("%1, but the certificate is not checked "
                                                                "(source.verifyCertificate is off).")
                                           .arg(ldaps ? u"LDAPS"_s : u"StartTLS"_s)));
        return;
    }
    const QString detail = probe.lastError().detail;
    settings.verifyCertificate = false;
    LdapConnection unverified(settings);
    const bool handshakeWorks =
        unverified.open() || (unverified.lastError().kind != LdapError::Kind::Tls &&
                              unverified.lastError().kind != LdapError::Kind::Connect);
    QString message;
    if (handshakeWorks)
        message = source.caFile.isEmpty()
                      ? ConnectionTest::Text::tr(
                            "The server's certificate is not trusted by this machine, or not "
                            "issued for the name %1: set source.caFile to the CA that issued it.")
                            .arg(source.url.host())
                      : ConnectionTest::Text::tr(
                            "The server's certificate is not issued by the CA in source.caFile "
                            "(%1), or not for the name %2.")
                            .arg(source.caFile, source.url.host());
    else if (ldaps)
        message = ConnectionTest::Text::tr(
                      "No TLS handshake on %1 even without checking the certificate: is port %2 "
                      "an LDAPS port (usually 636)?")
                      .arg(source.url.host())
                      .arg(source.url.port(636));
    else
        message = ConnectionTest::Text::tr(
                      "The server does not offer StartTLS on port %1: turn StartTLS off and use "
                      "ldaps://, or enable TLS on the server.")
                      .arg(source.url.port(389));
    report.steps.append(step(name, Outcome::Failed, message, detail));
}

// Whom the server took the bind for, as a DN where it can be found: "Who am I?" (RFC 4532) answers
// "dn:…", or for Active Directory often "u:DOMAIN\user", which a search for the account turns into its DN.
QString boundIdentity(LdapConnection &ldap, const SourceConfiguration &source)
{
    QString identity;
    if (!ldap.whoAmI(&identity))
        identity.clear();
    if (identity.startsWith(u"dn:"_s, Qt::CaseInsensitive))
        return identity.mid(3);
    QString filter;
    const QString name = identity.startsWith(u"u:"_s) ? identity.mid(2) : source.bindDn;
    switch (Ldap::classifyBindName(name)) {
    case Ldap::BindName::UserPrincipalName:
        filter = u"(userPrincipalName=%1)"_s.arg(Ldap::escapeFilterValue(name));
        break;
    case Ldap::BindName::DownLevel:
        filter = u"(sAMAccountName=%1)"_s.arg(Ldap::escapeFilterValue(name.section(u'\\', 1)));
        break;
    default:
        return name;
    }
    QString dn;
    ldap.setSizeLimit(1);
    ldap.search(source.baseDn, SearchScope::Subtree, filter, {u"1.1"_s},
                [&](DirectoryEntry &&e) { dn = e.dn; });
    ldap.setSizeLimit(0);
    return dn.isEmpty() ? name : dn;
}

// What the root DSE says the server is, against the type the configuration names.
void checkDirectoryType(LdapConnection &ldap, const SourceConfiguration &source, ConnectionReport &report)
{
    DirectoryEntry rootDse;
    ldap.search({}, SearchScope::Base, u"(objectClass=*)"_s,
                {u"vendorName"_s, u"vendorVersion"_s, u"supportedCapabilities"_s, u"objectClass"_s},
                [&](DirectoryEntry &&e) { rootDse = std::move(e); });
    DirectoryType found = source.type;
    if (!DirectoryTypes::fromRootDse(rootDse, &found))
        return; // the server does not say: nothing to compare
    const QString name = ConnectionTest::Text::tr("Directory type");
    const QString vendor = rootDse.text(u"vendorVersion"_s).isEmpty() ? rootDse.text(u"vendorName"_s)
                                                                      : rootDse.text(u"vendorVersion"_s);
    const QString server =
        vendor.isEmpty()
            ? DirectoryTypes::displayName(found)
            : ConnectionTest::Text::tr("%1 (%2)").arg(DirectoryTypes::displayName(found), vendor);
    if (found == source.type)
        report.steps.append(
            step(name, Outcome::Passed, ConnectionTest::Text::tr("The server is %1.").arg(server)));
    else
        report.steps.append(
            step(name, Outcome::Warning,
                 ConnectionTest::Text::tr(
                     "The server is %1, but the configuration says %2: choose %3 as the directory "
                     "type (source.type \"%4\"), so that its anchor, locked accounts and change "
                     "feed are read its way.")
                     .arg(server, DirectoryTypes::displayName(source.type),
                          DirectoryTypes::displayName(found), DirectoryTypes::key(found))));
}

// Base DN, users and (for hash sync) their hashes, with an open connection.
// Password hash replication (MS-DRSR): the account must hold both rights on the domain; which one is missing
// is said, with the dsacls lines that grant it.
ConnectionStep checkReplication(const SourceConfiguration &source, const QByteArray &password,
                                const QByteArray &replicationPassword, const QString &name)
{
    ReplicationSettings settings;
    QString error;
    if (!source.replicationSettings(password, settings, &error, replicationPassword))
        return step(name, Outcome::Failed, error);
    HashReplication replication(settings);
    ReplicationRights rights;
    if (!replication.checkRights(rights))
        return step(name, Outcome::Failed, replication.explainError());
    if (rights.getChanges && rights.getChangesAll)
        return step(
            name, Outcome::Passed,
            ConnectionTest::Text::tr("%1 may replicate password hashes from %2 (\"Replicating Directory "
                                     "Changes\" and \"Replicating Directory Changes All\").")
                .arg(settings.account.isEmpty() ? ConnectionTest::Text::tr("The Kerberos principal")
                                                : settings.account,
                     settings.server));
    const QStringList missing = HashReplication::missingRights(rights);
    QString message =
        ConnectionTest::Text::tr("%1 lacks %2 on %3, so no password hash can be replicated.")
            .arg(settings.account, missing.join(ConnectionTest::Text::tr(" and ")), source.baseDn);
    if (!rights.getChangesAllKnown)
        message +=
            u' ' + ConnectionTest::Text::tr("Whether it holds \"Replicating Directory Changes All\" shows "
                                            "once it has the first.");
    return step(name, Outcome::Failed, message,
                ConnectionTest::Text::tr("On a Windows domain, a domain admin grants it with:\n%1")
                    .arg(HashReplication::grants(rights, settings).join(u'\n')));
}

void checkReading(LdapConnection &ldap, const SourceConfiguration &source, bool passwordHashSync,
                  ConnectionReport &report)
{
    const QString baseStep = ConnectionTest::Text::tr("Base DN");
    if (source.baseDn.isEmpty()) {
        report.steps.append(
            step(baseStep, Outcome::Failed, ConnectionTest::Text::tr("source.baseDn is empty.")));
        return;
    }
    bool found = false;
    if (!ldap.search(source.baseDn, SearchScope::Base, {}, {u"1.1"_s},
                     [&](DirectoryEntry &&) { found = true; }) ||
        !found) {
        const LdapError error = ldap.lastError();
        QStringList contexts;
        ldap.search({}, SearchScope::Base, {}, {u"namingContexts"_s}, [&](DirectoryEntry &&root) {
            for (const QByteArray &v : root.attributes.value(u"namingcontexts"_s))
                contexts.append(QString::fromUtf8(v));
        });
        const QString known =
            contexts.isEmpty()
                ? QString()
                : ConnectionTest::Text::tr(" The server holds: %1.").arg(contexts.join(u"; "_s));
        report.steps.append(
            step(baseStep, Outcome::Failed,
                 error.kind == LdapError::Kind::Permission
                     ? ConnectionTest::Text::tr("The account may not read the base DN %1.").arg(source.baseDn)
                     : ConnectionTest::Text::tr("The base DN %1 does not exist (source.baseDn).%2")
                           .arg(source.baseDn, known),
                 error.detail));
        return;
    }
    report.steps.append(
        step(baseStep, Outcome::Passed, ConnectionTest::Text::tr("%1 exists.").arg(source.baseDn)));

    const std::unique_ptr<Dialect> dialect = Dialect::create(source.type, source.anchorAttribute);
    const QString usersStep = ConnectionTest::Text::tr("Read users");
    QString firstUser;
    // The first users, and whether each can be anchored.
    QString unanchored;
    int withoutAnchor = 0, sampled = 0;
    ldap.setSizeLimit(50);
    const bool read = ldap.search(source.baseDn, SearchScope::Subtree, dialect->userFilter(),
                                  dialect->userAttributes(), [&](DirectoryEntry &&e) {
                                      ++sampled;
                                      if (firstUser.isEmpty())
                                          firstUser = e.dn;
                                      if (dialect->anchor(e).isEmpty() && withoutAnchor++ == 0)
                                          unanchored = ConnectionTest::Text::tr("%1: %2").arg(
                                              e.dn, dialect->anchorProblem(e));
                                  });
    ldap.setSizeLimit(0);
    if (!read) {
        report.steps.append(
            step(usersStep, Outcome::Failed, ldap.lastError().message, ldap.lastError().detail));
        return;
    }
    if (firstUser.isEmpty()) {
        report.steps.append(
            step(usersStep, Outcome::Warning,
                 ConnectionTest::Text::tr("The account sees no users under %1: check the base DN and "
                                          "that the account may read user objects.")
                     .arg(source.baseDn)));
        return;
    }
    report.steps.append(step(usersStep, Outcome::Passed,
                             ConnectionTest::Text::tr("Users are readable (first: %1).").arg(firstUser)));
    const QString anchorStep = ConnectionTest::Text::tr("Anchor");
    const QString attribute = source.effectiveAnchorAttribute();
    if (withoutAnchor == 0)
        report.steps.append(
            step(anchorStep, Outcome::Passed,
                 ConnectionTest::Text::tr("The first %n users have a usable anchor (%1).", nullptr, sampled)
                     .arg(attribute)));
    else
        report.steps.append(
            step(anchorStep, Outcome::Warning,
                 ConnectionTest::Text::tr("%1 of the first %2 users cannot be anchored; runs report "
                                          "each one as failed. %3.")
                     .arg(withoutAnchor)
                     .arg(sampled)
                     .arg(unanchored)));
    if (!passwordHashSync)
        return;

    const QString hashStep = ConnectionTest::Text::tr("Password hashes");
    if (source.passwordHashes.replication())
        return; // by replication: checked on its own (checkReplication)
    QString scheme;
    ldap.setSizeLimit(50);
    ldap.search(source.baseDn, SearchScope::Subtree, dialect->userFilter(), dialect->credentialAttributes(),
                [&](DirectoryEntry &&e) {
                    const SourceCredential credential = dialect->credential(e);
                    if (scheme.isEmpty() && credential.format != SourceCredential::Format::None)
                        scheme = credential.scheme;
                });
    ldap.setSizeLimit(0);
    if (scheme.isEmpty())
        report.steps.append(step(
            hashStep, Outcome::Warning,
            ConnectionTest::Text::tr("None of the first users shows a password hash (%1): the account needs "
                                     "read access to these attributes, or every user will be reported as "
                                     "\"hash not readable\".")
                .arg(dialect->credentialAttributes().join(u", "_s))));
    else
        report.steps.append(step(hashStep, Outcome::Passed,
                                 ConnectionTest::Text::tr("Password hashes are readable (%1).").arg(scheme)));
}

} // namespace

ConnectionReport ConnectionTest::source(const SourceConfiguration &source, const QByteArray &password,
                                        bool passwordHashSync, const QByteArray &replicationPassword)
{
    ConnectionReport report;
    const QString scheme = source.url.scheme();
    if (scheme != u"ldapi"_s &&
        !reach(u"source.url"_s, source.url.host(), quint16(source.url.port(scheme == u"ldaps"_s ? 636 : 389)),
               source.timeoutSeconds, report))
        return report;
    checkEncryption(source, report);
    if (!report.ok())
        return report;

    LdapConnection ldap(source.ldapSettings(password));
    const QString signIn = Text::tr("Sign-in");
    if (!ldap.open()) {
        const LdapError &error = ldap.lastError();
        QString message = error.message;
        if (error.kind == LdapError::Kind::Credentials && source.saslMechanism.isEmpty()) {
            const QString reason = LdapConnection::activeDirectoryBindReason(error.detail);
            message = reason.isEmpty()
                          ? Text::tr("The directory refused the bind DN or the password (source.bindDn %1, "
                                     "source.bindPassword).")
                                .arg(source.bindDn)
                          : Text::tr("The directory refused the bind: %1 (source.bindDn %2).")
                                .arg(reason, source.bindDn);
        }
        report.steps.append(step(signIn, Outcome::Failed, message, error.detail));
        return report;
    }
    const QString as = boundIdentity(ldap, source);
    const bool told = !as.isEmpty();
    QString bound;
    if (!source.saslMechanism.isEmpty())
        bound = told ? Text::tr("Bound with %1 as %2.").arg(source.saslMechanism, as)
                     : Text::tr("Bound with %1.").arg(source.saslMechanism);
    else if (source.bindDn.isEmpty())
        bound = Text::tr("Bound anonymously.");
    else
        bound = told && as.compare(source.bindDn, Qt::CaseInsensitive) != 0
                    ? Text::tr("Bound as %1, which the directory resolved to %2.").arg(source.bindDn, as)
                    : Text::tr("Bound as %1.").arg(source.bindDn);
    report.steps.append(step(signIn, Outcome::Passed, bound));
    checkDirectoryType(ldap, source, report);
    checkReading(ldap, source, passwordHashSync, report);
    if (passwordHashSync && source.passwordHashes.replication() && report.ok())
        report.steps.append(
            checkReplication(source, password, replicationPassword, Text::tr("Password hashes")));
    return report;
}

namespace {

bool checkTls(const TargetConfiguration &target, ConnectionReport &report)
{
    const QString name = ConnectionTest::Text::tr("Encryption");
    if (target.url.scheme() != u"https"_s) {
        const QHostAddress address(target.url.host());
        report.steps.append(
            address.isLoopback() || target.url.host() == u"localhost"_s
                ? step(name, Outcome::Passed, ConnectionTest::Text::tr("Not needed: a local connection."))
                : step(name, Outcome::Warning,
                       ConnectionTest::Text::tr(
                           "None: the token and every user's attributes cross the network in "
                           "clear text. Use https://.")));
        return true;
    }
    QSslSocket socket;
    socket.connectToHostEncrypted(target.url.host(), quint16(target.url.port(443)));
    if (!socket.waitForEncrypted(target.timeoutSeconds * 1000)) {
        QStringList errors;
        for (const QSslError &e : socket.sslHandshakeErrors())
            errors.append(e.errorString());
        report.steps.append(
            step(name, Outcome::Failed,
                 errors.isEmpty()
                     ? ConnectionTest::Text::tr("No TLS handshake with %1: is it an HTTPS port?")
                           .arg(target.url.authority())
                     : ConnectionTest::Text::tr("The certificate of %1 is not trusted by this machine: %2.")
                           .arg(target.url.host(), errors.join(u"; "_s)),
                 socket.errorString()));
        return false;
    }
    report.steps.append(
        step(name, Outcome::Passed, ConnectionTest::Text::tr("HTTPS; the certificate is trusted.")));
    return true;
}

} // namespace

namespace {

// Entra's inbound provisioning, step by step: the token endpoint, a token, the job and its state, the logs.
ConnectionReport entraTarget(const TargetConfiguration &target, const QByteArray &secret)
{
    using ConnectionTest::Text;
    ConnectionReport report;
    for (const auto &[key, url] : {std::pair{u"target.authority"_s, target.entra.authority},
                                   std::pair{u"target.graph"_s, target.url}}) {
        const bool https = url.scheme() == u"https"_s;
        TargetConfiguration endpoint = target;
        endpoint.url = url;
        if (!reach(key, url.host(), quint16(url.port(https ? 443 : 80)), target.timeoutSeconds, report) ||
            !checkTls(endpoint, report))
            return report;
    }
    QString error;
    const std::unique_ptr<Target> service = createTarget(target.settings(secret), &error);
    if (!service) {
        report.steps.append(step(Text::tr("Entra"), Outcome::Failed, error));
        return report;
    }
    const TargetReply discovery = waitFor<TargetReply>([&](auto done) { service->discover(done); });
    using E = TargetReply::Error;
    const QString token = Text::tr("Token");
    const QString job = Text::tr("Provisioning job");
    if (discovery.error == E::Unauthorized) {
        report.steps.append(step(token, Outcome::Failed,
                                 Text::tr("Entra did not issue a token for client %1 of tenant %2.")
                                     .arg(target.entra.clientId, target.entra.tenant),
                                 discovery.message));
        return report;
    }
    if (discovery.error == E::Unreachable || discovery.error == E::ServerError) {
        report.steps.append(step(token, Outcome::Failed, Text::tr("Entra or Microsoft Graph did not answer."),
                                 discovery.message));
        return report;
    }
    report.steps.append(step(token, Outcome::Passed,
                             Text::tr("Entra issued a token for client %1.").arg(target.entra.clientId)));
    if (!discovery.ok()) {
        report.steps.append(step(job, Outcome::Failed,
                                 discovery.status == 403
                                     ? Text::tr("The app may not use the provisioning job: grant it "
                                                "SynchronizationData-User.Upload (admin consent).")
                                     : Text::tr("The provisioning job cannot take users now."),
                                 discovery.message));
        return report;
    }
    const TargetCapabilities &can = service->capabilities();
    report.steps.append(step(job, Outcome::Passed, can.summary.value(0) + u'.'));
    report.steps.append(
        step(Text::tr("Provisioning logs"), can.deferredResults ? Outcome::Passed : Outcome::Warning,
             can.deferredResults ? Text::tr("Readable: each user's outcome is shown once Entra has "
                                            "processed it.")
                                 : Text::tr("Not readable: users are sent, but their outcome "
                                            "cannot be shown."),
             can.assumptions.join(u"; "_s)));
    report.steps.append(
        step(Text::tr("Capabilities"), Outcome::Passed, can.summary.mid(1).join(u"; "_s) + u'.'));
    return report;
}

} // namespace

ConnectionReport ConnectionTest::target(const TargetConfiguration &target, const QByteArray &token)
{
    if (target.isEntra())
        return entraTarget(target, token);
    ConnectionReport report;
    const bool https = target.url.scheme() == u"https"_s;
    if (target.url.scheme() != u"http"_s && !https) {
        report.steps.append(
            step(Text::tr("Server name"), Outcome::Failed,
                 Text::tr("target.url must start with https:// (or http:// for a local service).")));
        return report;
    }
    if (!reach(u"target.url"_s, target.url.host(), quint16(target.url.port(https ? 443 : 80)),
               target.timeoutSeconds, report) ||
        !checkTls(target, report))
        return report;

    QString error;
    const std::unique_ptr<Target> service = createTarget(target.settings(token), &error);
    if (!service) {
        report.steps.append(step(Text::tr("SCIM service"), Outcome::Failed, error));
        return report;
    }
    const TargetReply discovery = waitFor<TargetReply>([&](auto done) { service->discover(done); });
    FetchedObject users;
    if (discovery.ok())
        users = waitFor<FetchedObject>([&](auto done) { service->countUsers(done); });
    const TargetReply &answer = discovery.ok() ? static_cast<const TargetReply &>(users) : discovery;
    using E = TargetReply::Error;
    const QString serviceStep = Text::tr("SCIM service");
    const QString signIn = Text::tr("Sign-in");
    if (answer.error == E::NotFound || answer.error == E::Unreadable) {
        report.steps.append(
            step(serviceStep, Outcome::Failed,
                 Text::tr("No SCIM service answers at %1 (HTTP %2): target.url must be the SCIM base "
                          "URL, the one ending before /Users (often …/scim/v2).")
                     .arg(target.url.toString())
                     .arg(answer.status),
                 answer.message));
        return report;
    }
    if (answer.error == E::Unreachable) {
        report.steps.append(step(serviceStep, Outcome::Failed,
                                 Text::tr("The request to %1 failed.").arg(target.url.toString()),
                                 answer.message));
        return report;
    }
    if (answer.error == E::Unauthorized || answer.error == E::Forbidden) {
        report.steps.append(
            step(signIn, Outcome::Failed,
                 answer.error == E::Unauthorized
                     ? Text::tr("The service refused target.token (HTTP 401): the token is wrong, "
                                "expired or revoked.")
                     : Text::tr("The token is valid but may not read users (HTTP 403): give it the "
                                "provisioning permission."),
                 answer.message));
        return report;
    }
    if (!answer.ok()) {
        report.steps.append(step(signIn, Outcome::Failed,
                                 Text::tr("Listing users failed (HTTP %1).").arg(answer.status),
                                 answer.message));
        return report;
    }
    const TargetCapabilities &can = service->capabilities();
    report.steps.append(step(serviceStep, Outcome::Passed, Text::tr("A SCIM 2.0 service.")));
    report.steps.append(step(signIn, Outcome::Passed,
                             Text::tr("The token is accepted; the service holds %n user(s).", nullptr,
                                      users.resource.value(u"totalResults"_s).toInt())));
    // What it supports, in words; what it did not say is a warning, since Updraft then assumes the minimum.
    report.steps.append(
        step(Text::tr("Capabilities"), can.assumptions.isEmpty() ? Outcome::Passed : Outcome::Warning,
             can.summary.join(u"; "_s) + u'.',
             can.assumptions.isEmpty() ? QString()
                                       : Text::tr("Not said: %1.").arg(can.assumptions.join(u"; "_s))));
    return report;
}

} // namespace Updraft
