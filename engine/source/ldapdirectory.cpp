// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ldapdirectory.h"

#include "anchor.h"
#include "core/logging.h"
#include "ldapdn.h"
#include "ldapfilter.h"

#include <QScopeGuard>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

// Attributes whose values are secrets wherever they appear: an explanation says at most that they are there.
const QStringList SecretAttributes{
    u"userPassword"_s,         u"sambaNTPassword"_s, u"sambaLMPassword"_s,
    u"sambaPasswordHistory"_s, u"unicodePwd"_s,      u"dBCSPwd"_s,
    u"ntPwdHistory"_s,         u"lmPwdHistory"_s,    u"supplementalCredentials"_s,
    u"krbPrincipalKey"_s,      u"userPKCS12"_s,      u"authPassword"_s,
    u"msDS-ManagedPassword"_s, u"pwdHistory"_s};

QString secretDescription(const QString &attribute, const QList<QByteArray> &values)
{
    if (attribute.compare(u"userPassword"_s, Qt::CaseInsensitive) == 0) {
        QStringList schemes;
        for (const QByteArray &v : values) {
            const QString scheme = Credential::rfc2307Scheme(v);
            schemes.append(scheme.isEmpty() ? u"cleartext"_s : scheme);
        }
        schemes.removeDuplicates();
        return u"present (%1)"_s.arg(schemes.join(u", "_s));
    }
    if (attribute.compare(u"sambaNTPassword"_s, Qt::CaseInsensitive) == 0 ||
        attribute.compare(u"unicodePwd"_s, Qt::CaseInsensitive) == 0)
        return u"present (NT hash)"_s;
    return u"present"_s;
}

bool baseMatch(LdapConnection &ldap, const QString &dn, const QString &filter, bool *matched)
{
    *matched = false;
    if (ldap.search(dn, SearchScope::Base, filter, {u"1.1"_s}, [&](DirectoryEntry &&) { *matched = true; }))
        return true;
    return ldap.lastError().kind == LdapError::Kind::NoSuchObject; // gone meanwhile: no match
}

ObjectKind kindByClass(const DirectoryEntry &entry)
{
    for (const QString &c : entry.texts(u"objectClass"_s))
        for (const char *group : {"group", "groupOfNames", "groupOfUniqueNames", "posixGroup"})
            if (c.compare(QLatin1StringView(group), Qt::CaseInsensitive) == 0)
                return ObjectKind::Group;
    return ObjectKind::User;
}

} // namespace

LdapDirectory::LdapDirectory(LdapSettings settings, QString baseDn, const Dialect &dialect)
    : m_settings(std::move(settings))
    , m_baseDn(std::move(baseDn))
    , m_dialect(dialect)
{}

QStringList LdapDirectory::withDialect(const QStringList &mapping, const QStringList &dialect) const
{
    QStringList out = dialect;
    for (const QString &a : mapping)
        if (!out.contains(a, Qt::CaseInsensitive))
            out.append(a);
    return out;
}

bool LdapDirectory::searchInto(LdapConnection &ldap, const QString &base, const QString &filter,
                               const QStringList &attributes,
                               const std::function<void(DirectoryEntry &&)> &handler, const QString &what)
{
    const auto counted = [&](DirectoryEntry &&entry) {
        ++m_entriesRead;
        if (m_progress && (m_entriesRead == 1 || m_entriesRead % 1000 == 0))
            m_progress(m_entriesRead);
        handler(std::move(entry));
    };
    if (ldap.search(base, SearchScope::Subtree, filter, attributes, counted))
        return true;
    m_error = ldap.lastError();
    if (m_error.kind == LdapError::Kind::NoSuchObject)
        m_error.message =
            u"%1 \"%2\" does not exist in the directory; nothing was changed."_s.arg(what, base);
    return false;
}

