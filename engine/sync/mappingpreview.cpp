// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mappingpreview.h"

#include "core/resource.h"
#include "desiredstate.h"
#include "source/anchor.h"
#include "source/ldapdn.h"

#include <QCoreApplication>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

// This file's text, translatable (Qt Linguist reads the context from the macro).
struct Text {
    Q_DECLARE_TR_FUNCTIONS(Updraft::MappingPreview)
};

// The attributes an admin may type the value of to find an entry, in either dialect: a server that does not
// know one of them treats its part of the filter as false.
const QStringList &namingAttributes()
{
    static const QStringList names{u"uid"_s, u"sAMAccountName"_s, u"userPrincipalName"_s, u"cn"_s, u"mail"_s};
    return names;
}

bool containsName(const QStringList &names, const QString &name)
{
    // An attribute description may carry options ("member;range=0-1499"); its type is what is compared.
    const QString type = name.section(u';', 0, 0);
    return std::any_of(names.cbegin(), names.cend(), [&](const QString &n) {
        return n.section(u';', 0, 0).compare(type, Qt::CaseInsensitive) == 0;
    });
}

// The text as an assertion value: escaped (RFC 4515), except that "*" stays a wildcard.
QString assertion(const QString &text)
{
    QStringList parts = text.split(u'*');
    for (QString &p : parts)
        p = Ldap::escapeFilterValue(p);
    return parts.join(u'*');
}

bool isEmptyValue(const QJsonValue &v)
{
    return v.isNull() || v.isUndefined() || (v.isString() && v.toString().isEmpty());
}

} // namespace

bool PreviewEntry::covers(const Mapping &mapping) const
{
    const QStringList reads = mapping.sourceAttributes();
    return std::all_of(reads.cbegin(), reads.cend(), [&](const QString &a) {
        return containsName(attributes, a) || containsName(withheld, a);
    });
}

PreviewEntry PreviewEntry::find(const LdapSettings &settings, const QString &baseDn, DirectoryType type,
                                ObjectKind kind, const QString &text, const QStringList &attributes)
{
    PreviewEntry out;
    const std::unique_ptr<Dialect> dialect = Dialect::create(type);
    const bool user = kind == ObjectKind::User;
    const QString wanted = text.trimmed();
    if (wanted.isEmpty()) {
        out.error = user ? Text::tr("Type a user name, e-mail address or name to look for.")
                         : Text::tr("Type a group name to look for.");
        return out;
    }

    // What a run reads of such an entry and what the mapping reads, less the members of a group (not
    // mapped) and secrets.
    out.withheld = Mapping::secretAttributes();
    const QStringList members = user ? QStringList() : dialect->memberAttributes();
    for (const QString &a : user ? dialect->userAttributes() : dialect->groupAttributes())
        if (!containsName(out.attributes, a) && !containsName(out.withheld, a) && !containsName(members, a))
            out.attributes.append(a);
    for (const QString &a : attributes)
        if (!containsName(out.attributes, a) && !containsName(out.withheld, a))
            out.attributes.append(a);

    const QString kindFilter = user ? dialect->userFilter() : dialect->groupFilter();
    QString base = baseDn;
    SearchScope scope = SearchScope::Subtree;
    QString filter;
    if (wanted.contains(u'=') && !Ldap::normalizeDn(wanted).isEmpty()) {
        base = wanted; // a DN: that entry, if it is a user (group)
        scope = SearchScope::Base;
        filter = kindFilter;
    } else {
        QString any;
        for (const QString &name : namingAttributes())
            any += u"(%1=%2)"_s.arg(name, assertion(wanted));
        filter = u"(&%1(|%2))"_s.arg(kindFilter, any);
    }

    LdapConnection ldap(settings);
    ldap.setSizeLimit(SearchLimit + 1);
    if (!ldap.open()) {
        out.error = ldap.lastError().message;
        return out;
    }
    QList<DirectoryEntry> found;
    if (!ldap.search(base, scope, filter, out.attributes,
                     [&](DirectoryEntry &&e) { found.append(std::move(e)); })) {
        const LdapError &error = ldap.lastError();
        if (error.kind == LdapError::Kind::NoSuchObject && scope == SearchScope::Base)
            out.error = Text::tr("There is no entry \"%1\" in the directory.").arg(wanted);
        else if (error.kind == LdapError::Kind::NoSuchObject)
            out.error = Text::tr("The base DN \"%1\" does not exist in the directory.").arg(baseDn);
        else
            out.error = error.message;
        return out;
    }
    if (found.isEmpty()) {
        if (scope == SearchScope::Base)
            out.error = user ? Text::tr("\"%1\" is not a user (%2).").arg(wanted, kindFilter)
                             : Text::tr("\"%1\" is not a group (%2).").arg(wanted, kindFilter);
        else
            out.error =
                (user ? Text::tr("No user under %1 has \"%2\" as uid, sAMAccountName, userPrincipalName, cn "
                                 "or mail.")
                      : Text::tr("No group under %1 has \"%2\" as uid, sAMAccountName, userPrincipalName, "
                                 "cn or mail."))
                    .arg(baseDn, wanted);
        return out;
    }

    // The first in DN order, as a run meets them: the same text always shows the same entry.
    std::sort(found.begin(), found.end(), [](const DirectoryEntry &a, const DirectoryEntry &b) {
        return Ldap::normalizeDn(a.dn) < Ldap::normalizeDn(b.dn);
    });
    out.matches = int(std::min<qsizetype>(found.size(), SearchLimit));
    out.moreMatches = found.size() > SearchLimit;
    DirectoryEntry entry = std::move(found.first());
    entry.attributes.removeIf([&](const auto &it) { return containsName(out.withheld, it.key()); });
    out.object.kind = kind;
    out.object.normalizedDn = Ldap::normalizeDn(entry.dn);
    out.object.immutableId = Anchor::immutableId(dialect->anchor(entry));
    out.object.entry = std::move(entry);
    return out;
}

