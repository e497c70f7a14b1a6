// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Active Directory fidelity: the engine against a real Samba AD DC (tests/servers/samba/, the fixture of
// gen-fixture.py: 28 people, 1,600 bulk users, 8 groups, a computer) and the real SCIM 2.0 test service.
//
// The DC takes ~20 s to provision, so one is started for the whole executable (initTestCase) and shared;
// every expectation comes from its fixture.json and from what ldapsearch reads back. Tests that change the
// directory come last, the one that deletes a user very last. Without root or Samba the suite is skipped,
// unless UPDRAFT_REQUIRE_SAMBA=1 (CI sets it): then it fails, so it can never pass by skipping there.
#include "sambatest.h"

using namespace SambaTest;

void TestSamba::initTestCase()
{
    QString why;
    if (!TestServers::Samba::available(&why)) {
        if (qEnvironmentVariable("UPDRAFT_REQUIRE_SAMBA") == u"1"_s)
            QFAIL(qPrintable(why + u"; UPDRAFT_REQUIRE_SAMBA=1 says the Samba tests must run here"_s));
        QSKIP(qPrintable(why + u" (set UPDRAFT_REQUIRE_SAMBA=1 to make this a failure)"_s));
    }
    QVERIFY(m_dir.isValid());
    QString error;
    QElapsedTimer timer;
    timer.start();
    QVERIFY2(m_dc.start(&error), qPrintable(error));
    qInfo("Samba AD DC pid %lld at %s started in %.1f s; the fixture holds %d users (%d people, %d bulk, the "
          "service accounts) and %d groups",
          m_dc.pid(), qPrintable(m_dc.address()), timer.elapsed() / 1000.0,
          m_dc.fixture()[u"counts"_s][u"users_total"_s].toInt(),
          m_dc.fixture()[u"counts"_s][u"people"_s].toInt(),
          m_dc.fixture()[u"counts"_s][u"bulk_users"_s].toInt(),
          m_dc.fixture()[u"counts"_s][u"groups"_s].toInt());
    QVERIFY2(f.startScim(&error), qPrintable(error));
    m_scimUrl = f.scim().url().toString();
    qputenv(BindPasswordVariable.toUtf8().constData(), m_dc.readerPassword().toUtf8());
    qputenv("KRB5_CONFIG", QFile::encodeName(m_dc.krb5Config())); // for GSSAPI: this DC's realm and KDC

    for (const QString &kind : {u"users"_s, u"groups"_s}) {
        const QJsonObject objects = m_dc.fixture()[kind].toObject();
        for (auto it = objects.begin(); it != objects.end(); ++it)
            m_keyByDn.insert(it.value()[u"dn"_s].toString().toLower(), it.key());
    }
    for (const QString &ou : {u"OU=Staff"_s, u"OU=Disabled"_s, u"OU=Bulk"_s, u"OU=Groups"_s}) {
        const QList<TestServers::LdapEntry> entries =
            m_dc.search(dn(ou), u"(|(objectClass=user)(objectClass=group))"_s,
                        {u"sAMAccountName"_s, u"objectGUID"_s, u"mS-DS-ConsistencyGuid"_s}, &error);
        QVERIFY2(!entries.isEmpty(), qPrintable(error));
        for (const TestServers::LdapEntry &e : entries)
            m_ldap.insert(e.text(u"sAMAccountName"_s), e);
    }
    const QList<TestServers::LdapEntry> never =
        m_dc.search(m_dc.baseDn(), u"(|(isCriticalSystemObject=TRUE)(objectClass=computer))"_s,
                    {u"objectGUID"_s}, &error);
    QVERIFY2(!never.isEmpty(), qPrintable(error));
    for (const TestServers::LdapEntry &e : never)
        m_neverSynced.insert(base64(e.value(u"objectGUID"_s)));
}

void TestSamba::cleanupTestCase()
{
    m_store.reset();
    m_dc.stop();
}

