// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StateStore: the password hash part.
#include "statestore.h"
#include "storetime.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

QHash<QString, PasswordHashState> StateStore::passwordHashes(qint64 configurationId) const
{
    QHash<QString, PasswordHashState> out;
    QSqlQuery q(database());
    q.prepare(
        u"SELECT anchor, dn, status, reason, scheme, http_status, digest, first_seen, last_attempt, attempts,"
        u" next_attempt, synced_at, run_id FROM password_hashes WHERE configuration_id = ?"_s);
    q.addBindValue(configurationId);
    if (!exec(q))
        return out;
    while (q.next()) {
        PasswordHashState s;
        s.anchor = q.value(0).toString();
        s.dn = q.value(1).toString();
        s.status = q.value(2).toString();
        s.reason = q.value(3).toString();
        s.scheme = q.value(4).toString();
        s.httpStatus = q.value(5).toInt();
        s.digest = q.value(6).toString();
        s.firstSeen = StoreTime::read(q.value(7));
        s.lastAttempt = StoreTime::read(q.value(8));
        s.attempts = q.value(9).toInt();
        s.nextAttempt = StoreTime::read(q.value(10));
        s.syncedAt = StoreTime::read(q.value(11));
        s.runId = q.value(12).toLongLong();
        out.insert(s.anchor, s);
    }
    return out;
}

bool StateStore::savePasswordHash(qint64 configurationId, const PasswordHashState &s)
{
    QSqlQuery q(database());
    static const QString sql =
        SqlDialect::upsert(u"password_hashes"_s,
                           {u"configuration_id"_s, u"anchor"_s, u"dn"_s, u"status"_s, u"reason"_s,
                            u"scheme"_s, u"http_status"_s, u"digest"_s, u"first_seen"_s, u"last_attempt"_s,
                            u"attempts"_s, u"next_attempt"_s, u"synced_at"_s, u"run_id"_s},
                           {u"configuration_id"_s, u"anchor"_s});
    q.prepare(sql);
    q.addBindValue(configurationId);
    q.addBindValue(s.anchor);
    q.addBindValue(s.dn);
    q.addBindValue(s.status);
    q.addBindValue(s.reason);
    q.addBindValue(s.scheme);
    q.addBindValue(s.httpStatus);
    q.addBindValue(s.digest.isEmpty() ? QVariant() : QVariant(s.digest));
    q.addBindValue(StoreTime::value(s.firstSeen.isValid() ? s.firstSeen : QDateTime::currentDateTimeUtc()));
    q.addBindValue(StoreTime::value(s.lastAttempt));
    q.addBindValue(s.attempts);
    q.addBindValue(StoreTime::value(s.nextAttempt));
    q.addBindValue(StoreTime::value(s.syncedAt));
    q.addBindValue(s.runId ? QVariant(s.runId) : QVariant());
    return exec(q);
}

bool StateStore::removePasswordHash(qint64 configurationId, const QString &anchor)
{
    QSqlQuery q(database());
    q.prepare(u"DELETE FROM password_hashes WHERE configuration_id = ? AND anchor = ?"_s);
    q.addBindValue(configurationId);
    q.addBindValue(anchor);
    return exec(q);
}

int StateStore::requestHashResync(qint64 configurationId)
{
    QSqlQuery q(database());
    q.prepare(u"UPDATE password_hashes SET digest = NULL WHERE configuration_id = ?"_s);
    q.addBindValue(configurationId);
    return exec(q) ? q.numRowsAffected() : -1;
}

QMap<QString, int> StateStore::passwordHashCounts(qint64 configurationId) const
{
    QMap<QString, int> out;
    QSqlQuery q(database());
    q.prepare(u"SELECT status, count(*) FROM password_hashes WHERE configuration_id = ? GROUP BY status"_s);
    q.addBindValue(configurationId);
    if (exec(q))
        while (q.next())
            out.insert(q.value(0).toString(), q.value(1).toInt());
    return out;
}

bool StateStore::retryPasswordHash(qint64 configurationId, const QString &anchor)
{
    QSqlQuery q(database());
    q.prepare(u"UPDATE password_hashes SET digest = NULL, next_attempt = NULL"
              u" WHERE configuration_id = ? AND anchor = ?"_s);
    q.addBindValue(configurationId);
    q.addBindValue(anchor);
    return exec(q) && q.numRowsAffected() == 1;
}

QByteArray StateStore::digestKey(QString *error) const
{
    QDir().mkpath(m_localDirectory);
    const QString path = m_localDirectory + u"/credential-digest.key"_s;
    QFile file(path);
    if (file.exists()) {
        if (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) {
            *error = u"%1 is readable by other users; make it mode 0600."_s.arg(path);
            return {};
        }
        if (!file.open(QIODevice::ReadOnly) || file.size() != 32) {
            *error = u"Cannot read the digest key %1 (it must hold 32 bytes)."_s.arg(path);
            return {};
        }
        return file.readAll();
    }
    quint32 words[8];
    QRandomGenerator::system()->fillRange(words);
    const QByteArray key(reinterpret_cast<const char *>(words), sizeof(words));
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly) ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        file.write(key) != key.size()) {
        *error = u"Cannot create the digest key %1: %2"_s.arg(path, file.errorString());
        return {};
    }
    return key;
}

} // namespace Updraft
