// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/records.h"
#include "sync/explanation.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QThread>
#include <QTimer>

#include <memory>

class QAction;

namespace Updraft {

class ConfigurationsModel;
class Notifier;
class PasswordHashModel;
class RunsModel;
class RecentRuns;
class StagedDeletesModel;
class StateStore;
class SyncService;

// Owns what the console's windows share: the engine on its own thread (SyncService), the GUI thread's store
// connection and the models over it, and the actions (Run now, Full sync, Cancel, Refresh). Widgets lay out
// and emit; this object calls the engine.
class ConsoleController : public QObject
{
    Q_OBJECT
public:
    struct Options {
        QString stateDirectory; // empty: StateStore::defaultDirectory()
        bool schedule = true;   // run configurations on their schedules too, not only on demand
        QString store;          // a shared store's URL; empty: the SQLite file in stateDirectory
    };

    explicit ConsoleController(Options options, QObject *parent = nullptr);
    ~ConsoleController() override; // stops the engine: runs in progress stop after their batch

    // Opens the store and starts the engine thread. False, with a message for the admin, if the store cannot
    // be opened.
    bool open(QString *error);

    StateStore &store() { return *m_store; }
    RunsModel *runs() const { return m_runs; }
    ConfigurationsModel *configurations() const { return m_configurations; }
    PasswordHashModel *passwordHashes() const { return m_hashes; }
    StagedDeletesModel *stagedDeletes() const { return m_staged; }
    RecentRuns *recentRuns() const { return m_recentRuns; }
    Notifier *notifier() const { return m_notifier; }

    QAction *runNowAction() const { return m_runNow; }
    QAction *fullSyncAction() const { return m_fullSync; }
    QAction *cancelAction() const { return m_cancel; }
    QAction *refreshAction() const { return m_refresh; }

    // The configuration the toolbar acts on; empty: every configuration.
    void setCurrentConfiguration(const QString &name);
    QString currentConfiguration() const { return m_current; }

    void runNow(const QString &name, bool fullRead = false);
    void cancel(const QString &name);
    void retryPasswordHash(const QString &name, const QString &anchor);
    // Approved deletes are carried out by a run started at once.
    void decideDeletes(const QString &name, const QList<qint64> &ids, const QString &decision);
    // Leaves its cloud objects, or deletes exactly them first; configurationRemoval() follows.
    void removeConfiguration(const QString &name, bool deprovision);
    // A run's plan, computed but not written; previewReady() follows. applyPlan() runs it if it is still the
    // plan.
    void preview(const QString &name);
    // One user's or group's way through a run of `name` (Explainer), and with `provision` a run that writes
    // exactly that object; explained() follows.
    void explain(const QString &name, const QString &text, bool provision);
    // Stores a configuration the admin created or edited, in the engine's own form; the scheduler picks it up
    // at its next tick. False with a message naming the key if the engine does not accept it.
    bool saveConfiguration(const QJsonObject &definition, QString *error);
    // Writes a stored configuration as JSON (secrets as references only, as stored) to `file`.
    bool exportConfiguration(const QString &name, const QString &file, QString *error) const;
    void applyPlan(const QString &name, const QList<RunResult> &plan);
    void refresh();
    bool isRunning(const QString &name = {}) const;
    // Asks the engine to stop (runs stop after their batch); shutDownComplete() follows.
    void shutdown();
    bool isShutDown() const { return m_shutDown; }

Q_SIGNALS:
    void engineStateChanged(const QString &text);
    void runStarted(const QString &name);
    // At most ten times a second per run: where it is ("Exporting users", 120 of 500; total 0 when unknown).
    void runProgress(const QString &name, const QString &phase, int done, int total);
    void runFinished(const Updraft::RunRecord &record);
    void message(const QString &text);
    void configurationRemoval(const QString &name, bool removed, const QString &message);
    void explained(const QString &name, const Updraft::Explanation &explanation);
    void previewReady(const QString &name, const Updraft::RunRecord &record,
                      const QList<Updraft::RunResult> &plan);
    void planApplied(const QString &name);
    void planChanged(const QString &name, const QList<Updraft::RunResult> &differences);
    void shutDownComplete();

private:
    void watchStore();
    void reloadAll();
    void onStarted(const QString &name, const QString &trigger);
    void onProgress(const QString &name, const QString &phase, int done, int total);
    void onFinished(const RunRecord &record);
    void flushProgress();
    void updateActions();
    void updateEngineState();

    Options m_options;
    std::unique_ptr<StateStore> m_store; // the GUI thread's connection: reads for the models
    QThread m_thread;
    SyncService *m_service = nullptr; // lives in m_thread
    RunsModel *m_runs = nullptr;
    ConfigurationsModel *m_configurations = nullptr;
    PasswordHashModel *m_hashes = nullptr;
    StagedDeletesModel *m_staged = nullptr;
    RecentRuns *m_recentRuns = nullptr;
    Notifier *m_notifier = nullptr;
    QAction *m_runNow = nullptr;
    QAction *m_fullSync = nullptr;
    QAction *m_cancel = nullptr;
    QAction *m_refresh = nullptr;
    QString m_current;
    struct Progress {
        QString phase;
        int done = 0;
        int total = 0;
    };
    QHash<QString, Progress> m_running; // configuration -> latest progress
    QSet<QString> m_progressPending;    // progress not shown yet: shown at most every 100 ms
    QTimer m_progressTimer;
    // Runs made by other processes (an agent, the CLI) appear without a refresh.
    QTimer m_watch;
    QString m_seen; // what the store's newest run was at the last look
    bool m_shutDown = false;
};

} // namespace Updraft
