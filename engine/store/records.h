// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QString>

#include "storedjson.h"

namespace Updraft {

struct StoredConfiguration {
    qint64 id = 0;
    QString name;
    QJsonObject definition; // secret references only, never secrets
    QDateTime createdAt;
    QDateTime updatedAt;
};

// The tie between a source anchor and the cloud object this configuration created or matched. Only linked
// objects are ever updated or deleted.
struct Link {
    QString kind;   // "user" | "group"
    QString anchor; // immutableId
    QString cloudId;
    QString dn;
    QString displayName;
    QString origin;      // "created" | "matched"
    StoredJson exported; // the resource as last exported (no secrets), parsed when looked into
    QByteArray digest;   // SHA-256 of the exported resource, in hex (half a QString's size)
    QStringList members; // groups: cloud ids of the members last exported
};

// A write about to be sent whose outcome is not on record yet (see StateStore::recordIntents).
struct WriteIntent {
    QString kind;   // "user" | "group"
    QString anchor; // immutableId
    QString action; // "create" | "update"
    QString dn;
    qint64 runId = 0;
};

struct ObjectCounts {
    int created = 0;
    int updated = 0;
    int deleted = 0;
    int unchanged = 0;
    int failed = 0;
    int total() const { return created + updated + deleted + unchanged + failed; }
};

struct RunRecord {
    qint64 id = 0;
    qint64 configurationId = 0;
    QString configurationName;
    QString trigger; // "manual" | "schedule" | "on-demand"
    QString status;  // "running" | "success" | "warning" | "failed" | "stopped" | "interrupted" | "dry-run"
    QDateTime startedAt;
    QDateTime finishedAt;
    QString message;
    qint64 objectsRead = 0;
    ObjectCounts users;
    ObjectCounts groups;
    QMap<QString, int> passwordHashes; // status -> users, when password hash sync is on
    QString agent;                     // on a shared store: the agent (host:pid:…) that ran it
};

struct RunResult {
    QString kind; // "user" | "group"
    QString anchor;
    QString dn;
    QString displayName;
    QString action;  // "create" | "update" | "delete" | "unchanged" | "match" | "skip"
    QString outcome; // "success" | "failed" | "warning" | "planned"
    QString message;
    QStringList changes; // attributes written by an update
    QJsonArray diff;     // update: [{attribute, old, new}] as text, secrets never shown
};

// Where one user's password hash stands. What the console's password-hash panel and `updraft-cli hashes`
// show.
struct PasswordHashState {
    // The statuses, with what they mean for the admin.
    static constexpr auto Synced = "synced";           // the cloud has the current hash
    static constexpr auto Held = "held";               // must change password at next logon
    static constexpr auto Waiting = "waiting";         // the user is not provisioned (yet): see `reason`
    static constexpr auto Unsupported = "unsupported"; // cleartext or a scheme that is never sent
    static constexpr auto Missing = "missing";         // no readable hash
    static constexpr auto TargetRejected = "target-rejected"; // the cloud refused it: `httpStatus`, `reason`
    static constexpr auto Retrying = "retrying"; // transient failure; tried again at `nextAttempt`
    // How the reason of a hash that replication (MS-DRSR) could not bring begins.
    static constexpr auto ReplicationFailed = "password hashes could not be replicated from";

    QString anchor;
    QString dn;
    QString status;
    QString reason;
    QString scheme; // "NT" (sent as PPH1_MD4), "SSHA"…
    int httpStatus = 0;
    QString digest;      // keyed digest of the source hash last synced; empty: send on the next run
    QDateTime firstSeen; // when the current status began
    QDateTime lastAttempt;
    int attempts = 0; // sends tried while in the current status
    QDateTime nextAttempt;
    QDateTime syncedAt;
    qint64 runId = 0; // the run that last changed this row
};

// What the cloud directory said it supports when a run last asked it, in words (no secrets).
struct DiscoveredTarget {
    QString url;
    QStringList supports;    // "filters: eq only, 100 a page", "no bulk", "groups cannot contain groups"…
    QStringList assumptions; // what it did not say, and what was assumed instead
    QDateTime discoveredAt;
};

// Where the directory's change feed stood after the last completed run (RFC 4533 cookie).
struct SyncState {
    QByteArray cookie;
    QDateTime fullReadAt; // the last run that read the whole scope
};

// Where password hash replication stood after the last completed hash phase.
struct ReplicationState {
    QByteArray position; // opaque to the engine: the helper's
    QDateTime fullPassAt;
};

// The agent's bookkeeping for one configuration.
struct ScheduleState {
    int intervalSeconds = 0;       // as configured
    qint64 observedIntervalMs = 0; // between the starts of the last two scheduled runs
    QDateTime lastStartedAt;
    QDateTime nextRunAt;
    int consecutiveFailures = 0;
    QDateTime quarantinedUntil; // set while the configuration is quarantined
    QString quarantineReason;
    bool quarantined() const { return quarantinedUntil.isValid(); }
};

// One agent working on a shared store, as it last reported.
struct AgentRecord {
    QString id; // "host:pid:random", unique per process
    QString host;
    qint64 pid = 0;
    QString version;
    QDateTime startedAt;
    QDateTime seenAt;
};

// Who runs a configuration on a shared store. A lease is held until `expiresAt` (the database's clock) unless
// renewed; `generation` changes whenever it changes hands.
struct LeaseRecord {
    qint64 configurationId = 0;
    QString configurationName;
    QString holder;
    qint64 generation = 0;
    QDateTime expiresAt;
    QDateTime acquiredAt;
    bool live = false; // not expired
};

// A run asked of the configuration's leader (the console's "Run now" on a shared store).
struct RunRequest {
    qint64 id = 0;
    qint64 configurationId = 0;
    bool fullRead = false;
    QString requestedBy;
    QDateTime requestedAt;
};

// A delete the delete threshold held back. Approved ones are carried out by the next run; rejected ones are
// kept and not proposed again until their cause changes.
struct StagedDelete {
    qint64 id = 0;
    QString anchor;
    QString kind; // "user" | "group"
    QString dn;
    QString displayName;
    QString cloudId;
    QString cause;
    QString decision = QStringLiteral("pending"); // "pending" | "approved" | "rejected"
    QDateTime stagedAt;
    QDateTime decidedAt;
    qint64 runId = 0;
};

} // namespace Updraft
