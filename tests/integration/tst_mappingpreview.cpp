// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The mapping editor against a real slapd (tests/integration/data/directory.ldif): one entry read off the GUI
// thread and mapped as a run maps it, the preview following the rules as they are edited (through the table's
// own delegate), an ambiguous search reporting its count, errors per attribute, and no secret shown.
#include "config/configuration.h"
#include "mappingeditor.h"
#include "mappingmodel.h"
#include "source/ldapdirectory.h"
#include "sync/mappingpreview.h"
#include "testservers.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

const QString Base = u"dc=example,dc=com"_s;
const QString Jose = u"uid=jose.muller,ou=Engineering,ou=People,dc=example,dc=com"_s;
const QString LiLei = u"uid=li.lei,ou=Engineering,ou=People,dc=example,dc=com"_s;
const QString Manager = u"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"_s;
const QString WorkEmail = u"emails[type eq \"work\"].value"_s;

// A delegate commits an editor's data on Return with a queued call, and deletes the editor later.
void committed()
{
    QCoreApplication::sendPostedEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

struct Shown {
    QString value;
    QString note;
    bool flagged = false; // marked as an error
};

} // namespace

class TestMappingPreview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void previewsAUser();
    void followsEditedRules();
    void readsAgainForANewAttribute();
    void reportsAnAmbiguousSearch();
    void reportsNoMatch();
    void flagsAttributesARunWouldRefuse();
    void neverShowsSecrets();
    void previewsAGroup();
    void mapsAsARunMaps();
    void overridesAreAConfiguration();

private:
    LdapSettings settings() const;
    // Types `text` into the preview field, presses Preview and waits for the result.
    bool preview(const QString &text);
    // Edits one cell with the table's delegate, as the admin does: the editor it opens, then Return.
    void editCell(const QString &target, int column, const QString &text);
    void chooseSourceKind(const QString &target, MappingModel::SourceKind kind);
    QModelIndex cell(const QString &target, int column) const;
    QHash<QString, Shown> shown() const;
    QString status() const;
    QJsonObject json() const;

    QTemporaryDir m_dir;
    std::unique_ptr<TestServers::Slapd> m_slapd;
    std::unique_ptr<MappingEditor> m_editor;
};

void TestMappingPreview::initTestCase()
{
    m_slapd = std::make_unique<TestServers::Slapd>(m_dir.filePath(u"slapd"_s));
    QString error;
    QVERIFY2(m_slapd->start(TestServers::sourceDir() + u"/tests/integration/data/directory.ldif"_s, &error),
             qPrintable(error));
    // A second "Bob Smith", without mail, for the ambiguous search.
    QVERIFY2(m_slapd->modify(u"dn: uid=bob.smith2,ou=Contractors,dc=example,dc=com\nchangetype: add\n"
                             u"objectClass: inetOrgPerson\nuid: bob.smith2\ncn: Bob Smith\nsn: Smith\n"_s,
                             &error),
             qPrintable(error));
}

void TestMappingPreview::cleanupTestCase()
{
    m_slapd.reset();
}

void TestMappingPreview::init()
{
    m_editor = std::make_unique<MappingEditor>();
    m_editor->resize(900, 700);
    m_editor->setDirectory(settings(), Base, DirectoryType::OpenLdap, u"example.com"_s);
    m_editor->setOverrides({});
    m_editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
}

void TestMappingPreview::cleanup()
{
    m_editor.reset();
}

LdapSettings TestMappingPreview::settings() const
{
    return m_slapd->syncSettings();
}

bool TestMappingPreview::preview(const QString &text)
{
    QSignalSpy finished(m_editor.get(), &MappingEditor::previewFinished);
    m_editor->findChild<QLineEdit *>(u"mappingPreviewSearch"_s)->setText(text);
    m_editor->findChild<QPushButton *>(u"mappingPreviewButton"_s)->click();
    return finished.wait(20000);
}

QModelIndex TestMappingPreview::cell(const QString &target, int column) const
{
    const auto *table = m_editor->findChild<QTableView *>(u"mappingTable"_s);
    const auto *model = qobject_cast<const MappingModel *>(table->model());
    return model->index(model->rowOf(target), column);
}

void TestMappingPreview::editCell(const QString &target, int column, const QString &text)
{
    auto *table = m_editor->findChild<QTableView *>(u"mappingTable"_s);
    const QModelIndex index = cell(target, column);
    QVERIFY(index.isValid());
    table->setCurrentIndex(index);
    table->edit(index);
    auto *editor = table->viewport()->findChild<QLineEdit *>();
    QVERIFY(editor);
    editor->setText(text);
    QTest::keyClick(editor, Qt::Key_Return);
    committed();
    QVERIFY(!table->viewport()->findChild<QLineEdit *>());
}

