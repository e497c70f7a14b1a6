// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/mapping.h"
#include "planner.h"
#include "target/target.h"

#include <functional>

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

    // Maps `object` now, as read (its attributes are dropped): the constructor takes the result as it is. A
    // run maps each entry as it arrives, and never holds the whole scope's entries.
    static void mapEarly(SourceObject &object, const Mapping &users, const Mapping &groups,
                         const QHash<QString, QString> &variables);

    // Every anchor in scope, including objects whose mapping failed: a failing object is never deleted.
    const QSet<QString> &anchors() const { return m_anchors; }
    const QList<Failure> &failures() const { return m_failures; }
    QList<DesiredObject> &users() { return m_users; }
    QList<DesiredObject> &groups() { return m_groups; }

    // Marks every object with the configuration that provisions it (Updraft's extensions, when the target
    // declares them), from the next resolve() on.
    void setOwner(const QString &configuration) { m_owner = configuration; }
    // References carry the referenced object's anchor (its externalId), which needs no cloud object yet.
    void setReferencesByAnchor(bool byAnchor) { m_referencesByAnchor = byAnchor; }
    // Makes every resource fit the target (its schema), from the next resolve() on.
    using Conformer = std::function<Conformed(ObjectKind, const QJsonObject &)>;
    void setConformer(Conformer conformer) { m_conform = std::move(conformer); }
    // Re-resolves `object`'s references with the links as they are now.
    void resolve(DesiredObject &object, const QHash<QString, Link> &links) const;
    // Forgets how the objects whose references are all resolved were mapped: only an object still waiting
    // for a reference is resolved again. A run holds one resource per object instead of two.
    void releaseResolved();
    // Takes an object out of what is exported, as a failure; it stays in scope (never deleted for it).
    void fail(ObjectKind kind, const QString &anchor, const QString &message);

    // What to do with a group that is a member of a group.
    enum class NestedGroups {
        Keep,    // the target takes groups as members
        Flatten, // the nested group's users (through any depth) become members instead
        Skip,    // nested groups are left out
    };
    // The members that are linked, with their kinds. `incomplete` is set when the directory sent only part
    // of a member list this one is made of (then members may be added, never removed).
    QList<MemberReference> members(const DesiredObject &group, const QHash<QString, Link> &links,
                                   NestedGroups nested, bool *incomplete = nullptr) const;

private:
    QString m_owner;
    bool m_referencesByAnchor = false;
    Conformer m_conform;
    QHash<QString, QStringList> m_groupMembers; // group anchor -> member DNs, every group in scope
    QSet<QString> m_incompleteGroups;           // groups whose member list was read only in part
    QHash<QString, PackedJson> m_mapped;        // anchor -> mapped resource with references unresolved
    QHash<QString, QString> m_anchorByDn;
    QSet<QString> m_anchors;
    QList<DesiredObject> m_users;
    QList<DesiredObject> m_groups;
    QList<Failure> m_failures;
};

} // namespace Updraft
