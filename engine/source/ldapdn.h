// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Updraft::Ldap {

// RFC 4514 escaping of one attribute value for use inside a DN.
QString escapeDnValue(const QString &value);

// RFC 4515 escaping of an assertion value for use inside a search filter.
QString escapeFilterValue(const QString &value);

// A canonical form for comparing DNs: parsed and re-serialised by libldap, then case-folded. Returns an empty
// string for text that is not a DN.
QString normalizeDn(const QString &dn);

// The value of the first RDN, unescaped: "Zoë, Ångström" of "cn=Zoë\\, Ångström,ou=People". For display.
// Returns `dn` itself when it is not a DN.
QString firstRdnValue(const QString &dn);

// An Active Directory range option on an attribute description, as in "member;range=1500-2999" or
// "member;range=3000-*" (MS-ADTS 3.1.1.3.1.3.3). Sets `low` and `high` (-1 for "*", the last range) and
// returns true when `description` is `attribute` with a range option (any case), false otherwise.
bool parseRangeOption(const QString &description, const QString &attribute, qint64 *low, qint64 *high);

// How a simple bind names its account: a DN, or as Active Directory also takes, a user principal name
// ("svc-updraft@corp.example.com") or a down-level logon name ("CORP\svc-updraft").
enum class BindName { Invalid, Dn, UserPrincipalName, DownLevel };
BindName classifyBindName(const QString &name);

// Whether `dn` is `base` or lies below it. Both must already be normalised.
bool isWithin(const QString &normalizedDn, const QString &normalizedBase);

} // namespace Updraft::Ldap