void TestMappingPreview::chooseSourceKind(const QString &target, MappingModel::SourceKind kind)
{
    auto *table = m_editor->findChild<QTableView *>(u"mappingTable"_s);
    const QModelIndex index = cell(target, MappingModel::SourceKindColumn);
    table->setCurrentIndex(index);
    table->edit(index);
    auto *combo = table->viewport()->findChild<QComboBox *>();
    QVERIFY(combo);
    combo->setCurrentIndex(combo->findData(int(kind)));
    QTest::keyClick(combo, Qt::Key_Return);
    committed();
    QVERIFY(!table->viewport()->findChild<QComboBox *>());
    QCOMPARE(index.data(MappingModel::SourceKindRole).value<MappingModel::SourceKind>(), kind);
}

QHash<QString, Shown> TestMappingPreview::shown() const
{
    QHash<QString, Shown> out;
    const auto *tree = m_editor->findChild<QTreeWidget *>(u"mappingPreviewAttributes"_s);
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = tree->topLevelItem(i);
        out.insert(item->text(0), {item->text(1), item->text(2), !item->icon(0).isNull()});
    }
    return out;
}

QString TestMappingPreview::status() const
{
    return m_editor->findChild<QLabel *>(u"mappingPreviewStatus"_s)->text();
}

QJsonObject TestMappingPreview::json() const
{
    const QString text = m_editor->findChild<QPlainTextEdit *>(u"mappingPreviewJson"_s)->toPlainText();
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

void TestMappingPreview::previewsAUser()
{
    QElapsedTimer timer;
    timer.start();
    QVERIFY(preview(u"jose.muller"_s));
    qInfo() << "preview shown after" << timer.elapsed() << "ms";
    QVERIFY2(status().startsWith(Jose), qPrintable(status()));
    const auto rows = shown();
    QCOMPARE(rows.value(u"userName"_s).value, u"jose.muller@example.com"_s);
    QCOMPARE(rows.value(u"displayName"_s).value, u"José Müller"_s); // no displayName: cn
    QCOMPARE(rows.value(WorkEmail).value, u"jose.muller@example.com"_s);
    QCOMPARE(rows.value(u"active"_s).value, u"true"_s);
    QCOMPARE(rows.value(u"phoneNumbers[type eq \"mobile\"].value"_s).value, u"(no value)"_s);
    QVERIFY2(
        rows.value(u"phoneNumbers[type eq \"mobile\"].value"_s).note.contains(u"mobile not in the entry"_s),
        qPrintable(rows.value(u"phoneNumbers[type eq \"mobile\"].value"_s).note));
    for (const Shown &row : rows)
        QVERIFY(!row.flagged);

    const QJsonObject resource = json();
    QCOMPARE(resource.value(u"userName"_s).toString(), u"jose.muller@example.com"_s);
    QCOMPARE(resource.value(u"displayName"_s).toString(), u"José Müller"_s);
    QCOMPARE(resource.value(u"emails"_s).toArray().first().toObject().value(u"value"_s).toString(),
             u"jose.muller@example.com"_s);
    // externalId is the anchor: entryUUID's bytes in base64.
    const QUuid uuid = QUuid::fromString(m_slapd->attribute(Jose, u"entryUUID"_s));
    QCOMPARE(resource.value(u"externalId"_s).toString(), QString::fromLatin1(uuid.toRfc4122().toBase64()));
    // Typing by mail, or by the DN, finds the same entry.
    QVERIFY(preview(u"JOSE.MULLER@example.com"_s));
    QVERIFY2(status().startsWith(Jose), qPrintable(status()));
    QVERIFY(preview(Jose));
    QVERIFY2(status().startsWith(Jose), qPrintable(status()));
}

void TestMappingPreview::followsEditedRules()
{
    QVERIFY(preview(u"li.lei"_s));
    QCOMPARE(shown().value(u"displayName"_s).value, u"李雷"_s);

    // displayName ← a constant: the entry already read is mapped again at once.
    QSignalSpy changed(m_editor.get(), &MappingEditor::changed);
    chooseSourceKind(u"displayName"_s, MappingModel::SourceKind::Constant);
    editCell(u"displayName"_s, MappingModel::ValueColumn, u"Someone Else"_s);
    QVERIFY(changed.size() >= 2);
    QCOMPARE(shown().value(u"displayName"_s).value, u"Someone Else"_s);
    QCOMPARE(json().value(u"displayName"_s).toString(), u"Someone Else"_s);

    // ← an expression.
    chooseSourceKind(u"displayName"_s, MappingModel::SourceKind::Expression);
    editCell(u"displayName"_s, MappingModel::ValueColumn, u"concat(upper(uid), \" (\", title, \")\")"_s);
    QCOMPARE(shown().value(u"displayName"_s).value, u"LI.LEI (Engineer)"_s);
    QCOMPARE(json().value(u"displayName"_s).toString(), u"LI.LEI (Engineer)"_s);

    // A broken expression: flagged in the table and in the preview, and in no run.
    editCell(u"displayName"_s, MappingModel::ValueColumn, u"upper(uid"_s);
    const QString message =
        cell(u"displayName"_s, MappingModel::ValueColumn).data(MappingModel::ErrorRole).toString();
    QVERIFY(message.startsWith(u"expression \"upper(uid\": at character"_s));
    QCOMPARE(m_editor->problems(), QStringList{u"mapping.users.displayName: "_s + message});
    QVERIFY(shown().value(u"displayName"_s).flagged);
    QCOMPARE(shown().value(u"displayName"_s).note, u"Not applied: "_s + message);
    QVERIFY(!json().contains(u"displayName"_s));

    // Reset brings the default back.
    auto *table = m_editor->findChild<QTableView *>(u"mappingTable"_s);
    table->selectRow(cell(u"displayName"_s, 0).row());
    m_editor->findChild<QPushButton *>(u"mappingReset"_s)->click();
    QCOMPARE(shown().value(u"displayName"_s).value, u"李雷"_s);
    QVERIFY(m_editor->problems().isEmpty());
    QVERIFY(m_editor->overrides().isEmpty());

    // The manager is a reference: its DN, resolved at run time.
    const Shown manager = shown().value(Manager);
    QCOMPARE(manager.value, u"uid=jose.muller,ou=engineering,ou=people,dc=example,dc=com"_s);
    QVERIFY2(manager.note.contains(u"resolved at run time"_s), qPrintable(manager.note));
    QVERIFY(status().contains(u"resolved at run time"_s));
}

void TestMappingPreview::readsAgainForANewAttribute()
{
    QVERIFY(preview(u"li.lei"_s));
    // A new row reading an operational attribute that was not read: the entry is read again.
    auto *target = m_editor->findChild<QLineEdit *>(u"mappingNewTarget"_s);
    target->setText(u"nickName"_s);
    m_editor->findChild<QPushButton *>(u"mappingAdd"_s)->click();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    auto *table = m_editor->findChild<QTableView *>(u"mappingTable"_s);
    auto *editor = table->viewport()->findChild<QLineEdit *>(); // Add opens the value of the new row
    QVERIFY(editor);
    QVERIFY(editor->completer()); // directory attributes
    QSignalSpy finished(m_editor.get(), &MappingEditor::previewFinished);
    editor->setText(u"entryDN"_s);
    QTest::keyClick(editor, Qt::Key_Return);
    QVERIFY(finished.wait(20000));
    QCOMPARE(shown().value(u"nickName"_s).value, LiLei);
    QCOMPARE(json().value(u"nickName"_s).toString(), LiLei);
    QCOMPARE(m_editor->overrides(),
             (QJsonObject{
                 {u"users"_s, QJsonObject{{u"nickName"_s, QJsonObject{{u"attribute"_s, u"entryDN"_s}}}}}}));
}

void TestMappingPreview::reportsAnAmbiguousSearch()
{
    QVERIFY(preview(u"Bob Smith"_s));
    QVERIFY2(status().startsWith(u"2 entries match “Bob Smith”; this is the first of them: "
                                 u"uid=bob.smith,ou=Sales,ou=People,dc=example,dc=com"_s),
             qPrintable(status()));
    QCOMPARE(shown().value(u"userName"_s).value, u"bob.smith@example.com"_s);

    QVERIFY(preview(u"*@example.com"_s)); // every user with a mail
    QVERIFY2(status().startsWith(u"8 entries match “*@example.com”; this is the first of them: "
                                 u"uid=ada.lovelace,ou=Engineering,ou=People,dc=example,dc=com"_s),
             qPrintable(status()));
}

void TestMappingPreview::reportsNoMatch()
{
    QVERIFY(preview(u"nobody"_s));
    QCOMPARE(status(), u"No user under dc=example,dc=com has \"nobody\" as uid, sAMAccountName, "
                       u"userPrincipalName, cn or mail."_s);
    QCOMPARE(shown().size(), 0);
    // A filter character is a character, not a filter.
    QVERIFY(preview(u"jose*)(mail"_s));
    QVERIFY2(status().startsWith(u"No user under"_s), qPrintable(status()));

    // A directory that is not there says so, and the editor stays usable.
    LdapSettings unreachable = settings();
    unreachable.url = QUrl(u"ldap://127.0.0.1:1"_s);
    unreachable.timeoutSeconds = 3;
    m_editor->setDirectory(unreachable, Base, DirectoryType::OpenLdap, u"example.com"_s);
    QVERIFY(preview(u"jose.muller"_s));
    QVERIFY2(!status().isEmpty() && !status().startsWith(u"uid="_s), qPrintable(status()));
}

void TestMappingPreview::flagsAttributesARunWouldRefuse()
{
    // A userName rule that gives nothing: a run fails the user, and says why on the userName row.
    chooseSourceKind(u"userName"_s, MappingModel::SourceKind::Attribute);
    editCell(u"userName"_s, MappingModel::ValueColumn, u"employeeType"_s);
    QVERIFY(preview(u"eve.adams"_s));
    const Shown userName = shown().value(u"userName"_s);
    QVERIFY(userName.flagged);
    QVERIFY2(userName.note.startsWith(u"userName is empty: the mapping rule for userName gave no value"_s),
             qPrintable(userName.note));
    QVERIFY(m_editor->problems().isEmpty()); // the rule itself is valid
}

void TestMappingPreview::neverShowsSecrets()
{
    // A rule reading a password hash is refused in the table and never read.
    editCell(u"title"_s, MappingModel::ValueColumn, u"userPassword"_s);
    QCOMPARE(m_editor->problems().size(), 1);
    QVERIFY(m_editor->problems().first().startsWith(u"mapping.users.title: userPassword holds a password"_s));
    // A target named like a password shows no value.
    QString why;
    auto *table = m_editor->findChild<QTableView *>(u"mappingTable"_s);
    auto *model = qobject_cast<MappingModel *>(table->model());
    QVERIFY(model->addRule(u"password"_s, MappingModel::SourceKind::Constant, u"Initial-Secret-1"_s, &why) >=
            0);
    QVERIFY(preview(u"jose.muller"_s));
    QCOMPARE(shown().value(u"password"_s).value, MappingPreview::secretText());
    const QString text = m_editor->findChild<QPlainTextEdit *>(u"mappingPreviewJson"_s)->toPlainText();
    QVERIFY(!text.contains(u"Initial-Secret-1"_s));
    QVERIFY(!text.contains(u"SSHA"_s));
    for (const Shown &row : shown())
        QVERIFY(!row.value.contains(u"SSHA"_s) && !row.note.contains(u"SSHA"_s));

    // The engine does not read them even when asked to (the sync account may read userPassword).
    const PreviewEntry entry =
        PreviewEntry::find(settings(), Base, DirectoryType::OpenLdap, ObjectKind::User, u"frank.ng"_s,
                           {u"userPassword"_s, u"sambaNTPassword"_s, u"mail"_s});
    QVERIFY2(entry.isValid(), qPrintable(entry.error));
    QVERIFY(entry.object.entry.has(u"mail"_s));
    QVERIFY(!entry.object.entry.has(u"userPassword"_s));
    QVERIFY(!entry.object.entry.has(u"sambaNTPassword"_s));
    QVERIFY(!entry.attributes.contains(u"userPassword"_s, Qt::CaseInsensitive));
}

void TestMappingPreview::previewsAGroup()
{
    auto *kinds = m_editor->findChild<QTabBar *>(u"mappingKinds"_s);
    kinds->setCurrentIndex(1);
    QVERIFY(preview(u"Engineers"_s));
    QVERIFY2(status().startsWith(u"cn=Engineers,ou=Engineering,ou=People,dc=example,dc=com"_s),
             qPrintable(status()));
    QCOMPARE(shown().value(u"displayName"_s).value, u"Engineers"_s);
    QCOMPARE(json().value(u"schemas"_s).toArray().first().toString(),
             u"urn:ietf:params:scim:schemas:core:2.0:Group"_s);
    editCell(u"displayName"_s, MappingModel::ValueColumn, u"concat(\"Team \", cn)"_s);
    QCOMPARE(shown().value(u"displayName"_s).value, u"Team Engineers"_s);
    QCOMPARE(m_editor->overrides(),
             (QJsonObject{
                 {u"groups"_s, QJsonObject{{u"displayName"_s,
                                            QJsonObject{{u"expression"_s, u"concat(\"Team \", cn)"_s}}}}}}));
    // A user is not a group.
    QVERIFY(preview(u"jose.muller"_s));
    QVERIFY2(status().startsWith(u"No group under"_s), qPrintable(status()));
}

void TestMappingPreview::mapsAsARunMaps()
{
    // What a run reads (LdapDirectory) and maps (Mapping::apply) is what the preview shows, references aside.
    Mapping mapping = Mapping::defaults(DirectoryType::OpenLdap, ObjectKind::User);
    QString error;
    QVERIFY(mapping.applyOverrides({{u"nickName"_s, QJsonObject{{u"expression"_s, u"lower(cn)"_s}}}},
                                   u"mapping.users"_s, &error));
    const std::unique_ptr<Dialect> dialect = Dialect::create(DirectoryType::OpenLdap);
    LdapDirectory directory(settings(), Base, *dialect);
    directory.setUserAttributes(mapping.sourceAttributes());
    SourceSnapshot snapshot;
    Scope scope;
    scope.organizationalUnits = {u"ou=People,dc=example,dc=com"_s};
    QVERIFY2(directory.read(scope, snapshot), qPrintable(directory.error().message));
    QVERIFY(snapshot.users.size() >= 7);
    for (const SourceObject &object : std::as_const(snapshot.users)) {
        const QString uid = object.entry.text(u"uid"_s);
        const PreviewEntry entry = PreviewEntry::find(settings(), Base, DirectoryType::OpenLdap,
                                                      ObjectKind::User, uid, mapping.sourceAttributes());
        QVERIFY2(entry.isValid(), qPrintable(entry.error));
        QVERIFY(entry.covers(mapping));
        const MappingPreview preview =
            MappingPreview::map(entry, DirectoryType::OpenLdap, mapping, u"example.com"_s);
        const QJsonObject run =
            mapping.apply(object, {{u"domain"_s, u"example.com"_s}, {u"immutableId"_s, object.immutableId}});
        QCOMPARE(QJsonDocument(preview.resource).toJson(), QJsonDocument(run).toJson());
        QCOMPARE(preview.immutableId, object.immutableId);
    }
}

void TestMappingPreview::overridesAreAConfiguration()
{
    chooseSourceKind(u"active"_s, MappingModel::SourceKind::Constant);
    editCell(u"active"_s, MappingModel::ValueColumn, u"true"_s);
    auto *table = m_editor->findChild<QTableView *>(u"mappingTable"_s);
    table->selectRow(cell(u"title"_s, 0).row());
    m_editor->findChild<QPushButton *>(u"mappingRemove"_s)->click();
    const QJsonObject mapping = m_editor->overrides();
    QCOMPARE(mapping, (QJsonObject{{u"users"_s, QJsonObject{{u"active"_s, QJsonObject{{u"constant"_s, true}}},
                                                            {u"title"_s, QJsonValue::Null}}}}));
    const QJsonObject json{
        {u"name"_s, u"example.com"_s},
        {u"source"_s,
         QJsonObject{{u"type"_s, u"openldap"_s}, {u"url"_s, m_slapd->url()}, {u"baseDn"_s, Base}}},
        {u"scope"_s, QJsonObject{{u"organizationalUnits"_s, QJsonArray{Base}}}},
        {u"target"_s, QJsonObject{{u"type"_s, u"scim"_s},
                                  {u"url"_s, u"http://127.0.0.1:1/scim/v2"_s},
                                  {u"token"_s, QJsonObject{{u"env"_s, u"UNUSED"_s}}}}},
        {u"mapping"_s, mapping}};
    Configuration c;
    QStringList errors;
    QVERIFY2(Configuration::fromJson(json, c, &errors), qPrintable(errors.join(u'\n')));
    QVERIFY(!c.userMapping.toJson().contains(u"title"_s));

    // Loaded into another editor, it reads the same.
    MappingEditor other;
    other.setOverrides(mapping);
    QCOMPARE(other.overrides(), mapping);
    // Unknown keys are kept and reported as the configuration check reports them.
    QJsonObject withUnknown = mapping;
    withUnknown.insert(u"contacts"_s, QJsonObject());
    QSignalSpy changed(&other, &MappingEditor::changed);
    other.setOverrides(withUnknown);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(other.problems(),
             QStringList{u"mapping.contacts: unknown key (expected one of: users, groups)"_s});
    QCOMPARE(other.overrides(), withUnknown);
}

QTEST_MAIN(TestMappingPreview)
#include "tst_mappingpreview.moc"
