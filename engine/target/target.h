// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/objectkind.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>

// The seam between the sync core and a cloud directory. The core speaks only these engine types: resource
// documents (core/resource.h), cloud ids, and replies that say what went wrong in engine terms. Everything a
// protocol knows (SCIM filters, PatchOp, Bulk, schemas, throttling) stays behind it, in one implementation
// per target type.
namespace Updraft {

// How a target answered one request.
struct TargetReply {
    enum class Error {
        None,
        NotFound,     // the object is not (or no longer) there
        Conflict,     // a uniqueness clash, e.g. the userName is taken
        Refused,      // the target refused this object's request (its data, its schema)
        Unreadable,   // an answer came that cannot be read: never taken as "nothing there"
        Unauthorized, // the credentials were refused
        Forbidden,    // the credentials may not do this
        Unreachable,  // no answer: network, TLS, timeout
        ServerError,  // the target failed itself (5xx)
    };
    Error error = Error::None;
    int status = 0;  // the protocol's status (HTTP), 0 when there was none
    QString message; // for the admin: what the target said, and what to check
    bool ok() const { return error == Error::None; }
    // Not a problem of the object: the target cannot be used at all right now.
    bool targetUnusable() const
    {
        return error == Error::Unreachable || error == Error::Unauthorized || error == Error::Forbidden ||
               error == Error::ServerError;
    }
};

// The cloud objects that may be an unlinked object's counterpart.
struct FoundObjects : TargetReply {
    QJsonObject byExternalId; // the object whose externalId is the anchor
    QJsonObject byUserName;   // users, with soft matching: the one with this userName (any case)
};

struct CreatedObject : TargetReply {
    QString id;
};

struct FetchedObject : TargetReply {
    QJsonObject resource;
};

struct MemberReference {
    QString id;
    ObjectKind kind = ObjectKind::User;
};

struct MembersChange {
    QList<MemberReference> add;
    QStringList remove; // cloud ids
    bool isEmpty() const { return add.isEmpty() && remove.isEmpty(); }
};

// A password hash on its way to the cloud; `value` lives only in the request.
struct PasswordHashValue {
    QString format; // "PPH1_MD4" | "RFC2307"
    QString value;
    QDateTime changedAt;
};

// What the target said it supports, in the terms the core acts on.
struct TargetCapabilities {
    bool groups = true;  // takes groups; when not, groups in scope are left out (said once a run)
    bool deletes = true; // deletes objects; when not, remove() disables them and keeps them
    bool lookups = true; // find() and fetch() can read what the target holds
    // Objects are known by their externalId: a reference (a manager) carries it, and need not wait for the
    // referenced object to exist.
    bool referencesByExternalId = false;
    // The target accepts writes and processes them later: a write's reply says only "accepted"...
    bool writesDeferred = false;
    // ...and what became of each object can be read from deferredResults() (on a later run).
    bool deferredResults = false;
    bool nestedGroups = true;    // a group may be a member of a group
    bool ownerMark = false;      // objects can be marked with the configuration that provisions them
    bool passwordHashes = false; // takes password hashes
    QStringList summary;         // in words, for the connection test and the configuration page
    QStringList assumptions;     // what it did not say, and what is assumed instead
};

// A resource made to fit what the target has.
struct Conformed {
    QJsonObject resource;
    QStringList dropped;         // attributes the target does not have (or does not let anyone write)
    QStringList missingRequired; // attributes the target requires that are empty
};

// What became of one object accepted earlier by a target that processes writes later.
struct DeferredResult {
    QString entryId; // the target's id of the log entry
    QString anchor;  // the externalId the object was sent with
    QString action;  // "create" | "update" | "disable" | "other": what the target did
    QString outcome; // "success" | "failed" | "skipped" | "warning"
    QString message; // the target's reason, for the admin
    QString cloudId; // the target's own id of the object, when it has one
    QDateTime at;    // when the target processed it
};

struct DeferredResults : TargetReply {
    QList<DeferredResult> results; // oldest first
    QDateTime checkedUntil;        // ask from here the next time
};

struct TargetStatistics {
    int requests = 0; // protocol requests sent, retries included
    int retries = 0;
    int throttled = 0;
    int lookups = 0;       // reads made to find or fetch objects (listing pages included)
    int writes = 0;        // object writes (each operation of a bulk request counts)
    int bulkRequests = 0;  // bulk requests carrying them
    int budgetedCalls = 0; // calls that count against a daily budget of the target (0 when it has none)
};

// Microsoft Entra ID's API-driven inbound provisioning (target type "entra-inbound").
struct EntraSettings {
    QUrl authority; // https://login.microsoftonline.com, or a sovereign cloud's
    QString tenant;
    QString clientId;
    QString certificateFile;   // with a certificate the secret is its private key (PEM), else a client secret
    QByteArray certificatePem; // read from certificateFile; empty when it could not be read
    QString servicePrincipalId; // the provisioning app's service principal
    QString jobId;              // its provisioning job
    int callsPerWindow = 40;    // bulkUpload calls allowed in any window of windowSeconds
    int windowSeconds = 5;
    int dailyCallLimit = 2000; // calls a tenant may make a day (2,000 with P1/P2, 6,000 with ID Governance)
    int callsUsedToday = 0;    // already made today (UTC), by earlier runs
};

// How to reach a target; built from the configuration's `target` section.
struct TargetSettings {
    QString type = QStringLiteral("scim");
    QUrl url;
    QByteArray token; // secret, never logged: the bearer token; entra-inbound: client secret or private key
    bool softMatch = true;
    int maxInFlight = 4;
    int timeoutSeconds = 30;
    int maxAttempts = 6;
    EntraSettings entra; // type "entra-inbound": url is the Graph base (https://graph.microsoft.com)
    QString caFile;      // SCIM: CA certificates (PEM) trusted besides the system's
};

// A cloud directory, asynchronous. Lives in one thread; callbacks run in that thread. discover() comes first;
// every other call may be made before it answers and waits for it.
class Target : public QObject
{
    Q_OBJECT
public:
    template <typename Reply> using Callback = std::function<void(const Reply &)>;
    using Done = Callback<TargetReply>;