bool LdapDirectory::readMemberRanges(const QString &groupDn, qint64 from, QStringList &members)
{
    while (from >= 0 && m_ldap) {
        qint64 next = -1;
        bool found = false;
        const bool ok = m_ldap->search(
            groupDn, SearchScope::Base, u"(objectClass=*)"_s, {u"member;range=%1-*"_s.arg(from)},
            [&](DirectoryEntry &&e) {
                for (auto it = e.attributes.cbegin(); it != e.attributes.cend(); ++it) {
                    qint64 low = 0, high = 0;
                    if (!Ldap::parseRangeOption(it.key(), u"member"_s, &low, &high))
                        continue;
                    found = true;
                    for (const QByteArray &v : it.value())
                        if (const QString m = Ldap::normalizeDn(QString::fromUtf8(v)); !m.isEmpty())
                            members.append(m);
                    next = high < 0 ? -1 : high + 1;
                }
            });
        if (!ok) {
            qCWarning(lcLdap).noquote() << "could not read the members of" << groupDn << "from" << from << ":"
                                        << m_ldap->lastError().message;
            return false;
        }
        if (!found || next <= from)
            return true; // no values beyond `from`
        from = next;
    }
    return true;
}

bool LdapDirectory::accept(ObjectKind kind, DirectoryEntry &&entry, const QString &reason,
                           QHash<QString, SourceObject> &into, SourceSnapshot &out)
{
    const QString ndn = Ldap::normalizeDn(entry.dn);
    if (into.contains(ndn))
        return false;
    if (const QString why = m_dialect.exclusionReason(entry); !why.isEmpty()) {
        out.skipped.append({entry.dn, u"not synced: %1"_s.arg(why)});
        return false;
    }
    const QByteArray anchor = m_dialect.anchor(entry);
    if (anchor.isEmpty()) {
        out.unanchored.append({kind, entry.dn, ndn, m_dialect.anchorProblem(entry)});
        return false;
    }
    SourceObject object;
    object.kind = kind;
    object.normalizedDn = ndn;
    object.immutableId = Anchor::immutableId(anchor);
    object.scopeReason = reason;
    if (kind == ObjectKind::Group) {
        // AD sends a large member list in ranges ("member;range=0-1499"); the rest comes from further
        // searches, range after range. If one of them fails, the list is incomplete: its values count, and
        // nobody is removed from the group because of it.
        qint64 next = -1;
        for (auto it = entry.attributes.cbegin(); it != entry.attributes.cend(); ++it) {
            qint64 low = 0, high = 0;
            if (Ldap::parseRangeOption(it.key(), u"member"_s, &low, &high)) {
                for (const QByteArray &v : it.value())
                    if (const QString m = Ldap::normalizeDn(QString::fromUtf8(v)); !m.isEmpty())
                        object.members.append(m);
                next = high < 0 ? -1 : high + 1;
            }
        }
        if (next >= 0 && !readMemberRanges(entry.dn, next, object.members))
            object.membersIncomplete = true;
        for (const QString &attr : m_dialect.memberAttributes()) {
            for (QString member : entry.texts(attr)) {
                // uniqueMember may carry an optional "#'…'B" UID suffix.
                if (const qsizetype hash = member.lastIndexOf(u"#'"_s); hash > 0)
                    member.truncate(hash);
                if (const QString m = Ldap::normalizeDn(member); !m.isEmpty())
                    object.members.append(m);
            }
        }
        object.members.removeDuplicates();
    }
    if (kind == ObjectKind::User && m_readCredentials) {
        out.credentials.insert(object.immutableId, m_dialect.credential(entry));
        // The raw values go no further than this: nothing downstream may map, log or store them.
        for (const QString &attribute : m_dialect.credentialAttributes())
            entry.attributes.remove(attribute.toLower());
    }
    object.entry = std::move(entry);
    if (m_objectHandler)
        m_objectHandler(object);
    into.insert(ndn, std::move(object));
    return true;
}

