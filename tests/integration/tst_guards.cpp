// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// What protects the cloud directory: the delete threshold and its approvals, ownership between
// configurations, one run per configuration, recovery from lost links and from objects deleted in the cloud,
// and decommissioning.
#include "syncfixture.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

QJsonObject byUserName(const QJsonArray &users, const QString &userName)
{
    for (const QJsonValue &v : users)
        if (v[u"userName"_s].toString() == userName)
            return v.toObject();
    return {};
}

int cli(const QStringList &arguments, QByteArray *out = nullptr)
{
    QProcess p;
    p.start(QStringLiteral(UPDRAFT_CLI), arguments);
    if (!p.waitForFinished(120000))
        return -1;
    if (out)
        *out = p.readAllStandardOutput();
    return p.exitCode();
}

} // namespace

class TestGuards : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void deltaReadsAndDeletes_data();
    void deltaReadsAndDeletes();
    void deleteThresholdStagesAndWaitsForApproval();
    void anotherConfigurationsObjectsAreNeverAdopted();
    void managerInAnotherConfigurationIsReportedNotLinked();
    void objectsCarryTheirConfiguration();
    void twoDirectoriesIntoOneCloud();
    void secondRunOfOneConfigurationIsRefused();
    void objectsWithoutAnAnchorAreFailures();
    void longConfigurationNameRuns();
    void writesOfAKilledRunAreResolved();
    void lostLinksAreMatchedByExternalId();
    void groupDeletedInTheCloudIsCreatedAgain();
    void removedSubAttributeIsRemovedInTheCloud();
    void userDeletedAndAddedAgainInOneRun();
    void removeLeavesCloudObjects();
    void deprovisionDeletesOnlyItsOwnObjects();

private:
    void startFixture()
    {
        QString error;
        QVERIFY2(f.startDirectory(&error), qPrintable(error));
    }
    qint64 configurationId(const QString &name)
    {
        const auto c = f.store().configuration(name);
        return c ? c->id : 0;
    }

    SyncFixture f;
};

void TestGuards::initTestCase()
{
    QString error;
    QVERIFY2(f.startScim(&error), qPrintable(error));
}

void TestGuards::cleanup()
{
    f.stopDirectory();
}

void TestGuards::deltaReadsAndDeletes_data()
{
    QTest::addColumn<QStringList>("options"); // for tests/servers/slapd/start.sh
    QTest::addColumn<bool>("changeFeed");
    QTest::newRow("syncprov with its session log") << QStringList() << true;
    QTest::newRow("syncprov without a session log (present phase)")
        << QStringList{u"--no-sessionlog"_s} << true;
    QTest::newRow("no syncprov: full reads") << QStringList{u"--no-syncprov"_s} << false;
}

void TestGuards::deltaReadsAndDeletes()
{
    QFETCH(QStringList, options);
    QFETCH(bool, changeFeed);
    QString error;
    QVERIFY2(f.startDirectory(&error, options), qPrintable(error));
    const Configuration config = SyncFixture::config(f.peopleJson());
    RunRecord r = f.run(config);
    QCOMPARE(r.users.created, 7);
    QVERIFY(r.objectsRead >= 9);

    // Nothing changed: with a change feed nothing else is read.
    r = f.run(config);
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.unchanged, 7);
    QCOMPARE(r.groups.unchanged, 2);
    if (changeFeed)
        QCOMPARE(r.objectsRead, qint64(0));
    else
        QVERIFY(r.objectsRead >= 9);

    // A delete in the directory reaches the cloud on the next run, either way.
    QVERIFY2(f.slapd().modify(
                 u"dn: uid=frank.ng,ou=Sales,ou=People,dc=example,dc=com\nchangetype: delete\n"_s, &error),
             qPrintable(error));
    f.scim().resetStats();
    r = f.run(config);
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.deleted, 1);
    QCOMPARE(f.scim().writes(), 1);
    bool cause = false;
    for (const RunResult &result : f.resultsFor(u"uid=frank.ng,ou=Sales,ou=People,dc=example,dc=com"_s))
        cause |= result.action == u"delete"_s && result.message == u"deleted from the directory"_s;
    QVERIFY(cause);
    // And a forced full read finds nothing more to do.
    f.scim().resetStats();
    r = f.run(config, RunOptions{u"manual"_s, false, true});
    QVERIFY(r.objectsRead >= 8);
    QCOMPARE(f.scim().writes(), 0);
}

