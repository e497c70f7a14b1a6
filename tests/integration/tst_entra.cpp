// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Microsoft Entra ID through API-driven inbound provisioning, against tests/servers/entra (an imitation of
// the token endpoint, the provisioning job, bulkUpload and the provisioning logs, faithful to Microsoft's
// documentation): users only, 50 a request, paced under the job's limit, within the daily budget; a leaver is
// disabled and guarded; outcomes come from the logs, are attached to the run that sent each user, and a
// record Entra could not provision is sent again.
#include "syncfixture.h"
#include "testservers.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

QString userDn(const QString &uid, const QString &ou)
{
    return u"uid=%1,ou=%2,ou=People,dc=example,dc=com"_s.arg(uid, ou);
}

int count(const QList<RunResult> &results, const QString &action, const QString &outcome)
{
    return int(std::count_if(results.begin(), results.end(),
                             [&](const RunResult &r) { return r.action == action && r.outcome == outcome; }));
}

} // namespace

class TestEntra : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void firstRunThenResultsAttached();
    void changeSendsOneRecord();
    void leaverIsDisabledNotDeletedAndGuarded();
    void recordEntraRefusedIsSentAgain();
    void disableEntraRefusedIsSentAgain();
    void noUsersButGroupsIsASourceFault();
    void thousandUsersPacedInFiftyRecordRequests();
    void dailyBudgetIsRespected();
    void expiredSecretIsExplained();
    void pausedJobStopsTheRunBeforeSending();
    void certificateCredentials();

private:
    void start(const QStringList &entraOptions, const QString &ldif = {})
    {
        QString error;
        m_entra = std::make_unique<TestServers::Entra>(f.path(u"entra-%1"_s.arg(++m_number)));
        QVERIFY2(m_entra->start(&error, entraOptions), qPrintable(error));
        QVERIFY2(f.startDirectoryWith(ldif.isEmpty() ? TestServers::sourceDir() +
                                                           u"/tests/integration/data/directory.ldif"_s
                                                     : ldif,
                                      &error),
                 qPrintable(error));
        qputenv("UPDRAFT_TEST_BIND_PASSWORD", "sync-secret");
        qputenv("UPDRAFT_TEST_ENTRA_SECRET", m_entra->file(u"secret"_s).toUtf8());
    }
    QJsonObject target() const
    {
        return {{u"type"_s, u"entra-inbound"_s},
                {u"graph"_s, m_entra->url().toString()},
                {u"authority"_s, m_entra->url().toString()},
                {u"tenant"_s, m_entra->file(u"tenant"_s)},
                {u"clientId"_s, m_entra->file(u"client"_s)},
                {u"clientSecret"_s, QJsonObject{{u"env"_s, u"UPDRAFT_TEST_ENTRA_SECRET"_s}}},
                {u"servicePrincipalId"_s, m_entra->file(u"sp"_s)},
                {u"jobId"_s, m_entra->file(u"job"_s)}};
    }
    Configuration config(const std::function<void(QJsonObject &json)> &change = {},
                         const QString &ou = u"ou=People,dc=example,dc=com"_s) const
    {
        QJsonObject json{{u"name"_s, u"example.com"_s},
                         {u"source"_s, QJsonObject{{u"type"_s, u"openldap"_s},
                                                   {u"url"_s, f.slapdUrl()},
                                                   {u"bindDn"_s, f.slapdSyncDn()},
                                                   {u"bindPassword"_s,
                                                    QJsonObject{{u"env"_s, u"UPDRAFT_TEST_BIND_PASSWORD"_s}}},
                                                   {u"baseDn"_s, SyncFixture::BaseDn}}},
                         {u"scope"_s, QJsonObject{{u"organizationalUnits"_s, QJsonArray{ou}}}},
                         {u"target"_s, target()}};
        if (change)
            change(json);
        return SyncFixture::config(json);
    }
    // A directory of `users` people (tests/fixtures/gen-directory.py); empty if it could not be made.
    QString generated(int users) { return f.generateDirectory(users, 3); }
    void modify(const QString &ldif)
    {
        QString error;
        QVERIFY2(f.slapd().modify(ldif, &error), qPrintable(error));
    }
    // The outcome recorded for one user in one run.
    QString outcomeIn(qint64 run, const QString &dn, QString *message = nullptr)
    {
        QSqlQuery q(f.store().database());
        q.prepare(u"SELECT outcome, message FROM run_results WHERE run_id = ? AND dn = ? AND anchor != ''"
                  u" ORDER BY id DESC LIMIT 1"_s);
        q.addBindValue(run);
        q.addBindValue(dn);
        if (!q.exec() || !q.next())
            return {};
        if (message)
            *message = q.value(1).toString();
        return q.value(0).toString();
    }
    QJsonObject entraUser(const QString &userName)
    {
        const QJsonObject users = m_entra->users();
        for (const QJsonValue &u : users)
            if (u[u"userPrincipalName"_s].toString().compare(userName, Qt::CaseInsensitive) == 0)
                return u.toObject();
        return {};
    }

    SyncFixture f;
    std::unique_ptr<TestServers::Entra> m_entra;
    int m_number = 0;
};

