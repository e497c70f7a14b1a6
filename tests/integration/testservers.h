// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "source/ldapconnection.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

// The real servers of the integration tests, started and stopped through the project's scripts under
// tests/servers/. Each one runs on a free port of 127.0.0.1 from a state directory of its own and is stopped
// by its PID.
namespace TestServers {

QString sourceDir();

// A self-signed CA that issued none of the test servers' certificates (openssl), written as PEM to `path`.
bool makeOtherCa(const QString &path, QString *error);

// An OpenLDAP slapd (tests/servers/slapd), or with `server` "dirsrv" a 389 Directory Server
// (tests/servers/dirsrv): the same accounts, environment and operations.
class Slapd
{
public:
    explicit Slapd(QString stateDir, QString server = QStringLiteral("slapd"))
        : m_stateDir(std::move(stateDir))
        , m_server(std::move(server))
    {}
    ~Slapd() { stop(); }

    // Starts a fresh server loaded with `ldif`.
    bool start(const QString &ldif, QString *error, const QStringList &options = {});
    // Restarts a stopped server with its data.
    bool restart(QString *error);
    void stop();
    // Kills the server at once, without letting it finish what it is doing.
    void kill();

    QString url() const { return m_env.value(QStringLiteral("UPDRAFT_LDAP_URL")); }
    QString baseDn() const { return m_env.value(QStringLiteral("UPDRAFT_LDAP_BASE_DN")); }
    QString syncDn() const { return m_env.value(QStringLiteral("UPDRAFT_LDAP_SYNC_DN")); }
    QString syncPassword() const { return m_env.value(QStringLiteral("UPDRAFT_LDAP_SYNC_PASSWORD")); }
    // With the --tls option only.
    QString ldapsUrl() const { return m_env.value(QStringLiteral("UPDRAFT_LDAP_LDAPS_URL")); }
    QString caFile() const { return m_env.value(QStringLiteral("UPDRAFT_LDAP_CA_FILE")); }
    // The sync account's connection over ldap:// (a short timeout, as tests want).
    Updraft::LdapSettings syncSettings() const;

    // Changes the directory as its administrator (ldapmodify); `ldif` holds changetype records.
    bool modify(const QString &ldif, QString *error) const;
    // ldappasswd: as the user (`oldPassword` given; no pwdReset), or as the administrator (ppolicy then sets
    // pwdReset: TRUE, "must change at next logon").
    bool changePassword(const QString &dn, const QString &oldPassword, const QString &newPassword,
                        QString *error) const;
    // An attribute of one entry (ldapsearch, base scope), empty if absent.
    QString attribute(const QString &dn, const QString &attribute) const;

private:
    bool runStart(const QStringList &arguments, QString *error);

    QString m_stateDir;
    QString m_server;
    QHash<QString, QString> m_env;
    bool m_running = false;
};

// One entry of an ldapsearch: its DN and its values as the server sent them (binary ones too).
struct LdapEntry {
    QString dn;
    QHash<QString, QList<QByteArray>> values; // by attribute name in lower case

    QByteArray value(const QString &attribute) const { return values.value(attribute.toLower()).value(0); }
    QString text(const QString &attribute) const { return QString::fromUtf8(value(attribute)); }
};

// A throwaway Samba AD DC (tests/servers/samba/start.sh, see its README.md) on its own loopback address, with
// the fixture of gen-fixture.py loaded. It needs root and the samba-ad-dc packages; it takes ~20 s to start,
// so a test executable starts one in initTestCase.
class Samba
{
public:
    Samba() = default;
    ~Samba() { stop(); }
    Samba(const Samba &) = delete;
    Samba &operator=(const Samba &) = delete;

    // Whether this machine can run the DC at all (root, samba, samba-tool, the ldap tools); if not, why.
    static bool available(QString *why);

    // Provisions and starts a new domain in a new directory (options for start.sh, e.g. --bulk 100).
    bool start(QString *error, const QStringList &options = {});
    // Stops it by its PID (stop.sh) and removes its directory.
    void stop();
    bool isRunning() const { return m_running; }

