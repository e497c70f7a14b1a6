// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storelocation.h"

#include <QUrl>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

// libpq parameters a store URL may carry, passed on as they are.
const QStringList PassedOn = {
    u"sslmode"_s, u"sslrootcert"_s,     u"sslcert"_s,          u"sslkey"_s,
    u"sslcrl"_s,  u"connect_timeout"_s, u"application_name"_s, u"target_session_attrs"_s};
const QStringList SslModes = {u"disable"_s, u"allow"_s,     u"prefer"_s,
                              u"require"_s, u"verify-ca"_s, u"verify-full"_s};

bool parseSecret(const QString &value, SecretReference &out, QString *error)
{
    const qsizetype colon = value.indexOf(u':');
    const QString form = value.left(colon);
    const QString name = colon < 0 ? QString() : value.mid(colon + 1);
    const SecretReference::Kind kind = form == u"env"_s        ? SecretReference::Kind::Environment
                                       : form == u"file"_s     ? SecretReference::Kind::File
                                       : form == u"keychain"_s ? SecretReference::Kind::Keychain
                                                               : SecretReference::Kind::None;
    if (kind == SecretReference::Kind::None || name.isEmpty()) {
        *error =
            u"password=%1: expected a reference to the password, env:VARIABLE, file:PATH or keychain:KEY"_s
                .arg(value);
        return false;
    }
    out.kind = kind;
    out.name = name;
    return true;
}

} // namespace

bool StoreLocation::isUrl(const QString &text)
{
    return text.startsWith(u"postgresql://"_s) || text.startsWith(u"postgres://"_s);
}

StoreLocation StoreLocation::sqliteFile(const QString &path)
{
    StoreLocation l;
    l.file = path;
    l.text = path;
    return l;
}

bool StoreLocation::parse(const QString &text, StoreLocation &out, QString *error)
{
    if (!isUrl(text)) {
        if (text.contains(u"://"_s)) {
            *error = u"%1: a store is a SQLite file or a postgresql:// URL"_s.arg(text);
            return false;
        }
        out = sqliteFile(text);
        return true;
    }
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid()) {
        *error = u"%1: not a valid URL (%2)"_s.arg(text, url.errorString());
        return false;
    }
    if (!url.password().isEmpty()) {
        *error = u"the store URL must not hold a password (it would end up in logs and settings); give a "
                 u"reference instead: ?password=env:VARIABLE, file:PATH or keychain:KEY"_s;
        return false;
    }
    StoreLocation l;
    l.kind = Kind::Postgresql;
    l.text = text;
    l.host = url.host();
    l.port = url.port(5432);
    l.database = url.path().mid(1);
    l.user = url.userName();
    QStringList options;
    QString sslmode = u"verify-full"_s;
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == u"password"_s) {
            if (!parseSecret(value, l.password, error))
                return false;
        } else if (key == u"host"_s) {
            l.host = value; // a socket directory
        } else if (key == u"sslmode"_s) {
            if (!SslModes.contains(value)) {
                *error = u"sslmode=%1: expected one of %2"_s.arg(value, SslModes.join(u", "_s));
                return false;
            }
            sslmode = value;
        } else if (PassedOn.contains(key)) {
            if (value.contains(u';')) {
                *error = u"%1: a value with ';' is not supported"_s.arg(key);
                return false;
            }
            // Quoted as libpq reads it: a path may hold spaces.
            QString quoted = value;
            quoted.replace(u"\\"_s, u"\\\\"_s).replace(u"'"_s, u"\\'"_s);
            options << u"%1='%2'"_s.arg(key, quoted);
        } else {
            *error = u"%1: unknown parameter of a postgresql:// store URL (known: password, host, %2)"_s.arg(
                key, PassedOn.join(u", "_s));
            return false;
        }
    }
    if (l.host.isEmpty() || l.database.isEmpty() || l.database.contains(u'/')) {
        *error = u"%1: expected postgresql://USER@HOST[:PORT]/DATABASE"_s.arg(text);
        return false;
    }
    options.prepend(u"sslmode="_s + sslmode);
    if (!query.hasQueryItem(u"connect_timeout"_s))
        options << u"connect_timeout=10"_s;
    // A partitioned connection is noticed within about 25 s instead of the kernel's two hours.
    options << u"keepalives=1"_s << u"keepalives_idle=10"_s << u"keepalives_interval=5"_s
            << u"keepalives_count=3"_s;
    l.connectOptions = options.join(u';');
    out = l;
    return true;
}

} // namespace Updraft
