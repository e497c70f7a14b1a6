// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/expression.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

// "name=value" rows; a name may repeat for a multi-valued attribute.
DirectoryEntry entryOf(const QStringList &attributes)
{
    DirectoryEntry e;
    e.dn = u"cn=test,dc=example,dc=com"_s;
    for (const QString &a : attributes) {
        const qsizetype eq = a.indexOf(u'=');
        e.add(a.left(eq), a.mid(eq + 1).toUtf8());
    }
    return e;
}

// Literal JSON for an expected value; "undefined" for none.
QJsonValue jsonOf(const QString &text)
{
    if (text == u"undefined"_s)
        return QJsonValue(QJsonValue::Undefined);
    const QJsonDocument doc = QJsonDocument::fromJson(u"[%1]"_s.arg(text).toUtf8());
    Q_ASSERT_X(doc.isArray(), "jsonOf", qPrintable(text));
    return doc.array().at(0);
}

QString textOf(const QJsonValue &v)
{
    if (v.isUndefined())
        return u"undefined"_s;
    const QByteArray a = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(a.mid(1, a.size() - 2));
}

} // namespace

class TestExpression : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void evaluate_data();
    void evaluate();
    void parseErrors_data();
    void parseErrors();
    void collectAttributes_data();
    void collectAttributes();
    void factories();
};

void TestExpression::evaluate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("attributes");
    QTest::addColumn<QString>("expected"); // JSON

    const QStringList john{u"uid=jdoe"_s,
                           u"mail=John.Doe@Example.com"_s,
                           u"givenName=John"_s,
                           u"sn=Doe"_s,
                           u"cn=John Doe"_s,
                           u"userAccountControl=514"_s,
                           u"manager=CN=Boss,DC=Example,DC=com"_s,
                           u"empty="_s,
                           u"padded=  x  "_s};

    QTest::newRow("string") << u"\"abc\""_s << john << u"\"abc\""_s;
    QTest::newRow("escaped quote") << u"\"a\\\"b\""_s << john << u"\"a\\\"b\""_s;
    QTest::newRow("integer") << u"42"_s << john << u"42"_s;
    QTest::newRow("negative decimal") << u"-1.5"_s << john << u"-1.5"_s;
    QTest::newRow("true") << u"true"_s << john << u"true"_s;
    QTest::newRow("false") << u"false"_s << john << u"false"_s;
    QTest::newRow("null") << u"null"_s << john << u"null"_s;
    QTest::newRow("attribute") << u"uid"_s << john << u"\"jdoe\""_s;
    QTest::newRow("attribute name case") << u"GIVENNAME"_s << john << u"\"John\""_s;
    QTest::newRow("absent attribute") << u"mobile"_s << john << u"null"_s;
    QTest::newRow("first of many values")
        << u"mail"_s << QStringList{u"mail=a@x"_s, u"mail=b@x"_s} << u"\"a@x\""_s;
    QTest::newRow("variable") << u"$domain"_s << john << u"\"example.com\""_s;
    QTest::newRow("unknown variable") << u"$nope"_s << john << u"null"_s;
    QTest::newRow("coalesce first") << u"coalesce(mail, uid)"_s << john << u"\"John.Doe@Example.com\""_s;
    QTest::newRow("coalesce skips absent") << u"coalesce(mobile, uid)"_s << john << u"\"jdoe\""_s;
    QTest::newRow("coalesce skips empty") << u"coalesce(empty, uid)"_s << john << u"\"jdoe\""_s;
    QTest::newRow("coalesce all absent") << u"coalesce(mobile, title)"_s << john << u"null"_s;
    QTest::newRow("concat") << u"concat(uid, \"@\", $domain)"_s << john << u"\"jdoe@example.com\""_s;
    QTest::newRow("concat with null") << u"concat(uid, mobile)"_s << john << u"null"_s;
    QTest::newRow("concat number") << u"concat(\"n\", 1)"_s << john << u"\"n1\""_s;
    QTest::newRow("lower") << u"lower(mail)"_s << john << u"\"john.doe@example.com\""_s;
    QTest::newRow("upper") << u"upper(sn)"_s << john << u"\"DOE\""_s;
    QTest::newRow("trim") << u"trim(padded)"_s << john << u"\"x\""_s;
    QTest::newRow("lower of absent") << u"lower(mobile)"_s << john << u"null"_s;
    QTest::newRow("replace") << u"replace(mail, \"Example.com\", \"example.net\")"_s << john
                             << u"\"John.Doe@example.net\""_s;
    QTest::newRow("present") << u"present(mail)"_s << john << u"true"_s;
    QTest::newRow("present absent") << u"present(mobile)"_s << john << u"false"_s;
    QTest::newRow("present empty") << u"present(empty)"_s << john << u"false"_s;
    QTest::newRow("not true") << u"not(true)"_s << john << u"false"_s;
    QTest::newRow("not null") << u"not(null)"_s << john << u"true"_s;
    QTest::newRow("not \"0\"") << u"not(\"0\")"_s << john << u"true"_s;
    QTest::newRow("not \"FALSE\"") << u"not(\"FALSE\")"_s << john << u"true"_s;
    QTest::newRow("not text") << u"not(\"yes\")"_s << john << u"false"_s;
    QTest::newRow("flag set") << u"flag(userAccountControl, 2)"_s << john << u"true"_s;
    QTest::newRow("flag clear") << u"flag(userAccountControl, 2)"_s
                                << QStringList{u"userAccountControl=512"_s} << u"false"_s;
    QTest::newRow("flag absent") << u"flag(userAccountControl, 2)"_s << QStringList() << u"false"_s;
    QTest::newRow("ref normalises") << u"ref(manager)"_s << john
                                    << u"{\"$ref\": \"cn=boss,dc=example,dc=com\"}"_s;
    QTest::newRow("ref absent") << u"ref(mobile)"_s << john << u"null"_s;
    QTest::newRow("ref not a DN") << u"ref(uid)"_s << john << u"null"_s;
    QTest::newRow("function name case") << u"LOWER(sn)"_s << john << u"\"doe\""_s;
    QTest::newRow("blanks everywhere") << u"  coalesce ( mobile ,  uid )  "_s << john << u"\"jdoe\""_s;
    QTest::newRow("nested") << u"upper(concat(givenName, \" \", sn))"_s << john << u"\"JOHN DOE\""_s;
    QTest::newRow("no entry attributes")
        << u"coalesce(mail, concat(uid, \"@\", $domain))"_s << QStringList() << u"null"_s;
}

