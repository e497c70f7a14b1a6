// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DNs as directories send them and admins type them (RFC 4514: escapes, multi-valued RDNs, UTF-8), AD range
// options and bind names. The input's first line is a DN, the second a value, the third an attribute
// description. Properties: normalising is idempotent; a value escaped into an RDN comes back as it was; an
// entry named below a base is within it.
#include "fuzzinput.h"

#include "source/ldapdn.h"

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> lines = Fuzz::bytes(data, size).split('\n');
    const QString dn = QString::fromUtf8(lines.value(0));
    const QString value = QString::fromUtf8(lines.value(1));
    const QString description = QString::fromUtf8(lines.value(2));

    const QString normalized = Ldap::normalizeDn(dn);
    if (!normalized.isEmpty()) {
        Fuzz::require(Ldap::normalizeDn(normalized) == normalized, "normalizeDn is idempotent");
        Fuzz::require(Ldap::isWithin(normalized, normalized), "a DN is within itself");
    }
    Ldap::firstRdnValue(dn);
    Ldap::classifyBindName(dn);

    if (!value.isEmpty()) {
        const QString rdn = u"cn=" + Ldap::escapeDnValue(value);
        Fuzz::require(Ldap::firstRdnValue(rdn) == value, "an escaped value is the RDN's value, unchanged");
        const QString base = normalized.isEmpty() ? u"dc=example,dc=com"_s : normalized;
        const QString child = Ldap::normalizeDn(rdn + u',' + base);
        Fuzz::require(!child.isEmpty(), "an escaped value makes a valid DN");
        Fuzz::require(Ldap::isWithin(child, Ldap::normalizeDn(base)),
                      "an entry named below a base is within it");
        Fuzz::require(!Ldap::isWithin(Ldap::normalizeDn(base), child), "a base is not within its child");
    }

    qint64 low = 0, high = 0;
    if (Ldap::parseRangeOption(description, u"member"_s, &low, &high))
        Fuzz::require(low >= 0 && (high == -1 || high >= low), "a range option reads as low ≤ high or low-*");
    return 0;
}
