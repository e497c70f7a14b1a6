// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mapping.h"
#include "planner.h"

namespace Updraft {

// What the cloud should hold for one configuration, computed from a snapshot: every in-scope object mapped,
// validated (a user needs a userName unique within the configuration, a group a displayName) and its
// references resolved against the links known so far. No I/O.
class DesiredState
{
public:
    struct Failure {
        ObjectKind kind;
        QString anchor;
        QString dn;
        QString message;
    };

    // When two users map to one userName, the one already provisioned (its anchor in `provisioned`) keeps it
    // and the other fails; between two new ones, the first read wins.
    DesiredState(const SourceSnapshot &snapshot, const Mapping &users, const Mapping &groups,
                 const QHash<QString, QString> &variables, const QSet<QString> &provisioned = {});

    // Every anchor in scope, including objects whose mapping failed: a failing object is never deleted.
    const QSet<QString> &anchors() const { return m_anchors; }
    const QList<Failure> &failures() const { return m_failures; }
    QList<DesiredObject> &users() { return m_users; }
    QList<DesiredObject> &groups() { return m_groups; }

    // True when a member in scope has no cloud id (yet): then the group's membership is only added to, never
    // shrunk, since a member that cannot be named cannot be told apart from one that left.
    bool hasPendingMembers(const DesiredObject &group, const QHash<QString, Link> &links) const;
    // Marks every object with the configuration that provisions it (Updraft's extensions, when the target
    // declares them), from the next resolve() on.
    void setOwner(const QString &configuration) { m_owner = configuration; }
    // Re-resolves `object`'s references with the links as they are now.
    void resolve(DesiredObject &object, const QHash<QString, Link> &links) const;

    // The members' cloud ids, for those members that are linked.
    QStringList memberCloudIds(const DesiredObject &group, const QHash<QString, Link> &links) const;

private:
    QString m_owner;
    QHash<QString, QJsonObject> m_mapped; // anchor -> mapped resource with references unresolved
    QHash<QString, QString> m_anchorByDn;
    QSet<QString> m_anchors;
    QList<DesiredObject> m_users;
    QList<DesiredObject> m_groups;
    QList<Failure> m_failures;
};

} // namespace Updraft
