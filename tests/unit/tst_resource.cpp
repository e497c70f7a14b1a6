// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/resource.h"
#include "target/scim/scimprotocol.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

const QString Enterprise = QString::fromLatin1(Resource::EnterpriseUserSchema);

QJsonValue jsonOf(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(u"[%1]"_s.arg(text).toUtf8(), &error);
    Q_ASSERT_X(doc.isArray(), "jsonOf", qPrintable(text + u": "_s + error.errorString()));
    return doc.array().at(0);
}

QByteArray compact(const QJsonValue &v)
{
    return v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                       : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
}

} // namespace

class TestResource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isValidPath_data();
    void isValidPath();
    void setPath_data();
    void setPath();
    void setPathAccumulates();
    void finishResource();
    void resolveReferences();
    void diff_data();
    void diff();
    void attributeChanges_data();
    void attributeChanges();
    void patchRequest();
};

void TestResource::isValidPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("valid");

    QTest::newRow("attribute") << u"userName"_s << true;
    QTest::newRow("sub-attribute") << u"name.givenName"_s << true;
    QTest::newRow("filtered with sub") << u"emails[type eq \"work\"].value"_s << true;
    QTest::newRow("filtered without sub") << u"emails[type eq \"work\"]"_s << true;
    QTest::newRow("filter with blanks") << u"phoneNumbers[ type  eq \"mobile\" ].value"_s << true;
    QTest::newRow("dash and underscore") << u"x-custom_attr"_s << true;
    QTest::newRow("extension") << Enterprise + u":department"_s << true;
    QTest::newRow("extension sub-attribute") << Enterprise + u":manager.value"_s << true;

    QTest::newRow("empty") << QString() << false;
    QTest::newRow("starts with digit") << u"1abc"_s << false;
    QTest::newRow("two levels") << u"a.b.c"_s << false;
    QTest::newRow("trailing dot") << u"name."_s << false;
    QTest::newRow("leading dot") << u".name"_s << false;
    QTest::newRow("unquoted filter") << u"emails[type eq work].value"_s << false;
    QTest::newRow("filter on value") << u"emails[value eq \"x\"].value"_s << false;
    QTest::newRow("empty filter value") << u"emails[type eq \"\"].value"_s << false;
    QTest::newRow("missing dot after filter") << u"emails[type eq \"work\"]value"_s << false;
    QTest::newRow("blank inside") << u"name givenName"_s << false;
    QTest::newRow("bare urn") << u"urn:"_s << false;
}

void TestResource::isValidPath()
{
    QFETCH(QString, path);
    QFETCH(bool, valid);
    QString error;
    QCOMPARE(Resource::isValidPath(path, &error), valid);
    if (valid) {
        QVERIFY(error.isEmpty());
    } else {
        QVERIFY2(error.startsWith(u"\"%1\" is not an attribute path"_s.arg(path)), qPrintable(error));
    }
    QCOMPARE(Resource::isValidPath(path, nullptr), valid);
}

void TestResource::setPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("value");    // JSON
    QTest::addColumn<QString>("expected"); // JSON object

    QTest::newRow("attribute") << u"userName"_s << u"\"jdoe\""_s << u"{\"userName\": \"jdoe\"}"_s;
    QTest::newRow("boolean false is set") << u"active"_s << u"false"_s << u"{\"active\": false}"_s;
    QTest::newRow("sub-attribute") << u"name.givenName"_s << u"\"John\""_s
                                   << u"{\"name\": {\"givenName\": \"John\"}}"_s;
    QTest::newRow("filtered")
        << u"emails[type eq \"work\"].value"_s << u"\"a@x\""_s
        << u"{\"emails\": [{\"type\": \"work\", \"value\": \"a@x\", \"primary\": true}]}"_s;
    QTest::newRow("filtered defaults to value")
        << u"emails[type eq \"work\"]"_s << u"\"a@x\""_s
        << u"{\"emails\": [{\"type\": \"work\", \"value\": \"a@x\", \"primary\": true}]}"_s;
    QTest::newRow("extension") << Enterprise + u":department"_s << u"\"R&D\""_s
                               << u"{\"%1\": {\"department\": \"R&D\"}}"_s.arg(Enterprise);
    QTest::newRow("extension sub-attribute")
        << Enterprise + u":manager.value"_s << u"\"42\""_s
        << u"{\"%1\": {\"manager\": {\"value\": \"42\"}}}"_s.arg(Enterprise);
    QTest::newRow("null not set") << u"title"_s << u"null"_s << u"{}"_s;
    QTest::newRow("empty string not set") << u"title"_s << u"\"\""_s << u"{}"_s;
    QTest::newRow("invalid path ignored") << u"a.b.c"_s << u"\"x\""_s << u"{}"_s;
}

