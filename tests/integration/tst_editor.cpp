// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The configuration editor, offscreen, against real slapd and SCIM servers and a real keyring (the test runs
// inside tests/servers/keyring/run.sh): a configuration made in the editor runs; Test connection says what is
// wrong; problems show as they are typed; no secret reaches the store or an export.
#include "consolefixture.h"
#include "core/translations.h"

#include "config/keychain.h"
#include "configurationeditor.h"
#include "connectioncheckview.h"
#include "consolecontroller.h"
#include "mainwindow.h"
#include "mappingeditor.h"
#include "mappingmodel.h"
#include "outreemodel.h"
#include "scopeimpactview.h"
#include "secretfield.h"
#include "store/statestore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

const QString PeopleOu = u"ou=People,dc=example,dc=com"_s;

template <typename T> T *child(QObject *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qFatal("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return found;
}

void type(QWidget *parent, const QString &name, const QString &text)
{
    auto *edit = child<QLineEdit>(parent, name);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

// Whether any file under `dir` holds `secret`.
QString fileHolding(const QString &dir, const QByteArray &secret)
{
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(secret))
            return file.fileName();
    }
    return {};
}

} // namespace

class TestEditor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void createdInTheEditorItRuns();
    void testConnectionSaysWhatIsWrong_data();
    void testConnectionSaysWhatIsWrong();
    void problemsShowAsTheyAreTyped();
    void entraOnTheCloudTab();

private:
    void openConsole();
    ConfigurationEditor *newConfiguration();
    ConnectionReport test(ConnectionCheckView *check);

    SyncFixture f;
    std::unique_ptr<ConsoleController> m_controller;
    std::unique_ptr<MainWindow> m_window;
    QString m_otherCa;
};

void TestEditor::initTestCase()
{
    QCoreApplication::setOrganizationName(u"updraft-tests"_s);
    QCoreApplication::setApplicationName(u"tst_editor"_s);
    QVERIFY(Updraft::installTranslations(*QCoreApplication::instance())); // as the console does
    QString why;
    if (!qEnvironmentVariableIsSet("UPDRAFT_TEST_KEYRING"))
        QFAIL("run inside tests/servers/keyring/run.sh (CTest does)");
    QVERIFY2(Keychain::available(&why), qPrintable(why));
    QString error;
    QVERIFY2(f.startScim(&error), qPrintable(error));

    m_otherCa = f.path(u"other-ca.pem"_s);
    QVERIFY2(TestServers::makeOtherCa(m_otherCa, &error), qPrintable(error));
}

void TestEditor::init()
{
    QSettings().clear();
    QString error;
    QVERIFY2(f.startDirectory(&error, {u"--tls"_s}), qPrintable(error));
}

void TestEditor::cleanup()
{
    m_window.reset();
    m_controller.reset();
    f.stopDirectory();
}

void TestEditor::openConsole()
{
    QString error;
    QVERIFY2(ConsoleFixture::openConsole(f.stateDir(), m_controller, m_window, &error), qPrintable(error));
}

// The editor as "New…" on the configurations page opens it, filled in for the test servers.
ConfigurationEditor *TestEditor::newConfiguration()
{
    m_window->showPage(u"configurations"_s);
    child<QPushButton>(m_window.get(), u"newConfiguration"_s)->click();
    auto *editor = m_window->findChild<ConfigurationEditor *>();
    if (!editor)
        return nullptr;
    type(editor, u"name"_s, u"example.com"_s);
    type(editor, u"source.url"_s, f.slapd().url());
    auto *security = child<QComboBox>(editor, u"source.security"_s);
    security->setCurrentIndex(1); // StartTLS
    Q_EMIT security->activated(1);
    type(editor, u"source.caFile"_s, f.slapd().caFile());
    type(editor, u"source.bindDn"_s, f.slapd().syncDn());
    type(editor, u"source.bindPassword"_s, f.slapd().syncPassword());
    type(editor, u"source.baseDn"_s, SyncFixture::BaseDn);
    type(editor, u"target.url"_s, f.scim().url().toString());
    type(editor, u"target.token"_s, f.scim().token());
    return editor;
}

