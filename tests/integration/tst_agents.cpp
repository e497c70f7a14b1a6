// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Several updraft-cli agents on one PostgreSQL store (tests/servers/postgresql): one leads each
// configuration; when it dies, freezes or loses the database, another takes over within the lease and the
// interval, and the old leader writes nothing more.
#include "configurationsmodel.h"
#include "consolecontroller.h"
#include "runsmodel.h"
#include "syncfixture.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

constexpr int IntervalSeconds = 3;
constexpr int LeaseSeconds = 4;
const QString BobDn = u"uid=bob.smith,ou=Sales,ou=People,dc=example,dc=com"_s;

} // namespace

class TestAgents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void aKilledLeaderIsReplacedWithinOneInterval();
    void aLeaderKilledMidRunLeavesNoDoubleWrite();
    void aFrozenLeaderWritesNothingWhenItWakes();
    void aLeaderCutOffFromTheDatabaseStopsAndDoesNotComeBack();
    void agentsShareConfigurationsAndCarryOutRequests();
    void theConsoleShowsTheAgentsAndAsksTheLeader();

private:
    QJsonObject scheduled(const QString &name, const QJsonArray &ous) const
    {
        QJsonObject json = f.configJson(name, {{u"organizationalUnits"_s, ous}});
        json[u"schedule"_s] = QJsonObject{{u"intervalSeconds"_s, IntervalSeconds}};
        return json;
    }
    QProcess *startAgent()
    {
        auto *agent = new QProcess(this);
        agent->setProcessChannelMode(QProcess::MergedChannels);
        agent->start(QStringLiteral(UPDRAFT_CLI),
                     {u"agent"_s, u"--state"_s, f.path(u"agent-%1"_s.arg(m_agents.size() + 1)),
                      u"--lease-seconds"_s, QString::number(LeaseSeconds)});
        if (!agent->waitForStarted())
            qFatal("updraft-cli agent did not start");
        m_agents.append(agent);
        return agent;
    }
    // Starts `count` agents, waits for the first run one of them makes after `after`, and returns the holder
    // of the configuration's lease (empty if none ran it).
    QString startAgentsUntilOneLeads(int count, qint64 after, RunRecord *first)
    {
        for (int i = 0; i < count; ++i)
            startAgent();
        *first = waitForRun(u"example.com"_s, after, [](const RunRecord &r) { return !r.agent.isEmpty(); });
        return first->id ? liveHolder(u"example.com"_s) : QString();
    }
    QProcess *agentOf(const QString &holder) const
    {
        const qint64 pid = holder.section(u':', 1, 1).toLongLong();
        for (QProcess *a : m_agents)
            if (a->processId() == pid)
                return a;
        return nullptr;
    }
    // The newest finished run of `name` newer than `after` that `accept` takes, waiting up to `timeoutMs`.
    RunRecord waitForRun(const QString &name, qint64 after,
                         const std::function<bool(const RunRecord &)> &accept, int timeoutMs = 30000)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            for (const RunRecord &r : f.store().runs(name, 20))
                if (r.id > after && r.status != u"running"_s && accept(r))
                    return r;
            QTest::qWait(100);
        }
        return {};
    }
    QString liveHolder(const QString &name)
    {
        for (const LeaseRecord &l : f.store().leases())
            if (l.configurationName == name && l.live)
                return l.holder;
        return {};
    }
    bool changeTitle(const QString &title)
    {
        QString error;
        const bool ok = f.slapd().modify(
            u"dn: %1\nchangetype: modify\nreplace: title\ntitle: %2\n"_s.arg(BobDn, title), &error);
        if (!ok)
            qWarning("%s", qPrintable(error));
        return ok;
    }
    QString cloudTitle()
    {
        for (const QJsonValue &u : f.scim().users())
            if (u[u"userName"_s].toString().startsWith(u"bob.smith"_s))
                return u[u"title"_s].toString();
        return {};
    }
    int cloudUsers() { return int(f.scim().users().size()); }
    // Everything the agent printed so far.
    QByteArray output(QProcess *agent)
    {
        m_output[agent] += agent->readAll();
        return m_output.value(agent);
    }

    SyncFixture f;
    QList<QProcess *> m_agents;
    QHash<QProcess *, QByteArray> m_output;
};

void TestAgents::initTestCase()
{
    qputenv("UPDRAFT_TEST_STORE", "postgresql");
    QString error;
    QVERIFY2(f.startScim(&error), qPrintable(error));
}

