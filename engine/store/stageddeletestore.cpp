// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StateStore: deletes held back by the delete threshold.
#include "statestore.h"
#include "storetime.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

QList<StagedDelete> StateStore::stagedDeletes(qint64 configurationId) const
{
    QList<StagedDelete> out;
    QSqlQuery q(database());
    q.prepare(
        u"SELECT id, anchor, kind, dn, display_name, cloud_id, cause, decision, staged_at, decided_at, run_id"
        u" FROM staged_deletes WHERE configuration_id = ? ORDER BY id"_s);
    q.addBindValue(configurationId);
    if (!exec(q))
        return out;
    while (q.next()) {
        StagedDelete s;
        s.id = q.value(0).toLongLong();
        s.anchor = q.value(1).toString();
        s.kind = q.value(2).toString();
        s.dn = q.value(3).toString();
        s.displayName = q.value(4).toString();
        s.cloudId = q.value(5).toString();
        s.cause = q.value(6).toString();
        s.decision = q.value(7).toString();
        s.stagedAt = StoreTime::read(q.value(8));
        s.decidedAt = StoreTime::read(q.value(9));
        s.runId = q.value(10).toLongLong();
        out.append(s);
    }
    return out;
}

bool StateStore::stageDelete(qint64 configurationId, const StagedDelete &s)
{
    // A new cause replaces the old row and its decision: the admin decides again.
    QSqlQuery q(database());
    q.prepare(
        u"INSERT INTO staged_deletes (configuration_id, anchor, kind, dn, display_name, cloud_id, cause,"
        u" decision, staged_at, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)"
        u" ON CONFLICT (configuration_id, anchor) DO UPDATE SET kind = excluded.kind, dn = excluded.dn,"
        u" display_name = excluded.display_name, cloud_id = excluded.cloud_id, cause = excluded.cause,"
        u" decision = 'pending', staged_at = excluded.staged_at, decided_at = NULL, run_id = excluded.run_id"_s);
    q.addBindValue(configurationId);
    q.addBindValue(s.anchor);
    q.addBindValue(s.kind);
    q.addBindValue(s.dn);
    q.addBindValue(s.displayName);
    q.addBindValue(s.cloudId);
    q.addBindValue(s.cause);
    q.addBindValue(StoreTime::now());
    q.addBindValue(s.runId ? QVariant(s.runId) : QVariant());
    return exec(q);
}

bool StateStore::removeStagedDelete(qint64 configurationId, const QString &anchor)
{
    QSqlQuery q(database());
    q.prepare(u"DELETE FROM staged_deletes WHERE configuration_id = ? AND anchor = ?"_s);
    q.addBindValue(configurationId);
    q.addBindValue(anchor);
    return exec(q);
}

int StateStore::decideDeletes(qint64 configurationId, const QList<qint64> &ids, const QString &decision)
{
    QSqlDatabase db = database();
    db.transaction();
    QSqlQuery q(db);
    int changed = 0;
    if (ids.isEmpty()) {
        q.prepare(u"UPDATE staged_deletes SET decision = ?, decided_at = ?"
                  u" WHERE configuration_id = ? AND decision = 'pending'"_s);
        q.addBindValue(decision);
        q.addBindValue(StoreTime::now());
        q.addBindValue(configurationId);
        if (exec(q))
            changed = q.numRowsAffected();
    } else {
        q.prepare(
            u"UPDATE staged_deletes SET decision = ?, decided_at = ? WHERE configuration_id = ? AND id = ?"_s);
        for (const qint64 id : ids) {
            q.addBindValue(decision);
            q.addBindValue(StoreTime::now());
            q.addBindValue(configurationId);
            q.addBindValue(id);
            if (exec(q))
                changed += q.numRowsAffected();
        }
    }
    db.commit();
    return changed;
}

} // namespace Updraft
