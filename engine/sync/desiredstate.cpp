// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "desiredstate.h"

#include "core/resource.h"

#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

// Packed once: the object's resource, and the copy kept for resolving it again, share the text.
PackedJson mapObject(const SourceObject &object, const Mapping &mapping, QHash<QString, QString> variables)
{
    if (object.isMapped)
        return object.mapped;
    variables.insert(u"immutableId"_s, object.immutableId);
    return mapping.apply(object, variables);
}

} // namespace

void DesiredState::mapEarly(SourceObject &object, const Mapping &users, const Mapping &groups,
                            const QHash<QString, QString> &variables)
{
    object.mapped = mapObject(object, object.kind == ObjectKind::User ? users : groups, variables);
    object.isMapped = true;
    object.entry.attributes = {};
}

DesiredState::DesiredState(const SourceSnapshot &snapshot, const Mapping &users, const Mapping &groups,
                           const QHash<QString, QString> &variables, const QSet<QString> &provisioned)
{
    for (const QList<SourceObject> *list : {&snapshot.users, &snapshot.groups})
        for (const SourceObject &o : *list) {
            m_anchorByDn.insert(o.normalizedDn, o.immutableId);
            m_anchors.insert(o.immutableId);
        }
    // Users not read again (a read of what changed) are in scope as they were: references to them resolve,
    // and their userNames stay theirs.
    for (const SourceSnapshot::Carried &c : snapshot.carried) {
        m_anchorByDn.insert(c.normalizedDn, c.immutableId);
        m_anchors.insert(c.immutableId);
    }
    for (const SourceObject &o : snapshot.groups) {
        // A member in scope is held as the DN its own object is known by (one string, not one per group it
        // is a member of): 100,000 memberships are as many DNs.
        QStringList members = o.members;
        for (QString &dn : members)
            if (const auto known = m_anchorByDn.constFind(dn); known != m_anchorByDn.cend())
                dn = known.key();
        m_groupMembers.insert(o.immutableId, members);
        if (o.membersIncomplete)
            m_incompleteGroups.insert(o.immutableId);
    }

    QHash<QString, QString> userNames; // case-folded userName -> DN that claimed it
    // The provisioned users claim their userNames first, in DN order: a newcomer with the same name must not
    // take it from a user who has it in the cloud. Carried users claim theirs as last provisioned.
    QList<const SourceObject *> ordered;
    ordered.reserve(snapshot.users.size());
    QList<const SourceSnapshot::Carried *> carried;
    for (const SourceSnapshot::Carried &c : snapshot.carried)
        carried.append(&c);
    std::sort(carried.begin(), carried.end(),
              [](const auto *a, const auto *b) { return a->normalizedDn < b->normalizedDn; });
    auto nextCarried = carried.cbegin();
    const auto claimCarriedBefore = [&](const QString &ndn) {
        for (; nextCarried != carried.cend() && (ndn.isNull() || (*nextCarried)->normalizedDn < ndn);
             ++nextCarried)
            if (!(*nextCarried)->userName.isEmpty())
                userNames.insert((*nextCarried)->userName.toCaseFolded(), (*nextCarried)->normalizedDn);
    };
    for (const SourceObject &o : snapshot.users)
        if (provisioned.contains(o.immutableId))
            ordered.append(&o);
    const qsizetype provisionedRead = ordered.size();
    for (const SourceObject &o : snapshot.users)
        if (!provisioned.contains(o.immutableId))
            ordered.append(&o);
    m_users.reserve(ordered.size());
    for (qsizetype i = 0; i < ordered.size(); ++i) {
        const SourceObject &o = *ordered.at(i);
        claimCarriedBefore(i < provisionedRead ? o.normalizedDn : QString());
        const PackedJson mapped = mapObject(o, users, variables);
        const QJsonObject resource = mapped;
        const QString userName = resource.value(u"userName"_s).toString();
        if (userName.isEmpty()) {
            m_failures.append(
                {ObjectKind::User, o.immutableId, o.entry.dn,
                 u"userName is empty: the mapping rule for userName gave no value (check the source "
                 u"attributes it reads, e.g. mail, uid or userPrincipalName)."_s});
            continue;
        }
        const QString key = userName.toCaseFolded();
        if (const auto it = userNames.constFind(key); it != userNames.cend()) {
            m_failures.append({ObjectKind::User, o.immutableId, o.entry.dn,
                               u"userName \"%1\" is also the userName of %2; userNames must be unique."_s.arg(
                                   userName, *it)});
            continue;
        }
        userNames.insert(key, o.entry.dn);
        m_mapped.insert(o.immutableId, mapped);
        DesiredObject d;
        d.kind = ObjectKind::User;
        d.anchor = o.immutableId;
        d.dn = o.entry.dn;
        d.displayName = resource.value(u"displayName"_s).toString(userName);
        d.resource = mapped;
        m_users.append(d);
    }
    m_groups.reserve(snapshot.groups.size());
    for (const SourceObject &o : snapshot.groups) {
        const PackedJson mapped = mapObject(o, groups, variables);
        const QString name = mapped.value(u"displayName"_s).toString();
        if (name.isEmpty()) {
            m_failures.append({ObjectKind::Group, o.immutableId, o.entry.dn,
                               u"displayName is empty: the mapping rule for displayName gave no value."_s});
            continue;
        }
        m_mapped.insert(o.immutableId, mapped);
        DesiredObject d;
        d.kind = ObjectKind::Group;
        d.anchor = o.immutableId;
        d.dn = o.entry.dn;
        d.displayName = name;
        d.resource = mapped;
        d.memberDns = m_groupMembers.value(o.immutableId);
        d.membersIncomplete = o.membersIncomplete;
        m_groups.append(d);
    }
    const auto byDn = [](const DesiredObject &a, const DesiredObject &b) {
        return a.dn < b.dn;
    };
    std::sort(m_users.begin(), m_users.end(), byDn);
    std::sort(m_groups.begin(), m_groups.end(), byDn);
}

