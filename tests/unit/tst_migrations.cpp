// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/migrations.h"
#include "store/statestore.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

QStringList columns(const QSqlDatabase &db, const QString &table)
{
    QStringList out;
    const QSqlRecord r = db.record(table);
    for (int i = 0; i < r.count(); ++i)
        out << r.fieldName(i);
    return out;
}

QStringList indexes(const QSqlDatabase &db)
{
    QStringList out;
    QSqlQuery q(db);
    if (q.exec(
            u"SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name"_s))
        while (q.next())
            out << q.value(0).toString();
    return out;
}

// A raw connection of its own, closed and removed when the object goes.
class RawDatabase
{
public:
    explicit RawDatabase(const QString &path)
        : m_name(u"raw-"_s + path)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~RawDatabase()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    bool exec(const QString &sql) const
    {
        QSqlQuery q(db());
        if (q.exec(sql))
            return true;
        qWarning() << sql << q.lastError().text();
        return false;
    }

private:
    QString m_name;
};

} // namespace

class TestMigrations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void currentVersion();
    void stepwise_data();
    void stepwise();
    void emptyDatabaseMigratesToCurrent();
    void version10ReadsEverythingOnce();
    void versionOneKeepsItsRows();
    void newerSchemaIsRefused();
    void runsAndResultsRoundTrip();
    void resultRoundTrip_data();
    void resultRoundTrip();
    void staleRunIsInterrupted();
    void linksRoundTrip();
    void intentsRoundTrip();
    void deferredEntryAttachesOnce();
    void passwordHashStatesRoundTrip();
    void digestKeyIsPrivateAndStable();
    void discoveredTargetRoundTrip();
    void replicationStateRoundTrip();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestMigrations::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestMigrations::currentVersion()
{
    QCOMPARE(StateStore::currentSchemaVersion(), int(Migrations::steps().size()));
    QCOMPARE(StateStore::currentSchemaVersion(), 14);
}

