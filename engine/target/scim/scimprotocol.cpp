// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "scimprotocol.h"

#include "core/resource.h"

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Scim {

QString eqFilter(const QString &attribute, const QString &value)
{
    QString escaped = value;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
    return u"%1 eq \"%2\""_s.arg(attribute, escaped);
}

QJsonArray patchOperations(const QJsonObject &before, const QJsonObject &after)
{
    QJsonArray ops;
    for (const Resource::Change &c : Resource::changes(before, after)) {
        if (c.after.isUndefined())
            ops.append(QJsonObject{{u"op"_s, u"remove"_s}, {u"path"_s, c.path}});
        else
            ops.append(QJsonObject{{u"op"_s, u"replace"_s}, {u"path"_s, c.path}, {u"value"_s, c.after}});
    }
    return ops;
}

QJsonObject patchRequest(const QJsonArray &operations)
{
    return {{u"schemas"_s, QJsonArray{QString::fromLatin1(PatchOpSchema)}}, {u"Operations"_s, operations}};
}

QJsonObject member(const MemberReference &reference)
{
    return {{u"value"_s, reference.id},
            {u"type"_s, reference.kind == ObjectKind::User ? u"User"_s : u"Group"_s}};
}

QJsonArray memberOperations(const MembersChange &change)
{
    QJsonArray ops;
    if (!change.add.isEmpty()) {
        QJsonArray values;
        for (const MemberReference &m : change.add)
            values.append(member(m));
        ops.append(QJsonObject{{u"op"_s, u"add"_s}, {u"path"_s, u"members"_s}, {u"value"_s, values}});
    }
    for (const QString &id : change.remove)
        ops.append(QJsonObject{{u"op"_s, u"remove"_s}, {u"path"_s, u"members[value eq \"%1\"]"_s.arg(id)}});
    return ops;
}

QJsonObject replaced(const QJsonObject &cloud, const QJsonObject &before, const QJsonObject &after)
{
    QJsonObject out = cloud;
    out.remove(u"meta"_s);
    out.remove(u"id"_s);
    out.remove(u"groups"_s);
    for (const Resource::Change &c : Resource::changes(before, after)) {
        // A path is `attr`, `attr.sub` (a singular complex attribute) or `urn:…:attr` (an extension's).
        QString container;
        QString name = c.path;
        if (c.path.startsWith(u"urn:"_s, Qt::CaseInsensitive)) {
            const qsizetype colon = c.path.lastIndexOf(u':');
            container = c.path.left(colon);
            name = c.path.mid(colon + 1);
        } else if (c.path.contains(u'.')) {
            container = c.path.section(u'.', 0, 0);
            name = c.path.section(u'.', 1);
        }
        if (container.isEmpty()) {
            if (c.after.isUndefined())
                out.remove(name);
            else
                out.insert(name, c.after);
            continue;
        }
        QJsonObject inner = out.value(container).toObject();
        if (c.after.isUndefined())
            inner.remove(name);
        else
            inner.insert(name, c.after);
        if (inner.isEmpty())
            out.remove(container);
        else
            out.insert(container, inner);
    }
    if (out.contains(u"schemas"_s) || after.contains(u"schemas"_s)) {
        const QString core = after.value(u"schemas"_s)
                                 .toArray()
                                 .first()
                                 .toString(cloud.value(u"schemas"_s).toArray().first().toString());
        Resource::finishResource(out, core.toLatin1().constData());
    }
    return out;
}

} // namespace Updraft::Scim
