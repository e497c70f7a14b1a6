// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// updraft-cli agent: the scheduler as a process, against a real slapd and SCIM service.
#include "syncfixture.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

#include <csignal>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

class TestAgent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void picksUpAChangeWithinOneInterval();
    void sigtermStopsAfterTheBatch();
    void quarantineBacksOffAndRecovers();
    void killedAtRandomMomentsConverges();

private:
    QJsonObject scheduled(int intervalSeconds) const
    {
        QJsonObject json = f.peopleJson();
        json[u"schedule"_s] = QJsonObject{{u"intervalSeconds"_s, intervalSeconds}};
        return json;
    }
    void startAgent()
    {
        m_agent = std::make_unique<QProcess>();
        m_agent->setProcessChannelMode(QProcess::MergedChannels);
        m_agent->start(QStringLiteral(UPDRAFT_CLI), {u"agent"_s, u"--state"_s, f.stateDir()});
        QVERIFY(m_agent->waitForStarted());
    }
    // Waits until a run newer than `after` has finished, and returns the newest.
    RunRecord waitForRun(qint64 after, int timeoutMs = 30000)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            const QList<RunRecord> runs = f.store().runs(u"example.com"_s, 1);
            if (!runs.isEmpty() && runs.first().id > after && runs.first().status != u"running"_s)
                return runs.first();
            QTest::qWait(50);
        }
        return {};
    }
    qint64 lastRunId()
    {
        const QList<RunRecord> runs = f.store().runs(u"example.com"_s, 1);
        return runs.isEmpty() ? 0 : runs.first().id;
    }

    SyncFixture f;
    std::unique_ptr<QProcess> m_agent;
};

void TestAgent::initTestCase()
{
    QString error;
    QVERIFY2(f.startScim(&error), qPrintable(error));
}

void TestAgent::init()
{
    QString error;
    QVERIFY2(f.startDirectory(&error), qPrintable(error));
}

void TestAgent::cleanup()
{
    if (m_agent && m_agent->state() != QProcess::NotRunning) {
        m_agent->kill();
        m_agent->waitForFinished();
    }
    m_agent.reset();
    f.stopDirectory();
}

void TestAgent::picksUpAChangeWithinOneInterval()
{
    QCOMPARE(f.run(SyncFixture::config(scheduled(2))).status, u"success"_s); // imports it, with its schedule
    startAgent();
    RunRecord r = waitForRun(lastRunId());
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.trigger, u"schedule"_s);

    f.scim().resetStats();
    const QDateTime changed = QDateTime::currentDateTimeUtc();
    QString error;
    QVERIFY2(f.slapd().modify(u"dn: uid=bob.smith,ou=Sales,ou=People,dc=example,dc=com\nchangetype: modify\n"
                              u"replace: title\ntitle: Regional Director\n"_s,
                              &error),
             qPrintable(error));
    do
        r = waitForRun(r.id);
    while (r.id && r.users.updated == 0 && r.startedAt < changed.addSecs(10));
    QCOMPARE(r.users.updated, 1);
    QCOMPARE(f.scim().writes(), 1);
    QVERIFY2(r.startedAt <= changed.addSecs(2 + 1), "the change waited longer than one interval");

    // An idle cycle writes nothing; the store knows the interval as configured and as observed.
    f.scim().resetStats();
    r = waitForRun(r.id);
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(f.scim().writes(), 0);
    QCOMPARE(r.objectsRead, qint64(0)); // the change feed said nothing changed: nothing else was read
    QCOMPARE(r.users.unchanged, 7);
    const auto state = f.store().scheduleState(f.store().configuration(u"example.com"_s)->id);
    QVERIFY(state);
    QCOMPARE(state->intervalSeconds, 2);
    QVERIFY2(state->observedIntervalMs >= 1900 && state->observedIntervalMs < 4000,
             qPrintable(QString::number(state->observedIntervalMs)));
}

void TestAgent::sigtermStopsAfterTheBatch()
{
    QCOMPARE(f.run(SyncFixture::config(scheduled(1))).status, u"success"_s);
    startAgent();
    QVERIFY(waitForRun(lastRunId()).id);
    ::kill(static_cast<pid_t>(m_agent->processId()), SIGTERM);
    QVERIFY(m_agent->waitForFinished(15000));
    QCOMPARE(m_agent->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_agent->exitCode(), 0);
    for (const RunRecord &run : f.store().runs(u"example.com"_s, 100))
        QVERIFY2(run.status != u"running"_s, "a run was left 'running'");
}

