// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "planner.h"

#include "target/scimresource.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Planner {

QString digest(const QJsonObject &resource)
{
    // QJsonObject keeps keys sorted, so the compact form is canonical.
    return QString::fromLatin1(
        QCryptographicHash::hash(QJsonDocument(resource).toJson(QJsonDocument::Compact),
                                 QCryptographicHash::Sha256)
            .toHex());
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
    change.operations = Scim::diff(link->exported, desired.resource);
    change.changed = Scim::changedAttributes(link->exported, desired.resource);
    change.action = change.operations.isEmpty() ? PlannedAction::Unchanged : PlannedAction::Update;
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

QJsonArray membershipOperations(const MembershipChange &change)
{
    QJsonArray ops;
    if (!change.add.isEmpty()) {
        QJsonArray values;
        for (const QString &id : change.add)
            values.append(QJsonObject{{u"value"_s, id}});
        ops.append(QJsonObject{{u"op"_s, u"add"_s}, {u"path"_s, u"members"_s}, {u"value"_s, values}});
    }
    for (const QString &id : change.remove)
        ops.append(QJsonObject{{u"op"_s, u"remove"_s}, {u"path"_s, u"members[value eq \"%1\"]"_s.arg(id)}});
    return ops;
}

namespace {

QString scimString(const QString &value)
{
    QString escaped = value;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
    return u'"' + escaped + u'"';
}

} // namespace

QString matchFilter(const DesiredObject &object, bool softMatch)
{
    QString filter = u"externalId eq %1"_s.arg(scimString(object.anchor));
    if (softMatch)
        filter += u" or userName eq %1"_s.arg(scimString(object.resource.value(u"userName"_s).toString()));
    return filter;
}

CloudMatch findMatch(const QJsonArray &found, const DesiredObject &object, bool softMatch)
{
    const QString userName = object.resource.value(u"userName"_s).toString();
    CloudMatch match;
    for (const QJsonValue &v : found) {
        const QJsonObject o = v.toObject();
        if (o.value(u"externalId"_s).toString() == object.anchor)
            match.byExternalId = o;
        else if (softMatch && o.value(u"userName"_s).toString().compare(userName, Qt::CaseInsensitive) == 0)
            match.byUserName = o;
    }
    return match;
}

QString markedConfiguration(const QJsonObject &cloud, ObjectKind kind)
{
    return cloud
        .value(
            QLatin1StringView(kind == ObjectKind::User ? Scim::UpdraftUserSchema : Scim::UpdraftGroupSchema))
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
