// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The mapping editor's model: the dialect's default rows, edits checked by the engine's parser, rows added,
// removed and reset, and overrides that Configuration::fromJson takes back as they were.
#include "config/configuration.h"
#include "core/resource.h"
#include "mappingmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

using M = MappingModel;

namespace {

const QString Enterprise = QString::fromLatin1(Resource::EnterpriseUserSchema);

QJsonObject objectFrom(const QString &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (!doc.isObject())
        qFatal("objectFrom: %s in %s", qPrintable(error.errorString()), qPrintable(json));
    return doc.object();
}

QString text(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// A configuration of the test kind around a "mapping" object, for Configuration::fromJson.
QJsonObject configurationWith(const QJsonObject &mapping, const QString &type = u"openldap"_s)
{
    QJsonObject json{
        {u"name"_s, u"example.com"_s},
        {u"source"_s, QJsonObject{{u"type"_s, type},
                                  {u"url"_s, u"ldap://127.0.0.1:1"_s},
                                  {u"bindDn"_s, u"cn=sync,dc=example,dc=com"_s},
                                  {u"bindPassword"_s, QJsonObject{{u"env"_s, u"UNUSED"_s}}},
                                  {u"baseDn"_s, u"dc=example,dc=com"_s}}},
        {u"scope"_s, QJsonObject{{u"organizationalUnits"_s, QJsonArray{u"dc=example,dc=com"_s}}}},
        {u"target"_s, QJsonObject{{u"type"_s, u"scim"_s},
                                  {u"url"_s, u"http://127.0.0.1:1/scim/v2"_s},
                                  {u"token"_s, QJsonObject{{u"env"_s, u"UNUSED"_s}}}}}};
    if (!mapping.isEmpty())
        json.insert(u"mapping"_s, mapping);
    return json;
}

// The message the engine gives for one rule, without its "mapping.users.<target>: " prefix.
QString engineMessage(const QString &target, const QJsonValue &spec)
{
    Mapping m = Mapping::defaults(DirectoryType::OpenLdap, ObjectKind::User);
    QString error;
    m.applyOverrides(QJsonObject{{target, spec}}, u"mapping.users"_s, &error);
    return error.mid(u"mapping.users."_s.size() + target.size() + 2);
}

} // namespace

class TestMappingModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void loadsTheDefaults_data();
    void loadsTheDefaults();
    void editsAValue();
    void editsTheSourceKind();
    void constants_data();
    void constants();
    void flagsAnInvalidExpression_data();
    void flagsAnInvalidExpression();
    void refusesCredentialSources();
    void addsAndRemovesRows();
    void entraNamesForTheTargets();
    void editsTheTargetOfAnAddedRow();
    void resets();
    void roundTrip_data();
    void roundTrip();
    void keepsARefusedRuleAsWritten();
    void completionLists();

private:
    std::unique_ptr<M> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    QModelIndex cell(const QString &target, int column) const
    {
        return m_model->index(m_model->rowOf(target), column);
    }
    M::RuleState state(const QString &target) const
    {
        return cell(target, M::StateColumn).data(M::RuleStateRole).value<M::RuleState>();
    }
    QString error(const QString &target) const
    {
        return cell(target, M::ValueColumn).data(M::ErrorRole).toString();
    }
};

void TestMappingModel::init()
{
    m_model = std::make_unique<M>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->load(DirectoryType::OpenLdap, ObjectKind::User, {});
}

void TestMappingModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestMappingModel::loadsTheDefaults_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("kind");
    QTest::newRow("OpenLDAP users") << int(DirectoryType::OpenLdap) << int(ObjectKind::User);
    QTest::newRow("OpenLDAP groups") << int(DirectoryType::OpenLdap) << int(ObjectKind::Group);
    QTest::newRow("AD users") << int(DirectoryType::ActiveDirectory) << int(ObjectKind::User);
    QTest::newRow("AD groups") << int(DirectoryType::ActiveDirectory) << int(ObjectKind::Group);
}

