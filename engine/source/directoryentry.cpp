// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "directoryentry.h"

namespace Updraft {

QByteArray DirectoryEntry::value(const QString &name) const
{
    const auto it = attributes.constFind(name.toLower());
    return it == attributes.cend() || it->isEmpty() ? QByteArray() : it->first();
}

QString DirectoryEntry::text(const QString &name) const
{
    return QString::fromUtf8(value(name));
}

QStringList DirectoryEntry::texts(const QString &name) const
{
    QStringList out;
    const auto list = values(name);
    out.reserve(list.size());
    for (const QByteArray &v : list)
        out.append(QString::fromUtf8(v));
    return out;
}

} // namespace Updraft