QString LdapDirectory::membershipReason(const QStringList &chain)
{
    if (chain.isEmpty())
        return {};
    if (chain.size() == 1)
        return u"member of group %1, which the scope lists"_s.arg(chain.first());
    return u"member of group %1 through %2 (nested)"_s.arg(chain.first(), chain.mid(1).join(u" → "_s));
}

QString LdapDirectory::scopeUserFilter(const Scope &scope) const
{
    return scope.filter.isEmpty() ? m_dialect.userFilter()
                                  : u"(&%1%2)"_s.arg(m_dialect.userFilter(), scope.filter);
}

bool LdapDirectory::read(const Scope &scope, SourceSnapshot &out)
{
    return readScope(scope, nullptr, out);
}

bool LdapDirectory::readChanges(const Scope &scope, const Changes &changes, SourceSnapshot &out)
{
    return readScope(scope, &changes, out);
}

namespace {

// Whether the normalised DN `ndn` is `base` or below it.
bool isUnder(const QString &ndn, const QString &base)
{
    return ndn.size() == base.size() ? ndn == base
                                     : ndn.size() > base.size() && ndn.endsWith(base) &&
                                           ndn.at(ndn.size() - base.size() - 1) == u',';
}

} // namespace

bool LdapDirectory::readScope(const Scope &scope, const Changes *changes, SourceSnapshot &out)
{
    m_error = {};
    out = {};
    m_groupChains.clear();
    LdapConnection ldap(m_settings);
    if (!ldap.open()) {
        m_error = ldap.lastError();
        return false;
    }
    if (scope.isEmpty())
        return true; // bound successfully: the credentials work and nothing is in scope
    m_ldap = &ldap;
    const auto forget = qScopeGuard([this] { m_ldap = nullptr; });

    if (!scope.filter.isEmpty() && !Ldap::checkFilter(scope.filter).ok) {
        m_error = {LdapError::Kind::Filter,
                   0,
                   u"scope.filter \"%1\" is not a valid LDAP filter (RFC 4515); nothing was changed."_s.arg(
                       scope.filter),
                   {}};
        return false;
    }
    const QString userFilter = scopeUserFilter(scope);
    const QStringList userAttrs = withDialect(
        m_userAttributes,
        m_dialect.userAttributes() + (m_readCredentials ? m_dialect.credentialAttributes() : QStringList()));
    const QStringList groupAttrs = withDialect(m_groupAttributes, m_dialect.groupAttributes());

    QHash<QString, SourceObject> users;
    QHash<QString, SourceObject> groups;
    QList<std::pair<QString, QString>> scopedOus; // normalised DN, reason
    for (const QString &ou : scope.organizationalUnits) {
        const QString reason = u"under %1, which the scope lists"_s.arg(ou);
        scopedOus.append({Ldap::normalizeDn(ou), reason});
        // A read of what changed takes the users from the change feed below; groups are always read whole.
        if ((!changes &&
             !searchInto(
                 ldap, ou, userFilter, userAttrs,
                 [&](DirectoryEntry &&e) { accept(ObjectKind::User, std::move(e), reason, users, out); },
                 u"The scoped OU"_s)) ||
            !searchInto(
                ldap, ou, m_dialect.groupFilter(), groupAttrs,
                [&](DirectoryEntry &&e) { accept(ObjectKind::Group, std::move(e), reason, groups, out); },
                u"The scoped OU"_s))
            return false;
    }

    QHash<QString, QString> memberReason; // member ndn -> the scoping group that brought it in
    if (!scope.groups.isEmpty()) {
        // Resolve scoping groups and everything nested in them against all groups of the domain.
        QHash<QString, DirectoryEntry> allGroups;
        if (!searchInto(
                ldap, m_baseDn, m_dialect.groupFilter(), groupAttrs,
                [&](DirectoryEntry &&e) { allGroups.insert(Ldap::normalizeDn(e.dn), std::move(e)); },
                u"The base DN"_s))
            return false;
        for (const QString &groupDn : scope.groups) {
            const QString root = Ldap::normalizeDn(groupDn);
            if (!allGroups.contains(root)) {
                m_error = {
                    LdapError::Kind::NoSuchObject,
                    0,
                    u"scope.groups: the group \"%1\" was not found under %2; nothing was changed."_s.arg(
                        groupDn, m_baseDn),
                    {}};
                return false;
            }
            QList<QString> queue{root};
            QSet<QString> seen{root};
            // Each group's way in: the scoping group, then the groups nested in it down to this one.
            QHash<QString, QStringList> chains{{root, {allGroups.value(root).dn}}};
            while (!queue.isEmpty()) {
                const QString current = queue.takeFirst();
                const QStringList chain = chains.value(current);
                const QString reason = membershipReason(chain);
                DirectoryEntry copy = allGroups.value(current);
                accept(ObjectKind::Group, std::move(copy),
                       current == root ? u"a group the scope lists (%1)"_s.arg(groupDn)
                                       : membershipReason(chain.first(chain.size() - 1)),
                       groups, out);
                const SourceObject *group = groups.contains(current) ? &groups[current] : nullptr;
                const QStringList members = group ? group->members : QStringList();
                for (const QString &m : members) {
                    if (allGroups.contains(m)) {
                        if (!seen.contains(m)) {
                            seen.insert(m);
                            queue.append(m);
                            chains.insert(m, chain + QStringList{allGroups.value(m).dn});
                            if (!m_groupChains.contains(m))
                                m_groupChains.insert(m, chain);
                        }
                    } else if (!memberReason.contains(m)) {
                        memberReason.insert(m, reason);
                        m_groupChains.insert(m, chain);
                    }
                }
            }
        }
        if (!changes && !memberReason.isEmpty() &&
            !searchInto(
                ldap, m_baseDn, userFilter, userAttrs,
                [&](DirectoryEntry &&e) {
                    const QString ndn = Ldap::normalizeDn(e.dn);
                    if (const auto it = memberReason.constFind(ndn); it != memberReason.cend())
                        accept(ObjectKind::User, std::move(e), *it, users, out);
                },
                u"The base DN"_s))
            return false;
    }
    // Why a user DN is in scope; empty when it is not.
    const auto scopeReason = [&](const QString &ndn) {
        for (const auto &[ou, reason] : std::as_const(scopedOus))
            if (isUnder(ndn, ou))
                return reason;
        return memberReason.value(ndn);
    };
    if (changes && !readChangedUsers(*changes, userFilter, userAttrs, scopeReason, memberReason, users, out))
        return false;

    // In DN order, so that every run meets objects in the same order (which of two users claiming one
    // userName wins must not flip between runs).
    out.users = users.values();
    out.groups = groups.values();
    const auto byDn = [](const SourceObject &a, const SourceObject &b) {
        return a.normalizedDn < b.normalizedDn;
    };
    std::sort(out.users.begin(), out.users.end(), byDn);
    std::sort(out.groups.begin(), out.groups.end(), byDn);
    out.entriesRead = ldap.entriesRead();
    qCInfo(lcLdap) << "read" << out.users.size() << "users and" << out.groups.size() << "groups in scope from"
                   << m_settings.url.host() << (changes ? "(what changed)" : "");
    return true;
}

