// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StateStore: connecting (a SQLite file or a PostgreSQL server), reconnecting, and bringing the schema to the
// current version.
#include "statestore.h"

#include "core/logging.h"
#include "migrations.h"
#include "sqldialect.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

int StateStore::currentSchemaVersion()
{
    return int(Migrations::steps().size());
}

namespace {

// PostgreSQL has no user_version: the schema's version is the one row of a table of its own.
constexpr auto PostgresVersionTable = "updraft_schema";
// The advisory lock two agents starting at once take before migrating, so that one migrates and the other
// waits.
constexpr qint64 MigrationLockKey = 0x75706472616674; // "updraft"

bool writeVersion(QSqlQuery &q, SqlDialect::Dialect dialect, int version)
{
    if (dialect == SqlDialect::Dialect::Sqlite)
        return q.exec(u"PRAGMA user_version = %1"_s.arg(version));
    return q.exec(u"DELETE FROM %1"_s.arg(QLatin1StringView(PostgresVersionTable))) &&
           q.exec(u"INSERT INTO %1 (version) VALUES (%2)"_s.arg(QLatin1StringView(PostgresVersionTable))
                      .arg(version));
}

} // namespace

int StateStore::schemaVersion(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (SqlDialect::of(db) == SqlDialect::Dialect::Sqlite)
        return q.exec(u"PRAGMA user_version"_s) && q.next() ? q.value(0).toInt() : -1;
    if (!q.exec(u"SELECT to_regclass('%1') IS NOT NULL"_s.arg(QLatin1StringView(PostgresVersionTable))) ||
        !q.next())
        return -1;
    if (!q.value(0).toBool())
        return 0;
    return q.exec(u"SELECT max(version) FROM %1"_s.arg(QLatin1StringView(PostgresVersionTable))) && q.next()
               ? q.value(0).toInt()
               : -1;
}

bool StateStore::migrate(QSqlDatabase &db, int target, QString *error)
{
    const SqlDialect::Dialect dialect = SqlDialect::of(db);
    const int from = schemaVersion(db);
    if (from < 0) {
        *error = u"cannot read the schema version: %1"_s.arg(db.lastError().text());
        return false;
    }
    if (from > currentSchemaVersion()) {
        *error =
            u"%1 was written by a newer Updraft (schema %2; this version knows %3)."_s.arg(db.databaseName())
                .arg(from)
                .arg(currentSchemaVersion());
        return false;
    }
    for (int version = from + 1; version <= target; ++version) {
        QSqlQuery q(db);
        // SQLite: the write lock first (BEGIN IMMEDIATE), so that of two processes opening a new store at
        // once one migrates and the other then sees the new version.
        const bool begun =
            dialect == SqlDialect::Dialect::Sqlite ? q.exec(u"BEGIN IMMEDIATE"_s) : db.transaction();
        if (!begun) {
            *error = dialect == SqlDialect::Dialect::Sqlite ? q.lastError().text() : db.lastError().text();
            return false;
        }
        if (dialect == SqlDialect::Dialect::Sqlite && schemaVersion(db) >= version) {
            db.commit();
            continue;
        }
        if (dialect == SqlDialect::Dialect::Postgresql) {
            // Another agent may have migrated while this one waited for the lock.
            if (!q.exec(u"SET LOCAL client_min_messages = warning"_s) ||
                !q.exec(u"SELECT pg_advisory_xact_lock(%1)"_s.arg(MigrationLockKey)) ||
                !q.exec(u"CREATE TABLE IF NOT EXISTS %1 (version INTEGER NOT NULL)"_s.arg(
                    QLatin1StringView(PostgresVersionTable)))) {
                *error = u"cannot lock the schema for migration: %1"_s.arg(q.lastError().text());
                db.rollback();
                return false;
            }
            if (schemaVersion(db) >= version) {
                db.commit();
                continue;
            }
        }
        for (const QString &sql : Migrations::steps().at(version - 1)) {
            if (!q.exec(SqlDialect::schema(sql, dialect))) {
                *error = u"schema step %1 failed: %2"_s.arg(version).arg(q.lastError().text());
                db.rollback();
                return false;
            }
        }
        if (!writeVersion(q, dialect, version) || !db.commit()) {
            *error = u"schema step %1 could not be committed: %2"_s.arg(version).arg(db.lastError().text());
            db.rollback();
            return false;
        }
        qCInfo(lcStore) << "migrated" << db.databaseName() << "to schema" << version;
    }
    return true;
}

