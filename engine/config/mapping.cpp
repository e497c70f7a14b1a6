// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/mapping.h"

#include "core/resource.h"

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

const QString Enterprise = QString::fromLatin1(Resource::EnterpriseUserSchema) + u':';

QJsonObject attr(const QString &name)
{
    return {{u"attribute"_s, name}};
}
QJsonObject expr(const QString &text)
{
    return {{u"expression"_s, text}};
}

QList<std::pair<QString, QJsonObject>> defaultRows(DirectoryType type, ObjectKind kind)
{
    // The SCIM core Group schema has no description (RFC 7643 4.2): a service would refuse it.
    if (kind == ObjectKind::Group)
        return {{u"displayName"_s, expr(u"coalesce(displayName, cn)"_s)}};
    if (type == DirectoryType::ActiveDirectory) {
        return {
            // Entra's fallback too: an account without a UPN signs in as sAMAccountName@<domain>.
            {u"userName"_s, expr(u"coalesce(userPrincipalName, concat(sAMAccountName, \"@\", $domain))"_s)},
            {u"name.givenName"_s, attr(u"givenName"_s)},
            {u"name.familyName"_s, attr(u"sn"_s)},
            {u"displayName"_s, expr(u"coalesce(displayName, cn)"_s)},
            {u"emails[type eq \"work\"].value"_s, attr(u"mail"_s)},
            {u"phoneNumbers[type eq \"work\"].value"_s, attr(u"telephoneNumber"_s)},
            {u"phoneNumbers[type eq \"mobile\"].value"_s, attr(u"mobile"_s)},
            {u"title"_s, attr(u"title"_s)},
            {u"active"_s, expr(u"not(flag(userAccountControl, 2))"_s)},
            {Enterprise + u"employeeNumber"_s, expr(u"coalesce(employeeNumber, employeeID)"_s)},
            {Enterprise + u"department"_s, attr(u"department"_s)},
            {Enterprise + u"manager"_s, expr(u"ref(manager)"_s)},
        };
    }
    return {
        {u"userName"_s, expr(u"coalesce(mail, concat(uid, \"@\", $domain))"_s)},
        {u"name.givenName"_s, attr(u"givenName"_s)},
        {u"name.familyName"_s, attr(u"sn"_s)},
        {u"displayName"_s, expr(u"coalesce(displayName, cn)"_s)},
        {u"emails[type eq \"work\"].value"_s, attr(u"mail"_s)},
        {u"phoneNumbers[type eq \"work\"].value"_s, attr(u"telephoneNumber"_s)},
        {u"phoneNumbers[type eq \"mobile\"].value"_s, attr(u"mobile"_s)},
        {u"title"_s, attr(u"title"_s)},
        // OpenLDAP's ppolicy locks an account with pwdAccountLockedTime; 389 DS with nsAccountLock: true.
        {u"active"_s, type == DirectoryType::Dirsrv ? expr(u"not(nsAccountLock)"_s)
                                                    : expr(u"not(present(pwdAccountLockedTime))"_s)},
        {Enterprise + u"employeeNumber"_s, attr(u"employeeNumber"_s)},
        {Enterprise + u"department"_s, attr(u"departmentNumber"_s)},
        {Enterprise + u"manager"_s, expr(u"ref(manager)"_s)},
    };
}

} // namespace

Mapping Mapping::defaults(DirectoryType type, ObjectKind kind)
{
    Mapping m;
    m.m_kind = kind;
    for (const auto &[target, spec] : defaultRows(type, kind)) {
        MappingRule rule;
        QString error;
        const bool ok = parseRule(target, spec, rule, &error);
        Q_ASSERT_X(ok, "Mapping::defaults", qPrintable(error));
        m.m_rules.append(rule);
    }
    return m;
}

