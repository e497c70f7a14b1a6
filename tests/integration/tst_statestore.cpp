// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The state store's contract, the same on SQLite and PostgreSQL (CTest runs this suite once on each): what is
// saved reads back the same, upserts replace, deletes cascade, two processes may open a new store at once.
#include "store/statestore.h"
#include "store/storecopy.h"
#include "testservers.h"

#include <QFuture>
#include <QJsonArray>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

class TestStateStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void configurations();
    void links();
    void intentsKeepTheLastOfAnAnchor();
    void runsAndResults();
    void passwordHashes();
    void stagedDeletes();
    void cookiesAndPositions();
    void deferredResultsAndBudgets();
    void scheduleAndDiscovery();
    void removingAConfigurationRemovesItsState();
    void leasesChangeHandsOnlyWhenFree();
    void aStaleLeadersRunEndIsRefused();
    void runRequestsAreTakenOnce();
    void twoOpenANewStoreAtOnce();
    void postgresVerifiesTlsAndNamesTheProblem();
    void migrateCopiesASqliteStoreIntoPostgres();

private:
    qint64 config(const QString &name);

    QTemporaryDir m_dir;
    QString m_location;
    std::unique_ptr<StateStore> m_store;
    int m_number = 0;
};

void TestStateStore::init()
{
    QString error;
    m_location = TestServers::newStoreLocation(m_dir.filePath(QString::number(++m_number)), &error);
    QVERIFY2(!m_location.isEmpty(), qPrintable(error));
    m_store = std::make_unique<StateStore>(m_location, m_dir.filePath(QString::number(m_number)));
    QVERIFY2(m_store->open(&error), qPrintable(error));
    QCOMPARE(StateStore::schemaVersion(m_store->database()), StateStore::currentSchemaVersion());
    QCOMPARE(m_store->isShared(), TestServers::storeOnPostgres());
}

void TestStateStore::cleanup()
{
    m_store.reset();
}

qint64 TestStateStore::config(const QString &name)
{
    qint64 id = 0;
    QString error;
    if (!m_store->saveConfiguration(name, {{u"name"_s, name}}, &id, &error))
        qFatal("%s", qPrintable(error));
    return id;
}

void TestStateStore::configurations()
{
    qint64 id = 0;
    QString error;
    QVERIFY2(m_store->saveConfiguration(u"corp.example"_s, {{u"a"_s, 1}}, &id, &error), qPrintable(error));
    const auto first = m_store->configuration(u"corp.example"_s);
    QVERIFY(first);
    QCOMPARE(first->id, id);
    QTest::qWait(5);
    // The same definition again changes nothing, not even the time it was updated.
    qint64 again = 0;
    QVERIFY(m_store->saveConfiguration(u"corp.example"_s, {{u"a"_s, 1}}, &again, &error));
    QCOMPARE(again, id);
    QCOMPARE(m_store->configuration(u"corp.example"_s)->updatedAt, first->updatedAt);
    QVERIFY(m_store->saveConfiguration(u"corp.example"_s, {{u"a"_s, 2}}, &again, &error));
    QCOMPARE(again, id);
    QCOMPARE(m_store->configuration(u"corp.example"_s)->definition.value(u"a"_s).toInt(), 2);
    QVERIFY(m_store->configuration(u"corp.example"_s)->updatedAt > first->updatedAt);
    config(u"a.example"_s);
    QCOMPARE(m_store->configurations().size(), 2);
    QCOMPARE(m_store->configurations().first().name, u"a.example"_s); // by name
    QVERIFY(m_store->removeConfiguration(u"a.example"_s, &error));
    QVERIFY(!m_store->configuration(u"a.example"_s));
}

