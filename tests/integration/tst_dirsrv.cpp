// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// 389 Directory Server as a source (tests/servers/dirsrv): its defaults (nsUniqueId as the anchor,
// nsAccountLock, groupOfUniqueNames, its password storage scheme and must-change reset), its change feed
// through the Content Synchronization plugin, and entries imported without entryUUID, which are reported as
// failures when entryUUID is the anchor and provisioned with nsUniqueId.
#include "syncfixture.h"

#include "sync/connectiontest.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

const QString Engineering = u"ou=Engineering,ou=People,dc=example,dc=com"_s;

QString userDn(const QString &uid)
{
    return u"uid=%1,%2"_s.arg(uid, Engineering);
}

QJsonObject byUserName(const QJsonArray &users, const QString &userName)
{
    for (const QJsonValue &v : users)
        if (v[u"userName"_s].toString() == userName)
            return v.toObject();
    return {};
}

int cli(const QStringList &arguments, QByteArray *out)
{
    QProcess p;
    p.start(QStringLiteral(UPDRAFT_CLI), arguments);
    if (!p.waitForFinished(120000))
        return -1;
    *out = p.readAllStandardOutput() + p.readAllStandardError();
    return p.exitCode();
}

} // namespace

class TestDirsrv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void defaultsChangesAndMustChange();
    void withoutEntryUuidAndWithoutContentSync();

private:
    bool start(QString *error, const QStringList &options)
    {
        return f.startDirsrv(
            TestServers::sourceDir() + u"/tests/integration/data/dirsrv.ldif"_s, error,
            QStringList{u"--ldif-without-entryuuid"_s,
                        TestServers::sourceDir() + u"/tests/integration/data/dirsrv-imported.ldif"_s} +
                options);
    }
    QJsonObject configJson(const QJsonObject &sourceChanges = {}) const
    {
        QJsonObject json = f.configJson(
            u"example.com"_s, {{u"organizationalUnits"_s, QJsonArray{u"ou=People,dc=example,dc=com"_s}}});
        QJsonObject source = json[u"source"_s].toObject();
        source[u"type"_s] = u"389ds"_s;
        for (auto it = sourceChanges.begin(); it != sourceChanges.end(); ++it)
            source[it.key()] = it.value();
        json[u"source"_s] = source;
        json[u"passwordHashSync"_s] = QJsonObject{{u"enabled"_s, true}};
        return json;
    }
    PasswordHashState hashState(const QString &dn)
    {
        const auto config = f.store().configuration(u"example.com"_s);
        for (const PasswordHashState &s : f.store().passwordHashes(config ? config->id : 0))
            if (s.dn.compare(dn, Qt::CaseInsensitive) == 0)
                return s;
        return {};
    }

    SyncFixture f;
};

void TestDirsrv::initTestCase()
{
    QString error;
    QVERIFY2(f.startScim(&error), qPrintable(error));
}

void TestDirsrv::cleanupTestCase()
{
    f.stopDirectory();
}

