// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialect.h"
#include "ldapconnection.h"
#include "scope.h"

#include <memory>

namespace Updraft {

// A container (OU, container, organization, domain) one level below another.
struct DirectoryContainer {
    QString dn;
    QString name;                // its first RDN value, for display
    bool mayHaveChildren = true; // containers below it, or entries the account may not be allowed to read
    qint64 users = 0;            // users in its subtree that the bind account can read
};

// What one level of the tree holds, as the bind account sees it.
struct DirectoryLevel {
    QList<DirectoryContainer> containers; // by name
    qint64 users = 0;                     // users anywhere in the subtree, `dn` included
    qint64 directUsers = 0;               // users right below `dn`, in no container
    // The server says entries lie below `dn` (hasSubordinates), yet the account reads none of them: an access
    // control hides them, and slapd answers such a search with success and no entries. Only servers that
    // publish hasSubordinates tell (OpenLDAP does); elsewhere such a level looks empty.
    bool unreadable = false;
};

struct DirectoryGroup {
    QString dn;
    QString name;
    qint64 members = 0;
    bool moreMembers = false; // AD sent the first range of `member` only: at least `members`
};

// Browses one directory for the scope picker: the containers below a DN with their user counts, groups by
// name, and how many users a scope selects. Blocking and not thread-safe, like the LdapConnection it opens on
// first use and keeps: create one per worker thread (or per task) and keep it there. Every call returns false
// with error() set when the directory could not be read.
class DirectoryBrowser
{
public:
    DirectoryBrowser(LdapSettings settings, QString baseDn, DirectoryType type);
    ~DirectoryBrowser();

    // The containers one level below `dn`, each with the number of users in its subtree, from two subtree
    // searches under `dn`: one for the containers (DN and hasSubordinates), one for the users (DNs only,
    // "1.1"). Each entry found counts for the child of `dn` it lies under.
    bool children(const QString &dn, DirectoryLevel &out);
    // The DNs of containers anywhere below the base DN whose name contains `text` (any case), by name, at
    // most `limit`; `truncated` tells whether more matched.
    bool findContainers(const QString &text, int limit, QStringList &out, bool *truncated);
    // Groups whose cn contains `text` (every group for an empty text), by name, with their member counts; at
    // most `limit`, `truncated` telling whether more matched.
    bool findGroups(const QString &text, int limit, QList<DirectoryGroup> &out, bool *truncated);
    // How many users a run with this scope provisions: LdapDirectory reads the scope as a run does.
    bool countUsers(const Scope &scope, qint64 &count);

    const LdapError &error() const { return m_error; }

private:
    bool ensureOpen();
    bool search(const QString &base, SearchScope scope, const QString &filter, const QStringList &attributes,
                const LdapConnection::EntryHandler &handler);
    QString containerFilter() const;

    LdapSettings m_settings;
    QString m_baseDn;
    std::unique_ptr<Dialect> m_dialect;
    std::unique_ptr<LdapConnection> m_ldap;
    LdapError m_error;
};

} // namespace Updraft
