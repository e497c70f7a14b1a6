// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QStringList>

// The few places where SQLite and PostgreSQL spell SQL differently. Everything else the store writes is the
// SQL both accept (upserts with ON CONFLICT, RETURNING, LIMIT/OFFSET).
namespace Updraft::SqlDialect {

enum class Dialect { Sqlite, Postgresql };

Dialect of(const QSqlDatabase &db);
// A migration statement, written for SQLite, as `dialect` needs it: identity ids, 64-bit integers, bytea.
QString schema(const QString &sqliteStatement, Dialect dialect);
// INSERT of `rows` rows that replaces the row with the same `keys`: every other column takes the new value.
QString upsert(const QString &table, const QStringList &columns, const QStringList &keys, qsizetype rows = 1);
// Rows a multi-row INSERT carries. PostgreSQL: many, each statement is a round trip. SQLite: few, since Qt's
// driver looks each parameter's name up in a list as long as the statement's parameters (a cost that grows
// with their square: 5 % of a 100,000-user first run's CPU at 100 rows).
qsizetype rowsPerStatement(Dialect dialect);
// The integer under `key` of the JSON object in text column `column`, NULL when absent.
QString jsonInteger(Dialect dialect, const QString &column, const QString &key);
// Seconds between two ISO 8601 text columns.
QString secondsBetween(Dialect dialect, const QString &from, const QString &to);
// The database server's clock, in milliseconds since the epoch: agents on several machines agree on it.
QString nowMs(Dialect dialect);

} // namespace Updraft::SqlDialect