void TestDirsrv::defaultsChangesAndMustChange()
{
    QString error;
    QVERIFY2(start(&error, {u"--content-sync"_s}), qPrintable(error));
    const Configuration config = SyncFixture::config(configJson());
    QCOMPARE(config.source.effectiveAnchorAttribute(), u"nsUniqueId"_s);

    // Test connection recognises the server.
    const ConnectionReport report =
        ConnectionTest::source(config.source, f.slapd().syncPassword().toUtf8(), true);
    QVERIFY2(report.ok(), qPrintable(report.failure()));
    QStringList said;
    for (const ConnectionStep &step : report.steps)
        said.append(step.name + u": "_s + step.message);
    QVERIFY2(
        said.join(u'\n').contains(u"Directory type: The server is 389 Directory Server (389-Directory/"_s),
        qPrintable(said.join(u'\n')));
    QVERIFY2(said.join(u'\n').contains(u"Anchor: The first 5 users have a usable anchor (nsUniqueId)"_s),
             qPrintable(said.join(u'\n')));

    // First run: every user, those imported without entryUUID too; the locked one inactive; both group kinds.
    RunRecord r = f.run(config);
    QVERIFY2(r.status == u"success"_s, qPrintable(r.message));
    QCOMPARE(r.users.created, 5);
    QCOMPARE(r.groups.created, 2);
    const QJsonArray users = f.scim().users();
    QCOMPARE(byUserName(users, u"locked.out@example.com"_s)[u"active"_s].toBool(true), false);
    QCOMPARE(byUserName(users, u"ada.lovelace@example.com"_s)[u"active"_s].toBool(false), true);
    QVERIFY(!byUserName(users, u"old.timer@example.com"_s).isEmpty());
    QJsonObject engineers, allStaff;
    for (const QJsonValue &g : f.scim().groups()) {
        if (g[u"displayName"_s].toString() == u"Engineers"_s)
            engineers = g.toObject();
        if (g[u"displayName"_s].toString() == u"All Staff"_s)
            allStaff = g.toObject();
    }
    QCOMPARE(engineers[u"members"_s].toArray().size(), 2); // uniqueMember
    QVERIFY(!allStaff[u"members"_s].toArray().isEmpty());  // member, with a nested group
    // 389's own storage scheme goes out as it is stored.
    QCOMPARE(r.passwordHashes.value(u"synced"_s), 5);
    QCOMPARE(hashState(userDn(u"ada.lovelace"_s)).scheme, u"PBKDF2-SHA512"_s);

    // Nothing changed: the content sync plugin says so, and nothing else is read.
    r = f.run(config);
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.objectsRead, qint64(0));
    QCOMPARE(r.users.unchanged, 5);

    // A change is read alone.
    QVERIFY2(f.slapd().modify(u"dn: %1\nchangetype: modify\nreplace: title\ntitle: Engineer\n"_s.arg(
                                  userDn(u"ada.lovelace"_s)),
                              &error),
             qPrintable(error));
    f.scim().resetStats();
    r = f.run(config);
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.updated, 1);
    QVERIFY2(r.objectsRead < 5, qPrintable(QString::number(r.objectsRead)));
    QCOMPARE(byUserName(f.scim().users(), u"ada.lovelace@example.com"_s)[u"title"_s].toString(),
             u"Engineer"_s);

    // A delete reaches the cloud.
    QVERIFY2(f.slapd().modify(u"dn: %1\nchangetype: delete\n"_s.arg(userDn(u"legacy.user"_s)), &error),
             qPrintable(error));
    r = f.run(config);
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.deleted, 1);
    QVERIFY(byUserName(f.scim().users(), u"legacy.user@example.com"_s).isEmpty());

    // Must change at next logon: with passwordMustChange, an administrator's reset expires the password,
    // and the hash is held until the user has changed it.
    QVERIFY2(f.slapd().modify(u"dn: cn=config\nchangetype: modify\nreplace: passwordMustChange\n"
                              u"passwordMustChange: on\n"_s,
                              &error),
             qPrintable(error));
    QVERIFY2(f.slapd().changePassword(userDn(u"li.lei"_s), {}, u"Temp-Reset-1"_s, &error), qPrintable(error));
    r = f.run(config);
    QCOMPARE(r.passwordHashes.value(u"held"_s), 1);
    QCOMPARE(hashState(userDn(u"li.lei"_s)).status, u"held"_s);
    QVERIFY2(f.slapd().changePassword(userDn(u"li.lei"_s), u"Temp-Reset-1"_s, u"Li-Secret-2"_s, &error),
             qPrintable(error));
    r = f.run(config);
    QCOMPARE(r.passwordHashes.value(u"held"_s), 0);
    QCOMPARE(hashState(userDn(u"li.lei"_s)).status, u"synced"_s);
}

void TestDirsrv::withoutEntryUuidAndWithoutContentSync()
{
    QString error;
    QVERIFY2(start(&error, {}), qPrintable(error));

    // Typed as OpenLDAP: Test connection names the server and the type to choose.
    QJsonObject json = configJson({{u"type"_s, u"openldap"_s}});
    const ConnectionReport report =
        ConnectionTest::source(SyncFixture::config(json).source, f.slapd().syncPassword().toUtf8(), false);
    bool suggested = false, unanchored = false;
    for (const ConnectionStep &step : report.steps) {
        suggested |= step.outcome == ConnectionStep::Outcome::Warning &&
                     step.message.contains(u"choose 389 Directory Server as the directory type (source.type "
                                           u"\"389ds\")"_s);
        unanchored |= step.name == u"Anchor"_s && step.message.contains(u"2 of the first 5 users"_s);
    }
    QVERIFY(suggested);
    QVERIFY(unanchored);

    // entryUUID as the anchor: the two imported users are failures of the run, with the reason and the fix;
    // the run does not end in success, and the CLI says so in its exit code.
    json = configJson({{u"anchorAttribute"_s, u"entryUUID"_s}});
    RunRecord r = f.run(SyncFixture::config(json));
    QCOMPARE(r.status, u"warning"_s);
    QCOMPARE(r.users.created, 3);
    QCOMPARE(r.users.failed, 2);
    const QList<RunResult> old = f.resultsFor(userDn(u"old.timer"_s));
    QVERIFY(!old.isEmpty());
    QCOMPARE(old.first().outcome, u"failed"_s);
    QVERIFY2(old.first().message.contains(u"the entry has no entryUUID"_s) &&
                 old.first().message.contains(u"choose nsUniqueId"_s),
             qPrintable(old.first().message));
    // Without the content sync plugin everything is read, and the run says what would change that.
    bool readRow = false;
    for (const RunResult &result : f.lastResults())
        readRow |= result.action == u"read"_s && result.message.contains(u"Content Synchronization plugin"_s);
    QVERIFY(readRow);

    QFile file(f.path(u"dirsrv-entryuuid.json"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(json).toJson());
    file.close();
    QByteArray out;
    const int exit = cli({u"run"_s, u"--config"_s, file.fileName(), u"--state"_s, f.stateDir()}, &out);
    QVERIFY2(exit != 0, out.constData());
    QVERIFY2(out.contains("old.timer"), out.constData());
}

QTEST_GUILESS_MAIN(TestDirsrv)
#include "tst_dirsrv.moc"