void TestGuards::deleteThresholdStagesAndWaitsForApproval()
{
    // 700 generated people, most under ou=People.
    const QString ldif = f.generateDirectory(700, 0);
    QVERIFY(!ldif.isEmpty());
    QString error;
    QVERIFY2(f.startDirectoryWith(ldif, &error), qPrintable(error));
    RunRecord r = f.run(SyncFixture::config(f.peopleJson()));
    QCOMPARE(r.status, u"success"_s);
    const int provisioned = r.users.created;
    QVERIFY(provisioned > 620);

    // 600 of them move to ou=Contractors, out of scope.
    QFile file(ldif);
    QVERIFY(file.open(QIODevice::ReadOnly));
    static const QRegularExpression personDn(u"^dn: (uid=([^,]+),ou=[^,]+,ou=People,dc=example,dc=com)$"_s,
                                             QRegularExpression::MultilineOption);
    QString moves;
    int moved = 0;
    for (auto it = personDn.globalMatch(QString::fromUtf8(file.readAll())); it.hasNext() && moved < 600;
         ++moved) {
        const auto m = it.next();
        moves += u"dn: %1\nchangetype: modrdn\nnewrdn: uid=%2\ndeleteoldrdn: 1\nnewsuperior: "
                 u"ou=Contractors,dc=example,"
                 u"dc=com\n\n"_s.arg(m.captured(1), m.captured(2));
    }
    QCOMPARE(moved, 600);
    QVERIFY2(f.slapd().modify(moves, &error), qPrintable(error));

    // Over the threshold of 500: nothing is written, the 600 deletes are staged with their cause.
    f.scim().resetStats();
    r = f.run(SyncFixture::config(f.peopleJson()));
    QCOMPARE(r.status, u"stopped"_s);
    QVERIFY2(r.message.contains(u"threshold"_s), qPrintable(r.message));
    QCOMPARE(f.scim().writes(), 0);
    const qint64 id = configurationId(u"example.com"_s);
    QList<StagedDelete> staged = f.store().stagedDeletes(id);
    QCOMPARE(staged.size(), 600);
    QVERIFY2(staged.first().cause.startsWith(u"moved out of scope, to uid="_s),
             qPrintable(staged.first().cause));
    QVERIFY(staged.first().cause.contains(u"ou=Contractors"_s));
    QCOMPARE(f.scim().users().size(), provisioned);

    // Approving 10 deletes exactly those 10; the others wait without stopping the run.
    QList<qint64> ten;
    for (int i = 0; i < 10; ++i)
        ten.append(staged[i].id);
    QCOMPARE(f.store().decideDeletes(id, ten, u"approved"_s), 10);
    f.scim().resetStats();
    r = f.run(SyncFixture::config(f.peopleJson()));
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.deleted, 10);
    QCOMPARE(f.scim().stats()[u"requests"_s][u"DELETE"_s].toInt(), 10);
    QVERIFY2(r.message.contains(u"590 deletes wait"_s), qPrintable(r.message));
    QCOMPARE(f.scim().users().size(), provisioned - 10);
    QSet<QString> left;
    for (const QJsonValue &u : f.scim().users())
        left.insert(u[u"id"_s].toString());
    for (int i = 0; i < 10; ++i) // exactly the approved ones went
        QVERIFY2(!left.contains(staged[i].cloudId), qPrintable(staged[i].dn));
    QVERIFY(left.contains(staged[10].cloudId));

    // Rejecting the rest (from the CLI) keeps them; they are not proposed again.
    QByteArray out;
    QCOMPARE(
        cli({u"deletes"_s, u"example.com"_s, u"--reject"_s, u"--all"_s, u"--state"_s, f.stateDir()}, &out),
        0);
    f.scim().resetStats();
    r = f.run(SyncFixture::config(f.peopleJson()));
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(f.scim().writes(), 0);
    QCOMPARE(f.scim().users().size(), provisioned - 10);
    QCOMPARE(cli({u"deletes"_s, u"example.com"_s, u"--json"_s, u"--state"_s, f.stateDir()}, &out), 0);
    const QJsonArray listed = QJsonDocument::fromJson(out).array();
    QCOMPARE(listed.size(), 590);
    QCOMPARE(listed.first()[u"decision"_s].toString(), u"rejected"_s);
}

