// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/mapping.h"
#include "core/resource.h"
#include "sync/desiredstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

const QString Enterprise = QString::fromLatin1(Resource::EnterpriseUserSchema);
const QString ImmutableId = u"eFY0EjQSeFaavN7wEjRWeA=="_s;

SourceObject objectOf(ObjectKind kind, const QStringList &attributes)
{
    SourceObject o;
    o.kind = kind;
    o.immutableId = ImmutableId;
    o.entry.dn = u"cn=test,dc=example,dc=com"_s;
    o.normalizedDn = o.entry.dn;
    for (const QString &a : attributes) {
        const qsizetype eq = a.indexOf(u'=');
        o.entry.add(a.left(eq), a.mid(eq + 1).toUtf8());
    }
    return o;
}

QJsonObject objectFrom(const QString &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    Q_ASSERT_X(doc.isObject(), "objectFrom", qPrintable(error.errorString()));
    return doc.object();
}

// A value as compact JSON text; "undefined" when absent.
QString textOf(const QJsonValue &v)
{
    if (v.isUndefined())
        return u"undefined"_s;
    const QByteArray a = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(a.mid(1, a.size() - 2));
}

QString normalised(const QString &json)
{
    if (json == u"undefined"_s)
        return json;
    return textOf(QJsonDocument::fromJson(u"[%1]"_s.arg(json).toUtf8()).array().at(0));
}

const QHash<QString, QString> Variables{{u"domain"_s, u"example.com"_s}};

} // namespace

class TestMapping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void userNameClash_data();
    void userNameClash();
    void defaultRules_data();
    void defaultRules();
    void apply_data();
    void apply();
    void fullOpenLdapUser();
    void sourceAttributes();
    void overrides_data();
    void overrides();
    void rejectedOverrides_data();
    void rejectedOverrides();
};

void TestMapping::defaultRules_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("spec"); // JSON, or "undefined" when the table has no such row

    const int ol = int(DirectoryType::OpenLdap);
    const int ad = int(DirectoryType::ActiveDirectory);
    const int user = int(ObjectKind::User);
    const int group = int(ObjectKind::Group);
    QTest::newRow("OpenLDAP userName")
        << ol << user << u"userName"_s
        << u"{\"expression\": \"coalesce(mail, concat(uid, \\\"@\\\", $domain))\"}"_s;
    QTest::newRow("OpenLDAP active") << ol << user << u"active"_s
                                     << u"{\"expression\": \"not(present(pwdAccountLockedTime))\"}"_s;
    QTest::newRow("OpenLDAP department")
        << ol << user << Enterprise + u":department"_s << u"{\"attribute\": \"departmentNumber\"}"_s;
    QTest::newRow("AD userName")
        << ad << user << u"userName"_s
        << u"{\"expression\": \"coalesce(userPrincipalName, concat(sAMAccountName, \\\"@\\\", $domain))\"}"_s;
    QTest::newRow("AD active") << ad << user << u"active"_s
                               << u"{\"expression\": \"not(flag(userAccountControl, 2))\"}"_s;
    QTest::newRow("AD employeeNumber") << ad << user << Enterprise + u":employeeNumber"_s
                                       << u"{\"expression\": \"coalesce(employeeNumber, employeeID)\"}"_s;
    QTest::newRow("AD manager") << ad << user << Enterprise + u":manager"_s
                                << u"{\"expression\": \"ref(manager)\"}"_s;
    QTest::newRow("no externalId row") << ad << user << u"externalId"_s << u"undefined"_s;
    QTest::newRow("group displayName")
        << ol << group << u"displayName"_s << u"{\"expression\": \"coalesce(displayName, cn)\"}"_s;
    QTest::newRow("no group description (not in the core Group schema)")
        << ad << group << u"description"_s << u"undefined"_s;
    QTest::newRow("group has no userName") << ad << group << u"userName"_s << u"undefined"_s;
}

void TestMapping::defaultRules()
{
    QFETCH(int, type);
    QFETCH(int, kind);
    QFETCH(QString, target);
    QFETCH(QString, spec);
    const Mapping m = Mapping::defaults(DirectoryType(type), ObjectKind(kind));
    QCOMPARE(textOf(m.toJson().value(target)), normalised(spec));
    for (const MappingRule &rule : m.rules())
        QVERIFY2(rule.expression, qPrintable(rule.target));
}

