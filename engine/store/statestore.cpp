// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "statestore.h"
#include "storetime.h"

#include "core/logging.h"
#include "sqldialect.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>

#include <functional>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

using StoreTime::now;

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject parseObject(const QVariant &v)
{
    return QJsonDocument::fromJson(v.toString().toUtf8()).object();
}

QStringList parseList(const QVariant &v)
{
    QStringList out;
    const QJsonArray a = QJsonDocument::fromJson(v.toString().toUtf8()).array();
    for (const QJsonValue &x : a)
        out.append(x.toString());
    return out;
}

QString listJson(const QStringList &list)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

const QString RunColumns =
    u"r.id, r.configuration_id, c.name, r.trigger, r.status, r.started_at, r.finished_at, r.message, "
    u"r.objects_read,"
    u" r.users_created, r.users_updated, r.users_deleted, r.users_unchanged, r.users_failed,"
    u" r.groups_created, r.groups_updated, r.groups_deleted, r.groups_unchanged, r.groups_failed,"
    u" r.password_hashes, r.agent"_s;

RunRecord readRun(const QSqlQuery &q)
{
    RunRecord r;
    r.id = q.value(0).toLongLong();
    r.configurationId = q.value(1).toLongLong();
    r.configurationName = q.value(2).toString();
    r.trigger = q.value(3).toString();
    r.status = q.value(4).toString();
    r.startedAt = StoreTime::read(q.value(5));
    r.finishedAt = StoreTime::read(q.value(6));
    r.message = q.value(7).toString();
    r.objectsRead = q.value(8).toLongLong();
    r.users = {q.value(9).toInt(), q.value(10).toInt(), q.value(11).toInt(), q.value(12).toInt(),
               q.value(13).toInt()};
    r.groups = {q.value(14).toInt(), q.value(15).toInt(), q.value(16).toInt(), q.value(17).toInt(),
                q.value(18).toInt()};
    const QJsonObject hashes = parseObject(q.value(19));
    for (auto it = hashes.begin(); it != hashes.end(); ++it)
        r.passwordHashes.insert(it.key(), it.value().toInt());
    r.agent = q.value(20).toString();
    return r;
}

} // namespace

StateStore::StateStore(QString location, QString localDirectory)
    : m_localDirectory(std::move(localDirectory))
    , m_connection(u"updraft-store-%1"_s.arg(QUuid::createUuid().toString(QUuid::Id128)))
{
    if (!StoreLocation::parse(location, m_location, &m_locationError))
        m_location = StoreLocation::sqliteFile(location);
    if (m_localDirectory.isEmpty())
        m_localDirectory =
            m_location.isShared() ? defaultDirectory() : QFileInfo(m_location.file).absolutePath();
}

StateStore::~StateStore()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

QSqlDatabase StateStore::database() const
{
    return QSqlDatabase::database(m_connection, false);
}

QString StateStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/updraft"_s;
}

QString StateStore::fileIn(const QString &directory)
{
    return QDir(directory).filePath(u"updraft.sqlite"_s);
}

bool StateStore::exec(QSqlQuery &query) const
{
    if (query.exec())
        return true;
    m_lastError = query.lastError().text();
    qCWarning(lcStore) << "store query failed:" << m_lastError;
    if (m_location.isShared())
        reconnectIfLost();
    return false;
}

bool StateStore::transaction()
{
    return database().transaction();
}

bool StateStore::commit()
{
    QSqlDatabase db = database();
    if (db.commit())
        return true;
    m_lastError = db.lastError().text();
    return false;
}

void StateStore::rollback()
{
    database().rollback();
}

bool StateStore::saveConfiguration(const QString &name, const QJsonObject &definition, qint64 *id,
                                   QString *error)
{
    QSqlQuery q(database());
    q.prepare(u"INSERT INTO configurations (name, definition, created_at, updated_at) VALUES (?, ?, ?, ?)"
              u" ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, updated_at = "
              u"excluded.updated_at"
              u" WHERE configurations.definition <> excluded.definition"_s);
    const QString t = now();
    q.addBindValue(name);
    q.addBindValue(compact(definition));
    q.addBindValue(t);
    q.addBindValue(t);
    if (!exec(q)) {
        *error = u"Cannot save configuration %1: %2"_s.arg(name, m_lastError);
        return false;
    }
    if (id)
        *id = configuration(name)->id;
    return true;
}

