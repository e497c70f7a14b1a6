// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The engine end to end, against a real slapd and a real SCIM 2.0 service on loopback.
#include "syncfixture.h"

#include "config/configuration.h"
#include "store/statestore.h"
#include "sync/syncrunner.h"

#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <functional>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

const QString Base = u"dc=example,dc=com"_s;
const QString PeopleOu = u"ou=People,dc=example,dc=com"_s;
const QString Enterprise = u"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"_s;

QString userDn(const QString &uid, const QString &ou)
{
    return u"uid=%1,%2,%3"_s.arg(uid, ou, Base);
}
const QString Engineering = u"ou=Engineering,ou=People"_s;
const QString Sales = u"ou=Sales,ou=People"_s;

QJsonObject byUserName(const QJsonArray &users, const QString &userName)
{
    for (const QJsonValue &v : users)
        if (v[u"userName"_s].toString() == userName)
            return v.toObject();
    return {};
}

QJsonObject byDisplayName(const QJsonArray &groups, const QString &name)
{
    for (const QJsonValue &v : groups)
        if (v[u"displayName"_s].toString() == name)
            return v.toObject();
    return {};
}

QSet<QString> memberIds(const QJsonObject &group)
{
    QSet<QString> ids;
    for (const QJsonValue &m : group[u"members"_s].toArray())
        ids.insert(m[u"value"_s].toString());
    return ids;
}

QSet<QString> userNames(const QJsonArray &users)
{
    QSet<QString> names;
    for (const QJsonValue &v : users)
        names.insert(v[u"userName"_s].toString());
    return names;
}

} // namespace

class TestSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void firstRunProvisionsUsersGroupsAndReferences();
    void secondRunMakesNoWrites();
    void eachSourceChangeMakesExactlyOneWrite();
    void softMatchAdoptsInsteadOfDuplicating();
    void softMatchOffNeverAdopts();
    void foreignCloudObjectsAreNeverDeleted();
    void groupScopeIncludesNestedMembers();
    void throttlingAndServerErrorsConverge();
    void unreadableLookupIsNeverAbsence_data();
    void unreadableLookupIsNeverAbsence();
    void directoryStoppedMidReadDeletesNothing();
    void emptiedDirectoryFailsTheRun();
    void missingScopeOuFailsTheRun();
    void dryRunWritesNothing();
    void tlsVerifiesTheServerCertificate_data();
    void tlsVerifiesTheServerCertificate();
    void cliRunsAndReports();

private:
    QJsonObject configJson(const QString &name, const QJsonObject &scope) const
    {
        return f.configJson(name, scope);
    }
    static Configuration config(const QJsonObject &json) { return SyncFixture::config(json); }
    Configuration peopleConfig() const { return config(f.peopleJson()); }
    RunRecord run(const Configuration &config, RunOptions options = {},
                  const std::function<void(SyncRunner &)> &prepare = {})
    {
        const RunRecord r = f.run(config, options, prepare);
        m_lastResults = f.lastResults();
        return r;
    }
    QString entryUuidImmutableId(const QString &dn) const { return f.entryUuidImmutableId(dn); }

    SyncFixture f;
    TestServers::Scim *m_scim = nullptr;
    QList<RunResult> m_lastResults;
    int m_cliStateNumber = 0;
};

void TestSync::initTestCase()
{
    QString error;
    QVERIFY2(f.startScim(&error), qPrintable(error));
    m_scim = &f.scim();
}

void TestSync::init()
{
    QString error;
    QVERIFY2(f.startDirectory(&error), qPrintable(error));
}

void TestSync::cleanup()
{
    f.stopDirectory();
}