void TestMapping::apply_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QStringList>("attributes");
    QTest::addColumn<QString>("key");      // top-level key of the resource
    QTest::addColumn<QString>("expected"); // JSON, or "undefined"

    const int ol = int(DirectoryType::OpenLdap);
    const int ad = int(DirectoryType::ActiveDirectory);
    const QStringList olUser{u"uid=jdoe"_s, u"mail=john.doe@example.org"_s, u"givenName=John"_s, u"sn=Doe"_s,
                             u"cn=John Doe"_s};
    const QStringList adUser{u"userPrincipalName=jdoe@corp.example"_s,
                             u"sAMAccountName=jdoe"_s,
                             u"givenName=John"_s,
                             u"sn=Doe"_s,
                             u"cn=John Doe"_s,
                             u"userAccountControl=512"_s};

    QTest::newRow("OL userName from mail") << ol << olUser << u"userName"_s << u"\"john.doe@example.org\""_s;
    QTest::newRow("OL userName from uid@domain")
        << ol << QStringList{u"uid=jdoe"_s, u"cn=J"_s} << u"userName"_s << u"\"jdoe@example.com\""_s;
    QTest::newRow("OL userName without mail or uid")
        << ol << QStringList{u"cn=J"_s} << u"userName"_s << u"undefined"_s;
    QTest::newRow("AD userName from the UPN") << ad << adUser << u"userName"_s << u"\"jdoe@corp.example\""_s;
    QTest::newRow("AD userName without a UPN: sAMAccountName@domain")
        << ad << QStringList{u"sAMAccountName=pat"_s, u"cn=Pat"_s} << u"userName"_s
        << u"\"pat@example.com\""_s;
    QTest::newRow("OL active") << ol << olUser << u"active"_s << u"true"_s;
    QTest::newRow("OL locked") << ol << olUser + QStringList{u"pwdAccountLockedTime=000001010000Z"_s}
                               << u"active"_s << u"false"_s;
    QTest::newRow("OL name") << ol << olUser << u"name"_s
                             << u"{\"givenName\": \"John\", \"familyName\": \"Doe\"}"_s;
    QTest::newRow("OL work email is primary")
        << ol << olUser << u"emails"_s
        << u"[{\"type\": \"work\", \"value\": \"john.doe@example.org\", \"primary\": true}]"_s;
    QTest::newRow("OL phones") << ol << olUser + QStringList{u"mobile=+1 555"_s, u"telephoneNumber=+1 444"_s}
                               << u"phoneNumbers"_s
                               << u"[{\"type\": \"work\", \"value\": \"+1 444\", \"primary\": true},"
                                  u" {\"type\": \"mobile\", \"value\": \"+1 555\"}]"_s;
    QTest::newRow("OL no mail, no emails")
        << ol << QStringList{u"uid=jdoe"_s} << u"emails"_s << u"undefined"_s;
    QTest::newRow("OL externalId is the immutableId") << ol << olUser + QStringList{u"externalId=forged"_s}
                                                      << u"externalId"_s << u"\"%1\""_s.arg(ImmutableId);
    QTest::newRow("OL enterprise extension")
        << ol << olUser + QStringList{u"employeeNumber=42"_s, u"departmentNumber=R&D"_s} << Enterprise
        << u"{\"employeeNumber\": \"42\", \"department\": \"R&D\"}"_s;
    QTest::newRow("AD userName is the UPN") << ad << adUser << u"userName"_s << u"\"jdoe@corp.example\""_s;
    QTest::newRow("AD neither UPN nor sAMAccountName, no userName")
        << ad << QStringList{u"cn=jdoe"_s} << u"userName"_s << u"undefined"_s;
    QTest::newRow("AD UAC 512 active") << ad << adUser << u"active"_s << u"true"_s;
    QTest::newRow("AD UAC 514 disabled")
        << ad << QStringList{u"userAccountControl=514"_s} << u"active"_s << u"false"_s;
    QTest::newRow("AD UAC 66050 disabled")
        << ad << QStringList{u"userAccountControl=66050"_s} << u"active"_s << u"false"_s;
    QTest::newRow("AD UAC 66048 active")
        << ad << QStringList{u"userAccountControl=66048"_s} << u"active"_s << u"true"_s;
    QTest::newRow("AD displayName falls back to cn") << ad << adUser << u"displayName"_s << u"\"John Doe\""_s;
    QTest::newRow("AD manager reference")
        << ad << adUser + QStringList{u"manager=CN=Boss,OU=Staff,DC=corp,DC=example"_s} << Enterprise
        << u"{\"manager\": {\"$ref\": \"cn=boss,ou=staff,dc=corp,dc=example\"}}"_s;
    QTest::newRow("AD employeeID fallback")
        << ad << adUser + QStringList{u"employeeID=E7"_s} << Enterprise << u"{\"employeeNumber\": \"E7\"}"_s;
}