bool LdapDirectory::readChangedUsers(const Changes &changes, const QString &userFilter,
                                     const QStringList &userAttrs,
                                     const std::function<QString(const QString &)> &scopeReason,
                                     const QHash<QString, QString> &memberReason,
                                     QHash<QString, SourceObject> &users, SourceSnapshot &out)
{
    // The anchors of every changed entry, in scope or not: a known user among them is not carried over as
    // it was (it changed, moved out of scope, or was deleted).
    QSet<QString> changedAnchors = changes.deletedIds;
    const QStringList anchorAttributes = m_dialect.userAttributes();
    // One entry by its DN: false only when the directory failed (an entry gone meanwhile is no error).
    const auto readOne = [&](const QString &dn, const QString &filter, const QStringList &attributes,
                             const std::function<void(DirectoryEntry &&)> &handler) {
        if (m_ldap->search(dn, SearchScope::Base, filter, attributes, handler))
            return true;
        if (m_ldap->lastError().kind == LdapError::Kind::NoSuchObject)
            return true;
        m_error = m_ldap->lastError();
        return false;
    };
    QSet<QString> seen;
    for (const QString &dn : changes.dns) {
        const QString ndn = Ldap::normalizeDn(dn);
        if (ndn.isEmpty() || seen.contains(ndn))
            continue;
        seen.insert(ndn);
        const QString reason = scopeReason(ndn);
        bool accepted = false;
        if (!reason.isEmpty() && !readOne(dn, userFilter, userAttrs, [&](DirectoryEntry &&e) {
                accepted = accept(ObjectKind::User, std::move(e), reason, users, out);
            }))
            return false;
        if (accepted) {
            changedAnchors.insert(users.value(ndn).immutableId);
            continue;
        }
        // Out of scope now (moved, filtered out, excluded) or not a user: only its anchor is needed.
        if (!readOne(dn, u"(objectClass=*)"_s, anchorAttributes, [&](DirectoryEntry &&e) {
                if (const QByteArray anchor = m_dialect.anchor(e); !anchor.isEmpty())
                    changedAnchors.insert(Anchor::immutableId(anchor));
            }))
            return false;
    }
    // Known users that refer to a changed, deleted or departing one (out of the scoping group): what they
    // refer to may now resolve differently.
    QStringList referring;
    for (const QString &anchor : std::as_const(changedAnchors))
        referring += changes.referrers.value(anchor);
    for (auto it = changes.knownUsers.cbegin(); it != changes.knownUsers.cend(); ++it)
        if (!changedAnchors.contains(it.value()) && scopeReason(it.key()).isEmpty())
            referring += changes.referrers.value(it.value());
    for (const QString &ndn : std::as_const(referring)) {
        const QString reason = scopeReason(ndn);
        if (seen.contains(ndn) || reason.isEmpty())
            continue;
        seen.insert(ndn);
        if (!readOne(ndn, userFilter, userAttrs, [&](DirectoryEntry &&e) {
                if (accept(ObjectKind::User, std::move(e), reason, users, out))
                    changedAnchors.insert(users.value(ndn).immutableId);
            }))
            return false;
    }
    // Users a scoping group brought in that were not provisioned: new members, read now.
    QSet<QString> knownDns;
    for (auto it = changes.knownUsers.cbegin(); it != changes.knownUsers.cend(); ++it)
        if (!changedAnchors.contains(it.value()))
            knownDns.insert(it.key());
    for (auto it = memberReason.cbegin(); it != memberReason.cend(); ++it) {
        if (knownDns.contains(it.key()) || seen.contains(it.key()))
            continue;
        seen.insert(it.key());
        if (!readOne(it.key(), userFilter, userAttrs, [&](DirectoryEntry &&e) {
                accept(ObjectKind::User, std::move(e), it.value(), users, out);
            }))
            return false;
    }
    // The rest of the known users: still in scope, unchanged, not read.
    for (auto it = changes.knownUsers.cbegin(); it != changes.knownUsers.cend(); ++it)
        if (!changedAnchors.contains(it.value()) && !users.contains(it.key()) &&
            !scopeReason(it.key()).isEmpty())
            out.carried.append({it.key(), it.value(), {}});
    return true;
}