void TestSync::firstRunProvisionsUsersGroupsAndReferences()
{
    const RunRecord r = run(peopleConfig());
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.created, 7);
    QCOMPARE(r.users.failed, 0);
    QCOMPARE(r.groups.created, 2);

    const QJsonArray users = m_scim->users();
    QCOMPARE(users.size(), 7);
    QCOMPARE(userNames(users), (QSet<QString>{u"jose.muller@example.com"_s, u"li.lei@example.com"_s,
                                              u"ada.lovelace@example.com"_s, u"bob.smith@example.com"_s,
                                              u"carol.jones@example.com"_s, u"eve.adams@example.com"_s,
                                              u"frank.ng@example.com"_s}));

    // Every attribute of the default mapping, and unicode intact.
    const QJsonObject jose = byUserName(users, u"jose.muller@example.com"_s);
    QCOMPARE(jose[u"externalId"_s].toString(), entryUuidImmutableId(userDn(u"jose.muller"_s, Engineering)));
    QCOMPARE(jose[u"name"_s][u"givenName"_s].toString(), u"José"_s);
    QCOMPARE(jose[u"name"_s][u"familyName"_s].toString(), u"Müller"_s);
    QCOMPARE(jose[u"displayName"_s].toString(), u"José Müller"_s);
    QCOMPARE(jose[u"title"_s].toString(), u"Engineering Manager"_s);
    QCOMPARE(jose[u"active"_s].toBool(), true);
    QCOMPARE(jose[u"emails"_s][0][u"value"_s].toString(), u"jose.muller@example.com"_s);
    QCOMPARE(jose[u"emails"_s][0][u"type"_s].toString(), u"work"_s);
    QCOMPARE(jose[u"phoneNumbers"_s][0][u"value"_s].toString(), u"+49 30 1234567"_s);
    QCOMPARE(jose[Enterprise][u"employeeNumber"_s].toString(), u"1001"_s);
    QCOMPARE(jose[Enterprise][u"department"_s].toString(), u"Engineering"_s);

    // No mail: uid@domain (the strict peer's fixture gives everyone a mail). Manager resolved to the
    // manager's cloud id.
    const QJsonObject li = byUserName(users, u"li.lei@example.com"_s);
    QCOMPARE(li[u"displayName"_s].toString(), u"李雷"_s);
    QCOMPARE(li[u"name"_s][u"familyName"_s].toString(), u"李"_s);
    QCOMPARE(li[u"name"_s][u"givenName"_s].toString(), u"雷"_s);
    QCOMPARE(li.contains(u"emails"_s), TestServers::Scim::strict());
    QCOMPARE(li[Enterprise][u"manager"_s][u"value"_s].toString(), jose[u"id"_s].toString());

    // A manager created in the same run (li) resolves too.
    const QJsonObject bob = byUserName(users, u"bob.smith@example.com"_s);
    QCOMPARE(bob[Enterprise][u"manager"_s][u"value"_s].toString(), li[u"id"_s].toString());
    QCOMPARE(bob[u"phoneNumbers"_s][0][u"type"_s].toString(), u"mobile"_s);

    // A manager outside the configuration's scope is left empty and reported.
    const QJsonObject ada = byUserName(users, u"ada.lovelace@example.com"_s);
    QVERIFY(!ada[Enterprise].toObject().contains(u"manager"_s));
    bool reported = false;
    for (const RunResult &result : std::as_const(m_lastResults))
        if (result.dn == userDn(u"ada.lovelace"_s, Engineering) && result.message.contains(u"manager"_s))
            reported = true;
    QVERIFY2(reported, "the unresolved manager of ada.lovelace is not in the run's results");

    // Groups: provisioned members only, nested groups as members (flattened where the service does not take
    // groups as members).
    const QJsonArray groups = m_scim->groups();
    QCOMPARE(groups.size(), 2);
    const QJsonObject engineers = byDisplayName(groups, u"Engineers"_s);
    QCOMPARE(engineers[u"externalId"_s].toString(),
             entryUuidImmutableId(u"cn=Engineers,ou=Engineering,ou=People,dc=example,dc=com"_s));
    QCOMPARE(memberIds(engineers),
             (QSet<QString>{jose[u"id"_s].toString(), li[u"id"_s].toString(), ada[u"id"_s].toString()}));
    const QJsonObject allStaff = byDisplayName(groups, u"All Staff"_s);
    const QString carol = byUserName(users, u"carol.jones@example.com"_s)[u"id"_s].toString();
    if (TestServers::Scim::strict())
        QCOMPARE(memberIds(allStaff),
                 (QSet<QString>{jose[u"id"_s].toString(), li[u"id"_s].toString(), ada[u"id"_s].toString(),
                                bob[u"id"_s].toString(), carol}));
    else
        QCOMPARE(memberIds(allStaff),
                 (QSet<QString>{engineers[u"id"_s].toString(), bob[u"id"_s].toString(), carol}));

    // The store remembers the run and every object.
    const auto stored = f.store().run(r.id);
    QVERIFY(stored);
    QCOMPARE(stored->status, u"success"_s);
    QCOMPARE(stored->users.created, 7);
    QCOMPARE(f.store().results(r.id).size(), m_lastResults.size());
    QCOMPARE(f.store().links(r.configurationId).size(), 9);
}

