// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "records.h"
#include "runquery.h"
#include "sqldialect.h"
#include "storelocation.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>

#include <optional>

namespace Updraft {

// Updraft's state: configurations, links, runs and per-object results, in one SQLite file (WAL) or in a
// PostgreSQL database several agents share (storelocation.h). One instance per thread: each opens its own
// named connection. Writes that belong together go in one transaction, so a killed process leaves the store
// consistent.
class StateStore
{
public:
    // `location`: a SQLite file or a postgresql:// URL. `localDirectory`: where this machine keeps what is
    // not shared (run locks, the digest key); by default the SQLite file's directory, or defaultDirectory().
    explicit StateStore(QString location, QString localDirectory = {});
    ~StateStore();
    StateStore(const StateStore &) = delete;
    StateStore &operator=(const StateStore &) = delete;

    // Opens the file or connects, creating or migrating the schema step by step to the current version.
    bool open(QString *error);
    static int currentSchemaVersion();
    // Where the console and the CLI keep their state unless told otherwise: ~/.local/share/updraft.
    static QString defaultDirectory();
    static QString fileIn(const QString &directory); // the database's path in a state directory
    // Brings `db` from its version to `target` one step at a time; public for the migration tests.
    static bool migrate(QSqlDatabase &db, int target, QString *error);
    static int schemaVersion(const QSqlDatabase &db);
    // The location as given (a file or a URL without secrets): what messages show, and what another thread
    // opens a connection of its own with.
    QString path() const { return m_location.text; }
    const StoreLocation &location() const { return m_location; }
    bool isShared() const { return m_location.isShared(); }
    QString localDirectory() const { return m_localDirectory; }

    bool transaction();
    bool commit();
    void rollback();

    // Configurations.
    bool saveConfiguration(const QString &name, const QJsonObject &definition, qint64 *id, QString *error);
    std::optional<StoredConfiguration> configuration(const QString &name) const;
    QList<StoredConfiguration> configurations() const;
    bool removeConfiguration(const QString &name, QString *error);

    // Links.
    QHash<QString, Link> links(qint64 configurationId) const;
    // How many objects of `kind` ("user" | "group") are linked, without reading the links.
    int linkCount(qint64 configurationId, const QString &kind) const;
    bool saveLink(qint64 configurationId, const Link &link);
    // Many at once, a few statements for all (one round trip each to a PostgreSQL store); of two links of one
    // anchor the last counts.
    bool saveLinks(qint64 configurationId, const QList<Link> &links);
    bool removeLink(qint64 configurationId, const QString &anchor);
    // The configuration, other than `configurationId`, that links this cloud object; empty if none.
    QString linkOwner(const QString &cloudId, qint64 configurationId) const;

    // Write-ahead intents: recorded (in one transaction) before the writes go out, removed with their outcome
    // (with no anchors: all of the configuration's). Those left are what a killed run sent, or was about to.
    bool recordIntents(qint64 configurationId, const QList<WriteIntent> &intents);
    QList<WriteIntent> intents(qint64 configurationId) const;
    bool clearIntents(qint64 configurationId, const QStringList &anchors = {});
    // All the configuration's intents (of run `runId` only, when given) but those of the anchors in `keep`.
    bool clearIntentsExcept(qint64 configurationId, const QSet<QString> &keep, qint64 runId = 0);

    // Runs. Starting a run marks any run of the same configuration still "running" (its process died, or lost
    // its lease) as interrupted. On a shared store a run carries its agent and lease generation, and its end
    // is refused (false, lastError() says why) once another agent has taken the lease: fencing.
    qint64 startRun(qint64 configurationId, const QString &trigger, const QString &agent = {},
                    qint64 leaseGeneration = 0);
    bool finishRun(const RunRecord &run);
    bool addResult(qint64 runId, const RunResult &result);
    bool addResults(qint64 runId, const QList<RunResult> &results);
    QList<RunRecord> runs(const QString &configurationName = {}, int limit = 50) const;
    std::optional<RunRecord> run(qint64 id) const;
    QList<RunResult> results(qint64 runId) const;
    // The history, a page at a time, filtered and sorted by the store.
    QList<RunRecord> queryRuns(const RunQuery &query, int offset, int limit) const;
    int countRuns(const RunQuery &query) const;

