// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "testservers.h"

#include "config/configuration.h"
#include "store/statestore.h"
#include "sync/syncrunner.h"

#include <QTemporaryDir>

#include <functional>
#include <memory>

// What every integration test stands on: a SCIM service for the whole test case, a fresh slapd loaded with
// tests/integration/data/directory.ldif and a fresh state store per test function, and a way to run a sync.
class SyncFixture
{
public:
    static inline const QString BaseDn = QStringLiteral("dc=example,dc=com");

    // Starts (or restarts, empty) the SCIM service: the project's peer with `options`, or another `server`
    // under tests/servers/.
    bool startScim(QString *error, const QStringList &options = {},
                   const QString &server = QStringLiteral("scim"));
    // A fresh directory (with `options` for start.sh, e.g. --tls) and a fresh store.
    bool startDirectory(QString *error, const QStringList &options = {});
    // The same with another LDIF, e.g. one made by generateDirectory().
    bool startDirectoryWith(const QString &ldif, QString *error);
    // A directory of `users` people and `groups` groups (tests/fixtures/gen-directory.py) as an LDIF file;
    // empty if it could not be made.
    QString generateDirectory(int users, int groups) const;
    // A fresh 389 Directory Server (tests/servers/dirsrv) loaded with `ldif`, and a fresh store.
    bool startDirsrv(const QString &ldif, QString *error, const QStringList &options = {});
    void stopDirectory();

    // A configuration of the test directory and SCIM service; secrets come from the environment.
    QJsonObject configJson(const QString &name, const QJsonObject &scope) const;
    // The whole ou=People subtree, named example.com.
    QJsonObject peopleJson() const;
    static Updraft::Configuration config(const QJsonObject &json);

    Updraft::RunRecord run(const Updraft::Configuration &config, Updraft::RunOptions options = {},
                           const std::function<void(Updraft::SyncRunner &)> &prepare = {});
    const QList<Updraft::RunResult> &lastResults() const { return m_lastResults; }
    // The result rows of the last run for one DN.
    QList<Updraft::RunResult> resultsFor(const QString &dn) const;

    QString entryUuidImmutableId(const QString &dn) const;
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString fixture() const;
    // The fixture with a mail for every person (uid@example.com), as a service that requires emails needs.
    QString fixtureWithMail() const;

    TestServers::Scim &scim() { return *m_scim; }
    TestServers::Slapd &slapd() { return *m_slapd; }
    QString slapdUrl() const { return m_slapd->url(); }
    QString slapdSyncDn() const { return m_slapd->syncDn(); }
    Updraft::StateStore &store() { return *m_store; }
    QString stateDir() const;
    // Replaces the directory server (e.g. by one started with other options).
    void setSlapd(std::unique_ptr<TestServers::Slapd> slapd) { m_slapd = std::move(slapd); }

private:
    bool startDirectory(const QString &ldif, const QStringList &options, QString *error,
                        const QString &server = QStringLiteral("slapd"));

    QTemporaryDir m_dir;
    std::unique_ptr<TestServers::Scim> m_scim;
    std::unique_ptr<TestServers::Slapd> m_slapd;
    std::unique_ptr<Updraft::StateStore> m_store;
    QList<Updraft::RunResult> m_lastResults;
    int m_storeNumber = 0;
    int m_scimNumber = 0;
};
