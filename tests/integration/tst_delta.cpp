// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Reading only what changed, against a real slapd (RFC 4533 refreshOnly with syncprov's session log): each
// kind of change is read from the change feed alone, written to the cloud, and then a full read of the same
// directory finds nothing left to do: the delta read made the plan a full read would have made.
#include "syncfixture.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

const QString Engineering = u"ou=Engineering,ou=People,dc=example,dc=com"_s;
const QString Sales = u"ou=Sales,ou=People,dc=example,dc=com"_s;
const QString Contractors = u"ou=Contractors,dc=example,dc=com"_s;

QString user(const QString &uid, const QString &ou)
{
    return u"uid=%1,%2"_s.arg(uid, ou);
}

struct Counts {
    int created = 0;
    int updated = 0;
    int deleted = 0;
};

} // namespace

Q_DECLARE_METATYPE(Counts)

class TestDelta : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void changeIsReadAlone_data();
    void changeIsReadAlone();
    void overtakenFeedFallsBackToAFullRead();

private:
    // The "read" result of the last run: what it read, and why.
    QString readResult() const
    {
        for (const RunResult &r : f.lastResults())
            if (r.action == u"read"_s)
                return r.message;
        return {};
    }

    SyncFixture f;
};

void TestDelta::initTestCase()
{
    QString error;
    QVERIFY2(f.startScim(&error), qPrintable(error));
}

void TestDelta::cleanup()
{
    f.stopDirectory();
}

void TestDelta::changeIsReadAlone_data()
{
    QTest::addColumn<QJsonObject>("scope");
    QTest::addColumn<QString>("ldif");
    QTest::addColumn<Counts>("users");
    QTest::addColumn<Counts>("groups");

    const QJsonObject people{{u"organizationalUnits"_s, QJsonArray{u"ou=People,dc=example,dc=com"_s}}};
    // VPN Users holds grace.hopper and, nested, the Engineers (jose.muller, li.lei, ada.lovelace).
    const QJsonObject vpn{{u"groups"_s, QJsonArray{u"cn=VPN Users,ou=Groups,dc=example,dc=com"_s}}};
    const QString engineers = u"cn=Engineers,"_s + Engineering;
    const QString allStaff = u"cn=All Staff,ou=People,dc=example,dc=com"_s;

    QTest::newRow("changed attribute")
        << people
        << u"dn: %1\nchangetype: modify\nreplace: title\ntitle: Staff Engineer\n"_s.arg(
               user(u"li.lei"_s, Engineering))
        << Counts{0, 1, 0} << Counts{};
    QTest::newRow("user added") << people
                                << u"dn: %1\nchangetype: add\nobjectClass: inetOrgPerson\nuid: nina.petrova\n"
                                   u"cn: Nina Petrova\nsn: Petrova\nmail: nina.petrova@example.com\n"_s.arg(
                                       user(u"nina.petrova"_s, Sales))
                                << Counts{1, 0, 0} << Counts{};
    // frank.ng is in no group.
    QTest::newRow("user deleted") << people
                                  << u"dn: %1\nchangetype: delete\n"_s.arg(user(u"frank.ng"_s, Sales))
                                  << Counts{0, 0, 1} << Counts{};
    // bob.smith is a member of All Staff, whose member list then names an entry out of scope.
    QTest::newRow("moved out of the scoped OU")
        << people
        << u"dn: %1\nchangetype: modrdn\nnewrdn: uid=bob.smith\ndeleteoldrdn: 1\nnewsuperior: %2\n"_s.arg(
               user(u"bob.smith"_s, Sales), Contractors)
        << Counts{0, 0, 1} << Counts{0, 1, 0};
    QTest::newRow("moved into the scoped OU")
        << people
        << u"dn: %1\nchangetype: modrdn\nnewrdn: uid=dan.brown\ndeleteoldrdn: 1\nnewsuperior: %2\n"_s.arg(
               user(u"dan.brown"_s, Contractors), Sales)
        << Counts{1, 0, 0} << Counts{};
    // A move that changes nothing in the cloud; the member added next names the new DN.
    QTest::newRow("moved within the scope, then made a member")
        << people
        << u"dn: %1\nchangetype: modrdn\nnewrdn: uid=eve.adams\ndeleteoldrdn: 1\nnewsuperior: %2\n\n"
           u"dn: %3\nchangetype: modify\nadd: member\nmember: %4\n"_s.arg(
               user(u"eve.adams"_s, Sales), Engineering, engineers, user(u"eve.adams"_s, Engineering))
        << Counts{} << Counts{0, 1, 0};
    QTest::newRow("group member added") << people
                                        << u"dn: %1\nchangetype: modify\nadd: member\nmember: %2\n"_s.arg(
                                               engineers, user(u"frank.ng"_s, Sales))
                                        << Counts{} << Counts{0, 1, 0};
    QTest::newRow("group member removed")
        << people
        << u"dn: %1\nchangetype: modify\ndelete: member\nmember: %2\n"_s.arg(allStaff,
                                                                             user(u"carol.jones"_s, Sales))
        << Counts{} << Counts{0, 1, 0};
    QTest::newRow("joined the scoping group")
        << vpn
        << u"dn: cn=VPN Users,ou=Groups,dc=example,dc=com\nchangetype: modify\nadd: member\nmember: %1\n"_s
               .arg(user(u"bob.smith"_s, Sales))
        << Counts{1, 0, 0} << Counts{0, 1, 0};
    // grace.hopper is ada.lovelace's manager: ada, unchanged in the directory, loses her manager.
    QTest::newRow("left the scoping group")
        << vpn
        << u"dn: cn=VPN Users,ou=Groups,dc=example,dc=com\nchangetype: modify\ndelete: member\nmember: %1\n"_s
               .arg(user(u"grace.hopper"_s, Contractors))
        << Counts{0, 1, 1} << Counts{0, 1, 0};
    QTest::newRow("joined a group nested in the scoping group")
        << vpn
        << u"dn: %1\nchangetype: modify\nadd: member\nmember: %2\n"_s.arg(engineers,
                                                                          user(u"carol.jones"_s, Sales))
        << Counts{1, 0, 0} << Counts{0, 1, 0};
    QTest::newRow("changed attribute, group scope")
        << vpn
        << u"dn: %1\nchangetype: modify\nreplace: title\ntitle: Fellow\n"_s.arg(
               user(u"ada.lovelace"_s, Engineering))
        << Counts{0, 1, 0} << Counts{};
}