void TestResource::setPath()
{
    QFETCH(QString, path);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QJsonObject resource;
    Resource::setPath(resource, path, jsonOf(value));
    QCOMPARE(compact(resource), compact(jsonOf(expected)));
}

void TestResource::setPathAccumulates()
{
    QJsonObject r;
    Resource::setPath(r, u"name.givenName"_s, u"John"_s);
    Resource::setPath(r, u"name.familyName"_s, u"Doe"_s);
    Resource::setPath(r, u"phoneNumbers[type eq \"work\"].value"_s, u"1"_s);
    Resource::setPath(r, u"phoneNumbers[type eq \"mobile\"].value"_s, u"2"_s);
    Resource::setPath(r, u"phoneNumbers[type eq \"work\"].value"_s, u"3"_s); // replaces, does not add
    QCOMPARE(compact(r), compact(jsonOf(uR"({
        "name": {"givenName": "John", "familyName": "Doe"},
        "phoneNumbers": [{"type": "work", "value": "3", "primary": true}, {"type": "mobile", "value": "2"}]
    })"_s)));
}

void TestResource::finishResource()
{
    QJsonObject r{{u"userName"_s, u"j"_s},
                  {Enterprise, QJsonObject{{u"department"_s, u"d"_s}}},
                  {u"urn:example:empty:1.0:User"_s, QJsonObject{}}};
    Resource::finishResource(r, Resource::UserSchema);
    QCOMPARE(compact(r.value(u"schemas"_s)),
             compact(QJsonArray{QString::fromLatin1(Resource::UserSchema), Enterprise}));

    QJsonObject g{{u"displayName"_s, u"g"_s}};
    Resource::finishResource(g, Resource::GroupSchema);
    QCOMPARE(compact(g.value(u"schemas"_s)), compact(QJsonArray{QString::fromLatin1(Resource::GroupSchema)}));
}

void TestResource::resolveReferences()
{
    QJsonObject r = jsonOf(uR"({
        "userName": "j",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            "manager": {"$ref": "cn=boss,dc=example"}
        }
    })"_s)
                        .toObject();
    Resource::finishResource(r, Resource::UserSchema);
    QVERIFY(Resource::hasReferences(r));

    QJsonObject resolved = r;
    QStringList asked;
    Resource::resolveReferences(resolved, [&](const QString &attribute, const QString &dn) -> QJsonValue {
        asked << attribute + u'=' + dn;
        return QJsonObject{{u"value"_s, u"cloud-1"_s}};
    });
    QCOMPARE(asked, QStringList{u"manager=cn=boss,dc=example"_s});
    QVERIFY(!Resource::hasReferences(resolved));
    QCOMPARE(
        resolved.value(Enterprise).toObject().value(u"manager"_s).toObject().value(u"value"_s).toString(),
        u"cloud-1"_s);

    // An unresolvable reference is dropped, and an extension left empty is no longer declared.
    QJsonObject dropped = r;
    Resource::resolveReferences(dropped,
                                [](const QString &, const QString &) { return QJsonValue::Undefined; });
    QVERIFY(!Resource::hasReferences(dropped));
    QVERIFY(!dropped.contains(Enterprise));
    QCOMPARE(compact(dropped.value(u"schemas"_s)),
             compact(QJsonArray{QString::fromLatin1(Resource::UserSchema)}));
}