void TestAgent::quarantineBacksOffAndRecovers()
{
    const QString tokenFile = f.path(u"token"_s);
    const auto writeToken = [&](const QByteArray &token) {
        QFile file(tokenFile);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        file.write(token);
    };
    writeToken("not-the-token");
    QJsonObject json = scheduled(1);
    QJsonObject target = json[u"target"_s].toObject();
    target[u"token"_s] = QJsonObject{{u"file"_s, tokenFile}};
    json[u"target"_s] = target;
    QCOMPARE(f.run(SyncFixture::config(json)).status, u"failed"_s);
    const qint64 id = f.store().configuration(u"example.com"_s)->id;

    startAgent();
    QElapsedTimer t;
    t.start();
    std::optional<ScheduleState> state;
    while (t.elapsed() < 30000) {
        state = f.store().scheduleState(id);
        if (state && state->consecutiveFailures >= 3)
            break;
        QTest::qWait(100);
    }
    QVERIFY(state && state->consecutiveFailures >= 3);
    QVERIFY(state->quarantined());
    QVERIFY2(state->quarantineReason.contains(u"401"_s) || state->quarantineReason.contains(u"token"_s),
             qPrintable(state->quarantineReason));
    // Backing off: after n failures the next run waits interval x 2^(n-1).
    QCOMPARE(state->lastStartedAt.msecsTo(state->nextRunAt), qint64(1000)
                                                                 << (state->consecutiveFailures - 1));

    writeToken(f.scim().token().toUtf8());
    const RunRecord recovered = [&] {
        RunRecord r;
        t.restart();
        while (t.elapsed() < 30000 && r.status != u"success"_s) {
            r = waitForRun(r.id ? r.id : lastRunId());
        }
        return r;
    }();
    QCOMPARE(recovered.status, u"success"_s);
    QTest::qWait(100);
    state = f.store().scheduleState(id);
    QCOMPARE(state->consecutiveFailures, 0);
    QVERIFY(!state->quarantined());
    QCOMPARE(f.scim().users().size(), 7);
}

void TestAgent::killedAtRandomMomentsConverges()
{
    // The first run imports the configuration; then the agent is killed again and again, mid-run or between
    // runs.
    QCOMPARE(f.run(SyncFixture::config(scheduled(1))).status, u"success"_s);
    const qint64 id = f.store().configuration(u"example.com"_s)->id;
    QString error;
    for (int i = 0; i < 20; ++i) {
        if (i % 5 == 0) {
            // Start over in the cloud and forget the links, so that runs have real work when they are killed.
            f.scim().reset();
            for (const Link &link : f.store().links(id))
                f.store().removeLink(id, link.anchor);
            f.store().saveSyncState(id, {}); // and forget the change feed: the next run reads everything
        }
        startAgent();
        QTest::qWait(int(QRandomGenerator::global()->bounded(30, 600)));
        m_agent->kill(); // SIGKILL
        QVERIFY(m_agent->waitForFinished(5000));
    }
    const RunRecord r = f.run(SyncFixture::config(scheduled(1)));
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(f.scim().users().size(), 7); // no duplicates
    QCOMPARE(f.scim().groups().size(), 2);
    QCOMPARE(f.store().links(id).size(), 9);
    for (const RunRecord &run : f.store().runs(u"example.com"_s, 100))
        QVERIFY2(run.status != u"running"_s, "a killed run was left 'running'");
    // The change-feed cookie stands where the applied state does: the next run reads nothing and writes
    // nothing.
    f.scim().resetStats();
    const RunRecord idle = f.run(SyncFixture::config(scheduled(1)));
    QCOMPARE(idle.status, u"success"_s);
    QCOMPARE(idle.objectsRead, qint64(0));
    QCOMPARE(idle.users.unchanged, 7);
    QCOMPARE(f.scim().writes(), 0);
}

QTEST_GUILESS_MAIN(TestAgent)
#include "tst_agent.moc"
