// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StateStore: write-ahead intents, the writes sent whose outcome a killed run could not record.
#include "sqldialect.h"
#include "statestore.h"

#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

bool StateStore::recordIntents(qint64 configurationId, const QList<WriteIntent> &given)
{
    // One row an anchor, the last intent given for it (PostgreSQL refuses a statement that upserts one row
    // twice).
    QList<WriteIntent> intents;
    intents.reserve(given.size());
    QHash<QString, qsizetype> at;
    for (const WriteIntent &intent : given) {
        const auto found = at.constFind(intent.anchor);
        if (found != at.constEnd()) {
            intents[*found] = intent;
        } else {
            at.insert(intent.anchor, intents.size());
            intents.append(intent);
        }
    }
    if (intents.isEmpty())
        return true;
    if (!transaction())
        return false;
    // Many rows a statement: a first run records one intent an object.
    const qsizetype rowsPerStatement = SqlDialect::rowsPerStatement(SqlDialect::of(database()));
    QSqlQuery q(database());
    qsizetype prepared = 0;
    bool ok = true;
    for (qsizetype i = 0; ok && i < intents.size(); i += rowsPerStatement) {
        const qsizetype rows = std::min(rowsPerStatement, intents.size() - i);
        if (rows != prepared) {
            q.prepare(SqlDialect::upsert(
                u"write_intents"_s,
                {u"configuration_id"_s, u"anchor"_s, u"kind"_s, u"action"_s, u"dn"_s, u"run_id"_s},
                {u"configuration_id"_s, u"anchor"_s}, rows));
            prepared = rows;
        }
        for (qsizetype r = 0; r < rows; ++r) {
            const WriteIntent &intent = intents.at(i + r);
            const int first = int(r) * 6;
            q.bindValue(first, configurationId);
            q.bindValue(first + 1, intent.anchor);
            q.bindValue(first + 2, intent.kind);
            q.bindValue(first + 3, intent.action);
            q.bindValue(first + 4, intent.dn);
            q.bindValue(first + 5, intent.runId);
        }
        ok = exec(q);
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
    constexpr qsizetype AnchorsPerStatement = 200;
    qsizetype prepared = 0;
    for (qsizetype i = 0; i < anchors.size(); i += AnchorsPerStatement) {
        const qsizetype count = std::min(AnchorsPerStatement, anchors.size() - i);
        if (count != prepared) {
            q.prepare(u"DELETE FROM write_intents WHERE configuration_id = ? AND anchor IN (%1)"_s.arg(
                QStringList(count, u"?"_s).join(u", "_s)));
            prepared = count;
        }
        q.bindValue(0, configurationId);
        for (qsizetype a = 0; a < count; ++a)
            q.bindValue(int(a) + 1, anchors.at(i + a));
        if (!exec(q))
            return false;
    }
    return true;
}

bool StateStore::clearIntentsExcept(qint64 configurationId, const QSet<QString> &keep, qint64 runId)
{
    QStringList settled;
    for (const WriteIntent &i : intents(configurationId))
        if ((!runId || i.runId == runId) && !keep.contains(i.anchor))
            settled.append(i.anchor);
    return settled.isEmpty() || clearIntents(configurationId, settled);
}

} // namespace Updraft
