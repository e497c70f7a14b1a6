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
    void forms_data();
    void forms();
    void chosenAnchor_data();
    void chosenAnchor();
    void typeFromRootDse_data();
    void typeFromRootDse();
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
    // Another attribute chosen as the anchor: its value, whatever its length, up to a limit.
    QTest::newRow("a text value") << QByteArray("E-10042") << u"RS0xMDA0Mg=="_s;
    QTest::newRow("256 bytes") << QByteArray(256, 'a')
                               << QString::fromLatin1(QByteArray(256, 'a').toBase64());
    QTest::newRow("257 bytes") << QByteArray(257, 'a') << QString();
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

void TestAnchor::forms_data()
{
    QTest::addColumn<QString>("attribute");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("bytes"); // hex; empty: not an anchor
    QTest::addColumn<QString>("filterValue");

    QTest::newRow("entryUUID") << u"entryUUID"_s << QByteArray("12345678-1234-5678-9abc-def012345678")
                               << Rfc4122.toHex() << u"12345678-1234-5678-9abc-def012345678"_s;
    QTest::newRow("entryUUID, any case")
        << u"ENTRYUUID"_s << QByteArray("12345678-1234-5678-9ABC-DEF012345678") << Rfc4122.toHex()
        << u"12345678-1234-5678-9abc-def012345678"_s;
    QTest::newRow("entryUUID malformed")
        << u"entryUUID"_s << QByteArray("12345678") << QByteArray() << QString();
    QTest::newRow("nsUniqueId") << u"nsUniqueId"_s << QByteArray("66a8a981-3c1a11e1-80a6c8c9-3c0e4c67")
                                << QByteArray("66a8a9813c1a11e180a6c8c93c0e4c67")
                                << u"66a8a981-3c1a11e1-80a6c8c9-3c0e4c67"_s;
    QTest::newRow("nsUniqueId upper case")
        << u"nsuniqueid"_s << QByteArray("66A8A981-3C1A11E1-80A6C8C9-3C0E4C67")
        << QByteArray("66a8a9813c1a11e180a6c8c93c0e4c67") << u"66a8a981-3c1a11e1-80a6c8c9-3c0e4c67"_s;
    QTest::newRow("nsUniqueId as a UUID")
        << u"nsUniqueId"_s << QByteArray("12345678-1234-5678-9abc-def012345678") << QByteArray() << QString();
    QTest::newRow("nsUniqueId, a non-hex digit")
        << u"nsUniqueId"_s << QByteArray("66a8a981-3c1a11e1-80a6c8c9-3c0e4c6g") << QByteArray() << QString();
    QTest::newRow("nsUniqueId, three groups")
        << u"nsUniqueId"_s << QByteArray("66a8a981-3c1a11e1-80a6c8c93c0e4c67") << QByteArray() << QString();
    QTest::newRow("objectGUID") << u"objectGUID"_s << AdStored << AdStored.toHex()
                                << u"\\78\\56\\34\\12\\34\\12\\78\\56\\9a\\bc\\de\\f0\\12\\34\\56\\78"_s;
    QTest::newRow("objectGUID, 12 bytes")
        << u"objectGUID"_s << AdStored.left(12) << QByteArray() << QString();
    QTest::newRow("another attribute") << u"employeeNumber"_s << QByteArray("E-1(2)*")
                                       << QByteArray("E-1(2)*").toHex() << u"E-1\\282\\29\\2a"_s;
    QTest::newRow("another attribute, UTF-8")
        << u"uid"_s << QByteArray("zoë") << QByteArray("zoë").toHex() << u"zoë"_s;
    QTest::newRow("another attribute, too long")
        << u"uid"_s << QByteArray(300, 'x') << QByteArray() << QString();
}

void TestAnchor::forms()
{
    QFETCH(QString, attribute);
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, filterValue);
    const Anchor::Form form = Anchor::formOf(attribute);
    const QByteArray anchor = Anchor::bytesFromValue(form, value);
    QCOMPARE(anchor.toHex(), bytes);
    if (!anchor.isEmpty())
        QCOMPARE(Anchor::filterValue(form, anchor), filterValue);
}

