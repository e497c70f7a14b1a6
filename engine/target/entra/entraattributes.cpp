// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "entraattributes.h"

#include <QHash>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Entra {

QString userPropertyFor(const QString &scimPath)
{
    // Microsoft's documented correspondence of SCIM User attributes and Entra ID user properties, which the
    // inbound provisioning app's default attribute mapping follows.
    static const QHash<QString, QString> properties{
        {u"externalId"_s, u"employeeId (the matching attribute)"_s},
        {u"userName"_s, u"userPrincipalName"_s},
        {u"active"_s, u"accountEnabled"_s},
        {u"displayName"_s, u"displayName"_s},
        {u"name.givenName"_s, u"givenName"_s},
        {u"name.familyName"_s, u"surname"_s},
        {u"title"_s, u"jobTitle"_s},
        {u"preferredLanguage"_s, u"preferredLanguage"_s},
        {u"emails[type eq \"work\"].value"_s, u"mail"_s},
        {u"emails[type eq \"other\"].value"_s, u"otherMails"_s},
        {u"phoneNumbers[type eq \"work\"].value"_s, u"businessPhones"_s},
        {u"phoneNumbers[type eq \"mobile\"].value"_s, u"mobilePhone"_s},
        {u"phoneNumbers[type eq \"fax\"].value"_s, u"faxNumber"_s},
        {u"addresses[type eq \"work\"].streetAddress"_s, u"streetAddress"_s},
        {u"addresses[type eq \"work\"].locality"_s, u"city"_s},
        {u"addresses[type eq \"work\"].region"_s, u"state"_s},
        {u"addresses[type eq \"work\"].postalCode"_s, u"postalCode"_s},
        {u"addresses[type eq \"work\"].country"_s, u"country"_s},
        {u"department"_s, u"department"_s},
        {u"organization"_s, u"companyName"_s},
        {u"manager"_s, u"manager (by the manager's externalId)"_s},
    };
    QString path = scimPath;
    // Enterprise extension attributes are named with or without their schema.
    const QString enterprise = u"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:"_s;
    if (path.startsWith(enterprise))
        path = path.mid(enterprise.size());
    if (path == u"manager.value"_s)
        path = u"manager"_s;
    return properties.value(path);
}

} // namespace Updraft::Entra
