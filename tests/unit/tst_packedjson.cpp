// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A mapped resource kept as its compact text: read back, it is the object it was made of, and its text is the
// canonical form a link stores and a digest is taken of.
#include "core/packedjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

class TestPackedJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void smallerThanTheObject();
};

void TestPackedJson::roundTrip_data()
{
    QTest::addColumn<QJsonObject>("object");

    QTest::newRow("empty") << QJsonObject();
    QTest::newRow("flat") << QJsonObject{{u"userName"_s, u"ada@example.com"_s}, {u"active"_s, true}};
    QTest::newRow("nested, arrays, numbers")
        << QJsonObject{{u"name"_s, QJsonObject{{u"givenName"_s, u"Ada"_s}}},
                       {u"emails"_s, QJsonArray{QJsonObject{{u"value"_s, u"a@x"_s}, {u"primary"_s, true}}}},
                       {u"count"_s, 42},
                       {u"ratio"_s, 0.5},
                       {u"nothing"_s, QJsonValue::Null}};
    QTest::newRow("non-ASCII and escapes")
        << QJsonObject{{u"displayName"_s, u"李雷 \"Lei\" \\ Ø"_s}, {u"title"_s, u"tab\there"_s}};
    ;
    const QString core = u"urn:ietf:params:scim:schemas:core:2.0:User"_s;
    const QString enterprise = u"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"_s;
    QTest::newRow("schema URNs as values and keys")
        << QJsonObject{{u"schemas"_s, QJsonArray{core, enterprise}},
                       {enterprise, QJsonObject{{u"department"_s, u"R&D"_s}}},
                       {u"userName"_s, u"ada@example.com"_s}};
    QTest::newRow("a URN inside a longer string, or longer")
        << QJsonObject{{u"title"_s, QString(u"see "_s + core)},
                       {u"nickName"_s, QString(core + u"s"_s)},
                       {u"profileUrl"_s, u"urn:ietf:params:scim:schemas:core:2.0:Unknown"_s}};
    QTest::newRow("a URN with an escape") << QJsonObject{{u"title"_s, QString(core + u"\""_s)}};
}

void TestPackedJson::roundTrip()
{
    QFETCH(QJsonObject, object);
    const PackedJson packed(object);
    QCOMPARE(packed.object(), object);
    QCOMPARE(QJsonObject(packed), object);
    QCOMPARE(packed.isEmpty(), object.isEmpty());
    QCOMPARE(packed.text(),
             object.isEmpty() ? QByteArray() : QJsonDocument(object).toJson(QJsonDocument::Compact));
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        QVERIFY(packed.contains(it.key()));
        QCOMPARE(packed.value(it.key()), it.value());
    }
    QVERIFY(!packed.contains(u"absent"_s));
    QCOMPARE(PackedJson(packed.object()), packed);
    QCOMPARE(PackedJson::fromText(packed.text()), packed);
}

// The point of it: a user as Updraft maps it is held in well under its text's size (the schema URNs it
// repeats take two bytes each).
void TestPackedJson::smallerThanTheObject()
{
    const QString enterprise = u"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"_s;
    const QString updraft = u"urn:ietf:params:scim:schemas:extension:updraft:2.0:User"_s;
    const QJsonObject user{
        {u"schemas"_s, QJsonArray{u"urn:ietf:params:scim:schemas:core:2.0:User"_s, enterprise, updraft}},
        {u"userName"_s, u"frank.colombo@example.com"_s},
        {u"displayName"_s, u"Frank Colombo"_s},
        {u"externalId"_s, u"5UNb5oaLEEGBSb3y1nb8xg=="_s},
        {enterprise, QJsonObject{{u"department"_s, u"Security"_s}, {u"employeeNumber"_s, u"000066"_s}}},
        {updraft, QJsonObject{{u"configuration"_s, u"example.com"_s}}}};
    const PackedJson packed(user);
    const QByteArray text = QJsonDocument(user).toJson(QJsonDocument::Compact);
    QCOMPARE(packed.text(), text);
    const QString core = u"urn:ietf:params:scim:schemas:core:2.0:User"_s;
    // core once (schemas), the two extensions twice (schemas, and their key): two bytes each.
    QCOMPARE(packed.packedSize(),
             text.size() - (core.size() - 2) - 2 * (enterprise.size() - 2) - 2 * (updraft.size() - 2));
    QVERIFY(packed.packedSize() < text.size() * 2 / 3);
}

QTEST_GUILESS_MAIN(TestPackedJson)
#include "tst_packedjson.moc"
