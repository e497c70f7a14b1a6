// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Password hashes by replication (MS-DRSR) from the Samba AD DC, over the network as any client would, with
// the fixture's replication account (both rights), the reader (only "Replicating Directory Changes") and an
// account with only "... Changes All". See tst_samba.cpp for the shared DC.
#include "sambatest.h"

#include "source/anchor.h"
#include "source/hashreplication.h"
#include "sync/connectiontest.h"
#include "sync/explainer.h"
#include "sync/passwordhashadvice.h"

#include <QDirIterator>

using namespace SambaTest;

namespace {

const QString ReplicatorPasswordVariable = u"UPDRAFT_TEST_SAMBA_REPLICATOR_PASSWORD"_s;

// objectGUID as the helper names it.
QString guidOf(const TestServers::LdapEntry &entry)
{
    return Anchor::guidBytesToText(entry.value(u"objectGUID"_s));
}

} // namespace

// The people below OU=Staff, read over ldap:// by the reader, their hashes replicated with the replication
// account: no ldapi socket, nothing on the DC's machine.
QJsonObject TestSamba::replicationJson(const QString &account) const
{
    QJsonObject json = configJson({u"OU=Staff"_s});
    QJsonObject source = json[u"source"_s].toObject();
    source[u"passwordHashes"_s] =
        QJsonObject{{u"method"_s, u"replication"_s},
                    {u"account"_s, account.isEmpty() ? m_dc.env(u"SAMBA_REPLICATOR_UPN"_s) : account},
                    {u"password"_s, QJsonObject{{u"env"_s, ReplicatorPasswordVariable}}}};
    json[u"source"_s] = source;
    json[u"passwordHashSync"_s] = QJsonObject{{u"enabled"_s, true}};
    qputenv(ReplicatorPasswordVariable.toUtf8().constData(),
            m_dc.env(u"SAMBA_REPLICATOR_PASSWORD"_s).toUtf8());
    return json;
}

// What Explain says of one user (its hash replicated alone).
Explanation TestSamba::explain(const Configuration &config, const QString &text)
{
    Explainer explainer(config, *m_store, text, false);
    QSignalSpy finished(&explainer, &Explainer::finished);
    explainer.start();
    if (finished.isEmpty() && !finished.wait(120000))
        return {};
    return finished.first().first().value<Explanation>();
}

// The first run: a full pass; every hash verifies against the user's known password; the user who must
// change the password is held.
void TestSamba::replicatedHashesArriveAsPph1()
{
    QString error;
    QVERIFY2(freshStore(&error), qPrintable(error));
    Configuration config;
    QVERIFY2(toConfiguration(replicationJson(), config, &error), qPrintable(error));
    const RunRecord r = run(config);
    QVERIFY2(r.status == u"success"_s, qPrintable(r.status + u": "_s + r.message));
    const QMap<QString, int> expected{{u"synced"_s, 26}, {u"held"_s, 1}};
    QCOMPARE(r.passwordHashes, expected);
    QCOMPARE(f.scim().stats()[u"credentialWrites"_s].toInt(), 26);
    bool said = false;
    for (const RunResult &result : std::as_const(m_lastResults))
        said |= result.action == u"password-hash"_s && result.message.contains(u"a full pass"_s);
    QVERIFY(said);
    for (const QString &key : staffKeys()) {
        const QJsonObject sent = cloudUserWithCredentials(key)[Ext].toObject();
        if (fixtureUser(key)[u"mustChangePassword"_s].toBool()) {
            QVERIFY2(!sent.contains(u"passwordHash"_s), qPrintable(key));
            QCOMPARE(hashState(key).status, u"held"_s);
            continue;
        }
        QVERIFY2(PasswordHash::verifyPph1(sent[u"passwordHash"_s].toString(),
                                          PasswordHash::ntHash(fixtureUser(key)[u"password"_s].toString())),
                 qPrintable(key));
        QCOMPARE(hashState(key).scheme, u"NT"_s);
    }
    // Nothing left for the next run: the position was kept, and nothing changed.
    f.scim().resetStats();
    const RunRecord again = run(config);
    QVERIFY2(again.status == u"success"_s, qPrintable(again.status + u": "_s + again.message));
    QCOMPARE(f.scim().writes(), 0);
    QVERIFY(!m_store->replicationState(m_store->configuration(m_dc.upnSuffix())->id).position.isEmpty());
}

