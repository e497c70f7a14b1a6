// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "anchor.h"

#include "ldapdn.h"

#include <QList>
#include <QUuid>
#include <QtEndian>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Anchor {

namespace {

QString escapedBytes(const QByteArray &bytes)
{
    QString out;
    out.reserve(bytes.size() * 3);
    for (const char b : bytes)
        out += u"\\%1"_s.arg(uint(quint8(b)), 2, 16, QChar(u'0'));
    return out;
}

} // namespace

Form formOf(const QString &attribute)
{
    const QString a = attribute.toLower();
    if (a == u"entryuuid"_s)
        return Form::Uuid;
    if (a == u"nsuniqueid"_s)
        return Form::NsUniqueId;
    if (a == u"objectguid"_s || a == u"ms-ds-consistencyguid"_s)
        return Form::Binary;
    return Form::Text;
}

QByteArray bytesFromValue(Form form, const QByteArray &value)
{
    switch (form) {
    case Form::Uuid:
        return uuidTextToBytes(QString::fromLatin1(value));
    case Form::NsUniqueId: {
        // Four groups of eight hex digits.
        const QList<QByteArray> parts = value.trimmed().split('-');
        if (parts.size() != 4)
            return {};
        QByteArray hex;
        for (const QByteArray &p : parts) {
            if (p.size() != 8)
                return {};
            hex += p;
        }
        const QByteArray bytes = QByteArray::fromHex(hex);
        return bytes.size() == 16 && bytes.toHex() == hex.toLower() ? bytes : QByteArray();
    }
    case Form::Binary:
        return value.size() == 16 ? value : QByteArray();
    case Form::Text:
        return value.size() <= MaxTextBytes ? value : QByteArray();
    }
    return {};
}

QString filterValue(Form form, const QByteArray &bytes)
{
    switch (form) {
    case Form::Uuid:
        return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
    case Form::NsUniqueId: {
        const QString hex = QString::fromLatin1(bytes.toHex());
        return u"%1-%2-%3-%4"_s.arg(hex.mid(0, 8), hex.mid(8, 8), hex.mid(16, 8), hex.mid(24, 8));
    }
    case Form::Binary:
        return escapedBytes(bytes);
    case Form::Text:
        return Ldap::escapeFilterValue(QString::fromUtf8(bytes));
    }
    return {};
}

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
    if (anchorBytes.isEmpty() || anchorBytes.size() > MaxTextBytes)
        return {};
    return QString::fromLatin1(anchorBytes.toBase64());
}

} // namespace Updraft::Anchor
