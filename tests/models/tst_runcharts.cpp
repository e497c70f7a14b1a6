// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The dashboard's charts over a real store: drawn only when they show something, a sentence otherwise, and
// dates on the time axis when the runs span days.
#include "core/translations.h"
#include "modeltestdata.h"
#include "recentruns.h"
#include "runcharts.h"
#include "store/statestore.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

// Runs whose time axis is checked start here, not at "now": an hour before now crosses midnight when the
// tests run after 23:00 local time, and the axis then shows dates.
QDateTime middayYesterday()
{
    return QDateTime(QDate::currentDate().addDays(-1), QTime(12, 0)).toUTC();
}

} // namespace

class TestRunCharts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void noRunYet();
    void oneRun();
    void runsWithoutErrors();
    void runsWithErrors();
    void secondsWhenRunsSpanMinutes();
    void datesWhenRunsSpanDays();

private:
    // The runs read as the console reads them: off the GUI thread.
    std::unique_ptr<RecentRuns> recentRuns();
    // `count` successful runs a minute apart from `start`, each creating `created` objects.
    void addCleanRuns(int count, const QDateTime &start, int created = 3);

    QTemporaryDir m_dir;
    std::unique_ptr<StateStore> m_store;
};

void TestRunCharts::initTestCase()
{
    QVERIFY(installTranslations(*QCoreApplication::instance()));
}

void TestRunCharts::init()
{
    m_store = std::make_unique<StateStore>(
        m_dir.filePath(u"%1.sqlite"_s.arg(QString::fromLatin1(QTest::currentTestFunction()))));
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
}

void TestRunCharts::cleanup()
{
    m_store.reset();
}

std::unique_ptr<RecentRuns> TestRunCharts::recentRuns()
{
    auto runs = std::make_unique<RecentRuns>(*m_store);
    QSignalSpy changed(runs.get(), &RecentRuns::changed);
    runs->reloadInBackground();
    if (!changed.wait(10'000))
        qWarning("the recent runs were not read");
    return runs;
}

void TestRunCharts::addCleanRuns(int count, const QDateTime &start, int created)
{
    qint64 id = 0;
    QString error;
    QVERIFY(m_store->saveConfiguration(u"clean.example"_s, {}, &id, &error));
    for (int i = 0; i < count; ++i) {
        RunRecord r;
        r.configurationId = id;
        r.id = m_store->startRun(id, u"schedule"_s);
        r.status = u"success"_s;
        r.users.created = created;
        QVERIFY(m_store->finishRun(r));
        QSqlQuery q(m_store->database());
        q.prepare(u"UPDATE runs SET started_at = ?, finished_at = ? WHERE id = ?"_s);
        q.addBindValue(start.addSecs(60 * i).toString(Qt::ISODateWithMs));
        q.addBindValue(start.addSecs(60 * i + 2).toString(Qt::ISODateWithMs));
        q.addBindValue(r.id);
        QVERIFY(q.exec());
    }
}

void TestRunCharts::noRunYet()
{
    {
        RecentRuns notReadYet(*m_store);
        RunCharts charts(&notReadYet);
        QCOMPARE(charts.changesNote(), u"Reading the last runs…"_s);
    }
    const auto runs = recentRuns();
    RunCharts charts(runs.get());
    QCOMPARE(charts.pointsShown(), 0);
    QVERIFY2(charts.changesNote().startsWith(u"No run has finished yet."_s),
             qPrintable(charts.changesNote()));
    QVERIFY2(charts.errorsNote().startsWith(u"No run has finished yet"_s), qPrintable(charts.errorsNote()));
}

void TestRunCharts::oneRun()
{
    addCleanRuns(1, QDateTime::currentDateTimeUtc().addSecs(-600), 41);
    const auto runs = recentRuns();
    RunCharts charts(runs.get());
    QCOMPARE(charts.pointsShown(), 1);
    QVERIFY2(charts.changesNote().contains(u": 41 created, 0 updated, 0 deleted, in 2"_s),
             qPrintable(charts.changesNote()));
    QCOMPARE(charts.errorsNote(), u"No errors in the last run."_s);
}

void TestRunCharts::runsWithoutErrors()
{
    addCleanRuns(3, QDateTime::currentDateTimeUtc().addSecs(-600));
    const auto runs = recentRuns();
    RunCharts charts(runs.get());
    QCOMPARE(charts.pointsShown(), 3);
    QCOMPARE(charts.changesNote(), QString()); // the chart
    QCOMPARE(charts.errorsNote(), u"No errors in the last 3 runs."_s);
}

void TestRunCharts::runsWithErrors()
{
    // Run 0 failed with an object not written (see ModelTestData).
    ModelTestData::addRuns(*m_store, u"a.example"_s, 12, middayYesterday());
    const auto runs = recentRuns();
    RunCharts charts(runs.get());
    QCOMPARE(charts.pointsShown(), 12);
    QCOMPARE(charts.changesNote(), QString());
    QCOMPARE(charts.errorsNote(), QString());
    QCOMPARE(charts.timeFormat(), u"HH:mm"_s);

    // A run later: redrawn when the runs have been read again, off the GUI thread.
    addCleanRuns(1, QDateTime::currentDateTimeUtc().addSecs(-60));
    QSignalSpy changed(runs.get(), &RecentRuns::changed);
    runs->reloadInBackground();
    QVERIFY(changed.wait(10'000));
    QCOMPARE(charts.pointsShown(), 13);
}

void TestRunCharts::secondsWhenRunsSpanMinutes()
{
    ModelTestData::addRuns(*m_store, u"a.example"_s, 4, middayYesterday());
    const auto runs = recentRuns();
    RunCharts charts(runs.get());
    QCOMPARE(charts.errorsNote(), QString());
    QCOMPARE(charts.timeFormat(), u"HH:mm:ss"_s);
}

void TestRunCharts::datesWhenRunsSpanDays()
{
    ModelTestData::addRuns(*m_store, u"a.example"_s, 2, QDateTime::currentDateTimeUtc().addDays(-3));
    addCleanRuns(2, QDateTime::currentDateTimeUtc().addSecs(-600));
    const auto runs = recentRuns();
    RunCharts charts(runs.get());
    QCOMPARE(charts.errorsNote(), QString());
    QCOMPARE(charts.timeFormat(), u"MMM d HH:mm"_s);
}

QTEST_MAIN(TestRunCharts)
#include "tst_runcharts.moc"
