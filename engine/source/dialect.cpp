// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialect.h"

#include "anchor.h"

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

QString formName(Anchor::Form form)
{
    switch (form) {
    case Anchor::Form::Uuid:
        return u"a UUID (RFC 4122 text)"_s;
    case Anchor::Form::NsUniqueId:
        return u"an nsUniqueId (four groups of eight hex digits)"_s;
    case Anchor::Form::Binary:
        return u"a 16-byte GUID"_s;
    case Anchor::Form::Text:
        return u"a value of at most %1 bytes"_s.arg(Anchor::MaxTextBytes);
    }
    return {};
}

// OpenLDAP and 389 Directory Server: the RFC 4519 / RFC 2798 schema, an anchor the configuration chooses.
class LdapDialect : public Dialect
{
public:
    explicit LdapDialect(const QString &anchorAttribute)
        : m_anchor(anchorAttribute)
        , m_form(Anchor::formOf(anchorAttribute))
    {}

    QString userFilter() const override { return u"(objectClass=inetOrgPerson)"_s; }
    QString groupFilter() const override
    {
        return u"(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames))"_s;
    }
    QStringList userAttributes() const override { return {m_anchor, u"objectClass"_s, lockAttribute()}; }
    QStringList groupAttributes() const override
    {
        return {m_anchor, u"objectClass"_s, u"cn"_s, u"description"_s, u"member"_s, u"uniqueMember"_s};
    }
    QStringList memberAttributes() const override { return {u"member"_s, u"uniqueMember"_s}; }
    QByteArray anchor(const DirectoryEntry &entry) const override
    {
        const QList<QByteArray> values = entry.values(m_anchor);
        return values.size() == 1 ? Anchor::bytesFromValue(m_form, values.first()) : QByteArray();
    }
    QString anchorProblem(const DirectoryEntry &entry) const override
    {
        const QList<QByteArray> values = entry.values(m_anchor);
        if (values.isEmpty())
            return u"the entry has no %1, the anchor attribute. %2"_s.arg(m_anchor, missingAnchorFix());
        if (values.size() > 1)
            return u"%1 has %2 values; an anchor must have exactly one. Choose a single-valued attribute as "
                   u"source.anchorAttribute"_s.arg(m_anchor)
                       .arg(values.size());
        return u"%1 \"%2\" is not %3"_s.arg(m_anchor, QString::fromUtf8(values.first().left(80)),
                                            formName(m_form));
    }
    QString anchorAttribute(const DirectoryEntry &) const override { return m_anchor; }
    QString anchorFilter(const QByteArray &anchor) const override
    {
        return u"(%1=%2)"_s.arg(m_anchor, Anchor::filterValue(m_form, anchor));
    }
    QStringList credentialAttributes() const override
    {
        return {u"userPassword"_s, u"sambaNTPassword"_s, u"pwdReset"_s, changedAttribute()};
    }
    SourceCredential credential(const DirectoryEntry &entry) const override
    {
        // The NT hash is the cloud's own format; otherwise userPassword goes as it is.
        SourceCredential c = entry.has(u"sambaNTPassword"_s)
                                 ? Credential::fromNtHashHex(entry.value(u"sambaNTPassword"_s))
                                 : Credential::fromUserPassword(entry.values(u"userPassword"_s));
        c.mustChange = entry.text(u"pwdReset"_s).compare(u"TRUE"_s, Qt::CaseInsensitive) == 0;
        c.changedAt = Credential::fromGeneralizedTime(entry.text(changedAttribute()));
        return c;
    }
    QString exclusionReason(const DirectoryEntry &) const override { return {}; }

protected:
    virtual QString lockAttribute() const = 0;
    virtual QString changedAttribute() const = 0;
    virtual QString missingAnchorFix() const = 0;

    QString m_anchor;
    Anchor::Form m_form;
};

class OpenLdapDialect final : public LdapDialect
{
public:
    using LdapDialect::LdapDialect;
    DirectoryType type() const override { return DirectoryType::OpenLdap; }
    // syncprov names entries by their entryUUID.
    bool changeFeedIdIsAnchor() const override { return m_form == Anchor::Form::Uuid; }
    QString changeFeedAdvice() const override
    {
        return u"OpenLDAP tells what changed through its syncprov overlay: load it on the database, with a "
               u"session log (syncprov-sessionlog) so that deletes are named"_s;
    }

private:
    QString lockAttribute() const override { return u"pwdAccountLockedTime"_s; }
    QString changedAttribute() const override { return u"pwdChangedTime"_s; }
    QString missingAnchorFix() const override
    {
        return u"OpenLDAP gives every entry an entryUUID; choose an attribute every entry in scope has, "
               u"with one value that never changes, as source.anchorAttribute"_s;
    }
};

