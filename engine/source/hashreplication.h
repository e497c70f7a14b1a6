// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "credential.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

#include <functional>

namespace Updraft {

// How to reach a domain controller for password hash replication.
struct ReplicationSettings {
    QString server;        // the DC's network name (or address)
    QString address;       // where to connect, when not at `server` (Kerberos still asks for `server`)
    QString namingContext; // the domain's DN
    QString account;       // user@REALM or DOMAIN\user; empty with `kerberos`: the ticket cache's principal
    QByteArray password;   // with `account` and without `kerberos`
    bool kerberos = false;
    QString keytab;             // Kerberos: a client keytab instead of the ticket cache
    int inactivitySeconds = 60; // the helper saying nothing for this long is a failure
};

// Why a pass failed, in the helper's kinds: "rights", "logon", "unreachable", "sealing", "kerberos",
// "protocol", "samba-missing", "helper" (it could not be started or stopped without answering).
struct ReplicationError {
    QString kind;
    QString message;
};

// What one pass brought: the NT hash of each wanted user that was replicated, by objectGUID text.
struct ReplicationPass {
    QHash<QString, QByteArray> hashes; // 16 bytes, or empty: the account has no password
    QByteArray position;               // opaque: where the next delta pass starts
    bool full = false;                 // every wanted user was asked for, not only what changed
    QString fallback;                  // why a delta pass became a full one
    int returned = 0;                  // by the pass itself
    int fetched = 0;                   // one by one, after a delta pass
    int discarded = 0;                 // replicated, not wanted, dropped by the helper undecrypted
    double seconds = 0;
};

struct ReplicationRights {
    bool getChanges = false;
    bool getChangesAll = false;
    bool getChangesAllKnown = false; // the DC answers for the second right only with the first
};

// NT hashes from an Active Directory domain controller over MS-DRSR (IDL_DRSGetNCChanges), through the
// helper program updraft-replication-helper (Python with Samba's bindings: docs/password-hash-sync.md). One
// helper process per call; the password and the hashes pass only through its pipes. Blocking.
class HashReplication
{
public:
    explicit HashReplication(ReplicationSettings settings);

    // A full pass (`position` empty) or the changes since `position`, for the users in `want` (objectGUID
    // text); `fetch`: the wanted users whose hash is needed even when it did not change.
    bool replicate(const QByteArray &position, const QStringList &want, const QSet<QString> &fetch,
                   ReplicationPass &pass);
    // Only the users in `guids`, one by one, whether or not their password changed; no position.
    bool fetch(const QStringList &guids, ReplicationPass &pass);
    // Which of the two rights the account has.
    bool checkRights(ReplicationRights &rights);
    const ReplicationError &error() const { return m_error; }
    // The last failure in words, with what to do about it; for a refusal, which right is missing (asks the
    // domain controller again) and the dsacls lines that grant it on a Windows domain.
    QString explainError();
    // The rights `rights` lacks, quoted as Windows names them; the second only when it is known to be
    // missing.
    static QStringList missingRights(const ReplicationRights &rights);
    // What to grant for `rights` to be complete, as dsacls lines; empty when nothing is missing.
    static QStringList grants(const ReplicationRights &rights, const ReplicationSettings &settings);

    // A credential read from the directory with the user's replicated NT hash (`hash`: what the pass brought;
    // empty when the account has no password), its other facts (must change, when set) kept.
    static void apply(SourceCredential &credential, const QByteArray &hash);

    // The helper program: $UPDRAFT_REPLICATION_HELPER, else installed beside the binaries
    // (../libexec/updraft/), else the build tree's copy.
    static QString helperPath();

private:
    bool hashes(const QJsonObject &request, ReplicationPass &pass);
    bool run(const QJsonObject &request, const std::function<bool(const QJsonObject &)> &line);

    ReplicationSettings m_settings;
    ReplicationError m_error;
};

} // namespace Updraft
