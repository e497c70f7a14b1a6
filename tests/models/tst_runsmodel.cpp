// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The run history as a table: lazy over 10,000 runs, sorted and filtered by the store.
#include "modeltestdata.h"
#include "runsmodel.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

class TestRunsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void opensAPageAtATime();
    void fetchesEveryRunInPages();
    void sorts_data();
    void sorts();
    void filters();
    void refreshKeepsWhatWasLoaded();
    void displaysARun();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<StateStore> m_store;
    const QDateTime m_start{QDate(2026, 1, 1), QTime(0, 0), Qt::UTC};
};

void TestRunsModel::initTestCase()
{
    m_store = std::make_unique<StateStore>(m_dir.filePath(u"state.sqlite"_s));
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
    ModelTestData::addRuns(*m_store, u"a.example"_s, 7000, m_start);
    ModelTestData::addRuns(*m_store, u"b.example"_s, 3000, m_start.addSecs(30));
}

void TestRunsModel::opensAPageAtATime()
{
    RunsModel model(*m_store);
    QCOMPARE(model.rowCount(), RunsModel::PageSize);
    QCOMPARE(model.totalCount(), 10000);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.columnCount(), int(RunsModel::ColumnCount));
    QVERIFY(model.canFetchMore({}));
    // Newest first: a.example's last run started after b.example's.
    QCOMPARE(model.index(0, 0).data(RunsModel::RunIdRole).toLongLong(), 7000);
}

void TestRunsModel::fetchesEveryRunInPages()
{
    RunsModel model(*m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    while (model.canFetchMore({})) {
        const int before = model.rowCount();
        model.fetchMore({});
        QCOMPARE(model.rowCount() - before, RunsModel::PageSize); // a page, not everything
    }
    QCOMPARE(model.rowCount(), 10000);
    QSet<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.insert(model.index(row, 0).data(RunsModel::RunIdRole).toLongLong());
    QCOMPARE(ids.size(), 10000);
}

void TestRunsModel::sorts_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");

    QTest::newRow("started, oldest first") << int(RunsModel::StartedColumn) << Qt::AscendingOrder;
    QTest::newRow("configuration") << int(RunsModel::ConfigurationColumn) << Qt::AscendingOrder;
    QTest::newRow("duration, longest first") << int(RunsModel::DurationColumn) << Qt::DescendingOrder;
    QTest::newRow("status") << int(RunsModel::StatusColumn) << Qt::AscendingOrder;
    QTest::newRow("created, most first") << int(RunsModel::CreatedColumn) << Qt::DescendingOrder;
    QTest::newRow("failed, fewest first") << int(RunsModel::FailedColumn) << Qt::AscendingOrder;
}

void TestRunsModel::sorts()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    RunsModel model(*m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.sort(column, order);
    model.fetchMore({});
    QVERIFY(model.rowCount() >= 2 * RunsModel::PageSize);
    // Each row's key is in order with the next; the sort is the store's, so compare the records.
    const auto key = [&](int row) -> QVariant {
        const RunRecord *r = model.record(row);
        switch (column) {
        case RunsModel::StartedColumn:
            return r->startedAt;
        case RunsModel::ConfigurationColumn:
            return r->configurationName;
        case RunsModel::DurationColumn:
            return r->startedAt.msecsTo(r->finishedAt);
        case RunsModel::StatusColumn:
            return r->status;
        case RunsModel::CreatedColumn:
            return r->users.created;
        default:
            return r->users.failed;
        }
    };
    for (int row = 0; row + 1 < model.rowCount(); ++row) {
        const QVariant a = key(row), b = key(row + 1);
        const QPartialOrdering c = QVariant::compare(a, b);
        QVERIFY2(order == Qt::AscendingOrder ? c != QPartialOrdering::Greater : c != QPartialOrdering::Less,
                 qPrintable(u"rows %1 and %2 out of order"_s.arg(row).arg(row + 1)));
    }
    if (column == RunsModel::StartedColumn)
        QCOMPARE(model.record(0)->id, 1);
}

void TestRunsModel::filters()
{
    RunsModel model(*m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    RunQuery q;
    q.configuration = u"b.example"_s;
    q.statuses = {u"failed"_s};
    model.setQuery(q);
    // Runs 0, 13, 26 … of 3,000 fail.
    QCOMPARE(model.totalCount(), (3000 + 12) / 13);
    QVERIFY(model.rowCount() >= RunsModel::PageSize);
    for (int row = 0; row < model.rowCount(); ++row) {
        QCOMPARE(model.index(row, RunsModel::ConfigurationColumn).data().toString(), u"b.example"_s);
        QCOMPARE(model.index(row, 0).data(RunsModel::StatusRole).toString(), u"failed"_s);
    }
    q = {};
    q.from = m_start.addSecs(60 * 100);
    q.to = m_start.addSecs(60 * 110);
    model.setQuery(q);
    QCOMPARE(model.totalCount(), 20); // ten minutes of two configurations
    QVERIFY(!model.canFetchMore({}));
    q = {};
    q.text = u"#4242"_s;
    model.setQuery(q);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.record(0)->id, 4242);
}

void TestRunsModel::refreshKeepsWhatWasLoaded()
{
    RunsModel model(*m_store);
    model.fetchMore({});
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 3 * RunsModel::PageSize);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const qint64 id = m_store->startRun(1, u"manual"_s); // a run starts: the history grows by one
    const int loaded = model.rowCount();
    model.refresh();
    QCOMPARE(model.rowCount(), loaded);
    QCOMPARE(model.totalCount(), 10001);
    QCOMPARE(model.record(0)->id, id);
    QCOMPARE(model.index(0, RunsModel::DurationColumn).data().toString(), u"running…"_s);
    QSqlQuery(m_store->database()).exec(u"DELETE FROM runs WHERE id = %1"_s.arg(id));
}

void TestRunsModel::displaysARun()
{
    RunsModel model(*m_store);
    RunQuery q;
    q.text = u"#14"_s; // i = 13 of a.example: failed, created 6
    model.setQuery(q);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, RunsModel::StatusColumn).data().toString(), u"Failed"_s);
    QCOMPARE(model.index(0, RunsModel::CreatedColumn).data().toInt(), 6);
    QCOMPARE(model.index(0, RunsModel::DurationColumn).data().toString(), u"4.0 s"_s);
    QVERIFY(model.index(0, RunsModel::StartedColumn).data(Qt::ToolTipRole).toString().contains(u"Run 14"_s));
    QVERIFY(!model.index(0, RunsModel::HashesSyncedColumn).data().isValid()); // no password hash sync
    QVERIFY(model.index(0, RunsModel::CreatedColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(u"6 users, 0 groups"_s));
}

QTEST_MAIN(TestRunsModel)
#include "tst_runsmodel.moc"