void TestAgents::init()
{
    QString error;
    QVERIFY2(f.startDirectory(&error), qPrintable(error));
    QCOMPARE(
        f.run(SyncFixture::config(scheduled(u"example.com"_s, {u"ou=People,dc=example,dc=com"_s}))).status,
        u"success"_s);
    QCOMPARE(cloudUsers(), 7);
}

void TestAgents::cleanup()
{
    for (QProcess *a : std::as_const(m_agents)) {
        if (a->state() != QProcess::NotRunning) {
            ::kill(pid_t(a->processId()), SIGCONT);
            a->kill();
            a->waitForFinished();
        }
        if (QTest::currentTestFailed())
            qWarning("agent output:\n%s", output(a).constData());
        delete a;
    }
    m_agents.clear();
    m_output.clear();
    f.stopDirectory();
}

void TestAgents::aKilledLeaderIsReplacedWithinOneInterval()
{
    RunRecord first;
    const QString leader =
        startAgentsUntilOneLeads(3, f.store().runs(u"example.com"_s, 1).first().id, &first);
    QVERIFY2(!leader.isEmpty(), "no agent ran the configuration");
    QCOMPARE(first.status, u"success"_s);
    QCOMPARE(leader, first.agent);
    QProcess *leaderProcess = agentOf(leader);
    QVERIFY(leaderProcess);

    f.scim().resetStats();
    QVERIFY(changeTitle(u"Head of Sales"_s));
    const QDateTime killedAt = QDateTime::currentDateTimeUtc();
    leaderProcess->kill(); // SIGKILL: no hand-over, the lease must run out
    leaderProcess->waitForFinished();
    const RunRecord taken = waitForRun(u"example.com"_s, first.id, [&](const RunRecord &r) {
        return r.agent != leader && r.status == u"success"_s;
    });
    QVERIFY2(taken.id, "no other agent took over");
    const qint64 takeoverMs = killedAt.msecsTo(taken.startedAt);
    qInfo("takeover: the next run started %lld ms after the leader was killed (lease %d s, interval %d s)",
          takeoverMs, LeaseSeconds, IntervalSeconds);
    QVERIFY2(takeoverMs <= (LeaseSeconds + IntervalSeconds + 3) * 1000LL,
             "took longer than lease + interval");
    const RunRecord updated =
        waitForRun(u"example.com"_s, first.id, [](const RunRecord &r) { return r.users.updated > 0; });
    QVERIFY(updated.id);
    QCOMPARE(cloudTitle(), u"Head of Sales"_s);
    QCOMPARE(cloudUsers(), 7);
    QCOMPARE(f.scim().writes(), 1); // the one change, written once
    QVERIFY(liveHolder(u"example.com"_s) != leader);
}

void TestAgents::aLeaderKilledMidRunLeavesNoDoubleWrite()
{
    // A directory big enough that the leader is killed while it writes.
    const QString ldif = f.generateDirectory(400, 3);
    QVERIFY(!ldif.isEmpty());
    QString error;
    f.scim().reset();
    QVERIFY2(f.startDirectoryWith(ldif, &error), qPrintable(error));
    const auto config = SyncFixture::config(scheduled(u"example.com"_s, {u"ou=People,dc=example,dc=com"_s}));
    const RunRecord imported = f.run(config);
    QCOMPARE(imported.status, u"success"_s);
    const int users = cloudUsers();
    QVERIFY(users > 300);
    RunRecord first;
    const QString leader = startAgentsUntilOneLeads(3, imported.id, &first);
    QVERIFY2(!leader.isEmpty(), "no agent ran the configuration");

    // Every user in scope gets a new title; the leader is killed once its run has written some of them.
    QString changes;
    int changed = 0;
    QFile file(ldif);
    QVERIFY(file.open(QIODevice::ReadOnly));
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith("dn: uid=") && line.contains(",ou=People,")) {
            changes += u"dn: %1\nchangetype: modify\nreplace: title\ntitle: Moved On\n\n"_s.arg(
                QString::fromUtf8(line.mid(4)));
            ++changed;
        }
    }
    f.scim().resetStats();
    QVERIFY2(f.slapd().modify(changes, &error), qPrintable(error));
    QElapsedTimer t;
    t.start();
    while (f.scim().writes() < 20 && t.elapsed() < 30000)
        QTest::qWait(10);
    const int writtenBeforeKill = f.scim().writes();
    QVERIFY2(writtenBeforeKill < changed, "the run finished before it could be killed");
    QProcess *killed = agentOf(leader);
    QVERIFY(killed);
    killed->kill();
    killed->waitForFinished();
    qInfo("killed the leader after %d of %d writes", writtenBeforeKill, changed);

    // Another agent finishes the work: every title is new, nobody is duplicated, nothing is written twice.
    const RunRecord done = waitForRun(
        u"example.com"_s, first.id,
        [&](const RunRecord &r) {
            return r.agent != leader && r.status == u"success"_s && r.users.updated > 0;
        },
        60000);
    QVERIFY2(done.id, "no other agent finished the work");
    QTRY_COMPARE_WITH_TIMEOUT(
        [&] {
            int moved = 0;
            for (const QJsonValue &u : f.scim().users())
                moved += u[u"title"_s].toString() == u"Moved On"_s ? 1 : 0;
            return moved;
        }(),
        changed, 30000);
    QCOMPARE(cloudUsers(), users);
    QCOMPARE(f.scim().writes(), changed);
}