void TestGuards::anotherConfigurationsObjectsAreNeverAdopted()
{
    startFixture();
    QCOMPARE(f.run(SyncFixture::config(f.peopleJson())).users.created, 7);
    // A second configuration over part of the same people: it must not take them over.
    const Configuration engineering = SyncFixture::config(f.configJson(
        u"engineering.example.com"_s,
        {{u"organizationalUnits"_s, QJsonArray{u"ou=Engineering,ou=People,dc=example,dc=com"_s}}}));
    RunRecord r = f.run(engineering);
    QCOMPARE(r.users.failed, 3);
    QCOMPARE(r.users.created, 0);
    bool explained = false;
    for (const RunResult &result : f.lastResults())
        explained |= result.message.contains(u"belongs to configuration \"example.com\""_s);
    QVERIFY(explained);
    // Its clean-up deletes nothing of the first configuration's.
    f.scim().resetStats();
    r = f.run(SyncFixture::config(f.configJson(u"engineering.example.com"_s, {})));
    QCOMPARE(f.scim().stats()[u"requests"_s][u"DELETE"_s].toInt(), 0);
    QCOMPARE(f.scim().users().size(), 7);
    QCOMPARE(f.run(SyncFixture::config(f.peopleJson())).users.unchanged, 7);
}

void TestGuards::managerInAnotherConfigurationIsReportedNotLinked()
{
    startFixture();
    // grace.hopper, ada's manager, belongs to another configuration (another domain), which provisions her
    // first.
    const Configuration contractors = SyncFixture::config(
        f.configJson(u"contractors.example.com"_s,
                     {{u"organizationalUnits"_s, QJsonArray{u"ou=Contractors,dc=example,dc=com"_s}}}));
    QCOMPARE(f.run(contractors).users.created, 2);
    QCOMPARE(f.run(SyncFixture::config(f.peopleJson())).users.created, 7);
    const QJsonObject ada = byUserName(f.scim().users(), u"ada.lovelace@example.com"_s);
    QVERIFY(!ada[u"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"_s].toObject().contains(
        u"manager"_s));
    bool reported = false;
    for (const RunResult &r : f.resultsFor(u"uid=ada.lovelace,ou=Engineering,ou=People,dc=example,dc=com"_s))
        reported |= r.message.contains(u"manager"_s) &&
                    r.message.contains(u"not provisioned by this configuration"_s);
    QVERIFY2(reported, "the manager in the other configuration is not reported on ada's result");
    // And neither configuration updates the other's objects.
    f.scim().resetStats();
    QCOMPARE(f.run(contractors).users.unchanged, 2);
    QCOMPARE(f.run(SyncFixture::config(f.peopleJson())).users.unchanged, 7);
    QCOMPARE(f.scim().writes(), 0);
}

