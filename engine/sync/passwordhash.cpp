// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "passwordhash.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <openssl/evp.h>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::PasswordHash {

namespace {

QByteArray utf16le(const QString &text)
{
    QByteArray out;
    out.reserve(text.size() * 2);
    for (const QChar c : text) {
        out.append(char(c.unicode() & 0xff));
        out.append(char(c.unicode() >> 8));
    }
    return out;
}

} // namespace

QString pph1(const QByteArray &ntHash, const QByteArray &salt, int iterations)
{
    const QByteArray hexUpper = utf16le(QString::fromLatin1(ntHash.toHex().toUpper()));
    // OpenSSL's PBKDF2 is about three times as fast as Qt's QPasswordDigestor: it matters on a first run of
    // 100,000 users.
    QByteArray key(32, Qt::Uninitialized);
    if (PKCS5_PBKDF2_HMAC(hexUpper.constData(), int(hexUpper.size()),
                          reinterpret_cast<const unsigned char *>(salt.constData()), int(salt.size()),
                          iterations, EVP_sha256(), int(key.size()),
                          reinterpret_cast<unsigned char *>(key.data())) != 1)
        qFatal("PBKDF2-HMAC-SHA256 failed in OpenSSL");
    return u"v1;PPH1_MD4,%1,%2,%3;"_s.arg(QString::fromLatin1(salt.toHex()))
        .arg(iterations)
        .arg(QString::fromLatin1(key.toHex()));
}

QString pph1WithRandomSalt(const QByteArray &ntHash)
{
    quint32 words[(Pph1SaltBytes + 3) / 4];
    QRandomGenerator::system()->fillRange(words);
    const QByteArray salt(reinterpret_cast<const char *>(words), Pph1SaltBytes);
    return pph1(ntHash, salt, Pph1Iterations);
}

bool verifyPph1(const QString &value, const QByteArray &ntHash)
{
    static const QRegularExpression form(u"^v1;PPH1_MD4,([0-9a-f]+),(\\d+),([0-9a-f]{64});$"_s);
    const QRegularExpressionMatch m = form.match(value);
    if (!m.hasMatch())
        return false;
    const int iterations = m.captured(2).toInt();
    return iterations > 0 && pph1(ntHash, QByteArray::fromHex(m.captured(1).toLatin1()), iterations) == value;
}

QByteArray ntHash(const QString &password)
{
    return QCryptographicHash::hash(utf16le(password), QCryptographicHash::Md4);
}

} // namespace Updraft::PasswordHash
