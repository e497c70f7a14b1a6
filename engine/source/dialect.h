// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "credential.h"
#include "directoryentry.h"

#include <memory>

namespace Updraft {

enum class DirectoryType { OpenLdap, ActiveDirectory, Dirsrv };

namespace DirectoryTypes {
// The configuration's names: "openldap", "activedirectory", "389ds".
QString key(DirectoryType type);
bool fromKey(const QString &key, DirectoryType *type);
QString allKeys(); // "openldap, activedirectory, 389ds", for messages
// What an admin calls it: "OpenLDAP", "Active Directory", "389 Directory Server".
QString displayName(DirectoryType type);
// The anchor attribute a directory of this type uses unless the configuration names another.
QString defaultAnchorAttribute(DirectoryType type);
// The type a server's root DSE suggests (vendorName, vendorVersion, and AD's own attributes), if any.
bool fromRootDse(const DirectoryEntry &rootDse, DirectoryType *type);
} // namespace DirectoryTypes

// What differs between directory products: which entries are users and groups, where the anchor comes from,
// and which accounts are never synced. The reader and the mapping ask the dialect; nothing else branches on
// the type.
class Dialect
{
public:
    virtual ~Dialect() = default;
    // `anchorAttribute`: the configuration's choice for an LDAP directory; empty for the type's default.
    // Active Directory's anchor is fixed (ms-DS-ConsistencyGuid, else objectGUID).
    static std::unique_ptr<Dialect> create(DirectoryType type, const QString &anchorAttribute = {});

    virtual DirectoryType type() const = 0;
    virtual QString userFilter() const = 0;
    virtual QString groupFilter() const = 0;
    // Attributes always fetched, whatever the mapping asks for.
    virtual QStringList userAttributes() const = 0;
    virtual QStringList groupAttributes() const = 0;
    virtual QStringList memberAttributes() const = 0;
    // The anchor bytes as stored, or empty when the entry has no usable anchor (anchorProblem() says why).
    virtual QByteArray anchor(const DirectoryEntry &entry) const = 0;
    // Why an entry has no usable anchor, naming the attribute, and what fixes it.
    virtual QString anchorProblem(const DirectoryEntry &entry) const = 0;
    // An LDAP filter that finds the entry with this anchor, wherever it is now.
    virtual QString anchorFilter(const QByteArray &anchor) const = 0;
    // Which attribute supplied the anchor, for explanations.
    virtual QString anchorAttribute(const DirectoryEntry &entry) const = 0;
    // Whether the change feed names entries (RFC 4533 syncUUID, DirSync's objectGUID) by their anchor bytes:
    // only then can a deleted entry it reports be told by its anchor.
    virtual bool changeFeedIdIsAnchor() const = 0;
    // What lets this directory tell a run what changed, for when it cannot ("load the syncprov overlay…").
    virtual QString changeFeedAdvice() const = 0;
    // Password hashes: what to read, and the credential in an entry that has them. Directories that hand out
    // hashes only by other means (Windows AD over MS-DRSR) fill SourceSnapshot::credentials from their own
    // source.
    virtual QStringList credentialAttributes() const = 0;
    virtual SourceCredential credential(const DirectoryEntry &entry) const = 0;
    // A non-empty reason when the entry must never be synced (system objects, computer accounts).
    virtual QString exclusionReason(const DirectoryEntry &entry) const = 0;
};

} // namespace Updraft
