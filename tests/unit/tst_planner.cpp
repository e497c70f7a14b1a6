// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/resource.h"
#include "sync/planner.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

QJsonObject objectFrom(const QString &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    Q_ASSERT_X(doc.isObject(), "objectFrom", qPrintable(json + u": "_s + error.errorString()));
    return doc.object();
}

Link linkOf(const QString &kind, const QString &anchor, const QString &dn)
{
    Link l;
    l.kind = kind;
    l.anchor = anchor;
    l.cloudId = u"cloud-"_s + anchor;
    l.dn = dn;
    l.displayName = dn.section(u',', 0, 0).mid(3);
    l.origin = u"created"_s;
    return l;
}

} // namespace

class TestPlanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plan_data();
    void plan();
    void planDeletes_data();
    void planDeletes();
    void digest_data();
    void digest();
    void digestIgnoresInsertionOrder();
    void planMembers_data();
    void planMembers();
    void managedPart();
    void names();
};

void TestPlanner::plan_data()
{
    QTest::addColumn<bool>("linked");
    QTest::addColumn<QString>("exported"); // JSON, the link's last export
    QTest::addColumn<bool>("staleDigest"); // the stored digest does not match `exported`
    QTest::addColumn<QString>("desired");  // JSON
    QTest::addColumn<int>("action");
    QTest::addColumn<QStringList>("changed");
    QTest::addColumn<int>("operations");

    const QString base = uR"({"userName": "j", "displayName": "J", "active": true})"_s;
    const int create = int(PlannedAction::Create);
    const int update = int(PlannedAction::Update);
    const int unchanged = int(PlannedAction::Unchanged);

    QTest::newRow("unlinked is created")
        << false << QString() << false << base << create << QStringList() << 0;
    QTest::newRow("same digest is unchanged")
        << true << base << false << base << unchanged << QStringList() << 0;
    QTest::newRow("changed value is updated")
        << true << base << false << uR"({"userName": "j", "displayName": "K", "active": true})"_s << update
        << QStringList{u"displayName"_s} << 1;
    QTest::newRow("two changes") << true << base << false << uR"({"userName": "k", "displayName": "J"})"_s
                                 << update << QStringList{u"active"_s, u"userName"_s} << 2;
    QTest::newRow("stale digest, same content")
        << true << base << true << base << unchanged << QStringList() << 0;
    QTest::newRow("key order does not matter")
        << true << base << false << uR"({"active": true, "displayName": "J", "userName": "j"})"_s << unchanged
        << QStringList() << 0;
}

void TestPlanner::plan()
{
    QFETCH(bool, linked);
    QFETCH(QString, exported);
    QFETCH(bool, staleDigest);
    QFETCH(QString, desired);
    QFETCH(int, action);
    QFETCH(QStringList, changed);
    QFETCH(int, operations);

    DesiredObject d;
    d.kind = ObjectKind::User;
    d.anchor = u"A1"_s;
    d.dn = u"cn=j,dc=example"_s;
    d.displayName = u"J"_s;
    d.resource = objectFrom(desired);

    Link link = linkOf(u"user"_s, d.anchor, d.dn);
    if (linked) {
        link.exported = objectFrom(exported);
        link.digest = staleDigest ? QByteArray("0000") : Planner::digest(link.exported);
    }
    const PlannedChange c = Planner::plan(d, linked ? &link : nullptr);
    QCOMPARE(int(c.action), action);
    QCOMPARE(c.anchor, d.anchor);
    QCOMPARE(c.dn, d.dn);
    QCOMPARE(c.resource.object(), d.resource.object());
    QCOMPARE(c.cloudId, linked ? link.cloudId : QString());
    QCOMPARE(c.changed, changed);
    QCOMPARE(c.changed.isEmpty() ? 0 : int(Resource::changes(link.exported, d.resource).size()), operations);
}

