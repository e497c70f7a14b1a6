// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "source/anchor.h"
#include "source/dialect.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

// AD stores objectGUID with its first three fields little-endian.
const QByteArray AdStored = QByteArray::fromHex("78563412341278569abcdef012345678");
const QByteArray Rfc4122 = QByteArray::fromHex("12345678123456789abcdef012345678");
const QString GuidText = u"12345678-1234-5678-9abc-def012345678"_s;

} // namespace

class TestAnchor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void guidBytesToText_data();
    void guidBytesToText();
    void uuidTextToBytes_data();
    void uuidTextToBytes();
    void immutableId_data();
    void immutableId();
    void adStoredOrderIsNotRfcOrder();
    void dialectAnchor_data();
    void dialectAnchor();
};

void TestAnchor::guidBytesToText_data()
{
    QTest::addColumn<QByteArray>("stored");
    QTest::addColumn<QString>("text");

    QTest::newRow("AD byte order") << AdStored << GuidText;
    QTest::newRow("nil") << QByteArray(16, '\0') << u"00000000-0000-0000-0000-000000000000"_s;
    QTest::newRow("all ones") << QByteArray(16, '\xff') << u"ffffffff-ffff-ffff-ffff-ffffffffffff"_s;
    QTest::newRow("real AD GUID") << QByteArray::fromHex("ae4f1df8ec7dd011a76500a0c91e6bf6")
                                  << u"f81d4fae-7dec-11d0-a765-00a0c91e6bf6"_s;
    QTest::newRow("15 bytes") << AdStored.left(15) << QString();
    QTest::newRow("17 bytes") << AdStored + '\0' << QString();
    QTest::newRow("empty") << QByteArray() << QString();
}

void TestAnchor::guidBytesToText()
{
    QFETCH(QByteArray, stored);
    QFETCH(QString, text);
    QCOMPARE(Anchor::guidBytesToText(stored), text);
}

void TestAnchor::uuidTextToBytes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("RFC 4122 order") << GuidText << Rfc4122;
    QTest::newRow("upper case") << GuidText.toUpper() << Rfc4122;
    QTest::newRow("entryUUID") << u"f81d4fae-7dec-11d0-a765-00a0c91e6bf6"_s
                               << QByteArray::fromHex("f81d4fae7dec11d0a76500a0c91e6bf6");
    QTest::newRow("surrounding blanks") << u"  "_s + GuidText + u"\n"_s << Rfc4122;

    QTest::newRow("empty") << QString() << QByteArray();
    QTest::newRow("words") << u"not-a-uuid"_s << QByteArray();
    QTest::newRow("braces") << u"{"_s + GuidText + u"}"_s << QByteArray();
    QTest::newRow("no dashes") << u"12345678123456789abcdef012345678"_s << QByteArray();
    QTest::newRow("non-hex digit") << u"12345678-1234-5678-9abc-def01234567g"_s << QByteArray();
    QTest::newRow("one digit too many") << GuidText + u"9"_s << QByteArray();
    QTest::newRow("one digit short") << GuidText.chopped(1) << QByteArray();
    QTest::newRow("dash misplaced") << u"1234567-81234-5678-9abc-def012345678"_s << QByteArray();
    QTest::newRow("nil UUID") << u"00000000-0000-0000-0000-000000000000"_s << QByteArray();
}

void TestAnchor::uuidTextToBytes()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    QCOMPARE(Anchor::uuidTextToBytes(text).toHex(), bytes.toHex());
}

void TestAnchor::immutableId_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("immutableId");

    QTest::newRow("AD objectGUID as stored") << AdStored << u"eFY0EjQSeFaavN7wEjRWeA=="_s;
    QTest::newRow("entryUUID bytes") << Rfc4122 << u"EjRWeBI0VniavN7wEjRWeA=="_s;
    QTest::newRow("base64 needing + and /")
        << QByteArray::fromHex("f81d4fae7dec11d0a76500a0c91e6bf6") << u"+B1Prn3sEdCnZQCgyR5r9g=="_s;
    QTest::newRow("15 bytes") << AdStored.left(15) << QString();
    QTest::newRow("17 bytes") << AdStored + 'x' << QString();
    QTest::newRow("empty") << QByteArray() << QString();
}

