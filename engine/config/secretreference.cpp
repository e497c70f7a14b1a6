// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/secretreference.h"

#include "config/keychain.h"

#include <QFile>
#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

bool SecretReference::fromJson(const QJsonValue &value, SecretReference &out, QString *error)
{
    const QJsonObject o = value.toObject();
    if (value.isString()) {
        *error =
            u"a secret is never written into the configuration; use {\"keychain\": \"KEY\"} (updraft-cli "
            u"secret set), {\"env\": \"VARIABLE\"} or {\"file\": \"PATH\"}"_s;
        return false;
    }
    const QString form = o.size() == 1 ? o.begin().key() : QString();
    const Kind kind = form == u"keychain"_s ? Kind::Keychain
                      : form == u"env"_s    ? Kind::Environment
                      : form == u"file"_s   ? Kind::File
                                            : Kind::None;
    if (!value.isObject() || kind == Kind::None || !o.begin().value().isString() ||
        o.begin().value().toString().isEmpty()) {
        *error = u"expected {\"env\": \"VARIABLE\"} or {\"file\": \"PATH\"} or {\"keychain\": \"KEY\"}"_s;
        return false;
    }
    out.kind = kind;
    out.name = o.begin().value().toString();
    return true;
}

QJsonValue SecretReference::toJson() const
{
    switch (kind) {
    case Kind::Environment:
        return QJsonObject{{u"env"_s, name}};
    case Kind::File:
        return QJsonObject{{u"file"_s, name}};
    case Kind::Keychain:
        return QJsonObject{{u"keychain"_s, name}};
    case Kind::None:
        break;
    }
    return QJsonValue::Null;
}

bool SecretReference::resolve(QByteArray &secret, const QString &keyPath, QString *error) const
{
    secret.clear();
    switch (kind) {
    case Kind::None:
        return true;
    case Kind::Environment:
        secret = qgetenv(name.toLocal8Bit().constData());
        if (secret.isEmpty()) {
            *error = u"%1: the environment variable %2 is not set or empty."_s.arg(keyPath, name);
            return false;
        }
        return true;
    case Kind::File: {
        const QFileInfo info(name);
        if (!info.exists()) {
            *error = u"%1: the secret file %2 does not exist."_s.arg(keyPath, name);
            return false;
        }
        const auto others = QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup |
                            QFileDevice::WriteOther;
        if (info.permissions() & others) {
            *error = u"%1: the secret file %2 is readable or writable by others; run chmod 600 on it."_s.arg(
                keyPath, name);
            return false;
        }
        QFile file(name);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = u"%1: cannot read the secret file %2: %3."_s.arg(keyPath, name, file.errorString());
            return false;
        }
        secret = file.readAll();
        if (secret.endsWith('\n'))
            secret.chop(secret.endsWith("\r\n") ? 2 : 1);
        if (secret.isEmpty()) {
            *error = u"%1: the secret file %2 is empty."_s.arg(keyPath, name);
            return false;
        }
        return true;
    }
    case Kind::Keychain: {
        QString why;
        if (!Keychain::read(name, secret, &why)) {
            *error = u"%1: %2"_s.arg(keyPath, why);
            return false;
        }
        if (secret.isEmpty()) {
            *error = u"%1: the keychain entry \"%2\" is empty."_s.arg(keyPath, name);
            return false;
        }
        return true;
    }
    }
    return false;
}

} // namespace Updraft
