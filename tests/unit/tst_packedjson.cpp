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
}

// The point of it: the text takes its own size, with nothing spare.
void TestPackedJson::smallerThanTheObject()
{
    QJsonObject user;
    for (const QString &key : {u"userName"_s, u"displayName"_s, u"title"_s, u"externalId"_s})
        user.insert(key, u"some value of about thirty characters"_s);
    const PackedJson packed(user);
    QCOMPARE(packed.text().capacity(), packed.text().size());
}

QTEST_GUILESS_MAIN(TestPackedJson)
#include "tst_packedjson.moc"
