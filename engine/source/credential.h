// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace Updraft {

// A user's password hash as the directory holds it. Read-only: the engine never writes passwords to the
// directory. The value is a secret: it is never logged, stored, or put into a message; only `scheme` and
// `problem` are.
struct SourceCredential {
    enum class Format {
        None,    // nothing readable (see `problem`)
        Rfc2307, // userPassword "{SCHEME}…", sent as it is
        NtHash,  // 16-byte NT hash (sambaNTPassword, unicodePwd), sent only as PPH1_MD4
    };
    Format format = Format::None;
    QByteArray value;        // the RFC 2307 value as stored, or the 16 NT hash bytes
    QString scheme;          // "SSHA", "CRYPT-SHA512", "PBKDF2-SHA256", "ARGON2", "NT"…
    QString problem;         // why nothing can be sent: empty for a usable credential
    bool refused = false;    // a value exists but must never be sent (cleartext, unknown scheme)
    bool mustChange = false; // pwdReset: TRUE (OpenLDAP ppolicy) or pwdLastSet = 0 (AD)
    QDateTime changedAt;     // pwdChangedTime / pwdLastSet, when the directory says
    // Active Directory: the user's objectGUID, by which password hash replication (MS-DRSR) names it.
    QByteArray objectGuid;
    // Replication's delta pass did not return the user: the hash is the one synced before (not read again).
    bool unchanged = false;
    // Nothing could be read this time (the domain controller unreachable, rights missing): tried again.
    bool retry = false;

    bool usable() const { return format != Format::None && !refused; }
};

namespace Credential {

// userPassword values (RFC 2307 "{SCHEME}value"); the first one that can be sent wins. Cleartext,
// "{CLEARTEXT}" and unknown schemes are refused with the reason.
SourceCredential fromUserPassword(const QList<QByteArray> &values);
// sambaNTPassword: 32 hex characters.
SourceCredential fromNtHashHex(const QByteArray &hex);
// unicodePwd as a Samba AD DC returns it over its privileged socket: the 16 NT hash bytes.
SourceCredential fromNtHashBytes(const QByteArray &bytes);

// Name of the scheme of one RFC 2307 value ("SSHA", "CRYPT-SHA512"…), or empty if it has no "{…}" prefix.
QString rfc2307Scheme(const QByteArray &value);

// AD times: pwdLastSet is 100-ns intervals since 1601-01-01 UTC; 0 means "must change at next logon".
QDateTime fromFileTime(qint64 fileTime);
// LDAP GeneralizedTime ("20261126014500Z"), as in pwdChangedTime.
QDateTime fromGeneralizedTime(const QString &text);

} // namespace Credential

} // namespace Updraft