void TestStateStore::links()
{
    const qint64 a = config(u"a.example"_s);
    const qint64 b = config(u"b.example"_s);
    const QByteArray exported = R"({"userName":"ada","name":{"givenName":"Ada"}})";
    Link user{u"user"_s,
              u"anchor-1"_s,
              u"cloud-1"_s,
              u"uid=ada,ou=People"_s,
              u"Ada"_s,
              u"created"_s,
              StoredJson::fromText(exported),
              "d1",
              {}};
    QVERIFY(m_store->saveLink(a, user));
    user.digest = "d2";
    user.dn = u"uid=ada,ou=Moved"_s;
    QVERIFY(m_store->saveLink(a, user)); // replaces
    const Link group{u"group"_s,
                     u"anchor-g"_s,
                     u"cloud-g"_s,
                     u"cn=staff"_s,
                     u"Staff"_s,
                     u"matched"_s,
                     StoredJson::fromText("{}"),
                     "dg",
                     {u"cloud-1"_s, u"cloud-2"_s}};
    QVERIFY(m_store->saveLink(a, group));
    const auto links = m_store->links(a);
    QCOMPARE(links.size(), 2);
    QCOMPARE(links[u"anchor-1"_s].digest, QByteArray("d2"));
    QCOMPARE(links[u"anchor-1"_s].dn, u"uid=ada,ou=Moved"_s);
    QCOMPARE(links[u"anchor-1"_s].exported.object().value(u"name"_s)[u"givenName"_s].toString(), u"Ada"_s);
    QCOMPARE(links[u"anchor-g"_s].members, (QStringList{u"cloud-1"_s, u"cloud-2"_s}));
    QCOMPARE(m_store->linkCount(a, u"user"_s), 1);
    QCOMPARE(m_store->linkCount(a, u"group"_s), 1);
    QCOMPARE(m_store->linkOwner(u"cloud-1"_s, b), u"a.example"_s);
    QCOMPARE(m_store->linkOwner(u"cloud-1"_s, a), QString());
    QVERIFY(m_store->removeLink(a, u"anchor-1"_s));
    QCOMPARE(m_store->links(a).size(), 1);
    // Many at once, more than one statement's rows, one anchor twice: the last counts.
    QList<Link> many;
    for (int i = 0; i < 250; ++i)
        many.append({u"user"_s,
                     u"bulk-%1"_s.arg(i),
                     u"c-%1"_s.arg(i),
                     {},
                     {},
                     u"created"_s,
                     StoredJson::fromText("{}"),
                     "first",
                     {}});
    many.append(
        {u"user"_s, u"bulk-7"_s, u"c-7"_s, {}, {}, u"created"_s, StoredJson::fromText("{}"), "last", {}});
    QVERIFY(m_store->saveLinks(a, many));
    QCOMPARE(m_store->linkCount(a, u"user"_s), 250);
    QCOMPARE(m_store->links(a)[u"bulk-7"_s].digest, QByteArray("last"));
}

void TestStateStore::intentsKeepTheLastOfAnAnchor()
{
    const qint64 a = config(u"a.example"_s);
    QList<WriteIntent> intents;
    for (int i = 0; i < 250; ++i) // more than one statement's rows
        intents.append({u"user"_s, u"anchor-%1"_s.arg(i), u"create"_s, u"uid=u%1"_s.arg(i), 7});
    intents.append({u"user"_s, u"anchor-3"_s, u"update"_s, u"uid=u3,ou=New"_s, 7}); // the same anchor again
    QVERIFY(m_store->recordIntents(a, intents));
    auto stored = m_store->intents(a);
    QCOMPARE(stored.size(), 250);
    const auto three = std::find_if(stored.begin(), stored.end(),
                                    [](const WriteIntent &i) { return i.anchor == u"anchor-3"_s; });
    QCOMPARE(three->action, u"update"_s);
    QCOMPARE(three->dn, u"uid=u3,ou=New"_s);
    QVERIFY(m_store->recordIntents(a, {{u"user"_s, u"anchor-3"_s, u"create"_s, u"uid=u3"_s, 8}}));
    QCOMPARE(m_store->intents(a).size(), 250);
    QVERIFY(m_store->clearIntents(a, {u"anchor-1"_s, u"anchor-2"_s}));
    QCOMPARE(m_store->intents(a).size(), 248);
    QVERIFY(m_store->clearIntentsExcept(a, {u"anchor-10"_s}, 7));
    stored = m_store->intents(a);
    QCOMPARE(stored.size(), 2); // anchor-10 kept, anchor-3 is run 8's
    QVERIFY(m_store->clearIntents(a));
    QVERIFY(m_store->intents(a).isEmpty());
}