void TestAgents::aFrozenLeaderWritesNothingWhenItWakes()
{
    RunRecord first;
    const QString leader =
        startAgentsUntilOneLeads(2, f.store().runs(u"example.com"_s, 1).first().id, &first);
    QVERIFY2(!leader.isEmpty(), "no agent ran the configuration");
    QProcess *frozen = agentOf(leader);
    QVERIFY(frozen);
    // Frozen (a long pause, a partitioned host): it cannot renew; the other takes over and applies the
    // change.
    ::kill(pid_t(frozen->processId()), SIGSTOP);
    f.scim().resetStats();
    QVERIFY(changeTitle(u"Frozen Out"_s));
    const RunRecord taken = waitForRun(u"example.com"_s, first.id, [&](const RunRecord &r) {
        return r.agent != leader && r.users.updated > 0;
    });
    QVERIFY2(taken.id, "no other agent took over from the frozen one");
    QCOMPARE(cloudTitle(), u"Frozen Out"_s);
    // It wakes up believing nothing happened: its lease ran out by its own clock, so it writes nothing.
    QVERIFY(changeTitle(u"Written Once"_s));
    ::kill(pid_t(frozen->processId()), SIGCONT);
    const RunRecord after =
        waitForRun(u"example.com"_s, taken.id, [](const RunRecord &r) { return r.users.updated > 0; });
    QVERIFY(after.id);
    QVERIFY(after.agent != leader);
    QTest::qWait((IntervalSeconds + 1) * 1000);
    QCOMPARE(cloudTitle(), u"Written Once"_s);
    QCOMPARE(f.scim().writes(), 2); // each change once, by the new leader
    for (const RunRecord &r : f.store().runs(u"example.com"_s, 50))
        if (r.agent == leader && r.id > taken.id)
            QVERIFY2(r.status != u"success"_s, "the old leader recorded a run after it lost the lease");
    QTRY_VERIFY_WITH_TIMEOUT(output(frozen).contains("no longer leading example.com"), 10000);
}

void TestAgents::aLeaderCutOffFromTheDatabaseStopsAndDoesNotComeBack()
{
    RunRecord first;
    const QString leader =
        startAgentsUntilOneLeads(2, f.store().runs(u"example.com"_s, 1).first().id, &first);
    QVERIFY2(!leader.isEmpty(), "no agent ran the configuration");
    QProcess *cut = agentOf(leader);
    QVERIFY(cut);
    // Its connections are killed as fast as it opens them, for longer than the lease.
    QString error;
    TestServers::Postgres *server = TestServers::Postgres::shared(&error);
    QVERIFY2(server, qPrintable(error));
    const QString database = QUrl(f.store().path()).path().mid(1);
    f.scim().resetStats();
    QVERIFY(changeTitle(u"Cut Off"_s));
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < (LeaseSeconds + IntervalSeconds + 2) * 1000LL) {
        server->query(database,
                      u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = "
                      u"'updraft-pid-%1'"_s.arg(cut->processId()),
                      &error);
        QTest::qWait(100);
    }
    const RunRecord taken = waitForRun(u"example.com"_s, first.id, [&](const RunRecord &r) {
        return r.agent != leader && r.users.updated > 0;
    });
    QVERIFY2(taken.id, "no other agent took over");
    // Back in touch: it reconnects, finds the lease taken, and stays a standby.
    QTRY_VERIFY_WITH_TIMEOUT(output(cut).contains("no longer leading example.com"), 15000);
    QVERIFY(changeTitle(u"After The Cut"_s));
    const RunRecord after =
        waitForRun(u"example.com"_s, taken.id, [](const RunRecord &r) { return r.users.updated > 0; });
    QVERIFY(after.id);
    QVERIFY(after.agent != leader);
    QCOMPARE(cloudTitle(), u"After The Cut"_s);
    QCOMPARE(f.scim().writes(), 2);
    QCOMPARE(cloudUsers(), 7);
}

