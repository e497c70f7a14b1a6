// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "source/ldapdn.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

class TestLdapDn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escapeDnValue_data();
    void escapeDnValue();
    void escapeFilterValue_data();
    void escapeFilterValue();
    void normalizeDn_data();
    void normalizeDn();
    void normalizeDnEquivalence_data();
    void normalizeDnEquivalence();
    void parseRangeOption_data();
    void parseRangeOption();
    void firstRdnValue_data();
    void firstRdnValue();
    void classifyBindName_data();
    void classifyBindName();
    void isWithin_data();
    void isWithin();
};

void TestLdapDn::escapeDnValue_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << u"John Smith"_s << u"John Smith"_s;
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("leading space") << u" John"_s << u"\\ John"_s;
    QTest::newRow("trailing space") << u"John "_s << u"John\\ "_s;
    QTest::newRow("only a space") << u" "_s << u"\\ "_s;
    QTest::newRow("spaces at both ends") << u"  x  "_s << u"\\  x \\ "_s;
    QTest::newRow("leading hash") << u"#1"_s << u"\\#1"_s;
    QTest::newRow("inner hash") << u"a#1"_s << u"a#1"_s;
    QTest::newRow("comma") << u"Smith, John"_s << u"Smith\\, John"_s;
    QTest::newRow("plus") << u"a+b"_s << u"a\\+b"_s;
    QTest::newRow("double quote") << u"a\"b"_s << u"a\\\"b"_s;
    QTest::newRow("backslash") << u"a\\b"_s << u"a\\\\b"_s;
    QTest::newRow("angle brackets") << u"<a>"_s << u"\\<a\\>"_s;
    QTest::newRow("semicolon") << u"a;b"_s << u"a\\;b"_s;
    QTest::newRow("equals") << u"a=b"_s << u"a\\=b"_s;
    QTest::newRow("NUL") << u"a\0b"_s << u"a\\00b"_s;
    // Found by fuzz_ldapdn: a trailing tab was lost to trimming; control characters go as hex pairs.
    QTest::newRow("tab and vertical tab") << u"a\tb\v"_s << u"a\\09b\\0B"_s;
    QTest::newRow("escape and DEL") << u"\x1b[0m\x7f"_s << u"\\1B[0m\\7F"_s;
    QTest::newRow("UTF-8 Latin") << u"Jürgen Müller"_s << u"Jürgen Müller"_s;
    QTest::newRow("UTF-8 CJK") << u"李小龙"_s << u"李小龙"_s;
    QTest::newRow("UTF-8 with comma") << u"Ünal, Ali"_s << u"Ünal\\, Ali"_s;
}

void TestLdapDn::escapeDnValue()
{
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QCOMPARE(Ldap::escapeDnValue(value), expected);
}

void TestLdapDn::escapeFilterValue_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << u"john"_s << u"john"_s;
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("asterisk") << u"*"_s << u"\\2a"_s;
    QTest::newRow("parentheses") << u"a(b)c"_s << u"a\\28b\\29c"_s;
    QTest::newRow("backslash") << u"a\\b"_s << u"a\\5cb"_s;
    QTest::newRow("NUL") << u"a\0b"_s << u"a\\00b"_s;
    QTest::newRow("all specials") << u"*()\\"_s << u"\\2a\\28\\29\\5c"_s;
    QTest::newRow("DN characters untouched") << u"cn=a,dc=b"_s << u"cn=a,dc=b"_s;
    QTest::newRow("UTF-8") << u"Müller"_s << u"Müller"_s;
}

void TestLdapDn::escapeFilterValue()
{
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QCOMPARE(Ldap::escapeFilterValue(value), expected);
}

void TestLdapDn::parseRangeOption_data()
{
    QTest::addColumn<QString>("description");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("low");
    QTest::addColumn<qint64>("high");

    QTest::newRow("first range") << u"member;range=0-1499"_s << true << qint64(0) << qint64(1499);
    QTest::newRow("middle range") << u"member;range=1500-2999"_s << true << qint64(1500) << qint64(2999);
    QTest::newRow("last range") << u"member;range=3000-*"_s << true << qint64(3000) << qint64(-1);
    QTest::newRow("any case") << u"Member;Range=0-*"_s << true << qint64(0) << qint64(-1);
    QTest::newRow("no range") << u"member"_s << false << qint64(0) << qint64(0);
    QTest::newRow("other attribute") << u"memberOf;range=0-1"_s << false << qint64(0) << qint64(0);
    QTest::newRow("no upper bound") << u"member;range=0-"_s << false << qint64(0) << qint64(0);
    QTest::newRow("no lower bound") << u"member;range=-5"_s << false << qint64(0) << qint64(0);
    QTest::newRow("not numbers") << u"member;range=a-b"_s << false << qint64(0) << qint64(0);
    QTest::newRow("upper below lower") << u"member;range=10-5"_s << false << qint64(0) << qint64(0);
}