void TestStateStore::runsAndResults()
{
    const qint64 a = config(u"a.example"_s);
    const qint64 first = m_store->startRun(a, u"schedule"_s);
    QVERIFY(first > 0);
    // A second start while the first is still "running": its process died.
    const qint64 second = m_store->startRun(a, u"manual"_s);
    QVERIFY(second > first);
    QCOMPARE(m_store->run(first)->status, u"interrupted"_s);
    RunRecord r = *m_store->run(second);
    r.status = u"warning"_s;
    r.message = u"1 failed"_s;
    r.objectsRead = 5'000'000'000LL; // past 32 bits
    r.users = {1, 2, 3, 4, 5};
    r.groups = {6, 7, 8, 9, 10};
    r.passwordHashes = {{u"synced"_s, 3}, {u"held"_s, 1}};
    QVERIFY(m_store->finishRun(r));
    QVERIFY(m_store->addResult(second, {u"user"_s,
                                        u"anchor-1"_s,
                                        u"uid=ada"_s,
                                        u"Ada"_s,
                                        u"update"_s,
                                        u"success"_s,
                                        QString(),
                                        {u"title"_s},
                                        QJsonArray{QJsonObject{{u"attribute"_s, u"title"_s}}}}));
    QVERIFY(m_store->addResult(second, {u"user"_s,
                                        u"anchor-2"_s,
                                        u"uid=bob"_s,
                                        u"Bob"_s,
                                        u"create"_s,
                                        u"failed"_s,
                                        u"HTTP 400: \"userName\" is 'taken'"_s,
                                        {},
                                        {}}));
    const RunRecord read = *m_store->run(second);
    QCOMPARE(read.status, u"warning"_s);
    QCOMPARE(read.objectsRead, 5'000'000'000LL);
    QCOMPARE(read.users.total(), 15);
    QCOMPARE(read.groups.failed, 10);
    QCOMPARE(read.passwordHashes.value(u"synced"_s), 3);
    QVERIFY(read.finishedAt.isValid());
    const auto results = m_store->results(second);
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.at(0).changes, QStringList{u"title"_s});
    QCOMPARE(results.at(0).diff.size(), 1);
    QCOMPARE(results.at(1).message, u"HTTP 400: \"userName\" is 'taken'"_s);
    QCOMPARE(m_store->runs(u"a.example"_s).size(), 2);
    QCOMPARE(m_store->runs({}, 1).first().id, second);
}

void TestStateStore::passwordHashes()
{
    const qint64 a = config(u"a.example"_s);
    PasswordHashState s;
    s.anchor = u"anchor-1"_s;
    s.dn = u"uid=ada"_s;
    s.status = QString::fromLatin1(PasswordHashState::Synced);
    s.scheme = u"NT"_s;
    s.digest = u"abc"_s;
    s.syncedAt = QDateTime::currentDateTimeUtc();
    s.runId = 3;
    QVERIFY(m_store->savePasswordHash(a, s));
    s.anchor = u"anchor-2"_s;
    s.status = QString::fromLatin1(PasswordHashState::Retrying);
    s.attempts = 2;
    s.nextAttempt = QDateTime::currentDateTimeUtc().addSecs(600);
    QVERIFY(m_store->savePasswordHash(a, s));
    s.attempts = 3; // upsert
    QVERIFY(m_store->savePasswordHash(a, s));
    const auto hashes = m_store->passwordHashes(a);
    QCOMPARE(hashes.size(), 2);
    QCOMPARE(hashes[u"anchor-2"_s].attempts, 3);
    QCOMPARE(m_store->passwordHashCounts(a).value(u"synced"_s), 1);
    QVERIFY(m_store->retryPasswordHash(a, u"anchor-2"_s));
    QVERIFY(!m_store->passwordHashes(a)[u"anchor-2"_s].nextAttempt.isValid());
    QVERIFY(!m_store->retryPasswordHash(a, u"nobody"_s));
    QCOMPARE(m_store->requestHashResync(a), 2);
    QVERIFY(m_store->passwordHashes(a)[u"anchor-1"_s].digest.isEmpty());
    QVERIFY(m_store->removePasswordHash(a, u"anchor-1"_s));
    QCOMPARE(m_store->passwordHashes(a).size(), 1);
    // The digest key stays on this machine, beside neither database nor settings.
    QString error;
    const QByteArray key = m_store->digestKey(&error);
    QCOMPARE(key.size(), 32);
    QVERIFY(QFile::exists(m_store->localDirectory() + u"/credential-digest.key"_s));
    QCOMPARE(m_store->digestKey(&error), key);
}