QString MappingPreview::secretText()
{
    return Text::tr("(secret, not shown)");
}

MappingPreview MappingPreview::map(const PreviewEntry &entry, DirectoryType type, const Mapping &mapping,
                                   const QString &domain)
{
    MappingPreview out;
    const SourceObject &object = entry.object;
    const bool user = object.kind == ObjectKind::User;
    out.dn = object.entry.dn;
    out.immutableId = object.immutableId;

    const std::unique_ptr<Dialect> dialect = Dialect::create(type);
    if (const QString why = dialect->exclusionReason(object.entry); !why.isEmpty())
        out.problems.append(Text::tr("Runs never sync this entry: it is %1.").arg(why));
    if (object.immutableId.isEmpty())
        out.problems.append(Text::tr("Runs count this entry as failed: it has no usable anchor (%1).")
                                .arg(dialect->anchorProblem(object.entry)));

    // The variables and the call of a run (SyncRunner, DesiredState).
    const QHash<QString, QString> variables{{u"domain"_s, domain}};
    QHash<QString, QString> objectVariables = variables;
    objectVariables.insert(u"immutableId"_s, object.immutableId);
    out.resource = mapping.apply(object, objectVariables);

    // The checks a run makes before it sends anything (a userName, a group's displayName).
    SourceSnapshot snapshot;
    (user ? snapshot.users : snapshot.groups).append(object);
    const Mapping other = Mapping::defaults(type, user ? ObjectKind::Group : ObjectKind::User);
    const DesiredState desired(snapshot, user ? mapping : other, user ? other : mapping, variables);
    QStringList failures;
    for (const DesiredState::Failure &f : desired.failures())
        failures.append(f.message);
    const QString checked = user ? u"userName"_s : u"displayName"_s;

    const ExpressionContext context{&object.entry, objectVariables};
    for (const MappingRule &rule : mapping.rules()) {
        Attribute a;
        a.target = rule.target;
        QStringList reads;
        rule.expression->collectAttributes(reads);
        a.secret = rule.target.contains(u"password"_s, Qt::CaseInsensitive) ||
                   std::any_of(reads.cbegin(), reads.cend(),
                               [](const QString &r) { return Mapping::isSecretAttribute(r); });
        const QJsonValue value = rule.expression->evaluate(context);
        a.hasValue = !isEmptyValue(value);
        a.value = value;
        if (a.secret) {
            a.note =
                Text::tr("A secret: never shown. Password hashes reach the cloud only through password hash "
                         "sync, never through a mapping rule.");
            if (a.hasValue) {
                a.value = secretText();
                Resource::setPath(out.resource, rule.target, a.value);
            }
        } else if (value.isObject() && value.toObject().contains(u"$ref"_s)) {
            a.reference = true;
            a.value = value.toObject().value(u"$ref"_s);
            a.note = Text::tr(
                "A reference, resolved at run time: a run sends the cloud id of this object when this "
                "configuration provisions it, and leaves the attribute empty otherwise.");
        } else if (!a.hasValue) {
            QStringList absent;
            for (const QString &r : std::as_const(reads))
                if (!object.entry.has(r))
                    absent.append(r);
            a.note = absent.isEmpty()
                         ? Text::tr("No value: a run does not send this attribute.")
                         : Text::tr("No value (%1 not in the entry): a run does not send this attribute.")
                               .arg(absent.join(u", "_s));
        }
        if (rule.target == checked && !failures.isEmpty())
            a.error = failures.join(u' ');
        out.attributes.append(a);
    }
    if (std::none_of(out.attributes.cbegin(), out.attributes.cend(),
                     [&](const Attribute &a) { return a.target == checked; }))
        out.problems += failures;
    return out;
}

} // namespace Updraft
