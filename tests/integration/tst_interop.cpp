// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Interoperability by discovery: the same default configuration against SCIM services that support different
// things — strict (eq filters only, 100 a page, groups of users only, an email required, unknown attributes
// refused), without discovery documents, without PATCH, with Bulk — and against an independent implementation
// (tests/servers/scim-independent). Every refused write is a failure of its object, and is written again.
#include "syncfixture.h"

#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

const QString Engineers = u"cn=Engineers,ou=Engineering,ou=People,dc=example,dc=com"_s;
const QString AllStaff = u"cn=All Staff,ou=People,dc=example,dc=com"_s;
const QString Enterprise = u"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"_s;

QString userDn(const QString &uid, const QString &ou)
{
    return u"uid=%1,ou=%2,ou=People,dc=example,dc=com"_s.arg(uid, ou);
}

QJsonObject byKey(const QJsonArray &list, const QString &key, const QString &value)
{
    for (const QJsonValue &v : list)
        if (v[key].toString().compare(value, Qt::CaseInsensitive) == 0)
            return v.toObject();
    return {};
}

QSet<QString> memberIds(const QJsonObject &group)
{
    QSet<QString> out;
    for (const QJsonValue &m : group[u"members"_s].toArray())
        out.insert(m[u"value"_s].toString());
    return out;
}

int resultsWith(const QList<RunResult> &results, const QString &action, const QString &outcome,
                const QString &text = {})
{
    int n = 0;
    for (const RunResult &r : results)
        n += r.action == action && r.outcome == outcome && r.message.contains(text) ? 1 : 0;
    return n;
}

} // namespace

class TestInterop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void strictServiceWithTheDefaultConfiguration();
    void refusedMembershipWriteIsAFailureUntilWritten();
    void leaverIsRemovedWhileAnotherMemberCannotBeProvisioned();
    void membersCarryTheirType();
    void nestedGroupsSkippedWhenChosen();
    void attributeTheServiceLacksIsDroppedWithOneWarning();
    void serviceWithoutDiscoveryDocuments();
    void serviceWithoutPatch();
    void bulkFirstRun();
    void privateCaOverHttps();
    void lostCreateAnswerIsLookedUpNotRepeated_data();
    void lostCreateAnswerIsLookedUpNotRepeated();
    void independentImplementation();

private:
    // A SCIM service started with `options`, and a fresh directory (`raw`: the fixture as it is, with one
    // person, li.lei, without a mail).
    void start(const QStringList &options, bool raw = true, const QString &server = u"scim"_s)
    {
        QString error;
        QVERIFY2(f.startScim(&error, options, server), qPrintable(error));
        QVERIFY2(f.startDirectoryWith(raw ? f.fixture() : f.fixtureWithMail(), &error), qPrintable(error));
    }
    Configuration people(const std::function<void(QJsonObject &target)> &change = {}) const
    {
        QJsonObject json = f.peopleJson();
        if (change) {
            QJsonObject target = json[u"target"_s].toObject();
            change(target);
            json[u"target"_s] = target;
        }
        return SyncFixture::config(json);
    }
    void modify(const QString &ldif)
    {
        QString error;
        QVERIFY2(f.slapd().modify(ldif, &error), qPrintable(error));
    }
    QJsonObject user(const QString &userName)
    {
        return byKey(f.scim().list(u"Users"_s), u"userName"_s, userName);
    }
    QJsonObject group(const QString &name)
    {
        return byKey(f.scim().list(u"Groups"_s), u"displayName"_s, name);
    }
    QString id(const QString &userName) { return user(userName)[u"id"_s].toString(); }

    SyncFixture f;
};

void TestInterop::initTestCase()
{
    QString error;
    QVERIFY2(f.startScim(&error), qPrintable(error));
}

void TestInterop::cleanup()
{
    f.stopDirectory();
}

