// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/objectkind.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QStringList>

// What a SCIM service says it supports (RFC 7643 §5 ServiceProviderConfig, §6 ResourceTypes, §7 Schemas), and
// what Updraft assumes when it says nothing: only what RFC 7644 requires of every service.
namespace Updraft::Scim {

struct Attribute {
    QString name;
    QString type; // string, boolean, complex, reference…
    bool multiValued = false;
    bool required = false;
    QString mutability = QStringLiteral("readWrite");
    QStringList referenceTypes;
    QStringList canonicalValues;
    QList<Attribute> subAttributes;
    const Attribute *sub(const QString &name) const; // case-insensitive, as SCIM attribute names are
};

struct Schema {
    QString id;
    QList<Attribute> attributes;
    const Attribute *attribute(const QString &name) const;
};

struct ResourceType {
    QString endpoint; // "Users", without the leading slash
    QString schema;
    QHash<QString, bool> extensions; // schema URN -> required
    bool described = false;          // listed in /ResourceTypes: `extensions` is all there is
};

struct Capabilities {
    // ServiceProviderConfig. Unknown (no document, or a field left out): RFC 7644's minimum.
    bool configKnown = false;
    bool patch = false;
    bool filter = false;
    int maxResults = 0; // 0: the service did not say
    bool bulk = false;
    int bulkMaxOperations = 0;
    int bulkMaxPayload = 0;
    bool etag = false;

    bool schemasKnown = false;
    QHash<QString, Schema> schemas; // by lower-case id
    ResourceType users{
        QStringLiteral("Users"), QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User"), {}};
    ResourceType groups{
        QStringLiteral("Groups"), QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:Group"), {}};
    // /ResourceTypes described users, groups or both.
    bool resourceTypesKnown() const { return users.described || groups.described; }

    QStringList assumptions; // what was not said, and what is assumed instead

    const Schema *schema(const QString &id) const;
    const ResourceType &resourceType(ObjectKind kind) const
    {
        return kind == ObjectKind::User ? users : groups;
    }
    // Whether `urn` is an extension of `kind` the service declares.
    bool hasExtension(ObjectKind kind, const QString &urn) const;
    // Whether a group's members may be groups: RFC 7643's Group allows it; a service whose schema lists only
    // "User" among the members' reference types (or type values) does not.
    bool nestedGroups() const;
    // The attributes of `kind` the service requires that a client can write (userName, emails…).
    QStringList required(ObjectKind kind) const;
    // In words, for the admin.
    QStringList summary() const;
};

// Each reader fills in its part and says in `assumptions` what it could not read. A document that is not what
// it should be counts as not said.
void readServiceProviderConfig(const QJsonObject &document, Capabilities &out);
// `document`: a ListResponse of schemas (or a bare array, as some services send).
void readSchemas(const QJsonValue &document, Capabilities &out);
void readResourceTypes(const QJsonValue &document, Capabilities &out);

// `resource` restricted to what the service has for `kind`: attributes it does not know or that are read-only
// are dropped (named in `dropped`); required ones that are empty are named in `missing`.
QJsonObject conform(const Capabilities &capabilities, ObjectKind kind, const QJsonObject &resource,
                    QStringList *dropped, QStringList *missing);

} // namespace Updraft::Scim