void TestMigrations::stepwise_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<QStringList>("runColumns"); // beyond version 1's
    QTest::addColumn<QStringList>("resultColumns");
    QTest::addColumn<QStringList>("indexes");

    QTest::newRow("v0") << 0 << QStringList() << QStringList() << QStringList();
    QTest::newRow("v1") << 1 << QStringList() << QStringList() << QStringList();
    QTest::newRow("v2") << 2 << QStringList{u"objects_read"_s} << QStringList{u"changes"_s}
                        << QStringList{u"run_results_by_run"_s, u"runs_by_configuration"_s};
    QTest::newRow("v3") << 3 << QStringList{u"objects_read"_s, u"password_hashes"_s}
                        << QStringList{u"changes"_s}
                        << QStringList{u"run_results_by_run"_s, u"runs_by_configuration"_s};
    QTest::newRow("v4") << 4 << QStringList{u"objects_read"_s, u"password_hashes"_s}
                        << QStringList{u"changes"_s}
                        << QStringList{u"links_by_cloud_id"_s, u"run_results_by_run"_s,
                                       u"runs_by_configuration"_s};
    QTest::newRow("v5") << 5 << QStringList{u"objects_read"_s, u"password_hashes"_s}
                        << QStringList{u"changes"_s}
                        << QStringList{u"links_by_cloud_id"_s, u"run_results_by_run"_s,
                                       u"runs_by_configuration"_s};
    QTest::newRow("v6") << 6 << QStringList{u"objects_read"_s, u"password_hashes"_s}
                        << QStringList{u"changes"_s}
                        << QStringList{u"links_by_cloud_id"_s, u"run_results_by_run"_s,
                                       u"runs_by_configuration"_s};
    QTest::newRow("v7") << 7 << QStringList{u"objects_read"_s, u"password_hashes"_s}
                        << QStringList{u"changes"_s, u"diff"_s}
                        << QStringList{u"links_by_cloud_id"_s, u"run_results_by_run"_s,
                                       u"runs_by_configuration"_s, u"runs_by_start"_s};
    QTest::newRow("v8") << 8 << QStringList{u"objects_read"_s, u"password_hashes"_s}
                        << QStringList{u"changes"_s, u"diff"_s}
                        << QStringList{u"links_by_cloud_id"_s, u"run_results_by_run"_s,
                                       u"runs_by_configuration"_s, u"runs_by_start"_s};
    QTest::newRow("v9") << 9 << QStringList{u"objects_read"_s, u"password_hashes"_s}
                        << QStringList{u"changes"_s, u"diff"_s}
                        << QStringList{u"links_by_cloud_id"_s, u"run_results_by_anchor"_s,
                                       u"run_results_by_run"_s, u"runs_by_configuration"_s,
                                       u"runs_by_start"_s};
    QTest::newRow("v10") << 10 << QStringList{u"objects_read"_s, u"password_hashes"_s}
                         << QStringList{u"changes"_s, u"diff"_s}
                         << QStringList{u"links_by_cloud_id"_s,     u"links_by_kind"_s,
                                        u"run_results_by_anchor"_s, u"run_results_by_run"_s,
                                        u"runs_by_configuration"_s, u"runs_by_start"_s};
    QTest::newRow("v11") << 11 << QStringList{u"objects_read"_s, u"password_hashes"_s}
                         << QStringList{u"changes"_s, u"diff"_s}
                         << QStringList{u"links_by_cloud_id"_s,     u"links_by_kind"_s,
                                        u"run_results_by_anchor"_s, u"run_results_by_run"_s,
                                        u"runs_by_configuration"_s, u"runs_by_start"_s};
    QTest::newRow("v12") << 12 << QStringList{u"objects_read"_s, u"password_hashes"_s}
                         << QStringList{u"changes"_s, u"diff"_s}
                         << QStringList{u"links_by_cloud_id"_s,     u"links_by_kind"_s,
                                        u"run_results_by_anchor"_s, u"run_results_by_run"_s,
                                        u"runs_by_configuration"_s, u"runs_by_start"_s};
    QTest::newRow("v13") << 13 << QStringList{u"objects_read"_s, u"password_hashes"_s}
                         << QStringList{u"changes"_s, u"diff"_s}
                         << QStringList{u"links_by_cloud_id"_s,     u"links_by_kind"_s,
                                        u"run_results_by_anchor"_s, u"run_results_by_run"_s,
                                        u"runs_by_configuration"_s, u"runs_by_start"_s};
    QTest::newRow("v14") << 14
                         << QStringList{u"objects_read"_s, u"password_hashes"_s, u"agent"_s,
                                        u"lease_generation"_s}
                         << QStringList{u"changes"_s, u"diff"_s}
                         << QStringList{u"links_by_cloud_id"_s,     u"links_by_kind"_s,
                                        u"run_results_by_anchor"_s, u"run_results_by_run"_s,
                                        u"runs_by_configuration"_s, u"runs_by_start"_s};
}

void TestMigrations::stepwise()
{
    QFETCH(int, target);
    QFETCH(QStringList, runColumns);
    QFETCH(QStringList, resultColumns);
    QFETCH(QStringList, indexes);

    RawDatabase raw(path(u"step.db"_s));
    QSqlDatabase db = raw.db();
    QCOMPARE(StateStore::schemaVersion(db), 0);
    QString error;
    QVERIFY2(StateStore::migrate(db, target, &error), qPrintable(error));
    QCOMPARE(StateStore::schemaVersion(db), target);
    QStringList tables = db.tables();
    tables.sort();
    QStringList all{u"configurations"_s, u"links"_s, u"run_results"_s, u"runs"_s};
    if (target >= 3)
        all.insert(2, u"password_hashes"_s);
    if (target >= 5)
        all.append(u"schedule_state"_s);
    if (target >= 4)
        all.append(u"staged_deletes"_s);
    if (target >= 6)
        all.append(u"sync_state"_s);
    if (target >= 8)
        all.append(u"target_capabilities"_s);
    if (target >= 9) {
        all.insert(0, u"budgeted_calls"_s);
        all.insert(2, u"deferred_results"_s);
    }
    if (target >= 12)
        all.insert(2, u"deferred_entries"_s);
    if (target >= 11)
        all.append(u"write_intents"_s);
    if (target >= 13)
        all.insert(all.indexOf(u"run_results"_s), u"replication_state"_s);
    if (target >= 14)
        all << u"agents"_s << u"leases"_s << u"run_requests"_s;
    all.sort();
    QCOMPARE(tables, target == 0 ? QStringList() : all);
    if (target == 0)
        return;
    const QStringList runs = columns(db, u"runs"_s);
    QCOMPARE(runs.contains(u"objects_read"_s), runColumns.contains(u"objects_read"_s));
    QCOMPARE(runs.contains(u"password_hashes"_s), runColumns.contains(u"password_hashes"_s));
    QCOMPARE(runs.contains(u"lease_generation"_s), runColumns.contains(u"lease_generation"_s));
    QCOMPARE(runs.contains(u"agent"_s), runColumns.contains(u"agent"_s));
    QCOMPARE(columns(db, u"run_results"_s).contains(u"changes"_s), resultColumns.contains(u"changes"_s));
    QCOMPARE(columns(db, u"run_results"_s).contains(u"diff"_s), resultColumns.contains(u"diff"_s));
    QCOMPARE(::indexes(db), indexes);
    // Migrating again to the same version is a no-op.
    QVERIFY2(StateStore::migrate(db, target, &error), qPrintable(error));
    QCOMPARE(StateStore::schemaVersion(db), target);
}