void TestSync::secondRunMakesNoWrites()
{
    QCOMPARE(run(peopleConfig()).status, u"success"_s);
    m_scim->resetStats();
    const RunRecord second = run(peopleConfig());
    QCOMPARE(second.status, u"success"_s);
    QCOMPARE(m_scim->writes(), 0);
    QCOMPARE(second.users.unchanged, 7);
    QCOMPARE(second.groups.unchanged, 2);
    QCOMPARE(second.users.created + second.users.updated + second.users.deleted, 0);
}

void TestSync::eachSourceChangeMakesExactlyOneWrite()
{
    QCOMPARE(run(peopleConfig()).status, u"success"_s);
    QString error;

    // Modify: one PATCH with the changed attribute only.
    QVERIFY2(f.slapd().modify(u"dn: %1\nchangetype: modify\nreplace: title\ntitle: Sales Director\n"_s.arg(
                                  userDn(u"bob.smith"_s, Sales)),
                              &error),
             qPrintable(error));
    m_scim->resetStats();
    RunRecord r = run(peopleConfig());
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.updated, 1);
    QCOMPARE(r.users.unchanged, 6);
    QCOMPARE(m_scim->writes(), 1);
    QCOMPARE(m_scim->stats()[u"requests"_s][u"PATCH"_s].toInt(), 1);
    QCOMPARE(byUserName(m_scim->users(), u"bob.smith@example.com"_s)[u"title"_s].toString(),
             u"Sales Director"_s);

    // Moved out of scope: one DELETE.
    QVERIFY2(f.slapd().modify(u"dn: %1\nchangetype: modrdn\nnewrdn: uid=eve.adams\ndeleteoldrdn: 1\n"
                              u"newsuperior: ou=Contractors,%2\n"_s.arg(userDn(u"eve.adams"_s, Sales), Base),
                              &error),
             qPrintable(error));
    m_scim->resetStats();
    r = run(peopleConfig());
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.deleted, 1);
    QCOMPARE(m_scim->writes(), 1);
    QCOMPARE(m_scim->stats()[u"requests"_s][u"DELETE"_s].toInt(), 1);
    QVERIFY(byUserName(m_scim->users(), u"eve.adams@example.com"_s).isEmpty());

    // Deleted in the directory: one DELETE.
    QVERIFY2(f.slapd().modify(u"dn: %1\nchangetype: delete\n"_s.arg(userDn(u"frank.ng"_s, Sales)), &error),
             qPrintable(error));
    m_scim->resetStats();
    r = run(peopleConfig());
    QCOMPARE(r.users.deleted, 1);
    QCOMPARE(m_scim->writes(), 1);
    QCOMPARE(m_scim->users().size(), 5);

    // And the next run is quiet again.
    m_scim->resetStats();
    r = run(peopleConfig());
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(m_scim->writes(), 0);
}