// 389 Directory Server (and Red Hat Directory Server): nsAccountLock locks an account, pwdUpdateTime says
// when the password changed, and every entry has an nsUniqueId (entryUUID only where its plugin added one:
// not on entries imported before it was enabled).
class DirsrvDialect final : public LdapDialect
{
public:
    using LdapDialect::LdapDialect;
    DirectoryType type() const override { return DirectoryType::Dirsrv; }
    // The content synchronization plugin names entries by their nsUniqueId's 16 bytes.
    bool changeFeedIdIsAnchor() const override { return m_form == Anchor::Form::NsUniqueId; }
    QString changeFeedAdvice() const override
    {
        return u"389 Directory Server tells what changed through its Content Synchronization plugin: enable "
               u"it and the retro changelog (dsconf INSTANCE plugin retro-changelog enable; dsconf INSTANCE "
               u"plugin contentsync enable), then restart the server"_s;
    }
    SourceCredential credential(const DirectoryEntry &entry) const override
    {
        SourceCredential c = LdapDialect::credential(entry);
        // An administrator's reset under passwordMustChange sets pwdReset and expires the password at the
        // epoch (older servers only the latter; a changed password may get the epoch's next second).
        c.mustChange |= entry.text(u"passwordExpirationTime"_s) == u"19700101000000Z"_s;
        return c;
    }
    QStringList credentialAttributes() const override
    {
        return LdapDialect::credentialAttributes() << u"passwordExpirationTime"_s;
    }

private:
    QString lockAttribute() const override { return u"nsAccountLock"_s; }
    QString changedAttribute() const override { return u"pwdUpdateTime"_s; }
    QString missingAnchorFix() const override
    {
        return m_form == Anchor::Form::Uuid
                   ? u"Entries imported before 389's entryUUID plugin was enabled (ldif2db) have none: "
                     u"choose "
                     u"nsUniqueId, which every entry has, as source.anchorAttribute (before the first run), "
                     u"or run the plugin's fixup task (dsconf … plugin entryuuid fixup)"_s
                   : u"Choose an attribute every entry in scope has, with one value that never changes, as "
                     u"source.anchorAttribute (389 gives every entry an nsUniqueId)"_s;
    }
};

// The account types Entra Connect never syncs: machine and trust accounts (userAccountControl bits).
constexpr quint32 InterdomainTrustAccount = 0x0800;
constexpr quint32 WorkstationTrustAccount = 0x1000;
constexpr quint32 ServerTrustAccount = 0x2000;

class ActiveDirectoryDialect final : public Dialect
{
public:
    DirectoryType type() const override { return DirectoryType::ActiveDirectory; }
    QString userFilter() const override
    {
        return u"(&(objectCategory=person)(objectClass=user)(!(isCriticalSystemObject=TRUE)))"_s;
    }
    QString groupFilter() const override
    {
        return u"(&(objectClass=group)(!(isCriticalSystemObject=TRUE)))"_s;
    }
    QStringList userAttributes() const override
    {
        return {u"objectGUID"_s,         u"mS-DS-ConsistencyGuid"_s,  u"objectClass"_s,
                u"userAccountControl"_s, u"isCriticalSystemObject"_s, u"pwdLastSet"_s};
    }
    QStringList groupAttributes() const override
    {
        // Members in explicit ranges, as Windows AD sends large lists anyway (MaxValRange, 1,500 by default)
        // and as Samba honours: one code path, whatever the server.
        return {u"objectGUID"_s,  u"mS-DS-ConsistencyGuid"_s, u"objectClass"_s, u"cn"_s,
                u"description"_s, u"member;range=0-1499"_s,   u"groupType"_s,   u"isCriticalSystemObject"_s};
    }
    QStringList memberAttributes() const override { return {u"member"_s}; }
    QByteArray anchor(const DirectoryEntry &entry) const override
    {
        const QByteArray consistency = entry.value(u"mS-DS-ConsistencyGuid"_s);
        if (consistency.size() == 16)
            return consistency;
        const QByteArray guid = entry.value(u"objectGUID"_s);
        return guid.size() == 16 ? guid : QByteArray();
    }
    QString anchorProblem(const DirectoryEntry &) const override
    {
        return u"neither ms-DS-ConsistencyGuid nor objectGUID holds 16 bytes: the sync account may not be "
               u"allowed to read objectGUID"_s;
    }
    QString anchorFilter(const QByteArray &anchor) const override
    {
        const QString escaped = Anchor::filterValue(Anchor::Form::Binary, anchor);
        return u"(|(mS-DS-ConsistencyGuid=%1)(objectGUID=%1))"_s.arg(escaped);
    }
    QString anchorAttribute(const DirectoryEntry &entry) const override
    {
        return entry.value(u"mS-DS-ConsistencyGuid"_s).size() == 16 ? u"mS-DS-ConsistencyGuid"_s
                                                                    : u"objectGUID"_s;
    }
    // DirSync names a deleted object by its objectGUID, which is the anchor unless ms-DS-ConsistencyGuid is
    // set; the reader maps one to the other.
    bool changeFeedIdIsAnchor() const override { return true; }
    QString changeFeedAdvice() const override
    {
        return u"Active Directory tells what changed through DirSync, to an account granted \"Replicating "
               u"Directory Changes\" on the domain, or else by uSNChanged"_s;
    }
    QStringList credentialAttributes() const override { return {u"unicodePwd"_s, u"pwdLastSet"_s}; }
    SourceCredential credential(const DirectoryEntry &entry) const override
    {
        // A Samba AD DC returns unicodePwd (the NT hash) only over its privileged ldapi socket; Windows AD
        // never over LDAP (replication, MS-DRSR, is a separate credential source).
        SourceCredential c = Credential::fromNtHashBytes(entry.value(u"unicodePwd"_s));
        if (!c.usable())
            c.problem =
                u"no NT hash: the directory returns unicodePwd only to Updraft running on a Samba AD DC "
                u"through its privileged ldapi socket"_s;
        const QString pwdLastSet = entry.text(u"pwdLastSet"_s);
        c.mustChange = pwdLastSet == u"0"_s;
        c.changedAt = Credential::fromFileTime(pwdLastSet.toLongLong());
        c.objectGuid = entry.value(u"objectGUID"_s);
        return c;
    }
    QString exclusionReason(const DirectoryEntry &entry) const override
    {
        if (entry.text(u"isCriticalSystemObject"_s).compare(u"TRUE"_s, Qt::CaseInsensitive) == 0)
            return u"a critical system object (isCriticalSystemObject)"_s;
        const quint32 uac = entry.text(u"userAccountControl"_s).toUInt();
        if (uac & (WorkstationTrustAccount | ServerTrustAccount))
            return u"a computer account (userAccountControl)"_s;
        if (uac & InterdomainTrustAccount)
            return u"a trust account (userAccountControl)"_s;
        return {};
    }
};

} // namespace