// Two forests: a second slapd with a suffix of its own, both configurations into the one SCIM service.
void TestGuards::twoDirectoriesIntoOneCloud()
{
    startFixture();
    const QString ldif = f.path(u"partner.ldif"_s);
    {
        QFile file(ldif);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        const auto person = [](const QString &uid, const QString &name, const QString &manager) -> QString {
            QString entry = u"dn: uid=%1,ou=People,dc=partner,dc=org\nobjectClass: inetOrgPerson\nuid: %1\n"
                            u"cn: %2\nsn: %2\nmail: %1@partner.org\n"_s.arg(uid, name);
            if (!manager.isEmpty())
                entry += u"manager: %1\n"_s.arg(manager);
            return entry + u'\n';
        };
        const QString text =
            u"dn: ou=People,dc=partner,dc=org\nobjectClass: organizationalUnit\nou: People\n\n"_s +
            person(u"pia"_s, u"Pia"_s, {}) +
            person(u"quinn"_s, u"Quinn"_s, u"uid=pia,ou=People,dc=partner,dc=org"_s) +
            // A manager in the other forest: reported on raj's result, never linked.
            person(u"raj"_s, u"Raj"_s, u"uid=li.lei,ou=Engineering,ou=People,dc=example,dc=com"_s) +
            u"dn: cn=Partners,ou=People,dc=partner,dc=org\nobjectClass: groupOfNames\ncn: Partners\n"
            u"member: uid=pia,ou=People,dc=partner,dc=org\nmember: uid=quinn,ou=People,dc=partner,dc=org\n"
            u"member: uid=jose.muller,ou=Engineering,ou=People,dc=example,dc=com\n"_s;
        file.write(text.toUtf8());
    }
    TestServers::Slapd partner(f.path(u"partner-slapd"_s));
    QString error;
    QVERIFY2(partner.start(ldif, &error, {u"--suffix"_s, u"dc=partner,dc=org"_s}), qPrintable(error));
    qputenv("UPDRAFT_TEST_PARTNER_PASSWORD", partner.syncPassword().toUtf8());
    QJsonObject partnerJson = f.configJson(
        u"partner.org"_s, {{u"organizationalUnits"_s, QJsonArray{u"ou=People,dc=partner,dc=org"_s}}});
    partnerJson[u"source"_s] =
        QJsonObject{{u"type"_s, u"openldap"_s},
                    {u"url"_s, partner.url()},
                    {u"bindDn"_s, partner.syncDn()},
                    {u"bindPassword"_s, QJsonObject{{u"env"_s, u"UPDRAFT_TEST_PARTNER_PASSWORD"_s}}},
                    {u"baseDn"_s, u"dc=partner,dc=org"_s}};
    const Configuration partnerConfig = SyncFixture::config(partnerJson);
    const Configuration exampleConfig = SyncFixture::config(f.peopleJson());

    QCOMPARE(f.run(exampleConfig).users.created, 7);
    const RunRecord first = f.run(partnerConfig);
    QCOMPARE(first.users.created, 3);
    QCOMPARE(first.groups.created, 1);

    // References resolve within their own forest only.
    const QString enterprise = u"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"_s;
    const QJsonObject pia = byUserName(f.scim().users(), u"pia@partner.org"_s);
    const QJsonObject quinn = byUserName(f.scim().users(), u"quinn@partner.org"_s);
    const QJsonObject raj = byUserName(f.scim().users(), u"raj@partner.org"_s);
    QCOMPARE(quinn[enterprise][u"manager"_s][u"value"_s].toString(), pia[u"id"_s].toString());
    QVERIFY(!raj[enterprise].toObject().contains(u"manager"_s));
    bool reported = false;
    for (const RunResult &r : f.resultsFor(u"uid=raj,ou=People,dc=partner,dc=org"_s))
        reported |= r.message.contains(u"manager"_s) &&
                    r.message.contains(u"not provisioned by this configuration"_s);
    QVERIFY2(reported, "raj's manager in the other forest is not reported on raj's result");
    QJsonObject partners;
    for (const QJsonValue &g : f.scim().groups())
        if (g[u"displayName"_s].toString() == u"Partners"_s)
            partners = g.toObject();
    QStringList members;
    for (const QJsonValue &m : partners[u"members"_s].toArray())
        members.append(m[u"value"_s].toString());
    members.sort();
    QStringList expected{pia[u"id"_s].toString(), quinn[u"id"_s].toString()};
    expected.sort();
    QCOMPARE(members, expected); // jose.muller of the other forest is not made a member

    // Each object says whose it is; neither configuration writes to the other's objects.
    const QString mark = u"urn:ietf:params:scim:schemas:extension:updraft:2.0:User"_s;
    for (const QJsonValue &u : f.scim().users()) {
        const QString userName = u[u"userName"_s].toString();
        QCOMPARE(u[mark][u"configuration"_s].toString(),
                 userName.endsWith(u"@partner.org"_s) ? u"partner.org"_s : u"example.com"_s);
    }
    f.scim().resetStats();
    QCOMPARE(f.run(exampleConfig).users.unchanged, 7);
    QCOMPARE(f.run(partnerConfig).users.unchanged, 3);
    QCOMPARE(f.scim().writes(), 0);
    QVERIFY2(partner.modify(
                 u"dn: uid=pia,ou=People,dc=partner,dc=org\nchangetype: modify\nreplace: cn\ncn: Pia P\n"_s,
                 &error),
             qPrintable(error));
    QCOMPARE(f.run(exampleConfig).users.updated, 0);
    QCOMPARE(f.run(partnerConfig).users.updated, 1);
    QCOMPARE(f.scim().writes(), 1);
}

void TestGuards::objectsCarryTheirConfiguration()
{
    startFixture();
    QCOMPARE(f.run(SyncFixture::config(f.peopleJson())).status, u"success"_s);
    const QString userExt = u"urn:ietf:params:scim:schemas:extension:updraft:2.0:User"_s;
    const QString groupExt = u"urn:ietf:params:scim:schemas:extension:updraft:2.0:Group"_s;
    for (const QJsonValue &u : f.scim().users())
        QCOMPARE(u[userExt][u"configuration"_s].toString(), u"example.com"_s);
    for (const QJsonValue &g : f.scim().groups())
        QCOMPARE(g[groupExt][u"configuration"_s].toString(), u"example.com"_s);

    // Another installation (its own store) that meets these objects leaves them alone: the mark says whose
    // they are.
    StateStore other(f.path(u"other-installation/updraft.sqlite"_s));
    QString error;
    QVERIFY2(other.open(&error), qPrintable(error));
    SyncRunner runner(SyncFixture::config(f.configJson(
                          u"copy.example.com"_s, {{u"organizationalUnits"_s,
                                                   QJsonArray{u"ou=Sales,ou=People,dc=example,dc=com"_s}}})),
                      other);
    QSignalSpy done(&runner, &SyncRunner::finished);
    f.scim().resetStats();
    runner.start();
    QVERIFY(!done.isEmpty() || done.wait(60000));
    QCOMPARE(runner.record().users.failed, 4);
    QCOMPARE(runner.record().users.created, 0);
    QCOMPARE(f.scim().writes(), 0);
    bool explained = false;
    for (const RunResult &r : runner.results())
        explained |= r.message.contains(u"belongs to configuration \"example.com\""_s);
    QVERIFY(explained);
}

