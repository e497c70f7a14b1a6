// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// What the dashboard and the hash panel say: one configuration's health, one user's hash status in words.
#include "core/translations.h"
#include "sync/health.h"
#include "sync/passwordhashadvice.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

using Level = ConfigurationHealth::Level;
using Facts = ConfigurationHealth::Facts;

class TestHealth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Updraft::installTranslations(*QCoreApplication::instance())); }
    void health_data();
    void health();
    void advice_data();
    void advice();
    void everyStatusHasATitle();
};

namespace {

RunRecord run(const QString &status, int usersFailed = 0, const QString &message = {})
{
    RunRecord r;
    r.status = status;
    r.users.failed = usersFailed;
    r.message = message;
    return r;
}

Facts facts(std::optional<RunRecord> last = {}, std::optional<ScheduleState> schedule = {},
            int pendingDeletes = 0, int hashProblems = 0, bool running = false)
{
    Facts f;
    f.lastRun = std::move(last);
    f.schedule = std::move(schedule);
    f.pendingDeletes = pendingDeletes;
    f.hashProblems = hashProblems;
    f.running = running;
    return f;
}

const QDateTime Now(QDate(2026, 5, 1), QTime(10, 0), Qt::UTC);

} // namespace

void TestHealth::health_data()
{
    QTest::addColumn<Facts>("facts");
    QTest::addColumn<Level>("level");
    QTest::addColumn<QString>("detailContains");

    QTest::newRow("never run") << facts() << Level::NotRunYet << u"not run yet"_s;
    QTest::newRow("first run going") << facts(std::nullopt, std::nullopt, 0, 0, true) << Level::NotRunYet
                                     << u"in progress"_s;
    QTest::newRow("success") << facts(run(u"success"_s)) << Level::Healthy << u"succeeded"_s;
    QTest::newRow("failed run") << facts(run(u"failed"_s, 0, u"LDAP bind refused"_s)) << Level::Errors
                                << u"LDAP bind refused"_s;
    QTest::newRow("objects failed") << facts(run(u"warning"_s, 3)) << Level::Errors << u"3 objects"_s;
    QTest::newRow("guard stopped it") << facts(run(u"stopped"_s, 0, u"the source looks empty"_s))
                                      << Level::Errors << u"the source looks empty"_s;
    QTest::newRow("interrupted") << facts(run(u"interrupted"_s)) << Level::Warnings << u"interrupted"_s;
    QTest::newRow("hash problems") << facts(run(u"success"_s), std::nullopt, 0, 2) << Level::Warnings
                                   << u"2 users"_s;
    QTest::newRow("deletes waiting") << facts(run(u"warning"_s), std::nullopt, 12)
                                     << Level::WaitingForApproval << u"12 deletes"_s;
    ScheduleState quarantined;
    quarantined.consecutiveFailures = 3;
    quarantined.quarantinedUntil = Now.addSecs(600);
    quarantined.quarantineReason = u"HTTP 401"_s;
    QTest::newRow("quarantine wins") << facts(run(u"failed"_s), quarantined, 12, 2) << Level::Quarantined
                                     << u"3 runs in a row failed"_s;
    ScheduleState over;
    over.consecutiveFailures = 0;
    QTest::newRow("schedule without quarantine")
        << facts(run(u"success"_s), over) << Level::Healthy << u"succeeded"_s;
}

void TestHealth::health()
{
    QFETCH(Facts, facts);
    QFETCH(Level, level);
    QFETCH(QString, detailContains);
    const ConfigurationHealth h = ConfigurationHealth::assess(facts);
    QCOMPARE(ConfigurationHealth::levelName(h.level), ConfigurationHealth::levelName(level));
    QVERIFY2(h.detail.contains(detailContains), qPrintable(h.detail));
    QVERIFY(!h.word.isEmpty());
}