bool LdapDirectory::checkChanges(const QByteArray &cookie, LdapConnection::SyncCheck &out)
{
    m_error = {};
    LdapConnection ldap(m_settings);
    if (!ldap.open()) {
        m_error = ldap.lastError();
        return false;
    }
    ldap.setKeepChanges(cookie.isEmpty() ? 0 : m_keepChanges);
    bool ok = false;
    if (m_changeDetection == u"none"_s) {
        m_error = {LdapError::Kind::Other, 0, u"source.changeDetection is \"none\""_s, {}};
        return false;
    }
    if (m_dialect.type() == DirectoryType::ActiveDirectory) {
        // Only the attributes Updraft reads count as changes (a new lastLogonTimestamp does not). Tombstones
        // keep their objectClass but lose objectCategory, so the filter names classes only.
        QStringList attributes = withDialect(m_userAttributes, m_dialect.userAttributes()) +
                                 withDialect(m_groupAttributes, m_dialect.groupAttributes());
        for (QString &a : attributes)
            if (a.startsWith(u"member;"_s, Qt::CaseInsensitive))
                a = u"member"_s;
        attributes.removeDuplicates();
        const QString filter = u"(|(&(objectClass=user)(!(objectClass=computer)))(objectClass=group))"_s;
        if (!LdapConnection::isUsnCookie(cookie) && m_changeDetection != u"usn"_s)
            ok = ldap.dirSyncCheck(m_baseDn, filter, attributes, cookie, out);
        if (!ok) {
            // No DirSync right (or a watermark from an earlier run without it): uSNChanged instead.
            if (!LdapConnection::isUsnCookie(cookie) && m_changeDetection != u"usn"_s)
                qCInfo(lcLdap).noquote()
                    << "DirSync is not available to this account (" << ldap.lastError().message
                    << "); watching uSNChanged instead: deletes show with the next full read";
            ok = ldap.usnCheck(m_baseDn, filter, LdapConnection::isUsnCookie(cookie) ? cookie : QByteArray(),
                               out);
        }
    } else {
        const QString filter = u"(|%1%2)"_s.arg(m_dialect.userFilter(), m_dialect.groupFilter());
        ok = ldap.syncCheck(m_baseDn, filter, cookie, out);
    }
    if (!ok)
        m_error = ldap.lastError();
    return ok;
}