ConnectionReport TestEditor::test(ConnectionCheckView *check)
{
    QSignalSpy finished(check, &ConnectionCheckView::finished);
    check->button()->click();
    if (!finished.wait(60000))
        return {};
    return check->report();
}

void TestEditor::createdInTheEditorItRuns()
{
    openConsole();
    ConfigurationEditor *editor = newConfiguration();
    QVERIFY(editor);
    // The keychain is offered once it has answered; typed secrets go there.
    QTRY_VERIFY(child<QComboBox>(editor, u"source.bindPassword.storage"_s)->currentIndex() == 0);

    const ConnectionReport source = test(editor->sourceCheck());
    QVERIFY2(source.ok(), qPrintable(source.failure()));
    const ConnectionReport target = test(editor->targetCheck());
    QVERIFY2(target.ok(), qPrintable(target.failure()));

    // Scope: ou=People checked in the live tree; the impact says who enters.
    editor->tabs()->setCurrentIndex(2);
    auto *tree = editor->findChild<OuTreeModel *>();
    QVERIFY(tree);
    QTRY_VERIFY_WITH_TIMEOUT(tree->indexOf(PeopleOu).isValid(), 20000);
    QVERIFY(tree->setData(tree->indexOf(PeopleOu), Qt::Checked, Qt::CheckStateRole));
    QTRY_VERIFY_WITH_TIMEOUT(editor->scopeImpact()->summaryText().contains(u"Entering: 7 users"_s), 20000);
    QVERIFY2(editor->scopeImpact()->summaryText().contains(u"would delete: 0"_s),
             qPrintable(editor->scopeImpact()->summaryText()));
    QVERIFY2(editor->problems().isEmpty(), qPrintable(editor->problems().join(u'\n')));

    // Mapping: one more attribute, a constant, for every user.
    auto *users = editor->mappingEditor()->findChild<MappingModel *>(u"users"_s);
    QVERIFY(users);
    QString why;
    QVERIFY2(users->addRule(u"nickName"_s, MappingModel::SourceKind::Constant, u"from the editor"_s, &why) >=
                 0,
             qPrintable(why));

    QSignalSpy saved(editor, &ConfigurationEditor::saved);
    child<QDialogButtonBox>(editor, {})->button(QDialogButtonBox::Save)->click();
    QVERIFY(saved.wait(30000));
    const auto stored = f.store().configuration(u"example.com"_s);
    QVERIFY(stored);
    const QJsonObject definition = stored->definition;
    QCOMPARE(definition[u"source"_s][u"bindPassword"_s][u"keychain"_s].toString(),
             u"example.com/source.bindPassword"_s);
    QCOMPARE(definition[u"target"_s][u"token"_s][u"keychain"_s].toString(), u"example.com/target.token"_s);
    QCOMPARE(definition[u"scope"_s][u"organizationalUnits"_s].toArray().first().toString(), PeopleOu);

    // Run from the console: the engine reads the secrets from the keychain and provisions ou=People.
    QSignalSpy finished(m_controller.get(), &ConsoleController::runFinished);
    m_controller->runNow(u"example.com"_s);
    QVERIFY(finished.wait(120000));
    const RunRecord run = finished.first().first().value<RunRecord>();
    QCOMPARE(run.status, u"success"_s);
    QCOMPARE(f.scim().users().size(), 7);
    for (const QJsonValue &user : f.scim().users())
        QCOMPARE(user[u"nickName"_s].toString(), u"from the editor"_s);

    // Neither secret is in the store's files nor in an export.
    const QString exported = f.path(u"exported.json"_s);
    QString error;
    QVERIFY2(m_controller->exportConfiguration(u"example.com"_s, exported, &error), qPrintable(error));
    QFile file(exported);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray json = file.readAll();
    for (const QByteArray &secret : {f.slapd().syncPassword().toUtf8(), f.scim().token().toUtf8()}) {
        QCOMPARE(fileHolding(f.stateDir(), secret), QString());
        QVERIFY(!json.contains(secret));
    }
    QVERIFY(json.contains("\"keychain\": \"example.com/target.token\""));
}

