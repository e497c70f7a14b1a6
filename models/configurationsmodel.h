// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/records.h"
#include "sync/health.h"

#include <QAbstractListModel>
#include <QJsonObject>

#include <optional>

namespace Updraft {

class StateStore;

// One row per configuration with what the dashboard card shows: health, last run, next run, hash problems,
// and the run in progress. Lives in the GUI thread with the GUI thread's own store connection; the engine's
// signals (run started, progress, finished) are fed in by the controller.
class ConfigurationsModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        HealthLevelRole, // ConfigurationHealth::levelName
        HealthWordRole,
        HealthDetailRole,
        LastRunIdRole,
        LastRunSummaryRole,        // "3 min ago · 12 s · +4 ~17 −0"
        LastRunSummaryInWordsRole, // "3 min ago, took 12 s: 4 created, 17 updated, 0 deleted"
        LastRunStartedRole,
        NextRunRole,     // QDateTime, invalid when not scheduled
        NextRunTextRole, // "in 2 min", "not scheduled"
        HashProblemsRole,
        PendingDeletesRole,
        RunningRole,
        PhaseRole,
        ProgressDoneRole,
        ProgressTotalRole,
        DefinitionRole,       // QJsonObject: references to secrets only
        CloudSupportsRole,    // QStringList: what the cloud directory said it supports at the last run
        CloudAssumptionsRole, // QStringList: what it did not say, and what was assumed
        CloudAskedRole,       // QDateTime: when it was asked; invalid when no run has asked yet
        LeaderRole,           // shared store: which agent runs it, and when it last reported; else empty
    };
    Q_ENUM(Role)

    explicit ConfigurationsModel(const StateStore &store, QObject *parent = nullptr);

    void reload();
    int rowOf(const QString &name) const;
    QStringList names() const;

    void runStarted(const QString &name);
    void runProgress(const QString &name, const QString &phase, int done, int total);
    void runFinished(const QString &name);
    // Reads one configuration's row again (its staged deletes were decided), keeping its run state.
    void reloadRow(const QString &name);
    // Times are shown relative to now ("3 min ago", "in 2 min"): say they changed.
    void timePassed();
    // Shared store: reads again which agent leads each configuration and when it reported, keeping the rows.
    void reloadLeaders();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    struct Row;
    static void readLeader(Row &row, const QList<LeaseRecord> &leases, const QList<AgentRecord> &agents);
    // Agents report every few seconds; one silent for a day is gone.
    static constexpr qint64 AgentsSeenWithinMs = 24 * 3600 * 1000LL;
    struct Row {
        StoredConfiguration stored;
        std::optional<RunRecord> lastRun;
        std::optional<ScheduleState> schedule;
        std::optional<DiscoveredTarget> cloud;
        ConfigurationHealth health;
        int hashProblems = 0;
        int pendingDeletes = 0;
        std::optional<LeaseRecord> lease; // shared store: the live lease
        std::optional<AgentRecord> leader;
        bool shared = false;
        bool scheduled = false;
        int intervalSeconds = 0;
        bool running = false;
        QString phase;
        int done = 0;
        int total = 0;
    };
    Row readRow(const StoredConfiguration &stored, bool running) const;
    void changed(int row);

    const StateStore &m_store;
    QList<Row> m_rows;
};

} // namespace Updraft