bool LdapDirectory::locate(const QStringList &immutableIds, QHash<QString, QString> &dnByImmutableId)
{
    m_error = {};
    if (immutableIds.isEmpty())
        return true;
    LdapConnection ldap(m_settings);
    if (!ldap.open()) {
        m_error = ldap.lastError();
        return false;
    }
    QStringList attributes = m_dialect.userAttributes();
    constexpr qsizetype Chunk = 100; // anchors per search filter
    for (qsizetype i = 0; i < immutableIds.size(); i += Chunk) {
        QString filter = u"(|"_s;
        for (const QString &id : immutableIds.mid(i, Chunk))
            filter += m_dialect.anchorFilter(QByteArray::fromBase64(id.toLatin1()));
        filter += u')';
        const bool ok =
            ldap.search(m_baseDn, SearchScope::Subtree, filter, attributes, [&](DirectoryEntry &&e) {
                const QByteArray anchor = m_dialect.anchor(e);
                if (!anchor.isEmpty())
                    dnByImmutableId.insert(Anchor::immutableId(anchor), e.dn);
            });
        if (!ok) {
            m_error = ldap.lastError();
            return false;
        }
    }
    return true;
}

bool LdapDirectory::matches(const QString &dn, const QString &filter, bool *matched)
{
    m_error = {};
    LdapConnection ldap(m_settings);
    if (!ldap.open()) {
        m_error = ldap.lastError();
        return false;
    }
    if (baseMatch(ldap, dn, filter, matched))
        return true;
    m_error = ldap.lastError();
    return false;
}