void TestSync::softMatchAdoptsInsteadOfDuplicating()
{
    int status = 0;
    const QJsonObject existing =
        m_scim->post(u"Users"_s,
                     {{u"schemas"_s, QJsonArray{u"urn:ietf:params:scim:schemas:core:2.0:User"_s}},
                      {u"userName"_s, u"bob.smith@example.com"_s},
                      {u"emails"_s, QJsonArray{QJsonObject{{u"value"_s, u"bob.smith@example.com"_s}}}},
                      {u"displayName"_s, u"Robert Smith"_s}},
                     &status);
    QCOMPARE(status, 201);

    const RunRecord r = run(peopleConfig());
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.created, 6);
    QCOMPARE(r.users.updated, 1);
    const QJsonArray users = m_scim->users();
    QCOMPARE(users.size(), 7);
    const QJsonObject bob = byUserName(users, u"bob.smith@example.com"_s);
    QCOMPARE(bob[u"id"_s].toString(), existing[u"id"_s].toString());
    QCOMPARE(bob[u"displayName"_s].toString(), u"Bob Smith"_s);
    QCOMPARE(bob[u"externalId"_s].toString(), entryUuidImmutableId(userDn(u"bob.smith"_s, Sales)));
    bool matched = false;
    for (const RunResult &result : std::as_const(m_lastResults))
        matched |= result.action == u"match"_s && result.dn == userDn(u"bob.smith"_s, Sales);
    QVERIFY(matched);

    // Adopted objects are owned like created ones: the next run is quiet.
    m_scim->resetStats();
    QCOMPARE(run(peopleConfig()).status, u"success"_s);
    QCOMPARE(m_scim->writes(), 0);
}

void TestSync::softMatchOffNeverAdopts()
{
    int status = 0;
    const QJsonObject existing =
        m_scim->post(u"Users"_s,
                     {{u"schemas"_s, QJsonArray{u"urn:ietf:params:scim:schemas:core:2.0:User"_s}},
                      {u"userName"_s, u"carol.jones@example.com"_s},
                      {u"emails"_s, QJsonArray{QJsonObject{{u"value"_s, u"carol.jones@example.com"_s}}}}},
                     &status);
    QCOMPARE(status, 201);
    QJsonObject json = configJson(u"example.com"_s, {{u"organizationalUnits"_s, QJsonArray{PeopleOu}}});
    QJsonObject target = json[u"target"_s].toObject();
    target[u"softMatch"_s] = false;
    json[u"target"_s] = target;

    const RunRecord r = run(config(json));
    QCOMPARE(r.status, u"warning"_s);
    QCOMPARE(r.users.created, 6);
    QCOMPARE(r.users.failed, 1);
    const QJsonObject carol = byUserName(m_scim->users(), u"carol.jones@example.com"_s);
    QCOMPARE(carol[u"id"_s].toString(), existing[u"id"_s].toString());
    QVERIFY(!carol.contains(u"externalId"_s));
    bool explained = false;
    for (const RunResult &result : std::as_const(m_lastResults))
        explained |= result.outcome == u"failed"_s && result.dn == userDn(u"carol.jones"_s, Sales) &&
                     result.message.contains(u"soft match"_s, Qt::CaseInsensitive);
    QVERIFY2(explained, "the failed create of carol.jones does not say that soft match is off");
}

void TestSync::foreignCloudObjectsAreNeverDeleted()
{
    int status = 0;
    m_scim->post(u"Users"_s,
                 {{u"schemas"_s, QJsonArray{u"urn:ietf:params:scim:schemas:core:2.0:User"_s}},
                  {u"userName"_s, u"outsider@example.com"_s},
                  {u"emails"_s, QJsonArray{QJsonObject{{u"value"_s, u"outsider@example.com"_s}}}}},
                 &status);
    QCOMPARE(status, 201);
    m_scim->post(u"Groups"_s,
                 {{u"schemas"_s, QJsonArray{u"urn:ietf:params:scim:schemas:core:2.0:Group"_s}},
                  {u"displayName"_s, u"Cloud Only"_s}},
                 &status);
    QCOMPARE(status, 201);

    // A second configuration owns the contractors.
    const Configuration contractors =
        config(configJson(u"contractors.example.com"_s,
                          {{u"organizationalUnits"_s, QJsonArray{u"ou=Contractors,dc=example,dc=com"_s}}}));
    QCOMPARE(run(contractors).users.created, 2);
    QCOMPARE(run(peopleConfig()).users.created, 7);
    QCOMPARE(m_scim->users().size(), 10);

    // Scoping to nothing is how a configuration is cleaned up: it removes only what it created or matched.
    const RunRecord cleanup = run(config(configJson(u"example.com"_s, {})));
    QCOMPARE(cleanup.status, u"success"_s);
    QCOMPARE(cleanup.users.deleted, 7);
    QCOMPARE(cleanup.groups.deleted, 2);
    QCOMPARE(userNames(m_scim->users()),
             (QSet<QString>{u"outsider@example.com"_s, u"grace.hopper@example.com"_s,
                            u"dan.brown@example.com"_s}));
    QCOMPARE(m_scim->groups().size(), 1);
    QCOMPARE(m_scim->groups()[0][u"displayName"_s].toString(), u"Cloud Only"_s);
}