namespace DirectoryTypes {

namespace {

// Each directory type: its configuration key, what admins call it, and its default anchor.
struct TypeFacts {
    DirectoryType type;
    const char16_t *key;
    const char16_t *displayName;
    const char16_t *anchor;
};
constexpr TypeFacts Types[] = {
    {DirectoryType::OpenLdap, u"openldap", u"OpenLDAP", u"entryUUID"},
    {DirectoryType::ActiveDirectory, u"activedirectory", u"Active Directory", u"objectGUID"},
    {DirectoryType::Dirsrv, u"389ds", u"389 Directory Server", u"nsUniqueId"},
};

const TypeFacts &facts(DirectoryType type)
{
    for (const TypeFacts &f : Types)
        if (f.type == type)
            return f;
    return Types[0];
}

} // namespace

QString key(DirectoryType type)
{
    return QString::fromUtf16(facts(type).key);
}

bool fromKey(const QString &key, DirectoryType *type)
{
    for (const TypeFacts &f : Types)
        if (key == QStringView(f.key)) {
            *type = f.type;
            return true;
        }
    return false;
}

QString allKeys()
{
    QStringList keys;
    for (const TypeFacts &f : Types)
        keys.append(QString::fromUtf16(f.key));
    return keys.join(u", "_s);
}

QString displayName(DirectoryType type)
{
    return QString::fromUtf16(facts(type).displayName);
}

QString defaultAnchorAttribute(DirectoryType type)
{
    return QString::fromUtf16(facts(type).anchor);
}

bool fromRootDse(const DirectoryEntry &rootDse, DirectoryType *type)
{
    // LDAP_CAP_ACTIVE_DIRECTORY_OID: Windows AD and Samba AD DCs.
    if (rootDse.texts(u"supportedCapabilities"_s).contains(u"1.2.840.113556.1.4.800"_s)) {
        *type = DirectoryType::ActiveDirectory;
        return true;
    }
    const QString vendor = rootDse.text(u"vendorName"_s) + u' ' + rootDse.text(u"vendorVersion"_s);
    if (vendor.contains(u"389"_s) || vendor.contains(u"Red Hat-Directory"_s, Qt::CaseInsensitive) ||
        vendor.contains(u"Fedora-Directory"_s, Qt::CaseInsensitive)) {
        *type = DirectoryType::Dirsrv;
        return true;
    }
    if (rootDse.texts(u"objectClass"_s).contains(u"OpenLDAProotDSE"_s, Qt::CaseInsensitive)) {
        *type = DirectoryType::OpenLdap;
        return true;
    }
    return false;
}

} // namespace DirectoryTypes

std::unique_ptr<Dialect> Dialect::create(DirectoryType type, const QString &anchorAttribute)
{
    const QString anchor =
        anchorAttribute.isEmpty() ? DirectoryTypes::defaultAnchorAttribute(type) : anchorAttribute;
    switch (type) {
    case DirectoryType::ActiveDirectory:
        return std::make_unique<ActiveDirectoryDialect>();
    case DirectoryType::Dirsrv:
        return std::make_unique<DirsrvDialect>(anchor);
    case DirectoryType::OpenLdap:
        break;
    }
    return std::make_unique<OpenLdapDialect>(anchor);
}

} // namespace Updraft