void TestStateStore::stagedDeletes()
{
    const qint64 a = config(u"a.example"_s);
    StagedDelete d;
    d.anchor = u"anchor-1"_s;
    d.kind = u"user"_s;
    d.cloudId = u"cloud-1"_s;
    d.cause = u"left the scope"_s;
    QVERIFY(m_store->stageDelete(a, d));
    d.anchor = u"anchor-2"_s;
    QVERIFY(m_store->stageDelete(a, d));
    QCOMPARE(m_store->decideDeletes(a, {}, u"rejected"_s), 2);
    // A new cause: the admin decides again.
    d.cause = u"deleted in the directory"_s;
    QVERIFY(m_store->stageDelete(a, d));
    auto staged = m_store->stagedDeletes(a);
    QCOMPARE(staged.size(), 2);
    QCOMPARE(staged.at(0).decision, u"rejected"_s);
    QCOMPARE(staged.at(1).decision, u"pending"_s);
    QCOMPARE(staged.at(1).cause, u"deleted in the directory"_s);
    QVERIFY(!staged.at(1).decidedAt.isValid());
    QCOMPARE(m_store->decideDeletes(a, {staged.at(1).id}, u"approved"_s), 1);
    QCOMPARE(m_store->stagedDeletes(a).at(1).decision, u"approved"_s);
    QVERIFY(m_store->removeStagedDelete(a, u"anchor-1"_s));
    QCOMPARE(m_store->stagedDeletes(a).size(), 1);
}

void TestStateStore::cookiesAndPositions()
{
    const qint64 a = config(u"a.example"_s);
    QByteArray cookie;
    for (int i = 0; i < 256; ++i)
        cookie.append(char(i)); // every byte, NUL and quotes included
    const QDateTime at = QDateTime::currentDateTimeUtc();
    QVERIFY(m_store->saveSyncState(a, {cookie, at}));
    QCOMPARE(m_store->syncState(a).cookie, cookie);
    QCOMPARE(m_store->syncState(a).fullReadAt,
             QDateTime::fromString(at.toString(Qt::ISODateWithMs), Qt::ISODateWithMs));
    QVERIFY(m_store->saveSyncState(a, {QByteArray("rid=001,csn=x"), {}}));
    QCOMPARE(m_store->syncState(a).cookie, QByteArray("rid=001,csn=x"));
    QVERIFY(!m_store->syncState(a).fullReadAt.isValid());
    QVERIFY(m_store->saveReplicationState(a, {QByteArray("eyJoaWdoIjogMX0="), at}));
    QCOMPARE(m_store->replicationState(a).position, QByteArray("eyJoaWdoIjogMX0="));
}