void TestSync::groupScopeIncludesNestedMembers()
{
    const RunRecord r = run(config(configJson(
        u"example.com"_s, {{u"groups"_s, QJsonArray{u"cn=VPN Users,ou=Groups,dc=example,dc=com"_s}}})));
    QCOMPARE(r.status, u"success"_s);
    const QJsonArray users = m_scim->users();
    QCOMPARE(userNames(users), (QSet<QString>{u"grace.hopper@example.com"_s, u"jose.muller@example.com"_s,
                                              u"li.lei@example.com"_s, u"ada.lovelace@example.com"_s}));
    const QJsonArray groups = m_scim->groups();
    QCOMPARE(groups.size(), 2);
    const QJsonObject vpn = byDisplayName(groups, u"VPN Users"_s);
    const auto id = [&](const QString &userName) {
        return byUserName(users, userName)[u"id"_s].toString();
    };
    if (TestServers::Scim::strict()) {
        // A service whose groups cannot contain groups gets the nested group's users instead (flatten).
        QCOMPARE(memberIds(vpn),
                 (QSet<QString>{id(u"grace.hopper@example.com"_s), id(u"jose.muller@example.com"_s),
                                id(u"li.lei@example.com"_s), id(u"ada.lovelace@example.com"_s)}));
    } else {
        QCOMPARE(memberIds(vpn), (QSet<QString>{id(u"grace.hopper@example.com"_s),
                                                byDisplayName(groups, u"Engineers"_s)[u"id"_s].toString()}));
    }
    // Within this scope ada's manager (grace) is provisioned, so it resolves.
    QCOMPARE(
        byUserName(users, u"ada.lovelace@example.com"_s)[Enterprise][u"manager"_s][u"value"_s].toString(),
        byUserName(users, u"grace.hopper@example.com"_s)[u"id"_s].toString());
}

void TestSync::throttlingAndServerErrorsConverge()
{
    m_scim->addFault(
        {{u"status"_s, 429}, {u"retryAfter"_s, 1}, {u"count"_s, 2}, {u"methods"_s, QJsonArray{u"POST"_s}}});
    m_scim->addFault(
        {{u"status"_s, 500}, {u"every"_s, 3}, {u"count"_s, 3}, {u"methods"_s, QJsonArray{u"POST"_s}}});
    m_scim->addFault(
        {{u"status"_s, 503}, {u"retryAfter"_s, 1}, {u"count"_s, 1}, {u"methods"_s, QJsonArray{u"GET"_s}}});

    QElapsedTimer timer;
    timer.start();
    const RunRecord r = run(peopleConfig());
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.created, 7);
    QCOMPARE(r.groups.created, 2);
    QCOMPARE(m_scim->stats()[u"faulted"_s].toInt(), 6);
    QCOMPARE(m_scim->stats()[u"pendingFaultRules"_s].toInt(), 0);
    QVERIFY2(timer.elapsed() >= 1000, "Retry-After: 1 was not honoured");
    QCOMPARE(m_scim->users().size(), 7);

    m_scim->resetStats();
    QCOMPARE(run(peopleConfig()).status, u"success"_s);
    QCOMPARE(m_scim->writes(), 0);
}

void TestSync::unreadableLookupIsNeverAbsence_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("contentType");
    QTest::newRow("an HTML page") << u"<html><body>Sign in to the proxy</body></html>"_s << u"text/html"_s;
    QTest::newRow("an empty 200") << QString() << u"application/scim+json"_s;
    QTest::newRow("truncated JSON") << u"{\"totalResults\": 0, \"Resources\": ["_s
                                    << u"application/scim+json"_s;
    QTest::newRow("JSON nested too deep") << QString(u"["_s).repeated(2000) << u"application/json"_s;
    QTest::newRow("an object without a list")
        << u"{\"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"]}"_s
        << u"application/scim+json"_s;
}