void TestExpression::evaluate()
{
    QFETCH(QString, text);
    QFETCH(QStringList, attributes);
    QFETCH(QString, expected);

    QString error;
    const auto e = Expression::parse(text, &error);
    QVERIFY2(e, qPrintable(error));
    QVERIFY(error.isEmpty());
    const DirectoryEntry entry = entryOf(attributes);
    const ExpressionContext context{&entry, {{u"domain"_s, u"example.com"_s}}};
    QCOMPARE(textOf(e->evaluate(context)), textOf(jsonOf(expected)));
}

void TestExpression::parseErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error"); // the message starts with this

    QTest::newRow("empty") << QString() << u"at character 1: an expression is missing"_s;
    QTest::newRow("unclosed call") << u"lower(mail"_s
                                   << u"at character 11: expected \",\" or \")\" in lower()"_s;
    QTest::newRow("unclosed string") << u"\"abc"_s << u"at character 5: a string is not closed"_s;
    QTest::newRow("unknown function")
        << u"frobnicate(x)"_s << u"at character 1: unknown function \"frobnicate\"; known: "_s;
    QTest::newRow("too few arguments")
        << u"concat()"_s << u"at character 9: concat() takes at least 1 argument, got 0"_s;
    QTest::newRow("too many arguments")
        << u"lower(a, b)"_s << u"at character 12: lower() takes 1 argument, got 2"_s;
    QTest::newRow("replace arity") << u"replace(a, b)"_s
                                   << u"at character 14: replace() takes 3 arguments, got 2"_s;
    QTest::newRow("present of literal")
        << u"present(\"x\")"_s << u"at character 12: present() takes an attribute name"_s;
    QTest::newRow("ref of call") << u"ref(lower(manager))"_s
                                 << u"at character 19: ref() takes an attribute name"_s;
    QTest::newRow("bare $") << u"$"_s << u"at character 2: a variable name is missing after $"_s;
    QTest::newRow("trailing text") << u"mail extra"_s << u"at character 6: unexpected \"extra\""_s;
    QTest::newRow("lone minus") << u"-"_s << u"at character 2: not a number"_s;
    QTest::newRow("two dots") << u"1.2.3"_s << u"at character 6: not a number"_s;
    QTest::newRow("stray paren") << u")"_s << u"at character 1: unexpected \")\""_s;
    QTest::newRow("missing argument") << u"coalesce(mail,)"_s << u"at character 15: unexpected \")\""_s;
}

void TestExpression::parseErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, error);

    QString message;
    QVERIFY(!Expression::parse(text, &message));
    QVERIFY2(message.startsWith(error), qPrintable(u"got: "_s + message));
    // Parsing without an error sink must not crash and still fails.
    QVERIFY(!Expression::parse(text, nullptr));
}

void TestExpression::collectAttributes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("attributes");

    QTest::newRow("literal") << u"\"x\""_s << QStringList();
    QTest::newRow("variable") << u"$domain"_s << QStringList();
    QTest::newRow("attribute") << u"mail"_s << QStringList{u"mail"_s};
    QTest::newRow("nested, in order")
        << u"coalesce(mail, concat(uid, \"@\", $domain))"_s << QStringList{u"mail"_s, u"uid"_s};
    QTest::newRow("duplicates ignoring case") << u"concat(cn, CN, sn)"_s << QStringList{u"cn"_s, u"sn"_s};
    QTest::newRow("attribute functions")
        << u"not(flag(userAccountControl, 2))"_s << QStringList{u"userAccountControl"_s};
}

void TestExpression::collectAttributes()
{
    QFETCH(QString, text);
    QFETCH(QStringList, attributes);
    QString error;
    const auto e = Expression::parse(text, &error);
    QVERIFY2(e, qPrintable(error));
    QStringList collected;
    e->collectAttributes(collected);
    QCOMPARE(collected, attributes);
}

void TestExpression::factories()
{
    const DirectoryEntry entry = entryOf({u"uid=jdoe"_s});
    const ExpressionContext context{&entry, {}};
    QCOMPARE(Expression::attribute(u"uid"_s)->evaluate(context), QJsonValue(u"jdoe"_s));
    QCOMPARE(Expression::attribute(u"mail"_s)->evaluate(context), QJsonValue(QJsonValue::Null));
    QCOMPARE(Expression::constant(7)->evaluate(context), QJsonValue(7));
    const ExpressionContext noEntry;
    QCOMPARE(Expression::attribute(u"uid"_s)->evaluate(noEntry), QJsonValue(QJsonValue::Null));
}

QTEST_GUILESS_MAIN(TestExpression)
#include "tst_expression.moc"
