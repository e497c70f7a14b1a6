// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/mapping.h"
#include "config/secretreference.h"
#include "source/dialect.h"
#include "source/hashreplication.h"
#include "source/ldapconnection.h"
#include "source/scope.h"
#include "target/target.h"

#include <QUrl>

namespace Updraft {

// Where users' password hashes come from (docs/password-hash-sync.md).
struct PasswordHashSource {
    // "directory": the attributes the bind account reads over LDAP (userPassword, sambaNTPassword; AD's
    // unicodePwd only over a Samba AD DC's privileged ldapi socket). "replication": Active Directory's NT
    // hashes over MS-DRSR from any domain controller, to an account granted "Replicating Directory Changes"
    // and "Replicating Directory Changes All".
    QString method = QStringLiteral("directory");
    QString account;          // replication: user@REALM or DOMAIN\user; empty: the source's bind account
    SecretReference password; // with `account`
    QString server;           // replication: the DC's host name; empty: the host of the source URL

    bool replication() const { return method == QLatin1StringView("replication"); }
};

struct SourceConfiguration {
    DirectoryType type = DirectoryType::OpenLdap;
    QUrl url;
    bool startTls = false;
    QString caFile;
    bool verifyCertificate = true;
    // The attribute whose value anchors each object for life (LDAP directories; empty: the type's default,
    // entryUUID or nsUniqueId). Fixed once objects are linked.
    QString anchorAttribute;
    // A DN; for Active Directory also a user principal name or DOMAIN\user.
    QString bindDn;
    SecretReference bindPassword;
    QString saslMechanism;       // "GSSAPI" instead of a simple bind
    QString keytab;              // GSSAPI: a client keytab; empty: the ticket cache (kinit)
    bool allowPlainBind = false; // a password over unencrypted ldap:// to another machine
    QString changeDetection = QStringLiteral("auto"); // "auto" | "usn" (AD) | "none": how idle runs are told
    QString baseDn;
    int pageSize = 500;
    int timeoutSeconds = 30;
    PasswordHashSource passwordHashes;

    // The anchor attribute in effect (the configuration's, or the type's default).
    QString effectiveAnchorAttribute() const;
    // The connection settings with the resolved bind password.
    LdapSettings ldapSettings(const QByteArray &password) const;
    // How password hash replication reaches the domain controller: with its own account (whose password is
    // resolved here), or as the bind account (a logon name with `bindPassword`, or Kerberos with GSSAPI).
    // `typedPassword`, when set, is the account's password instead of what its reference points at.
    bool replicationSettings(const QByteArray &resolvedBindPassword, ReplicationSettings &out, QString *error,
                             const QByteArray &typedPassword = {}) const;
};

// Microsoft Entra ID's API-driven inbound provisioning (target type "entra-inbound").
struct EntraConfiguration {
    QUrl authority = QUrl(QStringLiteral("https://login.microsoftonline.com"));
    QString tenant;          // tenant id or a verified domain
    QString clientId;        // the app registration that may upload
    QString certificateFile; // PEM; with it the secret is the certificate's private key, else a client secret
    QString servicePrincipalId; // the inbound provisioning app's service principal (object id)
    QString jobId;              // its provisioning job, "API2AAD.…"
    int callsPerWindow = 40;
    int windowSeconds = 5;
    int dailyCallLimit = 2000;
};

struct TargetConfiguration {
    QString type = QStringLiteral("scim"); // "scim" | "entra-inbound"
    QUrl url; // SCIM base URL, e.g. https://scim.example.net/scim/v2; entra-inbound: Microsoft Graph's
    SecretReference token; // SCIM: the bearer token; entra-inbound: the client secret or the private key
    EntraConfiguration entra;
    bool softMatch = true; // adopt an unlinked cloud user with the same userName on first sight
    // Where the target does not take groups as members of groups: "flatten" (their users become members)
    // or "skip" (nested groups are left out).
    QString nestedGroups = QStringLiteral("flatten");
    int maxInFlight = 4;
    int timeoutSeconds = 30;
    int maxAttempts = 6;
    // SCIM over https: a PEM file of CA certificates trusted besides the system's (a service whose
    // certificate a private CA issued). Empty: the system's only.
    QString caFile;

    // How the engine reaches it, with the token resolved.
    TargetSettings settings(const QByteArray &secret) const;
    bool isEntra() const { return type == QLatin1StringView("entra-inbound"); }
    // The configuration key of `token`, for messages.
    QString secretKey() const
    {
        return !isEntra()                        ? QStringLiteral("target.token")
               : entra.certificateFile.isEmpty() ? QStringLiteral("target.clientSecret")
                                                 : QStringLiteral("target.privateKey");
    }
};

// Guards that stop a run before it deletes many objects (docs/configuration.md, "safety").
struct SafetyConfiguration {
    int deleteThreshold = 500;      // more new deletes than this in one run: stop and stage them for approval
    int deleteThresholdPercent = 0; // also stop above this share of the provisioned objects; 0: off
};

// When the agent runs a configuration.
struct ScheduleConfiguration {
    bool enabled = true;
    int intervalSeconds = 120; // the seed system's two minutes
    int fullReadHours = 24;    // between delta reads, a full reconciliation at least this often
};

// One configuration: one domain, its credentials, scope and target. It is named after its domain, and that
// name is its identity in the store and in the cloud.
struct Configuration {
    QString name;
    QString domain; // for userName fallbacks ($domain); defaults to the name
    SourceConfiguration source;
    Scope scope;
    TargetConfiguration target;
    SafetyConfiguration safety;
    ScheduleConfiguration schedule;
    bool passwordHashSync = false; // send users' password hashes (docs/password-hash-sync.md)
    QJsonObject mappingOverrides;  // kept as written, re-applied on load
    Mapping userMapping;
    Mapping groupMapping;

    // Strict: unknown keys and wrong types are errors naming the key's path. All problems are reported at
    // once.
    static bool fromJson(const QJsonObject &json, Configuration &out, QStringList *errors);
    QJsonObject toJson() const;
};

} // namespace Updraft