std::optional<StoredConfiguration> StateStore::configuration(const QString &name) const
{
    QSqlQuery q(database());
    q.prepare(u"SELECT id, name, definition, created_at, updated_at FROM configurations WHERE name = ?"_s);
    q.addBindValue(name);
    if (!exec(q) || !q.next())
        return std::nullopt;
    return StoredConfiguration{q.value(0).toLongLong(), q.value(1).toString(), parseObject(q.value(2)),
                               StoreTime::read(q.value(3)), StoreTime::read(q.value(4))};
}

QList<StoredConfiguration> StateStore::configurations() const
{
    QList<StoredConfiguration> out;
    QSqlQuery q(database());
    q.prepare(u"SELECT id, name, definition, created_at, updated_at FROM configurations ORDER BY name"_s);
    if (!exec(q))
        return out;
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toString(), parseObject(q.value(2)),
                    StoreTime::read(q.value(3)), StoreTime::read(q.value(4))});
    return out;
}

bool StateStore::removeConfiguration(const QString &name, QString *error)
{
    QSqlQuery q(database());
    q.prepare(u"DELETE FROM configurations WHERE name = ?"_s);
    q.addBindValue(name);
    if (!exec(q)) {
        *error = m_lastError;
        return false;
    }
    return true;
}

QHash<QString, Link> StateStore::links(qint64 configurationId) const
{
    QHash<QString, Link> out;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(u"SELECT kind, anchor, cloud_id, dn, display_name, origin, exported, digest, members FROM links"
              u" WHERE configuration_id = ?"_s);
    q.addBindValue(configurationId);
    if (!exec(q))
        return out;
    // A run holds every link of a configuration (100,000 and more): the few distinct kinds and origins are
    // shared, and the stored text is packed (PackedJson: its own size, the schema URNs two bytes each).
    const auto shared = [](const QString &value, std::initializer_list<QString> known) {
        for (const QString &k : known)
            if (value == k)
                return k;
        return value;
    };
    while (q.next()) {
        Link l{shared(q.value(0).toString(), {u"user"_s, u"group"_s}),
               q.value(1).toString(),
               q.value(2).toString(),
               q.value(3).toString(),
               q.value(4).toString(),
               shared(q.value(5).toString(), {u"created"_s, u"matched"_s}),
               StoredJson::fromText(q.value(6).toByteArray()),
               q.value(7).toString().toLatin1(),
               parseList(q.value(8))};
        out.insert(l.anchor, std::move(l));
    }
    return out;
}

int StateStore::linkCount(qint64 configurationId, const QString &kind) const
{
    QSqlQuery q(database());
    q.prepare(u"SELECT count(*) FROM links WHERE configuration_id = ? AND kind = ?"_s);
    q.addBindValue(configurationId);
    q.addBindValue(kind);
    return exec(q) && q.next() ? q.value(0).toInt() : 0;
}

bool StateStore::saveLink(qint64 configurationId, const Link &link)
{
    return saveLinks(configurationId, {link});
}

namespace {

// Runs `sql(rows)` for each slice of `count` rows, `bind(query, index)` adding each row's values in order.
bool inSlices(QSqlQuery &q, qsizetype count, const std::function<QString(qsizetype)> &sql,
              const std::function<void(QSqlQuery &, qsizetype)> &bind,
              const std::function<bool(QSqlQuery &)> &exec)
{
    const qsizetype perStatement = SqlDialect::rowsPerStatement(
        q.driver()->dbmsType() == QSqlDriver::PostgreSQL ? SqlDialect::Dialect::Postgresql
                                                         : SqlDialect::Dialect::Sqlite);
    qsizetype prepared = 0;
    for (qsizetype i = 0; i < count; i += perStatement) {
        const qsizetype rows = std::min(perStatement, count - i);
        if (rows != prepared) {
            q.prepare(sql(rows));
            prepared = rows;
        }
        for (qsizetype r = 0; r < rows; ++r)
            bind(q, i + r);
        if (!exec(q))
            return false;
    }
    return true;
}

} // namespace

