// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "anchor.h"

#include <QUuid>
#include <QtEndian>

namespace Updraft::Anchor {

QByteArray uuidTextToBytes(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.size() != 36)
        return {};
    const QUuid uuid = QUuid::fromString(trimmed);
    if (uuid.isNull())
        return {};
    return uuid.toRfc4122();
}

QString guidBytesToText(const QByteArray &stored)
{
    if (stored.size() != 16)
        return {};
    const auto *d = reinterpret_cast<const uchar *>(stored.constData());
    return QUuid(qFromLittleEndian<quint32>(d), qFromLittleEndian<quint16>(d + 4),
                 qFromLittleEndian<quint16>(d + 6), d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15])
        .toString(QUuid::WithoutBraces);
}

QString immutableId(const QByteArray &anchorBytes)
{
    if (anchorBytes.size() != 16)
        return {};
    return QString::fromLatin1(anchorBytes.toBase64());
}

} // namespace Updraft::Anchor
