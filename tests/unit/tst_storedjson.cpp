// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A link's last exported resource, kept as stored text: the quick look for strings gives what a parse gives.
#include "store/storedjson.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

class TestStoredJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void strings_data();
    void strings();
    void parsedOnceAndWrittenBackAsStored();
};

void TestStoredJson::strings_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QStringList>("expected");

    const QByteArray user =
        R"({"emails":[{"primary":true,"type":"work","value":"ada@example.com"}],"userName":"ada@example.com",)"
        R"("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"c-42"}}})";
    QTest::newRow("userName") << user << u"userName"_s << QStringList{u"ada@example.com"_s};
    QTest::newRow("every value, any depth")
        << user << u"value"_s << QStringList{u"ada@example.com"_s, u"c-42"_s};
    QTest::newRow("absent") << user << u"title"_s << QStringList{};
    QTest::newRow("a number is no string")
        << QByteArray(R"({"value":7,"x":{"value":"s"}})") << u"value"_s << QStringList{u"s"_s};
    QTest::newRow("escapes are parsed") << QByteArray(R"({"userName":"a\"b\\c","x":{"userName":"d"}})")
                                        << u"userName"_s << QStringList{u"a\"b\\c"_s, u"d"_s};
    QTest::newRow("non-ASCII as stored") << QByteArray(R"({"userName":"李雷@example.com"})") << u"userName"_s
                                         << QStringList{u"李雷@example.com"_s};
    QTest::newRow("empty text") << QByteArray() << u"userName"_s << QStringList{};
}

void TestStoredJson::strings()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, key);
    QFETCH(QStringList, expected);
    const QByteArray latin1 = key.toLatin1();
    QCOMPARE(StoredJson::fromText(text).strings(QLatin1StringView(latin1)), expected);
    // The same from the parsed object.
    const StoredJson parsed(QJsonDocument::fromJson(text).object());
    QStringList fromParse = parsed.strings(QLatin1StringView(latin1));
    QCOMPARE(fromParse, expected);
}

void TestStoredJson::parsedOnceAndWrittenBackAsStored()
{
    const QByteArray text = R"({"displayName":"G","members":[]})";
    const StoredJson stored = StoredJson::fromText(text);
    QVERIFY(!stored.isEmpty());
    QCOMPARE(stored.text(), text); // unparsed: written back byte for byte
    QCOMPARE(stored.value(u"displayName"_s).toString(), u"G"_s);
    QCOMPARE(stored.text(), text); // parsed: written back the same
    QVERIFY(StoredJson::fromText("{}").isEmpty());
    QVERIFY(StoredJson().isEmpty());
    QCOMPARE(StoredJson::fromText(text), StoredJson(QJsonDocument::fromJson(text).object()));
}

QTEST_GUILESS_MAIN(TestStoredJson)
#include "tst_storedjson.moc"
