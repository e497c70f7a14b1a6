// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "credential.h"
#include "directoryentry.h"

#include "core/objectkind.h"
#include "core/packedjson.h"

namespace Updraft {

struct SourceObject {
    ObjectKind kind = ObjectKind::User;
    QString normalizedDn;
    QString immutableId;            // base64 of the anchor bytes
    QString scopeReason;            // why it is in scope ("in OU …", "member of …")
    QStringList members;            // groups: normalised member DNs
    bool membersIncomplete = false; // groups: the directory sent only part of the member list
    DirectoryEntry entry;
    // Mapped as it was read (LdapDirectory::setObjectHandler): then `entry` keeps only its DN, and 100,000
    // entries are never held at once.
    PackedJson mapped;
    bool isMapped = false;
};

// Everything in scope, as read in one pass. Objects the dialect excludes (system objects, computers) are
// left out and listed in `skipped` with the reason; objects without a usable anchor in `unanchored`.
struct SourceSnapshot {
    QList<SourceObject> users;
    QList<SourceObject> groups;
    QList<QPair<QString, QString>> skipped; // (dn, reason)
    // In scope, but without a usable anchor: each one is a failure of the run, never a quiet skip, and the
    // object linked at its DN is not deleted because of it.
    struct Unanchored {
        ObjectKind kind = ObjectKind::User;
        QString dn;
        QString normalizedDn;
        QString reason;
    };
    QList<Unanchored> unanchored;
    // A read of what changed: the users provisioned before that did not change and are still in scope, not
    // read again. `userName` is theirs as last provisioned (filled in by whoever knows it).
    struct Carried {
        QString normalizedDn;
        QString immutableId;
        QString userName;
    };
    QList<Carried> carried;
    // Users' password hashes by immutableId, when asked for. Secret: never logged or stored.
    QHash<QString, SourceCredential> credentials;
    qint64 entriesRead = 0;
};

} // namespace Updraft