void TestAnchor::immutableId()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, immutableId);
    QCOMPARE(Anchor::immutableId(bytes), immutableId);
    if (!immutableId.isEmpty())
        QCOMPARE(QByteArray::fromBase64(immutableId.toLatin1()), bytes);
}

void TestAnchor::adStoredOrderIsNotRfcOrder()
{
    // The same GUID text names different byte strings in AD and in RFC 4122 order; the immutableId follows
    // the bytes as stored, so an AD anchor must never be rebuilt from its display text.
    QCOMPARE(Anchor::guidBytesToText(AdStored), GuidText);
    QCOMPARE(Anchor::uuidTextToBytes(GuidText).toHex(), Rfc4122.toHex());
    QVERIFY(Anchor::immutableId(AdStored) != Anchor::immutableId(Anchor::uuidTextToBytes(GuidText)));
}

void TestAnchor::dialectAnchor_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("entryUuid");
    QTest::addColumn<QByteArray>("objectGuid");
    QTest::addColumn<QByteArray>("consistencyGuid");
    QTest::addColumn<QByteArray>("anchor");
    QTest::addColumn<QString>("attribute");

    const int ol = int(DirectoryType::OpenLdap);
    const int ad = int(DirectoryType::ActiveDirectory);
    const QByteArray other = QByteArray::fromHex("00112233445566778899aabbccddeeff");
    QTest::newRow("OpenLDAP entryUUID")
        << ol << GuidText.toLatin1() << QByteArray() << QByteArray() << Rfc4122 << u"entryUUID"_s;
    QTest::newRow("OpenLDAP bad entryUUID")
        << ol << QByteArray("garbage") << QByteArray() << QByteArray() << QByteArray() << u"entryUUID"_s;
    QTest::newRow("OpenLDAP none") << ol << QByteArray() << QByteArray() << QByteArray() << QByteArray()
                                   << u"entryUUID"_s;
    QTest::newRow("AD objectGUID") << ad << QByteArray() << AdStored << QByteArray() << AdStored
                                   << u"objectGUID"_s;
    QTest::newRow("AD consistency GUID wins")
        << ad << QByteArray() << AdStored << other << other << u"mS-DS-ConsistencyGuid"_s;
    QTest::newRow("AD short consistency GUID ignored")
        << ad << QByteArray() << AdStored << other.left(8) << AdStored << u"objectGUID"_s;
    QTest::newRow("AD short objectGUID")
        << ad << QByteArray() << AdStored.left(12) << QByteArray() << QByteArray() << u"objectGUID"_s;
}

void TestAnchor::dialectAnchor()
{
    QFETCH(int, type);
    QFETCH(QByteArray, entryUuid);
    QFETCH(QByteArray, objectGuid);
    QFETCH(QByteArray, consistencyGuid);
    QFETCH(QByteArray, anchor);
    QFETCH(QString, attribute);

    DirectoryEntry entry;
    entry.dn = u"cn=a,dc=example"_s;
    if (!entryUuid.isEmpty())
        entry.add(u"entryUUID"_s, entryUuid);
    if (!objectGuid.isEmpty())
        entry.add(u"objectGUID"_s, objectGuid);
    if (!consistencyGuid.isEmpty())
        entry.add(u"mS-DS-ConsistencyGuid"_s, consistencyGuid);
    const auto dialect = Dialect::create(DirectoryType(type));
    QCOMPARE(dialect->anchor(entry).toHex(), anchor.toHex());
    QCOMPARE(dialect->anchorAttribute(entry), attribute);
}

QTEST_GUILESS_MAIN(TestAnchor)
#include "tst_anchor.moc"
