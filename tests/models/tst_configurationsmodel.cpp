// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The dashboard's model: a row per configuration, with health, last run, schedule and the run in progress.
#include "configurationsmodel.h"
#include "store/statestore.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

using M = ConfigurationsModel;

class TestConfigurationsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void healthOfEachConfiguration();
    void followsARun();
    void schedule();
    void whatTheCloudSaid();

private:
    qint64 add(const QString &name, const QString &status, int failed, bool scheduled = true);

    QTemporaryDir m_dir;
    std::unique_ptr<StateStore> m_store;
    int m_number = 0;
};

void TestConfigurationsModel::init()
{
    m_store = std::make_unique<StateStore>(m_dir.filePath(u"state%1.sqlite"_s.arg(++m_number)));
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
}

void TestConfigurationsModel::cleanup()
{
    m_store.reset();
}

qint64 TestConfigurationsModel::add(const QString &name, const QString &status, int failed, bool scheduled)
{
    const QJsonObject definition = QJsonDocument::fromJson(uR"({"name": "%1",
        "source": {"type": "openldap", "url": "ldap://127.0.0.1:1", "bindDn": "cn=x", "bindPassword": {"env": "X"},
                   "baseDn": "dc=x"},
        "scope": {"organizationalUnits": ["dc=x"]},
        "target": {"type": "scim", "url": "http://127.0.0.1:1/scim/v2", "token": {"env": "Y"}},
        "schedule": {"enabled": %2, "intervalSeconds": 300}})"_s.arg(name, scheduled ? u"true"_s : u"false"_s)
                                                               .toUtf8())
                                       .object();
    qint64 id = 0;
    QString error;
    if (!m_store->saveConfiguration(name, definition, &id, &error))
        qFatal("%s", qPrintable(error));
    if (!status.isEmpty()) {
        RunRecord r;
        r.configurationId = id;
        r.id = m_store->startRun(id, u"schedule"_s);
        r.status = status;
        r.users.created = 4;
        r.users.updated = 17;
        r.users.failed = failed;
        m_store->finishRun(r);
    }
    return id;
}

void TestConfigurationsModel::healthOfEachConfiguration()
{
    add(u"a.example"_s, u"success"_s, 0);
    add(u"b.example"_s, u"warning"_s, 2);
    add(u"c.example"_s, {}, 0);
    const qint64 d = add(u"d.example"_s, u"failed"_s, 0);
    ScheduleState q;
    q.consecutiveFailures = 2;
    q.quarantinedUntil = QDateTime::currentDateTimeUtc().addSecs(600);
    q.quarantineReason = u"the token was refused"_s;
    m_store->saveScheduleState(d, q);

    M model(*m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.names(), (QStringList{u"a.example"_s, u"b.example"_s, u"c.example"_s, u"d.example"_s}));
    QCOMPARE(model.index(0).data(M::HealthLevelRole).toString(), u"healthy"_s);
    QCOMPARE(model.index(1).data(M::HealthLevelRole).toString(), u"errors"_s);
    QCOMPARE(model.index(2).data(M::HealthLevelRole).toString(), u"not-run-yet"_s);
    QCOMPARE(model.index(3).data(M::HealthLevelRole).toString(), u"quarantined"_s);
    QVERIFY(model.index(3).data(M::HealthDetailRole).toString().contains(u"the token was refused"_s));
    const QString summary = model.index(0).data(M::LastRunSummaryRole).toString();
    QVERIFY2(summary.endsWith(u"+4 ~17 \u22120"_s), qPrintable(summary));
    // The same in words, for the tooltip and screen readers.
    const QString inWords = model.index(0).data(M::LastRunSummaryInWordsRole).toString();
    QVERIFY2(inWords.endsWith(u": 4 created, 17 updated, 0 deleted"_s), qPrintable(inWords));
    QVERIFY2(model.index(1).data(M::LastRunSummaryInWordsRole).toString().endsWith(u", 2 failed"_s),
             qPrintable(model.index(1).data(M::LastRunSummaryInWordsRole).toString()));
    QCOMPARE(model.index(2).data(M::LastRunSummaryRole).toString(), u"No run yet"_s);
}

void TestConfigurationsModel::followsARun()
{
    add(u"a.example"_s, u"success"_s, 0);
    M model(*m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.runStarted(u"a.example"_s);
    QVERIFY(model.index(0).data(M::RunningRole).toBool());
    model.runProgress(u"a.example"_s, u"Exporting users"_s, 40, 100);
    QCOMPARE(model.index(0).data(M::PhaseRole).toString(), u"Exporting users"_s);
    QCOMPARE(model.index(0).data(M::ProgressDoneRole).toInt(), 40);
    QCOMPARE(model.index(0).data(M::NextRunTextRole).toString(), u"running now"_s);
    // The run ends with two failures.
    RunRecord r;
    r.configurationId = 1;
    r.id = m_store->startRun(1, u"manual"_s);
    r.status = u"warning"_s;
    r.users.failed = 2;
    m_store->finishRun(r);
    model.runFinished(u"a.example"_s);
    QVERIFY(!model.index(0).data(M::RunningRole).toBool());
    QCOMPARE(model.index(0).data(M::LastRunIdRole).toLongLong(), r.id);
    QCOMPARE(model.index(0).data(M::HealthLevelRole).toString(), u"errors"_s);
    QCOMPARE(changed.size(), 3);
}

void TestConfigurationsModel::schedule()
{
    const qint64 a = add(u"a.example"_s, u"success"_s, 0);
    add(u"b.example"_s, u"success"_s, 0, false);
    ScheduleState s;
    s.nextRunAt = QDateTime::currentDateTimeUtc().addSecs(125);
    m_store->saveScheduleState(a, s);
    M model(*m_store);
    QCOMPARE(model.index(0).data(M::NextRunTextRole).toString(), u"in 2 min"_s);
    QCOMPARE(model.index(1).data(M::NextRunTextRole).toString(), u"not scheduled; runs on demand"_s);
    QVERIFY(!model.index(1).data(M::NextRunRole).toDateTime().isValid());
}

void TestConfigurationsModel::whatTheCloudSaid()
{
    const qint64 asked = add(u"a.example"_s, u"success"_s, 0);
    add(u"b.example"_s, {}, 0);
    const QDateTime t(QDate(2026, 12, 5), QTime(9, 30, 0), Qt::UTC);
    QVERIFY(
        m_store->saveDiscoveredTarget(asked, {u"http://127.0.0.1:1/scim/v2"_s,
                                              {u"changes by PATCH"_s, u"no bulk"_s},
                                              {u"filters: not said; objects are matched from a listing"_s},
                                              t}));
    M model(*m_store);
    QAbstractItemModelTester tester(&model);
    QCOMPARE(model.rowCount(), 2);
    const QModelIndex a = model.index(0, 0);
    QCOMPARE(a.data(M::NameRole).toString(), u"a.example"_s);
    QCOMPARE(a.data(M::CloudSupportsRole).toStringList(), (QStringList{u"changes by PATCH"_s, u"no bulk"_s}));
    QCOMPARE(a.data(M::CloudAssumptionsRole).toStringList(),
             QStringList{u"filters: not said; objects are matched from a listing"_s});
    QCOMPARE(a.data(M::CloudAskedRole).toDateTime(), t);
    // Never asked: no list, and no time.
    const QModelIndex b = model.index(1, 0);
    QVERIFY(b.data(M::CloudSupportsRole).toStringList().isEmpty());
    QVERIFY(!b.data(M::CloudAskedRole).toDateTime().isValid());
}

QTEST_MAIN(TestConfigurationsModel)
#include "tst_configurationsmodel.moc"