    // Password hash sync (passwordhashstore.cpp).
    QHash<QString, PasswordHashState> passwordHashes(qint64 configurationId) const;
    QMap<QString, int> passwordHashCounts(qint64 configurationId) const; // status -> users
    bool savePasswordHash(qint64 configurationId, const PasswordHashState &state);
    bool removePasswordHash(qint64 configurationId, const QString &anchor);
    // Forgets what was sent, so the next run sends every user's hash again. Returns how many users that is.
    int requestHashResync(qint64 configurationId);
    // Sends this user's hash on the next run, whatever its back-off said. False if the user is unknown.
    bool retryPasswordHash(qint64 configurationId, const QString &anchor);
    // The key of the digests in password_hashes: 32 random bytes in a file of its own beside the database
    // (mode 0600), so that the database alone cannot be used to test password guesses.
    QByteArray digestKey(QString *error) const;

    // Deletes held by the delete threshold (stageddeletestore.cpp).
    QList<StagedDelete> stagedDeletes(qint64 configurationId) const;
    bool stageDelete(qint64 configurationId, const StagedDelete &staged);
    bool removeStagedDelete(qint64 configurationId, const QString &anchor);
    // Sets the decision of the given staged deletes (all pending ones when `ids` is empty); returns how many
    // changed.
    int decideDeletes(qint64 configurationId, const QList<qint64> &ids, const QString &decision);

    // Delta reads (schedulestore.cpp).
    SyncState syncState(qint64 configurationId) const;
    bool saveSyncState(qint64 configurationId, const SyncState &state);
    // Password hash replication's position (schedulestore.cpp): empty when there is none.
    ReplicationState replicationState(qint64 configurationId) const;
    bool saveReplicationState(qint64 configurationId, const ReplicationState &state);

    // What the cloud directory said it supports at the last run (discoverystore.cpp).
    std::optional<DiscoveredTarget> discoveredTarget(qint64 configurationId) const;
    bool saveDiscoveredTarget(qint64 configurationId, const DiscoveredTarget &target);

    // Targets that process writes later (Entra's inbound provisioning): what became of an object sent by an
    // earlier run is attached to that run's "accepted" result, the latest one sent before `processedAt`; a
    // failure also counts in that run. Returns the run's id, or 0 when no accepted result waits for it.
    // `sentAction` gets what the run did ("create", "update", "disable").
    // `entryId`: the target's id of the log entry; an entry attached before is not attached again.
    qint64 attachDeferredResult(qint64 configurationId, const QString &entryId, const QString &anchor,
                                const QString &outcome, const QString &message, const QDateTime &processedAt,
                                QString *sentAction);
    int acceptedResultsWaiting(qint64 configurationId) const;
    QDateTime deferredResultsCheckedUntil(qint64 configurationId) const;
    bool saveDeferredResultsCheckedUntil(qint64 configurationId, const QDateTime &until);
    // Calls made today against a target's daily budget; `key` names the budget (e.g. the tenant).
    int budgetedCalls(const QString &key, QDate day) const;
    bool addBudgetedCalls(const QString &key, QDate day, int calls);

    // Several agents on a shared store (leasestore.cpp). Times that decide who leads are the database's.
    // Takes `holder`'s lease on the configuration or renews it for `durationMs`: the generation held, 0 when
    // another holder's lease is live, -1 on error.
    qint64 acquireLease(qint64 configurationId, const QString &holder, qint64 durationMs);
    // Gives it up at once, so that another agent can take it without waiting for it to expire.
    bool releaseLease(qint64 configurationId, const QString &holder);
    // What is left of `holder`'s lease at `generation`, in ms (<= 0: not held any more).
    qint64 leaseRemainingMs(qint64 configurationId, const QString &holder, qint64 generation) const;
    QList<LeaseRecord> leases() const;
    bool reportAgent(const AgentRecord &agent);
    // The agents that reported within `withinMs`.
    QList<AgentRecord> agents(qint64 withinMs) const;
    qint64 requestRun(qint64 configurationId, const QString &requestedBy, bool fullRead);
    // The oldest open request of the configuration, marked taken by `agent`; nullopt when none is open.
    std::optional<RunRequest> takeRunRequest(qint64 configurationId, const QString &agent);
    int openRunRequests(qint64 configurationId) const;

    // The agent's schedule (schedulestore.cpp).
    std::optional<ScheduleState> scheduleState(qint64 configurationId) const;
    bool saveScheduleState(qint64 configurationId, const ScheduleState &state);

    QString lastError() const { return m_lastError; }
    QSqlDatabase database() const;

private:
    bool exec(class QSqlQuery &query) const;

    bool connect(QSqlDatabase &db, QString *error);
    bool openPostgres(QSqlDatabase &db, QString *error) const;
    void reconnectIfLost() const;
    SqlDialect::Dialect dialect() const;

    StoreLocation m_location;
    QString m_locationError;
    QString m_localDirectory;
    QString m_connection;
    mutable QString m_lastError;
    mutable qint64 m_reconnectedAt = 0; // ms since the epoch
};

} // namespace Updraft
