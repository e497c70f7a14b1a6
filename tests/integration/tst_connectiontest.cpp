// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The connection test against real servers: each way a connection can be wrong is reported as that, at the
// step where it goes wrong.
#include "testservers.h"

#include "sync/connectiontest.h"

#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;
using Outcome = ConnectionStep::Outcome;

Q_DECLARE_METATYPE(Outcome)

namespace {

const QString BaseDn = u"dc=example,dc=com"_s;

QString describe(const ConnectionReport &report)
{
    QStringList lines;
    for (const ConnectionStep &s : report.steps)
        lines.append(u"%1 [%2] %3 (%4)"_s.arg(s.name).arg(int(s.outcome)).arg(s.message, s.detail));
    return lines.join(u"\n"_s);
}

const ConnectionStep *find(const ConnectionReport &report, const QString &name)
{
    for (const ConnectionStep &s : report.steps)
        if (s.name == name)
            return &s;
    return nullptr;
}

quint16 freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    return server.serverPort(); // closed again when `server` goes: nothing listens there now
}

} // namespace

class TestConnectionTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void source_data();
    void source();
    void target_data();
    void target();
    void capabilitiesInWords_data();
    void capabilitiesInWords();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestServers::Slapd> m_tls;   // LDAPS and StartTLS with its own CA
    std::unique_ptr<TestServers::Slapd> m_plain; // no TLS at all
    std::unique_ptr<TestServers::Scim> m_scim;
    QString m_otherCa;
};

void TestConnectionTest::initTestCase()
{
    QString error;
    const QString ldif = TestServers::sourceDir() + u"/tests/integration/data/directory.ldif"_s;
    m_tls = std::make_unique<TestServers::Slapd>(m_dir.filePath(u"tls"_s));
    QVERIFY2(m_tls->start(ldif, &error, {u"--tls"_s}), qPrintable(error));
    m_plain = std::make_unique<TestServers::Slapd>(m_dir.filePath(u"plain"_s));
    QVERIFY2(m_plain->start(ldif, &error), qPrintable(error));
    m_scim = std::make_unique<TestServers::Scim>(m_dir.filePath(u"scim"_s));
    QVERIFY2(m_scim->start(&error), qPrintable(error));

    // A CA that did not issue the server's certificate.
    m_otherCa = m_dir.filePath(u"other-ca.pem"_s);
    QVERIFY2(TestServers::makeOtherCa(m_otherCa, &error), qPrintable(error));
}

void TestConnectionTest::source_data()
{
    QTest::addColumn<std::function<void(SourceConfiguration &, QByteArray &)>>("change");
    QTest::addColumn<bool>("hashes");
    QTest::addColumn<QString>("step");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<QString>("says");

    using Change = std::function<void(SourceConfiguration &, QByteArray &)>;
    const Change none = [](SourceConfiguration &, QByteArray &) {
    };
    QTest::newRow("StartTLS with its CA: every step passes")
        << none << true << u"Password hashes"_s << Outcome::Passed << u"readable (SSHA)"_s;
    QTest::newRow("wrong password") << Change([](SourceConfiguration &, QByteArray &p) {
        p = "not-the-password";
    }) << false << u"Sign-in"_s << Outcome::Failed
                                    << u"refused the bind DN or the password"_s;
    QTest::newRow("a CA that did not issue the certificate")
        << Change([this](SourceConfiguration &s, QByteArray &) { s.caFile = m_otherCa; }) << false
        << u"Encryption"_s << Outcome::Failed << u"not issued by the CA in source.caFile"_s;
    QTest::newRow("no CA: the system does not trust it")
        << Change([](SourceConfiguration &s, QByteArray &) { s.caFile.clear(); }) << false << u"Encryption"_s
        << Outcome::Failed << u"not trusted by this machine"_s;
    QTest::newRow("ldaps with a CA that did not issue it")
        << Change([this](SourceConfiguration &s, QByteArray &) {
               s.url = QUrl(m_tls->ldapsUrl());
               s.startTls = false;
               s.caFile = m_otherCa;
           })
        << false << u"Encryption"_s << Outcome::Failed << u"not issued by the CA in source.caFile"_s;
    QTest::newRow("ldaps:// on the plain LDAP port") << Change([this](SourceConfiguration &s, QByteArray &) {
        QUrl url(m_plain->url());
        url.setScheme(u"ldaps"_s);
        s.url = url;
        s.startTls = false;
    }) << false << u"Encryption"_s << Outcome::Failed << u"an LDAPS port"_s;
    QTest::newRow("StartTLS where the server has no TLS")
        << Change([this](SourceConfiguration &s, QByteArray &) { s.url = QUrl(m_plain->url()); }) << false
        << u"Encryption"_s << Outcome::Failed << u"does not offer StartTLS"_s;
    QTest::newRow("nothing listens") << Change([](SourceConfiguration &s, QByteArray &) {
        s.url.setPort(freePort());
    }) << false << u"Connection"_s << Outcome::Failed
                                     << u"(refused)"_s;
    QTest::newRow("the name does not resolve")
        << Change([](SourceConfiguration &s, QByteArray &) { s.url.setHost(u"no-such-host.invalid"_s); })
        << false << u"Server name"_s << Outcome::Failed << u"cannot be resolved"_s;
    QTest::newRow("base DN not found")
        << Change([](SourceConfiguration &s, QByteArray &) { s.baseDn = u"dc=example,dc=org"_s; }) << false
        << u"Base DN"_s << Outcome::Failed << u"The server holds: dc=example,dc=com"_s;
    QTest::newRow("plain LDAP on loopback needs no encryption")
        << Change([this](SourceConfiguration &s, QByteArray &) {
               s.url = QUrl(m_plain->url());
               s.startTls = false;
           })
        << false << u"Read users"_s << Outcome::Passed << u"Users are readable"_s;
}