QJsonObject TestSamba::configJson(const QStringList &ous) const
{
    // A simple bind over plain ldap:// needs "allowPlainBind": true, except on loopback, as here
    // (docs/configuration.md). timeoutSeconds 10 instead of 30 bounds any wait for the DC.
    QJsonArray scope;
    for (const QString &ou : ous)
        scope.append(dn(ou));
    return {{u"name"_s, m_dc.upnSuffix()}, // "updraft.test": also $domain, for the userName fallback
            {u"source"_s, QJsonObject{{u"type"_s, u"activedirectory"_s},
                                      {u"url"_s, m_dc.url()},
                                      {u"bindDn"_s, m_dc.readerDn()},
                                      {u"bindPassword"_s, QJsonObject{{u"env"_s, BindPasswordVariable}}},
                                      {u"baseDn"_s, m_dc.baseDn()},
                                      {u"timeoutSeconds"_s, 10}}},
            {u"scope"_s, QJsonObject{{u"organizationalUnits"_s, scope}}},
            {u"target"_s, QJsonObject{{u"type"_s, u"scim"_s},
                                      {u"url"_s, m_scimUrl},
                                      {u"token"_s, QJsonObject{{u"env"_s, u"UPDRAFT_TEST_TOKEN"_s}}}}}};
}

// The people, the bulk users and the groups. CN=Users is in scope too, so that Administrator, Guest, krbtgt
// and the built-in groups (all isCriticalSystemObject) are there to be left out.
QJsonObject TestSamba::fixtureJson() const
{
    return configJson({u"OU=Staff"_s, u"OU=Disabled"_s, u"OU=Bulk"_s, u"OU=Groups"_s, u"CN=Users"_s});
}

// Updraft on the DC: the privileged socket, no bind (root is System there), password hashes on.
QJsonObject TestSamba::ldapiJson() const
{
    QJsonObject json = configJson({u"OU=Staff"_s});
    json[u"source"_s] = QJsonObject{{u"type"_s, u"activedirectory"_s},
                                    {u"url"_s, m_dc.ldapiUrl()},
                                    {u"baseDn"_s, m_dc.baseDn()},
                                    {u"timeoutSeconds"_s, 10}};
    json[u"passwordHashSync"_s] = QJsonObject{{u"enabled"_s, true}};
    return json;
}

bool TestSamba::toConfiguration(const QJsonObject &json, Configuration &out, QString *error)
{
    QStringList errors;
    if (Configuration::fromJson(json, out, &errors))
        return true;
    *error = u"the configuration was refused: %1\n%2"_s.arg(
        errors.join(u"; "_s), QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)));
    return false;
}

bool TestSamba::freshStore(QString *error)
{
    m_provisioned = false;
    f.scim().reset();
    m_store = std::make_unique<StateStore>(m_dir.filePath(u"store-%1/updraft.sqlite"_s.arg(++m_storeNumber)));
    return m_store->open(error);
}

RunRecord TestSamba::run(const Configuration &config, RunOptions options)
{
    SyncRunner runner(config, *m_store, options);
    QSignalSpy finished(&runner, &SyncRunner::finished);
    QElapsedTimer timer;
    timer.start();
    runner.start();
    if (finished.isEmpty() && !finished.wait(300000)) {
        // Never qFatal here: that would leave the DC running. Stop the run and let the test fail on it.
        runner.cancel();
        finished.wait(60000);
    }
    m_lastRunMs = timer.elapsed();
    m_lastResults = runner.results();
    RunRecord record = runner.record();
    if (finished.isEmpty())
        record.status = u"did not finish within 360 s"_s;
    return record;
}