// An answer to a lookup that cannot be read is a failure of the object, never "not there": a POST then would
// make a duplicate on a service that answered with a broken page.
void TestSync::unreadableLookupIsNeverAbsence()
{
    QFETCH(QString, body);
    QFETCH(QString, contentType);
    m_scim->addFault({{u"status"_s, 200},
                      {u"body"_s, body},
                      {u"contentType"_s, contentType},
                      {u"count"_s, 1000},
                      {u"methods"_s, QJsonArray{u"GET"_s}}});
    RunRecord r = run(peopleConfig());
    QCOMPARE(r.users.created, 0);
    QCOMPARE(r.users.failed, 7);
    QCOMPARE(m_scim->stats()[u"requests"_s][u"POST"_s].toInt(), 0);
    bool explained = false;
    for (const RunResult &result : m_lastResults)
        explained |= result.outcome == u"failed"_s && result.message.contains(u"could not be read"_s);
    QVERIFY(explained);
    // Once the service answers properly, the next run creates each user once.
    QVERIFY(m_scim->stats()[u"pendingFaultRules"_s].toInt() == 1);
    m_scim->reset();
    r = run(peopleConfig());
    QCOMPARE(r.users.created, 7);
    QCOMPARE(m_scim->users().size(), 7);
}

void TestSync::directoryStoppedMidReadDeletesNothing()
{
    // Enough entries, a page of one each, that the read is still going when the test hears of it: the read
    // runs on the run's worker, and its progress reaches this thread a little later.
    constexpr int Users = 300;
    f.stopDirectory();
    QString error;
    QVERIFY2(f.startDirectoryWith(f.generateDirectory(Users, 0), &error), qPrintable(error));
    m_scim->reset();
    QJsonObject json =
        configJson(u"example.com"_s, {{u"organizationalUnits"_s, QJsonArray{SyncFixture::BaseDn}}});
    QCOMPARE(run(config(json)).status, u"success"_s);
    QJsonObject source = json[u"source"_s].toObject();
    source[u"pageSize"_s] = 1;
    json[u"source"_s] = source;

    m_scim->resetStats();
    bool killed = false;
    // A full read even though nothing changed (otherwise the change feed says so, and nothing is read).
    const RunRecord r = run(config(json), RunOptions{u"manual"_s, false, true}, [&](SyncRunner &runner) {
        connect(&runner, &SyncRunner::progress, this, [&](const QString &phase, int done) {
            if (phase == u"Reading directory"_s && done > 0 && !killed) {
                f.slapd().kill();
                killed = true;
            }
        });
    });
    QVERIFY(killed);
    QCOMPARE(r.status, u"failed"_s);
    QVERIFY2(!r.message.isEmpty(), "a failed run must say why");
    QCOMPARE(r.users.deleted + r.groups.deleted, 0);
    QCOMPARE(m_scim->writes(), 0);
    QCOMPARE(m_scim->users().size(), Users);
    QCOMPARE(f.store().run(r.id)->status, u"failed"_s);

    // Back up, the next run converges without writing anything.
    QVERIFY2(f.slapd().restart(&error), qPrintable(error));
    // (on the port it had, or another one if that was taken meanwhile)
    const RunRecord next = run(
        config(configJson(u"example.com"_s, {{u"organizationalUnits"_s, QJsonArray{SyncFixture::BaseDn}}})));
    QCOMPARE(next.status, u"success"_s);
    QCOMPARE(next.users.unchanged, Users);
    QCOMPARE(m_scim->writes(), 0);
}

void TestSync::emptiedDirectoryFailsTheRun()
{
    QCOMPARE(run(peopleConfig()).status, u"success"_s);
    QString ldif;
    for (const QString &dn : QStringList{
             u"cn=All Staff,ou=People,dc=example,dc=com"_s,
             u"cn=Engineers,ou=Engineering,ou=People,dc=example,dc=com"_s,
             userDn(u"jose.muller"_s, Engineering), userDn(u"li.lei"_s, Engineering),
             userDn(u"ada.lovelace"_s, Engineering), userDn(u"bob.smith"_s, Sales),
             userDn(u"carol.jones"_s, Sales), userDn(u"eve.adams"_s, Sales), userDn(u"frank.ng"_s, Sales)})
        ldif += u"dn: %1\nchangetype: delete\n\n"_s.arg(dn);
    QString error;
    QVERIFY2(f.slapd().modify(ldif, &error), qPrintable(error));

    m_scim->resetStats();
    const RunRecord r = run(peopleConfig());
    QCOMPARE(r.status, u"failed"_s);
    QVERIFY(r.message.contains(u"nothing was deleted"_s));
    QCOMPARE(m_scim->writes(), 0);
    QCOMPARE(m_scim->users().size(), 7);
}

