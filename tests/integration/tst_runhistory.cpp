// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The history as the console reads it: filtered and sorted in SQL, a page at a time; and the per-user
// "retry now" of a password hash.
#include "store/statestore.h"
#include "testservers.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

class TestRunHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void query_data();
    void query();
    void pagesDoNotOverlap();
    void retryPasswordHash();

private:
    qint64 addRun(const QString &config, const QString &status, const QDateTime &start, int seconds,
                  int created, const QString &message = {}, int hashesSynced = 0);

    QTemporaryDir m_dir;
    std::unique_ptr<StateStore> m_store;
    QHash<QString, qint64> m_configs;
};

const QDateTime Base(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);

qint64 TestRunHistory::addRun(const QString &config, const QString &status, const QDateTime &start,
                              int seconds, int created, const QString &message, int hashesSynced)
{
    if (!m_configs.contains(config)) {
        qint64 id = 0;
        QString error;
        if (!m_store->saveConfiguration(config, {}, &id, &error))
            qFatal("%s", qPrintable(error));
        m_configs.insert(config, id);
    }
    RunRecord r;
    r.id = m_store->startRun(m_configs.value(config), u"schedule"_s);
    r.configurationId = m_configs.value(config);
    r.status = status;
    r.startedAt = start;
    r.finishedAt = start.addSecs(seconds);
    r.message = message;
    r.users.created = created;
    if (hashesSynced)
        r.passwordHashes.insert(u"synced"_s, hashesSynced);
    m_store->finishRun(r);
    // startRun stamps "now"; the history needs the times this test chose.
    QSqlQuery q(m_store->database());
    q.prepare(u"UPDATE runs SET started_at = ?, finished_at = ? WHERE id = ?"_s);
    q.addBindValue(start.toString(Qt::ISODateWithMs));
    q.addBindValue(start.addSecs(seconds).toString(Qt::ISODateWithMs));
    q.addBindValue(r.id);
    if (!q.exec())
        qFatal("cannot set started_at");
    return r.id;
}

void TestRunHistory::init()
{
    m_configs.clear();
    QString error;
    const QString location =
        TestServers::newStoreLocation(m_dir.filePath(QString::fromUtf8(QTest::currentTestFunction()) +
                                                     QString::fromUtf8(QTest::currentDataTag())),
                                      &error);
    QVERIFY2(!location.isEmpty(), qPrintable(error));
    m_store = std::make_unique<StateStore>(location);
    QVERIFY2(m_store->open(&error), qPrintable(error));
    // 1..6, one hour apart.
    addRun(u"a.example"_s, u"success"_s, Base, 10, 4, {}, 3);
    addRun(u"b.example"_s, u"failed"_s, Base.addSecs(3600), 2, 0,
           u"The target refused the token (HTTP 401)"_s);
    addRun(u"a.example"_s, u"warning"_s, Base.addSecs(7200), 30, 1);
    addRun(u"a.example"_s, u"stopped"_s, Base.addSecs(10800), 5, 0,
           u"Delete threshold: 120 of 1000 (100%_x)"_s);
    addRun(u"b.example"_s, u"success"_s, Base.addSecs(14400), 1, 7, {}, 9);
    addRun(u"a.example"_s, u"success"_s, Base.addSecs(18000), 3, 2);
}

void TestRunHistory::cleanup()
{
    m_store.reset();
}

