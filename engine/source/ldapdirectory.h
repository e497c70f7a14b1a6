// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialect.h"
#include "ldapconnection.h"
#include "scope.h"
#include "sourcesnapshot.h"

#include <functional>

namespace Updraft {

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

    // Reads everything the scope selects. On failure returns false with error() set, and `out` must not be
    // used: a failed read is never a smaller directory.
    bool read(const Scope &scope, SourceSnapshot &out);
    const LdapError &error() const { return m_error; }

    // Whether any user or group under the base DN changed since `cookie` (RFC 4533, refreshOnly; only
    // entryUUIDs travel). Without a cookie it returns a first one. False when the server cannot tell (no
    // syncprov).
    // "auto": the change feed the directory offers; "usn" (AD): uSNChanged, even where DirSync works; "none":
    // no change check, every run reads the whole scope.
    void setChangeDetection(const QString &mode) { m_changeDetection = mode; }
    bool checkChanges(const QByteArray &cookie, LdapConnection::SyncCheck &out);

    // Where the objects with these immutableIds are now, anywhere under the base DN: immutableId -> DN. An
    // object that is not found was deleted from the directory. Used to explain deletes ("moved to …",
    // "deleted").
    bool locate(const QStringList &immutableIds, QHash<QString, QString> &dnByImmutableId);

private:
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
    qint64 m_entriesRead = 0;
    bool m_readCredentials = false;
    LdapConnection *m_ldap = nullptr; // during read()
    QString m_changeDetection = QStringLiteral("auto");
};

} // namespace Updraft