void TestMappingModel::loadsTheDefaults()
{
    QFETCH(int, type);
    QFETCH(int, kind);
    m_model->load(DirectoryType(type), ObjectKind(kind), {});
    const Mapping defaults = Mapping::defaults(DirectoryType(type), ObjectKind(kind));
    QCOMPARE(m_model->rowCount(), defaults.rules().size());
    QCOMPARE(m_model->columnCount(), int(M::ColumnCount));
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const MappingRule &rule = defaults.rules().at(row);
        QCOMPARE(m_model->index(row, M::TargetColumn).data().toString(), rule.target);
        QCOMPARE(m_model->index(row, M::StateColumn).data(M::RuleStateRole).value<M::RuleState>(),
                 M::RuleState::Default);
        QCOMPARE(m_model->index(row, M::StateColumn).data().toString(), u"Default"_s);
        QVERIFY(m_model->isDefaultRow(row));
        QVERIFY(m_model->index(row, M::ValueColumn).data(M::ErrorRole).toString().isEmpty());
        QCOMPARE(QJsonValue::fromVariant(m_model->index(row, M::ValueColumn).data(M::SpecRole)), rule.spec);
        // The target of a default row is fixed; its rule is not.
        QVERIFY(!(m_model->flags(m_model->index(row, M::TargetColumn)) & Qt::ItemIsEditable));
        QVERIFY(m_model->flags(m_model->index(row, M::ValueColumn)) & Qt::ItemIsEditable);
    }
    QCOMPARE(m_model->keyPath(),
             ObjectKind(kind) == ObjectKind::User ? u"mapping.users"_s : u"mapping.groups"_s);
    QVERIFY(m_model->overrides().isEmpty());
    QVERIFY(m_model->problems().isEmpty());
    QCOMPARE(m_model->mapping().toJson(), defaults.toJson());
}

void TestMappingModel::editsAValue()
{
    QCOMPARE(cell(u"displayName"_s, M::SourceKindColumn).data().toString(), u"Expression"_s);
    QCOMPARE(cell(u"displayName"_s, M::ValueColumn).data().toString(), u"coalesce(displayName, cn)"_s);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(m_model->setData(cell(u"displayName"_s, M::ValueColumn), u"upper(cn)"_s));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(state(u"displayName"_s), M::RuleState::Changed);
    QCOMPARE(cell(u"displayName"_s, M::StateColumn).data().toString(), u"Changed"_s);
    QVERIFY(cell(u"displayName"_s, M::StateColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(u"coalesce(displayName, cn)"_s));
    QCOMPARE(text(m_model->overrides()),
             text(objectFrom(uR"j({"displayName": {"expression": "upper(cn)"}})j"_s)));
    QVERIFY(m_model->problems().isEmpty());

    // Setting the same text again is no change.
    QVERIFY(m_model->setData(cell(u"displayName"_s, M::ValueColumn), u"upper(cn)"_s));
    QCOMPARE(changed.size(), 1);

    // Typed back to the default, the row is a default row again and leaves the overrides.
    QVERIFY(m_model->setData(cell(u"displayName"_s, M::ValueColumn), u"coalesce(displayName, cn)"_s));
    QCOMPARE(state(u"displayName"_s), M::RuleState::Default);
    QVERIFY(m_model->overrides().isEmpty());

    // An attribute name is trimmed.
    QVERIFY(m_model->setData(cell(u"title"_s, M::ValueColumn), u" employeeType "_s));
    QCOMPARE(text(m_model->overrides()),
             text(objectFrom(uR"j({"title": {"attribute": "employeeType"}})j"_s)));
}

void TestMappingModel::editsTheSourceKind()
{
    // The value stays; it is read with the new kind.
    QVERIFY(m_model->setData(cell(u"title"_s, M::SourceKindColumn),
                             QVariant::fromValue(M::SourceKind::Constant)));
    QCOMPARE(cell(u"title"_s, M::SourceKindColumn).data(M::SourceKindRole).value<M::SourceKind>(),
             M::SourceKind::Constant);
    QCOMPARE(text(m_model->overrides()), text(objectFrom(uR"j({"title": {"constant": "title"}})j"_s)));
    QVERIFY(m_model->setData(cell(u"title"_s, M::ValueColumn), u"Staff"_s));
    QCOMPARE(text(m_model->overrides()), text(objectFrom(uR"j({"title": {"constant": "Staff"}})j"_s)));

    // By name, as a combo box hands it over, and by number.
    QVERIFY(m_model->setData(cell(u"title"_s, M::SourceKindColumn), u"Expression"_s));
    QCOMPARE(text(m_model->overrides()), text(objectFrom(uR"j({"title": {"expression": "Staff"}})j"_s)));
    QVERIFY(m_model->setData(cell(u"title"_s, M::SourceKindColumn), int(M::SourceKind::Attribute)));
    QCOMPARE(text(m_model->overrides()), text(objectFrom(uR"j({"title": {"attribute": "Staff"}})j"_s)));
    QVERIFY(!m_model->setData(cell(u"title"_s, M::SourceKindColumn), u"Formula"_s));
    QVERIFY(!m_model->setData(cell(u"title"_s, M::SourceKindColumn), 7));
    QVERIFY(!m_model->setData(cell(u"title"_s, M::StateColumn), u"Default"_s));
}

void TestMappingModel::constants_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("rule"); // JSON
    QTest::newRow("text") << u"Staff"_s << u"{\"constant\": \"Staff\"}"_s;
    QTest::newRow("true") << u"true"_s << u"{\"constant\": true}"_s;
    QTest::newRow("false") << u"false"_s << u"{\"constant\": false}"_s;
    QTest::newRow("the text true") << u"\"true\""_s << u"{\"constant\": \"true\"}"_s;
    QTest::newRow("a number is text") << u"42"_s << u"{\"constant\": \"42\"}"_s;
    QTest::newRow("empty") << QString() << u"{\"constant\": \"\"}"_s;
}