void TestHealth::advice_data()
{
    QTest::addColumn<PasswordHashState>("state");
    QTest::addColumn<bool>("problem");
    QTest::addColumn<bool>("canRetry");
    QTest::addColumn<QString>("explanationContains");
    QTest::addColumn<QString>("nextStepContains");

    PasswordHashState s;
    s.firstSeen = Now.addDays(-1);
    s.status = u"synced"_s;
    QTest::newRow("synced") << s << false << false << u"current password hash"_s << u"Nothing to do"_s;
    s.status = u"held"_s;
    QTest::newRow("held") << s << false << false << u"must change the password at next logon"_s
                          << u"after the user changes the password"_s;
    s.status = u"waiting"_s;
    s.reason = u"waits for the user, who could not be provisioned: userName already exists"_s;
    s.runId = 42;
    QTest::newRow("waiting, with the cause and the run")
        << s << true << false << u"could not be provisioned: userName already exists. (run 42)"_s
        << u"Fix the provisioning error"_s;
    s.reason = u"the user is not provisioned yet"_s;
    QTest::newRow("waiting for a first provisioning")
        << s << true << false << u"not provisioned yet"_s << u"the hash is sent on the run that provisions"_s;
    s.status = u"unsupported"_s;
    s.reason = u"{CRYPT} with MD5 is not a scheme the target accepts"_s;
    QTest::newRow("unsupported") << s << true << false << u"MD5"_s << u"supported form"_s;
    s.status = u"missing"_s;
    s.reason.clear();
    QTest::newRow("missing") << s << true << true << u"No password hash was read"_s << u"bind account"_s;
    s.status = u"target-rejected"_s;
    s.reason = u"password too weak"_s;
    s.httpStatus = 400;
    s.attempts = 3;
    s.nextAttempt = Now.addSecs(3600);
    QTest::newRow("refused, with the code kept aside")
        << s << true << true << u"Password too weak (HTTP 400)"_s << u"3 attempts since"_s;
    s.status = u"retrying"_s;
    s.reason = u"service unavailable (will be tried again)"_s;
    s.httpStatus = 503;
    s.attempts = 1;
    QTest::newRow("retrying") << s << true << true << u"HTTP 503"_s << u"next attempt after"_s;
    s.nextAttempt = Now.addSecs(-5);
    QTest::newRow("retrying, due") << s << true << true << u"HTTP 503"_s << u"on the next run"_s;
    // Replication (MS-DRSR) failed for the whole run: what happened and what to do are in the reason.
    s.httpStatus = 0;
    s.reason =
        u"password hashes could not be replicated from dc1.corp.example: replicating password hashes: the "
        u"domain controller refused replication (WERR_DS_DRA_ACCESS_DENIED). The account lacks "
        u"\"Replicating Directory Changes All\" on DC=corp,DC=example. On a Windows domain, a domain admin "
        u"grants it with: dsacls \"DC=corp,DC=example\" /G \"CORP\\svc:CA;Replicating Directory Changes All\""_s;
    QTest::newRow("replication refused")
        << s << true << true << u"/G \"CORP\\svc:CA;Replicating Directory Changes All\""_s
        << u"Test connection"_s;
    s.reason =
        u"password hashes could not be replicated from dc1.corp.example: connecting to dc1.corp.example: "
        u"the domain controller refused the connection. Check that dc1.corp.example answers from this "
        u"machine on TCP port 135 (the RPC endpoint mapper) and on the dynamic RPC ports (49152-65535)."_s;
    QTest::newRow("domain controller unreachable")
        << s << true << true << u"TCP port 135"_s << u"replicated again on the next run"_s;
}

void TestHealth::advice()
{
    QFETCH(PasswordHashState, state);
    QFETCH(bool, problem);
    QFETCH(bool, canRetry);
    QFETCH(QString, explanationContains);
    QFETCH(QString, nextStepContains);
    const PasswordHashAdvice a = PasswordHashAdvice::of(state, Now);
    QCOMPARE(a.problem, problem);
    QCOMPARE(a.canRetry, canRetry);
    QVERIFY2(a.explanation.contains(explanationContains), qPrintable(a.explanation));
    QVERIFY2(a.nextStep.contains(nextStepContains), qPrintable(a.nextStep));
    QCOMPARE(a.title, PasswordHashAdvice::statusTitle(state.status));
}

void TestHealth::everyStatusHasATitle()
{
    for (const QString &status : PasswordHashAdvice::statusOrder())
        QVERIFY2(PasswordHashAdvice::statusTitle(status) != status, qPrintable(status));
    for (const QString &status : PasswordHashAdvice::statusOrder())
        QVERIFY2(PasswordHashAdvice::statusShortTitle(status) != status, qPrintable(status));
    QCOMPARE(PasswordHashAdvice::statusOrder().size(), 7);
}

QTEST_GUILESS_MAIN(TestHealth)
#include "tst_health.moc"