bool TestSamba::provision(QString *error)
{
    if (m_provisioned)
        return true;
    Configuration config;
    if (!freshStore(error) || !toConfiguration(fixtureJson(), config, error))
        return false;
    m_fullRun = run(config);
    m_fullRunMs = m_lastRunMs;
    m_cloudUsers = byExternalId(f.scim().users());
    m_cloudGroups = byExternalId(f.scim().groups());
    m_provisioned = true;
    qInfo(
        "full run over the fixture domain: %.1f s, status %s, users created %d failed %d, groups created %d, "
        "%lld entries read",
        m_fullRunMs / 1000.0, qPrintable(m_fullRun.status), m_fullRun.users.created, m_fullRun.users.failed,
        m_fullRun.groups.created, m_fullRun.objectsRead);
    return true;
}

QString TestSamba::expectedImmutableId(const QString &samAccountName) const
{
    const TestServers::LdapEntry entry = m_ldap.value(samAccountName);
    const QByteArray consistency = entry.value(u"mS-DS-ConsistencyGuid"_s);
    return base64(consistency.size() == 16 ? consistency : entry.value(u"objectGUID"_s));
}

QStringList TestSamba::staffKeys() const
{
    QStringList keys;
    const QJsonObject users = m_dc.fixture()[u"users"_s].toObject();
    for (auto it = users.begin(); it != users.end(); ++it)
        if (it.value()[u"dn"_s].toString().endsWith(dn(u"OU=Staff"_s)))
            keys.append(it.key());
    return keys;
}

PasswordHashState TestSamba::hashState(const QString &key)
{
    const auto config = m_store->configuration(m_dc.upnSuffix());
    if (!config)
        return {};
    for (const PasswordHashState &s : m_store->passwordHashes(config->id))
        if (s.dn.compare(fixtureUser(key)[u"dn"_s].toString(), Qt::CaseInsensitive) == 0)
            return s;
    return {};
}

QJsonObject TestSamba::cloudUserWithCredentials(const QString &key)
{
    const QString id = expectedImmutableId(key);
    for (const QJsonValue &v : f.scim().usersWithCredentials())
        if (v[u"externalId"_s].toString() == id)
            return v.toObject();
    return {};
}

void TestSamba::fullRunProvisionsTheFixture()
{
    QString error;
    QVERIFY2(provision(&error), qPrintable(error));
    const RunRecord &r = m_fullRun;
    QVERIFY2(r.status == u"success"_s, qPrintable(r.status + u": "_s + r.message));
    // 28 people + 1,600 bulk users; the reader (OU=Service) is out of scope, the computer is not a person.
    const QJsonObject counts = m_dc.fixture()[u"counts"_s].toObject();
    const int users = counts[u"people"_s].toInt() + counts[u"bulk_users"_s].toInt();
    QCOMPARE(users, 1628);
    QCOMPARE(r.users.created, users);
    QCOMPARE(r.users.failed, 0);
    QCOMPARE(r.groups.created, counts[u"groups"_s].toInt());
    QCOMPARE(r.groups.failed, 0);
    QCOMPARE(m_cloudUsers.size(), users);
    QCOMPARE(m_cloudGroups.size(), 8);
}

void TestSamba::userMatchesTheDirectory_data()
{
    QTest::addColumn<QString>("key");
    const QJsonObject users = m_dc.fixture()[u"users"_s].toObject();
    for (auto it = users.begin(); it != users.end(); ++it)
        QTest::newRow(qPrintable(it.key())) << it.key();
}

