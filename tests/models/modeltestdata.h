// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/statestore.h"

#include <QDateTime>
#include <QSqlQuery>

// Fills a store with a history the model tests can reason about.
namespace ModelTestData {

// `count` finished runs of `configuration`, one a minute from `start`: run i created i % 7 objects and failed
// i % 11 == 0 ? 1 : 0; its status is "failed" when i % 13 == 0, else "success". Returns the configuration's
// id.
inline qint64 addRuns(Updraft::StateStore &store, const QString &configuration, int count,
                      const QDateTime &start)
{
    qint64 id = 0;
    QString error;
    store.saveConfiguration(configuration, {}, &id, &error);
    store.transaction();
    for (int i = 0; i < count; ++i) {
        Updraft::RunRecord r;
        r.configurationId = id;
        r.id = store.startRun(id, QStringLiteral("schedule"));
        r.status = i % 13 == 0 ? QStringLiteral("failed") : QStringLiteral("success");
        r.users.created = i % 7;
        r.users.failed = i % 11 == 0 ? 1 : 0;
        store.finishRun(r);
        QSqlQuery q(store.database());
        q.prepare(QStringLiteral("UPDATE runs SET started_at = ?, finished_at = ? WHERE id = ?"));
        q.addBindValue(start.addSecs(60 * i).toString(Qt::ISODateWithMs));
        q.addBindValue(start.addSecs(60 * i + 1 + i % 5).toString(Qt::ISODateWithMs));
        q.addBindValue(r.id);
        q.exec();
    }
    store.commit();
    return id;
}

} // namespace ModelTestData