void TestMappingModel::constants()
{
    QFETCH(QString, typed);
    QFETCH(QString, rule);
    QVERIFY(m_model->setData(cell(u"active"_s, M::SourceKindColumn), u"Constant"_s));
    QVERIFY(m_model->setData(cell(u"active"_s, M::ValueColumn), typed));
    QCOMPARE(text(m_model->overrides()), text(QJsonObject{{u"active"_s, objectFrom(rule)}}));
    QVERIFY(m_model->problems().isEmpty());
    // Loaded again, it reads as typed.
    m_model->load(DirectoryType::OpenLdap, ObjectKind::User, m_model->overrides());
    QCOMPARE(cell(u"active"_s, M::ValueColumn).data().toString(), typed);
}

void TestMappingModel::flagsAnInvalidExpression_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("message"); // the engine's words
    QTest::newRow("unclosed call") << u"lower("_s
                                   << u"expression \"lower(\": at character 7: an expression is missing"_s;
    QTest::newRow("unknown function")
        << u"nosuch(cn)"_s
        << engineMessage(u"displayName"_s, QJsonObject{{u"expression"_s, u"nosuch(cn)"_s}});
    QTest::newRow("open string") << u"concat(cn, \"x)"_s
                                 << engineMessage(u"displayName"_s,
                                                  QJsonObject{{u"expression"_s, u"concat(cn, \"x)"_s}});
    QTest::newRow("present of a text")
        << u"present(\"x\")"_s
        << engineMessage(u"displayName"_s, QJsonObject{{u"expression"_s, u"present(\"x\")"_s}});
}

void TestMappingModel::flagsAnInvalidExpression()
{
    QFETCH(QString, expression);
    QFETCH(QString, message);
    QVERIFY(message.startsWith(u"expression \""_s));

    // Stored as typed and flagged: nothing lost, nothing accepted.
    QVERIFY(m_model->setData(cell(u"displayName"_s, M::ValueColumn), expression));
    QCOMPARE(cell(u"displayName"_s, M::ValueColumn).data().toString(), expression);
    QCOMPARE(error(u"displayName"_s), message);
    QCOMPARE(cell(u"displayName"_s, M::TargetColumn).data(Qt::ToolTipRole).toString(),
             u"Not valid: "_s + message);
    QVERIFY(!cell(u"displayName"_s, M::ValueColumn).data(Qt::DecorationRole).isNull());
    QVERIFY(m_model->hasProblems());
    const QString problem = u"mapping.users.displayName: "_s + message;
    QCOMPARE(m_model->problems(), QStringList{problem});

    // The rules in force leave the row out rather than keep the old rule.
    QVERIFY(!m_model->mapping().toJson().contains(u"displayName"_s));

    // The overrides carry it as typed, and the configuration check words it the same way.
    Configuration c;
    QStringList errors;
    QVERIFY(!Configuration::fromJson(configurationWith({{u"users"_s, m_model->overrides()}}), c, &errors));
    QCOMPARE(errors, QStringList{problem});

    // Fixed, the flag goes.
    QVERIFY(m_model->setData(cell(u"displayName"_s, M::ValueColumn), u"upper(cn)"_s));
    QVERIFY(error(u"displayName"_s).isEmpty());
    QVERIFY(m_model->problems().isEmpty());
}