void TestInterop::strictServiceWithTheDefaultConfiguration()
{
    start({u"--strict"_s});
    RunRecord r = f.run(people());
    // Only li.lei, who has no mail, fails: the service requires an email, and the run says so by name.
    QCOMPARE(r.users.created, 6);
    QCOMPARE(r.users.failed, 1);
    QCOMPARE(r.groups.created, 2);
    QCOMPARE(r.status, u"warning"_s);
    // What the service said is kept for the configuration page.
    const auto said = f.store().discoveredTarget(r.configurationId);
    QVERIFY(said);
    QVERIFY2(said->supports.contains(u"filters (Updraft asks with eq only), at most 100 a page"_s),
             qPrintable(said->supports.join(u"; "_s)));
    QVERIFY(said->supports.contains(u"groups cannot contain groups"_s));
    QVERIFY(said->assumptions.isEmpty());
    const QList<RunResult> li = f.resultsFor(userDn(u"li.lei"_s, u"Engineering"_s));
    QVERIFY(!li.isEmpty());
    QCOMPARE(li.first().outcome, u"failed"_s);
    QVERIFY2(li.first().message.contains(u"requires emails"_s), qPrintable(li.first().message));
    // Groups of users only: All Staff gets the Engineers' users (those provisioned), not the group.
    QCOMPARE(memberIds(group(u"All Staff"_s)),
             (QSet<QString>{id(u"jose.muller@example.com"_s), id(u"ada.lovelace@example.com"_s),
                            id(u"bob.smith@example.com"_s), id(u"carol.jones@example.com"_s)}));
    QCOMPARE(memberIds(group(u"Engineers"_s)),
             (QSet<QString>{id(u"jose.muller@example.com"_s), id(u"ada.lovelace@example.com"_s)}));

    // li.lei gets a mail: the next run provisions li, adds li to both groups and sets bob's manager.
    modify(u"dn: %1\nchangetype: modify\nadd: mail\nmail: li.lei@example.com\n"_s.arg(
        userDn(u"li.lei"_s, u"Engineering"_s)));
    r = f.run(people());
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.created, 1);
    QCOMPARE(r.users.failed, 0);
    const QString li2 = id(u"li.lei@example.com"_s);
    QVERIFY(!li2.isEmpty());
    QVERIFY(memberIds(group(u"All Staff"_s)).contains(li2));
    QVERIFY(memberIds(group(u"Engineers"_s)).contains(li2));
    QCOMPARE(user(u"bob.smith@example.com"_s)[Enterprise][u"manager"_s][u"value"_s].toString(), li2);

    f.scim().resetStats();
    r = f.run(people(), {.trigger = u"manual"_s, .full = true});
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(f.scim().writes(), 0);
}

void TestInterop::refusedMembershipWriteIsAFailureUntilWritten()
{
    start({});
    // The first run's PATCHes are its membership writes: the service refuses them.
    f.scim().addFault({{u"status"_s, 400},
                       {u"count"_s, 2},
                       {u"methods"_s, QJsonArray{u"PATCH"_s}},
                       {u"detail"_s, u"members refused for this test"_s}});
    RunRecord r = f.run(people());
    QCOMPARE(r.status, u"warning"_s);
    QCOMPARE(r.groups.failed, 2);
    QCOMPARE(r.users.created, 7);
    QCOMPARE(resultsWith(f.lastResults(), u"update"_s, u"failed"_s, u"members refused for this test"_s), 2);
    QVERIFY(group(u"Engineers"_s)[u"members"_s].toArray().isEmpty());

    // Both refusals were used up by the two membership writes. Nothing changed in the directory; the next
    // run writes the members all the same.
    QCOMPARE(f.scim().stats()[u"pendingFaultRules"_s].toInt(), 0);
    r = f.run(people());
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.groups.updated, 2);
    QCOMPARE(memberIds(group(u"Engineers"_s)).size(), 3);
}

void TestInterop::leaverIsRemovedWhileAnotherMemberCannotBeProvisioned()
{
    start({});
    QCOMPARE(f.run(people()).status, u"success"_s);
    const QString ada = id(u"ada.lovelace@example.com"_s);
    QVERIFY(memberIds(group(u"Engineers"_s)).contains(ada));

    // A newcomer whose userName a cloud user of someone else already has cannot be provisioned…
    int status = 0;
    f.scim().post(u"Users"_s,
                  {{u"schemas"_s, QJsonArray{u"urn:ietf:params:scim:schemas:core:2.0:User"_s}},
                   {u"userName"_s, u"new.hire@example.com"_s},
                   {u"emails"_s, QJsonArray{QJsonObject{{u"value"_s, u"new.hire@example.com"_s}}}},
                   {u"externalId"_s, u"someone-else"_s}},
                  &status);
    QCOMPARE(status, 201);
    modify(
        u"dn: %1\nchangetype: add\nobjectClass: inetOrgPerson\nuid: new.hire\ncn: New Hire\nsn: Hire\n"
        u"mail: new.hire@example.com\n\n"
        u"dn: %2\nchangetype: modify\nadd: member\nmember: %1\n-\ndelete: member\nmember: %3\n"_s.arg(
            userDn(u"new.hire"_s, u"Engineering"_s), Engineers, userDn(u"ada.lovelace"_s, u"Engineering"_s)));
    // …and ada, who left the group, is removed from it all the same.
    const RunRecord r = f.run(people());
    QCOMPARE(r.status, u"warning"_s);
    QCOMPARE(r.users.failed, 1);
    QVERIFY(!memberIds(group(u"Engineers"_s)).contains(ada));
    QCOMPARE(memberIds(group(u"Engineers"_s)).size(), 2);
}