void TestStateStore::deferredResultsAndBudgets()
{
    const qint64 a = config(u"a.example"_s);
    const qint64 run = m_store->startRun(a, u"schedule"_s);
    RunRecord r = *m_store->run(run);
    r.status = u"success"_s;
    QVERIFY(m_store->finishRun(r));
    QVERIFY(m_store->addResult(
        run,
        {u"user"_s, u"anchor-1"_s, u"uid=ada"_s, u"Ada"_s, u"create"_s, u"accepted"_s, QString(), {}, {}}));
    QCOMPARE(m_store->acceptedResultsWaiting(a), 1);
    QString action;
    const QDateTime processed = QDateTime::currentDateTimeUtc();
    QCOMPARE(m_store->attachDeferredResult(a, u"entry-1"_s, u"anchor-1"_s, u"failed"_s, u"refused"_s,
                                           processed, &action),
             run);
    QCOMPARE(action, u"create"_s);
    QCOMPARE(m_store->run(run)->status, u"warning"_s);
    QCOMPARE(m_store->run(run)->users.failed, 1);
    // The same log entry read again within the overlap is not attached twice.
    QCOMPARE(m_store->attachDeferredResult(a, u"entry-1"_s, u"anchor-1"_s, u"failed"_s, u"refused"_s,
                                           processed, &action),
             0);
    QVERIFY(m_store->saveDeferredResultsCheckedUntil(a, processed));
    QCOMPARE(m_store->deferredResultsCheckedUntil(a).toMSecsSinceEpoch(), processed.toMSecsSinceEpoch());
    const QDate today = QDate::currentDate();
    QVERIFY(m_store->addBudgetedCalls(u"tenant"_s, today, 40));
    QVERIFY(m_store->addBudgetedCalls(u"tenant"_s, today, 2));
    QCOMPARE(m_store->budgetedCalls(u"tenant"_s, today), 42);
    QCOMPARE(m_store->budgetedCalls(u"tenant"_s, today.addDays(-1)), 0);
}

void TestStateStore::scheduleAndDiscovery()
{
    const qint64 a = config(u"a.example"_s);
    QVERIFY(!m_store->scheduleState(a));
    ScheduleState s;
    s.intervalSeconds = 120;
    s.nextRunAt = QDateTime::currentDateTimeUtc().addSecs(120);
    QVERIFY(m_store->saveScheduleState(a, s));
    s.consecutiveFailures = 2;
    s.quarantinedUntil = s.nextRunAt.addSecs(240);
    s.quarantineReason = u"HTTP 401"_s;
    QVERIFY(m_store->saveScheduleState(a, s));
    const auto read = m_store->scheduleState(a);
    QVERIFY(read);
    QCOMPARE(read->consecutiveFailures, 2);
    QVERIFY(read->quarantined());
    QCOMPARE(read->observedIntervalMs, 0);
    QVERIFY(m_store->saveDiscoveredTarget(
        a, {u"https://scim.example"_s, {u"bulk"_s}, {u"no etags"_s}, QDateTime::currentDateTimeUtc()}));
    QVERIFY(m_store->saveDiscoveredTarget(
        a, {u"https://scim.example"_s, {u"bulk"_s, u"patch"_s}, {}, QDateTime::currentDateTimeUtc()}));
    QCOMPARE(m_store->discoveredTarget(a)->supports, (QStringList{u"bulk"_s, u"patch"_s}));
}

void TestStateStore::removingAConfigurationRemovesItsState()
{
    const qint64 a = config(u"a.example"_s);
    QVERIFY(m_store->saveLink(
        a, {u"user"_s, u"x"_s, u"c"_s, {}, {}, u"created"_s, StoredJson::fromText("{}"), "d", {}}));
    const qint64 run = m_store->startRun(a, u"schedule"_s);
    QVERIFY(m_store->addResult(run, {u"user"_s, u"x"_s, {}, {}, u"create"_s, u"success"_s, {}, {}, {}}));
    QVERIFY(m_store->saveSyncState(a, {QByteArray("c"), {}}));
    QString error;
    QVERIFY(m_store->removeConfiguration(u"a.example"_s, &error));
    QVERIFY(m_store->links(a).isEmpty());
    QVERIFY(!m_store->run(run));
    QVERIFY(m_store->results(run).isEmpty());
    QVERIFY(m_store->syncState(a).cookie.isEmpty());
}