void TestLdapDn::parseRangeOption()
{
    QFETCH(QString, description);
    QFETCH(bool, ok);
    QFETCH(qint64, low);
    QFETCH(qint64, high);
    qint64 l = 0, h = 0;
    QCOMPARE(Ldap::parseRangeOption(description, u"member"_s, &l, &h), ok);
    if (ok) {
        QCOMPARE(l, low);
        QCOMPARE(h, high);
    }
}

void TestLdapDn::firstRdnValue_data()
{
    QTest::addColumn<QString>("dn");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << u"uid=jdoe,ou=People,dc=example"_s << u"jdoe"_s;
    QTest::newRow("escaped comma") << u"CN=Doe\\, John,OU=Staff,DC=ad"_s << u"Doe, John"_s;
    QTest::newRow("unicode") << u"cn=Zoë Ångström,dc=x"_s << u"Zoë Ångström"_s;
    QTest::newRow("hex-escaped UTF-8") << u"cn=Zo\\C3\\AB,dc=x"_s << u"Zoë"_s;
    QTest::newRow("multi-valued RDN: the first value") << u"cn=A+uid=b,dc=x"_s << u"A"_s;
    QTest::newRow("not a DN") << u"not a dn"_s << u"not a dn"_s;
    QTest::newRow("empty") << QString() << QString();
    // Found by fuzz_ldapdn: trimming took the space an escape keeps.
    QTest::newRow("escaped trailing space") << u"cn=\\ both ends\\ "_s << u" both ends "_s;
    QTest::newRow("escaped trailing space, then blanks") << u"cn=x\\  "_s << u"x "_s;
    // Found by fuzz_ldapdn: a value ending in a Unicode space other than U+0020 lost it to trimming.
    QTest::newRow("trailing next-line character") << u"cn=1\u0085"_s << u"1\u0085"_s;
    QTest::newRow("trailing no-break space") << u"cn=1\u00a0"_s << u"1\u00a0"_s;
}

void TestLdapDn::firstRdnValue()
{
    QFETCH(QString, dn);
    QFETCH(QString, expected);
    QCOMPARE(Ldap::firstRdnValue(dn), expected);
}

void TestLdapDn::normalizeDn_data()
{
    QTest::addColumn<QString>("dn");
    QTest::addColumn<QString>("expected");

    const QString people = u"cn=john smith,ou=people,dc=example,dc=com"_s;
    QTest::newRow("already normal") << people << people;
    QTest::newRow("upper case") << u"CN=John Smith,OU=People,DC=Example,DC=COM"_s << people;
    QTest::newRow("spaces after commas") << u"cn=John Smith, ou=People, dc=example, dc=com"_s << people;
    QTest::newRow("spaces around =") << u"cn = John Smith,ou = People,dc=example,dc=com"_s << people;
    QTest::newRow("surrounding blanks") << u"  cn=John Smith,ou=People,dc=example,dc=com  "_s << people;
    // Found by fuzz_ldapdn: a value ending in an escaped space is a DN, and a NUL is never cut off at.
    QTest::newRow("escaped trailing space") << u"cn=x\\ ,dc=com"_s << u"cn=x\\20,dc=com"_s;
    QTest::newRow("escaped trailing space at the end") << u"dc=com,cn=x\\ "_s << u"dc=com,cn=x\\20"_s;
    QTest::newRow("escaped backslash, then a blank") << u"cn=x\\\\ "_s << u"cn=x\\5c"_s;
    QTest::newRow("raw NUL") << u"cn=a\0,dc=evil"_s << QString();
    // Found by fuzz_ldapdn: an escaped form feed came back raw, and normalising again trimmed it away.
    QTest::newRow("escaped form feed") << u"c=\\0c"_s << u"c=\\0c"_s;
    QTest::newRow("raw tab inside") << u"cn=a\tb,dc=x"_s << u"cn=a\\09b,dc=x"_s;
    // Found by fuzz_ldapdn: libldap read "#" and blanks as an empty BER value, and wrote back what it
    // refuses.
    QTest::newRow("empty BER value") << u"uid=#   h99"_s << QString();
    QTest::newRow("BER value") << u"uid=#04024869,dc=x"_s << u"uid=#04024869,dc=x"_s;
    QTest::newRow("UTF-8 folded") << u"CN=JÜRGEN,DC=example"_s << u"cn=jürgen,dc=example"_s;
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("blank") << u"   "_s << QString();
    QTest::newRow("no equals") << u"not a dn"_s << QString();
    QTest::newRow("empty RDN") << u"cn=a,,dc=b"_s << QString();
    QTest::newRow("missing type") << u"=a,dc=b"_s << QString();
}

void TestLdapDn::normalizeDn()
{
    QFETCH(QString, dn);
    QFETCH(QString, expected);
    QCOMPARE(Ldap::normalizeDn(dn), expected);
}