void TestEntra::cleanup()
{
    f.stopDirectory();
    m_entra.reset();
}

void TestEntra::firstRunThenResultsAttached()
{
    start({u"--log-delay"_s, u"600"_s});
    const RunRecord first = f.run(config());
    QCOMPARE(first.status, u"success"_s);
    QCOMPARE(first.users.created, 7);
    QCOMPARE(first.users.failed, 0);
    QCOMPARE(first.groups.created, 0);
    // Accepted, not yet known: said so per user; groups are said once to be out of this target's reach.
    QCOMPARE(count(f.lastResults(), u"create"_s, u"accepted"_s), 7);
    QCOMPARE(count(f.lastResults(), u"skip"_s, u"warning"_s), 1);
    QJsonObject stats = m_entra->stats();
    QCOMPARE(stats[u"bulkCallsAccepted"_s].toInt(), 1);
    QCOMPARE(stats[u"maxOperationsInRequest"_s].toInt(), 7);
    QCOMPARE(stats[u"requests"_s][u"token"_s].toInt(), 1);

    // Entra processes them; the next run reads the log and attaches each outcome to the first run.
    QCOMPARE(m_entra->flush()[u"processed"_s].toInt(), 7);
    const RunRecord second = f.run(config());
    QCOMPARE(second.status, u"success"_s);
    QString message;
    QCOMPARE(outcomeIn(first.id, userDn(u"jose.muller"_s, u"Engineering"_s), &message), u"success"_s);
    QVERIFY2(message.contains(u"created in Entra"_s), qPrintable(message));
    QCOMPARE(m_entra->stats()[u"bulkCallsAccepted"_s].toInt(), 1); // nothing changed: nothing sent
    // bob's manager is li.lei, sent by her externalId.
    const QJsonObject bob = entraUser(u"bob.smith@example.com"_s);
    QVERIFY(!bob.isEmpty());
    QCOMPARE(bob[u"manager"_s][u"externalId"_s].toString(),
             entraUser(u"li.lei@example.com"_s)[u"externalId"_s].toString());
    QCOMPARE(f.store().acceptedResultsWaiting(first.configurationId), 0);
    // The logs are read from where the last read ended (less an overlap), which moves forward.
    QVERIFY(f.store().deferredResultsCheckedUntil(first.configurationId) >= second.startedAt);
}

void TestEntra::changeSendsOneRecord()
{
    start({u"--log-delay"_s, u"0"_s});
    QCOMPARE(f.run(config()).status, u"success"_s);
    modify(u"dn: %1\nchangetype: modify\nreplace: title\ntitle: Principal Engineer\n"_s.arg(
        userDn(u"jose.muller"_s, u"Engineering"_s)));
    const RunRecord r = f.run(config());
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.updated, 1);
    const QJsonObject stats = m_entra->stats();
    QCOMPARE(stats[u"bulkCallsAccepted"_s].toInt(), 2);
    QCOMPARE(stats[u"operationsAccepted"_s].toInt(), 8);
    m_entra->flush();
    QCOMPARE(entraUser(u"jose.muller@example.com"_s)[u"attributes"_s][u"title"_s].toString(),
             u"Principal Engineer"_s);
}

