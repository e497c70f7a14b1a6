// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storecopy.h"

#include "sqldialect.h"
#include "statestore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::StoreCopy {

namespace {

constexpr int RowsPerStatement = 200;

// Tables whose ids other rows refer to; their identity must go on from the largest id copied.
const QStringList WithIdentity = {u"configurations"_s, u"runs"_s, u"run_results"_s, u"staged_deletes"_s};

} // namespace

const QList<QString> &tables()
{
    static const QList<QString> all = {
        u"configurations"_s,
        u"links"_s,
        u"runs"_s,
        u"run_results"_s,
        u"password_hashes"_s,
        u"staged_deletes"_s,
        u"schedule_state"_s,
        u"sync_state"_s,
        u"target_capabilities"_s,
        u"deferred_results"_s,
        u"budgeted_calls"_s,
        u"write_intents"_s,
        u"deferred_entries"_s,
        u"replication_state"_s,
    };
    return all;
}

bool copy(StateStore &from, StateStore &to, QList<std::pair<QString, qint64>> *counts, QString *error)
{
    if (!to.configurations().isEmpty()) {
        *error = u"%1 already holds configurations: migrate into an empty database"_s.arg(to.path());
        return false;
    }
    QSqlDatabase target = to.database();
    if (!target.transaction()) {
        *error = target.lastError().text();
        return false;
    }
    const auto failed = [&](const QString &table, const QString &why) {
        *error = u"%1: %2"_s.arg(table, why);
        target.rollback();
        return false;
    };
    counts->clear();
    for (const QString &table : tables()) {
        QSqlQuery source(from.database());
        source.setForwardOnly(true);
        if (!source.exec(u"SELECT * FROM %1"_s.arg(table)))
            return failed(table, source.lastError().text());
        const QSqlRecord record = source.record();
        QStringList columns;
        for (int c = 0; c < record.count(); ++c)
            columns << record.fieldName(c);
        QSqlQuery insert(target);
        QList<QVariantList> rows;
        qint64 copied = 0;
        const auto flush = [&]() {
            if (rows.isEmpty())
                return true;
            const QString row = u"("_s + QStringList(columns.size(), u"?"_s).join(u", "_s) + u")"_s;
            insert.prepare(u"INSERT INTO %1 (%2) VALUES %3"_s.arg(
                table, columns.join(u", "_s), QStringList(rows.size(), row).join(u", "_s)));
            int at = 0;
            for (const QVariantList &values : std::as_const(rows))
                for (const QVariant &v : values)
                    insert.bindValue(at++, v);
            if (!insert.exec())
                return false;
            copied += rows.size();
            rows.clear();
            return true;
        };
        while (source.next()) {
            QVariantList values;
            values.reserve(columns.size());
            for (int c = 0; c < columns.size(); ++c)
                values << source.value(c);
            rows << values;
            if (rows.size() == RowsPerStatement && !flush())
                return failed(table, insert.lastError().text());
        }
        if (!flush())
            return failed(table, insert.lastError().text());
        if (WithIdentity.contains(table) && SqlDialect::of(target) == SqlDialect::Dialect::Postgresql) {
            QSqlQuery next(target);
            if (!next.exec(
                    u"SELECT setval(pg_get_serial_sequence('%1', 'id'), coalesce(max(id), 0) + 1, false)"
                    u" FROM %1"_s.arg(table)))
                return failed(table, next.lastError().text());
        }
        counts->append({table, copied});
    }
    if (!target.commit())
        return failed(u"commit"_s, target.lastError().text());
    return true;
}

} // namespace Updraft::StoreCopy