void TestResource::diff_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("operations"); // JSON array
    QTest::addColumn<QStringList>("changed");

    const QString user = uR"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "j",
        "name": {"givenName": "John", "familyName": "Doe"}, "active": true,
        "emails": [{"type": "work", "value": "j@x", "primary": true}],
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "R&D", "employeeNumber": "1"}})"_s;
    QJsonObject u = jsonOf(user).toObject();
    const auto with = [&](const QString &key, const QJsonValue &v) {
        QJsonObject o = u;
        if (v.isUndefined())
            o.remove(key);
        else
            o.insert(key, v);
        return QString::fromUtf8(compact(o));
    };
    QJsonObject ext = u.value(Enterprise).toObject();
    ext.insert(u"department"_s, u"Sales"_s);

    QTest::newRow("identical") << user << user << u"[]"_s << QStringList();
    QJsonObject served = u; // as a target returns it
    served.insert(u"id"_s, u"42"_s);
    served.insert(u"meta"_s, QJsonObject{{u"version"_s, u"W/\"1\""_s}});
    served.insert(u"schemas"_s, QJsonArray{QString::fromLatin1(Resource::UserSchema), Enterprise});
    QTest::newRow("only id, meta and schemas differ")
        << user << QString::fromUtf8(compact(served)) << u"[]"_s << QStringList();
    QTest::newRow("changed attribute")
        << user << with(u"userName"_s, u"k"_s)
        << u"[{\"op\": \"replace\", \"path\": \"userName\", \"value\": \"k\"}]"_s
        << QStringList{u"userName"_s};
    QTest::newRow("boolean flipped") << user << with(u"active"_s, false)
                                     << u"[{\"op\": \"replace\", \"path\": \"active\", \"value\": false}]"_s
                                     << QStringList{u"active"_s};
    QTest::newRow("removed attribute")
        << user << with(u"active"_s, QJsonValue::Undefined)
        << u"[{\"op\": \"remove\", \"path\": \"active\"}]"_s << QStringList{u"active"_s};
    QTest::newRow("added attribute") << user << with(u"title"_s, u"Boss"_s)
                                     << u"[{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Boss\"}]"_s
                                     << QStringList{u"title"_s};
    QTest::newRow("complex attribute: only the changed sub-attribute")
        << user << with(u"name"_s, QJsonObject{{u"givenName"_s, u"Jon"_s}, {u"familyName"_s, u"Doe"_s}})
        << u"[{\"op\": \"replace\", \"path\": \"name.givenName\", \"value\": \"Jon\"}]"_s
        << QStringList{u"name"_s};
    QTest::newRow("complex attribute: a sub-attribute removed")
        << user << with(u"name"_s, QJsonObject{{u"familyName"_s, u"Doe"_s}})
        << u"[{\"op\": \"remove\", \"path\": \"name.givenName\"}]"_s << QStringList{u"name"_s};
    QTest::newRow("complex attribute: removed whole")
        << user << with(u"name"_s, QJsonValue(QJsonValue::Undefined))
        << u"[{\"op\": \"remove\", \"path\": \"name\"}]"_s << QStringList{u"name"_s};
    QTest::newRow("extension sub-attribute only")
        << user << with(Enterprise, ext)
        << u"[{\"op\": \"replace\", \"path\": \"%1:department\", \"value\": \"Sales\"}]"_s.arg(Enterprise)
        << QStringList{u"department"_s};
    QTest::newRow("extension removed")
        << user << with(Enterprise, QJsonValue::Undefined)
        << u"[{\"op\": \"remove\", \"path\": \"%1:department\"}, {\"op\": \"remove\", \"path\": \"%1:employeeNumber\"}]"_s
               .arg(Enterprise)
        << QStringList{u"department"_s, u"employeeNumber"_s};
    QTest::newRow("several changes")
        << u"{\"displayName\": \"A\", \"title\": \"T\", \"userName\": \"u\"}"_s
        << u"{\"displayName\": \"B\", \"userName\": \"u\", \"nickName\": \"n\"}"_s
        << u"[{\"op\": \"replace\", \"path\": \"displayName\", \"value\": \"B\"}, {\"op\": \"remove\", "
           u"\"path\": "
           u"\"title\"}, {\"op\": \"replace\", \"path\": \"nickName\", \"value\": \"n\"}]"_s
        << QStringList{u"displayName"_s, u"title"_s, u"nickName"_s};
    QTest::newRow("from nothing") << u"{}"_s << u"{\"userName\": \"u\"}"_s
                                  << u"[{\"op\": \"replace\", \"path\": \"userName\", \"value\": \"u\"}]"_s
                                  << QStringList{u"userName"_s};
}