void TestStateStore::leasesChangeHandsOnlyWhenFree()
{
    const qint64 a = config(u"a.example"_s);
    QCOMPARE(m_store->acquireLease(a, u"agent-1"_s, 400), 1);
    QCOMPARE(m_store->acquireLease(a, u"agent-2"_s, 400), 0); // live: not taken
    QCOMPARE(m_store->acquireLease(a, u"agent-1"_s, 400), 1); // renewed, same generation
    QVERIFY(m_store->leaseRemainingMs(a, u"agent-1"_s, 1) > 200);
    QCOMPARE(m_store->leaseRemainingMs(a, u"agent-2"_s, 1), 0);
    const auto leases = m_store->leases();
    QCOMPARE(leases.size(), 1);
    QCOMPARE(leases.first().holder, u"agent-1"_s);
    QCOMPARE(leases.first().configurationName, u"a.example"_s);
    QVERIFY(leases.first().live);
    QTest::qWait(600); // not renewed: expired
    QVERIFY(m_store->leaseRemainingMs(a, u"agent-1"_s, 1) <= 0);
    QVERIFY(!m_store->leases().first().live);
    QCOMPARE(m_store->acquireLease(a, u"agent-2"_s, 60000), 2);
    QCOMPARE(m_store->acquireLease(a, u"agent-1"_s, 60000), 0); // the old holder comes back: too late
    QVERIFY(m_store->releaseLease(a, u"agent-1"_s));            // not its own: changes nothing
    QCOMPARE(m_store->acquireLease(a, u"agent-1"_s, 60000), 0);
    QVERIFY(m_store->releaseLease(a, u"agent-2"_s)); // a clean stop hands over at once
    QCOMPARE(m_store->acquireLease(a, u"agent-1"_s, 60000), 3);
    // Another configuration's lease is its own.
    QCOMPARE(m_store->acquireLease(config(u"b.example"_s), u"agent-2"_s, 60000), 1);

    m_store->reportAgent({u"agent-1"_s, u"host-1"_s, 42, u"1.0"_s, QDateTime::currentDateTimeUtc(), {}});
    m_store->reportAgent({u"agent-1"_s, u"host-1"_s, 42, u"1.0"_s, QDateTime::currentDateTimeUtc(), {}});
    const auto agents = m_store->agents(10000);
    QCOMPARE(agents.size(), 1);
    QCOMPARE(agents.first().host, u"host-1"_s);
    QVERIFY(qAbs(agents.first().seenAt.secsTo(QDateTime::currentDateTimeUtc())) < 5);
}

void TestStateStore::aStaleLeadersRunEndIsRefused()
{
    const qint64 a = config(u"a.example"_s);
    QCOMPARE(m_store->acquireLease(a, u"agent-1"_s, 300), 1);
    const qint64 stale = m_store->startRun(a, u"schedule"_s, u"agent-1"_s, 1);
    QTest::qWait(500);
    QCOMPARE(m_store->acquireLease(a, u"agent-2"_s, 60000), 2);
    const qint64 current = m_store->startRun(a, u"schedule"_s, u"agent-2"_s, 2);
    QCOMPARE(m_store->run(stale)->status, u"interrupted"_s);
    RunRecord r = *m_store->run(stale);
    r.status = u"success"_s;
    QVERIFY(!m_store->finishRun(r));
    QVERIFY2(m_store->lastError().contains(u"stale leader"_s), qPrintable(m_store->lastError()));
    QCOMPARE(m_store->run(stale)->status, u"interrupted"_s);
    r = *m_store->run(current);
    r.status = u"success"_s;
    QVERIFY2(m_store->finishRun(r), qPrintable(m_store->lastError()));
    QCOMPARE(m_store->run(current)->status, u"success"_s);
    // A run without a lease (one machine, SQLite's own run lock) is not fenced.
    const qint64 local = m_store->startRun(a, u"manual"_s);
    r = *m_store->run(local);
    r.status = u"success"_s;
    QVERIFY(m_store->finishRun(r));
}

void TestStateStore::runRequestsAreTakenOnce()
{
    const qint64 a = config(u"a.example"_s);
    QVERIFY(!m_store->takeRunRequest(a, u"agent-1"_s));
    const qint64 first = m_store->requestRun(a, u"console on desk-7"_s, false);
    const qint64 second = m_store->requestRun(a, u"console on desk-7"_s, true);
    QVERIFY(first > 0 && second > first);
    QCOMPARE(m_store->openRunRequests(a), 2);
    const auto taken = m_store->takeRunRequest(a, u"agent-1"_s);
    QVERIFY(taken);
    QCOMPARE(taken->id, first);
    QCOMPARE(taken->requestedBy, u"console on desk-7"_s);
    QVERIFY(!taken->fullRead);
    QCOMPARE(m_store->takeRunRequest(a, u"agent-2"_s)->id, second);
    QVERIFY(!m_store->takeRunRequest(a, u"agent-1"_s));
    QCOMPARE(m_store->openRunRequests(a), 0);
}

