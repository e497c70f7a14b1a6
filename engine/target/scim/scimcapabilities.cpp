// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "scimcapabilities.h"

#include "core/resource.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Scim {

namespace {

const Attribute *findIn(const QList<Attribute> &list, const QString &name)
{
    for (const Attribute &a : list)
        if (a.name.compare(name, Qt::CaseInsensitive) == 0)
            return &a;
    return nullptr;
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        if (s.isString())
            out.append(s.toString());
    return out;
}

Attribute readAttribute(const QJsonObject &o)
{
    Attribute a;
    a.name = o.value(u"name"_s).toString();
    a.type = o.value(u"type"_s).toString().toLower();
    a.multiValued = o.value(u"multiValued"_s).toBool();
    a.required = o.value(u"required"_s).toBool();
    a.mutability = o.value(u"mutability"_s).toString(u"readWrite"_s);
    a.referenceTypes = strings(o.value(u"referenceTypes"_s));
    a.canonicalValues = strings(o.value(u"canonicalValues"_s));
    for (const QJsonValue &sub : o.value(u"subAttributes"_s).toArray())
        if (sub.isObject() && !sub.toObject().value(u"name"_s).toString().isEmpty())
            a.subAttributes.append(readAttribute(sub.toObject()));
    return a;
}

// The resources of a ListResponse, or the array a service sent instead of one.
QJsonArray resourcesOf(const QJsonValue &document, bool *ok)
{
    *ok = true;
    if (document.isArray())
        return document.toArray();
    const QJsonValue resources = document.toObject().value(u"Resources"_s);
    if (resources.isArray())
        return resources.toArray();
    *ok = false;
    return {};
}

bool isEmptyValue(const QJsonValue &v)
{
    return v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty()) ||
           (v.isArray() && v.toArray().isEmpty()) || (v.isObject() && v.toObject().isEmpty());
}

bool isReadOnly(const Attribute &a)
{
    return a.mutability.compare(u"readOnly"_s, Qt::CaseInsensitive) == 0;
}

} // namespace

const Attribute *Attribute::sub(const QString &subName) const
{
    return findIn(subAttributes, subName);
}

const Attribute *Schema::attribute(const QString &name) const
{
    return findIn(attributes, name);
}

const Schema *Capabilities::schema(const QString &id) const
{
    const auto it = schemas.constFind(id.toLower());
    return it == schemas.cend() ? nullptr : &*it;
}

bool Capabilities::hasExtension(ObjectKind kind, const QString &urn) const
{
    const ResourceType &type = resourceType(kind);
    if (type.described) {
        for (auto it = type.extensions.cbegin(); it != type.extensions.cend(); ++it)
            if (it.key().compare(urn, Qt::CaseInsensitive) == 0)
                return true;
        return false;
    }
    return schemasKnown ? schema(urn) != nullptr : true;
}

bool Capabilities::nestedGroups() const
{
    const Schema *group = schema(groups.schema);
    const Attribute *members = group ? group->attribute(u"members"_s) : nullptr;
    if (!members)
        return true; // RFC 7643 §4.2: members may be Users or Groups
    QStringList said = members->referenceTypes;
    for (const QString &sub : {u"value"_s, u"$ref"_s})
        if (const Attribute *a = members->sub(sub))
            said += a->referenceTypes;
    if (const Attribute *type = members->sub(u"type"_s))
        said += type->canonicalValues;
    // Only what names a resource type counts: "external" and "uri" references say nothing about groups.
    said.removeIf([](const QString &t) {
        return t.compare(u"User"_s, Qt::CaseInsensitive) != 0 &&
               t.compare(u"Group"_s, Qt::CaseInsensitive) != 0;
    });
    return said.isEmpty() || said.contains(u"Group"_s, Qt::CaseInsensitive);
}

QStringList Capabilities::required(ObjectKind kind) const
{
    QStringList out;
    const ResourceType &type = resourceType(kind);
    if (const Schema *core = schema(type.schema))
        for (const Attribute &a : core->attributes)
            if (a.required && !isReadOnly(a) && a.name.compare(u"id"_s, Qt::CaseInsensitive) != 0)
                out.append(a.name);
    for (auto it = type.extensions.cbegin(); it != type.extensions.cend(); ++it) {
        const Schema *extension = it.value() ? schema(it.key()) : nullptr;
        if (!extension)
            continue;
        for (const Attribute &a : extension->attributes)
            if (a.required && !isReadOnly(a))
                out.append(it.key() + u':' + a.name);
    }
    return out;
}