void TestResource::diff()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(QString, operations);
    QFETCH(QStringList, changed);
    const QJsonObject b = jsonOf(before).toObject();
    const QJsonObject a = jsonOf(after).toObject();
    QCOMPARE(compact(Scim::patchOperations(b, a)), compact(jsonOf(operations)));
    QCOMPARE(Resource::changedAttributes(b, a), changed);
}

void TestResource::attributeChanges_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("changes"); // JSON array of {attribute, old, new}

    QTest::newRow("nothing changed") << uR"({"userName": "u"})"_s << uR"({"userName": "u"})"_s << u"[]"_s;
    QTest::newRow("string replaced") << uR"({"title": "Engineer"})"_s << uR"({"title": "Lead"})"_s
                                     << uR"([{"attribute": "title", "old": "Engineer", "new": "Lead"}])"_s;
    QTest::newRow("added and removed")
        << uR"({"title": "T"})"_s << uR"({"nickName": "n"})"_s
        << uR"([{"attribute": "title", "old": "T", "new": ""}, {"attribute": "nickName", "old": "", "new": "n"}])"_s;
    QTest::newRow("boolean") << uR"({"active": true})"_s << uR"({"active": false})"_s
                             << uR"([{"attribute": "active", "old": "true", "new": "false"}])"_s;
    QTest::newRow("sub-attribute by path")
        << uR"({"name": {"givenName": "John", "familyName": "Doe"}})"_s
        << uR"({"name": {"givenName": "Jon", "familyName": "Doe"}})"_s
        << uR"([{"attribute": "name.givenName", "old": "John", "new": "Jon"}])"_s;
    QTest::newRow("multi-valued as compact JSON")
        << uR"({"emails": [{"value": "a@x"}]})"_s << uR"({"emails": [{"value": "b@x"}]})"_s
        << uR"([{"attribute": "emails", "old": "[{\"value\":\"a@x\"}]", "new": "[{\"value\":\"b@x\"}]"}])"_s;
    QTest::newRow("extension attribute by its short name")
        << u"{\"%1\": {\"department\": \"R&D\"}}"_s.arg(Enterprise)
        << u"{\"%1\": {\"department\": \"Sales\"}}"_s.arg(Enterprise)
        << uR"([{"attribute": "department", "old": "R&D", "new": "Sales"}])"_s;
    QTest::newRow("secrets never shown")
        << uR"({"urn:updraft:x:User": {"passwordHash": "PPH1_MD4$x"}})"_s
        << uR"({"urn:updraft:x:User": {"passwordHash": "PPH1_MD4$y"}})"_s
        << uR"json([{"attribute": "passwordHash", "old": "(secret, not shown)", "new": "(secret, not shown)"}])json"_s;
}

void TestResource::attributeChanges()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(QString, changes);
    QCOMPARE(compact(Resource::attributeChanges(jsonOf(before).toObject(), jsonOf(after).toObject())),
             compact(jsonOf(changes)));
}

void TestResource::patchRequest()
{
    const QJsonArray ops{QJsonObject{{u"op"_s, u"remove"_s}, {u"path"_s, u"title"_s}}};
    const QJsonObject body = Scim::patchRequest(ops);
    QCOMPARE(compact(body), compact(jsonOf(uR"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "remove", "path": "title"}]})"_s)));
}

QTEST_GUILESS_MAIN(TestResource)
#include "tst_resource.moc"
