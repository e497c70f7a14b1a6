// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "source/sourcesnapshot.h"
#include "store/records.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Updraft {

// One in-scope object as it should look in the cloud.
struct DesiredObject {
    ObjectKind kind = ObjectKind::User;
    QString anchor;
    QString dn;
    QString displayName;
    PackedJson resource;            // mapped; references resolved as far as links allow
    QStringList memberDns;          // groups: normalised member DNs
    bool membersIncomplete = false; // groups: only part of the member list was read
    QStringList warnings;           // e.g. a manager outside this configuration
    bool pendingReferences = false; // a reference points at an object that has no cloud id yet
    QStringList dropped;            // attributes the target does not have, left out
    QStringList missingRequired;    // attributes the target requires that are empty
};

enum class PlannedAction { Create, Update, Unchanged, Delete };

struct PlannedChange {
    PlannedAction action = PlannedAction::Unchanged;
    ObjectKind kind = ObjectKind::User;
    QString anchor;
    QString dn;
    QString displayName;
    QString cloudId;     // update and delete
    PackedJson resource; // create and update: the full desired resource (its bytes shared, parsed when read)
    QStringList changed; // update: attribute names
    QString reason;      // delete: why
};

struct MembershipChange {
    QStringList add;    // cloud ids
    QStringList remove; // cloud ids
    bool isEmpty() const { return add.isEmpty() && remove.isEmpty(); }
};

// Pure decisions: compares what should be with what was last exported. No I/O.
namespace Planner {

QByteArray digest(const QJsonObject &resource); // SHA-256 of the compact text, in hex
QByteArray digest(const PackedJson &resource);  // the same, of the text as it is
QString kindName(ObjectKind kind);
QString actionName(PlannedAction action);

// Create when unlinked, update when the exported digest differs, otherwise unchanged.
PlannedChange plan(const DesiredObject &desired, const Link *link);

// Deletes for every linked object no longer desired. Only linked objects, that is objects this configuration
// created or matched, are ever deleted.
QList<PlannedChange> planDeletes(const QSet<QString> &desiredAnchors, const QHash<QString, Link> &links);

MembershipChange planMembers(const QStringList &desiredCloudIds, const QStringList &exportedCloudIds);

// The configuration a cloud object is marked with (Updraft's extension), empty if none.
QString markedConfiguration(const QJsonObject &cloud, ObjectKind kind);

// The part of a cloud resource this configuration manages: the top-level attributes (and extension
// sub-attributes) present in `desired`. Adopting an object never removes attributes Updraft does not map.
QJsonObject managedPart(const QJsonObject &cloud, const QJsonObject &desired);

} // namespace Planner

} // namespace Updraft
