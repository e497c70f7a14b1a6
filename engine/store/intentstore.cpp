// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StateStore: write-ahead intents, the writes sent whose outcome a killed run could not record.
#include "statestore.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

bool StateStore::recordIntents(qint64 configurationId, const QList<WriteIntent> &intents)
{
    if (intents.isEmpty())
        return true;
    if (!transaction())
        return false;
    QSqlQuery q(database());
    q.prepare(u"INSERT OR REPLACE INTO write_intents (configuration_id, anchor, kind, action, dn, run_id)"
              u" VALUES (?, ?, ?, ?, ?, ?)"_s);
    bool ok = true;
    for (const WriteIntent &i : intents) {
        q.bindValue(0, configurationId);
        q.bindValue(1, i.anchor);
        q.bindValue(2, i.kind);
        q.bindValue(3, i.action);
        q.bindValue(4, i.dn);
        q.bindValue(5, i.runId);
        if (!(ok = exec(q)))
            break;
    }
    if (!ok) {
        rollback();
        return false;
    }
    return commit();
}

QList<WriteIntent> StateStore::intents(qint64 configurationId) const
{
    QList<WriteIntent> out;
    QSqlQuery q(database());
    q.prepare(u"SELECT kind, anchor, action, dn, run_id FROM write_intents WHERE configuration_id = ?"
              u" ORDER BY anchor"_s);
    q.addBindValue(configurationId);
    if (!exec(q))
        return out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                    q.value(3).toString(), q.value(4).toLongLong()});
    return out;
}

bool StateStore::clearIntents(qint64 configurationId, const QStringList &anchors)
{
    QSqlQuery q(database());
    if (anchors.isEmpty()) {
        q.prepare(u"DELETE FROM write_intents WHERE configuration_id = ?"_s);
        q.addBindValue(configurationId);
        return exec(q);
    }
    q.prepare(u"DELETE FROM write_intents WHERE configuration_id = ? AND anchor = ?"_s);
    for (const QString &anchor : anchors) {
        q.bindValue(0, configurationId);
        q.bindValue(1, anchor);
        if (!exec(q))
            return false;
    }
    return true;
}

} // namespace Updraft
