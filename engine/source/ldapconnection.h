// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "directoryentry.h"

#include <QUrl>

#include <functional>

struct ldap;

namespace Updraft {

struct LdapSettings {
    QUrl url;                      // ldap://host:port or ldaps://host:port
    bool startTls = false;         // upgrade an ldap:// connection before binding
    QString caFile;                // PEM bundle used to verify the server; empty = system trust store
    bool verifyCertificate = true; // turning this off is an explicit, logged choice
    QString bindDn;                // empty = anonymous
    QByteArray bindPassword;       // resolved secret; never logged
    int timeoutSeconds = 30;
    int pageSize = 500;
    QString saslMechanism; // "GSSAPI": Kerberos with the process's ticket cache, or the client `keytab`
    QString keytab;        // a client keytab for GSSAPI (MIT krb5's KRB5_CLIENT_KTNAME)
};

enum class SearchScope { Base, OneLevel, Subtree };

struct LdapError {
    enum class Kind {
        None,
        Connect,
        Tls,
        Credentials,
        NoSuchObject,
        Permission,
        Filter,
        Timeout,
        SizeLimit,
        Other
    };
    Kind kind = Kind::None;
    int code = 0;    // libldap result code, kept for the details field
    QString message; // one sentence for the admin: what failed and what to check
    QString detail;  // the server's diagnostic text
    bool isError() const { return kind != Kind::None; }
};

// A blocking libldap session. Not thread-safe: create one per thread and keep it there. Every call may block
// for up to the configured timeout, so the console runs it on a worker thread.
class LdapConnection
{
public:
    explicit LdapConnection(LdapSettings settings);
    ~LdapConnection();
    LdapConnection(const LdapConnection &) = delete;
    LdapConnection &operator=(const LdapConnection &) = delete;

    // Connects, negotiates TLS as configured and binds. Returns false with lastError() set.
    bool open();
    bool isOpen() const { return m_ld != nullptr; }

    using EntryHandler = std::function<void(DirectoryEntry &&)>;
    // A search paged with RFC 2696 (the page size is a request; servers without paging send everything at
    // once). An empty attribute list asks for all user attributes.
    bool search(const QString &base, SearchScope scope, const QString &filter, const QStringList &attributes,
                const EntryHandler &handler);

    // RFC 4533 content synchronisation, refreshOnly: what changed under `base` among the entries matching
    // `filter` since `cookie`. Only DNs and entryUUIDs travel. Without a cookie it counts everything and
    // returns a first one.
    struct SyncCheck {
        qint64 entries = 0;           // entries sent: changed ones, or all of them in a present phase
        qint64 deletedUuids = 0;      // deletes reported
        bool refreshRequired = false; // the server refused the cookie
        // The server listed what is present instead of what was deleted (syncprov without a session log):
        // deletes can then be told only by reading everything.
        bool presentPhase = false;
        bool deletesShown = true; // false for uSNChanged: deletes are not seen
        QByteArray cookie;        // the new cookie
        // With a cookie, up to keepChanges: the DNs of the changed entries (as they are now) and the raw ids
        // (entryUUID, objectGUID) of the deleted ones. `changesKept` is false when there were more.
        QStringList changedDns;
        QList<QByteArray> deletedIds;
        bool changesKept = true;
        bool changed() const { return entries > 0 || deletedUuids > 0 || refreshRequired || presentPhase; }
    };
    // How many changed DNs and deleted ids a check keeps (0: none, it only counts).
    void setKeepChanges(int count) { m_keepChanges = count; }
    bool syncCheck(const QString &base, const QString &filter, const QByteArray &cookie, SyncCheck &out);
    // The same through Active Directory's DirSync control (1.2.840.113556.1.4.841, with OBJECT_SECURITY so a
    // reader with "Replicating Directory Changes" may use it, and INCREMENTAL_VALUES): the entries under the
    // naming context `base` whose `attributes` changed since `cookie`, deleted ones (isDeleted) included.
    // Without a cookie it lists everything and returns a first one.
    bool dirSyncCheck(const QString &base, const QString &filter, const QStringList &attributes,
                      const QByteArray &cookie, SyncCheck &out);
    // Without the right DirSync needs: the objects whose uSNChanged passed the watermark in `cookie`
    // ("usn:<invocationId hex>:<USN>"), read from this domain controller's rootDSE (highestCommittedUSN) and
    // its NTDS Settings (invocationId). Another DC, or a restored one, has another invocationId: then
    // refreshRequired. Deletes do not show (tombstones are hidden from plain accounts); a group losing the
    // member does, and the periodic full read finds the rest.
    bool usnCheck(const QString &base, const QString &filter, const QByteArray &cookie, SyncCheck &out);
    static bool isUsnCookie(const QByteArray &cookie) { return cookie.startsWith("usn:"); }
    static constexpr const char *DirSyncOid = "1.2.840.113556.1.4.841";
    static constexpr int DirSyncObjectSecurity = 0x00000001;
    static constexpr int DirSyncIncrementalValues = int(0x80000000u);

    // At most this many entries per search; a search cut short by it succeeds. 0: no limit.
    void setSizeLimit(int entries) { m_sizeLimit = entries; }

    // Who the server says this session is bound as (RFC 4532 "Who am I?"): "dn:cn=…", "u:CORP\\svc", or
    // empty for an anonymous bind. False when the server does not answer it (lastError() says why).
    bool whoAmI(QString *authzId);

    // Why Active Directory refused a simple bind, from its diagnostic message ("…, data 52e, …"), in words;
    // empty when it does not say.
    static QString activeDirectoryBindReason(const QString &diagnostic);

    const LdapError &lastError() const { return m_error; }
    qint64 entriesRead() const { return m_entriesRead; }

private:
    bool fail(int code, const QString &context);
    bool tcpReachable() const;
    bool saslBind();
    // Frees `message` (an LDAPMessage that is no search response) and fails with its result code.
    bool failUnexpected(void *message, const QString &context);
    DirectoryEntry readEntry(void *message);

    LdapSettings m_settings;
    struct ldap *m_ld = nullptr;
    LdapError m_error;
    qint64 m_entriesRead = 0;
    int m_sizeLimit = 0;
    int m_keepChanges = 0;
};

} // namespace Updraft