// Links' DNs were not kept current before version 10, and a read of what changed relies on them: the next run
// of every configuration reads the whole scope, and keeps its change-feed position.
void TestMigrations::version10ReadsEverythingOnce()
{
    RawDatabase raw(path(u"v9.db"_s));
    QSqlDatabase db = raw.db();
    QString error;
    QVERIFY2(StateStore::migrate(db, 9, &error), qPrintable(error));
    QVERIFY(raw.exec(u"INSERT INTO configurations (id, name, definition, created_at, updated_at) VALUES"
                     u" (7, 'example.com', '{}', '2025-01-02T03:04:05.000Z', '2025-01-02T03:04:05.000Z')"_s));
    QVERIFY(raw.exec(u"INSERT INTO sync_state (configuration_id, cookie, full_read_at) VALUES"
                     u" (7, 'rid=000,csn=1', '2025-01-02T03:04:05.000Z')"_s));
    QVERIFY2(StateStore::migrate(db, 10, &error), qPrintable(error));
    QSqlQuery q(u"SELECT cookie, full_read_at FROM sync_state WHERE configuration_id = 7"_s, db);
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toByteArray(), QByteArray("rid=000,csn=1"));
    QVERIFY(q.value(1).isNull());
}

void TestMigrations::emptyDatabaseMigratesToCurrent()
{
    StateStore store(path(u"sub/dir/state.db"_s));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QCOMPARE(StateStore::schemaVersion(store.database()), StateStore::currentSchemaVersion());
    QVERIFY(columns(store.database(), u"runs"_s).contains(u"objects_read"_s));
    QVERIFY(columns(store.database(), u"run_results"_s).contains(u"changes"_s));
    QSqlQuery q(store.database());
    QVERIFY(q.exec(u"PRAGMA journal_mode"_s) && q.next());
    QCOMPARE(q.value(0).toString(), u"wal"_s);
    QVERIFY(q.exec(u"PRAGMA foreign_keys"_s) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    // Only the owner may read the state.
    QCOMPARE(QFile::permissions(store.path()) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
}

void TestMigrations::versionOneKeepsItsRows()
{
    const QString file = path(u"v1.db"_s);
    {
        RawDatabase raw(file);
        QSqlDatabase db = raw.db();
        QString error;
        QVERIFY2(StateStore::migrate(db, 1, &error), qPrintable(error));
        QCOMPARE(StateStore::schemaVersion(db), 1);
        QVERIFY(raw.exec(u"INSERT INTO configurations (id, name, definition, created_at, updated_at) VALUES"
                         u" (7, 'example.com', '{\"name\":\"example.com\"}', '2025-01-02T03:04:05.000Z',"
                         u" '2025-01-02T03:04:05.000Z')"_s));
        QVERIFY(raw.exec(
            u"INSERT INTO links (configuration_id, anchor, kind, cloud_id, dn, display_name, origin,"
            u" exported, digest, members, updated_at) VALUES (7, 'G1', 'group', 'c-g1', 'cn=g,dc=x', 'G',"
            u" 'created', '{\"displayName\":\"G\"}', 'abc', '[\"c-u1\"]', '2025-01-02T03:04:05.000Z')"_s));
        QVERIFY(raw.exec(
            u"INSERT INTO runs (id, configuration_id, trigger, status, started_at, finished_at, message,"
            u" users_created, groups_updated) VALUES (3, 7, 'manual', 'success',"
            u" '2025-01-02T03:04:05.000Z', '2025-01-02T03:05:00.000Z', 'done', 4, 1)"_s));
        QVERIFY(raw.exec(
            u"INSERT INTO run_results (run_id, kind, anchor, dn, display_name, action, outcome, message)"
            u" VALUES (3, 'user', 'U1', 'cn=u,dc=x', 'U', 'create', 'success', NULL)"_s));
    }

    StateStore store(file);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QCOMPARE(StateStore::schemaVersion(store.database()), StateStore::currentSchemaVersion());

    const auto config = store.configuration(u"example.com"_s);
    QVERIFY(config);
    QCOMPARE(config->id, qint64(7));
    QCOMPARE(config->definition.value(u"name"_s).toString(), u"example.com"_s);
    QCOMPARE(config->createdAt, QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5), Qt::UTC));

    const auto links = store.links(7);
    QCOMPARE(links.size(), 1);
    QCOMPARE(links.value(u"G1"_s).cloudId, u"c-g1"_s);
    QCOMPARE(links.value(u"G1"_s).members, QStringList{u"c-u1"_s});
    QCOMPARE(links.value(u"G1"_s).exported.value(u"displayName"_s).toString(), u"G"_s);

    const auto run = store.run(3);
    QVERIFY(run);
    QCOMPARE(run->configurationName, u"example.com"_s);
    QCOMPARE(run->status, u"success"_s);
    QCOMPARE(run->message, u"done"_s);
    QCOMPARE(run->objectsRead, qint64(0)); // the column added by step 2 takes its default
    QCOMPARE(run->users.created, 4);
    QCOMPARE(run->groups.updated, 1);
    QCOMPARE(run->finishedAt, QDateTime(QDate(2025, 1, 2), QTime(3, 5), Qt::UTC));
    QVERIFY(run->passwordHashes.isEmpty()); // the column added by step 3 is empty
    QVERIFY(store.passwordHashes(7).isEmpty());

    const auto results = store.results(3);
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().anchor, u"U1"_s);
    QCOMPARE(results.first().action, u"create"_s);
    QVERIFY(results.first().changes.isEmpty());
}