void TestGuards::secondRunOfOneConfigurationIsRefused()
{
    startFixture();
    const Configuration config = SyncFixture::config(f.peopleJson());
    SyncRunner first(config, f.store());
    QSignalSpy firstDone(&first, &SyncRunner::finished);
    first.start(); // reads, then exports asynchronously: it holds the configuration
    QVERIFY(firstDone.isEmpty());
    const RunRecord second = f.run(config);
    QCOMPARE(second.status, u"failed"_s);
    QVERIFY2(second.message.contains(u"Another run of example.com is in progress"_s),
             qPrintable(second.message));
    QVERIFY(firstDone.wait(60000));
    QCOMPARE(first.record().status, u"success"_s);
    QCOMPARE(f.scim().users().size(), 7);
    QCOMPARE(f.scim().groups().size(), 2);
    QCOMPARE(f.run(config).status, u"success"_s); // and the lock is free again
}

void TestGuards::objectsWithoutAnAnchorAreFailures()
{
    startFixture();
    // Another attribute as the anchor: every person has an employeeNumber, no group has one.
    QJsonObject json = f.peopleJson();
    QJsonObject source = json[u"source"_s].toObject();
    source[u"anchorAttribute"_s] = u"employeeNumber"_s;
    json[u"source"_s] = source;
    const Configuration config = SyncFixture::config(json);
    RunRecord r = f.run(config);
    QCOMPARE(r.users.created, 7);
    QCOMPARE(r.groups.failed, 2);
    QCOMPARE(r.status, u"warning"_s); // never a success with objects left out
    QVERIFY2(r.message.contains(u"2 objects could not be provisioned"_s), qPrintable(r.message));
    const QList<RunResult> staff = f.resultsFor(u"cn=All Staff,ou=People,dc=example,dc=com"_s);
    QVERIFY(!staff.isEmpty());
    QCOMPARE(staff.first().action, u"anchor"_s);
    QCOMPARE(staff.first().outcome, u"failed"_s);
    QVERIFY2(staff.first().message.contains(u"has no employeeNumber, the anchor attribute"_s),
             qPrintable(staff.first().message));
    // The cloud user of someone whose anchor can no longer be read stays: a failure, not a leave.
    const QString frank = u"uid=frank.ng,ou=Sales,ou=People,dc=example,dc=com"_s;
    QString error;
    QVERIFY2(f.slapd().modify(u"dn: %1\nchangetype: modify\ndelete: employeeNumber\n"_s.arg(frank), &error),
             qPrintable(error));
    r = f.run(config, RunOptions{u"manual"_s, false, true});
    QCOMPARE(r.users.failed, 1);
    QCOMPARE(r.users.deleted, 0);
    QCOMPARE(r.groups.failed, 2);
    QCOMPARE(f.scim().users().size(), 7);
    QVERIFY(f.resultsFor(frank).first().message.contains(u"has no employeeNumber"_s));
    // The anchor is fixed once objects are linked by it: going back to entryUUID is refused, with nothing
    // read or written.
    source.remove(u"anchorAttribute"_s);
    json[u"source"_s] = source;
    f.scim().resetStats();
    r = f.run(SyncFixture::config(json));
    QCOMPARE(r.status, u"failed"_s);
    QVERIFY2(
        r.message.contains(u"The anchor attribute is now entryUUID, but the 7 objects provisioned so far "
                           u"are tied to their cloud objects by employeeNumber"_s),
        qPrintable(r.message));
    QCOMPARE(f.scim().writes(), 0);
    // The stored configuration is still the one with employeeNumber: the refusal holds on the next try.
    QCOMPARE(f.run(SyncFixture::config(json)).status, u"failed"_s);
    QCOMPARE(f.run(config).status, u"warning"_s);
}

