// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialect.h"
#include "ldapconnection.h"
#include "scope.h"
#include "sourcesnapshot.h"

#include <QMap>
#include <QSet>

#include <functional>

namespace Updraft {

// One entry an admin named (LdapDirectory::find), for explaining its way through a run.
struct FoundEntry {
    ObjectKind kind = ObjectKind::User;
    // Whether the dialect's user or group filter selects it, that is whether any scope could hold it. An AD
    // computer or critical system object is found, but not synced.
    bool synced = false;
    DirectoryEntry entry;           // every attribute read, secrets removed
    QMap<QString, QString> secrets; // what was removed: attribute -> "present (SSHA)"; never the value
    SourceCredential credential;    // users: the password hash as the dialect reads it. Secret.
};

// Reads the objects in scope from one directory. Blocking; call it from a worker thread in the console.
class LdapDirectory
{
public:
    LdapDirectory(LdapSettings settings, QString baseDn, const Dialect &dialect);

    // Extra attributes the mapping reads.
    void setUserAttributes(const QStringList &attributes) { m_userAttributes = attributes; }
    void setGroupAttributes(const QStringList &attributes) { m_groupAttributes = attributes; }
    // Also read each user's password hash into SourceSnapshot::credentials.
    void setReadCredentials(bool read) { m_readCredentials = read; }
    // Called from read() with the number of entries received so far: after the first and then every 1,000.
    void setProgressHandler(std::function<void(qint64 entriesRead)> handler)
    {
        m_progress = std::move(handler);
    }
    // Called with each object in scope as it is accepted, before it is kept (a run maps it there and drops
    // its attributes). Users' credentials are already taken out of it.
    void setObjectHandler(std::function<void(SourceObject &)> handler)
    {
        m_objectHandler = std::move(handler);
    }

    // Reads everything the scope selects. On failure returns false with error() set, and `out` must not be
    // used: a failed read is never a smaller directory.
    bool read(const Scope &scope, SourceSnapshot &out);

    // What a change check found, and what was provisioned before.
    struct Changes {
        QStringList dns;                    // the changed entries, as they are now
        QSet<QString> deletedIds;           // immutableIds of deleted entries
        QHash<QString, QString> knownUsers; // normalised DN -> immutableId: the users provisioned so far
        // immutableId -> the normalised DNs of known users whose references (a manager) point at it: when it
        // changes, moves, leaves or goes, they are read again.
        QHash<QString, QStringList> referrers;
    };
    // Reads only what changed: every group in scope (as read() does), the users among `changes.dns` that
    // are in scope, and the users a scoping group brings in that are not known. The known users that did not
    // change and are still in scope go to out.carried, unread. A change to the scope itself needs read().
    bool readChanges(const Scope &scope, const Changes &changes, SourceSnapshot &out);
    const LdapError &error() const { return m_error; }

    // Whether any user or group under the base DN changed since `cookie` (RFC 4533, refreshOnly; only
    // entryUUIDs travel). Without a cookie it returns a first one. False when the server cannot tell (no
    // syncprov).
    // "auto": the change feed the directory offers; "usn" (AD): uSNChanged, even where DirSync works; "none":
    // no change check, every run reads the whole scope.
    void setChangeDetection(const QString &mode) { m_changeDetection = mode; }
    const Dialect &dialect() const { return m_dialect; }
    bool checkChanges(const QByteArray &cookie, LdapConnection::SyncCheck &out);
    // How many changed DNs and deleted ids a check with a cookie keeps for readChanges().
    void setKeepChanges(int count) { m_keepChanges = count; }

    // Where the objects with these immutableIds are now, anywhere under the base DN: immutableId -> DN. An
    // object that is not found was deleted from the directory. Used to explain deletes ("moved to …",
    // "deleted").
    bool locate(const QStringList &immutableIds, QHash<QString, QString> &dnByImmutableId);

    // The entries anywhere under the base DN that `text` names: a DN, or a user's uid, sAMAccountName,
    // userPrincipalName, cn, mail or displayName, or a group's cn. Users and groups the dialect syncs come
    // first; only when there is none are other persons and groups (computers, system objects) looked for. At
    // most `limit` entries.
    bool find(const QString &text, int limit, QList<FoundEntry> &out);
    // Whether the entry `dn` matches `filter`, as the server evaluates it (a base search).
    bool matches(const QString &dn, const QString &filter, bool *matched);
    // The filter read() selects users with: the dialect's, narrowed by scope.filter.
    QString scopeUserFilter(const Scope &scope) const;
    // How the last read() reached an entry through the scope's groups: the scoping group, then the groups
    // nested in it, down to the group that lists the entry (normalised DN in, DNs as the server spells them
    // out). Empty when no scoping group holds it, even if it was then left out (by scope.filter, say).
    QStringList groupChain(const QString &normalizedDn) const { return m_groupChains.value(normalizedDn); }
    // "member of group A, which the scope lists" or "member of group A through B → C (nested)".
    static QString membershipReason(const QStringList &chain);

private:
    bool readScope(const Scope &scope, const Changes *changes, SourceSnapshot &out);
    bool readChangedUsers(const Changes &changes, const QString &userFilter, const QStringList &userAttrs,
                          const std::function<QString(const QString &)> &scopeReason,
                          const QHash<QString, QString> &memberReason, QHash<QString, SourceObject> &users,
                          SourceSnapshot &out);
    bool searchInto(LdapConnection &ldap, const QString &base, const QString &filter,
                    const QStringList &attributes, const std::function<void(DirectoryEntry &&)> &handler,
                    const QString &what);
    QStringList withDialect(const QStringList &mapping, const QStringList &dialect) const;
    bool accept(ObjectKind kind, DirectoryEntry &&entry, const QString &reason,
                QHash<QString, SourceObject> &into, SourceSnapshot &out);
    // A group's members from `from` on, one range after the other (AD sends large member lists in ranges of
    // MaxValRange values). False if a range could not be read.
    bool readMemberRanges(const QString &groupDn, qint64 from, QStringList &members);

    LdapSettings m_settings;
    QString m_baseDn;
    const Dialect &m_dialect;
    QStringList m_userAttributes;
    QStringList m_groupAttributes;
    LdapError m_error;
    std::function<void(qint64)> m_progress;
    std::function<void(SourceObject &)> m_objectHandler;
    qint64 m_entriesRead = 0;
    bool m_readCredentials = false;
    LdapConnection *m_ldap = nullptr; // during read()
    QString m_changeDetection = QStringLiteral("auto");
    int m_keepChanges = 0;
    QHash<QString, QStringList> m_groupChains; // by the last read(): member ndn -> scoping group chain
};

} // namespace Updraft