void TestConnectionTest::source()
{
    QFETCH(std::function<void(SourceConfiguration &, QByteArray &)>, change);
    QFETCH(bool, hashes);
    QFETCH(QString, step);
    QFETCH(Outcome, outcome);
    QFETCH(QString, says);

    SourceConfiguration source;
    source.url = QUrl(m_tls->url());
    source.startTls = true;
    source.caFile = m_tls->caFile();
    source.bindDn = m_tls->syncDn();
    source.baseDn = BaseDn;
    source.timeoutSeconds = 5;
    QByteArray password = m_tls->syncPassword().toUtf8();
    change(source, password);

    const ConnectionReport report = ConnectionTest::source(source, password, hashes);
    const ConnectionStep *s = find(report, step);
    QVERIFY2(s, qPrintable(describe(report)));
    QCOMPARE(s->outcome, outcome);
    QVERIFY2(s->message.contains(says), qPrintable(describe(report)));
    QCOMPARE(report.ok(), outcome != Outcome::Failed);
    // The step that failed is the last one: nothing after it was tried as if it had worked.
    if (outcome == Outcome::Failed)
        QCOMPARE(report.steps.last().name, step);
    QVERIFY(!describe(report).contains(QString::fromUtf8(password)));
}

void TestConnectionTest::target_data()
{
    QTest::addColumn<std::function<void(TargetConfiguration &, QByteArray &)>>("change");
    QTest::addColumn<QString>("step");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<QString>("says");

    using Change = std::function<void(TargetConfiguration &, QByteArray &)>;
    QTest::newRow("the service and its token")
        << Change([](TargetConfiguration &, QByteArray &) {}) << u"Sign-in"_s << Outcome::Passed
        << u"The token is accepted"_s;
    QTest::newRow("wrong token") << Change([](TargetConfiguration &, QByteArray &t) { t = "not-the-token"; })
                                 << u"Sign-in"_s << Outcome::Failed << u"HTTP 401"_s;
    QTest::newRow("not the SCIM base URL")
        << Change([](TargetConfiguration &t, QByteArray &) { t.url.setPath(u"/api"_s); }) << u"SCIM service"_s
        << Outcome::Failed << u"No SCIM service answers"_s;
    QTest::newRow("nothing listens") << Change([](TargetConfiguration &t, QByteArray &) {
        t.url.setPort(freePort());
    }) << u"Connection"_s << Outcome::Failed
                                     << u"(refused)"_s;
}

void TestConnectionTest::target()
{
    QFETCH(std::function<void(TargetConfiguration &, QByteArray &)>, change);
    QFETCH(QString, step);
    QFETCH(Outcome, outcome);
    QFETCH(QString, says);

    TargetConfiguration target;
    target.url = m_scim->url();
    target.timeoutSeconds = 5;
    QByteArray token = m_scim->token().toUtf8();
    change(target, token);

    const ConnectionReport report = ConnectionTest::target(target, token);
    const ConnectionStep *s = find(report, step);
    QVERIFY2(s, qPrintable(describe(report)));
    QCOMPARE(s->outcome, outcome);
    QVERIFY2(s->message.contains(says), qPrintable(describe(report)));
    QVERIFY(!describe(report).contains(QString::fromUtf8(token)));
}

void TestConnectionTest::capabilitiesInWords_data()
{
    QTest::addColumn<QStringList>("options"); // of the SCIM peer
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<QStringList>("says");
    QTest::newRow("lenient") << QStringList() << Outcome::Passed
                             << QStringList{u"filters (Updraft asks with eq only), at most 1000 a page"_s,
                                            u"changes by PATCH"_s, u"no bulk"_s,
                                            u"groups can contain groups"_s};
    QTest::newRow("strict, with bulk")
        << QStringList{u"--strict"_s, u"--bulk"_s, u"--bulk-max-operations"_s, u"50"_s} << Outcome::Passed
        << QStringList{u"at most 100 a page"_s, u"bulk: up to 50 operations"_s,
                       u"groups cannot contain groups"_s, u"users require emails"_s};
    QTest::newRow("no discovery documents")
        << QStringList{u"--no-discovery"_s} << Outcome::Warning
        << QStringList{u"no filters: objects are matched from one listing per run"_s,
                       u"no PATCH: changed objects are replaced whole (PUT)"_s};
}

void TestConnectionTest::capabilitiesInWords()
{
    QFETCH(QStringList, options);
    QFETCH(Outcome, outcome);
    QFETCH(QStringList, says);
    TestServers::Scim scim(m_dir.filePath(u"scim-%1"_s.arg(QString::fromLatin1(QTest::currentDataTag()))));
    QString error;
    QVERIFY2(scim.start(&error, options), qPrintable(error));
    TargetConfiguration target;
    target.url = scim.url();
    target.timeoutSeconds = 5;
    const ConnectionReport report = ConnectionTest::target(target, scim.token().toUtf8());
    QVERIFY2(report.ok(), qPrintable(describe(report)));
    const ConnectionStep *s = find(report, u"Capabilities"_s);
    QVERIFY2(s, qPrintable(describe(report)));
    QCOMPARE(s->outcome, outcome);
    for (const QString &words : says)
        QVERIFY2(s->message.contains(words), qPrintable(s->message));
    if (outcome == Outcome::Warning)
        QVERIFY2(s->detail.contains(u"ServiceProviderConfig: HTTP 404"_s), qPrintable(s->detail));
}

QTEST_GUILESS_MAIN(TestConnectionTest)
#include "tst_connectiontest.moc"