void TestEntra::leaverIsDisabledNotDeletedAndGuarded()
{
    start({u"--log-delay"_s, u"0"_s});
    QCOMPARE(f.run(config()).status, u"success"_s);
    m_entra->flush();
    modify(u"dn: %1\nchangetype: delete\n"_s.arg(userDn(u"eve.adams"_s, u"Sales"_s)));
    // The delete guard counts a disable as a delete.
    RunRecord r = f.run(config([](QJsonObject &json) {
        json[u"safety"_s] = QJsonObject{{u"deleteThreshold"_s, 0}};
    }));
    QCOMPARE(r.status, u"stopped"_s);
    QVERIFY(entraUser(u"eve.adams@example.com"_s)[u"enabled"_s].toBool());
    // The admin approves it.
    QList<qint64> staged;
    for (const StagedDelete &d : f.store().stagedDeletes(r.configurationId))
        staged.append(d.id);
    QCOMPARE(staged.size(), 1);
    QCOMPARE(f.store().decideDeletes(r.configurationId, staged, u"approved"_s), 1);
    r = f.run(config());
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.deleted, 1);
    QCOMPARE(count(f.lastResults(), u"disable"_s, u"accepted"_s), 1);
    m_entra->flush();
    const QJsonObject eve = entraUser(u"eve.adams@example.com"_s);
    QVERIFY2(!eve.isEmpty(), "a leaver is disabled, never deleted");
    QVERIFY(!eve[u"enabled"_s].toBool());
}

void TestEntra::recordEntraRefusedIsSentAgain()
{
    start({u"--log-delay"_s, u"0"_s});
    // A userName in a domain the tenant has not verified: Entra accepts the request, then fails the record.
    modify(u"dn: %1\nchangetype: modify\nreplace: mail\nmail: ada@unverified.example\n"_s.arg(
        userDn(u"ada.lovelace"_s, u"Engineering"_s)));
    const RunRecord first = f.run(config());
    QCOMPARE(first.status, u"success"_s);
    m_entra->flush();
    const RunRecord second = f.run(config());
    QString message;
    QCOMPARE(outcomeIn(first.id, userDn(u"ada.lovelace"_s, u"Engineering"_s), &message), u"failed"_s);
    QVERIFY2(message.contains(u"sent again"_s), qPrintable(message));
    const auto runs = f.store().runs(u"example.com"_s, 10);
    const auto firstAgain =
        std::find_if(runs.begin(), runs.end(), [&](const RunRecord &r) { return r.id == first.id; });
    QVERIFY(firstAgain != runs.end());
    QCOMPARE(firstAgain->users.failed, 1);
    QCOMPARE(firstAgain->status, u"warning"_s);
    // The second run sent ada again, though the directory did not change.
    QCOMPARE(outcomeIn(second.id, userDn(u"ada.lovelace"_s, u"Engineering"_s), &message), u"accepted"_s);
    QVERIFY2(message.contains(u"sent again"_s), qPrintable(message));
    QCOMPARE(m_entra->stats()[u"bulkCallsAccepted"_s].toInt(), 2);
}