bool LdapDirectory::find(const QString &text, int limit, QList<FoundEntry> &out)
{
    m_error = {};
    out.clear();
    const QString wanted = text.trimmed();
    if (wanted.isEmpty() || limit < 1)
        return true;
    LdapConnection ldap(m_settings);
    if (!ldap.open()) {
        m_error = ldap.lastError();
        return false;
    }
    ldap.setSizeLimit(limit);
    const QStringList attributes =
        withDialect(m_userAttributes + m_groupAttributes,
                    QStringList{u"*"_s, u"modifyTimestamp"_s} + m_dialect.userAttributes() +
                        m_dialect.groupAttributes() + m_dialect.credentialAttributes());
    QSet<QString> seen;
    const auto take = [&](ObjectKind kind, bool synced, DirectoryEntry &&entry) {
        const QString ndn = Ldap::normalizeDn(entry.dn);
        if (seen.contains(ndn) || out.size() >= limit)
            return;
        seen.insert(ndn);
        FoundEntry found;
        found.kind = kind;
        found.synced = synced;
        if (kind == ObjectKind::User)
            found.credential = m_dialect.credential(entry);
        // The raw values go no further than this.
        for (const QString &secret : SecretAttributes) {
            const QString key = secret.toLower();
            if (const auto it = entry.attributes.constFind(key); it != entry.attributes.cend()) {
                found.secrets.insert(secret, secretDescription(secret, *it));
                entry.attributes.remove(key);
            }
        }
        found.entry = std::move(entry);
        out.append(std::move(found));
    };
    const auto failed = [&] {
        m_error = ldap.lastError();
        return false;
    };

    const bool isDn = wanted.contains(u'=') && !Ldap::normalizeDn(wanted).isEmpty();
    if (isDn) {
        DirectoryEntry entry;
        bool exists = false;
        if (!ldap.search(wanted, SearchScope::Base, u"(objectClass=*)"_s, attributes,
                         [&](DirectoryEntry &&e) {
                             entry = std::move(e);
                             exists = true;
                         }))
            return ldap.lastError().kind == LdapError::Kind::NoSuchObject ? true : failed();
        if (!exists)
            return true;
        bool user = false;
        bool group = false;
        if (!baseMatch(ldap, entry.dn, m_dialect.userFilter(), &user) ||
            (!user && !baseMatch(ldap, entry.dn, m_dialect.groupFilter(), &group)))
            return failed();
        const ObjectKind kind = user ? ObjectKind::User : group ? ObjectKind::Group : kindByClass(entry);
        take(kind, user || group, std::move(entry));
        return true;
    }

    const QString value = Ldap::escapeFilterValue(wanted);
    const QStringList names =
        m_dialect.type() == DirectoryType::ActiveDirectory
            ? QStringList{u"sAMAccountName"_s, u"userPrincipalName"_s, u"cn"_s, u"mail"_s, u"displayName"_s}
            : QStringList{u"uid"_s, u"cn"_s, u"mail"_s, u"displayName"_s};
    QString byName = u"(|"_s;
    for (const QString &n : names)
        byName += u"(%1=%2)"_s.arg(n, value);
    byName += u')';
    if (!ldap.search(m_baseDn, SearchScope::Subtree, u"(&%1%2)"_s.arg(m_dialect.userFilter(), byName),
                     attributes, [&](DirectoryEntry &&e) { take(ObjectKind::User, true, std::move(e)); }) ||
        !ldap.search(m_baseDn, SearchScope::Subtree, u"(&%1%2)"_s.arg(m_dialect.groupFilter(), byName),
                     attributes, [&](DirectoryEntry &&e) { take(ObjectKind::Group, true, std::move(e)); }))
        return failed();
    if (!out.isEmpty())
        return true;
    // Nothing the dialect syncs: perhaps a computer, a system account or a group of another kind, which the
    // explanation then says.
    const QString anything = u"(&(|(objectClass=person)(objectClass=user)(objectClass=computer)"
                             u"(objectClass=group)(objectClass=groupOfNames)(objectClass=groupOfUniqueNames)"
                             u"(objectClass=posixGroup))%1)"_s.arg(byName);
    if (!ldap.search(m_baseDn, SearchScope::Subtree, anything, attributes, [&](DirectoryEntry &&e) {
            const ObjectKind kind = kindByClass(e);
            take(kind, false, std::move(e));
        }))
        return failed();
    return true;
}

} // namespace Updraft
