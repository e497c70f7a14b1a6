// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/deleteplan.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

class TestDeletePlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void guard_data();
    void guard();
};

// Candidates "a0".."a(n-1)" with cause "gone"; staged rows as "anchor:cause:decision".
void TestDeletePlan::guard_data()
{
    QTest::addColumn<int>("candidates");
    QTest::addColumn<QStringList>("staged");
    QTest::addColumn<int>("threshold");
    QTest::addColumn<int>("percent");
    QTest::addColumn<int>("provisioned");
    QTest::addColumn<bool>("tripped");
    QTest::addColumn<int>("execute");
    QTest::addColumn<int>("stage");
    QTest::addColumn<int>("waiting");
    QTest::addColumn<int>("kept");
    QTest::addColumn<QStringList>("unstage");

    QTest::newRow("none") << 0 << QStringList() << 500 << 0 << 10 << false << 0 << 0 << 0 << 0
                          << QStringList();
    QTest::newRow("within threshold")
        << 3 << QStringList() << 3 << 0 << 10 << false << 3 << 0 << 0 << 0 << QStringList();
    QTest::newRow("over threshold") << 4 << QStringList() << 3 << 0 << 10 << true << 0 << 4 << 0 << 0
                                    << QStringList();
    QTest::newRow("threshold zero stops every delete")
        << 1 << QStringList() << 0 << 0 << 10 << true << 0 << 1 << 0 << 0 << QStringList();
    QTest::newRow("percent is lower")
        << 3 << QStringList() << 500 << 20 << 10 << true << 0 << 3 << 0 << 0 << QStringList();
    QTest::newRow("percent allows") << 2 << QStringList() << 500 << 20 << 10 << false << 2 << 0 << 0 << 0
                                    << QStringList();
    QTest::newRow("approved ones go, pending wait")
        << 4
        << QStringList{u"a0:gone:approved"_s, u"a1:gone:pending"_s, u"a2:gone:pending"_s,
                       u"a3:gone:rejected"_s}
        << 0 << 0 << 10 << false << 1 << 0 << 2 << 1 << QStringList();
    QTest::newRow("a new cause is decided anew") << 1 << QStringList{u"a0:moved:rejected"_s} << 5 << 0 << 10
                                                 << false << 1 << 0 << 0 << 0 << QStringList();
    QTest::newRow("a new cause over the threshold is staged again")
        << 1 << QStringList{u"a0:moved:rejected"_s} << 0 << 0 << 10 << true << 0 << 1 << 0 << 0
        << QStringList();
    QTest::newRow("back in scope: unstaged") << 0 << QStringList{u"a7:gone:pending"_s} << 500 << 0 << 10
                                             << false << 0 << 0 << 0 << 0 << QStringList{u"a7"_s};
    QTest::newRow("tripped run executes nothing, not even approved")
        << 3 << QStringList{u"a0:gone:approved"_s} << 1 << 0 << 10 << true << 0 << 2 << 0 << 0
        << QStringList();
}

void TestDeletePlan::guard()
{
    QFETCH(int, candidates);
    QFETCH(QStringList, staged);
    QFETCH(int, threshold);
    QFETCH(int, percent);
    QFETCH(int, provisioned);
    QFETCH(bool, tripped);
    QFETCH(int, execute);
    QFETCH(int, stage);
    QFETCH(int, waiting);
    QFETCH(int, kept);
    QFETCH(QStringList, unstage);

    QList<DeleteCandidate> list;
    for (int i = 0; i < candidates; ++i) {
        PlannedChange c;
        c.action = PlannedAction::Delete;
        c.anchor = u"a%1"_s.arg(i);
        c.dn = u"uid=u%1,dc=example,dc=com"_s.arg(i);
        c.cloudId = u"c%1"_s.arg(i);
        list.append({c, u"gone"_s});
    }
    QList<StagedDelete> rows;
    for (const QString &s : staged) {
        StagedDelete row;
        row.anchor = s.section(u':', 0, 0);
        row.cause = s.section(u':', 1, 1);
        row.decision = s.section(u':', 2, 2);
        rows.append(row);
    }
    const DeletePlan plan = planDeleteGuard(list, rows, SafetyConfiguration{threshold, percent}, provisioned);
    QCOMPARE(plan.tripped, tripped);
    QCOMPARE(plan.execute.size(), execute);
    QCOMPARE(plan.stage.size(), stage);
    QCOMPARE(plan.waiting, waiting);
    QCOMPARE(plan.kept, kept);
    QCOMPARE(plan.unstage, unstage);
    for (const PlannedChange &c : plan.execute)
        QCOMPARE(c.reason, u"gone"_s); // the cause is what the run's result says
    for (const StagedDelete &s : plan.stage) {
        QCOMPARE(s.cause, u"gone"_s);
        QVERIFY(!s.cloudId.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestDeletePlan)
#include "tst_deleteplan.moc"
