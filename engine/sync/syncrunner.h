// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/configuration.h"
#include "deleteplan.h"
#include "desiredstate.h"
#include "source/credential.h"
#include "source/ldapdirectory.h"
#include "store/records.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>

#include <functional>
#include <memory>
#include <optional>

class QLockFile;
class QThread;

namespace Updraft {

class Dialect;
class LdapDirectory;
class Leadership;
class LeaseToken;
class PasswordHashExport;
class StateStore;
class Target;
struct TargetReply;

struct RunOptions {
    QString trigger = QStringLiteral("manual");
    bool dryRun = false; // plan only: nothing is written to the target or the store
    bool full = false;   // read the whole scope even when the directory reports no change
    // Provisioning on demand: when not empty, the run reads and plans as any run does, but writes only the
    // objects with these anchors (immutableIds): their create, update or delete, a chosen group's
    // memberships, a chosen user's password hash. Nothing else is written, deleted or staged; the
    // configuration must be in the store and is used as stored; the change-feed position does not move (the
    // run applied only part of what changed).
    QSet<QString> only = {};
    // Keep every result in memory (results()); otherwise only the failures, warnings and what concerns the
    // run as a whole, the rest being in the store: a run over 100,000 objects need not hold them all.
    bool keepResults = true;
    // On a shared store: the agent's lease on the configuration. Without one, the run takes the lease itself
    // for its duration, and does not run while another agent holds it.
    std::shared_ptr<LeaseToken> lease = {};
};

// One sync cycle of one configuration: read the directory, plan, export, record. The runner, its store and
// its client live in one thread (the console's engine thread, or the CLI's main thread); the directory is
// read on a worker thread of the run's own, so that a slow or hung directory never stalls another
// configuration's run, a cancel or an explain on that thread; the export is asynchronous. finished() is
// emitted exactly once.
//
// Export order: users (create / update), then users' references that point at objects created in this run,
// then groups, then memberships, then deletes. Each write is recorded with its link as it completes, in
// batched transactions; a run killed midway leaves links for what reached the target, and the next run
// matches the rest by externalId before creating anything.
class SyncRunner : public QObject
{
    Q_OBJECT
public:
    SyncRunner(Configuration configuration, StateStore &store, RunOptions options = {},
               QObject *parent = nullptr);
    ~SyncRunner() override;

    void start();
    // Asks the run to stop after the batch in progress; it then finishes with status "interrupted".
    void cancel();

    const RunRecord &record() const { return m_record; }
    // Result rows of this run (for a dry run: the plan, with outcome "planned").
    const QList<RunResult> &results() const { return m_allResults; }

Q_SIGNALS:
    void progress(const QString &phase, int done, int total);
    void finished(const Updraft::RunRecord &record);

private:
    enum class Outcome { Created, Updated, Unchanged, Failed, Deleted };

    void fail(const QString &message);        // the run could not go on: status "failed"
    void stopByGuard(const QString &message); // a safety guard stopped it before any delete: status "stopped"
    void end(const QString &status, const QString &message);
    void beginPhase(const QString &name, int total, std::function<void()> next, int alreadyDone = 0);
    void operationDone();
    void targetDiscovered();
    void collectDeferredResults();
    QString budgetKey() const;
    void recordRequests();
    void exportObjects(ObjectKind kind);
    void exportWave(ObjectKind kind, const QList<DesiredObject *> &remaining, int done, int total);
    void exportPendingReferences();
    void exportPasswordHashes();
    void exportMemberships();
    void exportDeletes();
    bool planDeletes(LdapDirectory &directory); // false: the run was stopped
    // The directory's part of a run (syncrunnerread.cpp), each LDAP step on the read worker:
    // asks the change feed, then finishes an idle run or reads what changed (or everything), then plans.
    struct ChangeCheck;
    void checkChangesThenRead();
    ChangeCheck planChangeCheck() const;                   // from the store
    void runChangeCheck(ChangeCheck &check) const;         // on the worker: LDAP only
    bool finishIfNothingChanged(const ChangeCheck &check); // keeps in m_changes what a delta read reads
    void readThenPlan();
    bool readSource(); // on the worker: LDAP only
    void afterRead();
    // Runs `work` on the read worker, then `then` on the runner's thread.
    void offThread(std::function<void()> work, std::function<void()> then);
    void replicateHashes(const QByteArray &bindPassword); // syncrunnerreplication.cpp
    void keepDnCurrent(const DesiredObject &object);
    void feedWave();
    void keepResult(const RunResult &r);
    QString deleteCause(const PlannedChange &d, bool located, const QString &dnNow) const;
    void dryRun();
    void finish();

    void createOrMatch(const DesiredObject &object);
    void adopt(const DesiredObject &object, const QJsonObject &cloud, const QString &how);
    void create(const DesiredObject &object);
    void update(const DesiredObject &object, const PlannedChange &change);
    void remove(const PlannedChange &change);
    void removeThen(const PlannedChange &change, const QString &because, std::function<void()> next);
    const PlannedChange *leaverHolding(const QString &cloudId) const;