// Microsoft Entra ID chosen on the Cloud tab: its own form, Test connection step by step against the
// imitation of Entra's inbound provisioning, password hash sync turned off with the reason, the client secret
// in the keychain.
void TestEditor::entraOnTheCloudTab()
{
    TestServers::Entra entra(f.path(u"entra"_s));
    QString error;
    QVERIFY2(entra.start(&error, {u"--log-delay"_s, u"0"_s}), qPrintable(error));
    openConsole();
    ConfigurationEditor *editor = newConfiguration();
    QVERIFY(editor);
    QTRY_VERIFY(child<QComboBox>(editor, u"target.clientSecret.storage"_s)->currentIndex() == 0);
    auto *hashes = child<QCheckBox>(editor, u"passwordHashSync.enabled"_s);
    hashes->setChecked(true);
    editor->tabs()->setCurrentIndex(3);
    auto *kind = child<QComboBox>(editor, u"target.type"_s);
    kind->setCurrentIndex(1);
    Q_EMIT kind->activated(1);
    QVERIFY(!hashes->isChecked());
    QVERIFY(!hashes->isEnabled());
    QVERIFY2(hashes->toolTip().contains(u"no password hashes"_s), qPrintable(hashes->toolTip()));
    auto *credential = child<QComboBox>(editor, u"target.credential"_s);
    credential->setCurrentIndex(1); // client secret
    Q_EMIT credential->activated(1);
    type(editor, u"target.tenant"_s, entra.file(u"tenant"_s));
    type(editor, u"target.clientId"_s, entra.file(u"client"_s));
    type(editor, u"target.clientSecret"_s, entra.file(u"secret"_s));
    type(editor, u"target.servicePrincipalId"_s, entra.file(u"sp"_s));
    type(editor, u"target.jobId"_s, entra.file(u"job"_s));
    type(editor, u"target.authority"_s, entra.url().toString());
    type(editor, u"target.graph"_s, entra.url().toString());

    const ConnectionReport report = test(editor->targetCheck());
    QVERIFY2(report.ok(), qPrintable(report.failure()));
    QStringList names;
    for (const ConnectionStep &step : report.steps)
        names.append(step.name);
    for (const QString &step : {u"Token"_s, u"Provisioning job"_s, u"Provisioning logs"_s})
        QVERIFY2(names.contains(step), qPrintable(names.join(u", "_s)));

    // A wrong secret: the token step fails with Entra's reason, explained.
    type(editor, u"target.clientSecret"_s, u"not-the-secret"_s);
    const ConnectionReport wrong = test(editor->targetCheck());
    QVERIFY(!wrong.ok());
    QVERIFY2(wrong.failure().contains(u"did not issue a token"_s), qPrintable(wrong.failure()));
    type(editor, u"target.clientSecret"_s, entra.file(u"secret"_s));

    editor->tabs()->setCurrentIndex(2);
    auto *tree = editor->findChild<OuTreeModel *>();
    QVERIFY(tree);
    QTRY_VERIFY_WITH_TIMEOUT(tree->indexOf(PeopleOu).isValid(), 20000);
    QVERIFY(tree->setData(tree->indexOf(PeopleOu), Qt::Checked, Qt::CheckStateRole));
    QTRY_VERIFY2(editor->problems().isEmpty(), qPrintable(editor->problems().join(u'\n')));
    QSignalSpy saved(editor, &ConfigurationEditor::saved);
    child<QDialogButtonBox>(editor, {})->button(QDialogButtonBox::Save)->click();
    QVERIFY(saved.wait(30000));
    const auto stored = f.store().configuration(u"example.com"_s);
    QVERIFY(stored);
    const QJsonObject target = stored->definition[u"target"_s].toObject();
    QCOMPARE(target[u"type"_s].toString(), u"entra-inbound"_s);
    QCOMPARE(target[u"clientSecret"_s][u"keychain"_s].toString(), u"example.com/target.clientSecret"_s);
    QVERIFY(!target.contains(u"url"_s));
    QCOMPARE(fileHolding(f.stateDir(), entra.file(u"secret"_s).toUtf8()), QString());

    // Run from the console: the users reach Entra's job.
    QSignalSpy finished(m_controller.get(), &ConsoleController::runFinished);
    m_controller->runNow(u"example.com"_s);
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.first().first().value<RunRecord>().status, u"success"_s);
    QCOMPARE(entra.stats()[u"operationsAccepted"_s].toInt(), 7);
}

