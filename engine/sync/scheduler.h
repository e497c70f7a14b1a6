// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/records.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimer>

namespace Updraft {

class StateStore;
class SyncRunner;

// Runs every enabled configuration of the store on its interval: one run at a time per configuration (runs of
// different configurations may overlap), a run asked for while one is going is queued once, not stacked. A
// configuration whose runs keep failing (bad token, target down) is quarantined: it backs off from its
// interval, doubling up to an hour, and says why; the first good run ends it. The headless agent and the
// console share it.
class Scheduler : public QObject
{
    Q_OBJECT
public:
    explicit Scheduler(StateStore &store, QObject *parent = nullptr);
    ~Scheduler() override;

    void start();
    // Runs `name` as soon as it is free.
    void requestRun(const QString &name);
    // Stops scheduling and asks running runs to stop after their current batch; stopped() follows.
    void stop();

    static constexpr int QuarantineAfter = 2; // consecutive failed runs
    static constexpr int MaxBackoffSeconds = 3600;

Q_SIGNALS:
    void runFinished(const Updraft::RunRecord &record);
    void stopped();

private:
    struct Entry {
        SyncRunner *runner = nullptr;
        bool queued = false;
        QDateTime nextRun; // invalid: as soon as possible
    };
    void tick();
    void launch(const QString &name, const QJsonObject &definition, const QString &trigger);
    void finished(const QString &name, qint64 configurationId, int intervalSeconds, const RunRecord &record);

    StateStore &m_store;
    QTimer m_timer;
    QHash<QString, Entry> m_entries;
    QSet<QString> m_invalid; // configurations reported as unreadable once
    bool m_stopping = false;
};

} // namespace Updraft
