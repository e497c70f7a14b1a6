// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/resource.h"

#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Resource {

namespace {

struct ParsedPath {
    QString schema;     // extension URN, empty for core attributes
    QString attribute;  // top-level attribute within the schema
    QString filterType; // the value of `type eq "…"`, for multi-valued attributes
    QString sub;        // sub-attribute, possibly empty
};

bool parse(const QString &path, ParsedPath &out, QString *error)
{
    QString rest = path;
    if (rest.startsWith(u"urn:"_s, Qt::CaseInsensitive)) {
        const qsizetype colon = rest.lastIndexOf(u':');
        out.schema = rest.left(colon);
        rest = rest.mid(colon + 1);
    }
    static const QRegularExpression re(
        uR"re(^([A-Za-z][A-Za-z0-9_-]*)(?:\[\s*type\s+eq\s+"([^"]+)"\s*\])?(?:\.([A-Za-z][A-Za-z0-9_-]*))?$)re"_s);
    const auto m = re.match(rest);
    if (!m.hasMatch()) {
        if (error)
            *error =
                u"\"%1\" is not an attribute path (attr, attr.sub, attr[type eq \"x\"].sub, or urn:…:attr)"_s
                    .arg(path);
        return false;
    }
    out.attribute = m.captured(1);
    out.filterType = m.captured(2);
    out.sub = m.captured(3);
    if (!out.filterType.isEmpty() && out.sub.isEmpty())
        out.sub = u"value"_s;
    return true;
}

bool isEmptyValue(const QJsonValue &v)
{
    return v.isNull() || v.isUndefined() || (v.isString() && v.toString().isEmpty());
}

void setIn(QJsonObject &container, const ParsedPath &p, const QJsonValue &value)
{
    if (!p.filterType.isEmpty()) {
        QJsonArray list = container.value(p.attribute).toArray();
        qsizetype index = -1;
        for (qsizetype i = 0; i < list.size(); ++i)
            if (list[i].toObject().value(u"type"_s).toString() == p.filterType)
                index = i;
        QJsonObject element = index >= 0 ? list[index].toObject() : QJsonObject{{u"type"_s, p.filterType}};
        element.insert(p.sub, value);
        if (index >= 0) {
            list[index] = element;
        } else {
            if (list.isEmpty())
                element.insert(u"primary"_s, true);
            list.append(element);
        }
        container.insert(p.attribute, list);
    } else if (!p.sub.isEmpty()) {
        QJsonObject complex = container.value(p.attribute).toObject();
        complex.insert(p.sub, value);
        container.insert(p.attribute, complex);
    } else {
        container.insert(p.attribute, value);
    }
}

QJsonValue resolved(const QString &attribute, const QJsonValue &v, const ReferenceResolver &resolve,
                    bool &changed)
{
    if (v.isObject()) {
        QJsonObject o = v.toObject();
        if (o.size() == 1 && o.contains(u"$ref"_s)) {
            changed = true;
            return resolve(attribute, o.value(u"$ref"_s).toString());
        }
        bool inner = false;
        for (auto it = o.begin(); it != o.end();) {
            const QJsonValue r = resolved(it.key(), it.value(), resolve, inner);
            if (r.isUndefined()) {
                it = o.erase(it);
            } else {
                it.value() = r;
                ++it;
            }
        }
        changed |= inner;
        return o;
    }
    return v;
}

bool containsReference(const QJsonValue &v)
{
    if (!v.isObject())
        return false;
    const QJsonObject o = v.toObject();
    if (o.contains(u"$ref"_s))
        return true;
    for (auto it = o.begin(); it != o.end(); ++it)
        if (containsReference(it.value()))
            return true;
    return false;
}

bool ignored(const QString &key)
{
    return key == u"schemas"_s || key == u"id"_s || key == u"meta"_s;
}

QStringList unionOfKeys(const QJsonObject &a, const QJsonObject &b)
{
    QStringList keys = a.keys();
    for (const QString &k : b.keys())
        if (!keys.contains(k))
            keys.append(k);
    return keys;
}

template <typename Visit>
void walkSubAttributes(const QString &prefix, const QJsonObject &before, const QJsonObject &after,
                       Visit visit)
{
    for (const QString &sub : unionOfKeys(before, after))
        if (before.value(sub) != after.value(sub))
            visit(prefix + sub, before.value(sub), after.value(sub));
}

template <typename Visit> void walkChanges(const QJsonObject &before, const QJsonObject &after, Visit visit)
{
    for (const QString &key : unionOfKeys(before, after)) {
        if (ignored(key))
            continue;
        const QJsonValue b = before.value(key);
        const QJsonValue a = after.value(key);
        if (key.startsWith(u"urn:"_s)) {
            walkSubAttributes(key + u':', b.toObject(), a.toObject(), visit);
        } else if ((b.isObject() || a.isObject()) && !b.isArray() && !a.isArray()) {
            // A singular complex attribute (name): sub-attribute by sub-attribute, because a "replace" with
            // an object leaves the sub-attributes it does not mention as they were (RFC 7644 3.5.2.3).
            if (a.toObject().isEmpty() && !b.toObject().isEmpty())
                visit(key, b, QJsonValue(QJsonValue::Undefined));
            else
                walkSubAttributes(key + u'.', b.toObject(), a.toObject(), visit);
        } else if (b != a) {
            visit(key, b, a);
        }
    }
}

} // namespace