QStringList Capabilities::summary() const
{
    QStringList out;
    if (filter)
        out.append(maxResults > 0
                       ? u"filters (Updraft asks with eq only), at most %1 a page"_s.arg(maxResults)
                       : u"filters (Updraft asks with eq only)"_s);
    else
        out.append(u"no filters: objects are matched from one listing per run"_s);
    out.append(patch ? u"changes by PATCH"_s : u"no PATCH: changed objects are replaced whole (PUT)"_s);
    out.append(bulk ? u"bulk: up to %1 operations, %2 KB a request"_s.arg(bulkMaxOperations)
                          .arg(bulkMaxPayload / 1024)
                    : u"no bulk"_s);
    if (etag)
        out.append(u"ETags (changes are sent with If-Match)"_s);
    out.append(nestedGroups() ? u"groups can contain groups"_s : u"groups cannot contain groups"_s);
    QStringList required = this->required(ObjectKind::User);
    required.removeAll(u"userName"_s);
    if (!required.isEmpty())
        out.append(u"users require %1"_s.arg(required.join(u", "_s)));
    return out;
}

void readServiceProviderConfig(const QJsonObject &document, Capabilities &out)
{
    const auto supported = [&](const QString &feature, bool *known) {
        const QJsonValue v = document.value(feature).toObject().value(u"supported"_s);
        *known = v.isBool();
        return v.toBool();
    };
    bool known = false;
    out.configKnown = !document.isEmpty();
    out.patch = supported(u"patch"_s, &known);
    if (!known)
        out.assumptions.append(u"PATCH: not said; whole objects are replaced (PUT), as RFC 7644 requires "
                               u"of every service"_s);
    out.filter = supported(u"filter"_s, &known);
    if (!known)
        out.assumptions.append(u"filters: not said; objects are matched from a listing"_s);
    out.maxResults = qMax(0, document.value(u"filter"_s).toObject().value(u"maxResults"_s).toInt());
    out.bulk = supported(u"bulk"_s, &known);
    const QJsonObject bulk = document.value(u"bulk"_s).toObject();
    out.bulkMaxOperations = qMax(0, bulk.value(u"maxOperations"_s).toInt());
    out.bulkMaxPayload = qMax(0, bulk.value(u"maxPayloadSize"_s).toInt());
    if (out.bulk && (out.bulkMaxOperations < 2 || out.bulkMaxPayload < 1024)) {
        // Bulk without usable limits: one operation a request is no bulk at all.
        out.assumptions.append(u"bulk: offered without usable limits (maxOperations %1, maxPayloadSize %2); "
                               u"not used"_s.arg(out.bulkMaxOperations)
                                   .arg(out.bulkMaxPayload));
        out.bulk = false;
    }
    out.etag = supported(u"etag"_s, &known);
}

void readSchemas(const QJsonValue &document, Capabilities &out)
{
    bool ok = false;
    const QJsonArray list = resourcesOf(document, &ok);
    if (!ok) {
        out.assumptions.append(u"/Schemas: not a list of schemas; every attribute is sent"_s);
        return;
    }
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        Schema schema;
        schema.id = o.value(u"id"_s).toString();
        if (schema.id.isEmpty())
            continue;
        for (const QJsonValue &a : o.value(u"attributes"_s).toArray())
            if (a.isObject() && !a.toObject().value(u"name"_s).toString().isEmpty())
                schema.attributes.append(readAttribute(a.toObject()));
        out.schemas.insert(schema.id.toLower(), schema);
    }
    // An empty list is a valid answer that describes nothing, not a service without attributes.
    out.schemasKnown = !out.schemas.isEmpty();
    if (!out.schemasKnown)
        out.assumptions.append(u"/Schemas: lists no schema; every attribute is sent"_s);
}

