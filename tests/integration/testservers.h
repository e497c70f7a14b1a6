// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QString>
#include <QUrl>

// The real servers of the integration tests, started and stopped through the project's scripts under
// tests/servers/. Each one runs on a free port of 127.0.0.1 from a state directory of its own and is stopped
// by its PID.
namespace TestServers {

QString sourceDir();

class Slapd
{
public:
    explicit Slapd(QString stateDir)
        : m_stateDir(std::move(stateDir))
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
    QHash<QString, QString> m_env;
    bool m_running = false;
};

class Scim
{
public:
    explicit Scim(QString stateDir)
        : m_stateDir(std::move(stateDir))
    {}
    ~Scim() { stop(); }

    bool start(QString *error);
    void stop();

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

    // Plain SCIM calls with the bearer token (to create objects "in the cloud", outside Updraft).
    QJsonObject post(const QString &collection, const QJsonObject &body, int *status = nullptr);
    int remove(const QString &path); // e.g. "Groups/<id>"; returns the HTTP status

private:
    QByteArray call(const QByteArray &verb, const QUrl &url, const QByteArray &body, bool authorized,
                    int *status);

    QString m_stateDir;
    QUrl m_url;
    QString m_token;
    QNetworkAccessManager m_manager;
    bool m_running = false;
};

} // namespace TestServers