void TestMigrations::newerSchemaIsRefused()
{
    const QString file = path(u"future.db"_s);
    {
        RawDatabase raw(file);
        QVERIFY(raw.exec(u"PRAGMA user_version = 99"_s));
    }
    StateStore store(file);
    QString error;
    QVERIFY(!store.open(&error));
    QVERIFY2(error.contains(u"newer Updraft (schema 99; this version knows %1)"_s.arg(
                 StateStore::currentSchemaVersion())),
             qPrintable(error));
}

void TestMigrations::runsAndResultsRoundTrip()
{
    StateStore store(path(u"state.db"_s));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    qint64 configId = 0;
    QVERIFY2(store.saveConfiguration(u"example.com"_s, {{u"name"_s, u"example.com"_s}}, &configId, &error),
             qPrintable(error));
    QVERIFY(configId > 0);
    qint64 otherId = 0;
    QVERIFY(store.saveConfiguration(u"other.org"_s, {{u"name"_s, u"other.org"_s}}, &otherId, &error));

    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const qint64 runId = store.startRun(configId, u"manual"_s);
    QVERIFY(runId > 0);
    auto started = store.run(runId);
    QVERIFY(started);
    QCOMPARE(started->status, u"running"_s);
    QCOMPARE(started->trigger, u"manual"_s);
    QCOMPARE(started->configurationId, configId);
    QVERIFY(started->startedAt >= before);
    QVERIFY(!started->finishedAt.isValid());

    RunRecord finished = *started;
    finished.status = u"warning"_s;
    finished.message = u"1 user failed"_s;
    finished.objectsRead = 120;
    finished.users = {1, 2, 3, 4, 5};
    finished.groups = {6, 7, 8, 9, 10};
    QVERIFY(store.finishRun(finished));
    const auto done = store.run(runId);
    QVERIFY(done);
    QCOMPARE(done->status, u"warning"_s);
    QCOMPARE(done->message, u"1 user failed"_s);
    QCOMPARE(done->objectsRead, qint64(120));
    QCOMPARE(done->users.created, 1);
    QCOMPARE(done->users.failed, 5);
    QCOMPARE(done->users.total(), 15);
    QCOMPARE(done->groups.updated, 7);
    QCOMPARE(done->groups.unchanged, 9);
    QCOMPARE(done->groups.total(), 40);
    QVERIFY(done->finishedAt.isValid());
    QVERIFY(done->finishedAt >= done->startedAt);

    const qint64 second = store.startRun(configId, u"schedule"_s);
    const qint64 elsewhere = store.startRun(otherId, u"on-demand"_s);
    const QList<RunRecord> mine = store.runs(u"example.com"_s);
    QCOMPARE(mine.size(), 2);
    QCOMPARE(mine.at(0).id, second); // newest first
    QCOMPARE(mine.at(1).id, runId);
    QCOMPARE(store.runs().size(), 3);
    QCOMPARE(store.runs().first().id, elsewhere);
    QCOMPARE(store.runs(QString(), 1).size(), 1);
    QVERIFY(store.runs(u"nobody"_s).isEmpty());
    QVERIFY(!store.run(9999));
}

