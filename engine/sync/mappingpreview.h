// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/mapping.h"
#include "source/ldapconnection.h"

namespace Updraft {

// One directory entry picked for the mapping editor's preview: the first (in DN order) of the users or groups
// under the base DN whose uid, sAMAccountName, userPrincipalName, cn or mail is the text typed ("*" matches
// any characters; a DN is read as it is). It holds the attributes the dialect always reads and those the
// mapping asked for; attributes holding passwords or their hashes are never asked for, and dropped should a
// server send them anyway.
struct PreviewEntry {
    SourceObject object;
    int matches = 0;          // entries that matched; the first in DN order is `object`
    bool moreMatches = false; // the search stopped at SearchLimit: at least `matches`
    QStringList attributes;   // the attributes asked for
    QStringList withheld;     // Mapping::secretAttributes(), never asked for
    QString error;            // for the admin; set when the directory failed or nothing matched

    bool isValid() const { return error.isEmpty() && matches > 0; }
    // Whether `object` was read with every attribute `mapping` reads, so an edited mapping can be applied to
    // it again without another search.
    bool covers(const Mapping &mapping) const;

    static constexpr int SearchLimit = 100;

    // Blocking, for a worker thread: opens its own connection, searches, closes.
    static PreviewEntry find(const LdapSettings &settings, const QString &baseDn, DirectoryType type,
                             ObjectKind kind, const QString &text, const QStringList &attributes);
};

// One entry mapped as a run maps it: Mapping::apply for the resource, DesiredState for the checks a run makes
// before sending anything. References (a manager) stay the referenced entry's DN: a run replaces them with
// the cloud id of that object, which needs the state store. Pure and fast; any thread.
struct MappingPreview {
    struct Attribute {
        QString target;
        QJsonValue value;       // what the rule gave; null when nothing ("(secret, not shown)" for secrets)
        bool hasValue = false;  // a run sets the attribute (null and empty text are not sent)
        bool secret = false;    // the value is not shown: a credential or an attribute named like a password
        bool reference = false; // `value` is a DN, resolved at run time
        QString note;           // for the admin, e.g. "mail is absent from the entry"
        QString error;          // the run would not provision the object because of this attribute
    };

    QString dn;
    QString immutableId;
    QJsonObject resource; // the SCIM resource, references as {"$ref": dn}
    QList<Attribute> attributes;
    QStringList problems; // about the whole object: excluded, no anchor, a failed check without a rule

    static MappingPreview map(const PreviewEntry &entry, DirectoryType type, const Mapping &mapping,
                              const QString &domain);

    // What stands in for a value that is never shown.
    static QString secretText();
};

} // namespace Updraft
