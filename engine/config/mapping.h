// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/expression.h"
#include "source/dialect.h"
#include "source/sourcesnapshot.h"

#include <QJsonObject>

namespace Updraft {

// One row of a mapping table: a SCIM target path and how its value is computed.
struct MappingRule {
    QString target;
    QJsonValue spec; // as written: {"attribute": …} | {"constant": …} | {"expression": …}
    std::shared_ptr<const Expression> expression;
};

// The attribute flow from directory entries to SCIM resources, as data. Each dialect has a default table; a
// configuration overrides rows by target path (null removes a row). `externalId` is always the immutableId
// and cannot be mapped: the source anchor never changes.
class Mapping
{
public:
    static Mapping defaults(DirectoryType type, ObjectKind kind);

    // Applies {"target path": rule | null, …}. On error returns false with a message naming `keyPath` and the
    // row.
    bool applyOverrides(const QJsonObject &overrides, const QString &keyPath, QString *error);

    // The SCIM resource for one object, with references still as {"$ref": dn}; members are not part of it.
    QJsonObject apply(const SourceObject &object, const QHash<QString, QString> &variables) const;

    QStringList sourceAttributes() const;
    // Directory attributes that hold passwords or their hashes, in any dialect (userPassword,
    // sambaNTPassword, unicodePwd, …). No rule may read them: hashes reach the cloud only through password
    // hash sync. Timestamps such as pwdLastSet are not among them.
    static const QStringList &secretAttributes();
    static bool isSecretAttribute(const QString &name);
    const QList<MappingRule> &rules() const { return m_rules; }
    QJsonObject toJson() const;

private:
    static bool parseRule(const QString &target, const QJsonValue &spec, MappingRule &rule, QString *error);

    ObjectKind m_kind = ObjectKind::User;
    QList<MappingRule> m_rules;
};

} // namespace Updraft