void TestLdapDn::normalizeDnEquivalence_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("equal");

    QTest::newRow("escaped comma, char vs hex")
        << u"cn=Smith\\, John,dc=example"_s << u"cn=Smith\\2C John,dc=example"_s << true;
    QTest::newRow("escaped comma, hex case")
        << u"cn=Smith\\2c John,dc=example"_s << u"cn=Smith\\2C John,dc=example"_s << true;
    QTest::newRow("escaped plus") << u"cn=a\\+b,dc=example"_s << u"cn=a\\2Bb,dc=example"_s << true;
    QTest::newRow("hex UTF-8 vs literal")
        << u"cn=J\\C3\\BCrgen,dc=example"_s << u"cn=Jürgen,dc=example"_s << true;
    QTest::newRow("escaped leading space") << u"cn=\\ a,dc=example"_s << u"cn=\\20a,dc=example"_s << true;
    QTest::newRow("case and spacing") << u"CN=A, DC=Example"_s << u"cn=a,dc=example"_s << true;
    QTest::newRow("escaped comma is not a separator")
        << u"cn=a\\,dc=example"_s << u"cn=a,dc=example"_s << false;
    QTest::newRow("different values") << u"cn=a,dc=example"_s << u"cn=b,dc=example"_s << false;
    QTest::newRow("multi-valued RDN vs two RDNs")
        << u"cn=a+sn=b,dc=example"_s << u"cn=a,sn=b,dc=example"_s << false;
}

void TestLdapDn::normalizeDnEquivalence()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, equal);
    const QString na = Ldap::normalizeDn(a);
    const QString nb = Ldap::normalizeDn(b);
    QVERIFY2(!na.isEmpty(), qPrintable(a));
    QVERIFY2(!nb.isEmpty(), qPrintable(b));
    QCOMPARE(na == nb, equal);
}

void TestLdapDn::isWithin_data()
{
    QTest::addColumn<QString>("dn");
    QTest::addColumn<QString>("base");
    QTest::addColumn<bool>("within");

    const QString base = u"ou=people,dc=example,dc=com"_s;
    QTest::newRow("the base itself") << base << base << true;
    QTest::newRow("child") << u"cn=a,ou=people,dc=example,dc=com"_s << base << true;
    QTest::newRow("grandchild") << u"cn=a,ou=x,ou=people,dc=example,dc=com"_s << base << true;
    QTest::newRow("case and spacing folded") << u"CN=A, OU=People, DC=Example, DC=com"_s << base << true;
    QTest::newRow("sibling") << u"cn=a,ou=groups,dc=example,dc=com"_s << base << false;
    QTest::newRow("parent") << u"dc=example,dc=com"_s << base << false;
    QTest::newRow("suffix without boundary") << u"cn=a,subou=people,dc=example,dc=com"_s << base << false;
    QTest::newRow("escaped comma before base")
        << u"cn=a\\,ou=people,dc=example,dc=com"_s << u"ou=people,dc=example,dc=com"_s << false;
    QTest::newRow("root holds everything") << u"cn=a,dc=example,dc=com"_s << QString() << true;
}

void TestLdapDn::isWithin()
{
    QFETCH(QString, dn);
    QFETCH(QString, base);
    QFETCH(bool, within);
    // isWithin takes normalised DNs, as every caller in the engine passes them.
    const QString n = Ldap::normalizeDn(dn);
    const QString nb = Ldap::normalizeDn(base);
    QVERIFY(!n.isEmpty());
    QCOMPARE(Ldap::isWithin(n, nb), within);
}

void TestLdapDn::classifyBindName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("form");

    const int dn = int(Ldap::BindName::Dn), upn = int(Ldap::BindName::UserPrincipalName),
              downLevel = int(Ldap::BindName::DownLevel), invalid = int(Ldap::BindName::Invalid);
    QTest::newRow("DN") << u"cn=updraft,ou=Service,dc=example,dc=com"_s << dn;
    QTest::newRow("AD DN with spaces") << u"CN=Svc Updraft,CN=Users,DC=corp,DC=example"_s << dn;
    QTest::newRow("UPN") << u"svc-updraft@corp.example.com"_s << upn;
    QTest::newRow("UPN, single-label suffix") << u"svc@corp"_s << upn;
    QTest::newRow("UPN with a dot and digits") << u"svc.updraft2@sub.corp.example"_s << upn;
    QTest::newRow("down-level") << u"CORP\\svc-updraft"_s << downLevel;
    QTest::newRow("down-level, dotted domain") << u"corp.ex\\svc"_s << downLevel;
    QTest::newRow("two @") << u"a@b@c"_s << invalid;
    QTest::newRow("@ first") << u"@corp.example.com"_s << invalid;
    QTest::newRow("space in a UPN") << u"svc updraft@corp.example.com"_s << invalid;
    QTest::newRow("domain longer than 15") << u"ABCDEFGHIJKLMNOP\\svc"_s << invalid;
    QTest::newRow("account longer than 20") << u"CORP\\abcdefghijklmnopqrstu"_s << invalid;
    QTest::newRow("two backslashes") << u"CORP\\a\\b"_s << invalid;
    QTest::newRow("a bare name") << u"admin"_s << invalid;
    QTest::newRow("empty") << QString() << invalid;
}

void TestLdapDn::classifyBindName()
{
    QFETCH(QString, name);
    QFETCH(int, form);
    QCOMPARE(int(Ldap::classifyBindName(name)), form);
}

QTEST_GUILESS_MAIN(TestLdapDn)
#include "tst_ldapdn.moc"