void TestMigrations::resultRoundTrip_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QStringList>("changes");

    QTest::newRow("create") << u"user"_s << u"create"_s << u"success"_s << QString() << QStringList();
    QTest::newRow("update") << u"user"_s << u"update"_s << u"success"_s << QString()
                            << QStringList{u"displayName"_s, u"title"_s};
    QTest::newRow("failure") << u"group"_s << u"create"_s << u"failed"_s
                             << u"The cloud directory refused the request (HTTP 409 uniqueness): exists"_s
                             << QStringList();
    QTest::newRow("quotes and UTF-8") << u"user"_s << u"skip"_s << u"warning"_s
                                      << u"manager \"Jürgen\" ' left"_s << QStringList{u"urn:x:manager"_s};
}

void TestMigrations::resultRoundTrip()
{
    QFETCH(QString, kind);
    QFETCH(QString, action);
    QFETCH(QString, outcome);
    QFETCH(QString, message);
    QFETCH(QStringList, changes);

    StateStore store(path(u"state.db"_s));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    qint64 configId = 0;
    QVERIFY(store.saveConfiguration(u"example.com"_s, {}, &configId, &error));
    const qint64 runId = store.startRun(configId, u"manual"_s);
    const QJsonArray diff =
        changes.isEmpty() ? QJsonArray()
                          : QJsonArray{QJsonObject{
                                {u"attribute"_s, changes.first()}, {u"old"_s, u"é"_s}, {u"new"_s, u"x"_s}}};
    const RunResult written{kind,    u"QUJD"_s, u"cn=x,dc=example"_s, u"X"_s, action, outcome, message,
                            changes, diff};
    QVERIFY(store.addResult(runId, written));
    QVERIFY(store.addResult(runId, {u"user"_s, u"second"_s, {}, {}, u"delete"_s, u"planned"_s, {}, {}, {}}));
    const QList<RunResult> read = store.results(runId);
    QCOMPARE(read.size(), 2);
    const RunResult &r = read.first();
    QCOMPARE(r.kind, written.kind);
    QCOMPARE(r.anchor, written.anchor);
    QCOMPARE(r.dn, written.dn);
    QCOMPARE(r.displayName, written.displayName);
    QCOMPARE(r.action, written.action);
    QCOMPARE(r.outcome, written.outcome);
    QCOMPARE(r.message, written.message);
    QCOMPARE(r.changes, written.changes);
    QCOMPARE(r.diff, written.diff);
    QCOMPARE(read.at(1).anchor, u"second"_s);
    QVERIFY(read.at(1).diff.isEmpty());
    QVERIFY(store.results(runId + 1).isEmpty());
}

