// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Each run reads its directory on a worker of its own: a directory that does not answer (a real slapd,
// stopped with SIGSTOP) holds up only its own run. Another configuration's run on the same thread reads,
// writes and finishes meanwhile, and a cancel of the held run is taken at once and carried out when its read
// returns.
#include "syncfixture.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

class TestReadWorker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void aHungDirectoryHoldsUpOnlyItsOwnRun();

private:
    SyncFixture f;
    QTemporaryDir m_dir;
    std::unique_ptr<TestServers::Slapd> m_hung;
    qint64 m_hungPid = 0;
};

void TestReadWorker::initTestCase()
{
    QString error;
    QVERIFY2(f.startScim(&error), qPrintable(error));
}

void TestReadWorker::init()
{
    QString error;
    QVERIFY2(f.startDirectory(&error), qPrintable(error));
    m_hung = std::make_unique<TestServers::Slapd>(m_dir.filePath(u"hung"_s));
    QVERIFY2(m_hung->start(f.fixture(), &error), qPrintable(error));
    QFile pidFile(m_dir.filePath(u"hung/slapd.pid"_s));
    QVERIFY(pidFile.open(QIODevice::ReadOnly));
    m_hungPid = pidFile.readAll().trimmed().toLongLong();
    QVERIFY(m_hungPid > 0);
}

void TestReadWorker::cleanup()
{
    if (m_hungPid > 0)
        ::kill(pid_t(m_hungPid), SIGCONT);
    m_hung.reset();
    f.stopDirectory();
}

void TestReadWorker::aHungDirectoryHoldsUpOnlyItsOwnRun()
{
    // The same people in another directory, as another configuration: its read will not be answered.
    QJsonObject hungJson = f.configJson(
        u"hung.example.com"_s, {{u"organizationalUnits"_s, QJsonArray{u"ou=People,dc=example,dc=com"_s}}});
    QJsonObject source = hungJson[u"source"_s].toObject();
    source[u"url"_s] = m_hung->url();
    hungJson[u"source"_s] = source;
    QCOMPARE(::kill(pid_t(m_hungPid), SIGSTOP), 0);

    SyncRunner held(SyncFixture::config(hungJson), f.store());
    SyncRunner other(SyncFixture::config(f.peopleJson()), f.store());
    QSignalSpy heldDone(&held, &SyncRunner::finished);
    QSignalSpy otherDone(&other, &SyncRunner::finished);
    // Progress is told on the runners' own thread, never from a worker.
    bool progressOffThread = false;
    for (SyncRunner *runner : {&held, &other})
        connect(
            runner, &SyncRunner::progress, this,
            [&progressOffThread] { progressOffThread |= QThread::currentThread() != qApp->thread(); },
            Qt::DirectConnection);
    f.scim().resetStats();
    held.start();
    QVERIFY(heldDone.isEmpty());
    other.start();

    // The other configuration's run reads, writes and finishes while the held one waits for its directory
    // (its timeout is 30 s; the other run takes about a second).
    QVERIFY(otherDone.wait(25000));
    QCOMPARE(other.record().status, u"success"_s);
    QCOMPARE(other.record().users.created, 7);
    QVERIFY(heldDone.isEmpty());
    const int writes = f.scim().writes();
    QVERIFY(writes >= 7);

    // A cancel is taken at once; the held run ends when its read returns, having written nothing.
    held.cancel();
    QVERIFY(heldDone.isEmpty());
    QCOMPARE(::kill(pid_t(m_hungPid), SIGCONT), 0);
    QVERIFY(heldDone.wait(60000));
    QCOMPARE(held.record().status, u"interrupted"_s);
    QVERIFY2(held.record().message.contains(u"while the directory was read"_s),
             qPrintable(held.record().message));
    QCOMPARE(f.scim().writes(), writes);
    QVERIFY(!progressOffThread);

    // Nothing was lost: the held configuration's next run reads and finishes (the people are another
    // configuration's, so each is a counted failure, not a quiet skip).
    SyncRunner again(SyncFixture::config(hungJson), f.store());
    QSignalSpy againDone(&again, &SyncRunner::finished);
    again.start();
    QVERIFY(againDone.wait(60000));
    QCOMPARE(again.record().objectsRead, other.record().objectsRead);
}

QTEST_GUILESS_MAIN(TestReadWorker)
#include "tst_readworker.moc"
