// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>

#include <functional>

// The engine's resource document: what an object should look like in the cloud, whatever the target. Its
// shape is RFC 7643's resource JSON (core attributes at the top, each extension under its schema URN), the
// common language of cloud directories; how it travels (SCIM requests, a bulk upload) is each target's
// business. Built from attribute paths, compared attribute by attribute.
namespace Updraft::Resource {

inline constexpr auto UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
inline constexpr auto GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";
inline constexpr auto EnterpriseUserSchema = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
// Updraft's own extensions: provenance (which configuration provisions an object) and, for users, the
// password hash credential (docs/password-hash-sync.md). Used only when the target declares them in /Schemas.
inline constexpr auto UpdraftUserSchema = "urn:ietf:params:scim:schemas:extension:updraft:2.0:User";
inline constexpr auto UpdraftGroupSchema = "urn:ietf:params:scim:schemas:extension:updraft:2.0:Group";

// Whether `path` is a target path this builder understands: `attr`, `attr.sub`, `attr[type eq "x"].sub`, or
// any of these after an extension schema URN (`urn:…:User:attr`). Sets `error` otherwise.
bool isValidPath(const QString &path, QString *error);

// Sets `value` at `path` in `resource`. Null and empty strings are not set. Multi-valued filtered paths
// create an element carrying the filter's type; the first element of a multi-valued attribute is marked
// primary.
void setPath(QJsonObject &resource, const QString &path, const QJsonValue &value);

// Adds the `schemas` member naming the core schema and every extension present.
void finishResource(QJsonObject &resource, const char *coreSchema);

// Replaces every {"$ref": dn} object by what `resolve(attribute, dn)` returns; an undefined result removes
// the attribute. `attribute` is the name of the member holding the reference (e.g. "manager").
using ReferenceResolver = std::function<QJsonValue(const QString &attribute, const QString &dn)>;
void resolveReferences(QJsonObject &resource, const ReferenceResolver &resolve);

// Whether the resource still holds unresolved references.
bool hasReferences(const QJsonObject &resource);

// Every attribute path that differs between `before` and `after`: a top-level attribute, a singular complex
// attribute's sub-attribute (`name.givenName`), an extension's attribute (`urn:…:User:department`). With the
// value before and after (undefined: absent). `schemas`, `id` and `meta` are ignored.
struct Change {
    QString path;
    QJsonValue before;
    QJsonValue after;
};
QList<Change> changes(const QJsonObject &before, const QJsonObject &after);

// The names of the attributes `changes` lists, for results and logs.
QStringList changedAttributes(const QJsonObject &before, const QJsonObject &after);

// What `changes` lists, for the admin: [{attribute, old, new}], values as text ("" for absent), complex
// values as compact JSON, anything named like a password as "(secret, not shown)".
QJsonArray attributeChanges(const QJsonObject &before, const QJsonObject &after);

// The top-level attribute a path belongs to (`name` for `name.givenName`, the URN-qualified attribute for an
// extension's: `urn:…:User:manager`).
QString topLevel(const QString &path);

} // namespace Updraft::Resource