// The helper itself: only the users asked for leave it; krbtgt, the computers and everyone else are dropped
// before they are decrypted.
void TestSamba::replicationReturnsOnlyTheUsersAskedFor()
{
    ReplicationSettings settings;
    settings.server = m_dc.address();
    settings.namingContext = m_dc.baseDn();
    settings.account = m_dc.env(u"SAMBA_REPLICATOR_UPN"_s);
    settings.password = m_dc.env(u"SAMBA_REPLICATOR_PASSWORD"_s).toUtf8();
    QString error;
    QStringList want;
    for (const QString &key : {u"grace.hopper"_s, u"alan.turing"_s, u"ines.costa"_s})
        want.append(guidOf(m_ldap.value(key)));
    const QList<TestServers::LdapEntry> krbtgt =
        m_dc.search(dn(u"CN=Users"_s), u"(sAMAccountName=krbtgt)"_s, {u"objectGUID"_s}, &error);
    QCOMPARE(krbtgt.size(), 1);

    HashReplication replication(settings);
    ReplicationPass pass;
    QVERIFY2(replication.replicate({}, want, {}, pass), qPrintable(replication.error().message));
    QVERIFY(pass.full);
    QCOMPARE(QSet<QString>(pass.hashes.keyBegin(), pass.hashes.keyEnd()),
             QSet<QString>(want.cbegin(), want.cend()));
    QVERIFY(!pass.hashes.contains(guidOf(krbtgt.first())));
    QVERIFY2(pass.discarded > 1000, qPrintable(QString::number(pass.discarded))); // the bulk users, krbtgt…
    QCOMPARE(pass.hashes.value(want.first()),
             PasswordHash::ntHash(fixtureUser(u"grace.hopper"_s)[u"password"_s].toString()));
    QVERIFY(!pass.position.isEmpty());
}

// A domain controller that does not answer: the failure says so, and which ports to open.
void TestSamba::unreachableDcIsExplained()
{
    ReplicationSettings settings;
    settings.server = u"127.0.0.79"_s; // nothing listens there
    settings.namingContext = m_dc.baseDn();
    settings.account = m_dc.env(u"SAMBA_REPLICATOR_UPN"_s);
    settings.password = m_dc.env(u"SAMBA_REPLICATOR_PASSWORD"_s).toUtf8();
    HashReplication replication(settings);
    ReplicationPass pass;
    QVERIFY(!replication.replicate({}, {guidOf(m_ldap.value(u"grace.hopper"_s))}, {}, pass));
    QCOMPARE(replication.error().kind, u"unreachable"_s);
    QVERIFY(pass.hashes.isEmpty());
    const QString said = replication.explainError();
    QVERIFY2(said.contains(u"127.0.0.79 answers from this machine on TCP port 135"_s), qPrintable(said));
}

// A password changed on the DC travels by the delta pass alone: one user replicated, one hash sent.
void TestSamba::passwordChangeTravelsByTheDeltaPass()
{
    QString error;
    Configuration config;
    QVERIFY2(toConfiguration(replicationJson(), config, &error), qPrintable(error));
    const QString key = u"alan.turing"_s;
    const QString newPassword = u"Alan-Replicated-2!"_s;
    // Before the run, Explain tells: grace's hash is as sent; alan's, replicated alone, is new.
    QVERIFY(!explain(config, u"grace.hopper"_s).sendsPasswordHash);
    QVERIFY2(m_dc.setPassword(fixtureUser(key)[u"dn"_s].toString(), newPassword, &error), qPrintable(error));
    const Explanation alan = explain(config, key);
    QVERIFY(alan.sendsPasswordHash);
    bool shown = false;
    for (const ExplanationStep &step : alan.steps)
        for (const auto &[name, value] : step.details)
            shown |= value.contains(u"replicated from "_s + m_dc.address());
    QVERIFY(shown);
    f.scim().resetStats();
    const RunRecord r = run(config);
    QVERIFY2(r.status == u"success"_s, qPrintable(r.status + u": "_s + r.message));
    QCOMPARE(f.scim().stats()[u"credentialWrites"_s].toInt(), 1);
    QString said;
    for (const RunResult &result : std::as_const(m_lastResults))
        if (result.action == u"password-hash"_s && result.anchor.isEmpty())
            said = result.message;
    QVERIFY2(said.contains(u"only what changed since the last pass (1 users"_s), qPrintable(said));
    const QJsonObject sent = cloudUserWithCredentials(key)[Ext].toObject();
    QVERIFY(PasswordHash::verifyPph1(sent[u"passwordHash"_s].toString(), PasswordHash::ntHash(newPassword)));
    QCOMPARE(hashState(key).status, u"synced"_s);
}