void TestInterop::membersCarryTheirType()
{
    start({});
    QCOMPARE(f.run(people()).status, u"success"_s);
    const QString engineers = group(u"Engineers"_s)[u"id"_s].toString();
    QString type;
    for (const QJsonValue &m : group(u"All Staff"_s)[u"members"_s].toArray())
        if (m[u"value"_s].toString() == engineers)
            type = m[u"type"_s].toString();
    QCOMPARE(type, u"Group"_s);
}

void TestInterop::nestedGroupsSkippedWhenChosen()
{
    start({u"--strict"_s}, false);
    const RunRecord r = f.run(people([](QJsonObject &target) { target[u"nestedGroups"_s] = u"skip"_s; }));
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(memberIds(group(u"All Staff"_s)),
             (QSet<QString>{id(u"bob.smith@example.com"_s), id(u"carol.jones@example.com"_s)}));
}

void TestInterop::attributeTheServiceLacksIsDroppedWithOneWarning()
{
    start({u"--strict"_s, u"--drop-attribute"_s, u"phoneNumbers"_s}, false);
    RunRecord r = f.run(people());
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.created, 7);
    QCOMPARE(resultsWith(f.lastResults(), u"map"_s, u"warning"_s, u"phoneNumbers"_s), 1);
    QVERIFY(!user(u"jose.muller@example.com"_s).contains(u"phoneNumbers"_s));
    f.scim().resetStats();
    r = f.run(people(), {.trigger = u"manual"_s, .full = true});
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(f.scim().writes(), 0);
}

void TestInterop::serviceWithoutDiscoveryDocuments()
{
    start({u"--no-discovery"_s});
    RunRecord r = f.run(people());
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.created, 7);
    // Said once, in the run: what was not said, and what is assumed.
    QCOMPARE(resultsWith(f.lastResults(), u"discover"_s, u"warning"_s, u"ServiceProviderConfig"_s), 1);
    const auto said = f.store().discoveredTarget(r.configurationId);
    QVERIFY(said);
    QVERIFY(!said->assumptions.isEmpty());
    QVERIFY2(said->assumptions.join(u"; "_s).contains(u"/ServiceProviderConfig: HTTP 404"_s),
             qPrintable(said->assumptions.join(u"; "_s)));
    // RFC 7644's minimum: no PATCH, so a change replaces the object whole, keeping what Updraft does not map.
    f.scim().resetStats();
    modify(u"dn: %1\nchangetype: modify\nreplace: title\ntitle: Principal Engineer\n"_s.arg(
        userDn(u"jose.muller"_s, u"Engineering"_s)));
    r = f.run(people());
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.updated, 1);
    const QJsonObject requests = f.scim().stats()[u"requests"_s].toObject();
    QCOMPARE(requests[u"PUT"_s].toInt(), 1);
    QCOMPARE(requests[u"PATCH"_s].toInt(), 0);
    const QJsonObject jose = user(u"jose.muller@example.com"_s);
    QCOMPARE(jose[u"title"_s].toString(), u"Principal Engineer"_s);
    QCOMPARE(jose[u"phoneNumbers"_s][0][u"value"_s].toString(), u"+49 30 1234567"_s);
}

void TestInterop::serviceWithoutPatch()
{
    start({u"--no-patch"_s});
    QCOMPARE(f.run(people()).status, u"success"_s);
    const QString bob = id(u"bob.smith@example.com"_s);
    QVERIFY(memberIds(group(u"All Staff"_s)).contains(bob));
    f.scim().resetStats();
    modify(u"dn: %1\nchangetype: modify\ndelete: member\nmember: %2\n"_s.arg(
        AllStaff, userDn(u"bob.smith"_s, u"Sales"_s)));
    const RunRecord r = f.run(people());
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.groups.updated, 1);
    QVERIFY(!memberIds(group(u"All Staff"_s)).contains(bob));
    QCOMPARE(memberIds(group(u"All Staff"_s)).size(), 2); // Engineers and carol
    const QJsonObject requests = f.scim().stats()[u"requests"_s].toObject();
    QCOMPARE(requests[u"PATCH"_s].toInt(), 0);
    QCOMPARE(requests[u"PUT"_s].toInt(), 1);
}

