// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// A run's results as the console filters, compares and exports them.
#include "store/resultfilter.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

class TestResultFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matches_data();
    void matches();
    void compare();
    void planDifferences();
    void csvCells_data();
    void csvCells();
    void json();
};

namespace {

RunResult result(const QString &anchor, const QString &action, const QString &outcome,
                 const QString &message = {})
{
    RunResult r;
    r.kind = u"user"_s;
    r.anchor = anchor;
    r.dn = u"uid=%1,ou=People,dc=example"_s.arg(anchor.toLower());
    r.displayName = u"User "_s + anchor;
    r.action = action;
    r.outcome = outcome;
    r.message = message;
    return r;
}

QStringList anchors(const QList<RunResult> &list)
{
    QStringList out;
    for (const RunResult &r : list)
        out.append(r.anchor);
    return out;
}

} // namespace

void TestResultFilter::matches_data()
{
    QTest::addColumn<ResultFilter>("filter");
    QTest::addColumn<bool>("matches");

    QTest::newRow("empty filter") << ResultFilter{} << true;
    QTest::newRow("action in the set") << ResultFilter{{u"update"_s, u"create"_s}, {}, {}} << true;
    QTest::newRow("action not in the set") << ResultFilter{{u"delete"_s}, {}, {}} << false;
    QTest::newRow("outcome") << ResultFilter{{}, {u"failed"_s}, {}} << true;
    QTest::newRow("other outcome") << ResultFilter{{}, {u"success"_s}, {}} << false;
    QTest::newRow("text in the DN, any case") << ResultFilter{{}, {}, u"OU=PEOPLE"_s} << true;
    QTest::newRow("text in the message") << ResultFilter{{}, {}, u"already exists"_s} << true;
    QTest::newRow("text in a changed attribute") << ResultFilter{{}, {}, u"title"_s} << true;
    QTest::newRow("text nowhere") << ResultFilter{{}, {}, u"marketing"_s} << false;
    QTest::newRow("all must hold") << ResultFilter{{u"update"_s}, {u"failed"_s}, u"nowhere"_s} << false;
}

void TestResultFilter::matches()
{
    QFETCH(ResultFilter, filter);
    QFETCH(bool, matches);
    RunResult r = result(u"A1"_s, u"update"_s, u"failed"_s, u"userName already exists"_s);
    r.changes = {u"title"_s};
    QCOMPARE(filter.matches(r), matches);
}

void TestResultFilter::compare()
{
    const QList<RunResult> earlier{
        result(u"A"_s, u"create"_s, u"failed"_s, u"userName already exists"_s), // fixed later
        result(u"B"_s, u"update"_s, u"failed"_s, u"HTTP 500"_s),                // still failing
        result(u"C"_s, u"update"_s, u"success"_s),                              // changed in both
        result(u"D"_s, u"update"_s, u"success"_s),                              // only then
        result(u"E"_s, u"unchanged"_s, u"success"_s),
    };
    const QList<RunResult> later{
        result(u"A"_s, u"create"_s, u"success"_s),
        result(u"B"_s, u"update"_s, u"failed"_s, u"HTTP 500"_s),
        result(u"C"_s, u"update"_s, u"success"_s),
        result(u"E"_s, u"update"_s, u"failed"_s, u"invalid value"_s), // new
        result(u"F"_s, u"create"_s, u"success"_s),
    };
    const RunComparison c = RunComparison::of(earlier, later);
    QCOMPARE(anchors(c.newErrors), QStringList{u"E"_s});
    QCOMPARE(anchors(c.resolvedErrors), QStringList{u"A"_s});
    QCOMPARE(anchors(c.changedInBoth), QStringList{u"C"_s});
    const RunComparison same = RunComparison::of(later, later);
    QVERIFY(same.newErrors.isEmpty());
    QVERIFY(same.resolvedErrors.isEmpty());
    QCOMPARE(anchors(same.changedInBoth), (QStringList{u"A"_s, u"C"_s, u"F"_s}));
}

