// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Active Directory fidelity: the engine against a real Samba AD DC (tests/servers/samba/, the fixture of
// gen-fixture.py: 28 people, 1,600 bulk users, 8 groups, a computer) and the real SCIM 2.0 test service.
//
// The DC takes ~20 s to provision, so one is started for the whole executable (initTestCase) and shared;
// every expectation comes from its fixture.json and from what ldapsearch reads back. Tests that change the
// directory come last, the one that deletes a user very last. Without root or Samba the suite is skipped,
// unless UPDRAFT_REQUIRE_SAMBA=1 (CI sets it): then it fails, so it can never pass by skipping there.
//
// The suite is one executable in three files: tst_samba.cpp (the shared DC, provisioning fidelity and deltas)
// tst_samba_access.cpp (binds, password hashes, change detection without DirSync, the scope pickers) and
// tst_samba_replication.cpp (password hashes by replication).

#include "syncfixture.h"
#include "testservers.h"

#include "config/configuration.h"
#include "source/directorybrowser.h"
#include "source/ldapdn.h"
#include "store/statestore.h"
#include "sync/explanation.h"
#include "sync/passwordhash.h"
#include "sync/syncrunner.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace SambaTest {

inline const QString Enterprise = u"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"_s;
inline const QString Ext = u"urn:ietf:params:scim:schemas:extension:updraft:2.0:User"_s;
inline const QString BindPasswordVariable = u"UPDRAFT_TEST_SAMBA_BIND_PASSWORD"_s;

inline QString base64(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

inline QHash<QString, QJsonObject> byExternalId(const QJsonArray &resources)
{
    QHash<QString, QJsonObject> out;
    for (const QJsonValue &v : resources)
        out.insert(v[u"externalId"_s].toString(), v.toObject());
    return out;
}

inline QSet<QString> memberIds(const QJsonObject &group)
{
    QSet<QString> ids;
    for (const QJsonValue &m : group[u"members"_s].toArray())
        ids.insert(m[u"value"_s].toString());
    return ids;
}

} // namespace SambaTest

class TestSamba : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    // One full run over the fixture domain (shared by the tests down to largeGroupHasEveryMember).
    void fullRunProvisionsTheFixture();
    void userMatchesTheDirectory_data();
    void userMatchesTheDirectory();
    void bulkUsersAreProvisioned();
    void computersAndCriticalSystemObjectsAreNotProvisioned();
    void groupMatchesTheDirectory_data();
    void groupMatchesTheDirectory();
    void largeGroupHasEveryMember();
    void secondRunMakesNoWrites();

    void bindsVerifyTheDc_data();
    void bindsVerifyTheDc();

    void ntHashesFromTheLdapiSocketArriveAsPph1();
    // Password hashes by replication (MS-DRSR), over the network (tst_samba_replication.cpp).
    void replicatedHashesArriveAsPph1();
    void replicationReturnsOnlyTheUsersAskedFor();
    void unreachableDcIsExplained();
    void passwordChangeTravelsByTheDeltaPass();
    void replicationPositionNotUsableMeansAFullPass();
    void missingReplicationRightIsNamed_data();
    void missingReplicationRightIsNamed();
    void replicationWithKerberos();
    void killedHelperLeavesNoHashOnDisk();
    void mustChangeUserGetsItsHashOnceChanged();
    void withoutDirSyncTheUsnWatermarkSeesChanges();
    void scopePickersBrowseTheDomain();

    // Deletes a user from the DC: last.
    void deltaMakesExactlyThoseWrites();

private:
    QJsonObject configJson(const QStringList &ous) const;
    QJsonObject fixtureJson() const;
    QJsonObject ldapiJson() const;
    // Staff, with hashes replicated by `account` (default: the replication account).
    QJsonObject replicationJson(const QString &account = {}) const;
    Explanation explain(const Configuration &config, const QString &text);
    static bool toConfiguration(const QJsonObject &json, Configuration &out, QString *error);
    bool freshStore(QString *error);
    RunRecord run(const Configuration &config, RunOptions options = {});
    bool provision(QString *error);
    QString dn(const QString &relative) const { return relative + u',' + m_dc.baseDn(); }
    QJsonObject fixtureUser(const QString &key) const { return m_dc.fixture()[u"users"_s][key].toObject(); }
    // What the cloud's externalId must be: base64 of mS-DS-ConsistencyGuid where it is set, else of
    // objectGUID, both as ldapsearch read them from the DC.
    QString expectedImmutableId(const QString &samAccountName) const;
    QString keyOfDn(const QString &dn) const { return m_keyByDn.value(dn.toLower()); }
    QStringList staffKeys() const; // the people below OU=Staff
    PasswordHashState hashState(const QString &key);
    QJsonObject cloudUserWithCredentials(const QString &key);

    TestServers::Samba m_dc;
    SyncFixture f; // for its SCIM service
    QString m_scimUrl;
    QTemporaryDir m_dir;
    std::unique_ptr<StateStore> m_store;
    int m_storeNumber = 0;
    QList<RunResult> m_lastResults;
    qint64 m_lastRunMs = 0;

    // Read from the DC with ldapsearch once it is up, by sAMAccountName.
    QHash<QString, TestServers::LdapEntry> m_ldap;
    QSet<QString> m_neverSynced;       // base64(objectGUID) of every computer and critical system object
    QHash<QString, QString> m_keyByDn; // fixture DN (lower case) -> fixture key (= sAMAccountName)

    // The shared full run and what the cloud held after it.
    bool m_provisioned = false;
    RunRecord m_fullRun;
    qint64 m_fullRunMs = 0;
    QHash<QString, QJsonObject> m_cloudUsers;  // by externalId
    QHash<QString, QJsonObject> m_cloudGroups; // by externalId
};