// What a run killed between sending writes and recording them leaves (its write-ahead intents, and the cloud
// as it changed it), made here step by step: the next run resolves each against the cloud.
void TestGuards::writesOfAKilledRunAreResolved()
{
    startFixture();
    const Configuration config = SyncFixture::config(f.peopleJson());
    QCOMPARE(f.run(config).users.created, 7);
    const qint64 id = configurationId(u"example.com"_s);
    const QHash<QString, Link> links = f.store().links(id);
    const QString frank = u"uid=frank.ng,ou=Sales,ou=People,dc=example,dc=com"_s;
    const QString carol = u"uid=carol.jones,ou=Sales,ou=People,dc=example,dc=com"_s;
    Link carolLink, allStaff;
    for (const Link &l : links) {
        carolLink = l.dn.compare(carol, Qt::CaseInsensitive) == 0 ? l : carolLink;
        allStaff = l.displayName == u"All Staff"_s ? l : allStaff;
    }
    QVERIFY(!carolLink.cloudId.isEmpty() && !allStaff.cloudId.isEmpty());

    // 1. A create sent, not recorded: the cloud has the user, the store only the intent; then the user left
    //    the directory. Nothing else knows the cloud user: without the intent it would stay for good.
    const QString orphanAnchor = f.entryUuidImmutableId(frank);
    QVERIFY(f.scim().remove(u"Users/"_s + links.value(orphanAnchor).cloudId) == 204);
    QVERIFY(f.store().removeLink(id, orphanAnchor));
    int status = 0;
    const QJsonObject orphan = f.scim().post(
        u"Users"_s,
        {{u"schemas"_s, QJsonArray{u"urn:ietf:params:scim:schemas:core:2.0:User"_s}},
         {u"userName"_s, u"frank.ng@example.com"_s},
         {u"emails"_s,
          QJsonArray{QJsonObject{{u"value"_s, u"frank.ng@example.com"_s}, {u"type"_s, u"work"_s}}}},
         {u"externalId"_s, orphanAnchor}},
        &status);
    QCOMPARE(status, 201);
    QString error;
    QVERIFY2(f.slapd().modify(u"dn: %1\nchangetype: delete\n"_s.arg(frank), &error), qPrintable(error));
    // 2. An update sent, not recorded, then reverted in the directory: carol's title is "Sales Lead" in the
    //    directory and on record, "Reverted-Away" in the cloud.
    QCOMPARE(f.scim().patch(u"Users/"_s + carolLink.cloudId, {QJsonObject{{u"op"_s, u"replace"_s},
                                                                          {u"path"_s, u"title"_s},
                                                                          {u"value"_s, u"Reverted-Away"_s}}}),
             200);
    // 3. A member added to a group, not recorded, whom the directory does not list.
    QCOMPARE(
        f.scim().patch(u"Groups/"_s + allStaff.cloudId,
                       {QJsonObject{{u"op"_s, u"add"_s},
                                    {u"path"_s, u"members"_s},
                                    {u"value"_s, QJsonArray{QJsonObject{{u"value"_s, orphan[u"id"_s]}}}}}}),
        200);
    // 4. An update sent, not recorded, then the attributes removed in the directory: li.lei's title was
    //    changed in the cloud, then her title and manager deleted. What the directory no longer has must go
    //    from the cloud too (the reliability campaign found both kept for good).
    const QString li = u"uid=li.lei,ou=Engineering,ou=People,dc=example,dc=com"_s;
    const QString liAnchor = f.entryUuidImmutableId(li);
    QCOMPARE(f.scim().patch(
                 u"Users/"_s + links.value(liAnchor).cloudId,
                 {QJsonObject{{u"op"_s, u"replace"_s}, {u"path"_s, u"title"_s}, {u"value"_s, u"Interim"_s}}}),
             200);
    QVERIFY2(f.slapd().modify(u"dn: %1\nchangetype: modify\ndelete: title\n-\ndelete: manager\n"_s.arg(li),
                              &error),
             qPrintable(error));
    const qint64 killedRun = f.store().runs(u"example.com"_s, 1).value(0).id;
    QVERIFY(
        f.store().recordIntents(id, {{u"user"_s, orphanAnchor, u"create"_s, frank, killedRun},
                                     {u"user"_s, carolLink.anchor, u"update"_s, carol, killedRun},
                                     {u"user"_s, liAnchor, u"update"_s, li, killedRun},
                                     {u"group"_s, allStaff.anchor, u"members"_s, allStaff.dn, killedRun}}));

    const RunRecord r = f.run(config);
    QVERIFY2(r.status == u"success"_s, qPrintable(r.message));
    QCOMPARE(f.scim().users().size(), 6);
    QVERIFY(byUserName(f.scim().users(), u"frank.ng@example.com"_s).isEmpty());
    bool explained = false;
    for (const RunResult &result : f.resultsFor(frank))
        explained |=
            result.action == u"delete"_s && result.message.contains(u"created by an interrupted run"_s);
    QVERIFY(explained);
    QCOMPARE(byUserName(f.scim().users(), u"carol.jones@example.com"_s)[u"title"_s].toString(),
             u"Sales Lead"_s);
    const QJsonObject liCloud = byUserName(f.scim().users(), u"li.lei@example.com"_s);
    QVERIFY2(!liCloud.contains(u"title"_s), QJsonDocument(liCloud).toJson().constData());
    QVERIFY2(!liCloud[u"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"_s].toObject().contains(
                 u"manager"_s),
             QJsonDocument(liCloud).toJson().constData());
    for (const QJsonValue &g : f.scim().groups())
        if (g[u"id"_s].toString() == allStaff.cloudId)
            for (const QJsonValue &m : g[u"members"_s].toArray())
                QVERIFY(m[u"value"_s].toString() != orphan[u"id"_s].toString());
    QVERIFY(f.store().intents(id).isEmpty());
    // Converged: nothing more to write.
    f.scim().resetStats();
    QCOMPARE(f.run(config, RunOptions{u"manual"_s, false, true}).status, u"success"_s);
    QCOMPARE(f.scim().writes(), 0);
}

