// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "recentruns.h"

#include "store/statestore.h"

#include <QFutureWatcher>
#include <QtConcurrentRun>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

RecentRuns::RecentRuns(const StateStore &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{}

QList<RunRecord> RecentRuns::read(const StateStore &store)
{
    QList<RunRecord> runs = store.queryRuns(RunQuery{}, 0, Count);
    runs.erase(
        std::remove_if(runs.begin(), runs.end(), [](const RunRecord &r) { return r.status == u"running"_s; }),
        runs.end());
    std::reverse(runs.begin(), runs.end()); // oldest first
    return runs;
}

void RecentRuns::reloadInBackground()
{
    if (m_loading) {
        m_reloadAgain = true; // once the read in flight lands
        return;
    }
    m_loading = true;
    auto *watcher = new QFutureWatcher<QList<RunRecord>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_loading = false;
        if (m_reloadAgain) {
            m_reloadAgain = false;
            reloadInBackground();
            return;
        }
        m_runs = watcher->result();
        m_loaded = true;
        Q_EMIT changed();
    });
    watcher->setFuture(QtConcurrent::run([path = m_store.path()] {
        StateStore store(path);
        QString error;
        if (!store.open(&error)) {
            qWarning("recent runs not read: %s", qPrintable(error));
            return QList<RunRecord>();
        }
        return read(store);
    }));
}

} // namespace Updraft
