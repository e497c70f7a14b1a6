// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "planner.h"

#include "core/resource.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Planner {

namespace {

QByteArray digestOf(const QByteArray &compact)
{
    return QCryptographicHash::hash(compact, QCryptographicHash::Sha256).toHex();
}

} // namespace

QByteArray digest(const QJsonObject &resource)
{
    // QJsonObject keeps keys sorted, so the compact form is canonical.
    return digestOf(QJsonDocument(resource).toJson(QJsonDocument::Compact));
}

QByteArray digest(const PackedJson &resource)
{
    return digestOf(resource.isEmpty() ? QByteArrayLiteral("{}") : resource.text());
}

QString kindName(ObjectKind kind)
{
    return kind == ObjectKind::User ? u"user"_s : u"group"_s;
}

QString actionName(PlannedAction action)
{
    switch (action) {
    case PlannedAction::Create:
        return u"create"_s;
    case PlannedAction::Update:
        return u"update"_s;
    case PlannedAction::Unchanged:
        return u"unchanged"_s;
    case PlannedAction::Delete:
        return u"delete"_s;
    }
    return {};
}

PlannedChange plan(const DesiredObject &desired, const Link *link)
{
    PlannedChange change;
    change.kind = desired.kind;
    change.anchor = desired.anchor;
    change.dn = desired.dn;
    change.displayName = desired.displayName;
    change.resource = desired.resource;
    if (!link) {
        change.action = PlannedAction::Create;
        return change;
    }
    change.cloudId = link->cloudId;
    if (link->digest == digest(desired.resource)) {
        change.action = PlannedAction::Unchanged;
        return change;
    }
    change.changed = Resource::changedAttributes(link->exported, desired.resource);
    change.action = change.changed.isEmpty() ? PlannedAction::Unchanged : PlannedAction::Update;
    return change;
}

QList<PlannedChange> planDeletes(const QSet<QString> &desiredAnchors, const QHash<QString, Link> &links)
{
    QList<PlannedChange> out;
    for (const Link &link : links) {
        if (desiredAnchors.contains(link.anchor))
            continue;
        PlannedChange change;
        change.action = PlannedAction::Delete;
        change.kind = link.kind == u"group"_s ? ObjectKind::Group : ObjectKind::User;
        change.anchor = link.anchor;
        change.dn = link.dn;
        change.displayName = link.displayName;
        change.cloudId = link.cloudId;
        change.reason = u"no longer in scope, or deleted from the directory"_s;
        out.append(change);
    }
    std::sort(out.begin(), out.end(), [](const PlannedChange &a, const PlannedChange &b) {
        return std::tie(a.kind, a.dn) > std::tie(b.kind, b.dn); // groups first, then users
    });
    return out;
}

MembershipChange planMembers(const QStringList &desiredCloudIds, const QStringList &exportedCloudIds)
{
    const QSet<QString> desired(desiredCloudIds.cbegin(), desiredCloudIds.cend());
    const QSet<QString> exported(exportedCloudIds.cbegin(), exportedCloudIds.cend());
    MembershipChange change;
    for (const QString &id : desired)
        if (!exported.contains(id))
            change.add.append(id);
    for (const QString &id : exported)
        if (!desired.contains(id))
            change.remove.append(id);
    change.add.sort();
    change.remove.sort();
    return change;
}

QString markedConfiguration(const QJsonObject &cloud, ObjectKind kind)
{
    return cloud
        .value(QLatin1StringView(kind == ObjectKind::User ? Resource::UpdraftUserSchema
                                                          : Resource::UpdraftGroupSchema))
        .toObject()
        .value(u"configuration"_s)
        .toString();
}

QJsonObject managedPart(const QJsonObject &cloud, const QJsonObject &desired)
{
    QJsonObject out;
    for (auto it = desired.begin(); it != desired.end(); ++it) {
        const QJsonValue have = cloud.value(it.key());
        if (have.isUndefined())
            continue;
        if (it.key().startsWith(u"urn:"_s) && it.value().isObject()) {
            const QJsonObject want = it.value().toObject();
            const QJsonObject got = have.toObject();
            QJsonObject part;
            for (auto sub = want.begin(); sub != want.end(); ++sub)
                if (got.contains(sub.key()))
                    part.insert(sub.key(), got.value(sub.key()));
            out.insert(it.key(), part);
        } else {
            out.insert(it.key(), have);
        }
    }
    return out;
}

} // namespace Updraft::Planner