void TestResultFilter::planDifferences()
{
    RunResult update = result(u"A"_s, u"update"_s, u"planned"_s);
    update.changes = {u"title"_s};
    update.diff = {QJsonObject{{u"attribute"_s, u"title"_s}, {u"old"_s, u"T"_s}, {u"new"_s, u"Lead"_s}}};
    const QList<RunResult> reviewed{update, result(u"B"_s, u"delete"_s, u"planned"_s),
                                    result(u"C"_s, u"unchanged"_s, u"planned"_s)};
    QVERIFY(RunComparison::planDifferences(reviewed, reviewed).isEmpty());
    // Unchanged objects do not count, whatever their order.
    QList<RunResult> same = reviewed;
    same.append(result(u"D"_s, u"unchanged"_s, u"planned"_s));
    std::reverse(same.begin(), same.end());
    QVERIFY(RunComparison::planDifferences(reviewed, same).isEmpty());
    // The directory moved on: another title, a new object, and B is no longer deleted.
    RunResult other = update;
    other.diff = {QJsonObject{{u"attribute"_s, u"title"_s}, {u"old"_s, u"T"_s}, {u"new"_s, u"CTO"_s}}};
    const QList<RunResult> fresh{other, result(u"E"_s, u"create"_s, u"planned"_s)};
    QCOMPARE(anchors(RunComparison::planDifferences(reviewed, fresh)),
             (QStringList{u"A"_s, u"E"_s, u"A"_s, u"B"_s}));
}

void TestResultFilter::csvCells_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QByteArray>("cell");

    QTest::newRow("plain") << u"ok"_s << QByteArray("ok");
    QTest::newRow("comma") << u"a, b"_s << QByteArray("\"a, b\"");
    QTest::newRow("quote") << u"say \"hi\""_s << QByteArray("\"say \"\"hi\"\"\"");
    QTest::newRow("line break") << u"one\ntwo"_s << QByteArray("\"one\ntwo\"");
    QTest::newRow("formula kept as text") << u"=HYPERLINK(1)"_s << QByteArray("'=HYPERLINK(1)");
    QTest::newRow("unicode") << u"Zoë Ångström"_s << QByteArray("Zo\xc3\xab \xc3\x85ngstr\xc3\xb6m");
}

void TestResultFilter::csvCells()
{
    QFETCH(QString, message);
    QFETCH(QByteArray, cell);
    RunResult r = result(u"A"_s, u"update"_s, u"failed"_s, message);
    r.changes = {u"title"_s, u"name"_s};
    r.diff = {QJsonObject{{u"attribute"_s, u"title"_s}, {u"old"_s, u"A"_s}, {u"new"_s, u"B"_s}}};
    const QByteArray csv = ResultExport::csv({r});
    QVERIFY(csv.startsWith("kind,action,outcome,name,dn,anchor,message,changed attributes,changes\r\n"));
    QCOMPARE(csv, "kind,action,outcome,name,dn,anchor,message,changed attributes,changes\r\n"
                  "user,update,failed,User A,\"uid=a,ou=People,dc=example\",A," +
                      cell + ",title name,title: A -> B\r\n");
}

void TestResultFilter::json()
{
    RunRecord run;
    run.id = 7;
    run.configurationName = u"example.com"_s;
    run.status = u"warning"_s;
    const QJsonObject doc =
        QJsonDocument::fromJson(ResultExport::json(run, {result(u"A"_s, u"create"_s, u"success"_s)}))
            .object();
    QCOMPARE(doc.value(u"run"_s).toObject().value(u"run"_s).toInteger(), 7);
    QCOMPARE(doc.value(u"results"_s).toArray().size(), 1);
    QCOMPARE(doc.value(u"results"_s).toArray().at(0).toObject().value(u"anchor"_s).toString(), u"A"_s);
}

QTEST_GUILESS_MAIN(TestResultFilter)
#include "tst_resultfilter.moc"