void TestAgents::agentsShareConfigurationsAndCarryOutRequests()
{
    QCOMPARE(f.run(SyncFixture::config(
                       scheduled(u"contractors.example.com"_s, {u"ou=Contractors,dc=example,dc=com"_s})))
                 .status,
             u"success"_s);
    startAgent();
    startAgent();
    // Two configurations, two agents: one each.
    QTRY_VERIFY_WITH_TIMEOUT(!liveHolder(u"example.com"_s).isEmpty() &&
                                 !liveHolder(u"contractors.example.com"_s).isEmpty() &&
                                 liveHolder(u"example.com"_s) != liveHolder(u"contractors.example.com"_s),
                             (LeaseSeconds * 3) * 1000);
    // A run asked for through the store (as the console's Run now does) is carried out by the leader.
    QProcess cli;
    cli.start(QStringLiteral(UPDRAFT_CLI),
              {u"run"_s, u"example.com"_s, u"--request"_s, u"--state"_s, f.path(u"console"_s)});
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.exitCode(), 0);
    QVERIFY2(cli.readAllStandardOutput().contains(liveHolder(u"example.com"_s).toUtf8()),
             "the leader is named");
    const RunRecord requested =
        waitForRun(u"example.com"_s, 0, [](const RunRecord &r) { return r.trigger == u"on-demand"_s; });
    QVERIFY(requested.id);
    QCOMPARE(requested.agent, liveHolder(u"example.com"_s));
    // A run of the CLI itself is refused while an agent leads, and says who does.
    QByteArray out;
    cli.start(QStringLiteral(UPDRAFT_CLI), {u"run"_s, u"example.com"_s, u"--state"_s, f.path(u"console"_s)});
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.exitCode(), 1);
    out = cli.readAllStandardError() + cli.readAllStandardOutput();
    QVERIFY2(out.contains("leads example.com") && out.contains("--request"), out.constData());
}

void TestAgents::theConsoleShowsTheAgentsAndAsksTheLeader()
{
    RunRecord first;
    const QString leader =
        startAgentsUntilOneLeads(1, f.store().runs(u"example.com"_s, 1).first().id, &first);
    QVERIFY2(!leader.isEmpty(), "no agent ran the configuration");

    // The console of an admin's desktop: its own state directory, the shared store, no schedule of its own.
    ConsoleController console({f.path(u"desk"_s), true, f.store().path()});
    QString error;
    QVERIFY2(console.open(&error), qPrintable(error));
    const int row = console.configurations()->rowOf(u"example.com"_s);
    QVERIFY(row >= 0);
    const QModelIndex index = console.configurations()->index(row);
    QTRY_VERIFY_WITH_TIMEOUT(index.data(ConfigurationsModel::LeaderRole).toString().contains(u"process"_s),
                             10000);
    QVERIFY(index.data(ConfigurationsModel::LeaderRole)
                .toString()
                .contains(QString::number(agentOf(leader)->processId())));
    // The agent's runs appear without a refresh.
    const qint64 seen = f.store().runs(u"example.com"_s, 1).first().id;
    QTRY_VERIFY_WITH_TIMEOUT(console.runs()->rowOf(seen) >= 0, 10000);
    const qint64 later = waitForRun(u"example.com"_s, seen, [](const RunRecord &) { return true; }).id;
    QTRY_VERIFY_WITH_TIMEOUT(console.runs()->rowOf(later) >= 0, 10000);

    // Run now: the leader runs it, not the console.
    QSignalSpy messages(&console, &ConsoleController::message);
    console.runNow(u"example.com"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty() && messages.last().first().toString().contains(u"Asked"_s),
                             10000);
    const RunRecord requested =
        waitForRun(u"example.com"_s, later, [](const RunRecord &r) { return r.trigger == u"on-demand"_s; });
    QVERIFY(requested.id);
    QCOMPARE(requested.agent, leader);
    QVERIFY(!console.isRunning(u"example.com"_s));
    QTRY_VERIFY_WITH_TIMEOUT(console.runs()->rowOf(requested.id) >= 0, 10000);
}

QTEST_MAIN(TestAgents)
#include "tst_agents.moc"