void TestPlanner::planDeletes_data()
{
    QTest::addColumn<QStringList>("desired"); // anchors in scope
    QTest::addColumn<QStringList>("linked");  // "kind:anchor" links of this configuration
    QTest::addColumn<QStringList>("deleted"); // "kind:anchor", groups before users

    const QStringList all{u"user:U1"_s, u"user:U2"_s, u"group:G1"_s};
    QTest::newRow("everything desired") << QStringList{u"U1"_s, u"U2"_s, u"G1"_s} << all << QStringList();
    QTest::newRow("no links, nothing to delete") << QStringList() << QStringList() << QStringList();
    QTest::newRow("linked and desired") << QStringList{u"U1"_s} << QStringList{u"user:U1"_s} << QStringList();
    QTest::newRow("one user left scope") << QStringList{u"U1"_s, u"G1"_s} << all << QStringList{u"user:U2"_s};
    QTest::newRow("group left scope") << QStringList{u"U1"_s, u"U2"_s} << all << QStringList{u"group:G1"_s};
    QTest::newRow("empty scope cleans up")
        << QStringList() << all << QStringList{u"group:G1"_s, u"user:U1"_s, u"user:U2"_s};
    // Anchors that are desired but were never linked (other configurations' objects, cloud-only objects) do
    // not turn into deletes.
    QTest::newRow("desired but unlinked")
        << QStringList{u"X9"_s, u"U1"_s, u"U2"_s, u"G1"_s} << all << QStringList();
}

void TestPlanner::planDeletes()
{
    QFETCH(QStringList, desired);
    QFETCH(QStringList, linked);
    QFETCH(QStringList, deleted);

    QHash<QString, Link> links;
    for (const QString &l : linked) {
        const QString kind = l.section(u':', 0, 0);
        const QString anchor = l.section(u':', 1);
        links.insert(anchor, linkOf(kind, anchor, u"cn=%1,dc=example"_s.arg(anchor)));
    }
    const QList<PlannedChange> changes =
        Planner::planDeletes(QSet<QString>(desired.cbegin(), desired.cend()), links);

    QStringList got;
    bool seenUser = false;
    for (const PlannedChange &c : changes) {
        QCOMPARE(c.action, PlannedAction::Delete);
        QVERIFY(links.contains(c.anchor));
        QCOMPARE(c.cloudId, links.value(c.anchor).cloudId);
        QCOMPARE(c.dn, links.value(c.anchor).dn);
        QVERIFY(!c.reason.isEmpty());
        QCOMPARE(c.kind, links.value(c.anchor).kind == u"group"_s ? ObjectKind::Group : ObjectKind::User);
        // Groups go first, so memberships are gone before their members.
        if (c.kind == ObjectKind::User)
            seenUser = true;
        else
            QVERIFY2(!seenUser, "a group delete came after a user delete");
        got << Planner::kindName(c.kind) + u':' + c.anchor;
    }
    got.sort();
    deleted.sort();
    QCOMPARE(got, deleted);
}

void TestPlanner::digest_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");

    QTest::newRow("identical") << u"{\"a\": 1}"_s << u"{\"a\": 1}"_s << true;
    QTest::newRow("whitespace and key order") << u"{\"b\": [1, 2], \"a\": {\"y\": 1, \"x\": 2}}"_s
                                              << u"{\"a\":{\"x\":2,\"y\":1},\"b\":[1,2]}"_s << true;
    QTest::newRow("different value") << u"{\"a\": 1}"_s << u"{\"a\": 2}"_s << false;
    QTest::newRow("number vs string") << u"{\"a\": 1}"_s << u"{\"a\": \"1\"}"_s << false;
    QTest::newRow("array order matters") << u"{\"a\": [1, 2]}"_s << u"{\"a\": [2, 1]}"_s << false;
    QTest::newRow("key case matters") << u"{\"a\": 1}"_s << u"{\"A\": 1}"_s << false;
    QTest::newRow("null vs absent") << u"{\"a\": null}"_s << u"{}"_s << false;
}

void TestPlanner::digest()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    const QByteArray da = Planner::digest(objectFrom(a));
    const QByteArray db = Planner::digest(objectFrom(b));
    QCOMPARE(da.size(), 64);
    QCOMPARE(QByteArray::fromHex(da).toHex(), da);
    QCOMPARE(da == db, same);
    QCOMPARE(Planner::digest(objectFrom(a)), da); // stable across calls
}

