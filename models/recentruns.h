// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/records.h"

#include <QObject>

namespace Updraft {

class StateStore;

// The last finished runs of every configuration, oldest first, for the dashboard's charts. Read off the GUI
// thread, with a store connection of the reader's own; `changed` says when a read has landed.
class RecentRuns : public QObject
{
    Q_OBJECT
public:
    static constexpr int Count = 30;

    explicit RecentRuns(const StateStore &store, QObject *parent = nullptr);

    void reloadInBackground();
    bool loaded() const { return m_loaded; }
    const QList<RunRecord> &runs() const { return m_runs; }

    // The read itself, for any thread with its own store connection.
    static QList<RunRecord> read(const StateStore &store);

Q_SIGNALS:
    void changed();

private:
    const StateStore &m_store;
    QList<RunRecord> m_runs;
    bool m_loaded = false;
    bool m_loading = false;
    bool m_reloadAgain = false;
};

} // namespace Updraft