bool StateStore::saveLinks(qint64 configurationId, const QList<Link> &given)
{
    QList<const Link *> links;
    QHash<QString, qsizetype> at;
    for (const Link &l : given) {
        if (const auto found = at.constFind(l.anchor); found != at.constEnd()) {
            links[*found] = &l;
        } else {
            at.insert(l.anchor, links.size());
            links.append(&l);
        }
    }
    const QString updated = now();
    QSqlQuery q(database());
    return inSlices(
        q, links.size(),
        [](qsizetype rows) {
            return SqlDialect::upsert(u"links"_s,
                                      {u"configuration_id"_s, u"anchor"_s, u"kind"_s, u"cloud_id"_s, u"dn"_s,
                                       u"display_name"_s, u"origin"_s, u"exported"_s, u"digest"_s,
                                       u"members"_s, u"updated_at"_s},
                                      {u"configuration_id"_s, u"anchor"_s}, rows);
        },
        [&](QSqlQuery &query, qsizetype index) {
            const Link &link = *links.at(index);
            query.addBindValue(configurationId);
            query.addBindValue(link.anchor);
            query.addBindValue(link.kind);
            query.addBindValue(link.cloudId);
            query.addBindValue(link.dn);
            query.addBindValue(link.displayName);
            query.addBindValue(link.origin);
            query.addBindValue(QString::fromUtf8(link.exported.text()));
            query.addBindValue(QString::fromLatin1(link.digest)); // text, as ever
            query.addBindValue(link.kind == u"group"_s ? listJson(link.members) : QString());
            query.addBindValue(updated);
        },
        [this](QSqlQuery &query) { return exec(query); });
}

QString StateStore::linkOwner(const QString &cloudId, qint64 configurationId) const
{
    QSqlQuery q(database());
    q.prepare(u"SELECT c.name FROM links l JOIN configurations c ON c.id = l.configuration_id"
              u" WHERE l.cloud_id = ? AND l.configuration_id <> ? LIMIT 1"_s);
    q.addBindValue(cloudId);
    q.addBindValue(configurationId);
    return exec(q) && q.next() ? q.value(0).toString() : QString();
}

bool StateStore::removeLink(qint64 configurationId, const QString &anchor)
{
    QSqlQuery q(database());
    q.prepare(u"DELETE FROM links WHERE configuration_id = ? AND anchor = ?"_s);
    q.addBindValue(configurationId);
    q.addBindValue(anchor);
    return exec(q);
}

qint64 StateStore::startRun(qint64 configurationId, const QString &trigger, const QString &agent,
                            qint64 leaseGeneration)
{
    QSqlDatabase db = database();
    db.transaction();
    QSqlQuery q(db);
    q.prepare(u"UPDATE runs SET status = 'interrupted', finished_at = COALESCE(finished_at, started_at),"
              u" message = 'The process running this run stopped before it finished.'"
              u" WHERE configuration_id = ? AND status = 'running'"_s);
    q.addBindValue(configurationId);
    exec(q);
    q.prepare(u"INSERT INTO runs (configuration_id, trigger, status, started_at, agent, lease_generation)"
              u" VALUES (?, ?, 'running', ?, ?, ?) RETURNING id"_s);
    q.addBindValue(configurationId);
    q.addBindValue(trigger);
    q.addBindValue(now());
    q.addBindValue(agent.isEmpty() ? QVariant() : QVariant(agent));
    q.addBindValue(leaseGeneration ? QVariant(leaseGeneration) : QVariant());
    if (!exec(q) || !q.next()) {
        db.rollback();
        return 0;
    }
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    return db.commit() ? id : 0;
}

bool StateStore::finishRun(const RunRecord &run)
{
    QSqlQuery q(database());
    q.prepare(
        u"UPDATE runs SET status = ?, finished_at = ?, message = ?, objects_read = ?,"
        u" users_created = ?, users_updated = ?, users_deleted = ?, users_unchanged = ?, users_failed = ?,"
        u" groups_created = ?, groups_updated = ?, groups_deleted = ?, groups_unchanged = ?,"
        u" groups_failed = ?, password_hashes = ? WHERE id = ?"
        // Fencing: the end of a leader's run counts only while its lease is still the one it started with.
        u" AND (lease_generation IS NULL OR EXISTS (SELECT 1 FROM leases l WHERE"
        u" l.configuration_id = runs.configuration_id AND l.generation = runs.lease_generation"
        u" AND l.holder = runs.agent))"_s);
    q.addBindValue(run.status);
    q.addBindValue(now());
    q.addBindValue(run.message);
    q.addBindValue(run.objectsRead);
    for (const ObjectCounts *c : {&run.users, &run.groups}) {
        q.addBindValue(c->created);
        q.addBindValue(c->updated);
        q.addBindValue(c->deleted);
        q.addBindValue(c->unchanged);
        q.addBindValue(c->failed);
    }
    QJsonObject hashes;
    for (auto it = run.passwordHashes.begin(); it != run.passwordHashes.end(); ++it)
        hashes.insert(it.key(), it.value());
    q.addBindValue(hashes.isEmpty() ? QVariant() : QVariant(compact(hashes)));
    q.addBindValue(run.id);
    if (!exec(q))
        return false;
    if (q.numRowsAffected() == 0) {
        m_lastError =
            u"run %1 is not recorded as finished: another agent has taken the configuration's lease "
            u"since it started (a stale leader's result is refused)"_s.arg(run.id);
        qCWarning(lcStore).noquote() << m_lastError;
        return false;
    }
    return true;
}