    QString dir() const { return env(QStringLiteral("SAMBA_DIR")); }
    qint64 pid() const { return env(QStringLiteral("SAMBA_PID")).toLongLong(); }
    QString address() const { return env(QStringLiteral("SAMBA_ADDRESS")); }
    QString url() const { return env(QStringLiteral("SAMBA_URL")); }            // ldap://ADDR
    QString ldapsUrl() const { return env(QStringLiteral("SAMBA_LDAPS_URL")); } // ldaps://ADDR
    QString ldapiUrl() const
    {
        return env(QStringLiteral("SAMBA_LDAPI_URL"));
    } // the privileged socket (root only)
    QString realm() const { return env(QStringLiteral("SAMBA_REALM")); }
    QString baseDn() const { return env(QStringLiteral("SAMBA_BASE_DN")); }
    QString upnSuffix() const { return env(QStringLiteral("SAMBA_UPN_SUFFIX")); }
    QString adminDn() const { return env(QStringLiteral("SAMBA_BIND_DN")); }
    QString adminPassword() const { return env(QStringLiteral("SAMBA_BIND_PASSWORD")); }
    QString readerDn() const { return env(QStringLiteral("SAMBA_READER_DN")); }
    QString readerPassword() const { return env(QStringLiteral("SAMBA_READER_PASSWORD")); }
    QString caFile() const { return env(QStringLiteral("SAMBA_CA_FILE")); }
    QString krb5Config() const { return env(QStringLiteral("SAMBA_KRB5_CONFIG")); }
    QString fixtureJsonPath() const { return env(QStringLiteral("SAMBA_FIXTURE_JSON")); }
    // fixture.json: the expected values (users, groups, counts, special cases).
    QJsonObject fixture() const { return m_fixture; }
    // Any of the KEY='value' lines of samba.env.
    QString env(const QString &key) const { return m_env.value(key); }

    // Changes the directory as Administrator over the ldapi socket, which counts as encrypted (so unicodePwd
    // may be set); `ldif` holds changetype records.
    bool modify(const QString &ldif, QString *error) const;
    // An administrator's password reset: sets unicodePwd, and with it pwdLastSet to now.
    bool setPassword(const QString &dn, const QString &password, QString *error) const;
    // ldapsearch -x as Administrator over ldap://, paged; referrals are not followed.
    QList<LdapEntry> search(const QString &base, const QString &filter, const QStringList &attributes,
                            QString *error, const QString &scope = QStringLiteral("sub")) const;
    // One attribute's first value (raw bytes) of one entry, empty if absent.
    QByteArray attribute(const QString &dn, const QString &attribute) const;
    // A client keytab (mode 0600) for `principal` (e.g. svc-updraft@UPDRAFT.TEST): samba-tool domain
    // exportkeytab.
    bool exportKeytab(const QString &principal, const QString &file, QString *error) const;

private:
    QHash<QString, QString> m_env;
    QJsonObject m_fixture;
    bool m_running = false;
};

class Scim
{
public:
    // `server`: the folder under tests/servers/: "scim" (the project's peer, with its test-control API) or
    // "scim-independent" (another implementation: SCIM calls only).
    explicit Scim(QString stateDir, QString server = QStringLiteral("scim"))
        : m_stateDir(std::move(stateDir))
        , m_server(std::move(server))
    {}
    ~Scim() { stop(); }

    // Starts the peer with `options` (tests/servers/scim/README.md), after those the suite runs every peer
    // with: UPDRAFT_TEST_SCIM_OPTIONS (e.g. "--strict"), which CTest sets to run a suite against each mode.
    bool start(QString *error, const QStringList &options = {});
    void stop();
    static QStringList modeOptions();
    static bool strict() { return modeOptions().contains(QStringLiteral("--strict")); }

    QUrl url() const { return m_url; }
    QString token() const { return m_token; }

    // Test-control API of tests/servers/scim/server.js.
    void reset();
    void resetStats();
    QJsonObject stats();
    // Number of writes (POST, PATCH, PUT, DELETE) since the last reset.
    int writes();
    void addFault(const QJsonObject &rule);
    void setOption(const QString &name, const QJsonValue &value);
    // Users with the write-only attributes the service keeps (the credential extension).
    QJsonArray usersWithCredentials();
    QJsonArray users();  // every user, as the service renders it
    QJsonArray groups(); // every group