void TestStateStore::twoOpenANewStoreAtOnce()
{
    QString error;
    const QString location = TestServers::newStoreLocation(m_dir.filePath(u"race"_s), &error);
    QVERIFY2(!location.isEmpty(), qPrintable(error));
    const auto open = [location, this] {
        StateStore store(location, m_dir.filePath(u"race"_s));
        QString why;
        return store.open(&why) ? QString() : why;
    };
    QFuture<QString> one = QtConcurrent::run(open);
    QFuture<QString> two = QtConcurrent::run(open);
    QCOMPARE(one.result(), QString());
    QCOMPARE(two.result(), QString());
    StateStore store(location, m_dir.filePath(u"race"_s));
    QVERIFY(store.open(&error));
    QCOMPARE(StateStore::schemaVersion(store.database()), StateStore::currentSchemaVersion());
}

void TestStateStore::postgresVerifiesTlsAndNamesTheProblem()
{
    if (!TestServers::storeOnPostgres())
        QSKIP("PostgreSQL only (the postgresql variant of this suite)");
    // Without the CA: the certificate cannot be verified, and nothing falls back to an unverified connection.
    QUrl url(m_location);
    QUrlQuery query(url);
    query.removeQueryItem(u"sslrootcert"_s);
    query.addQueryItem(u"sslrootcert"_s, m_dir.filePath(u"no-such-ca.pem"_s));
    url.setQuery(query);
    QString error;
    StateStore untrusted(url.toString(), m_dir.path());
    QVERIFY(!untrusted.open(&error));
    QVERIFY2(error.contains(u"sslrootcert"_s), qPrintable(error));
    // A wrong password: said, and never shown.
    qputenv("UPDRAFT_TEST_WRONG_PASSWORD", "not-the-password");
    QString wrong = m_location;
    wrong.replace(u"env:UPDRAFT_TEST_PG_PASSWORD"_s, u"env:UPDRAFT_TEST_WRONG_PASSWORD"_s);
    StateStore refused(wrong, m_dir.path());
    QVERIFY(!refused.open(&error));
    QVERIFY2(error.contains(u"password authentication failed"_s), qPrintable(error));
    QVERIFY(!error.contains(u"not-the-password"_s));
    // The reference's variable unset: named.
    wrong.replace(u"UPDRAFT_TEST_WRONG_PASSWORD"_s, u"UPDRAFT_TEST_UNSET_PASSWORD"_s);
    StateStore unset(wrong, m_dir.path());
    QVERIFY(!unset.open(&error));
    QVERIFY2(error.contains(u"UPDRAFT_TEST_UNSET_PASSWORD"_s), qPrintable(error));
}