bool isValidPath(const QString &path, QString *error)
{
    ParsedPath p;
    return parse(path, p, error);
}

void setPath(QJsonObject &resource, const QString &path, const QJsonValue &value)
{
    if (isEmptyValue(value))
        return;
    ParsedPath p;
    if (!parse(path, p, nullptr))
        return;
    if (p.schema.isEmpty()) {
        setIn(resource, p, value);
        return;
    }
    QJsonObject extension = resource.value(p.schema).toObject();
    setIn(extension, p, value);
    resource.insert(p.schema, extension);
}

void finishResource(QJsonObject &resource, const char *coreSchema)
{
    QJsonArray schemas{QString::fromLatin1(coreSchema)};
    for (auto it = resource.begin(); it != resource.end(); ++it)
        if (it.key().startsWith(u"urn:"_s) && !it.value().toObject().isEmpty())
            schemas.append(it.key());
    resource.insert(u"schemas"_s, schemas);
}

void resolveReferences(QJsonObject &resource, const ReferenceResolver &resolve)
{
    bool changed = false;
    resource = resolved({}, resource, resolve, changed).toObject();
    // An extension left empty by a dropped reference is not declared.
    for (auto it = resource.begin(); it != resource.end();) {
        if (it.key().startsWith(u"urn:"_s) && it.value().isObject() && it.value().toObject().isEmpty())
            it = resource.erase(it);
        else
            ++it;
    }
    if (resource.contains(u"schemas"_s)) {
        const QString core = resource.value(u"schemas"_s).toArray().first().toString();
        finishResource(resource, core.toLatin1().constData());
    }
}

bool hasReferences(const QJsonObject &resource)
{
    return containsReference(resource);
}

QList<Change> changes(const QJsonObject &before, const QJsonObject &after)
{
    QList<Change> out;
    walkChanges(before, after, [&](const QString &path, const QJsonValue &b, const QJsonValue &a) {
        out.append({path, b, a});
    });
    return out;
}

QStringList changedAttributes(const QJsonObject &before, const QJsonObject &after)
{
    QStringList out;
    walkChanges(before, after, [&](const QString &path, const QJsonValue &, const QJsonValue &) {
        const qsizetype colon = path.startsWith(u"urn:"_s) ? path.lastIndexOf(u':') : -1;
        const QString name = colon >= 0 ? path.mid(colon + 1) : path.section(u'.', 0, 0);
        if (!out.contains(name))
            out.append(name);
    });
    return out;
}

namespace {

QString shown(const QString &path, const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return {};
    if (path.contains(u"password"_s, Qt::CaseInsensitive))
        return u"(secret, not shown)"_s;
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    default:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
}

} // namespace

QJsonArray attributeChanges(const QJsonObject &before, const QJsonObject &after)
{
    QJsonArray out;
    walkChanges(before, after, [&](const QString &path, const QJsonValue &b, const QJsonValue &a) {
        const qsizetype colon = path.startsWith(u"urn:"_s) ? path.lastIndexOf(u':') : -1;
        out.append(QJsonObject{{u"attribute"_s, colon >= 0 ? path.mid(colon + 1) : path},
                               {u"old"_s, shown(path, b)},
                               {u"new"_s, shown(path, a)}});
    });
    return out;
}

QString topLevel(const QString &path)
{
    if (path.startsWith(u"urn:"_s, Qt::CaseInsensitive)) {
        const qsizetype colon = path.lastIndexOf(u':');
        return path.left(colon + 1) + path.mid(colon + 1).section(u'.', 0, 0).section(u'[', 0, 0);
    }
    return path.section(u'.', 0, 0).section(u'[', 0, 0);
}

} // namespace Updraft::Resource
