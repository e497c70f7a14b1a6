// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StateStore: the agent's schedule.
#include "statestore.h"
#include "storetime.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

std::optional<ScheduleState> StateStore::scheduleState(qint64 configurationId) const
{
    QSqlQuery q(database());
    q.prepare(
        u"SELECT interval_seconds, observed_interval_ms, last_started_at, next_run_at, consecutive_failures,"
        u" quarantined_until, quarantine_reason FROM schedule_state WHERE configuration_id = ?"_s);
    q.addBindValue(configurationId);
    if (!exec(q) || !q.next())
        return std::nullopt;
    ScheduleState s;
    s.intervalSeconds = q.value(0).toInt();
    s.observedIntervalMs = q.value(1).toLongLong();
    s.lastStartedAt = StoreTime::read(q.value(2));
    s.nextRunAt = StoreTime::read(q.value(3));
    s.consecutiveFailures = q.value(4).toInt();
    s.quarantinedUntil = StoreTime::read(q.value(5));
    s.quarantineReason = q.value(6).toString();
    return s;
}

bool StateStore::saveScheduleState(qint64 configurationId, const ScheduleState &s)
{
    QSqlQuery q(database());
    q.prepare(SqlDialect::upsert(u"schedule_state"_s,
                                 {u"configuration_id"_s, u"interval_seconds"_s, u"observed_interval_ms"_s,
                                  u"last_started_at"_s, u"next_run_at"_s, u"consecutive_failures"_s,
                                  u"quarantined_until"_s, u"quarantine_reason"_s},
                                 {u"configuration_id"_s}));
    q.addBindValue(configurationId);
    q.addBindValue(s.intervalSeconds);
    q.addBindValue(s.observedIntervalMs ? QVariant(s.observedIntervalMs) : QVariant());
    q.addBindValue(StoreTime::value(s.lastStartedAt));
    q.addBindValue(StoreTime::value(s.nextRunAt));
    q.addBindValue(s.consecutiveFailures);
    q.addBindValue(StoreTime::value(s.quarantinedUntil));
    q.addBindValue(s.quarantineReason.isEmpty() ? QVariant() : QVariant(s.quarantineReason));
    return exec(q);
}

SyncState StateStore::syncState(qint64 configurationId) const
{
    SyncState s;
    QSqlQuery q(database());
    q.prepare(u"SELECT cookie, full_read_at FROM sync_state WHERE configuration_id = ?"_s);
    q.addBindValue(configurationId);
    if (exec(q) && q.next()) {
        s.cookie = q.value(0).toByteArray();
        s.fullReadAt = StoreTime::read(q.value(1));
    }
    return s;
}

bool StateStore::saveSyncState(qint64 configurationId, const SyncState &s)
{
    QSqlQuery q(database());
    q.prepare(SqlDialect::upsert(u"sync_state"_s, {u"configuration_id"_s, u"cookie"_s, u"full_read_at"_s},
                                 {u"configuration_id"_s}));
    q.addBindValue(configurationId);
    q.addBindValue(s.cookie.isEmpty() ? QVariant() : QVariant(s.cookie));
    q.addBindValue(StoreTime::value(s.fullReadAt));
    return exec(q);
}

ReplicationState StateStore::replicationState(qint64 configurationId) const
{
    ReplicationState s;
    QSqlQuery q(database());
    q.prepare(u"SELECT position, full_pass_at FROM replication_state WHERE configuration_id = ?"_s);
    q.addBindValue(configurationId);
    if (exec(q) && q.next()) {
        s.position = q.value(0).toString().toLatin1();
        s.fullPassAt = StoreTime::read(q.value(1));
    }
    return s;
}

bool StateStore::saveReplicationState(qint64 configurationId, const ReplicationState &s)
{
    QSqlQuery q(database());
    q.prepare(SqlDialect::upsert(u"replication_state"_s,
                                 {u"configuration_id"_s, u"position"_s, u"full_pass_at"_s},
                                 {u"configuration_id"_s}));
    q.addBindValue(configurationId);
    q.addBindValue(QString::fromLatin1(s.position));
    q.addBindValue(StoreTime::value(s.fullPassAt));
    return exec(q);
}

} // namespace Updraft