void TestSamba::userMatchesTheDirectory()
{
    QFETCH(QString, key);
    QString error;
    QVERIFY2(provision(&error), qPrintable(error));
    const QJsonObject expected = fixtureUser(key);
    QVERIFY2(m_ldap.contains(key), "ldapsearch did not find the user on the DC");

    // The immutableId: base64 of the 16 bytes of mS-DS-ConsistencyGuid where set, else of objectGUID.
    const QString immutableId = expectedImmutableId(key);
    if (expected.contains(u"immutableId"_s)) {
        QCOMPARE(immutableId, expected[u"immutableId"_s].toString()); // what fixture.json says it must be
        QVERIFY(immutableId != base64(m_ldap.value(key).value(u"objectGUID"_s)));
    }
    QVERIFY2(m_cloudUsers.contains(immutableId), qPrintable(u"no cloud user has externalId %1 (%2)"_s.arg(
                                                     immutableId, expected[u"dn"_s].toString())));
    const QJsonObject user = m_cloudUsers.value(immutableId);

    // userName is the UPN; without one, the documented fallback (docs/configuration.md, the activedirectory
    // mapping): sAMAccountName@$domain, the domain being the configuration's name, updraft.test.
    if (expected[u"userPrincipalName"_s].isNull())
        QCOMPARE(user[u"userName"_s].toString(), key + u'@' + m_dc.upnSuffix());
    else
        QCOMPARE(user[u"userName"_s].toString(), expected[u"userPrincipalName"_s].toString());

    // Every mapped attribute, unicode intact.
    QCOMPARE(user[u"displayName"_s].toString(), expected[u"displayName"_s].toString());
    QCOMPARE(user[u"name"_s][u"givenName"_s].toString(), expected[u"givenName"_s].toString());
    QCOMPARE(user[u"name"_s][u"familyName"_s].toString(), expected[u"sn"_s].toString());
    QCOMPARE(user[u"title"_s].toString(), expected[u"title"_s].toString());
    QCOMPARE(user[u"emails"_s][0][u"value"_s].toString(), expected[u"mail"_s].toString());
    QCOMPARE(user[u"emails"_s][0][u"type"_s].toString(), u"work"_s);
    QCOMPARE(user[Enterprise][u"department"_s].toString(), expected[u"department"_s].toString());
    QCOMPARE(user[Enterprise][u"employeeNumber"_s].toString(), expected[u"employeeNumber"_s].toString());

    // userAccountControl 514 (ACCOUNTDISABLE) is active: false.
    QCOMPARE(user[u"active"_s].toBool(true), expected[u"enabled"_s].toBool());

    // manager: the manager's cloud id.
    if (expected[u"manager"_s].isNull()) {
        QVERIFY(!user[Enterprise].toObject().contains(u"manager"_s));
    } else {
        const QString managerKey = keyOfDn(expected[u"manager"_s].toString());
        QVERIFY(!managerKey.isEmpty());
        const QJsonObject manager = m_cloudUsers.value(expectedImmutableId(managerKey));
        QVERIFY(!manager.isEmpty());
        QCOMPARE(user[Enterprise][u"manager"_s][u"value"_s].toString(), manager[u"id"_s].toString());
    }
}

void TestSamba::bulkUsersAreProvisioned()
{
    QString error;
    QVERIFY2(provision(&error), qPrintable(error));
    int bulk = 0;
    for (auto it = m_ldap.cbegin(); it != m_ldap.cend(); ++it) {
        if (!it.key().startsWith(u"bulk"_s))
            continue;
        ++bulk;
        const QJsonObject user = m_cloudUsers.value(base64(it.value().value(u"objectGUID"_s)));
        QVERIFY2(!user.isEmpty(), qPrintable(u"%1 is not provisioned"_s.arg(it.value().dn)));
        QCOMPARE(user[u"userName"_s].toString(), it.key() + u'@' + m_dc.upnSuffix());
        QCOMPARE(user[u"active"_s].toBool(), true); // 544: PASSWD_NOTREQD, enabled
    }
    QCOMPARE(bulk, m_dc.fixture()[u"counts"_s][u"bulk_users"_s].toInt());
}