void TestMigrations::staleRunIsInterrupted()
{
    StateStore store(path(u"state.db"_s));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    qint64 a = 0;
    qint64 b = 0;
    QVERIFY(store.saveConfiguration(u"a.example"_s, {}, &a, &error));
    QVERIFY(store.saveConfiguration(u"b.example"_s, {}, &b, &error));

    const qint64 dead = store.startRun(a, u"schedule"_s); // its process "dies": never finished
    const qint64 otherConfig = store.startRun(b, u"manual"_s);
    const qint64 finishedRun = store.startRun(a, u"manual"_s); // marks `dead` as interrupted
    QVERIFY(dead > 0 && otherConfig > 0 && finishedRun > 0);
    RunRecord f = *store.run(finishedRun);
    f.status = u"success"_s;
    QVERIFY(store.finishRun(f));
    const qint64 fresh = store.startRun(a, u"manual"_s);

    const auto interrupted = store.run(dead);
    QCOMPARE(interrupted->status, u"interrupted"_s);
    QVERIFY(interrupted->finishedAt.isValid());
    QCOMPARE(interrupted->finishedAt, interrupted->startedAt);
    QVERIFY(!interrupted->message.isEmpty());
    QCOMPARE(store.run(finishedRun)->status, u"success"_s); // finished runs are left alone
    QCOMPARE(store.run(otherConfig)->status, u"running"_s); // another configuration's run is not touched
    QCOMPARE(store.run(fresh)->status, u"running"_s);
}

// Intents go in and out in many-row statements: counts across their boundaries.
void TestMigrations::intentsRoundTrip()
{
    StateStore store(path(u"state.db"_s));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    qint64 id = 0, other = 0;
    QVERIFY(store.saveConfiguration(u"example.com"_s, {}, &id, &error));
    QVERIFY(store.saveConfiguration(u"other.example.com"_s, {}, &other, &error));
    QList<WriteIntent> intents;
    for (int i = 0; i < 250; ++i)
        intents.append({i % 2 ? u"user"_s : u"group"_s, u"A%1"_s.arg(i, 3, 10, QChar(u'0')),
                        i % 3 ? u"update"_s : u"create"_s, u"cn=%1,dc=x"_s.arg(i), 42});
    QVERIFY(store.recordIntents(id, intents));
    QVERIFY(store.recordIntents(other, intents.mid(0, 3)));
    QVERIFY(store.recordIntents(id, intents.mid(0, 1))); // recorded again: one row still
    const QList<WriteIntent> read = store.intents(id);
    QCOMPARE(read.size(), 250);
    QCOMPARE(read.at(7).anchor, u"A007"_s);
    QCOMPARE(read.at(7).kind, u"user"_s);
    QCOMPARE(read.at(7).action, u"update"_s);
    QCOMPARE(read.at(7).dn, u"cn=7,dc=x"_s);
    QCOMPARE(read.at(7).runId, qint64(42));
    QStringList settled;
    for (int i = 0; i < 210; ++i)
        settled.append(u"A%1"_s.arg(i, 3, 10, QChar(u'0')));
    QVERIFY(store.clearIntents(id, settled));
    QCOMPARE(store.intents(id).size(), 40);
    QCOMPARE(store.intents(id).first().anchor, u"A210"_s);
    QCOMPARE(store.intents(other).size(), 3); // another configuration's stay
    QVERIFY(store.clearIntents(id));
    QVERIFY(store.intents(id).isEmpty());
    QCOMPARE(store.intents(other).size(), 3);
}

// A target's log is read again with an overlap: an entry attached to the run that sent the record is not
// attached once more to a later record of the same object (whose run started within the entry's second).
void TestMigrations::deferredEntryAttachesOnce()
{
    StateStore store(path(u"state.db"_s));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    qint64 id = 0;
    QVERIFY(store.saveConfiguration(u"example.com"_s, {}, &id, &error));
    RunResult accepted{u"user"_s, u"A1"_s, u"uid=a,dc=x"_s, u"a"_s, u"create"_s, u"accepted"_s, {}, {}, {}};
    const qint64 first = store.startRun(id, u"manual"_s);
    QVERIFY(store.addResult(first, accepted));
    const QDateTime processed = QDateTime::currentDateTimeUtc();
    QString sent;
    QCOMPARE(store.attachDeferredResult(id, u"entry-1"_s, u"A1"_s, u"success"_s, {}, processed, &sent),
             first);
    QCOMPARE(sent, u"create"_s);
    accepted.action = u"update"_s;
    const qint64 second = store.startRun(id, u"manual"_s);
    QVERIFY(store.addResult(second, accepted));
    QCOMPARE(store.attachDeferredResult(id, u"entry-1"_s, u"A1"_s, u"success"_s, {}, processed, &sent), 0);
    QCOMPARE(store.acceptedResultsWaiting(id), 1); // the update still waits for its own entry
    QCOMPARE(store.attachDeferredResult(id, u"entry-2"_s, u"A1"_s, u"failed"_s, u"no"_s, processed, &sent),
             second);
    QCOMPARE(sent, u"update"_s);
}