// A position the helper cannot use (another DC's, or unreadable) is not trusted: a full pass, said in the
// run.
void TestSamba::replicationPositionNotUsableMeansAFullPass()
{
    QString error;
    Configuration config;
    QVERIFY2(toConfiguration(replicationJson(), config, &error), qPrintable(error));
    const qint64 id = m_store->configuration(m_dc.upnSuffix())->id;
    ReplicationState state = m_store->replicationState(id);
    QVERIFY(!state.position.isEmpty());
    state.position =
        QByteArray(R"({"v": 1, "server": "dc9.elsewhere.test", "nc": "DC=elsewhere"})").toBase64();
    QVERIFY(m_store->saveReplicationState(id, state));
    // Something must change for the run to reach the hash phase.
    QVERIFY2(
        m_dc.setPassword(fixtureUser(u"ines.costa"_s)[u"dn"_s].toString(), u"Ines-Replicated-3!"_s, &error),
        qPrintable(error));
    f.scim().resetStats();
    const RunRecord r = run(config);
    QVERIFY2(r.status == u"success"_s, qPrintable(r.status + u": "_s + r.message));
    QString said;
    for (const RunResult &result : std::as_const(m_lastResults))
        if (result.action == u"password-hash"_s && result.anchor.isEmpty())
            said = result.message;
    QVERIFY2(said.contains(u"a full pass because the saved replication position belongs to another"_s),
             qPrintable(said));
    QCOMPARE(f.scim().stats()[u"credentialWrites"_s].toInt(), 1); // ines; the others are as synced before
    QVERIFY(m_store->replicationState(id).position != state.position);
}

// An account without both rights: Test connection names the missing one with the dsacls line, and a run
// fails every hash with the same words (retried next run); nothing is sent.
void TestSamba::missingReplicationRightIsNamed_data()
{
    QTest::addColumn<QString>("account");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("missing");
    QTest::addColumn<QString>("notMissing");
    QTest::newRow("reader: only Replicating Directory Changes")
        << m_dc.env(u"SAMBA_READER_UPN"_s) << m_dc.readerPassword()
        << u"\"Replicating Directory Changes All\""_s << u"\"Replicating Directory Changes\" and"_s;
    QTest::newRow("only ... Changes All")
        << m_dc.env(u"SAMBA_SECRETS_ONLY_UPN"_s) << m_dc.env(u"SAMBA_REPLICATOR_PASSWORD"_s)
        << u"lacks \"Replicating Directory Changes\""_s << QString();
}

void TestSamba::missingReplicationRightIsNamed()
{
    QFETCH(QString, account);
    QFETCH(QString, password);
    QFETCH(QString, missing);
    QFETCH(QString, notMissing);
    QString error;
    QJsonObject json = replicationJson(account);
    qputenv(ReplicatorPasswordVariable.toUtf8().constData(), password.toUtf8());
    Configuration config;
    QVERIFY2(toConfiguration(json, config, &error), qPrintable(error));

    const ConnectionReport report =
        ConnectionTest::source(config.source, m_dc.readerPassword().toUtf8(), config.passwordHashSync);
    QVERIFY(!report.ok());
    const ConnectionStep &last = report.steps.constLast();
    QCOMPARE(last.outcome, ConnectionStep::Outcome::Failed);
    QVERIFY2(last.message.contains(missing), qPrintable(last.message));
    if (!notMissing.isEmpty())
        QVERIFY2(!last.message.contains(notMissing), qPrintable(last.message));
    QVERIFY2(last.detail.contains(u"dsacls \"%1\" /G \"%2:CA;"_s.arg(m_dc.baseDn(), account)),
             qPrintable(last.detail));

    QVERIFY2(freshStore(&error), qPrintable(error));
    const RunRecord r = run(config);
    QCOMPARE(r.status, u"warning"_s);
    QCOMPARE(r.users.created, 27);
    QCOMPARE(r.passwordHashes.value(u"retrying"_s), 26);
    QCOMPARE(f.scim().stats()[u"credentialWrites"_s].toInt(), 0);
    const PasswordHashState grace = hashState(u"grace.hopper"_s);
    QCOMPARE(grace.status, u"retrying"_s);
    QVERIFY2(grace.reason.contains(missing), qPrintable(grace.reason));
    QVERIFY2(grace.reason.contains(u"dsacls"_s), qPrintable(grace.reason));
    const PasswordHashAdvice advice = PasswordHashAdvice::of(grace, QDateTime::currentDateTimeUtc());
    QVERIFY2(advice.nextStep.contains(u"Test connection"_s), qPrintable(advice.nextStep));
}

