// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StateStore: results a target reports after the run that sent the object, and its daily call budget.
#include "statestore.h"
#include "storetime.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

qint64 StateStore::attachDeferredResult(qint64 configurationId, const QString &entryId, const QString &anchor,
                                        const QString &outcome, const QString &message,
                                        const QDateTime &processedAt, QString *sentAction)
{
    if (!entryId.isEmpty()) {
        QSqlQuery seen(database());
        seen.prepare(u"SELECT 1 FROM deferred_entries WHERE configuration_id = ? AND entry_id = ?"_s);
        seen.addBindValue(configurationId);
        seen.addBindValue(entryId);
        if (!exec(seen) || seen.next())
            return 0; // read again within the overlap: attached already
    }
    QSqlQuery q(database());
    q.prepare(
        u"SELECT rr.id, rr.run_id, rr.kind, rr.action FROM run_results rr JOIN runs r ON r.id = rr.run_id"
        u" WHERE r.configuration_id = ? AND rr.anchor = ? AND rr.outcome = 'accepted'"
        u" AND r.started_at <= ? ORDER BY rr.id LIMIT 1"_s);
    q.addBindValue(configurationId);
    q.addBindValue(anchor);
    // The oldest record still waiting: Entra processes records in the order they were sent. Log times may be
    // whole seconds: a run started within the second of the entry may have sent it.
    q.addBindValue(
        StoreTime::value((processedAt.isValid() ? processedAt : QDateTime::currentDateTimeUtc()).addSecs(1)));
    if (!exec(q) || !q.next())
        return 0;
    const qint64 resultId = q.value(0).toLongLong();
    const qint64 runId = q.value(1).toLongLong();
    const bool group = q.value(2).toString() == u"group"_s;
    *sentAction = q.value(3).toString();
    if (!transaction())
        return 0;
    QSqlQuery u(database());
    u.prepare(u"UPDATE run_results SET outcome = ?, message = ? WHERE id = ?"_s);
    u.addBindValue(outcome);
    u.addBindValue(message);
    u.addBindValue(resultId);
    bool ok = exec(u);
    if (ok && outcome == u"failed"_s) {
        QSqlQuery r(database());
        r.prepare(
            group ? u"UPDATE runs SET groups_failed = groups_failed + 1,"
                    u" status = CASE status WHEN 'success' THEN 'warning' ELSE status END WHERE id = ?"_s
                  : u"UPDATE runs SET users_failed = users_failed + 1,"
                    u" status = CASE status WHEN 'success' THEN 'warning' ELSE status END WHERE id = ?"_s);
        r.addBindValue(runId);
        ok = exec(r);
    }
    if (ok && !entryId.isEmpty()) {
        QSqlQuery e(database());
        e.prepare(u"INSERT INTO deferred_entries (configuration_id, entry_id, attached_at)"
                  u" VALUES (?, ?, ?) ON CONFLICT (configuration_id, entry_id) DO NOTHING"_s);
        e.addBindValue(configurationId);
        e.addBindValue(entryId);
        e.addBindValue(StoreTime::value(QDateTime::currentDateTimeUtc()));
        ok = exec(e);
    }
    if (!ok) {
        rollback();
        return 0;
    }
    return commit() ? runId : 0;
}

int StateStore::acceptedResultsWaiting(qint64 configurationId) const
{
    QSqlQuery q(database());
    q.prepare(u"SELECT count(*) FROM run_results rr JOIN runs r ON r.id = rr.run_id"
              u" WHERE r.configuration_id = ? AND rr.outcome = 'accepted' AND r.started_at >= ?"_s);
    q.addBindValue(configurationId);
    // Entra reports within minutes; what it has not reported on in a day it will not (or its log was lost).
    q.addBindValue(StoreTime::value(QDateTime::currentDateTimeUtc().addDays(-1)));
    return exec(q) && q.next() ? q.value(0).toInt() : 0;
}

QDateTime StateStore::deferredResultsCheckedUntil(qint64 configurationId) const
{
    QSqlQuery q(database());
    q.prepare(u"SELECT checked_until FROM deferred_results WHERE configuration_id = ?"_s);
    q.addBindValue(configurationId);
    if (!exec(q) || !q.next())
        return {};
    return StoreTime::read(q.value(0));
}

bool StateStore::saveDeferredResultsCheckedUntil(qint64 configurationId, const QDateTime &until)
{
    QSqlQuery q(database());
    q.prepare(SqlDialect::upsert(u"deferred_results"_s, {u"configuration_id"_s, u"checked_until"_s},
                                 {u"configuration_id"_s}));
    q.addBindValue(configurationId);
    q.addBindValue(StoreTime::value(until));
    // Entries are read again for 45 minutes at most: a day of them is plenty to know.
    QSqlQuery prune(database());
    prune.prepare(u"DELETE FROM deferred_entries WHERE configuration_id = ? AND attached_at < ?"_s);
    prune.addBindValue(configurationId);
    prune.addBindValue(StoreTime::value(QDateTime::currentDateTimeUtc().addDays(-1)));
    return exec(q) && exec(prune);
}

int StateStore::budgetedCalls(const QString &key, QDate day) const
{
    QSqlQuery q(database());
    q.prepare(u"SELECT calls FROM budgeted_calls WHERE budget = ? AND day = ?"_s);
    q.addBindValue(key);
    q.addBindValue(day.toString(Qt::ISODate));
    if (!exec(q) || !q.next())
        return 0;
    return q.value(0).toInt();
}

bool StateStore::addBudgetedCalls(const QString &key, QDate day, int calls)
{
    if (calls <= 0)
        return true;
    QSqlQuery q(database());
    q.prepare(u"INSERT INTO budgeted_calls (budget, day, calls) VALUES (?, ?, ?)"
              u" ON CONFLICT (budget, day) DO UPDATE SET calls = budgeted_calls.calls + excluded.calls"_s);
    q.addBindValue(key);
    q.addBindValue(day.toString(Qt::ISODate));
    q.addBindValue(calls);
    return exec(q);
}

} // namespace Updraft