    // Every resource of a collection ("Users", "Groups") through SCIM itself, page after page: works with any
    // implementation.
    QJsonArray list(const QString &collection);

    // Plain SCIM calls with the bearer token (to create objects "in the cloud", outside Updraft).
    QJsonObject post(const QString &collection, const QJsonObject &body, int *status = nullptr);
    int remove(const QString &path); // e.g. "Groups/<id>"; returns the HTTP status
    // A PATCH (RFC 7644 3.5.2) of `path`, e.g. "Users/<id>"; returns the HTTP status.
    int patch(const QString &path, const QJsonArray &operations);

private:
    QByteArray call(const QByteArray &verb, const QUrl &url, const QByteArray &body, bool authorized,
                    int *status);

    QString m_stateDir;
    QString m_server;
    QUrl m_url;
    QString m_token;
    QNetworkAccessManager m_manager;
    QList<QSslCertificate> m_trusted; // with --tls-cert: the peer's own certificate, for the test's calls
    bool m_running = false;
};

// The imitation of Entra ID's API-driven inbound provisioning (tests/servers/entra, see its README.md): token
// endpoint, provisioning job, bulkUpload and provisioning logs.
class Entra
{
public:
    explicit Entra(QString stateDir)
        : m_stateDir(std::move(stateDir))
    {}
    ~Entra() { stop(); }

    bool start(QString *error, const QStringList &options = {});
    void stop();

    QUrl url() const { return m_url; }       // the authority and the Graph base alike
    QString file(const QString &name) const; // STATE_DIR/entra.<name>, e.g. "tenant", "job"
    QString certificateFile() const { return m_stateDir + QStringLiteral("/client.crt"); }
    QString privateKeyFile() const { return m_stateDir + QStringLiteral("/client.key"); }

    // The test-control API.
    QJsonObject stats();
    QJsonObject users(); // by externalId
    QJsonObject flush(); // every accepted record processed and in the logs now
    void reset();
    void setJobState(const QString &code);
    void expireSecret(bool expired = true);

private:
    QJsonObject control(const QByteArray &verb, const QString &path, const QJsonObject &body = {});

    QString m_stateDir;
    QUrl m_url;
    QNetworkAccessManager m_manager;
    bool m_running = false;
};

// A throwaway PostgreSQL (tests/servers/postgresql, see its README.md) for the shared store, TLS verified
// against the CA it made. The password is in UPDRAFT_TEST_PG_PASSWORD, which start() sets when it is not.
class Postgres
{
public:
    explicit Postgres(QString stateDir)
        : m_stateDir(std::move(stateDir))
    {}
    ~Postgres() { stop(); }
    Postgres(const Postgres &) = delete;
    Postgres &operator=(const Postgres &) = delete;

    bool start(QString *error);
    void stop();
    // Kills the server at once (the agents' connections break as in a crash of the database host).
    void kill();
    bool isRunning() const { return m_running; }
    // The store URL of database `name`, with the CA and the password's reference.
    QString url(const QString &name = QStringLiteral("updraft")) const;
    // Creates an empty database; false with `error` if it cannot.
    bool createDatabase(const QString &name, QString *error);
    // Runs one statement in `database` as the test role; the first column of each row comes back.
    QStringList query(const QString &database, const QString &sql, QString *error) const;

    // The process's own server, started at the first call and stopped when the application ends.
    static Postgres *shared(QString *error);

private:
    QString m_stateDir;
    QString m_baseUrl;
    bool m_running = false;
};

// Whether the suites keep their state in PostgreSQL: UPDRAFT_TEST_STORE=postgresql (CTest's postgresql
// variants); otherwise in SQLite files.
bool storeOnPostgres();
// A new, empty store location for one test: a SQLite file under `dir`, or a new database on the shared
// PostgreSQL. Empty, with `error`, when the server cannot be had.
QString newStoreLocation(const QString &dir, QString *error);
// Everything a store holds, as bytes to search for what must not be there: a SQLite file with its journal,
// or every row of every table of a PostgreSQL store as JSON.
QByteArray storeContents(const QString &location);

} // namespace TestServers