void TestMappingModel::refusesCredentialSources()
{
    QVERIFY(m_model->setData(cell(u"title"_s, M::ValueColumn), u"userPassword"_s));
    QVERIFY2(error(u"title"_s).startsWith(u"userPassword holds a password or its hash"_s),
             qPrintable(error(u"title"_s)));
    QVERIFY(m_model->setData(cell(u"title"_s, M::SourceKindColumn), u"Expression"_s));
    QVERIFY(m_model->setData(cell(u"title"_s, M::ValueColumn), u"lower(sambaNTPassword)"_s));
    QVERIFY(error(u"title"_s).startsWith(u"sambaNTPassword holds"_s));
    QCOMPARE(m_model->problems().size(), 1);
    QVERIFY(!m_model->mapping().toJson().contains(u"title"_s));
    // An empty attribute name is not a rule either.
    QVERIFY(m_model->setData(cell(u"title"_s, M::SourceKindColumn), u"Attribute"_s));
    QVERIFY(m_model->setData(cell(u"title"_s, M::ValueColumn), QString()));
    QCOMPARE(error(u"title"_s), u"type the name of a directory attribute"_s);
}

void TestMappingModel::addsAndRemovesRows()
{
    const int defaults = m_model->rowCount();
    const QString costCenter = Enterprise + u":costCenter"_s;
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QString why;
    const int row = m_model->addRule(costCenter, M::SourceKind::Constant, u"C1"_s, &why);
    QVERIFY2(row == defaults, qPrintable(why));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(state(costCenter), M::RuleState::Added);
    QVERIFY(!m_model->isDefaultRow(row));
    QVERIFY(m_model->flags(m_model->index(row, M::TargetColumn)) & Qt::ItemIsEditable);
    const int nick = m_model->addRule(u"nickName"_s, M::SourceKind::Attribute, u"uid"_s, &why);
    QCOMPARE(nick, defaults + 1);
    const int home = m_model->addRule(u"emails[type eq \"home\"].value"_s, M::SourceKind::Expression,
                                      u"concat(uid, \"@home.example\")"_s, &why);
    QCOMPARE(home, defaults + 2);
    QCOMPARE(text(m_model->overrides()),
             text(QJsonObject{{costCenter, QJsonObject{{u"constant"_s, u"C1"_s}}},
                              {u"nickName"_s, QJsonObject{{u"attribute"_s, u"uid"_s}}},
                              {u"emails[type eq \"home\"].value"_s,
                               QJsonObject{{u"expression"_s, u"concat(uid, \"@home.example\")"_s}}}}));
    // Added with a rule the parser refuses: added, and flagged.
    const int broken = m_model->addRule(u"userType"_s, M::SourceKind::Expression, u"upper("_s, &why);
    QCOMPARE(broken, defaults + 3);
    QCOMPARE(m_model->problems(),
             QStringList{u"mapping.users.userType: expression \"upper(\": at character 7: an "
                         u"expression is missing"_s});

    // What cannot be added at all.
    QCOMPARE(m_model->addRule(u"title"_s, M::SourceKind::Attribute, u"cn"_s, &why), -1);
    QCOMPARE(why, u"title is mapped already, in row 8."_s);
    QCOMPARE(m_model->addRule(u"externalId"_s, M::SourceKind::Attribute, u"uid"_s, &why), -1);
    QCOMPARE(
        why,
        u"\"externalId\" cannot be mapped: it is the source anchor (immutableId), which never changes"_s);
    QCOMPARE(m_model->addRule(u"emails[type eq work].value"_s, M::SourceKind::Attribute, u"mail"_s, &why),
             -1);
    QVERIFY2(why.startsWith(u"\"emails[type eq work].value\" is not an attribute path"_s), qPrintable(why));
    QCOMPARE(m_model->addRule(u"members"_s, M::SourceKind::Attribute, u"member"_s, &why), -1);
    QCOMPARE(why, u"Updraft computes members itself; it cannot be mapped."_s);
    QCOMPARE(m_model->addRule(u"  "_s, M::SourceKind::Attribute, u"cn"_s, &why), -1);
    QCOMPARE(m_model->rowCount(), defaults + 4);

    // An added row goes for good.
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    m_model->removeRule(broken);
    m_model->removeRule(m_model->rowOf(u"nickName"_s));
    QCOMPARE(removed.size(), 2);
    QCOMPARE(m_model->rowCount(), defaults + 2);
    QCOMPARE(m_model->rowOf(u"nickName"_s), -1);
    QVERIFY(m_model->problems().isEmpty());

    // A default row stays in view, removed, and the configuration says null.
    m_model->removeRule(m_model->rowOf(u"title"_s));
    QCOMPARE(removed.size(), 2);
    QCOMPARE(state(u"title"_s), M::RuleState::Removed);
    QCOMPARE(cell(u"title"_s, M::StateColumn).data().toString(), u"Removed"_s);
    QVERIFY(cell(u"title"_s, M::TargetColumn).data(Qt::FontRole).value<QFont>().strikeOut());
    QCOMPARE(m_model->overrides().value(u"title"_s), QJsonValue(QJsonValue::Null));
    QVERIFY(!m_model->mapping().toJson().contains(u"title"_s));

    // Adding its target again brings the row back with the new rule.
    QCOMPARE(m_model->addRule(u"title"_s, M::SourceKind::Constant, u"Staff"_s, &why),
             m_model->rowOf(u"title"_s));
    QCOMPARE(state(u"title"_s), M::RuleState::Changed);
    QCOMPARE(m_model->overrides().value(u"title"_s), QJsonValue(QJsonObject{{u"constant"_s, u"Staff"_s}}));

    // So does editing a removed row.
    m_model->removeRule(m_model->rowOf(u"name.givenName"_s));
    QVERIFY(m_model->setData(cell(u"name.givenName"_s, M::ValueColumn), u"initials"_s));
    QCOMPARE(state(u"name.givenName"_s), M::RuleState::Changed);

    // The result is a configuration the engine takes.
    Configuration c;
    QStringList errors;
    QVERIFY2(Configuration::fromJson(configurationWith({{u"users"_s, m_model->overrides()}}), c, &errors),
             qPrintable(errors.join(u'\n')));
    QCOMPARE(c.userMapping.toJson(), m_model->mapping().toJson());
}

