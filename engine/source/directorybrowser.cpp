// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "directorybrowser.h"

#include "ldapdirectory.h"
#include "ldapdn.h"

#include <QHash>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

// Where `ndn` lies below `parentNdn` (both normalised): the normalised DN of the child of `parentNdn` that
// holds it, or an empty string when it is right below `parentNdn` or is `parentNdn` itself.
QString childHolding(const QString &ndn, const QString &parentNdn)
{
    if (ndn.size() <= parentNdn.size())
        return {};
    const QStringView below =
        QStringView(ndn).left(ndn.size() - parentNdn.size() - (parentNdn.isEmpty() ? 0 : 1));
    qsizetype lastComma = -1;
    for (qsizetype i = 0; i < below.size(); ++i) {
        if (below[i] == u'\\')
            ++i; // an escaped character, "\," among them; hex pairs hold no comma
        else if (below[i] == u',')
            lastComma = i;
    }
    if (lastComma < 0)
        return {};
    return ndn.mid(lastComma + 1);
}

bool byName(const QString &a, const QString &b)
{
    const int c = QString::compare(a, b, Qt::CaseInsensitive);
    return c != 0 ? c < 0 : a < b;
}

// Any of `attributes` contains `text`; empty for an empty text, which then narrows nothing in "(&…)".
QString containsFilter(const QStringList &attributes, const QString &text)
{
    if (text.isEmpty())
        return {};
    const QString value = Ldap::escapeFilterValue(text);
    QString out = u"(|"_s;
    for (const QString &a : attributes)
        out += u"(%1=*%2*)"_s.arg(a, value);
    return out + u')';
}

} // namespace

DirectoryBrowser::DirectoryBrowser(LdapSettings settings, QString baseDn, DirectoryType type)
    : m_settings(std::move(settings))
    , m_baseDn(std::move(baseDn))
    , m_dialect(Dialect::create(type))
{}

DirectoryBrowser::~DirectoryBrowser() = default;

QString DirectoryBrowser::containerFilter() const
{
    // What ADUC shows in its basic view: the advanced-view-only containers (System, Program Data…) hold
    // nothing an admin scopes.
    if (m_dialect->type() == DirectoryType::ActiveDirectory)
        return u"(&(|(objectClass=organizationalUnit)(objectClass=container)(objectClass=organization)"
               u"(objectClass=domain)(objectClass=builtinDomain))(!(showInAdvancedViewOnly=TRUE)))"_s;
    return u"(|(objectClass=organizationalUnit)(objectClass=organization)(objectClass=domain))"_s;
}

bool DirectoryBrowser::ensureOpen()
{
    if (m_ldap && m_ldap->isOpen())
        return true;
    m_ldap = std::make_unique<LdapConnection>(m_settings);
    if (m_ldap->open())
        return true;
    m_error = m_ldap->lastError();
    m_ldap.reset();
    return false;
}

bool DirectoryBrowser::search(const QString &base, SearchScope scope, const QString &filter,
                              const QStringList &attributes, const LdapConnection::EntryHandler &handler)
{
    if (!ensureOpen())
        return false;
    if (m_ldap->search(base, scope, filter, attributes, handler))
        return true;
    m_error = m_ldap->lastError();
    switch (m_error.kind) {
    case LdapError::Kind::NoSuchObject:
        m_error.message =
            u"\"%1\" does not exist in the directory, or the bind account may not see it."_s.arg(base);
        break;
    case LdapError::Kind::Permission:
        m_error.message = u"The directory does not let the bind account read below \"%1\"."_s.arg(base);
        break;
    case LdapError::Kind::Connect:
    case LdapError::Kind::Timeout:
        m_ldap.reset(); // the next call connects again
        break;
    default:
        break;
    }
    return false;
}

