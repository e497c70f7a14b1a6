// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "planner.h"
#include "source/credential.h"
#include "store/records.h"

#include <QDateTime>
#include <QHash>

#include <functional>

namespace Updraft {

class StateStore;
class Target;

// What to do with one user's hash in this run. Pure: the decision table of docs/password-hash-sync.md.
struct HashDecision {
    bool send = false;
    QString status; // when not sending: the user's status after this run
    QString reason;
    bool keep = false; // nothing changed: keep the stored row as it is
};

struct HashInput {
    const SourceCredential *credential = nullptr; // nullptr: nothing was read for this user
    bool linked = false;                          // the user exists in the cloud
    QString provisioningError;                    // why the user is not in the cloud, if known
    const PasswordHashState *previous = nullptr;
    QString digest; // of the credential now; empty when it is not usable (a resync empties the stored one)
    QDateTime now;
};

HashDecision decideHash(const HashInput &input);
// When a failed send is tried again: 2 minutes, doubling per attempt, at most an hour.
QDateTime nextHashAttempt(const QDateTime &now, int attempts);

// The password hash phase of a run: after users are created (so a new user gets their hash in the same run)
// and before groups. Sends what changed with PATCH, keeps each user's status in the store, and counts the
// statuses.
class PasswordHashExport
{
public:
    using ResultSink = std::function<void(const RunResult &)>;

    PasswordHashExport(Target &target, StateStore &store, qint64 configurationId, qint64 runId);

    // `users`: the desired users; `links`: the cloud objects as they are after the user phase; `failures`:
    // the provisioning error of each user that could not be exported, by anchor.
    void start(const QList<DesiredObject> &users, const QHash<QString, SourceCredential> &credentials,
               const QHash<QString, Link> &links, const QHash<QString, QString> &failures, ResultSink sink,
               std::function<void()> done);

    const QMap<QString, int> &counts() const { return m_counts; }
    // Whether start() forgets the status of users not in `users` (left scope, deleted): yes for a run, no
    // for one that provisions chosen objects only.
    void setForgetOthers(bool forget) { m_forgetOthers = forget; }
    // The keyed digest password_hashes keeps of a usable credential (StateStore::digestKey()); empty if it
    // is not usable.
    static QString digest(const QByteArray &key, const SourceCredential &credential);

private:
    struct Send {
        PasswordHashState state;
        const SourceCredential *credential;
        QString cloudId;
        QString digest;
        QString value; // what is sent: derived just before, dropped right after
    };
    QString digest(const SourceCredential &credential) const;
    static void derive(QList<Send> &sends);
    void dispatch(const Send &send);
    void record(PasswordHashState state, const QString &status, const QString &reason, int httpStatus,
                const QString &outcome, bool attempted);
    void finishOne();

    Target &m_target;
    StateStore &m_store;
    qint64 m_configurationId;
    qint64 m_runId;
    QByteArray m_key;
    ResultSink m_sink;
    std::function<void()> m_done;
    QMap<QString, int> m_counts;
    int m_inFlight = 0;
    bool m_started = false;
    bool m_forgetOthers = true;
};

} // namespace Updraft