SqlDialect::Dialect StateStore::dialect() const
{
    return m_location.isShared() ? SqlDialect::Dialect::Postgresql : SqlDialect::Dialect::Sqlite;
}

bool StateStore::connect(QSqlDatabase &db, QString *error)
{
    if (!m_location.isShared()) {
        const QFileInfo info(m_location.file);
        if (!QDir().mkpath(info.absolutePath())) {
            *error = u"Cannot create the state directory %1."_s.arg(info.absolutePath());
            return false;
        }
        db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
        db.setDatabaseName(m_location.file);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_s);
        if (!db.open()) {
            *error = u"Cannot open the state store %1: %2"_s.arg(m_location.file, db.lastError().text());
            return false;
        }
        QFile::setPermissions(m_location.file, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QSqlQuery q(db);
        for (const auto *pragma :
             {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON"}) {
            if (!q.exec(QString::fromLatin1(pragma))) {
                *error =
                    u"Cannot configure the state store %1: %2"_s.arg(m_location.file, q.lastError().text());
                return false;
            }
        }
        return true;
    }
    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s)) {
        *error =
            u"Cannot use the store %1: Qt's PostgreSQL driver is not installed (Debian: libqt6sql6-psql)."_s
                .arg(m_location.text);
        return false;
    }
    db = QSqlDatabase::addDatabase(u"QPSQL"_s, m_connection);
    return openPostgres(db, error);
}

bool StateStore::openPostgres(QSqlDatabase &db, QString *error) const
{
    QByteArray password;
    QString why;
    if (!m_location.password.resolve(password, u"the store's password"_s, &why)) {
        *error = u"Cannot connect to the store %1: %2"_s.arg(m_location.text, why);
        return false;
    }
    db.setHostName(m_location.host);
    db.setPort(m_location.port);
    db.setDatabaseName(m_location.database);
    db.setUserName(m_location.user);
    db.setPassword(QString::fromUtf8(password));
    password.fill('\0');
    // Each process's connections are its own in pg_stat_activity: a DBA sees which agent is which.
    QString options = m_location.connectOptions;
    if (!options.contains(u"application_name="_s))
        options += u";application_name=updraft-pid-%1"_s.arg(QCoreApplication::applicationPid());
    db.setConnectOptions(options);
    const bool opened = db.open();
    db.setPassword(QString());
    if (!opened) {
        const QString reason = db.lastError().text().trimmed();
        const bool tls =
            reason.contains(u"certificate"_s) || reason.contains(u"root cert"_s) || reason.contains(u"SSL"_s);
        *error = u"Cannot connect to the store %1: %2%3"_s.arg(
            m_location.text, reason,
            tls ? u" (the server's certificate is verified by default: give ?sslrootcert=FILE with the CA "
                  u"that "
                  u"signed it)"_s
                : QString());
        return false;
    }
    return true;
}

void StateStore::reconnectIfLost() const
{
    static const QStringList lost = {u"server closed the connection"_s, u"no connection to the server"_s,
                                     u"terminating connection"_s,       u"could not receive data"_s,
                                     u"could not send data"_s,          u"ssl syscall"_s,
                                     u"connection timed out"_s,         u"ssl connection has been closed"_s};
    const QString error = m_lastError.toLower();
    QSqlDatabase db = database();
    if (db.isOpen() &&
        !std::any_of(lost.begin(), lost.end(), [&](const QString &s) { return error.contains(s); }))
        return;
    // The statement failed; a later one gets a new connection (a database restart, a killed backend, a
    // partition that healed). One attempt every two seconds at most: each may wait for connect_timeout.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - m_reconnectedAt < 2000)
        return;
    m_reconnectedAt = now;
    db.close();
    QString why;
    if (openPostgres(db, &why))
        qCInfo(lcStore).noquote() << "reconnected to the store" << m_location.text;
    else
        qCWarning(lcStore).noquote() << why;
}

bool StateStore::open(QString *error)
{
    if (!m_locationError.isEmpty()) {
        *error = u"Cannot use the store: %1"_s.arg(m_locationError);
        return false;
    }
    QSqlDatabase db;
    if (!connect(db, error))
        return false;
    QString why;
    if (!migrate(db, currentSchemaVersion(), &why)) {
        *error = u"Cannot prepare the state store %1: %2"_s.arg(m_location.text, why);
        return false;
    }
    return true;
}

} // namespace Updraft