void TestSamba::computersAndCriticalSystemObjectsAreNotProvisioned()
{
    QString error;
    QVERIFY2(provision(&error), qPrintable(error));
    // WS-001 (userAccountControl 4128) is in OU=Staff, DC1 in OU=Domain Controllers; Administrator, Guest,
    // krbtgt, dns-dc1 and the built-in groups are in CN=Users, which is in scope.
    QVERIFY(m_neverSynced.size() >= 20);
    const QByteArray computer =
        m_dc.attribute(m_dc.fixture()[u"computer"_s][u"dn"_s].toString(), u"objectGUID"_s);
    QCOMPARE(computer.size(), 16);
    QVERIFY(m_neverSynced.contains(base64(computer)));
    QVERIFY(
        m_neverSynced.contains(base64(m_dc.attribute(dn(u"CN=Administrator,CN=Users"_s), u"objectGUID"_s))));
    for (const QString &id : std::as_const(m_neverSynced)) {
        QVERIFY2(!m_cloudUsers.contains(id), qPrintable(m_cloudUsers.value(id)[u"userName"_s].toString()));
        QVERIFY2(!m_cloudGroups.contains(id),
                 qPrintable(m_cloudGroups.value(id)[u"displayName"_s].toString()));
    }
    for (const QJsonObject &user : std::as_const(m_cloudUsers)) {
        const QString name = user[u"userName"_s].toString().section(u'@', 0, 0).toLower();
        QVERIFY2(name != u"administrator"_s && name != u"guest"_s && name != u"krbtgt"_s &&
                     !name.endsWith(u'$'),
                 qPrintable(name));
    }
}

void TestSamba::groupMatchesTheDirectory_data()
{
    QTest::addColumn<QString>("key");
    const QJsonObject groups = m_dc.fixture()[u"groups"_s].toObject();
    for (auto it = groups.begin(); it != groups.end(); ++it)
        if (it.value().toObject().contains(u"members"_s)) // all but the large one
            QTest::newRow(qPrintable(it.key())) << it.key();
}

void TestSamba::groupMatchesTheDirectory()
{
    QFETCH(QString, key);
    QString error;
    QVERIFY2(provision(&error), qPrintable(error));
    const QJsonObject expected = m_dc.fixture()[u"groups"_s][key].toObject();
    const QString samAccountName = expected[u"sAMAccountName"_s].toString();
    QVERIFY(m_ldap.contains(samAccountName));
    const QString immutableId = expectedImmutableId(samAccountName);
    QVERIFY2(m_cloudGroups.contains(immutableId),
             qPrintable(u"no cloud group has externalId "_s + immutableId));
    const QJsonObject group = m_cloudGroups.value(immutableId);
    QCOMPARE(group[u"displayName"_s].toString(),
             expected[u"dn"_s].toString().section(u',', 0, 0).mid(3)); // cn: the groups have no displayName

    // Exactly the direct members: users, and nested groups as groups.
    QSet<QString> expectedIds;
    for (const QJsonValue &member : expected[u"members"_s].toArray()) {
        const QString memberKey = keyOfDn(member.toString());
        QVERIFY2(!memberKey.isEmpty(), qPrintable(member.toString()));
        const QString id =
            expectedImmutableId(m_dc.fixture()[u"groups"_s].toObject().contains(memberKey)
                                    ? m_dc.fixture()[u"groups"_s][memberKey][u"sAMAccountName"_s].toString()
                                    : memberKey);
        const QJsonObject cloud =
            m_cloudUsers.contains(id) ? m_cloudUsers.value(id) : m_cloudGroups.value(id);
        QVERIFY2(!cloud.isEmpty(), qPrintable(member.toString() + u" is not provisioned"_s));
        expectedIds.insert(cloud[u"id"_s].toString());
    }
    QCOMPARE(memberIds(group), expectedIds);
    QCOMPARE(memberIds(group).size(), expected[u"member_count"_s].toInt());
    for (const QJsonValue &nested : expected[u"nested_groups"_s].toArray()) {
        const QString nestedKey = keyOfDn(nested.toString());
        const QString id =
            expectedImmutableId(m_dc.fixture()[u"groups"_s][nestedKey][u"sAMAccountName"_s].toString());
        QVERIFY2(memberIds(group).contains(m_cloudGroups.value(id)[u"id"_s].toString()),
                 qPrintable(nested.toString() + u" is not a member in the cloud"_s));
    }
}