    using QObject::QObject;

    // Learns what the target supports (once per object; a run makes one). Fails only when the target cannot
    // be used at all: what it does not say is assumed from its standard's minimum and listed in
    // capabilities().assumptions.
    virtual void discover(Done done) = 0;
    virtual const TargetCapabilities &capabilities() const = 0;
    // `resource` restricted to what the target has, with what had to go and what is missing.
    virtual Conformed conform(ObjectKind kind, const QJsonObject &resource) const = 0;

    // Says that about `count` find() calls for `kind` follow, so that the target can choose how to answer
    // them (one listing of what it holds instead of a lookup each); `done` when it has.
    virtual void prepareLookups(ObjectKind kind, int count, Done done) = 0;
    // The cloud objects with this externalId and, for users when `userName` is not empty, with this userName.
    virtual void find(ObjectKind kind, const QString &externalId, const QString &userName,
                      Callback<FoundObjects> done) = 0;
    virtual void fetch(ObjectKind kind, const QString &id, Callback<FetchedObject> done) = 0;
    // How many users the target holds (the connection test).
    virtual void countUsers(Callback<FetchedObject> done) = 0;

    virtual void create(ObjectKind kind, const QJsonObject &resource, Callback<CreatedObject> done) = 0;
    // Writes the attributes that differ between `before` (what was last exported, or the cloud's managed
    // part) and `after`; attributes neither mentions are left as they are.
    virtual void update(ObjectKind kind, const QString &id, const QJsonObject &before,
                        const QJsonObject &after, Done done) = 0;
    // Deletes the object; a target without deletes disables it, sending `lastExported` marked inactive.
    virtual void remove(ObjectKind kind, const QString &id, const QJsonObject &lastExported, Done done) = 0;
    virtual void changeMembers(const QString &groupId, const MembersChange &change, Done done) = 0;
    virtual void sendPasswordHash(const QString &userId, const PasswordHashValue &hash, Done done) = 0;

    // What became of objects a target that processes writes later was sent since `since`; a target that
    // answers each write at once has nothing to say.
    virtual void deferredResults(const QDateTime &since, Callback<DeferredResults> done);

    // Requests queued or in flight.
    virtual int pending() const = 0;
    virtual TargetStatistics statistics() const = 0;
};

// What a target of `type` calls the attribute a mapping writes (e.g. Entra ID's userPrincipalName for
// userName), when it names it otherwise; empty when it does not.
QString cloudPropertyFor(const QString &type, const QString &attribute);

// The implementation `settings.type` names; nullptr with `error` set for an unknown type.
std::unique_ptr<Target> createTarget(const TargetSettings &settings, QString *error = nullptr);

} // namespace Updraft