void TestInterop::bulkFirstRun()
{
    constexpr int Users = 2000;
    constexpr int MaxOperations = 50;
    const QString ldif = f.path(u"bulk.ldif"_s);
    QProcess gen;
    gen.start(u"python3"_s, {TestServers::sourceDir() + u"/tests/fixtures/gen-directory.py"_s, u"--users"_s,
                             QString::number(Users), u"--groups"_s, u"20"_s, u"-o"_s, ldif});
    QVERIFY(gen.waitForFinished(120000));
    QCOMPARE(gen.exitCode(), 0);
    QString error;
    QVERIFY2(f.startScim(&error, {u"--bulk"_s, u"--bulk-max-operations"_s, QString::number(MaxOperations),
                                  u"--bulk-max-payload"_s, u"65536"_s}),
             qPrintable(error));
    QVERIFY2(f.startDirectoryWith(ldif, &error), qPrintable(error));
    const QJsonObject json =
        f.configJson(u"example.com"_s, {{u"organizationalUnits"_s, QJsonArray{SyncFixture::BaseDn}}});
    const RunRecord r = f.run(SyncFixture::config(json));
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.created + r.users.unchanged, Users);
    QCOMPARE(r.users.failed, 0);
    QCOMPARE(f.scim().list(u"Users"_s).size(), Users);
    const QJsonObject stats = f.scim().stats();
    const QJsonObject bulk = stats[u"bulk"_s].toObject();
    const int bulkRequests = bulk[u"requests"_s].toInt();
    const int bulkCreates = bulk[u"operations"_s].toObject()[u"POST"_s].toInt();
    qInfo("%d users: %d bulk requests carrying %d creates; %d GETs, %d single POSTs", Users, bulkRequests,
          bulkCreates, stats[u"requests"_s][u"GET"_s].toInt(),
          stats[u"requests"_s][u"POST"_s].toInt() - bulkRequests);
    // Every create went in a bulk request within maxOperations (a bigger one is refused with 413, and then
    // each write would go alone), and matching took one listing, not a lookup per user.
    const int singleCreates = stats[u"requests"_s][u"POST"_s].toInt() - bulkRequests;
    QCOMPARE(bulkCreates + singleCreates, Users + r.groups.created);
    QVERIFY(bulkCreates >= Users);
    QVERIFY(bulkRequests >= (Users + MaxOperations - 1) / MaxOperations);
    QVERIFY2(stats[u"requests"_s][u"GET"_s].toInt() < 100, "a lookup for each user instead of one listing");
}

// A service over https whose certificate no public CA issued (here: its own): refused, saying where its CA
// goes, until target.caFile names it; a caFile without a certificate sends nothing.
void TestInterop::privateCaOverHttps()
{
    const QString cert = f.path(u"scim-cert.pem"_s);
    const QString key = f.path(u"scim-key.pem"_s);
    QProcess openssl;
    openssl.start(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                                 u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-days"_s, u"1"_s,
                                 u"-subj"_s, u"/CN=127.0.0.1"_s, u"-addext"_s,
                                 u"subjectAltName=IP:127.0.0.1"_s, u"-keyout"_s, key, u"-out"_s, cert});
    QVERIFY(openssl.waitForFinished(60000));
    QCOMPARE(openssl.exitCode(), 0);
    start({u"--tls-cert"_s, cert, u"--tls-key"_s, key}, false);
    QCOMPARE(f.scim().url().scheme(), u"https"_s);

    RunRecord r = f.run(people());
    QCOMPARE(r.status, u"failed"_s);
    QVERIFY2(r.message.contains(u"target.caFile"_s), qPrintable(r.message));
    QCOMPARE(f.scim().writes(), 0);

    const QString empty = f.path(u"not-a-certificate.pem"_s);
    QFile file(empty);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a certificate\n");
    file.close();
    r = f.run(people([&](QJsonObject &target) { target[u"caFile"_s] = empty; }));
    QCOMPARE(r.status, u"failed"_s);
    QVERIFY2(r.message.contains(u"holds no PEM certificate"_s), qPrintable(r.message));
    QCOMPARE(f.scim().writes(), 0);

    r = f.run(people([&](QJsonObject &target) { target[u"caFile"_s] = cert; }));
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.created, 7);
    QCOMPARE(f.scim().list(u"Users"_s).size(), 7);
}

void TestInterop::lostCreateAnswerIsLookedUpNotRepeated_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::newRow("lenient") << QStringList();
    QTest::newRow("strict") << QStringList{u"--strict"_s};
    // Says nothing of itself: filters are not assumed, so the lost ones are found by listing again.
    QTest::newRow("no discovery documents") << QStringList{u"--no-discovery"_s};
}

