// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The scope filter's inline validation: RFC 4515 syntax, and where the first problem is.
#include "source/ldapfilter.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

class TestLdapFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checkFilter_data();
    void checkFilter();
    void validity_data();
    void validity();
};

void TestLdapFilter::checkFilter_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("position");
    QTest::addColumn<QString>("message");

    const auto valid = [](const char *name, const QString &filter) {
        QTest::newRow(name) << filter << true << 0 << QString();
    };
    valid("equality", u"(departmentNumber=Sales)"_s);
    valid("value with spaces", u"(cn=Ada Lovelace)"_s);
    valid("empty value", u"(description=)"_s);
    valid("presence", u"(mail=*)"_s);
    valid("substring initial", u"(cn=Ad*)"_s);
    valid("substring any", u"(cn=*love*)"_s);
    valid("substring final", u"(mail=*@example.com)"_s);
    valid("substring all parts", u"(cn=A*a*e)"_s);
    valid("approx", u"(sn~=Lovlace)"_s);
    valid("greater or equal", u"(employeeNumber>=1000)"_s);
    valid("less or equal", u"(employeeNumber<=1999)"_s);
    valid("attribute options", u"(cn;lang-de;binary=x)"_s);
    valid("numeric OID attribute", u"(2.5.4.3=Ada)"_s);
    valid("escaped parentheses", u"(cn=Smith \\28Contractor\\29)"_s);
    valid("escaped asterisk and backslash", u"(cn=a\\2Ab\\5c)"_s);
    valid("escaped UTF-8 bytes", u"(sn=M\\c3\\bcller)"_s);
    valid("UTF-8 value", u"(sn=李)"_s);
    valid("extensible in-chain", u"(member:1.2.840.113556.1.4.1941:=cn=Staff,ou=Groups,dc=example,dc=com)"_s);
    valid("extensible named rule", u"(cn:caseExactMatch:=Fred)"_s);
    valid("extensible dn attributes", u"(ou:dn:=Sales)"_s);
    valid("extensible dn and rule", u"(ou:DN:caseIgnoreMatch:=Sales)"_s);
    valid("extensible rule only", u"(:1.2.3.4:=x)"_s);
    valid("extensible dn and rule only", u"(:dn:2.4.6.8.10:=Dino)"_s);
    valid("and", u"(&(objectClass=inetOrgPerson)(mail=*))"_s);
    valid("or", u"(|(a=1)(b=2)(c=3))"_s);
    valid("not", u"(!(title=Intern))"_s);
    valid("nested and or not",
          u"(&(|(departmentNumber=Sales)(departmentNumber=Engineering))(!(title=Intern)))"_s);
    valid("AD disabled bit", u"(!(userAccountControl:1.2.840.113556.1.4.803:=2))"_s);

    const auto invalid = [](const char *name, const QString &filter, int position, const QString &message) {
        QTest::newRow(name) << filter << false << position << message;
    };
    invalid("empty", QString(), 1, u"Filter: empty; write one such as (departmentNumber=Sales)"_s);
    invalid("no parentheses", u"uid=ada"_s, 1,
            u"Filter: missing \"(\" at position 1: a filter is enclosed in parentheses, as in (uid=ada)"_s);
    invalid("percent in unparenthesised text", u"cn=50%1"_s, 1,
            u"Filter: missing \"(\" at position 1: a filter is enclosed in parentheses, as in (cn=50%1)"_s);
    invalid("leading space", u" (uid=ada)"_s, 1, u"Filter: expected \"(\" at position 1"_s);
    invalid("unclosed", u"(uid=ada"_s, 1,
            u"Filter: unbalanced parenthesis at position 1 (this \"(\" is never closed)"_s);
    invalid("unclosed and", u"(&(uid=ada)(cn=Bob)"_s, 1,
            u"Filter: unbalanced parenthesis at position 1 (this \"(\" is never closed)"_s);
    invalid("unclosed inner", u"(&(uid=ada)(cn=Bob"_s, 12,
            u"Filter: unbalanced parenthesis at position 12 (this \"(\" is never closed)"_s);
    invalid("extra close", u"(&(uid=ada)(cn=Bob)))"_s, 21,
            u"Filter: unbalanced parenthesis at position 21 (a \")\" without its \"(\")"_s);
    invalid("trailing junk", u"(uid=ada)x"_s, 10,
            u"Filter: unexpected text after the filter at position 10"_s);
    invalid("two filters side by side", u"(uid=ada)(cn=Bob)"_s, 10,
            u"Filter: unexpected text after the filter at position 10"_s);
    invalid("empty parentheses", u"()"_s, 1, u"Filter: empty parentheses at position 1"_s);
    invalid("empty parentheses inside", u"(&(a=b)())"_s, 8, u"Filter: empty parentheses at position 8"_s);
    invalid("doubled parentheses", u"((cn=a))"_s, 2, u"Filter: attribute name expected at position 2"_s);
    invalid("missing attribute", u"(=ada)"_s, 2, u"Filter: attribute name expected at position 2"_s);
    invalid("space before attribute", u"( uid=ada)"_s, 2, u"Filter: attribute name expected at position 2"_s);
    invalid("= missing", u"(uid)"_s, 5, u"Filter: \"=\" missing at position 5"_s);
    invalid("greater without =", u"(employeeNumber>10)"_s, 16, u"Filter: \"=\" missing at position 16"_s);
    invalid("invalid attribute character", u"(u$id=ada)"_s, 3,
            u"Filter: invalid character \"$\" in the attribute name at position 3"_s);
    invalid(
        "attribute starting with a digit", u"(1uid=ada)"_s, 2,
        u"Filter: the name at position 2 must start with a letter, or be a numeric OID such as 2.5.4.3"_s);
    invalid("numeric OID ending in a dot", u"(2.5.=ada)"_s, 6,
            u"Filter: digit expected in the numeric OID at position 6"_s);
    invalid("empty option", u"(cn;=ada)"_s, 5,
            u"Filter: attribute option expected after \";\" at position 5"_s);
    invalid(
        "bad escape", u"(cn=a\\zz)"_s, 6,
        u"Filter: invalid escape at position 6: \"\\\" must be followed by two hex digits, as in \\2a for "
        u"\"*\""_s);
    invalid(
        "short escape", u"(cn=a\\2)"_s, 6,
        u"Filter: invalid escape at position 6: \"\\\" must be followed by two hex digits, as in \\2a for "
        u"\"*\""_s);
    invalid(
        "LDAPv2 escape", u"(cn=a\\(b)"_s, 6,
        u"Filter: invalid escape at position 6: \"\\\" must be followed by two hex digits, as in \\2a for "
        u"\"*\""_s);
    invalid("unescaped parenthesis in value", u"(cn=Smith (Contractor))"_s, 11,
            u"Filter: unescaped \"(\" in the value at position 11 (write \\28)"_s);
    invalid("asterisk with >=", u"(cn>=a*)"_s, 7,
            u"Filter: \"*\" at position 7 is allowed only after \"=\" (write \\2a for an asterisk)"_s);
    invalid("two asterisks", u"(cn=a**b)"_s, 7, u"Filter: two \"*\" in a row at position 7"_s);
    invalid("empty and", u"(&)"_s, 2,
            u"Filter: \"&\" at position 2 needs at least one filter in parentheses after it"_s);
    invalid("or with a bare item", u"(|uid=a)"_s, 3, u"Filter: expected \"(\" or \")\" at position 3"_s);
    invalid("not without parentheses", u"(!uid=a)"_s, 3,
            u"Filter: expected \"(\" after \"!\" at position 3"_s);
    invalid("not with two", u"(!(a=b)(c=d))"_s, 8,
            u"Filter: \"!\" takes one filter; another begins at position 8"_s);
    invalid("extensible without := ", u"(cn:caseExactMatch=Fred)"_s, 19,
            u"Filter: expected \":=\" at position 19"_s);
    invalid("extensible without attribute or rule", u"(:dn:=x)"_s, 2,
            u"Filter: an extensible match without an attribute needs a matching rule, as in "
            u"(:caseExactMatch:=Sales), at position 2"_s);
    invalid("extensible empty rule", u"(cn::=x)"_s, 5, u"Filter: matching rule expected at position 5"_s);
    invalid("too deep", QString(u"(!"_s.repeated(101) + u"(a=b)"_s + u")"_s.repeated(101)), 201,
            u"Filter: nested more than 100 levels deep at position 201"_s);
}

