// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace Updraft {

struct StoredConfiguration {
    qint64 id = 0;
    QString name;
    QJsonObject definition; // secret references only, never secrets
    QDateTime createdAt;
    QDateTime updatedAt;
};

// The tie between a source anchor and the cloud object this configuration created or matched. Only linked
// objects are ever updated or deleted.
struct Link {
    QString kind;   // "user" | "group"
    QString anchor; // immutableId
    QString cloudId;
    QString dn;
    QString displayName;
    QString origin;       // "created" | "matched"
    QJsonObject exported; // the resource as last exported (no secrets)
    QString digest;       // SHA-256 of the exported resource
    QStringList members;  // groups: cloud ids of the members last exported
};

struct ObjectCounts {
    int created = 0;
    int updated = 0;
    int deleted = 0;
    int unchanged = 0;
    int failed = 0;
    int total() const { return created + updated + deleted + unchanged + failed; }
};

struct RunRecord {
    qint64 id = 0;
    qint64 configurationId = 0;
    QString configurationName;
    QString trigger; // "manual" | "schedule" | "on-demand"
    QString status;  // "running" | "success" | "warning" | "failed" | "stopped" | "interrupted" | "dry-run"
    QDateTime startedAt;
    QDateTime finishedAt;
    QString message;
    qint64 objectsRead = 0;
    ObjectCounts users;
    ObjectCounts groups;
};

struct RunResult {
    QString kind; // "user" | "group"
    QString anchor;
    QString dn;
    QString displayName;
    QString action;  // "create" | "update" | "delete" | "unchanged" | "match" | "skip"
    QString outcome; // "success" | "failed" | "warning" | "planned"
    QString message;
    QStringList changes; // attributes written by an update
};

} // namespace Updraft