bool Mapping::parseRule(const QString &target, const QJsonValue &spec, MappingRule &rule, QString *error)
{
    QString why;
    if (!Resource::isValidPath(target, &why)) {
        *error = why;
        return false;
    }
    if (target.compare(u"externalId"_s, Qt::CaseInsensitive) == 0 ||
        target.compare(u"id"_s, Qt::CaseInsensitive) == 0) {
        *error = u"\"%1\" cannot be mapped: it is the source anchor (immutableId), which never changes"_s.arg(
            target);
        return false;
    }
    const QJsonObject o = spec.toObject();
    if (!spec.isObject() || o.size() != 1) {
        *error = u"a rule is one of {\"attribute\": name}, {\"constant\": value}, {\"expression\": text}"_s;
        return false;
    }
    rule.target = target;
    rule.spec = spec;
    const QString kind = o.begin().key();
    const QJsonValue value = o.begin().value();
    if (kind == u"attribute"_s && value.isString() && !value.toString().isEmpty()) {
        rule.expression = Expression::attribute(value.toString());
    } else if (kind == u"constant"_s && !value.isObject() && !value.isArray()) {
        rule.expression = Expression::constant(value);
    } else if (kind == u"expression"_s && value.isString()) {
        QString parseError;
        rule.expression = Expression::parse(value.toString(), &parseError);
        if (!rule.expression) {
            *error = u"expression \"%1\": %2"_s.arg(value.toString(), parseError);
            return false;
        }
    } else {
        *error = u"a rule is one of {\"attribute\": name}, {\"constant\": value}, {\"expression\": text}"_s;
        return false;
    }
    QStringList reads;
    rule.expression->collectAttributes(reads);
    for (const QString &read : std::as_const(reads))
        if (isSecretAttribute(read)) {
            *error = u"%1 holds a password or its hash, which a mapping rule never sends; password hash sync "
                     u"does (passwordHashSync)"_s.arg(read);
            return false;
        }
    return true;
}

const QStringList &Mapping::secretAttributes()
{
    static const QStringList names{u"userPassword"_s,        u"authPassword"_s, u"sambaNTPassword"_s,
                                   u"sambaLMPassword"_s,     u"unicodePwd"_s,   u"dBCSPwd"_s,
                                   u"ntPwdHistory"_s,        u"lmPwdHistory"_s, u"supplementalCredentials"_s,
                                   u"msDS-ManagedPassword"_s};
    return names;
}

bool Mapping::isSecretAttribute(const QString &name)
{
    return std::any_of(secretAttributes().cbegin(), secretAttributes().cend(),
                       [&](const QString &s) { return s.compare(name, Qt::CaseInsensitive) == 0; });
}

bool Mapping::applyOverrides(const QJsonObject &overrides, const QString &keyPath, QString *error)
{
    for (auto it = overrides.begin(); it != overrides.end(); ++it) {
        const QString target = it.key();
        const auto existing = std::find_if(m_rules.begin(), m_rules.end(),
                                           [&](const MappingRule &r) { return r.target == target; });
        if (it.value().isNull()) {
            if (existing != m_rules.end())
                m_rules.erase(existing);
            continue;
        }
        MappingRule rule;
        QString why;
        if (!parseRule(target, it.value(), rule, &why)) {
            *error = u"%1.%2: %3"_s.arg(keyPath, target, why);
            return false;
        }
        if (existing != m_rules.end())
            *existing = rule;
        else
            m_rules.append(rule);
    }
    return true;
}

QJsonObject Mapping::apply(const SourceObject &object, const QHash<QString, QString> &variables) const
{
    ExpressionContext context{&object.entry, variables};
    QJsonObject resource;
    for (const MappingRule &rule : m_rules)
        Resource::setPath(resource, rule.target, rule.expression->evaluate(context));
    resource.insert(u"externalId"_s, object.immutableId);
    Resource::finishResource(resource,
                             m_kind == ObjectKind::User ? Resource::UserSchema : Resource::GroupSchema);
    return resource;
}

QStringList Mapping::sourceAttributes() const
{
    QStringList out;
    for (const MappingRule &rule : m_rules)
        rule.expression->collectAttributes(out);
    return out;
}

QJsonObject Mapping::toJson() const
{
    QJsonObject out;
    for (const MappingRule &rule : m_rules)
        out.insert(rule.target, rule.spec);
    return out;
}

} // namespace Updraft
