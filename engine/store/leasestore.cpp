// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StateStore: several agents on a shared store. Leadership is a lease row per configuration with a fencing
// generation, decided by the database's clock so that agents on machines whose clocks differ agree.
#include "statestore.h"
#include "storetime.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

QDateTime fromMs(const QVariant &ms)
{
    return ms.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms.toLongLong(), Qt::UTC);
}

} // namespace

qint64 StateStore::acquireLease(qint64 configurationId, const QString &holder, qint64 durationMs)
{
    const QString now = SqlDialect::nowMs(dialect());
    // One statement: taken when free or expired, renewed when held, untouched (no row back) otherwise. The
    // generation stays while the same holder renews a live lease, and grows whenever it changes hands or
    // lapsed (the holder's run from before the lapse is stale too).
    QSqlQuery q(database());
    q.prepare(u"INSERT INTO leases (configuration_id, holder, generation, expires_ms, acquired_at)"
              u" VALUES (?, ?, 1, %1 + ?, ?) ON CONFLICT (configuration_id) DO UPDATE SET"
              u" generation = CASE WHEN leases.holder = excluded.holder AND leases.expires_ms > %1"
              u"   THEN leases.generation ELSE leases.generation + 1 END,"
              u" acquired_at = CASE WHEN leases.holder = excluded.holder AND leases.expires_ms > %1"
              u"   THEN leases.acquired_at ELSE excluded.acquired_at END,"
              u" holder = excluded.holder, expires_ms = excluded.expires_ms"
              u" WHERE leases.holder = excluded.holder OR leases.expires_ms <= %1"
              u" RETURNING generation"_s.arg(now));
    q.addBindValue(configurationId);
    q.addBindValue(holder);
    q.addBindValue(durationMs);
    q.addBindValue(StoreTime::now());
    if (!exec(q))
        return -1;
    return q.next() ? q.value(0).toLongLong() : 0;
}

bool StateStore::releaseLease(qint64 configurationId, const QString &holder)
{
    QSqlQuery q(database());
    q.prepare(u"UPDATE leases SET expires_ms = 0 WHERE configuration_id = ? AND holder = ?"_s);
    q.addBindValue(configurationId);
    q.addBindValue(holder);
    return exec(q);
}

qint64 StateStore::leaseRemainingMs(qint64 configurationId, const QString &holder, qint64 generation) const
{
    QSqlQuery q(database());
    q.prepare(
        u"SELECT expires_ms - %1 FROM leases WHERE configuration_id = ? AND holder = ? AND generation = ?"_s
            .arg(SqlDialect::nowMs(dialect())));
    q.addBindValue(configurationId);
    q.addBindValue(holder);
    q.addBindValue(generation);
    return exec(q) && q.next() ? q.value(0).toLongLong() : 0;
}

QList<LeaseRecord> StateStore::leases() const
{
    QList<LeaseRecord> out;
    QSqlQuery q(database());
    q.prepare(u"SELECT l.configuration_id, c.name, l.holder, l.generation, l.expires_ms, l.acquired_at,"
              u" l.expires_ms > %1 FROM leases l JOIN configurations c ON c.id = l.configuration_id"
              u" ORDER BY c.name"_s.arg(SqlDialect::nowMs(dialect())));
    if (!exec(q))
        return out;
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                    q.value(3).toLongLong(), fromMs(q.value(4)), StoreTime::read(q.value(5)),
                    q.value(6).toBool()});
    return out;
}

bool StateStore::reportAgent(const AgentRecord &agent)
{
    QSqlQuery q(database());
    q.prepare(u"INSERT INTO agents (id, host, pid, version, started_at, seen_ms) VALUES (?, ?, ?, ?, ?, %1)"
              u" ON CONFLICT (id) DO UPDATE SET seen_ms = excluded.seen_ms, version = excluded.version"_s.arg(
                  SqlDialect::nowMs(dialect())));
    q.addBindValue(agent.id);
    q.addBindValue(agent.host);
    q.addBindValue(agent.pid);
    q.addBindValue(agent.version);
    q.addBindValue(StoreTime::value(agent.startedAt));
    if (!exec(q))
        return false;
    // Each agent process reports under a name of its own: those silent for a week are gone for good.
    QSqlQuery prune(database());
    prune.prepare(u"DELETE FROM agents WHERE seen_ms < %1 - ?"_s.arg(SqlDialect::nowMs(dialect())));
    prune.addBindValue(7 * 24 * 3600 * 1000LL);
    return exec(prune);
}

QList<AgentRecord> StateStore::agents(qint64 withinMs) const
{
    QList<AgentRecord> out;
    QSqlQuery q(database());
    q.prepare(u"SELECT id, host, pid, version, started_at, seen_ms FROM agents WHERE seen_ms >= %1 - ?"
              u" ORDER BY host, pid"_s.arg(SqlDialect::nowMs(dialect())));
    q.addBindValue(withinMs);
    if (!exec(q))
        return out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(),
                    q.value(3).toString(), StoreTime::read(q.value(4)), fromMs(q.value(5))});
    return out;
}

qint64 StateStore::requestRun(qint64 configurationId, const QString &requestedBy, bool fullRead)
{
    QSqlQuery q(database());
    // Requests carried out a week ago say nothing any more.
    q.prepare(u"DELETE FROM run_requests WHERE taken_at < ?"_s);
    q.addBindValue(StoreTime::value(QDateTime::currentDateTimeUtc().addDays(-7)));
    exec(q);
    q.prepare(u"INSERT INTO run_requests (configuration_id, full_read, requested_by, requested_at)"
              u" VALUES (?, ?, ?, ?) RETURNING id"_s);
    q.addBindValue(configurationId);
    q.addBindValue(fullRead ? 1 : 0);
    q.addBindValue(requestedBy);
    q.addBindValue(StoreTime::now());
    return exec(q) && q.next() ? q.value(0).toLongLong() : 0;
}

std::optional<RunRequest> StateStore::takeRunRequest(qint64 configurationId, const QString &agent)
{
    // Taken with the same statement that finds it: of two agents (a lease just changing hands) one gets it.
    QSqlQuery q(database());
    q.prepare(
        u"UPDATE run_requests SET taken_by = ?, taken_at = ? WHERE id = (SELECT min(id) FROM run_requests"
        u" WHERE configuration_id = ? AND taken_by IS NULL) AND taken_by IS NULL"
        u" RETURNING id, configuration_id, full_read, requested_by, requested_at"_s);
    q.addBindValue(agent);
    q.addBindValue(StoreTime::now());
    q.addBindValue(configurationId);
    if (!exec(q) || !q.next())
        return std::nullopt;
    return RunRequest{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toInt() != 0,
                      q.value(3).toString(), StoreTime::read(q.value(4))};
}

int StateStore::openRunRequests(qint64 configurationId) const
{
    QSqlQuery q(database());
    q.prepare(u"SELECT count(*) FROM run_requests WHERE configuration_id = ? AND taken_by IS NULL"_s);
    q.addBindValue(configurationId);
    return exec(q) && q.next() ? q.value(0).toInt() : 0;
}

} // namespace Updraft