bool StateStore::addResult(qint64 runId, const RunResult &r)
{
    return addResults(runId, {r});
}

bool StateStore::addResults(qint64 runId, const QList<RunResult> &results)
{
    QSqlQuery q(database());
    return inSlices(
        q, results.size(),
        [](qsizetype rows) -> QString { // a QString, not a builder of temporaries
            return u"INSERT INTO run_results (run_id, kind, anchor, dn, display_name, action, outcome, "
                   u"message,"
                   u" changes, diff) VALUES "_s +
                   QStringList(rows, u"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s).join(u", "_s);
        },
        [&](QSqlQuery &query, qsizetype index) {
            const RunResult &r = results.at(index);
            query.addBindValue(runId);
            query.addBindValue(r.kind);
            query.addBindValue(r.anchor);
            query.addBindValue(r.dn);
            query.addBindValue(r.displayName);
            query.addBindValue(r.action);
            query.addBindValue(r.outcome);
            query.addBindValue(r.message);
            query.addBindValue(r.changes.isEmpty() ? QVariant() : QVariant(listJson(r.changes)));
            query.addBindValue(r.diff.isEmpty() ? QVariant()
                                                : QVariant(QString::fromUtf8(
                                                      QJsonDocument(r.diff).toJson(QJsonDocument::Compact))));
        },
        [this](QSqlQuery &query) { return exec(query); });
}

QList<RunRecord> StateStore::runs(const QString &configurationName, int limit) const
{
    QList<RunRecord> out;
    QSqlQuery q(database());
    q.prepare(u"SELECT "_s + RunColumns +
              u" FROM runs r JOIN configurations c ON c.id = r.configuration_id"
              u" WHERE (coalesce(?, '') = '' OR c.name = ?) ORDER BY r.id DESC LIMIT ?"_s);
    q.addBindValue(configurationName);
    q.addBindValue(configurationName);
    q.addBindValue(limit);
    if (!exec(q))
        return out;
    while (q.next())
        out.append(readRun(q));
    return out;
}

namespace {

// The WHERE clause of a history query and its values, in order.
QString runWhere(const RunQuery &query, QVariantList &values)
{
    QStringList where;
    if (!query.configuration.isEmpty()) {
        where << u"c.name = ?"_s;
        values << query.configuration;
    }
    if (!query.statuses.isEmpty()) {
        where << u"r.status IN (%1)"_s.arg(QStringList(query.statuses.size(), u"?"_s).join(u", "_s));
        for (const QString &s : query.statuses)
            values << s;
    }
    if (query.from.isValid()) {
        where << u"r.started_at >= ?"_s;
        values << StoreTime::value(query.from);
    }
    if (query.to.isValid()) {
        where << u"r.started_at < ?"_s;
        values << StoreTime::value(query.to);
    }
    const QString text = query.text.trimmed();
    bool isId = false;
    const qint64 id = text.startsWith(u'#') ? text.mid(1).toLongLong(&isId) : 0;
    if (isId) {
        where << u"r.id = ?"_s;
        values << id;
    } else if (!text.isEmpty()) {
        QString escaped = text;
        escaped.replace(u"\\"_s, u"\\\\"_s).replace(u"%"_s, u"\\%"_s).replace(u"_"_s, u"\\_"_s);
        const QString like = u"%"_s + escaped + u"%"_s;
        // lower() on both sides: SQLite's LIKE ignores case, PostgreSQL's does not.
        where
            << u"(lower(c.name) LIKE lower(?) ESCAPE '\\' OR lower(r.trigger) LIKE lower(?) ESCAPE '\\'"
               u" OR lower(r.status) LIKE lower(?) ESCAPE '\\' OR lower(r.message) LIKE lower(?) ESCAPE '\\')"_s;
        values << like << like << like << like;
    }
    return where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s);
}

QString runOrder(RunQuery::Order order, SqlDialect::Dialect dialect)
{
    const auto sum = [](const char *column) {
        return u"(r.users_%1 + r.groups_%1)"_s.arg(QLatin1StringView(column));
    };
    const auto hashes = [dialect](const char *status) {
        return u"coalesce(%1, 0)"_s.arg(
            SqlDialect::jsonInteger(dialect, u"r.password_hashes"_s, QString::fromLatin1(status)));
    };
    switch (order) {
    case RunQuery::Order::Started:
        return u"r.started_at"_s;
    case RunQuery::Order::Configuration:
        return u"c.name"_s;
    case RunQuery::Order::Trigger:
        return u"r.trigger"_s;
    case RunQuery::Order::Duration:
        return u"coalesce(%1, 1e9)"_s.arg(
            SqlDialect::secondsBetween(dialect, u"r.started_at"_s, u"r.finished_at"_s));
    case RunQuery::Order::Status:
        return u"r.status"_s;
    case RunQuery::Order::Created:
        return sum("created");
    case RunQuery::Order::Updated:
        return sum("updated");
    case RunQuery::Order::Deleted:
        return sum("deleted");
    case RunQuery::Order::Unchanged:
        return sum("unchanged");
    case RunQuery::Order::Failed:
        return sum("failed");
    case RunQuery::Order::HashesSynced:
        return hashes("synced");
    case RunQuery::Order::HashesHeld:
        return hashes("held");
    case RunQuery::Order::HashesFailed:
        return hashes("target-rejected") + u" + "_s + hashes("retrying");
    }
    return u"r.started_at"_s;
}

} // namespace