// Ranged retrieval: Windows AD answers a plain `member` request on a group of more than 1,500 with its first
// 1,500 values only (member;range=0-1499). Samba 4.17 returns all 1,600 under plain `member` (README.md (c)),
// so this proves the ranges only because the engine asks for member;range=0-* from the start (commit
// c492193); before that it would have failed against Windows AD and passed here.
void TestSamba::largeGroupHasEveryMember()
{
    QString error;
    QVERIFY2(provision(&error), qPrintable(error));
    const QJsonObject expected = m_dc.fixture()[u"groups"_s][u"all-staff-large"_s].toObject();
    QCOMPARE(expected[u"member_count"_s].toInt(), 1600);
    const QJsonObject group =
        m_cloudGroups.value(expectedImmutableId(expected[u"sAMAccountName"_s].toString()));
    QVERIFY2(!group.isEmpty(), "All Staff Large is not provisioned");
    QSet<QString> bulkIds;
    for (auto it = m_ldap.cbegin(); it != m_ldap.cend(); ++it)
        if (it.key().startsWith(u"bulk"_s))
            bulkIds.insert(m_cloudUsers.value(base64(it.value().value(u"objectGUID"_s)))[u"id"_s].toString());
    QCOMPARE(bulkIds.size(), 1600);
    QCOMPARE(memberIds(group).size(), 1600);
    QCOMPARE(memberIds(group), bulkIds);
}

void TestSamba::secondRunMakesNoWrites()
{
    QString error;
    QVERIFY2(provision(&error), qPrintable(error));
    Configuration config;
    QVERIFY2(toConfiguration(fixtureJson(), config, &error), qPrintable(error));
    f.scim().resetStats();
    // DirSync says nothing changed: nothing else is read.
    const RunRecord r = run(config);
    qInfo("run with no change over the fixture domain: %.2f s, %lld entries read", m_lastRunMs / 1000.0,
          r.objectsRead);
    QVERIFY2(r.status == u"success"_s, qPrintable(r.status + u": "_s + r.message));
    QCOMPARE(r.objectsRead, 0);
    QCOMPARE(f.scim().writes(), 0);
    QCOMPARE(r.users.created + r.users.updated + r.users.deleted + r.users.failed, 0);
    QCOMPARE(r.groups.created + r.groups.updated + r.groups.deleted + r.groups.failed, 0);
    QCOMPARE(r.users.unchanged, 1628);
    QCOMPARE(r.groups.unchanged, 8);
}