void TestMapping::apply()
{
    QFETCH(int, type);
    QFETCH(QStringList, attributes);
    QFETCH(QString, key);
    QFETCH(QString, expected);
    const Mapping m = Mapping::defaults(DirectoryType(type), ObjectKind::User);
    const QJsonObject resource = m.apply(objectOf(ObjectKind::User, attributes), Variables);
    QCOMPARE(textOf(resource.value(key)), normalised(expected));
}

void TestMapping::fullOpenLdapUser()
{
    const Mapping users = Mapping::defaults(DirectoryType::OpenLdap, ObjectKind::User);
    const QJsonObject resource = users.apply(
        objectOf(ObjectKind::User, {u"uid=jdoe"_s, u"givenName=John"_s, u"sn=Doe"_s, u"cn=John Doe"_s,
                                    u"title=Engineer"_s, u"employeeNumber=42"_s}),
        Variables);
    const QJsonObject expected = objectFrom(uR"({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
        "externalId": "eFY0EjQSeFaavN7wEjRWeA==",
        "userName": "jdoe@example.com",
        "name": {"givenName": "John", "familyName": "Doe"},
        "displayName": "John Doe",
        "title": "Engineer",
        "active": true,
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "42"}
    })"_s);
    QCOMPARE(QJsonDocument(resource).toJson(), QJsonDocument(expected).toJson());

    const Mapping groups = Mapping::defaults(DirectoryType::OpenLdap, ObjectKind::Group);
    const QJsonObject group = groups.apply(objectOf(ObjectKind::Group, {u"cn=Staff"_s}), Variables);
    const QJsonObject expectedGroup = objectFrom(uR"({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
        "externalId": "eFY0EjQSeFaavN7wEjRWeA==",
        "displayName": "Staff"
    })"_s);
    QCOMPARE(QJsonDocument(group).toJson(), QJsonDocument(expectedGroup).toJson());
}

void TestMapping::sourceAttributes()
{
    QCOMPARE(Mapping::defaults(DirectoryType::OpenLdap, ObjectKind::User).sourceAttributes(),
             (QStringList{u"mail"_s, u"uid"_s, u"givenName"_s, u"sn"_s, u"displayName"_s, u"cn"_s,
                          u"telephoneNumber"_s, u"mobile"_s, u"title"_s, u"pwdAccountLockedTime"_s,
                          u"employeeNumber"_s, u"departmentNumber"_s, u"manager"_s}));
    QCOMPARE(Mapping::defaults(DirectoryType::ActiveDirectory, ObjectKind::Group).sourceAttributes(),
             (QStringList{u"displayName"_s, u"cn"_s}));
}

