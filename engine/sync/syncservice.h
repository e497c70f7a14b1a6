// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explanation.h"
#include "store/records.h"

#include <QObject>
#include <QSet>

#include <functional>

#include <memory>

namespace Updraft {

class Scheduler;
class StateStore;

// The engine as the console sees it: one object that runs configurations (on their schedules and on demand)
// and reports with coarse signals. It opens its own connection to the store and must live in a thread of its
// own (moveToThread before open()); every method is then called through QMetaObject::invokeMethod and every
// signal arrives queued, so that reading the directory or writing the store never blocks the GUI.
class SyncService : public QObject
{
    Q_OBJECT
public:
    // `storePath`: a SQLite file or a shared store's URL; `localDirectory`: what this machine keeps itself.
    SyncService(QString storePath, QString localDirectory, QObject *parent = nullptr);
    ~SyncService() override;

    // Opens the store; with `schedule`, also runs the enabled configurations on their schedules. opened()
    // follows.
    void open(bool schedule);
    // Runs one configuration, or every one when `name` is empty, as soon as each is free. On a shared store,
    // a configuration an agent leads is run by that agent: the request goes through the store (message()
    // says so) and its run appears in the history when it is done.
    void runNow(const QString &name, bool fullRead);
    // Asks runs in progress (of `name`, or all) to stop after their current batch.
    void cancel(const QString &name);
    // Decides staged deletes of `name` ("approved" or "rejected"; every pending one when `ids` is empty).
    // With `runNow`, approved deletes are carried out by a run started at once. deletesDecided() follows.
    void decideDeletes(const QString &name, const QList<qint64> &ids, const QString &decision, bool runNow);
    // The plan of a run, read and computed but not written (a dry run); previewReady() follows.
    void preview(const QString &name);
    // Runs `name` if its plan now is `reviewed` (planApplied()); if the directory changed meanwhile, says how
    // (planChanged()) and runs nothing.
    void applyPlan(const QString &name, const QList<Updraft::RunResult> &reviewed);
    // Removes a configuration, leaving its cloud objects or deleting them first (Decommission);
    // configurationRemoval() follows.
    void removeConfiguration(const QString &name, bool deprovision);
    // Sends this user's password hash on a run started now, whatever its back-off said.
    void retryPasswordHash(const QString &name, const QString &anchor);
    // "Provision on demand / explain": takes the user or group that `text` names (a DN, or a name, uid,
    // mail…) through a run of `name` step by step and says why it goes where it goes (Explainer); explained()
    // follows. With `provision`, an object with something to write is then provisioned alone: the scheduler
    // starts a run of `name` with RunOptions::only as soon as the configuration is free (trigger "on-demand",
    // runStarted() and runFinished() as for any run), and explained() follows that run, with its result.
    void explain(const QString &name, const QString &text, bool provision);
    // Stops scheduling, lets runs stop after their batch and closes the store; shutDown() follows.
    void shutdown();

Q_SIGNALS:
    void opened(bool ok, const QString &error);
    void runStarted(const QString &name, const QString &trigger);
    void runProgress(const QString &name, const QString &phase, int done, int total);
    void runFinished(const Updraft::RunRecord &record);
    // The configuration's quarantine began (`reason` says why) or ended (`reason` is empty).
    void quarantineChanged(const QString &name, bool quarantined, const QString &reason);
    void message(const QString &text); // for the status bar: what the engine did that no run says
    void deletesDecided(const QString &name, int count, const QString &decision);
    void configurationRemoval(const QString &name, bool removed, const QString &message);
    void previewReady(const QString &name, const Updraft::RunRecord &record,
                      const QList<Updraft::RunResult> &plan);
    void planApplied(const QString &name);
    void planChanged(const QString &name, const QList<Updraft::RunResult> &differences);
    void explained(const QString &name, const Updraft::Explanation &explanation);
    void shutDown();

private:
    void finished(const RunRecord &record);
    // Shared store: asks the agent that leads `name` for a run; false when none does.
    bool askLeader(const QString &name, bool fullRead);
    // A dry run of `name`; `then` gets its record and plan (an empty plan and a failed record if it could not
    // run).
    void dryRun(const QString &name, std::function<void(const RunRecord &, const QList<RunResult> &)> then);

    QString m_storePath;
    QString m_localDirectory;
    std::unique_ptr<StateStore> m_store;
    std::unique_ptr<Scheduler> m_scheduler;
    QSet<QString> m_quarantined;
    QHash<QString, Explanation> m_provisioning; // by configuration: waiting for its on-demand run
};

} // namespace Updraft