void TestSync::missingScopeOuFailsTheRun()
{
    QCOMPARE(run(peopleConfig()).status, u"success"_s);
    m_scim->resetStats();
    const QString missing = u"ou=Marketing,ou=People,dc=example,dc=com"_s;
    const RunRecord r = run(config(configJson(
        u"example.com"_s,
        {{u"organizationalUnits"_s, QJsonArray{missing, u"ou=Engineering,ou=People,dc=example,dc=com"_s}}})));
    QCOMPARE(r.status, u"failed"_s);
    QVERIFY2(r.message.contains(missing), qPrintable(r.message));
    QCOMPARE(m_scim->writes(), 0);
}

void TestSync::dryRunWritesNothing()
{
    const RunRecord r = run(peopleConfig(), RunOptions{u"manual"_s, true});
    QCOMPARE(r.status, u"dry-run"_s);
    QCOMPARE(m_scim->writes(), 0);
    QCOMPARE(m_scim->users().size(), 0);
    QVERIFY(f.store().configurations().isEmpty());
    int creates = 0;
    for (const RunResult &result : std::as_const(m_lastResults))
        creates += result.action == u"create"_s && result.outcome == u"planned"_s;
    QCOMPARE(creates, 9);
}

void TestSync::tlsVerifiesTheServerCertificate_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<bool>("withCa");
    QTest::addColumn<bool>("verify");
    QTest::addColumn<QString>("status");
    QTest::newRow("StartTLS with the CA") << u"starttls"_s << true << true << u"success"_s;
    QTest::newRow("StartTLS, unknown CA") << u"starttls"_s << false << true << u"failed"_s;
    QTest::newRow("StartTLS, verification off") << u"starttls"_s << false << false << u"success"_s;
    QTest::newRow("ldaps with the CA") << u"ldaps"_s << true << true << u"success"_s;
    QTest::newRow("ldaps, unknown CA") << u"ldaps"_s << false << true << u"failed"_s;
}

void TestSync::tlsVerifiesTheServerCertificate()
{
    QFETCH(QString, scheme);
    QFETCH(bool, withCa);
    QFETCH(bool, verify);
    QFETCH(QString, status);

    f.setSlapd(std::make_unique<TestServers::Slapd>(f.path(u"slapd-tls"_s)));
    QString error;
    QVERIFY2(f.slapd().start(f.fixture(), &error, {u"--tls"_s}), qPrintable(error));
    QJsonObject json = configJson(u"example.com"_s, {{u"organizationalUnits"_s, QJsonArray{PeopleOu}}});
    QJsonObject source = json[u"source"_s].toObject();
    if (scheme == u"ldaps"_s)
        source[u"url"_s] = f.slapd().ldapsUrl();
    else
        source[u"startTls"_s] = true;
    if (withCa)
        source[u"caFile"_s] = f.slapd().caFile();
    source[u"verifyCertificate"_s] = verify;
    json[u"source"_s] = source;

    const RunRecord r = run(config(json));
    QCOMPARE(r.status, status);
    if (status == u"failed"_s) {
        QVERIFY2(r.message.contains(u"certificate"_s, Qt::CaseInsensitive), qPrintable(r.message));
        QCOMPARE(m_scim->users().size(), 0);
    } else {
        QCOMPARE(m_scim->users().size(), 7);
    }
}