bool DirectoryBrowser::children(const QString &dn, DirectoryLevel &out)
{
    m_error = {};
    out = {};
    const QString parent = Ldap::normalizeDn(dn);
    QHash<QString, qsizetype> byDn;  // normalised DN -> index in out.containers
    QSet<QString> holdingContainers; // children with containers below them
    // The whole subtree's containers, DNs only: the children among them, and which children hold more.
    const bool listed =
        search(dn, SearchScope::Subtree, containerFilter(), {u"hasSubordinates"_s}, [&](DirectoryEntry &&e) {
            const QString ndn = Ldap::normalizeDn(e.dn);
            if (ndn == parent)
                return;
            if (const QString child = childHolding(ndn, parent); !child.isEmpty()) {
                holdingContainers.insert(child);
                return;
            }
            byDn.insert(ndn, out.containers.size());
            // For now whether the server says it has entries below it (AD does not say: then maybe).
            out.containers.append({e.dn, Ldap::firstRdnValue(e.dn),
                                   e.text(u"hasSubordinates"_s).compare(u"FALSE"_s, Qt::CaseInsensitive) != 0,
                                   0});
        });
    if (!listed)
        return false;
    const bool counted =
        search(dn, SearchScope::Subtree, m_dialect->userFilter(), {u"1.1"_s}, [&](DirectoryEntry &&e) {
            const QString ndn = Ldap::normalizeDn(e.dn);
            ++out.users;
            const QString child = childHolding(ndn, parent);
            if (child.isEmpty()) {
                if (ndn != parent)
                    ++out.directUsers;
            } else if (const auto it = byDn.constFind(child); it != byDn.cend()) {
                ++out.containers[*it].users;
            }
        });
    if (!counted)
        return false;
    // Worth expanding: a child with containers below it, or one with entries below it but no user to read
    // there (which may be an access control hiding them). One holding only users has nothing more to show.
    for (auto it = byDn.cbegin(); it != byDn.cend(); ++it) {
        DirectoryContainer &c = out.containers[*it];
        c.mayHaveChildren = holdingContainers.contains(it.key()) || (c.mayHaveChildren && c.users == 0);
    }
    if (out.containers.isEmpty() && out.users == 0) {
        // Nothing to show: is there nothing, or nothing this account may read?
        bool hasSubordinates = false;
        if (!search(dn, SearchScope::Base, u"(objectClass=*)"_s, {u"hasSubordinates"_s},
                    [&](DirectoryEntry &&e) {
                        hasSubordinates =
                            e.text(u"hasSubordinates"_s).compare(u"TRUE"_s, Qt::CaseInsensitive) == 0;
                    }))
            return false;
        if (hasSubordinates) {
            qint64 readable = 0;
            if (!search(dn, SearchScope::OneLevel, u"(objectClass=*)"_s, {u"1.1"_s},
                        [&](DirectoryEntry &&) { ++readable; }))
                return false;
            out.unreadable = readable == 0;
        }
    }
    std::sort(
        out.containers.begin(), out.containers.end(),
        [](const DirectoryContainer &a, const DirectoryContainer &b) { return byName(a.name, b.name); });
    return true;
}

bool DirectoryBrowser::findContainers(const QString &text, int limit, QStringList &out, bool *truncated)
{
    m_error = {};
    out.clear();
    QList<QPair<QString, QString>> found; // (name, dn)
    const QString filter =
        u"(&%1%2)"_s.arg(containerFilter(), containsFilter({u"ou"_s, u"cn"_s, u"o"_s, u"dc"_s}, text));
    if (!search(m_baseDn, SearchScope::Subtree, filter, {u"1.1"_s}, [&](DirectoryEntry &&e) {
            // Only the name counts, not another value of the attributes searched.
            const QString name = Ldap::firstRdnValue(e.dn);
            if (name.contains(text, Qt::CaseInsensitive))
                found.append({name, e.dn});
        }))
        return false;
    std::sort(found.begin(), found.end(),
              [](const auto &a, const auto &b) { return byName(a.first, b.first); });
    if (truncated)
        *truncated = found.size() > limit;
    for (qsizetype i = 0; i < found.size() && i < limit; ++i)
        out.append(found.at(i).second);
    return true;
}

bool DirectoryBrowser::findGroups(const QString &text, int limit, QList<DirectoryGroup> &out, bool *truncated)
{
    m_error = {};
    out.clear();
    // The member attributes as a run reads them: AD's first range, or every value.
    const QStringList memberAttributes = m_dialect->memberAttributes();
    QStringList attributes{u"cn"_s};
    for (const QString &a : m_dialect->groupAttributes())
        for (const QString &m : memberAttributes)
            if (a.compare(m, Qt::CaseInsensitive) == 0 || a.startsWith(m + u';', Qt::CaseInsensitive))
                attributes.append(a);
    const QString filter = u"(&%1%2)"_s.arg(m_dialect->groupFilter(), containsFilter({u"cn"_s}, text));
    QList<DirectoryGroup> found;
    if (!search(m_baseDn, SearchScope::Subtree, filter, attributes, [&](DirectoryEntry &&e) {
            DirectoryGroup group{e.dn, Ldap::firstRdnValue(e.dn), 0, false};
            for (auto it = e.attributes.cbegin(); it != e.attributes.cend(); ++it) {
                qint64 low = 0, high = 0;
                if (Ldap::parseRangeOption(it.key(), u"member"_s, &low, &high)) {
                    group.members += it.value().size();
                    group.moreMembers = high >= 0; // not the last range
                } else if (memberAttributes.contains(it.key(), Qt::CaseInsensitive)) {
                    group.members += it.value().size();
                }
            }
            found.append(group);
        }))
        return false;
    std::sort(found.begin(), found.end(),
              [](const DirectoryGroup &a, const DirectoryGroup &b) { return byName(a.name, b.name); });
    if (truncated)
        *truncated = found.size() > limit;
    out = found.mid(0, limit);
    return true;
}

bool DirectoryBrowser::countUsers(const Scope &scope, qint64 &count)
{
    m_error = {};
    LdapDirectory directory(m_settings, m_baseDn, *m_dialect);
    SourceSnapshot snapshot;
    if (!directory.read(scope, snapshot)) {
        m_error = directory.error();
        return false;
    }
    count = snapshot.users.size();
    return true;
}

} // namespace Updraft