// A configuration name makes no file name: its lock is named by a digest.
void TestGuards::longConfigurationNameRuns()
{
    startFixture();
    const QString name = QString(126, u'n') + u".example.com"_s;
    const RunRecord r = f.run(SyncFixture::config(
        f.configJson(name, {{u"organizationalUnits"_s, QJsonArray{u"ou=People,dc=example,dc=com"_s}}})));
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.created, 7);
}

void TestGuards::lostLinksAreMatchedByExternalId()
{
    startFixture();
    QJsonObject json = f.peopleJson();
    QJsonObject target = json[u"target"_s].toObject();
    target[u"softMatch"_s] = false; // only externalId may match
    json[u"target"_s] = target;
    const Configuration config = SyncFixture::config(json);
    QCOMPARE(f.run(config).status, u"success"_s);
    const QJsonArray before = f.scim().users();

    // A run killed before it recorded its links: every link is lost, some anchors hold '+' or '/'.
    const qint64 id = configurationId(u"example.com"_s);
    const QHash<QString, Link> links = f.store().links(id);
    bool special = false;
    for (const Link &link : links) {
        special |= link.anchor.contains(u'+') || link.anchor.contains(u'/');
        QVERIFY(f.store().removeLink(id, link.anchor));
    }
    f.scim().resetStats();
    const RunRecord r = f.run(config);
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.failed + r.groups.failed, 0);
    QCOMPARE(f.scim().stats()[u"requests"_s][u"POST"_s].toInt(), 0); // nothing created twice
    QCOMPARE(f.scim().stats()[u"requests"_s][u"DELETE"_s].toInt(), 0);
    QCOMPARE(f.scim().users().size(), 7);
    QCOMPARE(f.scim().groups().size(), 2);
    // References survived: li.lei's manager is still jose.
    const QJsonObject li = byUserName(f.scim().users(), u"li.lei@example.com"_s);
    QCOMPARE(li[u"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"_s][u"manager"_s][u"value"_s]
                 .toString(),
             byUserName(before, u"jose.muller@example.com"_s)[u"id"_s].toString());
    if (!special)
        qInfo("no anchor with '+' or '/' in this directory: the encoding case was not exercised");
}

void TestGuards::groupDeletedInTheCloudIsCreatedAgain()
{
    startFixture();
    QCOMPARE(f.run(SyncFixture::config(f.peopleJson())).status, u"success"_s);
    QString engineersId;
    for (const QJsonValue &g : f.scim().groups())
        if (g[u"displayName"_s].toString() == u"Engineers"_s)
            engineersId = g[u"id"_s].toString();
    QCOMPARE(f.scim().remove(u"Groups/"_s + engineersId), 204);
    QString error;
    QVERIFY2(f.slapd().modify(
                 u"dn: cn=Engineers,ou=Engineering,ou=People,dc=example,dc=com\nchangetype: modify\n"
                 u"delete: member\nmember: uid=ada.lovelace,ou=Engineering,ou=People,dc=example,dc=com\n"_s,
                 &error),
             qPrintable(error));
    RunRecord r = f.run(SyncFixture::config(f.peopleJson()));
    QCOMPARE(r.status, u"warning"_s); // one object failed; the cloud itself is fine
    QCOMPARE(r.groups.failed, 1);
    r = f.run(SyncFixture::config(f.peopleJson()));
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.groups.created, 1);
    QCOMPARE(f.scim().groups().size(), 2);
}

