// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "target/scim/scimcapabilities.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

QJsonObject objectOf(const QString &json)
{
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

// A Group schema whose members name these reference types and `type` values.
QJsonObject groupSchema(const QString &refTypes, const QString &typeValues)
{
    return objectOf(uR"({"id": "urn:ietf:params:scim:schemas:core:2.0:Group", "attributes": [
        {"name": "displayName", "type": "string", "required": true},
        {"name": "members", "type": "complex", "multiValued": true, "subAttributes": [
            {"name": "value", "type": "string", "mutability": "immutable"},
            {"name": "$ref", "type": "reference", "referenceTypes": %1},
            {"name": "type", "type": "string", "canonicalValues": %2}]}]})"_s.arg(refTypes, typeValues));
}

QJsonObject userSchema(bool emailsRequired)
{
    return objectOf(uR"({"id": "urn:ietf:params:scim:schemas:core:2.0:User", "attributes": [
        {"name": "userName", "type": "string", "required": true},
        {"name": "id", "type": "string", "required": true, "mutability": "readOnly"},
        {"name": "name", "type": "complex", "subAttributes": [{"name": "givenName"}, {"name": "familyName"}]},
        {"name": "displayName", "type": "string"},
        {"name": "emails", "type": "complex", "multiValued": true, "required": %1},
        {"name": "title", "type": "string"},
        {"name": "groups", "type": "complex", "multiValued": true, "mutability": "readOnly"}]})"_s.arg(
        emailsRequired ? u"true"_s : u"false"_s));
}

const QString Enterprise = u"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"_s;

} // namespace

class TestScimCapabilities : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serviceProviderConfig_data();
    void serviceProviderConfig();
    void nestedGroups_data();
    void nestedGroups();
    void schemasAsListOrArray();
    void resourceTypes();
    void emptyListsSayNothing();
    void conform_data();
    void conform();
};

void TestScimCapabilities::serviceProviderConfig_data()
{
    QTest::addColumn<QString>("document");
    QTest::addColumn<bool>("patch");
    QTest::addColumn<bool>("filter");
    QTest::addColumn<int>("maxResults");
    QTest::addColumn<bool>("bulk");
    QTest::addColumn<int>("bulkOps");
    QTest::addColumn<bool>("etag");
    QTest::addColumn<int>("assumptions");

    // As the project's peer (SCIMMY) and @better-auth/scim answer, abridged to the fields read.
    QTest::newRow("scimmy, lenient")
        << uR"({"patch": {"supported": true}, "bulk": {"supported": false, "maxOperations": 1000,
            "maxPayloadSize": 33554432}, "filter": {"supported": true, "maxResults": 1000},
            "changePassword": {"supported": false}, "sort": {"supported": true}, "etag": {"supported": false}})"_s
        << true << true << 1000 << false << 1000 << false << 0;
    QTest::newRow("scimmy, bulk and etag")
        << uR"({"patch": {"supported": true}, "bulk": {"supported": true, "maxOperations": 50,
            "maxPayloadSize": 65536}, "filter": {"supported": true, "maxResults": 100}, "etag": {"supported": true}})"_s
        << true << true << 100 << true << 50 << true << 0;
    QTest::newRow("better-auth")
        << uR"({"patch": {"supported": true}, "bulk": {"supported": false}, "filter": {"supported": true,
            "maxResults": 100}, "changePassword": {"supported": false}, "sort": {"supported": false},
            "etag": {"supported": false}, "authenticationSchemes": [{"type": "oauthbearertoken"}]})"_s
        << true << true << 100 << false << 0 << false << 0;
    QTest::newRow("filter without maxResults")
        << uR"({"patch": {"supported": true}, "bulk": {"supported": false}, "filter": {"supported": true},
            "etag": {"supported": false}})"_s
        << true << true << 0 << false << 0 << false << 0;
    QTest::newRow("patch and filter left out")
        << uR"({"bulk": {"supported": false}, "etag": {"supported": false}})"_s << false << false << 0
        << false << 0 << false << 2;
    QTest::newRow("supported as a string is not said")
        << uR"({"patch": {"supported": "true"}, "filter": {"supported": true}, "bulk": {"supported": false},
            "etag": {"supported": false}})"_s
        << false << true << 0 << false << 0 << false << 1;
    QTest::newRow("bulk without limits is not used")
        << uR"({"patch": {"supported": true}, "filter": {"supported": true}, "bulk": {"supported": true},
            "etag": {"supported": false}})"_s
        << true << true << 0 << false << 0 << false << 1;
    QTest::newRow("empty document") << u"{}"_s << false << false << 0 << false << 0 << false << 2;
}