// Enough users for one listing to be cheaper than a lookup each: matching goes by the listing. A create the
// service carried out but whose answer was lost (a proxy's 502) is not in that listing; it is looked up again
// at the service (by filter, or in a new listing where there are no filters), adopted, never created twice.
void TestInterop::lostCreateAnswerIsLookedUpNotRepeated()
{
    QFETCH(QStringList, options);
    constexpr int Users = 250; // two pages' worth makes one listing cheaper than a lookup each
    constexpr int Lost = 4;
    QString error;
    QVERIFY2(f.startScim(&error, options), qPrintable(error));
    QVERIFY2(f.startDirectoryWith(f.generateDirectory(Users, 0), &error), qPrintable(error));
    f.scim().addFault({{u"status"_s, 502},
                       {u"afterProcessing"_s, true},
                       {u"every"_s, 50},
                       {u"count"_s, Lost},
                       {u"methods"_s, QJsonArray{u"POST"_s}}});
    const Configuration config = SyncFixture::config(
        f.configJson(u"example.com"_s, {{u"organizationalUnits"_s, QJsonArray{SyncFixture::BaseDn}}}));
    const RunRecord r = f.run(config);
    QCOMPARE(f.scim().stats()[u"faulted"_s].toInt(), Lost);
    const int gets = f.scim().stats()[u"requests"_s][u"GET"_s].toInt();
    QVERIFY2(gets < 50, qPrintable(u"%1 GETs: a lookup for each user instead of one listing"_s.arg(gets)));
    QCOMPARE(resultsWith(f.lastResults(), u"match"_s, u"success"_s, u"externalId"_s), Lost);
    QCOMPARE(resultsWith(f.lastResults(), u"create"_s, u"failed"_s), 0);
    // Only users the strict service cannot take (no email) fail, each once; none is in the cloud twice.
    QCOMPARE(r.users.failed, resultsWith(f.lastResults(), u"map"_s, u"failed"_s, u"emails"_s));
    if (!options.contains(u"--strict"_s))
        QCOMPARE(r.users.failed, 0);
    QCOMPARE(r.users.created + r.users.unchanged, Users - r.users.failed);
    QCOMPARE(f.scim().list(u"Users"_s).size(), Users - r.users.failed);

    f.scim().resetStats();
    const RunRecord again = f.run(config);
    QCOMPARE(again.users.created, 0);
    QCOMPARE(again.users.unchanged, Users - r.users.failed);
    QCOMPARE(f.scim().writes(), 0);
}

void TestInterop::independentImplementation()
{
    start({}, true, u"scim-independent"_s);
    RunRecord r = f.run(people());
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.created, 7);
    QCOMPARE(r.groups.created, 2);
    const QJsonObject jose = user(u"jose.muller@example.com"_s);
    QCOMPARE(jose[u"title"_s].toString(), u"Engineering Manager"_s);
    QCOMPARE(jose[Enterprise][u"employeeNumber"_s].toString(), u"1001"_s);
    QCOMPARE(user(u"li.lei@example.com"_s)[Enterprise][u"manager"_s][u"value"_s].toString(),
             jose[u"id"_s].toString());
    // Its groups take users only (its schema says so): All Staff holds the Engineers' users.
    QCOMPARE(memberIds(group(u"All Staff"_s)).size(), 5);
    QVERIFY(memberIds(group(u"All Staff"_s)).contains(jose[u"id"_s].toString()));

    r = f.run(people(), {.trigger = u"manual"_s, .full = true});
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.unchanged, 7);
    QCOMPARE(r.users.updated + r.groups.updated, 0);

    // A change, a leaver: one update, a removal from the groups, a delete.
    modify(u"dn: %1\nchangetype: modify\nreplace: title\ntitle: Principal Engineer\n\n"
           u"dn: %2\nchangetype: delete\n"_s.arg(userDn(u"jose.muller"_s, u"Engineering"_s),
                                                 userDn(u"ada.lovelace"_s, u"Engineering"_s)));
    const QString ada = id(u"ada.lovelace@example.com"_s);
    r = f.run(people());
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.updated, 1);
    QCOMPARE(r.users.deleted, 1);
    QCOMPARE(user(u"jose.muller@example.com"_s)[u"title"_s].toString(), u"Principal Engineer"_s);
    QVERIFY(user(u"ada.lovelace@example.com"_s).isEmpty());
    QVERIFY(!memberIds(group(u"Engineers"_s)).contains(ada));
}

QTEST_GUILESS_MAIN(TestInterop)
#include "tst_interop.moc"