void TestMappingModel::editsTheTargetOfAnAddedRow()
{
    QString why;
    const int row = m_model->addRule(u"nickName"_s, M::SourceKind::Attribute, u"uid"_s, &why);
    QVERIFY(m_model->setData(m_model->index(row, M::TargetColumn), u"userType"_s));
    QCOMPARE(m_model->rowOf(u"userType"_s), row);
    // Not onto another row's target, nor a member Updraft computes.
    QVERIFY(!m_model->setData(m_model->index(row, M::TargetColumn), u"title"_s));
    QVERIFY(!m_model->setData(m_model->index(row, M::TargetColumn), u"schemas"_s));
    // A target the engine refuses is kept and flagged with its words.
    QVERIFY(m_model->setData(m_model->index(row, M::TargetColumn), u"id"_s));
    QCOMPARE(m_model->problems(),
             QStringList{u"mapping.users.id: \"id\" cannot be mapped: it is the source anchor "
                         u"(immutableId), which never changes"_s});
    QVERIFY(!m_model->setData(m_model->index(0, M::TargetColumn), u"nickName"_s)); // a default row's target
}

void TestMappingModel::resets()
{
    QVERIFY(m_model->setData(cell(u"displayName"_s, M::ValueColumn), u"lower("_s));
    m_model->removeRule(m_model->rowOf(u"title"_s));
    QString why;
    m_model->addRule(u"nickName"_s, M::SourceKind::Attribute, u"uid"_s, &why);
    QCOMPARE(m_model->overrides().size(), 3);

    m_model->resetRule(m_model->rowOf(u"displayName"_s));
    QCOMPARE(state(u"displayName"_s), M::RuleState::Default);
    QCOMPARE(cell(u"displayName"_s, M::ValueColumn).data().toString(), u"coalesce(displayName, cn)"_s);
    QVERIFY(m_model->problems().isEmpty());
    m_model->resetRule(m_model->rowOf(u"title"_s));
    QCOMPARE(state(u"title"_s), M::RuleState::Default);
    m_model->resetRule(m_model->rowOf(u"nickName"_s)); // no default: stays
    QCOMPARE(state(u"nickName"_s), M::RuleState::Added);
    QCOMPARE(m_model->overrides().keys(), QStringList{u"nickName"_s});

    m_model->resetAll();
    QVERIFY(m_model->overrides().isEmpty());
    QCOMPARE(m_model->rowOf(u"nickName"_s), -1);
}