void TestLdapFilter::checkFilter()
{
    QFETCH(QString, filter);
    QFETCH(bool, ok);
    QFETCH(int, position);
    QFETCH(QString, message);

    const Ldap::FilterCheck check = Ldap::checkFilter(filter);
    QCOMPARE(check.message, message);
    QCOMPARE(check.ok, ok);
    QCOMPARE(check.position, position);
}

void TestLdapFilter::validity_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("valid");

    QTest::newRow("equality") << u"(cn=John)"_s << true;
    QTest::newRow("presence") << u"(objectClass=*)"_s << true;
    QTest::newRow("substring") << u"(cn=Jo*n*)"_s << true;
    QTest::newRow("and") << u"(&(objectClass=person)(mail=*))"_s << true;
    QTest::newRow("or") << u"(|(a=1)(b=2)(c=3))"_s << true;
    QTest::newRow("not") << u"(!(cn=x))"_s << true;
    QTest::newRow("nested") << u"(&(|(a=1)(b=2))(!(c=3)))"_s << true;
    QTest::newRow("greater or equal") << u"(uidNumber>=1000)"_s << true;
    QTest::newRow("less or equal") << u"(uidNumber<=1000)"_s << true;
    QTest::newRow("approx") << u"(cn~=jon)"_s << true;
    QTest::newRow("escaped value") << u"(cn=a\\2ab\\28\\29)"_s << true;
    QTest::newRow("attribute option") << u"(cn;lang-en=x)"_s << true;
    QTest::newRow("OID attribute") << u"(2.5.4.3=x)"_s << true;
    QTest::newRow("extensible") << u"(cn:caseExactMatch:=Fred)"_s << true;
    QTest::newRow("AD in-chain") << u"(memberOf:1.2.840.113556.1.4.1941:=cn=g,dc=example)"_s << true;
    QTest::newRow("UTF-8 value") << u"(sn=Müller)"_s << true;

    QTest::newRow("empty") << QString() << false;
    QTest::newRow("no parentheses") << u"cn=John"_s << false;
    QTest::newRow("unclosed") << u"(cn=John"_s << false;
    QTest::newRow("extra close") << u"(cn=John))"_s << false;
    QTest::newRow("two filters side by side") << u"(cn=a)(sn=b)"_s << false;
    QTest::newRow("doubled parentheses") << u"((cn=a))"_s << false;
    QTest::newRow("empty and") << u"(&)"_s << false;
    QTest::newRow("not with two") << u"(!(a=b)(c=d))"_s << false;
    QTest::newRow("unclosed and") << u"(&(cn=x)"_s << false;
    QTest::newRow("bare paren in value") << u"(cn=a(b)"_s << false;
    QTest::newRow("bad escape") << u"(cn=a\\zz)"_s << false;
    QTest::newRow("short escape") << u"(cn=a\\2)"_s << false;
    QTest::newRow("missing attribute") << u"(=x)"_s << false;
    QTest::newRow("greater without =") << u"(cn>x)"_s << false;
    QTest::newRow("no operator") << u"(cn)"_s << false;
}

void TestLdapFilter::validity()
{
    QFETCH(QString, filter);
    QFETCH(bool, valid);
    QCOMPARE(Ldap::checkFilter(filter).ok, valid);
}

QTEST_GUILESS_MAIN(TestLdapFilter)
#include "tst_ldapfilter.moc"