void TestMigrations::linksRoundTrip()
{
    StateStore store(path(u"state.db"_s));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    qint64 id = 0;
    QVERIFY(store.saveConfiguration(u"example.com"_s, {}, &id, &error));

    const Link group{u"group"_s,
                     u"G1"_s,
                     u"c-g1"_s,
                     u"cn=g,dc=x"_s,
                     u"G"_s,
                     u"created"_s,
                     QJsonObject{{u"displayName"_s, u"G"_s}},
                     "d1",
                     QStringList{u"c-u1"_s, u"c-u2"_s}};
    const Link user{u"user"_s,
                    u"U1"_s,
                    u"c-u1"_s,
                    u"cn=u,dc=x"_s,
                    u"U"_s,
                    u"matched"_s,
                    QJsonObject{{u"userName"_s, u"u"_s}},
                    "d2",
                    QStringList{u"ignored"_s}};
    QVERIFY(store.saveLink(id, group));
    QVERIFY(store.saveLink(id, user));
    auto links = store.links(id);
    QCOMPARE(links.size(), 2);
    QCOMPARE(links.value(u"G1"_s).members, group.members);
    QCOMPARE(links.value(u"G1"_s).exported, group.exported);
    QCOMPARE(links.value(u"U1"_s).origin, u"matched"_s);
    QVERIFY(links.value(u"U1"_s).members.isEmpty()); // members are kept for groups only

    Link renamed = user;
    renamed.displayName = u"U2"_s;
    QVERIFY(store.saveLink(id, renamed)); // replaces
    QCOMPARE(store.links(id).size(), 2);
    QCOMPARE(store.links(id).value(u"U1"_s).displayName, u"U2"_s);

    QVERIFY(store.removeLink(id, u"U1"_s));
    QCOMPARE(store.links(id).keys(), QStringList{u"G1"_s});
    QVERIFY(store.links(id + 1).isEmpty());

    // Removing a configuration removes its links and runs with it.
    const qint64 runId = store.startRun(id, u"manual"_s);
    QVERIFY(store.removeConfiguration(u"example.com"_s, &error));
    QVERIFY(store.links(id).isEmpty());
    QVERIFY(!store.run(runId));
    QVERIFY(!store.configuration(u"example.com"_s));
}

void TestMigrations::passwordHashStatesRoundTrip()
{
    StateStore store(path(u"hashes.db"_s));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    qint64 id = 0;
    QVERIFY(
        store.saveConfiguration(u"example.com"_s, QJsonObject{{u"name"_s, u"example.com"_s}}, &id, &error));
    const QDateTime t(QDate(2026, 11, 26), QTime(1, 2, 3), Qt::UTC);
    PasswordHashState s;
    s.anchor = u"A1"_s;
    s.dn = u"uid=a,dc=x"_s;
    s.status = QLatin1StringView(PasswordHashState::TargetRejected);
    s.reason = u"tenant refuses hashes"_s;
    s.scheme = u"NT"_s;
    s.httpStatus = 400;
    s.digest = u"d1"_s;
    s.firstSeen = t;
    s.lastAttempt = t.addSecs(60);
    s.attempts = 2;
    s.nextAttempt = t.addSecs(300);
    s.runId = 0;
    QVERIFY(store.savePasswordHash(id, s));
    PasswordHashState synced = s;
    synced.anchor = u"A2"_s;
    synced.status = QLatin1StringView(PasswordHashState::Synced);
    synced.syncedAt = t;
    QVERIFY(store.savePasswordHash(id, synced));

    auto states = store.passwordHashes(id);
    QCOMPARE(states.size(), 2);
    const PasswordHashState back = states.value(u"A1"_s);
    QCOMPARE(back.status, u"target-rejected"_s);
    QCOMPARE(back.reason, s.reason);
    QCOMPARE(back.httpStatus, 400);
    QCOMPARE(back.digest, u"d1"_s);
    QCOMPARE(back.firstSeen, t);
    QCOMPARE(back.lastAttempt, t.addSecs(60));
    QCOMPARE(back.nextAttempt, t.addSecs(300));
    QCOMPARE(back.attempts, 2);
    QVERIFY(!back.syncedAt.isValid());
    QCOMPARE(states.value(u"A2"_s).syncedAt, t);

    // A resync forgets every digest, so the next run sends every hash.
    QCOMPARE(store.requestHashResync(id), 2);
    states = store.passwordHashes(id);
    QVERIFY(states.value(u"A1"_s).digest.isEmpty());
    QVERIFY(states.value(u"A2"_s).digest.isEmpty());
    QVERIFY(store.removePasswordHash(id, u"A1"_s));
    QCOMPARE(store.passwordHashes(id).size(), 1);
}