QList<RunRecord> StateStore::queryRuns(const RunQuery &query, int offset, int limit) const
{
    QList<RunRecord> out;
    QVariantList values;
    const QString direction = query.descending ? u" DESC"_s : u" ASC"_s;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    // The id breaks ties, so that pages never overlap.
    q.prepare(u"SELECT "_s + RunColumns +
              u" FROM runs r JOIN configurations c ON c.id = r.configuration_id"_s + runWhere(query, values) +
              u" ORDER BY "_s + runOrder(query.order, dialect()) + direction + u", r.id"_s + direction +
              u" LIMIT ? OFFSET ?"_s);
    for (const QVariant &v : std::as_const(values))
        q.addBindValue(v);
    q.addBindValue(limit);
    q.addBindValue(offset);
    if (!exec(q))
        return out;
    while (q.next())
        out.append(readRun(q));
    return out;
}

int StateStore::countRuns(const RunQuery &query) const
{
    QVariantList values;
    QSqlQuery q(database());
    q.prepare(u"SELECT count(*) FROM runs r JOIN configurations c ON c.id = r.configuration_id"_s +
              runWhere(query, values));
    for (const QVariant &v : std::as_const(values))
        q.addBindValue(v);
    return exec(q) && q.next() ? q.value(0).toInt() : 0;
}

std::optional<RunRecord> StateStore::run(qint64 id) const
{
    QSqlQuery q(database());
    q.prepare(u"SELECT "_s + RunColumns +
              u" FROM runs r JOIN configurations c ON c.id = r.configuration_id WHERE r.id = ?"_s);
    q.addBindValue(id);
    if (!exec(q) || !q.next())
        return std::nullopt;
    return readRun(q);
}

QList<RunResult> StateStore::results(qint64 runId) const
{
    QList<RunResult> out;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(u"SELECT kind, anchor, dn, display_name, action, outcome, message, changes, diff"
              u" FROM run_results WHERE run_id = ? ORDER BY id"_s);
    q.addBindValue(runId);
    if (!exec(q))
        return out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                    q.value(3).toString(), q.value(4).toString(), q.value(5).toString(),
                    q.value(6).toString(), parseList(q.value(7)),
                    QJsonDocument::fromJson(q.value(8).toString().toUtf8()).array()});
    return out;
}

} // namespace Updraft
