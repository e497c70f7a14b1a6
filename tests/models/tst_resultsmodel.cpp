// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// One run's results: the table, its filter proxy, and what an export writes.
#include "resultsmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

class TestResultsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void showsResults();
    void filters_data();
    void filters();
    void diffText();
    void shownResultsFollowTheSort();

private:
    RunRecord m_run;
    QList<RunResult> m_results;
};

void TestResultsModel::init()
{
    m_run = {};
    m_run.id = 3;
    m_results.clear();
    const auto add = [this](const QString &anchor, const QString &action, const QString &outcome,
                            const QString &message = {}) {
        RunResult r;
        r.kind = u"user"_s;
        r.anchor = anchor;
        r.dn = u"uid=%1,ou=People,dc=example"_s.arg(anchor);
        r.displayName = anchor == u"nameless"_s ? QString() : u"User "_s + anchor;
        r.action = action;
        r.outcome = outcome;
        r.message = message;
        m_results.append(r);
    };
    add(u"c"_s, u"create"_s, u"success"_s);
    add(u"a"_s, u"update"_s, u"success"_s);
    m_results.last().changes = {u"title"_s};
    m_results.last().diff = {
        QJsonObject{{u"attribute"_s, u"title"_s}, {u"old"_s, u"Engineer"_s}, {u"new"_s, u"Lead"_s}},
        QJsonObject{{u"attribute"_s, u"nickName"_s}, {u"old"_s, QString()}, {u"new"_s, u"Al"_s}}};
    add(u"b"_s, u"create"_s, u"failed"_s, u"userName already exists"_s);
    add(u"nameless"_s, u"delete"_s, u"success"_s, u"deleted from the directory"_s);
}

void TestResultsModel::showsResults()
{
    ResultsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResults(m_run, m_results);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.index(1, ResultsModel::ChangesColumn).data().toString(), u"title"_s);
    QCOMPARE(model.index(2, ResultsModel::MessageColumn).data().toString(), u"userName already exists"_s);
    QCOMPARE(model.index(3, ResultsModel::NameColumn).data().toString(), u"nameless"_s); // from the DN
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestResultsModel::filters_data()
{
    QTest::addColumn<ResultFilter>("filter");
    QTest::addColumn<QStringList>("anchors");

    QTest::newRow("everything") << ResultFilter{} << QStringList{u"c"_s, u"a"_s, u"b"_s, u"nameless"_s};
    QTest::newRow("creates") << ResultFilter{{u"create"_s}, {}, {}} << QStringList{u"c"_s, u"b"_s};
    QTest::newRow("failures") << ResultFilter{{}, {u"failed"_s}, {}} << QStringList{u"b"_s};
    QTest::newRow("successful creates")
        << ResultFilter{{u"create"_s}, {u"success"_s}, {}} << QStringList{u"c"_s};
    QTest::newRow("text") << ResultFilter{{}, {}, u"directory"_s} << QStringList{u"nameless"_s};
    QTest::newRow("nothing") << ResultFilter{{u"match"_s}, {}, {}} << QStringList{};
}

void TestResultsModel::filters()
{
    QFETCH(ResultFilter, filter);
    QFETCH(QStringList, anchors);
    ResultsModel model;
    ResultsFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResults(m_run, m_results);
    proxy.setFilter(filter);
    QStringList shown;
    for (int row = 0; row < proxy.rowCount(); ++row)
        shown.append(proxy.index(row, 0).data(ResultsModel::AnchorRole).toString());
    QCOMPARE(shown, anchors);
    QCOMPARE(proxy.shownResults().size(), anchors.size());
}

void TestResultsModel::diffText()
{
    QCOMPARE(ResultsModel::diffText(m_results.at(1)), u"title: Engineer → Lead\nnickName: (none) → Al"_s);
    ResultsModel model;
    model.setResults(m_run, m_results);
    QCOMPARE(model.index(1, ResultsModel::ChangesColumn).data(Qt::ToolTipRole).toString(),
             ResultsModel::diffText(m_results.at(1)));
}

void TestResultsModel::shownResultsFollowTheSort()
{
    ResultsModel model;
    ResultsFilterProxy proxy;
    proxy.setSourceModel(&model);
    model.setResults(m_run, m_results);
    proxy.sort(ResultsModel::NameColumn, Qt::AscendingOrder);
    QStringList anchors;
    for (const RunResult &r : proxy.shownResults())
        anchors.append(r.anchor);
    QCOMPARE(anchors, (QStringList{u"nameless"_s, u"a"_s, u"b"_s, u"c"_s}));
}

QTEST_MAIN(TestResultsModel)
#include "tst_resultsmodel.moc"