// A leaver whose disable Entra could not process is disabled again by the next run, though its link went with
// the record.
void TestEntra::disableEntraRefusedIsSentAgain()
{
    start({u"--log-delay"_s, u"600"_s});
    QCOMPARE(f.run(config()).status, u"success"_s);
    m_entra->flush();
    // eve gets a userName in a domain the tenant has not verified, then leaves, before Entra processes
    // either.
    const QString eve = userDn(u"eve.adams"_s, u"Sales"_s);
    modify(u"dn: %1\nchangetype: modify\nreplace: mail\nmail: eve@unverified.example\n"_s.arg(eve));
    QCOMPARE(f.run(config()).users.updated, 1);
    modify(u"dn: %1\nchangetype: delete\n"_s.arg(eve));
    const RunRecord left = f.run(config());
    QCOMPARE(left.users.deleted, 1);
    m_entra->flush();
    QVERIFY(entraUser(u"eve.adams@example.com"_s)[u"enabled"_s].toBool()); // both records failed
    const RunRecord again = f.run(config());
    QString message;
    QCOMPARE(outcomeIn(left.id, eve, &message), u"failed"_s);
    QCOMPARE(count(f.lastResults(), u"disable"_s, u"accepted"_s), 1);
    m_entra->flush();
    QVERIFY2(!entraUser(u"eve.adams@example.com"_s)[u"enabled"_s].toBool(), "disabled on the second attempt");
    QCOMPARE(again.users.failed, 0);
}

// Users only go to Entra: a source that answers with the groups but none of the users is at fault, and no one
// is disabled.
void TestEntra::noUsersButGroupsIsASourceFault()
{
    start({u"--log-delay"_s, u"0"_s});
    QCOMPARE(f.run(config()).status, u"success"_s);
    QString ldif;
    for (const auto &[uid, ou] : {std::pair{u"jose.muller"_s, u"Engineering"_s},
                                  {u"li.lei"_s, u"Engineering"_s},
                                  {u"ada.lovelace"_s, u"Engineering"_s},
                                  {u"bob.smith"_s, u"Sales"_s},
                                  {u"carol.jones"_s, u"Sales"_s},
                                  {u"eve.adams"_s, u"Sales"_s},
                                  {u"frank.ng"_s, u"Sales"_s}})
        ldif += u"dn: %1\nchangetype: delete\n\n"_s.arg(userDn(uid, ou));
    modify(ldif);
    const RunRecord r = f.run(config());
    QCOMPARE(r.status, u"failed"_s);
    QVERIFY2(r.message.contains(u"fault"_s), qPrintable(r.message));
    QCOMPARE(m_entra->stats()[u"bulkCallsAccepted"_s].toInt(), 1);
}

void TestEntra::thousandUsersPacedInFiftyRecordRequests()
{
    constexpr int Users = 1000;
    const QString ldif = generated(Users);
    QVERIFY(!ldif.isEmpty());
    // A tighter window than Entra's 40 per 5 s, so that 20 requests must be paced.
    start({u"--log-delay"_s, u"0"_s, u"--calls-per-window"_s, u"8"_s, u"--window-seconds"_s, u"2"_s}, ldif);
    const RunRecord r = f.run(config(
        [](QJsonObject &json) {
            QJsonObject t = json[u"target"_s].toObject();
            t[u"callsPerWindow"_s] = 8;
            t[u"windowSeconds"_s] = 2;
            json[u"target"_s] = t;
        },
        SyncFixture::BaseDn));
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.created, Users);
    const QJsonObject stats = m_entra->stats();
    qInfo("%d users: %d bulkUpload calls, at most %d records in one, at most %d calls in a window, %d "
          "throttled",
          Users, stats[u"bulkCallsAccepted"_s].toInt(), stats[u"maxOperationsInRequest"_s].toInt(),
          stats[u"maxCallsInWindow"_s].toInt(), stats[u"throttled"_s].toInt());
    QCOMPARE(stats[u"bulkCallsAccepted"_s].toInt(), Users / 50);
    QCOMPARE(stats[u"maxOperationsInRequest"_s].toInt(), 50);
    QVERIFY(stats[u"maxCallsInWindow"_s].toInt() <= 8);
    QCOMPARE(stats[u"throttled"_s].toInt(), 0);
    m_entra->flush();
    QCOMPARE(m_entra->users().size(), Users);
}

