// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI never freezes: during a 5,000-user run (password hashes included) made from the console, against
// a real slapd and SCIM service, the GUI thread's event loop never stalls for more than 100 ms.
#include "consolecontroller.h"
#include "consolefixture.h"
#include "mainwindow.h"

#include <QAction>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

class TestConsoleStall : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noStallDuringALargeRun();

private:
    SyncFixture f;
};

void TestConsoleStall::noStallDuringALargeRun()
{
    QCoreApplication::setOrganizationName(u"updraft-tests"_s);
    QCoreApplication::setApplicationName(u"tst_consolestall"_s);
    QString error;
    QVERIFY2(f.startScim(&error), qPrintable(error));
    const QString ldif = f.path(u"people-5000.ldif"_s);
    QVERIFY(ConsoleFixture::generateDirectory(ldif, 5000, 20));
    QVERIFY2(f.startDirectoryWith(ldif, &error), qPrintable(error));
    QJsonObject json = f.peopleJson();
    json[u"passwordHashSync"_s] = QJsonObject{{u"enabled"_s, true}};
    QVERIFY(ConsoleFixture::save(f, json));

    ConsoleController controller({f.stateDir(), false, {}});
    QVERIFY2(controller.open(&error), qPrintable(error));
    MainWindow window(controller);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(window.engineStateText().startsWith(u"Idle"_s));

    // A 10 ms heartbeat; the longest gap between two beats is the longest stall.
    QElapsedTimer clock;
    qint64 last = 0;
    qint64 longest = 0;
    qint64 beats = 0;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(10);
    QObject::connect(&heartbeat, &QTimer::timeout, &window, [&] {
        const qint64 now = clock.elapsed();
        longest = std::max(longest, now - last);
        last = now;
        ++beats;
    });
    QSignalSpy finished(&controller, &ConsoleController::runFinished);
    clock.start();
    heartbeat.start();
    controller.runNowAction()->trigger();
    // Look at the pages while it runs, as an admin would.
    for (const QString &page : {u"runs"_s, u"password-hashes"_s, u"dashboard"_s}) {
        QTest::qWait(300);
        QVERIFY(window.showPage(page));
    }
    QVERIFY(finished.wait(300000));
    QTest::qWait(500); // what the views do once it finished counts too
    heartbeat.stop();

    const RunRecord r = finished.first().first().value<RunRecord>();
    QCOMPARE(r.status, u"success"_s);
    QVERIFY(r.users.created > 4500);
    qInfo("run of %d users in %.1f s; %lld heartbeats; longest event-loop stall %lld ms", r.users.created,
          r.startedAt.msecsTo(r.finishedAt) / 1000.0, beats, longest);
    QVERIFY2(longest <= 100, qPrintable(u"the GUI thread stalled for %1 ms"_s.arg(longest)));
}

QTEST_MAIN(TestConsoleStall)
#include "tst_consolestall.moc"