void TestMappingModel::roundTrip_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("overrides"); // JSON
    QTest::addColumn<QString>("expected");  // JSON; empty: as given

    const int user = int(ObjectKind::User);
    const int group = int(ObjectKind::Group);
    QTest::newRow("none") << user << u"openldap"_s << u"{}"_s << QString();
    QTest::newRow("changed expression")
        << user << u"openldap"_s << uR"j({"displayName": {"expression": "concat(givenName, \" \", sn)"}})j"_s
        << QString();
    QTest::newRow("changed kind") << user << u"openldap"_s << uR"j({"userName": {"attribute": "uid"}})j"_s
                                  << QString();
    QTest::newRow("constant false") << user << u"openldap"_s << uR"j({"active": {"constant": false}})j"_s
                                    << QString();
    QTest::newRow("constant number") << user << u"openldap"_s << uR"j({"nickName": {"constant": 7}})j"_s
                                     << QString();
    QTest::newRow("removed") << user << u"openldap"_s
                             << uR"j({"title": null, "phoneNumbers[type eq \"mobile\"].value": null})j"_s
                             << QString();
    QTest::newRow("custom targets")
        << user << u"openldap"_s
        << uR"j({"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter": {"constant": "C1"},
            "emails[type eq \"home\"].value": {"attribute": "uid"}, "nickName": {"expression": "lower(uid)"}})j"_s
        << QString();
    QTest::newRow("everything at once")
        << user << u"activedirectory"_s
        << uR"j({"userName": {"expression": "lower(userPrincipalName)"}, "title": null,
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division": {"attribute": "division"},
            "active": {"constant": true}})j"_s
        << QString();
    QTest::newRow("a default written out is no override")
        << user << u"openldap"_s
        << uR"j({"title": {"attribute": "title"}, "nickName": {"attribute": "uid"}})j"_s
        << uR"j({"nickName": {"attribute": "uid"}})j"_s;
    QTest::newRow("a null without a default row is dropped")
        << user << u"openldap"_s << uR"j({"nickName": null})j"_s << u"{}"_s;
    QTest::newRow("groups")
        << group << u"openldap"_s
        << uR"j({"displayName": {"expression": "upper(cn)"}, "externalGroupId": {"attribute": "cn"}})j"_s
        << QString();
    QTest::newRow("AD group removed")
        << group << u"activedirectory"_s << uR"j({"displayName": null})j"_s << QString();
}

void TestMappingModel::roundTrip()
{
    QFETCH(int, kind);
    QFETCH(QString, type);
    QFETCH(QString, overrides);
    QFETCH(QString, expected);
    const QJsonObject given = objectFrom(overrides);
    const DirectoryType directory =
        type == u"activedirectory"_s ? DirectoryType::ActiveDirectory : DirectoryType::OpenLdap;
    const QString key = ObjectKind(kind) == ObjectKind::User ? u"users"_s : u"groups"_s;

    m_model->load(directory, ObjectKind(kind), given);
    QVERIFY(m_model->problems().isEmpty());
    const QJsonObject out = m_model->overrides();
    QCOMPARE(text(out), text(expected.isEmpty() ? given : objectFrom(expected)));

    // The configuration takes it, and its mapping is the model's.
    Configuration c;
    QStringList errors;
    QVERIFY2(
        Configuration::fromJson(
            configurationWith(out.isEmpty() ? QJsonObject() : QJsonObject{{key, out}}, type), c, &errors),
        qPrintable(errors.join(u'\n')));
    const Mapping &engine = ObjectKind(kind) == ObjectKind::User ? c.userMapping : c.groupMapping;
    QCOMPARE(text(engine.toJson()), text(m_model->mapping().toJson()));
    // ...and gives it back unchanged.
    QCOMPARE(text(c.toJson().value(u"mapping"_s).toObject().value(key).toObject()), text(out));
}