void TestGuards::removedSubAttributeIsRemovedInTheCloud()
{
    startFixture();
    QCOMPARE(f.run(SyncFixture::config(f.peopleJson())).status, u"success"_s);
    QString error;
    QVERIFY2(f.slapd().modify(u"dn: uid=bob.smith,ou=Sales,ou=People,dc=example,dc=com\nchangetype: modify\n"
                              u"delete: givenName\n"_s,
                              &error),
             qPrintable(error));
    const RunRecord r = f.run(SyncFixture::config(f.peopleJson()));
    QCOMPARE(r.users.updated, 1);
    const QJsonObject bob = byUserName(f.scim().users(), u"bob.smith@example.com"_s);
    QVERIFY2(!bob[u"name"_s].toObject().contains(u"givenName"_s), QJsonDocument(bob).toJson().constData());
    QCOMPARE(bob[u"name"_s][u"familyName"_s].toString(), u"Smith"_s);
    QCOMPARE(f.run(SyncFixture::config(f.peopleJson())).users.unchanged, 7);
}

// A user deleted and added again under the same uid before a run (a new entry, so a new anchor) keeps its
// userName: the leaver is deleted first, then the newcomer created, in the same run (the reliability campaign
// found the create refused, and the run failed, until a second run).
void TestGuards::userDeletedAndAddedAgainInOneRun()
{
    startFixture();
    const Configuration config = SyncFixture::config(f.peopleJson());
    QCOMPARE(f.run(config).status, u"success"_s);
    const QString oldId = byUserName(f.scim().users(), u"carol.jones@example.com"_s)[u"id"_s].toString();
    const QString carol = u"uid=carol.jones,ou=Sales,ou=People,dc=example,dc=com"_s;
    // No referential integrity here: All Staff keeps Carol's DN, so the returned Carol is its member again.
    QString error;
    QVERIFY2(f.slapd().modify(
                 u"dn: %1\nchangetype: delete\n\n"
                 u"dn: %1\nchangetype: add\nobjectClass: inetOrgPerson\nuid: carol.jones\n"
                 u"cn: Carol Jones\nsn: Jones\nmail: carol.jones@example.com\ntitle: Returned\n"_s.arg(carol),
                 &error),
             qPrintable(error));
    const RunRecord r = f.run(config);
    QVERIFY2(r.status == u"success"_s, qPrintable(r.message));
    QCOMPARE(r.users.created, 1);
    QCOMPARE(r.users.deleted, 1);
    QCOMPARE(r.users.failed + r.groups.failed, 0);
    const QJsonObject returned = byUserName(f.scim().users(), u"carol.jones@example.com"_s);
    QCOMPARE(returned[u"title"_s].toString(), u"Returned"_s);
    QVERIFY(returned[u"id"_s].toString() != oldId);
    QCOMPARE(f.scim().users().size(), 7);
    QStringList members;
    for (const QJsonValue &g : f.scim().groups())
        if (g[u"displayName"_s].toString() == u"All Staff"_s)
            for (const QJsonValue &m : g[u"members"_s].toArray())
                members.append(m[u"value"_s].toString());
    QVERIFY(members.contains(returned[u"id"_s].toString()));
    QVERIFY(!members.contains(oldId));
    f.scim().resetStats();
    QCOMPARE(f.run(config).status, u"success"_s);
    QCOMPARE(f.scim().writes(), 0);
}

void TestGuards::removeLeavesCloudObjects()
{
    startFixture();
    QCOMPARE(f.run(SyncFixture::config(f.peopleJson())).status, u"success"_s);
    QByteArray out;
    QCOMPARE(cli({u"remove"_s, u"example.com"_s, u"--state"_s, f.stateDir()}, &out), 0);
    QVERIFY(!f.store().configuration(u"example.com"_s));
    QCOMPARE(f.scim().users().size(), 7);
    QCOMPARE(f.scim().groups().size(), 2);
}

void TestGuards::deprovisionDeletesOnlyItsOwnObjects()
{
    startFixture();
    QCOMPARE(f.run(SyncFixture::config(f.peopleJson())).users.created, 7);
    const Configuration contractors = SyncFixture::config(
        f.configJson(u"contractors.example.com"_s,
                     {{u"organizationalUnits"_s, QJsonArray{u"ou=Contractors,dc=example,dc=com"_s}}}));
    QCOMPARE(f.run(contractors).users.created, 2);
    QByteArray out;
    QCOMPARE(cli({u"remove"_s, u"example.com"_s, u"--deprovision"_s, u"--state"_s, f.stateDir()}, &out), 0);
    QVERIFY2(out.contains("none left"), out.constData());
    QVERIFY(!f.store().configuration(u"example.com"_s));
    QCOMPARE(f.scim().users().size(), 2); // the contractors' objects stay
    QCOMPARE(f.scim().groups().size(), 0);
    QCOMPARE(f.run(contractors).users.unchanged, 2);
}

QTEST_GUILESS_MAIN(TestGuards)
#include "tst_guards.moc"
