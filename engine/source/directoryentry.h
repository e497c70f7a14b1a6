// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Updraft {

// One directory object as read. Values are kept as the bytes the server sent: binary attributes (objectGUID,
// mS-DS-ConsistencyGuid) stay bytes, text attributes are decoded as UTF-8 only when asked for. Attribute
// names are case-insensitive in LDAP, so they are stored lower-case.
struct DirectoryEntry {
    QString dn;
    QHash<QString, QList<QByteArray>> attributes;

    bool has(const QString &name) const { return attributes.contains(name.toLower()); }
    QList<QByteArray> values(const QString &name) const { return attributes.value(name.toLower()); }
    QByteArray value(const QString &name) const;
    QString text(const QString &name) const;
    QStringList texts(const QString &name) const;
    void add(const QString &name, const QByteArray &value) { attributes[name.toLower()].append(value); }
};

} // namespace Updraft