void TestPlanner::digestIgnoresInsertionOrder()
{
    QJsonObject first;
    first.insert(u"userName"_s, u"j"_s);
    first.insert(u"active"_s, true);
    QJsonObject second;
    second.insert(u"active"_s, true);
    second.insert(u"userName"_s, u"j"_s);
    QCOMPARE(Planner::digest(first), Planner::digest(second));
    // SHA-256 of the compact JSON, fixed so that a change of the digest's definition (which would update
    // every linked object on the next run) is noticed.
    QCOMPARE(Planner::digest(QJsonObject()),
             QByteArray("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"));
    const QByteArray canonical = "{\"active\":true,\"userName\":\"j\"}";
    QCOMPARE(Planner::digest(first), QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex());
    // A packed resource's digest is taken of its text as it is: the same digest.
    QCOMPARE(Planner::digest(PackedJson(first)), Planner::digest(first));
    QCOMPARE(Planner::digest(PackedJson()), Planner::digest(QJsonObject()));
}

void TestPlanner::planMembers_data()
{
    QTest::addColumn<QStringList>("desired");
    QTest::addColumn<QStringList>("exported");
    QTest::addColumn<QStringList>("add");
    QTest::addColumn<QStringList>("remove");

    QTest::newRow("same") << QStringList{u"a"_s, u"b"_s} << QStringList{u"b"_s, u"a"_s} << QStringList()
                          << QStringList();
    QTest::newRow("both empty") << QStringList() << QStringList() << QStringList() << QStringList();
    QTest::newRow("new group") << QStringList{u"c"_s, u"a"_s} << QStringList() << QStringList{u"a"_s, u"c"_s}
                               << QStringList();
    QTest::newRow("emptied group") << QStringList() << QStringList{u"b"_s, u"a"_s} << QStringList()
                                   << QStringList{u"a"_s, u"b"_s};
    QTest::newRow("swap") << QStringList{u"a"_s, u"c"_s} << QStringList{u"a"_s, u"b"_s} << QStringList{u"c"_s}
                          << QStringList{u"b"_s};
    QTest::newRow("duplicates") << QStringList{u"a"_s, u"a"_s, u"c"_s} << QStringList{u"b"_s, u"b"_s}
                                << QStringList{u"a"_s, u"c"_s} << QStringList{u"b"_s};
}

void TestPlanner::planMembers()
{
    QFETCH(QStringList, desired);
    QFETCH(QStringList, exported);
    QFETCH(QStringList, add);
    QFETCH(QStringList, remove);
    const MembershipChange c = Planner::planMembers(desired, exported);
    QCOMPARE(c.add, add);
    QCOMPARE(c.remove, remove);
    QCOMPARE(c.isEmpty(), add.isEmpty() && remove.isEmpty());
}

void TestPlanner::managedPart()
{
    const QJsonObject cloud =
        objectFrom(uR"({"id": "1", "userName": "j", "nickName": "cloud only", "title": "T",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "D", "costCenter": "C"}})"_s);
    const QJsonObject desired = objectFrom(uR"({"userName": "k", "title": "T", "displayName": "K",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "E"}})"_s);
    QCOMPARE(Planner::managedPart(cloud, desired), objectFrom(uR"({"userName": "j", "title": "T",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "D"}})"_s));
}

void TestPlanner::names()
{
    QCOMPARE(Planner::kindName(ObjectKind::User), u"user"_s);
    QCOMPARE(Planner::kindName(ObjectKind::Group), u"group"_s);
    QCOMPARE(Planner::actionName(PlannedAction::Create), u"create"_s);
    QCOMPARE(Planner::actionName(PlannedAction::Update), u"update"_s);
    QCOMPARE(Planner::actionName(PlannedAction::Unchanged), u"unchanged"_s);
    QCOMPARE(Planner::actionName(PlannedAction::Delete), u"delete"_s);
}

QTEST_GUILESS_MAIN(TestPlanner)
#include "tst_planner.moc"