void TestStateStore::migrateCopiesASqliteStoreIntoPostgres()
{
    if (!TestServers::storeOnPostgres())
        QSKIP("PostgreSQL only (the postgresql variant of this suite)");
    // A single machine's store, with something in every part.
    const QString local = m_dir.filePath(u"one-machine"_s);
    qint64 runId = 0;
    QByteArray cookie("\x00\x01'\\rid=001", 12);
    {
        StateStore sqlite(local + u"/updraft.sqlite"_s);
        QString error;
        QVERIFY2(sqlite.open(&error), qPrintable(error));
        qint64 a = 0;
        QVERIFY(sqlite.saveConfiguration(u"corp.example"_s, {{u"name"_s, u"corp.example"_s}}, &a, &error));
        QVERIFY(sqlite.saveLink(a, {u"user"_s,
                                    u"anchor-1"_s,
                                    u"cloud-1"_s,
                                    u"uid=ada"_s,
                                    u"Ada"_s,
                                    u"created"_s,
                                    StoredJson::fromText(R"({"userName":"ada"})"),
                                    "d1",
                                    {}}));
        QVERIFY(sqlite.saveLink(a, {u"group"_s,
                                    u"anchor-g"_s,
                                    u"cloud-g"_s,
                                    u"cn=staff"_s,
                                    u"Staff"_s,
                                    u"created"_s,
                                    StoredJson::fromText("{}"),
                                    "dg",
                                    {u"cloud-1"_s}}));
        for (int i = 0; i < 3; ++i) {
            runId = sqlite.startRun(a, u"schedule"_s);
            RunRecord r = *sqlite.run(runId);
            r.status = u"success"_s;
            r.users.created = i;
            QVERIFY(sqlite.finishRun(r));
            for (int n = 0; n < 250; ++n) // more rows than one statement takes
                QVERIFY(sqlite.addResult(runId, {u"user"_s,
                                                 u"anchor-%1"_s.arg(n),
                                                 u"uid=u%1"_s.arg(n),
                                                 {},
                                                 u"create"_s,
                                                 u"success"_s,
                                                 {},
                                                 {},
                                                 {}}));
        }
        PasswordHashState h;
        h.anchor = u"anchor-1"_s;
        h.status = u"synced"_s;
        h.digest = u"keyed"_s;
        QVERIFY(sqlite.savePasswordHash(a, h));
        StagedDelete d;
        d.anchor = u"anchor-9"_s;
        d.kind = u"user"_s;
        d.cloudId = u"cloud-9"_s;
        d.cause = u"left the scope"_s;
        QVERIFY(sqlite.stageDelete(a, d));
        QVERIFY(sqlite.saveSyncState(a, {cookie, QDateTime::currentDateTimeUtc()}));
        QVERIFY(sqlite.saveScheduleState(a, {120, 0, {}, QDateTime::currentDateTimeUtc(), 0, {}, {}}));
        QVERIFY(sqlite.recordIntents(a, {{u"user"_s, u"anchor-2"_s, u"create"_s, u"uid=bob"_s, runId}}));
    }
    QProcess cli;
    cli.start(QStringLiteral(UPDRAFT_CLI),
              {u"store"_s, u"migrate"_s, u"--to"_s, m_location, u"--state"_s, local});
    QVERIFY(cli.waitForFinished(60000));
    const QByteArray out = cli.readAllStandardOutput();
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    QVERIFY2(out.contains("run_results") && out.contains("750"), out.constData());
    QVERIFY2(out.contains("credential-digest.key"), out.constData());

    const auto config = m_store->configuration(u"corp.example"_s);
    QVERIFY(config);
    const qint64 a = config->id;
    QCOMPARE(m_store->links(a).size(), 2);
    QCOMPARE(m_store->links(a)[u"anchor-g"_s].members, QStringList{u"cloud-1"_s});
    QCOMPARE(m_store->runs(u"corp.example"_s).size(), 3);
    QCOMPARE(m_store->results(runId).size(), 250);
    QCOMPARE(m_store->passwordHashes(a)[u"anchor-1"_s].digest, u"keyed"_s);
    QCOMPARE(m_store->stagedDeletes(a).size(), 1);
    QCOMPARE(m_store->syncState(a).cookie, cookie);
    QCOMPARE(m_store->scheduleState(a)->intervalSeconds, 120);
    QCOMPARE(m_store->intents(a).size(), 1);
    // Ids go on after the copied ones.
    QCOMPARE(m_store->startRun(a, u"manual"_s), runId + 1);
    // Into a store that is not empty: refused, and it says why.
    cli.start(QStringLiteral(UPDRAFT_CLI),
              {u"store"_s, u"migrate"_s, u"--to"_s, m_location, u"--state"_s, local});
    QVERIFY(cli.waitForFinished(60000));
    QCOMPARE(cli.exitCode(), 1);
    QVERIFY(cli.readAllStandardError().contains("empty database"));
    // Every table is copied but those of the agents' leadership (and PostgreSQL's schema version).
    QString error;
    TestServers::Postgres *server = TestServers::Postgres::shared(&error);
    QStringList all = server->query(
        QUrl(m_location).path().mid(1),
        u"SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"_s, &error);
    QStringList expected = StoreCopy::tables();
    expected << u"agents"_s << u"leases"_s << u"run_requests"_s << u"updraft_schema"_s;
    all.sort();
    expected.sort();
    QCOMPARE(all, expected);
}

QTEST_GUILESS_MAIN(TestStateStore)
#include "tst_statestore.moc"