void TestMapping::overrides_data()
{
    QTest::addColumn<QString>("overrides"); // JSON object
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected"); // JSON, or "undefined"

    QTest::newRow("attribute") << u"{\"userName\": {\"attribute\": \"uid\"}}"_s << u"userName"_s
                               << u"\"jdoe\""_s;
    QTest::newRow("constant text") << u"{\"title\": {\"constant\": \"Staff\"}}"_s << u"title"_s
                                   << u"\"Staff\""_s;
    QTest::newRow("constant false") << u"{\"active\": {\"constant\": false}}"_s << u"active"_s << u"false"_s;
    QTest::newRow("constant number") << u"{\"nickName\": {\"constant\": 7}}"_s << u"nickName"_s << u"7"_s;
    QTest::newRow("expression") << u"{\"displayName\": {\"expression\": \"upper(cn)\"}}"_s << u"displayName"_s
                                << u"\"JOHN DOE\""_s;
    QTest::newRow("null removes a row") << u"{\"title\": null}"_s << u"title"_s << u"undefined"_s;
    QTest::newRow("null for an unknown row is harmless")
        << u"{\"nickName\": null}"_s << u"userName"_s << u"\"john.doe@example.org\""_s;
    QTest::newRow("new target") << u"{\"nickName\": {\"attribute\": \"uid\"}}"_s << u"nickName"_s
                                << u"\"jdoe\""_s;
    QTest::newRow("extension target")
        << u"{\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter\": {\"constant\": \"C1\"}}"_s
        << Enterprise << u"{\"costCenter\": \"C1\"}"_s;
    QTest::newRow("filtered target")
        << u"{\"emails[type eq \\\"home\\\"].value\": {\"attribute\": \"uid\"}}"_s << u"emails"_s
        << u"[{\"type\": \"work\", \"value\": \"john.doe@example.org\", \"primary\": true},"
           u" {\"type\": \"home\", \"value\": \"jdoe\"}]"_s;
}