void TestAnchor::chosenAnchor_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("configured"); // source.anchorAttribute; empty: the type's default
    QTest::addColumn<QString>("attribute");  // the attribute that supplies the anchor
    QTest::addColumn<QByteArrayList>("values");
    QTest::addColumn<QByteArray>("anchor"); // hex; empty: none
    QTest::addColumn<QString>("problem");   // part of anchorProblem() when there is none
    QTest::addColumn<QString>("filter");

    const int ol = int(DirectoryType::OpenLdap);
    const int ds = int(DirectoryType::Dirsrv);
    const QByteArray unique("66a8a981-3c1a11e1-80a6c8c9-3c0e4c67");
    QTest::newRow("389: nsUniqueId by default")
        << ds << QString() << u"nsUniqueId"_s << QByteArrayList{unique}
        << QByteArray("66a8a9813c1a11e180a6c8c93c0e4c67") << QString()
        << u"(nsUniqueId=66a8a981-3c1a11e1-80a6c8c9-3c0e4c67)"_s;
    QTest::newRow("389: entryUUID chosen, missing")
        << ds << u"entryUUID"_s << u"nsUniqueId"_s << QByteArrayList{unique} << QByteArray()
        << u"the entry has no entryUUID, the anchor attribute. Entries imported before 389's entryUUID plugin"_s
        << QString();
    QTest::newRow("OpenLDAP: entryUUID missing")
        << ol << QString() << u"cn"_s << QByteArrayList{"a"} << QByteArray()
        << u"the entry has no entryUUID, the anchor attribute. OpenLDAP gives every entry"_s << QString();
    QTest::newRow("OpenLDAP: employeeNumber chosen")
        << ol << u"employeeNumber"_s << u"employeeNumber"_s << QByteArrayList{"10042"}
        << QByteArray("10042").toHex() << QString() << u"(employeeNumber=10042)"_s;
    QTest::newRow("two values") << ol << u"employeeNumber"_s << u"employeeNumber"_s
                                << QByteArrayList{"1", "2"} << QByteArray()
                                << u"employeeNumber has 2 values; an anchor must have exactly one"_s
                                << QString();
    QTest::newRow("malformed")
        << ds << QString() << u"nsUniqueId"_s << QByteArrayList{"nope"} << QByteArray()
        << u"nsUniqueId \"nope\" is not an nsUniqueId (four groups of eight hex digits)"_s << QString();
}

void TestAnchor::chosenAnchor()
{
    QFETCH(int, type);
    QFETCH(QString, configured);
    QFETCH(QString, attribute);
    QFETCH(QByteArrayList, values);
    QFETCH(QByteArray, anchor);
    QFETCH(QString, problem);
    QFETCH(QString, filter);

    DirectoryEntry entry;
    entry.dn = u"uid=a,ou=People,dc=example,dc=com"_s;
    for (const QByteArray &v : values)
        entry.add(attribute, v);
    const auto dialect = Dialect::create(DirectoryType(type), configured);
    const QString expected =
        configured.isEmpty() ? DirectoryTypes::defaultAnchorAttribute(DirectoryType(type)) : configured;
    QCOMPARE(dialect->anchorAttribute(entry), expected);
    QVERIFY(dialect->userAttributes().contains(expected));
    const QByteArray bytes = dialect->anchor(entry);
    QCOMPARE(bytes.toHex(), anchor);
    if (bytes.isEmpty())
        QVERIFY2(dialect->anchorProblem(entry).contains(problem), qPrintable(dialect->anchorProblem(entry)));
    else
        QCOMPARE(dialect->anchorFilter(bytes), filter);
}

void TestAnchor::typeFromRootDse_data()
{
    QTest::addColumn<QStringList>("attributes"); // name=value
    QTest::addColumn<bool>("known");
    QTest::addColumn<int>("type");

    QTest::newRow("389 DS 2.3") << QStringList{u"vendorName=389 Project"_s,
                                               u"vendorVersion=389-Directory/2.3.1 B2023.101.1500"_s}
                                << true << int(DirectoryType::Dirsrv);
    QTest::newRow("Red Hat Directory Server")
        << QStringList{u"vendorName=Red Hat, Inc."_s, u"vendorVersion=Red Hat-Directory/11.5"_s} << true
        << int(DirectoryType::Dirsrv);
    QTest::newRow("Samba AD DC") << QStringList{u"supportedCapabilities=1.2.840.113556.1.4.800"_s,
                                                u"supportedCapabilities=1.2.840.113556.1.4.1670"_s}
                                 << true << int(DirectoryType::ActiveDirectory);
    QTest::newRow("OpenLDAP") << QStringList{u"objectClass=top"_s, u"objectClass=OpenLDAProotDSE"_s} << true
                              << int(DirectoryType::OpenLdap);
    QTest::newRow("silent") << QStringList{u"objectClass=top"_s} << false << 0;
    QTest::newRow("another vendor") << QStringList{u"vendorName=Example Corp"_s} << false << 0;
}

void TestAnchor::typeFromRootDse()
{
    QFETCH(QStringList, attributes);
    QFETCH(bool, known);
    QFETCH(int, type);
    DirectoryEntry root;
    for (const QString &a : attributes)
        root.add(a.section(u'=', 0, 0), a.section(u'=', 1).toUtf8());
    DirectoryType found = DirectoryType::OpenLdap;
    QCOMPARE(DirectoryTypes::fromRootDse(root, &found), known);
    if (known)
        QCOMPARE(int(found), type);
}

QTEST_GUILESS_MAIN(TestAnchor)
#include "tst_anchor.moc"
