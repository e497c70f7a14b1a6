// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "credential.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Credential {

namespace {

// Schemes a cloud service can verify a password against, as RFC 2307 names them (upper case).
bool isSendable(const QString &scheme)
{
    static const QStringList schemes{u"SSHA"_s,         u"SSHA256"_s,       u"SSHA384"_s,       u"SSHA512"_s,
                                     u"SHA"_s,          u"SHA256"_s,        u"SHA384"_s,        u"SHA512"_s,
                                     u"CRYPT-SHA256"_s, u"CRYPT-SHA512"_s,  u"CRYPT-BCRYPT"_s,  u"PBKDF2"_s,
                                     u"PBKDF2-SHA1"_s,  u"PBKDF2-SHA256"_s, u"PBKDF2-SHA512"_s, u"ARGON2"_s};
    return schemes.contains(scheme);
}

// Why a scheme is never sent, in words; empty for one that is.
QString notSendable(const QString &scheme)
{
    if (isSendable(scheme))
        return {};
    // 389 Directory Server's own names: its PBKDF2 before 2.0 stores a binary layout of its own, and its
    // salted MD5 and NS-MTA-MD5 are weak.
    if (scheme == u"PBKDF2_SHA256"_s)
        return u"{PBKDF2_SHA256}, 389 Directory Server's own PBKDF2 layout, which no cloud service reads "
               u"(set "
               u"passwordStorageScheme to PBKDF2-SHA512 and let users change their passwords)"_s;
    return u"{%1}, which is not accepted"_s.arg(scheme);
}

} // namespace

QString rfc2307Scheme(const QByteArray &value)
{
    if (!value.startsWith('{'))
        return {};
    const qsizetype close = value.indexOf('}');
    if (close < 2)
        return {};
    QString scheme = QString::fromLatin1(value.mid(1, close - 1)).toUpper();
    if (scheme == u"CRYPT"_s) {
        // The crypt(3) prefix tells the algorithm; DES and MD5 crypt are too weak to hand to a cloud.
        const QByteArray rest = value.mid(close + 1);
        if (rest.startsWith("$5$"))
            return u"CRYPT-SHA256"_s;
        if (rest.startsWith("$6$"))
            return u"CRYPT-SHA512"_s;
        if (rest.startsWith("$2a$") || rest.startsWith("$2b$") || rest.startsWith("$2y$"))
            return u"CRYPT-BCRYPT"_s;
        if (rest.startsWith("$1$"))
            return u"CRYPT-MD5"_s;
        return u"CRYPT-DES"_s;
    }
    return scheme;
}

SourceCredential fromUserPassword(const QList<QByteArray> &values)
{
    SourceCredential out;
    if (values.isEmpty()) {
        out.problem = u"no readable userPassword (missing, or the sync account may not read it)"_s;
        return out;
    }
    QStringList refused;
    for (const QByteArray &value : values) {
        const QString scheme = rfc2307Scheme(value);
        if (scheme.isEmpty()) {
            refused.append(u"a cleartext value (no {scheme} prefix)"_s);
            continue;
        }
        if (scheme == u"CLEARTEXT"_s || scheme == u"CLEAR"_s) { // OpenLDAP's and 389 DS's names
            refused.append(u"{%1}"_s.arg(scheme));
            continue;
        }
        if (const QString why = notSendable(scheme); !why.isEmpty()) {
            refused.append(why);
            continue;
        }
        out.format = SourceCredential::Format::Rfc2307;
        out.value = value;
        out.scheme = scheme;
        return out;
    }
    out.format = SourceCredential::Format::Rfc2307;
    out.refused = true;
    out.problem = u"userPassword holds %1; cleartext and weak schemes are never sent. Store it hashed "
                  u"({SSHA512}, {CRYPT}$6$, {PBKDF2-SHA256} or {ARGON2})."_s.arg(refused.join(u" and "_s));
    return out;
}

SourceCredential fromNtHashHex(const QByteArray &hex)
{
    static const QRegularExpression valid(u"^[0-9A-Fa-f]{32}$"_s);
    SourceCredential out;
    if (!valid.match(QString::fromLatin1(hex)).hasMatch()) {
        out.problem = hex.isEmpty() ? u"no readable sambaNTPassword"_s
                                    : u"sambaNTPassword is not 32 hexadecimal characters"_s;
        return out;
    }
    return fromNtHashBytes(QByteArray::fromHex(hex));
}

SourceCredential fromNtHashBytes(const QByteArray &bytes)
{
    SourceCredential out;
    if (bytes.size() != 16) {
        out.problem = bytes.isEmpty() ? u"no readable NT hash"_s : u"the NT hash is not 16 bytes"_s;
        return out;
    }
    out.format = SourceCredential::Format::NtHash;
    out.value = bytes;
    out.scheme = u"NT"_s;
    return out;
}

QDateTime fromFileTime(qint64 fileTime)
{
    if (fileTime <= 0)
        return {};
    // 11644473600 s between 1601-01-01 and 1970-01-01.
    const qint64 msecs = fileTime / 10000 - Q_INT64_C(11644473600000);
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
}

QDateTime fromGeneralizedTime(const QString &text)
{
    static const QRegularExpression form(u"^(\\d{14})(?:[.,]\\d+)?Z$"_s);
    const QRegularExpressionMatch m = form.match(text);
    if (!m.hasMatch())
        return {};
    QDateTime t = QDateTime::fromString(m.captured(1), u"yyyyMMddHHmmss"_s);
    t.setTimeSpec(Qt::UTC);
    return t;
}

} // namespace Updraft::Credential