void TestMigrations::digestKeyIsPrivateAndStable()
{
    StateStore store(path(u"key/state.db"_s));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const QByteArray key = store.digestKey(&error);
    QVERIFY2(key.size() == 32, qPrintable(error));
    QCOMPARE(store.digestKey(&error), key);
    const QString file = path(u"key/credential-digest.key"_s);
    QCOMPARE(QFile::permissions(file) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
    // The database never holds the key.
    QFile db(store.path());
    QVERIFY(db.open(QIODevice::ReadOnly));
    QVERIFY(!db.readAll().contains(key));
    // A key others can read is refused, not used.
    QVERIFY(QFile::setPermissions(file, QFile::permissions(file) | QFileDevice::ReadOther));
    QVERIFY(store.digestKey(&error).isEmpty());
    QVERIFY2(error.contains(u"0600"_s), qPrintable(error));
}

void TestMigrations::discoveredTargetRoundTrip()
{
    StateStore store(path(u"discovered.db"_s));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    qint64 id = 0;
    QVERIFY(
        store.saveConfiguration(u"example.com"_s, QJsonObject{{u"name"_s, u"example.com"_s}}, &id, &error));
    QVERIFY(!store.discoveredTarget(id));

    const QDateTime t(QDate(2026, 12, 5), QTime(9, 0, 0), Qt::UTC);
    QVERIFY(store.saveDiscoveredTarget(id, {u"https://scim.example/v2"_s,
                                            {u"PATCH"_s, u"filters, at most 100 results a page"_s},
                                            {u"no /Schemas: RFC 7643 core attributes assumed"_s},
                                            t}));
    // The next run replaces what the last one said.
    QVERIFY(store.saveDiscoveredTarget(id, {u"https://scim.example/v2"_s, {u"PATCH"_s}, {}, t.addSecs(120)}));
    const auto said = store.discoveredTarget(id);
    QVERIFY(said);
    QCOMPARE(said->url, u"https://scim.example/v2"_s);
    QCOMPARE(said->supports, QStringList{u"PATCH"_s});
    QVERIFY(said->assumptions.isEmpty());
    QCOMPARE(said->discoveredAt, t.addSecs(120));

    // Deleting the configuration forgets it.
    QVERIFY2(store.removeConfiguration(u"example.com"_s, &error), qPrintable(error));
    QVERIFY(!store.discoveredTarget(id));
}

// Password hash replication's position: kept per configuration, replaced by the next pass, gone with it.
void TestMigrations::replicationStateRoundTrip()
{
    StateStore store(path(u"replication.db"_s));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    qint64 id = 0;
    QVERIFY(
        store.saveConfiguration(u"example.com"_s, QJsonObject{{u"name"_s, u"example.com"_s}}, &id, &error));
    QVERIFY(store.replicationState(id).position.isEmpty());
    const QDateTime t(QDate(2026, 12, 6), QTime(9, 0, 0), Qt::UTC);
    QVERIFY(store.saveReplicationState(id, {"eyJ2IjogMX0="_ba, t}));
    QVERIFY(store.saveReplicationState(id, {"eyJ2IjogMn0="_ba, t}));
    QCOMPARE(store.replicationState(id).position, "eyJ2IjogMn0="_ba);
    QCOMPARE(store.replicationState(id).fullPassAt, t);
    QVERIFY2(store.removeConfiguration(u"example.com"_s, &error), qPrintable(error));
    QVERIFY(store.replicationState(id).position.isEmpty());
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