// Kerberos instead of NTLM: the source binds with GSSAPI from the replication account's keytab, and
// replication logs on with the same keytab; the DC is named for its ticket, reached at its address.
void TestSamba::replicationWithKerberos()
{
    QString error;
    const QString keytab = m_dir.filePath(u"svc-replicator.keytab"_s);
    if (!QFile::exists(keytab))
        QVERIFY2(
            m_dc.exportKeytab(m_dc.env(u"SAMBA_REPLICATOR_UPN"_s).section(u'@', 0, 0) + u'@' + m_dc.realm(),
                              keytab, &error),
            qPrintable(error));
    QJsonObject json = configJson({u"OU=Staff"_s});
    QJsonObject source = json[u"source"_s].toObject();
    source.remove(u"bindDn"_s);
    source.remove(u"bindPassword"_s);
    source[u"sasl"_s] = u"GSSAPI"_s;
    source[u"keytab"_s] = keytab;
    source[u"passwordHashes"_s] =
        QJsonObject{{u"method"_s, u"replication"_s}, {u"server"_s, QString(u"dc1."_s + m_dc.upnSuffix())}};
    json[u"source"_s] = source;
    json[u"passwordHashSync"_s] = QJsonObject{{u"enabled"_s, true}};
    Configuration config;
    QVERIFY2(toConfiguration(json, config, &error), qPrintable(error));
    QVERIFY2(freshStore(&error), qPrintable(error));
    const RunRecord r = run(config);
    QVERIFY2(r.status == u"success"_s, qPrintable(r.status + u": "_s + r.message));
    QCOMPARE(r.passwordHashes.value(u"synced"_s), 26);
    const QJsonObject sent = cloudUserWithCredentials(u"grace.hopper"_s)[Ext].toObject();
    QVERIFY(PasswordHash::verifyPph1(
        sent[u"passwordHash"_s].toString(),
        PasswordHash::ntHash(fixtureUser(u"grace.hopper"_s)[u"password"_s].toString())));
}

// The helper killed (SIGKILL) after it sent some hashes: the run fails the hashes, and no hash is anywhere
// on disk: not in the store, nor in any file written under /tmp during the run.
void TestSamba::killedHelperLeavesNoHashOnDisk()
{
    QString error;
    const QString wrapper = m_dir.filePath(u"killed-helper.sh"_s);
    {
        QFile file(wrapper);
        QVERIFY(file.open(QIODevice::WriteOnly));
        // Runs the real helper and kills it with SIGKILL once it has written 5 lines.
        file.write(u"#!/bin/bash\n"
                   "coproc HELPER { exec \"%1\"; }\n"
                   "cat >&\"${HELPER[1]}\"; exec {HELPER[1]}>&-\n"
                   "for i in 1 2 3 4 5; do IFS= read -r line <&\"${HELPER[0]}\" || break; printf '%s\\n' "
                   "\"$line\"; done\n"
                   "kill -9 \"$HELPER_PID\"; exit 137\n"_s.arg(HashReplication::helperPath())
                       .toUtf8());
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    qputenv("UPDRAFT_REPLICATION_HELPER", QFile::encodeName(wrapper));
    Configuration config;
    QVERIFY2(toConfiguration(replicationJson(), config, &error), qPrintable(error));
    QVERIFY2(freshStore(&error), qPrintable(error));
    const QDateTime began = QDateTime::currentDateTime().addSecs(-1);
    const RunRecord r = run(config);
    qunsetenv("UPDRAFT_REPLICATION_HELPER");
    QCOMPARE(r.status, u"warning"_s);
    QCOMPARE(r.passwordHashes.value(u"retrying"_s), 26);
    QVERIFY2(hashState(u"grace.hopper"_s).reason.contains(u"stopped without an answer"_s),
             qPrintable(hashState(u"grace.hopper"_s).reason));

    // Every staff user's NT hash, raw and in hex, searched for in every file the run could have written.
    QList<QByteArray> secrets;
    for (const QString &key : staffKeys()) {
        const QByteArray nt = PasswordHash::ntHash(fixtureUser(key)[u"password"_s].toString());
        secrets << nt << nt.toHex() << nt.toHex().toUpper() << nt.toBase64();
    }
    // What the run wrote: the store, and anything in $TMPDIR or /tmp changed since it began; a Samba DC keeps
    // the hashes in its own database under /tmp, which is not Updraft's.
    int scanned = 0;
    QStringList roots{QDir::tempPath(), u"/tmp"_s}; // the store is in the first
    roots.removeDuplicates();
    for (const QString &root : std::as_const(roots)) {
        QDirIterator files(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            if (file.fileName().contains(u"/updraft-samba."_s) || files.fileInfo().lastModified() < began)
                continue;
            if (file.size() > 64 * 1024 * 1024 || !file.open(QIODevice::ReadOnly))
                continue;
            const QByteArray content = file.readAll();
            ++scanned;
            for (const QByteArray &secret : std::as_const(secrets))
                QVERIFY2(!content.contains(secret), qPrintable(file.fileName()));
        }
    }
    QVERIFY(scanned > 0);
}