void TestScimCapabilities::serviceProviderConfig()
{
    QFETCH(QString, document);
    QFETCH(bool, patch);
    QFETCH(bool, filter);
    QFETCH(int, maxResults);
    QFETCH(bool, bulk);
    QFETCH(int, bulkOps);
    QFETCH(bool, etag);
    QFETCH(int, assumptions);
    Scim::Capabilities c;
    Scim::readServiceProviderConfig(objectOf(document), c);
    QCOMPARE(c.patch, patch);
    QCOMPARE(c.filter, filter);
    QCOMPARE(c.maxResults, maxResults);
    QCOMPARE(c.bulk, bulk);
    QCOMPARE(c.bulkMaxOperations, bulkOps);
    QCOMPARE(c.etag, etag);
    QVERIFY2(c.assumptions.size() == assumptions, qPrintable(c.assumptions.join(u" | "_s)));
    QVERIFY(!c.summary().isEmpty());
}

void TestScimCapabilities::nestedGroups_data()
{
    QTest::addColumn<QString>("refTypes");
    QTest::addColumn<QString>("typeValues");
    QTest::addColumn<bool>("nested");
    QTest::newRow("RFC 7643") << uR"(["User", "Group"])"_s << uR"(["User", "Group"])"_s << true;
    QTest::newRow("users only") << uR"(["User"])"_s << uR"(["User"])"_s << false;
    QTest::newRow("users only by reference type") << uR"(["User"])"_s << u"[]"_s << false;
    QTest::newRow("external references say nothing") << uR"(["external", "uri"])"_s << u"[]"_s << true;
    QTest::newRow("lower case") << uR"(["user", "group"])"_s << u"[]"_s << true;
}

void TestScimCapabilities::nestedGroups()
{
    QFETCH(QString, refTypes);
    QFETCH(QString, typeValues);
    QFETCH(bool, nested);
    Scim::Capabilities c;
    QVERIFY(c.nestedGroups()); // nothing said: RFC 7643's Group
    Scim::readSchemas(QJsonObject{{u"Resources"_s, QJsonArray{groupSchema(refTypes, typeValues)}}}, c);
    QCOMPARE(c.nestedGroups(), nested);
}

void TestScimCapabilities::schemasAsListOrArray()
{
    for (const QJsonValue &document :
         {QJsonValue(QJsonObject{{u"Resources"_s, QJsonArray{userSchema(true)}}}),
          QJsonValue(QJsonArray{userSchema(true)})}) {
        Scim::Capabilities c;
        Scim::readSchemas(document, c);
        QVERIFY(c.schemasKnown);
        QCOMPARE(c.required(ObjectKind::User), (QStringList{u"userName"_s, u"emails"_s}));
    }
    Scim::Capabilities broken;
    Scim::readSchemas(QJsonObject{{u"detail"_s, u"nope"_s}}, broken);
    QVERIFY(!broken.schemasKnown);
    QCOMPARE(broken.assumptions.size(), 1);
}

void TestScimCapabilities::resourceTypes()
{
    Scim::Capabilities c;
    Scim::readResourceTypes(objectOf(uR"({"Resources": [
        {"name": "User", "endpoint": "/Accounts", "schema": "urn:ietf:params:scim:schemas:core:2.0:User",
         "schemaExtensions": [{"schema": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "required": false}]},
        {"name": "Group", "endpoint": "/Groups", "schema": "urn:ietf:params:scim:schemas:core:2.0:Group"}]})"_s),
                            c);
    QCOMPARE(c.users.endpoint, u"Accounts"_s);
    QCOMPARE(c.groups.endpoint, u"Groups"_s);
    QVERIFY(c.hasExtension(ObjectKind::User, Enterprise));
    QVERIFY(!c.hasExtension(ObjectKind::User, u"urn:ietf:params:scim:schemas:extension:updraft:2.0:User"_s));
    QVERIFY(!c.hasExtension(ObjectKind::Group, Enterprise));
}