void TestEntra::dailyBudgetIsRespected()
{
    constexpr int Users = 300;
    const QString ldif = generated(Users);
    QVERIFY(!ldif.isEmpty());
    start({u"--log-delay"_s, u"0"_s, u"--daily-cap"_s, u"4"_s}, ldif);
    const auto withBudget = [](QJsonObject &json) {
        QJsonObject t = json[u"target"_s].toObject();
        t[u"dailyCallLimit"_s] = 4;
        json[u"target"_s] = t;
    };
    const RunRecord r = f.run(config(withBudget, SyncFixture::BaseDn));
    // 6 requests are needed; 4 go, and the records that did not are failures with the reason, sent later.
    QCOMPARE(r.status, u"warning"_s);
    QCOMPARE(r.users.created, 200);
    QCOMPARE(r.users.failed, 100);
    const auto refused = std::find_if(f.lastResults().begin(), f.lastResults().end(),
                                      [](const RunResult &x) { return x.outcome == u"failed"_s; });
    QVERIFY(refused != f.lastResults().end());
    QVERIFY2(refused->message.contains(u"budget"_s), qPrintable(refused->message));
    QCOMPARE(m_entra->stats()[u"throttledDaily"_s].toInt(), 0);
    // The budget is the tenant's for the day: the next run sends nothing more.
    const RunRecord again = f.run(config(withBudget, SyncFixture::BaseDn));
    QCOMPARE(again.users.failed, 100);
    QCOMPARE(m_entra->stats()[u"bulkCallsAccepted"_s].toInt(), 4);
}

void TestEntra::expiredSecretIsExplained()
{
    start({u"--secret-expired"_s});
    const RunRecord r = f.run(config());
    QCOMPARE(r.status, u"failed"_s);
    QVERIFY2(r.message.contains(u"7000222"_s) && r.message.contains(u"expired"_s), qPrintable(r.message));
    QVERIFY2(!r.message.contains(m_entra->file(u"secret"_s)), "the secret is never shown");
    QCOMPARE(m_entra->stats()[u"bulkCallsAccepted"_s].toInt(), 0);
}

void TestEntra::pausedJobStopsTheRunBeforeSending()
{
    start({u"--job-state"_s, u"Paused"_s});
    const RunRecord r = f.run(config());
    QCOMPARE(r.status, u"failed"_s);
    QVERIFY2(r.message.contains(u"paused"_s), qPrintable(r.message));
    QCOMPARE(m_entra->stats()[u"requests"_s][u"bulkUpload"_s].toInt(), 0);
}

void TestEntra::certificateCredentials()
{
    start({u"--log-delay"_s, u"0"_s});
    const RunRecord r = f.run(config([this](QJsonObject &json) {
        QJsonObject t = json[u"target"_s].toObject();
        t.remove(u"clientSecret"_s);
        t[u"certificate"_s] = m_entra->certificateFile();
        t[u"privateKey"_s] = QJsonObject{{u"file"_s, m_entra->privateKeyFile()}};
        json[u"target"_s] = t;
    }));
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.created, 7);
    const QJsonObject stats = m_entra->stats();
    QCOMPARE(stats[u"tokensByCertificate"_s].toInt(), 1);
    QCOMPARE(stats[u"tokensBySecret"_s].toInt(), 0);

    // A certificate this account cannot read: the run says so, and the private key is never sent as a secret.
    const RunRecord unreadable = f.run(config([this](QJsonObject &json) {
        QJsonObject t = json[u"target"_s].toObject();
        t.remove(u"clientSecret"_s);
        t[u"certificate"_s] = f.path(u"missing.crt"_s);
        t[u"privateKey"_s] = QJsonObject{{u"file"_s, m_entra->privateKeyFile()}};
        json[u"target"_s] = t;
    }));
    QCOMPARE(unreadable.status, u"failed"_s);
    QVERIFY2(unreadable.message.contains(u"target.certificate"_s), qPrintable(unreadable.message));
    QCOMPARE(m_entra->stats()[u"requests"_s][u"token"_s].toInt(), 1);
}

QTEST_GUILESS_MAIN(TestEntra)
#include "tst_entra.moc"