void TestMapping::overrides()
{
    QFETCH(QString, overrides);
    QFETCH(QString, key);
    QFETCH(QString, expected);

    Mapping m = Mapping::defaults(DirectoryType::OpenLdap, ObjectKind::User);
    QString error;
    QVERIFY2(m.applyOverrides(objectFrom(overrides), u"mapping.users"_s, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    const QJsonObject resource =
        m.apply(objectOf(ObjectKind::User, {u"uid=jdoe"_s, u"mail=john.doe@example.org"_s, u"cn=John Doe"_s,
                                            u"title=Engineer"_s}),
                Variables);
    QCOMPARE(textOf(resource.value(key)), normalised(expected));
    // The override is kept as written, for saving the configuration back.
    const QJsonObject written = objectFrom(overrides);
    for (auto it = written.begin(); it != written.end(); ++it)
        QCOMPARE(textOf(m.toJson().value(it.key())),
                 it.value().isNull() ? u"undefined"_s : textOf(it.value()));
}

void TestMapping::rejectedOverrides_data()
{
    QTest::addColumn<QString>("overrides"); // JSON object
    QTest::addColumn<QString>("error");     // the message starts with this

    const QString ruleShape =
        u"a rule is one of {\"attribute\": name}, {\"constant\": value}, {\"expression\": text}"_s;
    QTest::newRow("externalId") << u"{\"externalId\": {\"attribute\": \"uid\"}}"_s
                                << u"mapping.users.externalId: \"externalId\" cannot be mapped: it is the "
                                   u"source anchor (immutableId), "
                                   u"which never changes"_s;
    QTest::newRow("externalId in other case")
        << u"{\"ExternalID\": {\"constant\": \"x\"}}"_s
        << u"mapping.users.ExternalID: \"ExternalID\" cannot be mapped"_s;
    QTest::newRow("id") << u"{\"id\": {\"attribute\": \"uid\"}}"_s
                        << u"mapping.users.id: \"id\" cannot be mapped"_s;
    QTest::newRow("externalId removal") << u"{\"externalId\": {\"constant\": null}}"_s
                                        << u"mapping.users.externalId: \"externalId\" cannot be mapped"_s;
    QTest::newRow("rule is a string")
        << u"{\"userName\": \"uid\"}"_s << u"mapping.users.userName: "_s + ruleShape;
    QTest::newRow("empty attribute") << u"{\"userName\": {\"attribute\": \"\"}}"_s
                                     << u"mapping.users.userName: "_s + ruleShape;
    QTest::newRow("attribute not a string")
        << u"{\"userName\": {\"attribute\": 5}}"_s << u"mapping.users.userName: "_s + ruleShape;
    QTest::newRow("two kinds") << u"{\"userName\": {\"attribute\": \"uid\", \"constant\": \"x\"}}"_s
                               << u"mapping.users.userName: "_s + ruleShape;
    QTest::newRow("object constant") << u"{\"title\": {\"constant\": {\"a\": 1}}}"_s
                                     << u"mapping.users.title: "_s + ruleShape;
    QTest::newRow("unknown kind") << u"{\"title\": {\"formula\": \"cn\"}}"_s
                                  << u"mapping.users.title: "_s + ruleShape;
    QTest::newRow("a password hash as an attribute")
        << u"{\"title\": {\"attribute\": \"userPassword\"}}"_s
        << u"mapping.users.title: userPassword holds a password or its hash, which a mapping rule never sends"_s;
    QTest::newRow("an NT hash inside an expression")
        << u"{\"nickName\": {\"expression\": \"lower(sambaNTPassword)\"}}"_s
        << u"mapping.users.nickName: sambaNTPassword holds a password or its hash"_s;
    QTest::newRow("unicodePwd in another case") << u"{\"title\": {\"attribute\": \"UNICODEPWD\"}}"_s
                                                << u"mapping.users.title: UNICODEPWD holds a password"_s;
    QTest::newRow("bad expression")
        << u"{\"title\": {\"expression\": \"lower(\"}}"_s
        << u"mapping.users.title: expression \"lower(\": at character 7: an expression is missing"_s;
    QTest::newRow("bad path")
        << u"{\"emails[type eq work].value\": {\"attribute\": \"mail\"}}"_s
        << u"mapping.users.emails[type eq work].value: \"emails[type eq work].value\" is not an "
           u"attribute path"_s;
}

void TestMapping::rejectedOverrides()
{
    QFETCH(QString, overrides);
    QFETCH(QString, error);

    Mapping m = Mapping::defaults(DirectoryType::OpenLdap, ObjectKind::User);
    QString message;
    QVERIFY(!m.applyOverrides(objectFrom(overrides), u"mapping.users"_s, &message));
    QVERIFY2(message.startsWith(error), qPrintable(u"got: "_s + message));
    // externalId stays the anchor, whatever was attempted.
    const QJsonObject resource = m.apply(objectOf(ObjectKind::User, {u"uid=jdoe"_s}), Variables);
    QCOMPARE(resource.value(u"externalId"_s).toString(), ImmutableId);
}

void TestMapping::userNameClash_data()
{
    QTest::addColumn<bool>("newcomerReadFirst");
    QTest::addColumn<bool>("colleagueProvisioned");
    QTest::addColumn<QString>("keeps"); // the DN that gets the userName
    const QString colleague = u"uid=li.lei,dc=example,dc=com"_s;
    const QString newcomer = u"uid=lei.li,dc=example,dc=com"_s;
    QTest::newRow("newcomer read first: the provisioned colleague keeps it") << true << true << colleague;
    QTest::newRow("colleague read first, provisioned") << false << true << colleague;
    QTest::newRow("neither provisioned: the first read wins") << true << false << newcomer;
}

void TestMapping::userNameClash()
{
    QFETCH(bool, newcomerReadFirst);
    QFETCH(bool, colleagueProvisioned);
    QFETCH(QString, keeps);
    const auto user = [](const QString &uid, const QString &anchor) {
        SourceObject o = objectOf(ObjectKind::User, {u"uid="_s + uid, u"mail=li.lei@example.com"_s});
        o.immutableId = anchor;
        o.entry.dn = u"uid=%1,dc=example,dc=com"_s.arg(uid);
        o.normalizedDn = o.entry.dn;
        return o;
    };
    const SourceObject colleague = user(u"li.lei"_s, u"AAAAAAAAAAAAAAAAAAAAAQ=="_s);
    const SourceObject newcomer = user(u"lei.li"_s, u"AAAAAAAAAAAAAAAAAAAAAg=="_s);
    SourceSnapshot snapshot;
    snapshot.users = newcomerReadFirst ? QList{newcomer, colleague} : QList{colleague, newcomer};
    const Mapping users = Mapping::defaults(DirectoryType::OpenLdap, ObjectKind::User);
    const Mapping groups = Mapping::defaults(DirectoryType::OpenLdap, ObjectKind::Group);
    DesiredState desired(snapshot, users, groups, Variables,
                         colleagueProvisioned ? QSet<QString>{colleague.immutableId} : QSet<QString>{});
    QCOMPARE(desired.users().size(), 1);
    QCOMPARE(desired.users().first().dn, keeps);
    QCOMPARE(desired.failures().size(), 1);
    QVERIFY(desired.failures().first().message.contains(u"is also the userName of %1"_s.arg(keeps)));
}

QTEST_GUILESS_MAIN(TestMapping)
#include "tst_mapping.moc"