// A valid but empty /ResourceTypes or /Schemas (totalResults 0) describes nothing: the enterprise extension
// the mapping writes is still sent (the reliability campaign found manager stripped for good behind such a
// service).
void TestScimCapabilities::emptyListsSayNothing()
{
    const QJsonObject empty = objectOf(uR"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        "totalResults": 0, "Resources": []})"_s);
    Scim::Capabilities c;
    Scim::readResourceTypes(empty, c);
    Scim::readSchemas(empty, c);
    QVERIFY(!c.resourceTypesKnown());
    QVERIFY(!c.schemasKnown);
    QCOMPARE(c.assumptions.size(), 2);
    QVERIFY(c.hasExtension(ObjectKind::User, Enterprise));
    QCOMPARE(c.users.endpoint, u"Users"_s);

    // Only groups described: users still fall back to what /Schemas says.
    Scim::Capabilities groupsOnly;
    Scim::readResourceTypes(objectOf(uR"({"Resources": [
        {"name": "Group", "endpoint": "/Teams", "schema": "urn:ietf:params:scim:schemas:core:2.0:Group"}]})"_s),
                            groupsOnly);
    QVERIFY(groupsOnly.resourceTypesKnown());
    QCOMPARE(groupsOnly.groups.endpoint, u"Teams"_s);
    QVERIFY(groupsOnly.hasExtension(ObjectKind::User, Enterprise));
    QVERIFY(!groupsOnly.hasExtension(ObjectKind::Group, Enterprise));
}

void TestScimCapabilities::conform_data()
{
    QTest::addColumn<bool>("emailsRequired");
    QTest::addColumn<bool>("enterprise");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QStringList>("dropped");
    QTest::addColumn<QStringList>("missing");

    QTest::newRow("everything known")
        << false << true << uR"({"userName": "a", "title": "T", "externalId": "x"})"_s
        << uR"({"userName": "a", "title": "T", "externalId": "x"})"_s << QStringList() << QStringList();
    QTest::newRow("unknown attribute, case-insensitive names")
        << false << true << uR"({"userName": "a", "Title": "T", "phoneNumbers": [{"value": "1"}]})"_s
        << uR"({"userName": "a", "Title": "T"})"_s << QStringList{u"phoneNumbers"_s} << QStringList();
    QTest::newRow("read-only attribute")
        << false << true << uR"({"userName": "a", "groups": [{"value": "g"}]})"_s << uR"({"userName": "a"})"_s
        << QStringList{u"groups"_s} << QStringList();
    QTest::newRow("unknown sub-attribute")
        << false << true << uR"({"userName": "a", "name": {"givenName": "G", "nickname": "N"}})"_s
        << uR"({"userName": "a", "name": {"givenName": "G"}})"_s << QStringList{u"name.nickname"_s}
        << QStringList();
    QTest::newRow("undeclared extension")
        << false << false << u"{\"userName\": \"a\", \"%1\": {\"department\": \"D\"}}"_s.arg(Enterprise)
        << uR"({"userName": "a"})"_s << QStringList{Enterprise + u":department"_s} << QStringList();
    QTest::newRow("required email missing")
        << true << true << uR"({"userName": "a"})"_s << uR"({"userName": "a"})"_s << QStringList()
        << QStringList{u"emails"_s};
    QTest::newRow("required email present")
        << true << true << uR"({"userName": "a", "emails": [{"value": "a@x"}]})"_s
        << uR"({"userName": "a", "emails": [{"value": "a@x"}]})"_s << QStringList() << QStringList();
    QTest::newRow("schemas follow what is left")
        << false << false
        << u"{\"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:User\", \"%1\"], \"userName\": \"a\", \"%1\": {\"department\": \"D\"}}"_s
               .arg(Enterprise)
        << uR"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "a"})"_s
        << QStringList{Enterprise + u":department"_s} << QStringList();
}

void TestScimCapabilities::conform()
{
    QFETCH(bool, emailsRequired);
    QFETCH(bool, enterprise);
    QFETCH(QString, resource);
    QFETCH(QString, expected);
    QFETCH(QStringList, dropped);
    QFETCH(QStringList, missing);
    Scim::Capabilities c;
    QJsonArray schemas{userSchema(emailsRequired)};
    if (enterprise)
        schemas.append(
            objectOf(u"{\"id\": \"%1\", \"attributes\": [{\"name\": \"department\"}]}"_s.arg(Enterprise)));
    Scim::readSchemas(QJsonObject{{u"Resources"_s, schemas}}, c);
    QStringList gone;
    QStringList absent;
    const QJsonObject out = Scim::conform(c, ObjectKind::User, objectOf(resource), &gone, &absent);
    QCOMPARE(out, objectOf(expected));
    QCOMPARE(gone, dropped);
    QCOMPARE(absent, missing);
}

QTEST_GUILESS_MAIN(TestScimCapabilities)
#include "tst_scimcapabilities.moc"
