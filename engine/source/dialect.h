// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "credential.h"
#include "directoryentry.h"

#include <memory>

namespace Updraft {

enum class DirectoryType { OpenLdap, ActiveDirectory };

// What differs between directory products: which entries are users and groups, where the anchor comes from,
// and which accounts are never synced. The reader and the mapping ask the dialect; nothing else branches on
// the type.
class Dialect
{
public:
    virtual ~Dialect() = default;
    static std::unique_ptr<Dialect> create(DirectoryType type);

    virtual DirectoryType type() const = 0;
    virtual QString userFilter() const = 0;
    virtual QString groupFilter() const = 0;
    // Attributes always fetched, whatever the mapping asks for.
    virtual QStringList userAttributes() const = 0;
    virtual QStringList groupAttributes() const = 0;
    virtual QStringList memberAttributes() const = 0;
    // The 16 anchor bytes as stored, or empty when the entry has no usable anchor.
    virtual QByteArray anchor(const DirectoryEntry &entry) const = 0;
    // An LDAP filter that finds the entry with this anchor (16 bytes as stored), wherever it is now.
    virtual QString anchorFilter(const QByteArray &anchor) const = 0;
    // Which attribute supplied the anchor, for explanations.
    virtual QString anchorAttribute(const DirectoryEntry &entry) const = 0;
    // Password hashes: what to read, and the credential in an entry that has them. Directories that hand out
    // hashes only by other means (Windows AD over MS-DRSR) fill SourceSnapshot::credentials from their own
    // source.
    virtual QStringList credentialAttributes() const = 0;
    virtual SourceCredential credential(const DirectoryEntry &entry) const = 0;
    // A non-empty reason when the entry must never be synced (system objects, computer accounts).
    virtual QString exclusionReason(const DirectoryEntry &entry) const = 0;
};

} // namespace Updraft