void TestEditor::testConnectionSaysWhatIsWrong_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("step");
    QTest::addColumn<QString>("says");
    QTest::newRow("wrong password") << u"source.bindPassword"_s << u"not-the-password"_s << u"Sign-in"_s
                                    << u"refused the bind DN or the password"_s;
    QTest::newRow("wrong CA") << u"source.caFile"_s << QString() << u"Encryption"_s
                              << u"not issued by the CA in source.caFile"_s;
    QTest::newRow("base DN that does not exist") << u"source.baseDn"_s << u"dc=example,dc=org"_s
                                                 << u"Base DN"_s << u"The server holds: dc=example,dc=com"_s;
}

void TestEditor::testConnectionSaysWhatIsWrong()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, step);
    QFETCH(QString, says);
    openConsole();
    ConfigurationEditor *editor = newConfiguration();
    QVERIFY(editor);
    type(editor, field, value.isEmpty() ? m_otherCa : value);
    const ConnectionReport report = test(editor->sourceCheck());
    QVERIFY(!report.ok());
    QCOMPARE(report.steps.last().name, step);
    QVERIFY2(report.failure().contains(says), qPrintable(report.failure()));
    // The admin reads the same words beside the button.
    QVERIFY(editor->sourceCheck()->findChild<QLabel *>()->text().contains(says));
}