void DesiredState::resolve(DesiredObject &object, const QHash<QString, Link> &links) const
{
    QJsonObject resource = m_mapped.value(object.anchor);
    object.warnings.clear();
    object.pendingReferences = false;
    Resource::resolveReferences(resource, [&](const QString &attribute, const QString &dn) -> QJsonValue {
        const QString anchor = m_anchorByDn.value(dn);
        if (anchor.isEmpty()) {
            object.warnings.append(
                u"%1 \"%2\" is not provisioned by this configuration, so %1 is left empty."_s.arg(attribute,
                                                                                                  dn));
            return QJsonValue::Undefined;
        }
        if (m_referencesByAnchor)
            return QJsonObject{{u"value"_s, anchor}};
        const auto link = links.constFind(anchor);
        if (link == links.cend()) {
            object.pendingReferences = true;
            return QJsonValue::Undefined;
        }
        return QJsonObject{{u"value"_s, link->cloudId}};
    });
    if (!m_owner.isEmpty()) {
        const bool user = object.kind == ObjectKind::User;
        Resource::setPath(
            resource,
            QLatin1StringView(user ? Resource::UpdraftUserSchema : Resource::UpdraftGroupSchema) +
                u":configuration"_s,
            m_owner);
        Resource::finishResource(resource, user ? Resource::UserSchema : Resource::GroupSchema);
    }
    if (m_conform) {
        Conformed conformed = m_conform(object.kind, resource);
        resource = std::move(conformed.resource);
        object.dropped = std::move(conformed.dropped);
        object.missingRequired = std::move(conformed.missingRequired);
    }
    // A reference whose object has no cloud id yet (being created, or its link was lost) keeps the value last
    // exported, so the object is not "updated" to having no manager in the meantime.
    const auto own = links.constFind(object.anchor);
    if (object.pendingReferences && own != links.cend()) {
        const QJsonObject mapped = m_mapped.value(object.anchor);
        const QJsonObject exportedBefore = own->exported;
        for (auto it = mapped.begin(); it != mapped.end(); ++it) {
            const QJsonValue before = exportedBefore.value(it.key());
            if (!resource.contains(it.key()) && !before.isUndefined()) {
                resource.insert(it.key(), before);
            } else if (it.key().startsWith(u"urn:"_s) && it.value().isObject() && before.isObject()) {
                QJsonObject extension = resource.value(it.key()).toObject();
                const QJsonObject exported = before.toObject();
                for (const QString &sub : it.value().toObject().keys())
                    if (!extension.contains(sub) && exported.contains(sub))
                        extension.insert(sub, exported.value(sub));
                resource.insert(it.key(), extension);
            }
        }
    }
    object.resource = resource;
}

void DesiredState::releaseResolved()
{
    for (const QList<DesiredObject> *list : {&m_users, &m_groups})
        for (const DesiredObject &o : *list)
            if (!o.pendingReferences)
                m_mapped.remove(o.anchor);
    m_mapped.squeeze();
}

void DesiredState::fail(ObjectKind kind, const QString &anchor, const QString &message)
{
    QList<DesiredObject> &list = kind == ObjectKind::User ? m_users : m_groups;
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (list.at(i).anchor == anchor) {
            m_failures.append({kind, anchor, list.at(i).dn, message});
            list.removeAt(i);
            return;
        }
    }
}

QList<MemberReference> DesiredState::members(const DesiredObject &group, const QHash<QString, Link> &links,
                                             NestedGroups nested, bool *incomplete) const
{
    if (incomplete)
        *incomplete = group.membersIncomplete;
    QList<MemberReference> out;
    QSet<QString> seen{group.anchor};
    QSet<QString> visited{group.anchor};
    const std::function<void(const QStringList &)> collect = [&](const QStringList &dns) {
        for (const QString &dn : dns) {
            const QString anchor = m_anchorByDn.value(dn);
            if (anchor.isEmpty())
                continue;
            const auto nestedMembers = m_groupMembers.constFind(anchor);
            const bool isGroup = nestedMembers != m_groupMembers.cend();
            if (isGroup && nested == NestedGroups::Skip)
                continue;
            if (isGroup && nested == NestedGroups::Flatten) {
                if (!visited.contains(anchor)) { // a cycle of groups ends here
                    visited.insert(anchor);
                    if (incomplete && m_incompleteGroups.contains(anchor))
                        *incomplete = true;
                    collect(*nestedMembers);
                }
                continue;
            }
            const auto link = links.constFind(anchor);
            if (link == links.cend() || seen.contains(anchor))
                continue;
            seen.insert(anchor);
            out.append({link->cloudId, isGroup ? ObjectKind::Group : ObjectKind::User});
        }
    };
    collect(group.memberDns);
    std::sort(out.begin(), out.end(),
              [](const MemberReference &a, const MemberReference &b) { return a.id < b.id; });
    return out;
}

} // namespace Updraft