    void linked(const DesiredObject &object, const QString &cloudId, const QString &origin);
    void result(ObjectKind kind, const QString &anchor, const QString &dn, const QString &name,
                const QString &action, const QString &outcome, const QString &message,
                const QStringList &changes = {}, const QJsonArray &diff = {});
    void failed(ObjectKind kind, const QString &anchor, const QString &dn, const QString &name,
                const QString &action, const TargetReply &reply);
    void setOutcome(const QString &anchor, ObjectKind kind, Outcome outcome);
    QString anchorChangeRefused(const QJsonObject &storedSource) const;
    bool takeRunLock();
    // On a shared store (syncrunnerlease.cpp): the configuration's lease, taken or given; false: the run
    // failed.
    bool takeLease();
    // The lease ran out or changed hands: nothing more may be written. Ends the run when so.
    bool stopIfLeaseLost();
    QString leaseHolder() const; // empty without a lease
    void reportLeftOut(const SourceSnapshot &snapshot, bool onDemand, bool usersOnly);
    // Write-ahead intents (syncrunnerintents.cpp).
    struct IntentResolution {
        int waiting = 0;
        std::function<void()> next;
        QSet<QString> unresolved;                       // kept for the next run
        QList<std::pair<WriteIntent, QString>> orphans; // created by a killed run, out of scope: cloud id
    };
    bool recordIntents(const QList<const DesiredObject *> &objects, const QString &action = {});
    QStringList settledIntents() const;
    void resolveIntents(std::function<void()> next);
    void finishIntentResolution(const std::shared_ptr<IntentResolution> &state);
    // Writes pending results and links; in a transaction of its own unless the caller holds one.
    void flush(bool ownTransaction = true);

    Configuration m_config;
    StateStore &m_store;
    QByteArray m_bindPassword; // secret: for the read and hash replication, never logged or stored
    QByteArray m_token;        // secret: the target's
    QHash<QString, QString> m_variables;
    std::unique_ptr<Dialect> m_dialect;
    std::unique_ptr<LdapDirectory> m_directory;
    std::unique_ptr<QThread> m_worker;
    SourceSnapshot m_snapshot; // from the read until it is planned
    bool m_readOk = false;
    RunOptions m_options;
    std::unique_ptr<Target> m_target;
    DesiredState::NestedGroups m_nested = DesiredState::NestedGroups::Keep;
    std::unique_ptr<DesiredState> m_desired;
    QHash<QString, SourceCredential> m_credentials; // secret; only with password hash sync
    QHash<QString, QString> m_exportErrors;         // anchor -> why the object could not be exported
    std::unique_ptr<PasswordHashExport> m_hashes;
    DeletePlan m_deletePlan;
    QSet<QString> m_removedEarly;      // leavers deleted during the user writes, to free their userName
    std::unique_ptr<QLockFile> m_lock; // held from start to finished()
    std::unique_ptr<Leadership> m_ownLeadership; // a lease this run took itself, kept renewed until it ends
    std::shared_ptr<LeaseToken> m_lease;         // shared store: the lease its writes depend on
    QHash<QString, QString> m_deferredFailures;  // anchor -> what the target reported of its last record
    QHash<QString, int> m_createAttempts;        // creates that failed ambiguously and were looked up again
    QString m_noChangeFeed;                      // why the directory cannot tell what changed, when it cannot
    QSet<QString> m_unanchoredDns;
    QSet<QString> m_unanswered;  // anchors whose write got no usable answer: its intent stays // normalised
                                 // DNs of the objects in scope that have no usable anchor
    bool m_scopeChanged = false; // the scope differs from the one the last run used
    QString m_previousStatus;    // of this configuration's last run
    SyncState m_sync;            // the change-feed position this run reaches, saved when it completes
    ReplicationState m_replication; // password hash replication's position, saved after the hash phase
    bool m_fullRead = false;
    // What changed, when this run reads only that; and why a run with a change feed reads everything.
    std::optional<LdapDirectory::Changes> m_changes;
    QString m_fullReadReason;
    // The wave going out: its objects, the next to send, and the phase's count when it began.
    QList<DesiredObject *> m_wave;
    qsizetype m_waveNext = 0;
    int m_waveStart = 0;
    bool m_feeding = false;

    RunRecord m_record;
    QHash<QString, Link> m_links;
    QHash<QString, std::pair<ObjectKind, Outcome>> m_outcomes;
    QList<RunResult> m_allResults;
    QList<RunResult> m_pendingResults;
    QElapsedTimer m_sinceFlush; // since the last flush that reached the store, or the runner was made
    QList<Link> m_pendingLinks;
    QStringList m_pendingUnlinks;
    int m_writes = 0;
    int m_failedWrites = 0;
    bool m_targetUnusable = false; // a failure said: unreachable, credentials refused, or server error
    QString m_firstWriteError;

    QString m_phase;
    int m_phaseTotal = 0;
    int m_phaseDone = 0;
    std::function<void()> m_next;
    bool m_finished = false;
    bool m_cancelRequested = false;
};

} // namespace Updraft
