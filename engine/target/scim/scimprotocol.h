// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/objectkind.h"
#include "target/target.h"

#include <QJsonArray>
#include <QJsonObject>

// The messages of RFC 7644 that Updraft sends: filters, PatchOp, and the resource a PUT replaces.
namespace Updraft::Scim {

inline constexpr auto PatchOpSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
inline constexpr auto ListResponseSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
inline constexpr auto BulkRequestSchema = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
inline constexpr auto BulkResponseSchema = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";

// `attribute eq "value"`, the one operator Updraft uses (never `or`: RFC 7644 §3.4.2.2 lets a service support
// a subset, and many support only eq, joined by and).
QString eqFilter(const QString &attribute, const QString &value);

// PATCH operations that turn `before` into `after`: a replace or a remove per changed attribute path.
QJsonArray patchOperations(const QJsonObject &before, const QJsonObject &after);
// A PatchOp message around `operations`.
QJsonObject patchRequest(const QJsonArray &operations);
// Membership PATCH operations: an add naming each member's type, a remove per member with a value filter
// (RFC 7644 §3.5.2.1 and §3.5.2.2).
QJsonArray memberOperations(const MembersChange &change);
// A member entry: {"value": id, "type": "User"|"Group"}.
QJsonObject member(const MemberReference &reference);

// What a PUT sends to change `cloud` (the object as the service holds it) the way `before` -> `after` says:
// the cloud object with those attributes replaced or removed, less what a client never writes (id, meta,
// read-only `groups`).
QJsonObject replaced(const QJsonObject &cloud, const QJsonObject &before, const QJsonObject &after);

} // namespace Updraft::Scim