void readResourceTypes(const QJsonValue &document, Capabilities &out)
{
    bool ok = false;
    const QJsonArray list = resourcesOf(document, &ok);
    if (!ok) {
        out.assumptions.append(u"/ResourceTypes: not a list of resource types; /Users and /Groups assumed"_s);
        return;
    }
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        const QString schema = o.value(u"schema"_s).toString();
        ResourceType *type =
            schema.compare(QLatin1StringView(Resource::UserSchema), Qt::CaseInsensitive) == 0    ? &out.users
            : schema.compare(QLatin1StringView(Resource::GroupSchema), Qt::CaseInsensitive) == 0 ? &out.groups
                                                                                                 : nullptr;
        if (!type)
            continue;
        QString endpoint = o.value(u"endpoint"_s).toString();
        while (endpoint.startsWith(u'/'))
            endpoint.remove(0, 1);
        if (!endpoint.isEmpty() && !endpoint.contains(u"://"_s))
            type->endpoint = endpoint;
        type->extensions.clear();
        for (const QJsonValue &e : o.value(u"schemaExtensions"_s).toArray()) {
            const QString urn = e.toObject().value(u"schema"_s).toString();
            if (!urn.isEmpty())
                type->extensions.insert(urn, e.toObject().value(u"required"_s).toBool());
        }
        type->described = true;
    }
    if (!out.resourceTypesKnown())
        out.assumptions.append(
            u"/ResourceTypes: lists neither users nor groups; /Users and /Groups assumed"_s);
}

QJsonObject conform(const Capabilities &capabilities, ObjectKind kind, const QJsonObject &resource,
                    QStringList *dropped, QStringList *missing)
{
    QJsonObject out = resource;
    const ResourceType &type = capabilities.resourceType(kind);
    const Schema *core = capabilities.schema(type.schema);
    QStringList gone;
    for (const QString &key : resource.keys()) {
        if (key == u"schemas"_s || key == u"id"_s || key == u"meta"_s || key == u"externalId"_s)
            continue; // common attributes (RFC 7643 §3.1)
        if (key.startsWith(u"urn:"_s, Qt::CaseInsensitive)) {
            QJsonObject extension = out.value(key).toObject();
            if (!capabilities.hasExtension(kind, key)) {
                for (const QString &sub : extension.keys())
                    gone.append(key + u':' + sub);
                out.remove(key);
                continue;
            }
            const Schema *schema = capabilities.schema(key);
            if (!schema)
                continue; // declared by the resource type, but not described: sent as it is
            for (const QString &sub : extension.keys()) {
                const Attribute *a = schema->attribute(sub);
                if (!a || isReadOnly(*a)) {
                    gone.append(key + u':' + sub);
                    extension.remove(sub);
                }
            }
            if (extension.isEmpty())
                out.remove(key);
            else
                out.insert(key, extension);
            continue;
        }
        if (!core)
            continue;
        const Attribute *a = core->attribute(key);
        if (!a || isReadOnly(*a)) {
            gone.append(key);
            out.remove(key);
            continue;
        }
        if (a->type == u"complex"_s && !a->multiValued && out.value(key).isObject() &&
            !a->subAttributes.isEmpty()) {
            QJsonObject complex = out.value(key).toObject();
            for (const QString &sub : complex.keys()) {
                if (!a->sub(sub)) {
                    gone.append(key + u'.' + sub);
                    complex.remove(sub);
                }
            }
            out.insert(key, complex);
        }
    }
    if (!gone.isEmpty() && out.contains(u"schemas"_s))
        Resource::finishResource(out, type.schema.toLatin1().constData());
    if (dropped)
        *dropped = gone;
    if (missing) {
        missing->clear();
        for (const QString &name : capabilities.required(kind)) {
            const bool extension = name.startsWith(u"urn:"_s, Qt::CaseInsensitive);
            const qsizetype colon = name.lastIndexOf(u':');
            QJsonValue value;
            if (extension) {
                value = out.value(name.left(colon)).toObject().value(name.mid(colon + 1));
            } else {
                for (auto it = out.constBegin(); it != out.constEnd(); ++it)
                    if (it.key().compare(name, Qt::CaseInsensitive) == 0)
                        value = it.value();
            }
            if (isEmptyValue(value))
                missing->append(name);
        }
    }
    return out;
}

} // namespace Updraft::Scim