void TestSync::cliRunsAndReports()
{
    const QString configFile = f.path(u"cli-config.json"_s);
    {
        QFile file(configFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            QJsonDocument(configJson(u"example.com"_s, {{u"organizationalUnits"_s, QJsonArray{PeopleOu}}}))
                .toJson());
    }
    const QString state = f.path(u"cli-state-%1"_s.arg(++m_cliStateNumber));
    const auto cli = [&](const QStringList &arguments, QByteArray *out = nullptr, QByteArray *err = nullptr) {
        QProcess p;
        p.start(QStringLiteral(UPDRAFT_CLI), arguments + QStringList{u"--state"_s, state});
        if (!p.waitForFinished(120000))
            return -1;
        if (out)
            *out = p.readAllStandardOutput();
        if (err)
            *err = p.readAllStandardError();
        return p.exitCode();
    };

    QByteArray out;
    QByteArray err;
    QCOMPARE(cli({u"run"_s, u"--config"_s, configFile, u"--json"_s}, &out, &err), 0);
    QJsonParseError parseError;
    const QJsonObject report = QJsonDocument::fromJson(out, &parseError).object();
    QVERIFY2(parseError.error == QJsonParseError::NoError, out.constData());
    QCOMPARE(report[u"configuration"_s].toString(), u"example.com"_s);
    QCOMPARE(report[u"status"_s].toString(), u"success"_s);
    QCOMPARE(report[u"users"_s][u"created"_s].toInt(), 7);
    QCOMPARE(report[u"groups"_s][u"created"_s].toInt(), 2);
    for (const QString &key : {u"updated"_s, u"deleted"_s, u"unchanged"_s, u"failed"_s})
        QVERIFY2(report[u"users"_s].toObject().contains(key), qPrintable(key));
    const int runId = report[u"run"_s].toInt();
    QVERIFY(runId > 0);

    // By name, from the store; then history and results.
    QCOMPARE(cli({u"run"_s, u"example.com"_s, u"--json"_s}, &out), 0);
    QCOMPARE(QJsonDocument::fromJson(out).object()[u"users"_s][u"unchanged"_s].toInt(), 7);
    QCOMPARE(cli({u"configs"_s}, &out), 0);
    QVERIFY(out.contains("example.com"));
    QVERIFY2(out.contains("  Healthy: "), out.constData()); // the dashboard's word, from the same engine code
    QCOMPARE(cli({u"configs"_s, u"--json"_s}, &out), 0);
    const QJsonObject listed = QJsonDocument::fromJson(out).array().first().toObject();
    QCOMPARE(listed[u"health"_s][u"level"_s].toString(), u"healthy"_s);
    QCOMPARE(listed[u"lastRun"_s][u"status"_s].toString(), u"success"_s);
    QVERIFY(listed[u"lastRun"_s][u"run"_s].toInt() > runId); // the second run, by name
    QCOMPARE(cli({u"history"_s, u"example.com"_s, u"--json"_s}, &out), 0);
    QCOMPARE(QJsonDocument::fromJson(out).array().size(), 2);
    QCOMPARE(cli({u"results"_s, QString::number(runId), u"--json"_s}, &out), 0);
    QSet<QString> touched;
    for (const QJsonValue &result : QJsonDocument::fromJson(out).object()[u"results"_s].toArray())
        touched.insert(result[u"dn"_s].toString());
    QCOMPARE(touched.size(), 9);

    // The secret never reaches the store.
    const QByteArray stored =
        TestServers::storeContents(TestServers::storeOnPostgres() ? qEnvironmentVariable("UPDRAFT_STORE")
                                                                  : state + u"/updraft.sqlite"_s);
    QVERIFY(stored.contains("example.com"));
    QVERIFY(!stored.contains("sync-secret"));

    // Usage and configuration errors.
    QCOMPARE(cli({u"run"_s}, nullptr, &err), 64);
    QJsonObject bad = configJson(u"example.com"_s, {{u"ous"_s, QJsonArray{}}});
    {
        QFile file(configFile);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(bad).toJson());
    }
    QCOMPARE(cli({u"run"_s, u"--config"_s, configFile}, nullptr, &err), 1);
    QVERIFY2(err.contains("scope.ous"), err.constData());
    QCOMPARE(cli({u"run"_s, u"no-such.example.org"_s}, nullptr, &err), 1);
    QVERIFY2(err.contains("no-such.example.org"), err.constData());
}

QTEST_GUILESS_MAIN(TestSync)
#include "tst_sync.moc"