void TestRunHistory::query_data()
{
    QTest::addColumn<RunQuery>("query");
    QTest::addColumn<QList<qint64>>("ids");

    QTest::newRow("all, newest first") << RunQuery{} << QList<qint64>{6, 5, 4, 3, 2, 1};
    RunQuery q;
    q.configuration = u"a.example"_s;
    QTest::newRow("one configuration") << q << QList<qint64>{6, 4, 3, 1};
    q = {};
    q.statuses = {u"failed"_s, u"stopped"_s};
    QTest::newRow("statuses") << q << QList<qint64>{4, 2};
    q = {};
    q.from = Base.addSecs(3600);
    q.to = Base.addSecs(10800);
    QTest::newRow("date range, end excluded") << q << QList<qint64>{3, 2};
    q = {};
    q.text = u"token"_s;
    QTest::newRow("text in the message") << q << QList<qint64>{2};
    q.text = u"b.EXAMPLE"_s;
    QTest::newRow("text in the name, any case") << q << QList<qint64>{5, 2};
    q.text = u"%_"_s;
    QTest::newRow("wildcards are literal") << q << QList<qint64>{4};
    q.text = u"#3"_s;
    QTest::newRow("run by number") << q << QList<qint64>{3};
    q = {};
    q.order = RunQuery::Order::Duration;
    QTest::newRow("longest first") << q << QList<qint64>{3, 1, 4, 6, 2, 5};
    q.descending = false;
    QTest::newRow("shortest first") << q << QList<qint64>{5, 2, 6, 4, 1, 3};
    q = {};
    q.order = RunQuery::Order::Created;
    QTest::newRow("most created first, ties newest first") << q << QList<qint64>{5, 1, 6, 3, 4, 2};
    q.order = RunQuery::Order::HashesSynced;
    QTest::newRow("hashes synced") << q << QList<qint64>{5, 1, 6, 4, 3, 2};
    q = {};
    q.order = RunQuery::Order::Configuration;
    q.descending = false;
    q.statuses = {u"success"_s};
    QTest::newRow("by name, filtered") << q << QList<qint64>{1, 6, 5};
}

void TestRunHistory::query()
{
    QFETCH(RunQuery, query);
    QFETCH(QList<qint64>, ids);
    QList<qint64> got;
    for (const RunRecord &r : m_store->queryRuns(query, 0, 100))
        got.append(r.id);
    QCOMPARE(got, ids);
    QCOMPARE(m_store->countRuns(query), ids.size());
}

void TestRunHistory::pagesDoNotOverlap()
{
    for (int i = 0; i < 250; ++i)
        addRun(u"c.example"_s, u"success"_s, Base.addDays(1), 1, i % 3);
    RunQuery q;
    q.order = RunQuery::Order::Created; // many ties: the id must break them
    QSet<qint64> seen;
    for (int offset = 0;; offset += 40) {
        const QList<RunRecord> page = m_store->queryRuns(q, offset, 40);
        for (const RunRecord &r : page)
            QVERIFY2(!seen.contains(r.id), qPrintable(u"run %1 on two pages"_s.arg(r.id)));
        for (const RunRecord &r : page)
            seen.insert(r.id);
        if (page.size() < 40)
            break;
    }
    QCOMPARE(seen.size(), 256);
    QCOMPARE(m_store->countRuns(q), 256);
}

void TestRunHistory::retryPasswordHash()
{
    const qint64 config = m_configs.value(u"a.example"_s);
    PasswordHashState s;
    s.anchor = u"U1"_s;
    s.dn = u"uid=u1,dc=example"_s;
    s.status = QLatin1StringView(PasswordHashState::TargetRejected);
    s.digest = u"abc"_s;
    s.firstSeen = Base;
    s.nextAttempt = Base.addDays(30);
    QVERIFY(m_store->savePasswordHash(config, s));
    QVERIFY(m_store->retryPasswordHash(config, u"U1"_s));
    const PasswordHashState after = m_store->passwordHashes(config).value(u"U1"_s);
    QVERIFY(after.digest.isEmpty());
    QVERIFY(!after.nextAttempt.isValid());
    QCOMPARE(after.status, s.status); // what happened stays until the next attempt says otherwise
    QVERIFY(!m_store->retryPasswordHash(config, u"nobody"_s));
    s.anchor = u"U2"_s;
    s.status = u"held"_s;
    QVERIFY(m_store->savePasswordHash(config, s));
    const QMap<QString, int> counts{{u"held"_s, 1}, {u"target-rejected"_s, 1}};
    QCOMPARE(m_store->passwordHashCounts(config), counts);
    QVERIFY(m_store->passwordHashCounts(m_configs.value(u"b.example"_s)).isEmpty());
    QVERIFY(!m_store->retryPasswordHash(m_configs.value(u"b.example"_s), u"U1"_s));
}

QTEST_GUILESS_MAIN(TestRunHistory)
#include "tst_runhistory.moc"
