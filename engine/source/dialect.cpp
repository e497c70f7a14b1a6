// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialect.h"

#include "anchor.h"

#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

class OpenLdapDialect final : public Dialect
{
public:
    DirectoryType type() const override { return DirectoryType::OpenLdap; }
    QString userFilter() const override { return u"(objectClass=inetOrgPerson)"_s; }
    QString groupFilter() const override
    {
        return u"(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames))"_s;
    }
    QStringList userAttributes() const override
    {
        return {u"entryUUID"_s, u"objectClass"_s, u"pwdAccountLockedTime"_s};
    }
    QStringList groupAttributes() const override
    {
        return {u"entryUUID"_s, u"objectClass"_s, u"cn"_s, u"description"_s, u"member"_s, u"uniqueMember"_s};
    }
    QStringList memberAttributes() const override { return {u"member"_s, u"uniqueMember"_s}; }
    QByteArray anchor(const DirectoryEntry &entry) const override
    {
        return Anchor::uuidTextToBytes(entry.text(u"entryUUID"_s));
    }
    QString anchorAttribute(const DirectoryEntry &) const override { return u"entryUUID"_s; }
    QString anchorFilter(const QByteArray &anchor) const override
    {
        return u"(entryUUID=%1)"_s.arg(QUuid::fromRfc4122(anchor).toString(QUuid::WithoutBraces));
    }
    QStringList credentialAttributes() const override
    {
        return {u"userPassword"_s, u"sambaNTPassword"_s, u"pwdReset"_s, u"pwdChangedTime"_s};
    }
    SourceCredential credential(const DirectoryEntry &entry) const override
    {
        // The NT hash is the cloud's own format; otherwise userPassword goes as it is.
        SourceCredential c = entry.has(u"sambaNTPassword"_s)
                                 ? Credential::fromNtHashHex(entry.value(u"sambaNTPassword"_s))
                                 : Credential::fromUserPassword(entry.values(u"userPassword"_s));
        c.mustChange = entry.text(u"pwdReset"_s).compare(u"TRUE"_s, Qt::CaseInsensitive) == 0;
        c.changedAt = Credential::fromGeneralizedTime(entry.text(u"pwdChangedTime"_s));
        return c;
    }
    QString exclusionReason(const DirectoryEntry &) const override { return {}; }
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
    QString anchorFilter(const QByteArray &anchor) const override
    {
        // Binary values are matched byte by byte: each escaped as \hh (RFC 4515).
        QString escaped;
        for (const char b : anchor)
            escaped += u"\\%1"_s.arg(uint(quint8(b)), 2, 16, QChar(u'0'));
        return u"(|(mS-DS-ConsistencyGuid=%1)(objectGUID=%1))"_s.arg(escaped);
    }
    QString anchorAttribute(const DirectoryEntry &entry) const override
    {
        return entry.value(u"mS-DS-ConsistencyGuid"_s).size() == 16 ? u"mS-DS-ConsistencyGuid"_s
                                                                    : u"objectGUID"_s;
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

std::unique_ptr<Dialect> Dialect::create(DirectoryType type)
{
    if (type == DirectoryType::ActiveDirectory)
        return std::make_unique<ActiveDirectoryDialect>();
    return std::make_unique<OpenLdapDialect>();
}

} // namespace Updraft