void TestDelta::changeIsReadAlone()
{
    QFETCH(QJsonObject, scope);
    QFETCH(QString, ldif);
    QFETCH(Counts, users);
    QFETCH(Counts, groups);
    QString error;
    QVERIFY2(f.startDirectory(&error), qPrintable(error));
    const Configuration config = SyncFixture::config(f.configJson(u"example.com"_s, scope));
    RunRecord r = f.run(config);
    QVERIFY2(r.status == u"success"_s, qPrintable(r.message));
    const qint64 fullRead = r.objectsRead;

    QVERIFY2(f.slapd().modify(ldif, &error), qPrintable(error));
    f.scim().resetStats();
    r = f.run(config);
    QVERIFY2(r.status == u"success"_s, qPrintable(r.message));
    QVERIFY2(readResult().startsWith(u"Only what changed"_s), qPrintable(readResult()));
    QCOMPARE(r.users.created, users.created);
    QCOMPARE(r.users.updated, users.updated);
    QCOMPARE(r.users.deleted, users.deleted);
    QCOMPARE(r.groups.created, groups.created);
    QCOMPARE(r.groups.updated, groups.updated);
    QCOMPARE(r.groups.deleted, groups.deleted);
    // The groups are read whole; of the users, only what changed.
    QVERIFY2(r.objectsRead < fullRead, qPrintable(u"%1 of %2"_s.arg(r.objectsRead).arg(fullRead)));

    // A full read of the same directory has nothing left to do.
    f.scim().resetStats();
    r = f.run(config, {.full = true});
    QVERIFY2(r.status == u"success"_s, qPrintable(r.message));
    QVERIFY2(readResult().contains(u"a full read was asked for"_s), qPrintable(readResult()));
    QCOMPARE(r.users.created + r.users.updated + r.users.deleted + r.users.failed, 0);
    QCOMPARE(r.groups.created + r.groups.updated + r.groups.deleted + r.groups.failed, 0);
    QCOMPARE(f.scim().writes(), 0);
}

// syncprov without its session log cannot list deletes: the run reads everything, says why, and the delete
// reaches the cloud.
void TestDelta::overtakenFeedFallsBackToAFullRead()
{
    QString error;
    QVERIFY2(f.startDirectory(&error, {u"--no-sessionlog"_s}), qPrintable(error));
    const Configuration config = SyncFixture::config(f.peopleJson());
    RunRecord r = f.run(config);
    QVERIFY2(r.status == u"success"_s, qPrintable(r.message));
    QVERIFY2(f.slapd().modify(u"dn: %1\nchangetype: delete\n"_s.arg(user(u"frank.ng"_s, Sales)), &error),
             qPrintable(error));
    r = f.run(config);
    QVERIFY2(r.status == u"success"_s, qPrintable(r.message));
    QCOMPARE(r.users.deleted, 1);
    QVERIFY2(readResult().startsWith(u"The whole scope was read: the change feed listed what is present"_s),
             qPrintable(readResult()));
}

QTEST_GUILESS_MAIN(TestDelta)
#include "tst_delta.moc"