void TestSamba::deltaMakesExactlyThoseWrites()
{
    QString error;
    QVERIFY2(provision(&error), qPrintable(error));
    QVERIFY2(m_fullRun.status == u"success"_s, qPrintable(m_fullRun.message));
    Configuration config;
    QVERIFY2(toConfiguration(fixtureJson(), config, &error), qPrintable(error));
    const QString kenji = fixtureUser(u"kenji.sato"_s)[u"dn"_s].toString();
    const QString ana = fixtureUser(u"ana.lima"_s)[u"dn"_s].toString();
    const QString tom = fixtureUser(u"tom.becker"_s)[u"dn"_s].toString();
    const QString engineering = m_dc.fixture()[u"groups"_s][u"engineering"_s][u"dn"_s].toString();
    const QJsonObject engineeringBefore = m_cloudGroups.value(expectedImmutableId(u"engineering"_s));
    const QString anaId = m_cloudUsers.value(expectedImmutableId(u"ana.lima"_s))[u"id"_s].toString();
    const QString tomId = m_cloudUsers.value(expectedImmutableId(u"tom.becker"_s))[u"id"_s].toString();
    QVERIFY(memberIds(engineeringBefore).contains(anaId) && memberIds(engineeringBefore).contains(tomId));

    QVERIFY2(m_dc.modify(u"dn: %1\nchangetype: modify\nreplace: title\ntitle: Senior Engineer\n-\n\n"
                         u"dn: %2\nchangetype: modify\ndelete: member\nmember: %3\n-\n\n"
                         u"dn: %4\nchangetype: delete\n"_s.arg(kenji, engineering, ana, tom),
                         &error),
             qPrintable(error));
    m_provisioned = false; // the cloud changes below

    f.scim().resetStats();
    RunRecord r = run(config);
    qInfo("delta run over the fixture domain (a title, a member, a delete): %.1f s", m_lastRunMs / 1000.0);
    QVERIFY2(r.status == u"success"_s, qPrintable(r.status + u": "_s + r.message));
    // Only what DirSync reported was read (and every group), not the domain's 1,629 users.
    QString read;
    for (const RunResult &result : std::as_const(m_lastResults))
        if (result.action == u"read"_s)
            read = result.message;
    QVERIFY2(read.startsWith(u"Only what changed since the last run was read"_s) &&
                 read.contains(u"deleted: 1)"_s),
             qPrintable(read));
    QVERIFY2(r.objectsRead < 100, qPrintable(QString::number(r.objectsRead)));
    QCOMPARE(r.users.created, 0);
    QCOMPARE(r.users.updated, 1);
    QCOMPARE(r.users.deleted, 1);
    QCOMPARE(r.users.failed, 0);
    QCOMPARE(r.users.unchanged, 1628 - 2);
    QCOMPARE(r.groups.created, 0);
    QCOMPARE(r.groups.updated, 1);
    QCOMPARE(r.groups.deleted, 0);
    QCOMPARE(r.groups.unchanged, 7);
    const QJsonObject requests = f.scim().stats()[u"requests"_s].toObject();
    QCOMPARE(f.scim().writes(), 3);
    QCOMPARE(requests[u"PATCH"_s].toInt(), 2);
    QCOMPARE(requests[u"DELETE"_s].toInt(), 1);
    QCOMPARE(requests[u"POST"_s].toInt(), 0);

    // Which objects, and why.
    QStringList writes;
    for (const RunResult &result : std::as_const(m_lastResults))
        if (result.action == u"update"_s || result.action == u"delete"_s || result.action == u"create"_s)
            writes.append(u"%1 %2 %3 [%4] %5"_s.arg(result.action, result.kind, result.dn,
                                                    result.changes.join(u','), result.outcome));
    writes.sort();
    QCOMPARE(writes, (QStringList{u"delete user %1 [] success"_s.arg(tom),
                                  u"update group %1 [members] success"_s.arg(engineering),
                                  u"update user %1 [title] success"_s.arg(kenji)}));
    for (const RunResult &result : std::as_const(m_lastResults))
        if (result.action == u"delete"_s)
            QVERIFY2(result.message.contains(u"deleted from the directory"_s), qPrintable(result.message));

    const QHash<QString, QJsonObject> users = byExternalId(f.scim().users());
    QCOMPARE(users.value(expectedImmutableId(u"kenji.sato"_s))[u"title"_s].toString(), u"Senior Engineer"_s);
    QVERIFY(!users.contains(expectedImmutableId(u"tom.becker"_s)));
    QCOMPARE(users.size(), 1627);
    const QJsonObject engineeringAfter =
        byExternalId(f.scim().groups()).value(expectedImmutableId(u"engineering"_s));
    QCOMPARE(memberIds(engineeringAfter), (memberIds(engineeringBefore) - QSet<QString>{anaId, tomId}));

    // And the next run is quiet again; a full read finds nothing the delta read missed.
    f.scim().resetStats();
    r = run(config);
    QVERIFY2(r.status == u"success"_s, qPrintable(r.status + u": "_s + r.message));
    QCOMPARE(f.scim().writes(), 0);
    r = run(config, {.full = true});
    QVERIFY2(r.status == u"success"_s, qPrintable(r.status + u": "_s + r.message));
    QCOMPARE(r.users.unchanged, 1627);
    QCOMPARE(f.scim().writes(), 0);
}

// What the console's scope pickers show of an AD domain, read as the read-only account: the OUs with the
// users below each, the large group with (at least) its first range of members, and a scope's exact user
// count.

QTEST_GUILESS_MAIN(TestSamba)