void TestEditor::problemsShowAsTheyAreTyped()
{
    openConsole();
    ConfigurationEditor *editor = newConfiguration();
    QVERIFY(editor);
    auto *urlError = child<QLabel>(editor, u"source.url.error"_s);
    QVERIFY(urlError->text().isEmpty());
    type(editor, u"source.url"_s, u"http://dc1.example.com"_s);
    QVERIFY2(urlError->text().contains(u"is not a URL starting with ldap://"_s),
             qPrintable(urlError->text()));
    // Plain LDAP with a password to another machine: refused, with what to do instead.
    type(editor, u"source.url"_s, u"ldap://dc1.example.com"_s);
    auto *security = child<QComboBox>(editor, u"source.security"_s);
    security->setCurrentIndex(0);
    Q_EMIT security->activated(0);
    QVERIFY2(urlError->text().contains(u"sends the password unencrypted"_s), qPrintable(urlError->text()));
    type(editor, u"source.url"_s, f.slapd().url());
    QVERIFY(urlError->text().isEmpty());

    // The cloud's CA file is for https only; it is kept in the definition.
    type(editor, u"target.caFile"_s, u"/etc/updraft/corp-ca.pem"_s);
    auto *caError = child<QLabel>(editor, u"target.caFile.error"_s);
    QVERIFY2(caError->text().contains(u"applies to an https:// url only"_s), qPrintable(caError->text()));
    type(editor, u"target.url"_s, u"https://scim.corp.example/v2"_s);
    QVERIFY2(caError->text().isEmpty(), qPrintable(caError->text()));
    QCOMPARE(editor->definition()[u"target"_s][u"caFile"_s].toString(), u"/etc/updraft/corp-ca.pem"_s);
    type(editor, u"target.caFile"_s, QString());
    QVERIFY(!editor->definition()[u"target"_s].toObject().contains(u"caFile"_s));
    type(editor, u"target.url"_s, f.scim().url().toString());

    // Saving with a problem saves nothing and brings its tab forward.
    type(editor, u"source.baseDn"_s, u"not a dn"_s);
    editor->tabs()->setCurrentIndex(0);
    child<QDialogButtonBox>(editor, {})->button(QDialogButtonBox::Save)->click();
    QCOMPARE(editor->tabs()->currentIndex(), 1);
    QVERIFY(
        child<QLabel>(editor, u"source.baseDn.error"_s)->text().contains(u"is not a distinguished name"_s));
    QVERIFY(!f.store().configuration(u"example.com"_s));

    // The bind account's forms follow the directory type: a UPN is refused for OpenLDAP, taken for AD.
    type(editor, u"source.baseDn"_s, SyncFixture::BaseDn);
    type(editor, u"source.bindDn"_s, u"svc-updraft@example.com"_s);
    auto *bindError = child<QLabel>(editor, u"source.bindDn.error"_s);
    QVERIFY2(bindError->text().contains(u"OpenLDAP binds by DN"_s), qPrintable(bindError->text()));
    auto *directoryType = child<QComboBox>(editor, u"source.type"_s);
    directoryType->setCurrentIndex(directoryType->findData(u"activedirectory"_s));
    type(editor, u"source.bindDn"_s, u"svc-updraft@example.com"_s);
    QVERIFY2(bindError->text().isEmpty(), qPrintable(bindError->text()));
    QVERIFY(child<QLineEdit>(editor, u"source.bindDn"_s)->toolTip().contains(u"user principal name"_s));
    auto *anchor = child<QComboBox>(editor, u"source.anchorAttribute"_s);
    QVERIFY(!anchor->isEnabled()); // AD's anchor is not chosen
    // 389 Directory Server: nsUniqueId unless another is chosen, and only a choice is written.
    directoryType->setCurrentIndex(directoryType->findData(u"389ds"_s));
    QVERIFY(anchor->isEnabled());
    QCOMPARE(anchor->currentText(), u"nsUniqueId"_s);
    QVERIFY(!editor->definition()[u"source"_s].toObject().contains(u"anchorAttribute"_s));
    anchor->setCurrentText(u"entryUUID"_s);
    QCOMPARE(editor->definition()[u"source"_s].toObject()[u"anchorAttribute"_s].toString(), u"entryUUID"_s);
    QCOMPARE(editor->definition()[u"source"_s].toObject()[u"type"_s].toString(), u"389ds"_s);

    // Password hashes by replication: Active Directory's only (the rows show for it), chosen once hash sync
    // is on; a bind account given as a DN needs an account of its own.
    auto *method = child<QComboBox>(editor, u"source.passwordHashes.method"_s);
    auto *account = child<QLineEdit>(editor, u"source.passwordHashes.account"_s);
    QVERIFY(method->parentWidget()->isHidden()); // 389 Directory Server keeps hashes in attributes
    child<QCheckBox>(editor, u"passwordHashSync.enabled"_s)->setChecked(true);
    directoryType->setCurrentIndex(directoryType->findData(u"activedirectory"_s));
    QVERIFY(!method->parentWidget()->isHidden());
    QVERIFY(method->isEnabled());
    QVERIFY(account->parentWidget()->isHidden());
    method->setCurrentIndex(method->findData(u"replication"_s));
    Q_EMIT method->activated(method->currentIndex());
    QVERIFY(!account->parentWidget()->isHidden());
    QVERIFY(account->isEnabled());
    type(editor, u"source.bindDn"_s, u"CN=svc,DC=example,DC=com"_s);
    auto *accountError = child<QLabel>(editor, u"source.passwordHashes.account.error"_s);
    QVERIFY2(accountError->text().contains(u"the bind account is given as a DN"_s),
             qPrintable(accountError->text()));
    type(editor, u"source.passwordHashes.account"_s, u"svc-replication@example.com"_s);
    type(editor, u"source.passwordHashes.server"_s, u"dc1.example.com"_s);
    const QJsonObject hashes = editor->definition()[u"source"_s][u"passwordHashes"_s].toObject();
    QCOMPARE(hashes[u"method"_s].toString(), u"replication"_s);
    QCOMPARE(hashes[u"account"_s].toString(), u"svc-replication@example.com"_s);
    QCOMPARE(hashes[u"server"_s].toString(), u"dc1.example.com"_s);
    // Back to OpenLDAP: replication is dropped, not kept as a hidden setting.
    directoryType->setCurrentIndex(directoryType->findData(u"openldap"_s));
    QVERIFY(!editor->definition()[u"source"_s].toObject().contains(u"passwordHashes"_s));
    QVERIFY(method->parentWidget()->isHidden());
    QVERIFY(account->parentWidget()->isHidden());
}

QTEST_MAIN(TestEditor)
#include "tst_editor.moc"