void TestMappingModel::keepsARefusedRuleAsWritten()
{
    const QJsonObject given = objectFrom(uR"j({"userName": "uid", "title": {"expression": "lower("},
                                              "nickName": {"attribute": "uid", "constant": "x"}})j"_s);
    m_model->load(DirectoryType::OpenLdap, ObjectKind::User, given);
    QCOMPARE(text(m_model->overrides()), text(given));
    const QString shape =
        u"a rule is one of {\"attribute\": name}, {\"constant\": value}, {\"expression\": text}"_s;
    QCOMPARE(m_model->problems(),
             (QStringList{
                 u"mapping.users.userName: "_s + shape,
                 u"mapping.users.title: expression \"lower(\": at character 7: an expression is missing"_s,
                 u"mapping.users.nickName: "_s + shape}));
    QCOMPARE(cell(u"userName"_s, M::ValueColumn).data().toString(), u"\"uid\""_s);
    // Typed again, it is a rule.
    QVERIFY(m_model->setData(cell(u"userName"_s, M::SourceKindColumn), u"Attribute"_s));
    QVERIFY(m_model->setData(cell(u"userName"_s, M::ValueColumn), u"uid"_s));
    QVERIFY(error(u"userName"_s).isEmpty());
    QCOMPARE(m_model->problems().size(), 2);
}

void TestMappingModel::completionLists()
{
    const QStringList ol = M::knownSourceAttributes(DirectoryType::OpenLdap, ObjectKind::User);
    QVERIFY(ol.contains(u"uid"_s));
    QVERIFY(ol.contains(u"pwdAccountLockedTime"_s));
    QVERIFY(!ol.contains(u"userPassword"_s, Qt::CaseInsensitive));
    QVERIFY(!ol.contains(u"sambaNTPassword"_s, Qt::CaseInsensitive));
    const QStringList ad = M::knownSourceAttributes(DirectoryType::ActiveDirectory, ObjectKind::User);
    QVERIFY(ad.contains(u"sAMAccountName"_s));
    QVERIFY(ad.contains(u"employeeID"_s));
    QVERIFY(!ad.contains(u"unicodePwd"_s, Qt::CaseInsensitive));
    // Every target offered is one the engine takes.
    for (const ObjectKind kind : {ObjectKind::User, ObjectKind::Group})
        for (const QString &target : M::knownTargets(kind)) {
            Mapping m = Mapping::defaults(DirectoryType::OpenLdap, kind);
            QString error;
            QVERIFY2(m.applyOverrides({{target, QJsonObject{{u"attribute"_s, u"cn"_s}}}}, u"mapping.users"_s,
                                      &error),
                     qPrintable(error));
        }
}

// For Entra ID's inbound provisioning the table says what each attribute becomes there; a SCIM target names
// them as they are.
void TestMappingModel::entraNamesForTheTargets()
{
    QVERIFY(cell(u"userName"_s, M::CloudColumn).data().toString().isEmpty());
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setTargetType(u"entra-inbound"_s);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(cell(u"userName"_s, M::CloudColumn).data().toString(), u"userPrincipalName"_s);
    QCOMPARE(cell(u"name.familyName"_s, M::CloudColumn).data().toString(), u"surname"_s);
    QCOMPARE(cell(u"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"_s, M::CloudColumn)
                 .data()
                 .toString()
                 .section(u' ', 0, 0),
             u"manager"_s);
    QCOMPARE(m_model->headerData(M::CloudColumn, Qt::Horizontal).toString(),
             u"In Entra ID (default mapping)"_s);
    QVERIFY(!(m_model->flags(cell(u"userName"_s, M::CloudColumn)) & Qt::ItemIsEditable));
}

QTEST_MAIN(TestMappingModel)
#include "tst_mappingmodel.moc"
