// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/records.h"
#include "syncrunner.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimer>

namespace Updraft {

class Leadership;
class StateStore;

// Runs every enabled configuration of the store on its interval: one run at a time per configuration (runs of
// different configurations may overlap), a run asked for while one is going is queued once, not stacked. A
// configuration whose runs keep failing (bad token, target down) is quarantined: it backs off from its
// interval, doubling up to an hour, and says why; the first good run ends it. The headless agent and the
// console share it: the console also asks it for runs on demand, which it starts whether or not the
// configuration has a schedule. Lives in the thread of its store.
class Scheduler : public QObject
{
    Q_OBJECT
public:
    explicit Scheduler(StateStore &store, QObject *parent = nullptr);
    ~Scheduler() override;

    // Starts running configurations on their schedules. Without it, only requested runs happen.
    void start();
    // On a shared store: runs only the configurations whose lease `leadership` holds, each run fenced by it,
    // and carries out the runs asked for in the store (run_requests) by consoles.
    void setLeadership(Leadership *leadership) { m_leadership = leadership; }
    // Runs `name` as soon as it is free, with these options; asked again while waiting, the last options win.
    void requestRun(const QString &name, const Updraft::RunOptions &options = {QStringLiteral("on-demand")});
    // Asks the run of `name` in progress to stop after its current batch. False if none is running.
    bool cancel(const QString &name);
    // Stops scheduling and asks running runs to stop after their current batch; stopped() follows.
    void stop();

    static constexpr int QuarantineAfter = 2; // consecutive failed runs
    static constexpr int MaxBackoffSeconds = 3600;

Q_SIGNALS:
    void runStarted(const QString &name, const QString &trigger);
    // A requested run could not start: the stored configuration is not valid (`reason` says why).
    void runRefused(const QString &name, const QString &reason);
    void runProgress(const QString &name, const QString &phase, int done, int total);
    void runFinished(const Updraft::RunRecord &record);
    void stopped();

private:
    struct Entry {
        SyncRunner *runner = nullptr;
        bool queued = false;
        RunOptions request; // of the queued run
        QDateTime nextRun;  // invalid: as soon as possible
    };
    void tick();
    void launch(const QString &name, const QJsonObject &definition, const RunOptions &options);
    void finished(const QString &name, qint64 configurationId, int intervalSeconds, const RunRecord &record);
    void stopIfIdle();

    // Shared store: whether this agent leads `stored`; takes the run asked for in the store, if any.
    bool leads(const StoredConfiguration &stored, Entry &entry, bool takeRequests);

    StateStore &m_store;
    Leadership *m_leadership = nullptr;
    int m_ticks = 0;
    QTimer m_timer;
    QHash<QString, Entry> m_entries;
    QSet<QString> m_invalid; // configurations reported as unreadable once
    bool m_scheduling = false;
    bool m_stopping = false;
};

} // namespace Updraft
