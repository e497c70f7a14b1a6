// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The console driven as an admin would, offscreen, against a real slapd and a real SCIM service: Run now adds
// a row with the right counts, the run's results show below it, the hash panel filters, a CSV export holds
// what is shown, a failing run notifies, a cancelled run is recorded as interrupted.
#include "configurationcard.h"
#include "configurationsmodel.h"
#include "configurationsview.h"
#include "consolecontroller.h"
#include "consolefixture.h"
#include "core/translations.h"
#include "dashboardview.h"
#include "explaindialog.h"
#include "icons.h"
#include "mainwindow.h"
#include "notifier.h"
#include "passwordhashmodel.h"
#include "passwordhashview.h"
#include "previewdialog.h"
#include "removeconfigurationdialog.h"
#include "resultsmodel.h"
#include "runresultspane.h"
#include "runsmodel.h"
#include "runsview.h"
#include "stageddeletesmodel.h"
#include "stageddeletesview.h"
#include "theme.h"

#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

#include <cmath>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

class TestConsole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void runNowAddsARowWithItsResults();
    void exportsWhatIsShown();
    void hashPanelFiltersAndLeadsToTheRun();
    void failedRunNotifies();
    void cancelledRunIsInterrupted();
    void approvingOneStagedDeleteDeletesExactlyOne();
    void previewShowsThePlanTheRunExecutes();
    void explainFromTheConfigurationsPage();
    void removingAConfiguration_data();
    void removingAConfiguration();
    void everyPageFromTheKeyboard();
    void appearanceFromTheViewMenu();

private:
    // Starts the console on the fixture's store and waits until the engine is ready.
    void openConsole();
    RunRecord runNow(const QString &name = {});

    SyncFixture f;
    std::unique_ptr<ConsoleController> m_controller;
    std::unique_ptr<MainWindow> m_window;
};

void TestConsole::initTestCase()
{
    QCoreApplication::setOrganizationName(u"updraft-tests"_s);
    QCoreApplication::setApplicationName(u"tst_console"_s);
    QVERIFY(Updraft::installTranslations(*QCoreApplication::instance())); // as the console does
    QString error;
    QVERIFY2(f.startScim(&error), qPrintable(error));
}

void TestConsole::init()
{
    QSettings().clear(); // each test starts from a console never opened before
    QString error;
    QVERIFY2(f.startDirectory(&error), qPrintable(error));
}

void TestConsole::cleanup()
{
    m_window.reset();
    m_controller.reset(); // stops the engine thread
    f.stopDirectory();
}

void TestConsole::openConsole()
{
    QString error;
    QVERIFY2(ConsoleFixture::openConsole(f.stateDir(), m_controller, m_window, &error), qPrintable(error));
}

RunRecord TestConsole::runNow(const QString &name)
{
    QSignalSpy finished(m_controller.get(), &ConsoleController::runFinished);
    if (name.isEmpty())
        m_controller->runNowAction()->trigger();
    else
        m_window->dashboard()->card(name)->runButton()->click();
    if (!finished.wait(120000))
        return {};
    return finished.first().first().value<RunRecord>();
}

void TestConsole::runNowAddsARowWithItsResults()
{
    QVERIFY(ConsoleFixture::save(f, f.peopleJson()));
    openConsole();
    RunsView *runs = m_window->runs();
    QCOMPARE(runs->table()->model()->rowCount(), 0);

    const RunRecord r = runNow(u"example.com"_s);
    QCOMPARE(r.status, u"success"_s);
    const int users = int(f.scim().users().size());
    QVERIFY(users > 0);
    QCOMPARE(r.users.created, users);

    // A new row with the run's counts.
    QAbstractItemModel *model = runs->table()->model();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, RunsModel::ConfigurationColumn).data().toString(), u"example.com"_s);
    QCOMPARE(model->index(0, RunsModel::TriggerColumn).data().toString(), u"manual"_s);
    QCOMPARE(model->index(0, RunsModel::StatusColumn).data().toString(), u"Succeeded"_s);
    QCOMPARE(model->index(0, RunsModel::CreatedColumn).data().toInt(), r.users.created + r.groups.created);
    QCOMPARE(model->index(0, RunsModel::FailedColumn).data().toInt(), 0);

    // Selecting it shows every object it touched.
    m_window->showPage(u"runs"_s);
    runs->table()->selectRow(0);
    QTableView *results = runs->results()->table();
    // Every object, and the second writes (memberships, references to users created in the run).
    QCOMPARE(results->model()->rowCount(), f.store().results(r.id).size());
    QVERIFY(results->model()->rowCount() >= r.users.total() + r.groups.total());
    QVERIFY(runs->results()->summary().contains(u"Run %1"_s.arg(r.id)));
    results->selectRow(0);
    QVERIFY(!runs->results()->details().isEmpty());
    // A count is a link to the objects behind it.
    runs->table()->clicked(model->index(0, RunsModel::CreatedColumn));
    for (int row = 0; row < results->model()->rowCount(); ++row)
        QCOMPARE(results->model()->index(row, 0).data(ResultsModel::ActionRole).toString(), u"create"_s);

    // The dashboard card says the same.
    ConfigurationCard *card = m_window->dashboard()->card(u"example.com"_s);
    QVERIFY(card);
    QVERIFY2(card->healthText().contains(u"Healthy"_s), qPrintable(card->healthText()));
    QVERIFY2(card->lastRunText().contains(u"+%1"_s.arg(r.users.created + r.groups.created)),
             qPrintable(card->lastRunText()));

    // An update shows its attribute diff.
    QString error;
    QVERIFY2(f.slapd().modify(u"dn: uid=ada.lovelace,ou=Engineering,ou=People,dc=example,dc=com\n"
                              "changetype: modify\nreplace: title\ntitle: Chief Tester\n"_s,
                              &error),
             qPrintable(error));
    const RunRecord second = runNow();
    QCOMPARE(second.users.updated, 1);
    QCOMPARE(model->rowCount(), 2);
    runs->table()->selectRow(0);
    runs->results()->setFilter(u"update"_s, {});
    QCOMPARE(results->model()->rowCount(), 1);
    results->selectRow(0);
    QVERIFY2(runs->results()->details().contains(u"Chief Tester"_s), qPrintable(runs->results()->details()));
}

void TestConsole::exportsWhatIsShown()
{
    QVERIFY(ConsoleFixture::save(f, f.peopleJson()));
    openConsole();
    const RunRecord r = runNow();
    QCOMPARE(r.status, u"success"_s);
    RunsView *runs = m_window->runs();
    runs->table()->selectRow(0);
    runs->results()->setFilter(u"create"_s, u"success"_s, u"lovelace"_s);
    QCOMPARE(runs->results()->table()->model()->rowCount(), 1);

    const QString path = f.path(u"export.csv"_s);
    QString error;
    QVERIFY2(runs->results()->exportTo(path, RunResultsPane::ExportFormat::Csv, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 3); // header, ada, and the empty rest after the last CRLF
    QVERIFY(lines.at(0).startsWith("kind,action,outcome,name,dn"));
    QVERIFY2(lines.at(1).startsWith("user,create,success,"), lines.at(1).constData());
    QVERIFY(lines.at(1).contains("\"uid=ada.lovelace,ou=Engineering,ou=People,dc=example,dc=com\""));

    // JSON: the run and every shown result.
    runs->results()->setFilter({}, {});
    const QString json = f.path(u"export.json"_s);
    QVERIFY2(runs->results()->exportTo(json, RunResultsPane::ExportFormat::Json, &error), qPrintable(error));
    QFile jsonFile(json);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    const QJsonObject doc = QJsonDocument::fromJson(jsonFile.readAll()).object();
    QCOMPARE(doc.value(u"run"_s).toObject().value(u"run"_s).toInteger(), r.id);
    QCOMPARE(doc.value(u"results"_s).toArray().size(), f.store().results(r.id).size());
}

void TestConsole::hashPanelFiltersAndLeadsToTheRun()
{
    QJsonObject json = f.peopleJson();
    json[u"passwordHashSync"_s] = QJsonObject{{u"enabled"_s, true}};
    QVERIFY(ConsoleFixture::save(f, json));
    // An administrator resets bob's password: must change at next logon.
    QString error;
    QVERIFY2(f.slapd().changePassword(u"uid=bob.smith,ou=Sales,ou=People,dc=example,dc=com"_s, {},
                                      u"Temp-Reset-1"_s, &error),
             qPrintable(error));
    openConsole();
    const RunRecord r = runNow();
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.passwordHashes.value(u"held"_s), 1);

    PasswordHashView *panel = m_window->passwordHashes();
    m_window->showPage(u"password-hashes"_s);
    const auto shown = [panel] {
        QStringList users;
        for (int row = 0; row < panel->table()->model()->rowCount(); ++row)
            users.append(
                panel->table()->model()->index(row, PasswordHashModel::UserColumn).data().toString());
        users.sort();
        return users;
    };
    // By default every problem and the held users; not the synced ones. The statuses are read in a worker
    // thread once the run is over.
    QTRY_VERIFY(!shown().isEmpty());
    const QStringList problems = shown();
    QVERIFY2(problems.contains(u"bob.smith"_s), qPrintable(problems.join(u", "_s)));
    QCOMPARE(problems.size(), r.passwordHashes.value(u"held"_s) + r.passwordHashes.value(u"unsupported"_s) +
                                  r.passwordHashes.value(u"missing"_s));
    panel->toggle(u"held"_s)->click();
    QVERIFY(!shown().contains(u"bob.smith"_s));
    panel->toggle(u"synced"_s)->click();
    QCOMPARE(shown().size(), problems.size() - 1 + r.passwordHashes.value(u"synced"_s));
    panel->setSearch(u"bob"_s);
    QVERIFY(panel->showsEmptyState());
    QVERIFY2(panel->emptyStateText().contains(u"Nothing matches"_s), qPrintable(panel->emptyStateText()));
    panel->toggle(u"held"_s)->click();
    QCOMPARE(shown(), QStringList{u"bob.smith"_s});

    // The held row explains itself and leads to the run that held it.
    const QModelIndex bob = panel->table()->model()->index(0, PasswordHashModel::NextStepColumn);
    QVERIFY(bob.data().toString().contains(u"after the user changes the password"_s));
    panel->table()->setCurrentIndex(bob);
    QSignalSpy opened(panel, &PasswordHashView::provisioningResultRequested);
    const auto buttons = panel->findChildren<QPushButton *>();
    for (QPushButton *b : buttons)
        if (b->text() == u"Open provisioning result"_s)
            b->click();
    QCOMPARE(opened.size(), 1);
    QCOMPARE(m_window->currentPage(), u"runs"_s);
    QCOMPARE(m_window->runs()->selectedRunId(), r.id);

    // The toggles are remembered.
    m_window.reset();
    m_window = std::make_unique<MainWindow>(*m_controller);
    QVERIFY(m_window->passwordHashes()->toggle(u"synced"_s)->isChecked());
    QVERIFY(m_window->passwordHashes()->toggle(u"held"_s)->isChecked());
}

void TestConsole::failedRunNotifies()
{
    QJsonObject json = f.peopleJson();
    QJsonObject target = json.value(u"target"_s).toObject();
    target[u"token"_s] = QJsonObject{{u"env"_s, u"UPDRAFT_TEST_WRONG_TOKEN"_s}};
    json[u"target"_s] = target;
    qputenv("UPDRAFT_TEST_WRONG_TOKEN", "not-the-token");
    QVERIFY(ConsoleFixture::save(f, json));
    openConsole();
    QSignalSpy notified(m_controller->notifier(), &Notifier::notified);
    const RunRecord r = runNow();
    QCOMPARE(r.status, u"failed"_s);
    QCOMPARE(notified.size(), 1);
    QVERIFY(notified.first().at(0).toString().contains(u"the run failed"_s));
    QVERIFY(notified.first().at(2).toBool()); // critical
    QCOMPARE(m_controller->notifier()->overallState(), u"error"_s);
    QVERIFY(m_window->dashboard()->card(u"example.com"_s)->healthText().contains(u"Errors"_s));
}

void TestConsole::cancelledRunIsInterrupted()
{
    const QString ldif = f.path(u"people-3000.ldif"_s);
    QVERIFY(ConsoleFixture::generateDirectory(ldif, 3000, 0));
    f.stopDirectory();
    QString error;
    QVERIFY2(f.startDirectoryWith(ldif, &error), qPrintable(error));
    QVERIFY(ConsoleFixture::save(f, f.peopleJson()));
    openConsole();
    m_controller->setCurrentConfiguration(u"example.com"_s);
    QSignalSpy finished(m_controller.get(), &ConsoleController::runFinished);
    m_controller->runNowAction()->trigger();
    // Stop it once it writes.
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->isRunning(u"example.com"_s) && f.scim().writes() > 100, 60000);
    QVERIFY(m_controller->cancelAction()->isEnabled());
    m_controller->cancelAction()->trigger();
    QVERIFY(finished.wait(60000));
    const RunRecord r = finished.first().first().value<RunRecord>();
    QCOMPARE(r.status, u"interrupted"_s);
    QVERIFY2(r.users.created < 2800, qPrintable(QString::number(r.users.created)));
    QCOMPARE(m_window->runs()->table()->model()->index(0, RunsModel::StatusColumn).data().toString(),
             u"Interrupted"_s);
}

void TestConsole::approvingOneStagedDeleteDeletesExactlyOne()
{
    QJsonObject json = f.peopleJson();
    json[u"safety"_s] = QJsonObject{{u"deleteThreshold"_s, 2}};
    QVERIFY(ConsoleFixture::save(f, json));
    openConsole();
    QCOMPARE(runNow().status, u"success"_s);
    // Three leave the directory: one more than the threshold.
    QString error;
    for (const QString &dn : {u"uid=eve.adams,ou=Sales,ou=People,dc=example,dc=com"_s,
                              u"uid=frank.ng,ou=Sales,ou=People,dc=example,dc=com"_s,
                              u"uid=carol.jones,ou=Sales,ou=People,dc=example,dc=com"_s})
        QVERIFY2(f.slapd().modify(u"dn: %1\nchangetype: delete\n"_s.arg(dn), &error), qPrintable(error));
    const RunRecord stopped = runNow();
    QCOMPARE(stopped.status, u"stopped"_s);

    m_window->showPage(u"deletes"_s);
    StagedDeletesView *deletes = m_window->deletes();
    QTableView *table = deletes->table();
    QCOMPARE(table->model()->rowCount(), 3);
    QVERIFY(m_window->dashboard()->card(u"example.com"_s)->healthText().contains(u"Waiting for approval"_s));

    int asked = 0;
    QString button;
    deletes->setConfirmation([&](const QString &, const QString &text) {
        ++asked;
        button = text;
        return true;
    });
    table->selectRow(0);
    const QString chosen = table->model()->index(0, StagedDeletesModel::DnColumn).data().toString();
    f.scim().resetStats();
    QSignalSpy finished(m_controller.get(), &ConsoleController::runFinished);
    deletes->approveSelected();
    QCOMPARE(asked, 1);
    QCOMPARE(button, u"Delete 1 object"_s);
    QVERIFY(finished.wait(120000));
    const RunRecord r = finished.first().first().value<RunRecord>();
    QCOMPARE(r.users.deleted, 1);
    QCOMPARE(f.scim().stats()[u"requests"_s][u"DELETE"_s].toInt(), 1);
    // The other two still wait; the one approved is gone from the list.
    QTRY_COMPARE(table->model()->rowCount(), 2);
    for (int row = 0; row < 2; ++row) {
        QCOMPARE(table->model()->index(row, 0).data(StagedDeletesModel::DecisionRole).toString(),
                 u"pending"_s);
        QVERIFY(table->model()->index(row, StagedDeletesModel::DnColumn).data().toString() != chosen);
    }
}

void TestConsole::previewShowsThePlanTheRunExecutes()
{
    QVERIFY(ConsoleFixture::save(f, f.peopleJson()));
    openConsole();
    QCOMPARE(runNow().status, u"success"_s);
    QString error;
    QVERIFY2(
        f.slapd().modify(u"dn: uid=ada.lovelace,ou=Engineering,ou=People,dc=example,dc=com\n"
                         "changetype: modify\nreplace: title\ntitle: Countess\n\n"
                         "dn: uid=eve.adams,ou=Sales,ou=People,dc=example,dc=com\nchangetype: delete\n"_s,
                         &error),
        qPrintable(error));
    const auto writes = [](const QList<RunResult> &results) {
        QStringList out;
        for (const RunResult &r : results)
            if (r.action != u"unchanged"_s && r.action != u"read"_s) // "read": what the run read, and why
                out.append(r.dn + u' ' + r.action);
        out.sort();
        return out;
    };

    m_window->showPage(u"configurations"_s);
    m_window->configurations()->select(u"example.com"_s);
    f.scim().resetStats();
    QSignalSpy ready(m_controller.get(), &ConsoleController::previewReady);
    m_window->configurations()->findChild<QPushButton *>(u"previewRun"_s)->click();
    QVERIFY(ready.wait(120000));
    QCOMPARE(f.scim().writes(), 0); // a preview writes nothing
    auto *dialog = m_window->findChild<PreviewDialog *>();
    QVERIFY(dialog);
    const QStringList planned = writes(dialog->plan());
    QVERIFY2(planned.contains(u"uid=ada.lovelace,ou=Engineering,ou=People,dc=example,dc=com update"_s),
             qPrintable(planned.join(u", "_s)));
    QVERIFY(planned.contains(u"uid=eve.adams,ou=Sales,ou=People,dc=example,dc=com delete"_s));
    // The update shows its diff in the grid.
    dialog->results()->setFilter(u"update"_s, {});
    dialog->results()->table()->selectRow(0);
    QVERIFY2(dialog->results()->details().contains(u"Countess"_s), qPrintable(dialog->results()->details()));

    QSignalSpy finished(m_controller.get(), &ConsoleController::runFinished);
    dialog->applyButton()->click();
    QVERIFY(finished.wait(120000));
    const RunRecord r = finished.first().first().value<RunRecord>();
    QCOMPARE(r.trigger, u"manual"_s);
    QCOMPARE(writes(f.store().results(r.id)), planned); // exactly the reviewed plan
}

void TestConsole::explainFromTheConfigurationsPage()
{
    QVERIFY(ConsoleFixture::save(f, f.peopleJson()));
    openConsole();
    m_window->showPage(u"configurations"_s);
    m_window->configurations()->select(u"example.com"_s);
    m_window->configurations()->findChild<QPushButton *>(u"explainObject"_s)->click();
    auto *dialog = m_window->findChild<ExplainDialog *>();
    QVERIFY(dialog);
    // A contractor: outside ou=People, the only OU of the scope; the engine's thread answers.
    dialog->searchField()->setText(u"grace.hopper"_s);
    QTest::keyClick(dialog->searchField(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->explanation().status == Explanation::Status::Explained, 30000);
    QVERIFY(!dialog->explanation().inScope);
    QString scope;
    for (int i = 0; i < dialog->stepTree()->topLevelItemCount(); ++i)
        if (dialog->stepTree()->topLevelItem(i)->text(0) == u"Scope"_s)
            scope = dialog->stepTree()->topLevelItem(i)->text(1);
    QVERIFY2(scope.contains(u"not under any of the scope's OUs (ou=People,dc=example,dc=com)"_s),
             qPrintable(scope));
    QVERIFY(!dialog->provisionButton()->isEnabled());
    QCOMPARE(f.scim().users().size(), 0); // explaining writes nothing
}

void TestConsole::removingAConfiguration_data()
{
    QTest::addColumn<bool>("deprovision");
    QTest::newRow("keep its cloud objects") << false;
    QTest::newRow("delete them first") << true;
}

void TestConsole::removingAConfiguration()
{
    QFETCH(bool, deprovision);
    QVERIFY(ConsoleFixture::save(f, f.peopleJson()));
    QVERIFY(ConsoleFixture::save(
        f, f.configJson(u"contractors.example.com"_s,
                        {{u"organizationalUnits"_s, QJsonArray{u"ou=Contractors,dc=example,dc=com"_s}}})));
    openConsole();
    QCOMPARE(runNow(u"example.com"_s).users.created, 7);
    QCOMPARE(runNow(u"contractors.example.com"_s).users.created, 2);

    m_window->showPage(u"configurations"_s);
    m_window->configurations()->select(u"example.com"_s);
    m_window->configurations()->findChild<QPushButton *>(u"removeConfiguration"_s)->click();
    auto *dialog = m_window->findChild<RemoveConfigurationDialog *>();
    QVERIFY(dialog);
    QVERIFY(!dialog->deprovision()); // keeping the objects is the default
    QVERIFY2(dialog->removeButton()->text().contains(u"keep 9 object"_s),
             qPrintable(dialog->removeButton()->text()));
    dialog->setDeprovision(deprovision);
    QSignalSpy removal(m_controller.get(), &ConsoleController::configurationRemoval);
    dialog->removeButton()->click();
    QVERIFY(removal.wait(120000));
    QVERIFY2(removal.first().at(1).toBool(), qPrintable(removal.first().at(2).toString()));
    QVERIFY(!f.store().configuration(u"example.com"_s));
    QCOMPARE(m_controller->configurations()->names(), QStringList{u"contractors.example.com"_s});
    // Kept, or exactly its own objects deleted: the other configuration's stay.
    QCOMPARE(f.scim().users().size(), deprovision ? 2 : 9);
    QCOMPARE(f.scim().groups().size(), deprovision ? 0 : 2);
}

// Ctrl+1… opens each page; Tab then reaches its controls, and each one the keyboard reaches says what it is
// to a screen reader (its name in the accessibility tree, from its text, its label or an accessible name).
void TestConsole::everyPageFromTheKeyboard()
{
    QVERIFY(ConsoleFixture::save(f, f.peopleJson()));
    openConsole();
    QCOMPARE(runNow(u"example.com"_s).status, u"success"_s);
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    const QStringList keys = m_window->pageKeys();
    QCOMPARE(keys, (QStringList{u"dashboard"_s, u"runs"_s, u"password-hashes"_s, u"deletes"_s,
                                u"configurations"_s}));
    QStringList unnamed;
    for (int i = 0; i < keys.size(); ++i) {
        QTest::keyClick(m_window.get(), Qt::Key(Qt::Key_1 + i), Qt::ControlModifier);
        QCOMPARE(m_window->currentPage(), keys.at(i));
        QWidget *page = m_window->findChild<QStackedWidget *>()->currentWidget();
        int reachedInPage = 0;
        QSet<QWidget *> seen;
        for (int tab = 0; tab < 80; ++tab) {
            QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : m_window.get(),
                            Qt::Key_Tab);
            QWidget *focus = QApplication::focusWidget();
            if (!focus || seen.contains(focus))
                continue;
            seen.insert(focus);
            reachedInPage += page->isAncestorOf(focus);
            QAccessibleInterface *a = QAccessible::queryAccessibleInterface(focus);
            const QString name = a ? a->text(QAccessible::Name) : QString();
            if (name.trimmed().isEmpty())
                unnamed.append(u"%1: %2 %3"_s.arg(
                    keys.at(i), QString::fromLatin1(focus->metaObject()->className()), focus->objectName()));
        }
        QVERIFY2(reachedInPage > 0, qPrintable(u"Tab reaches nothing on the page "_s + keys.at(i)));
    }
    unnamed.removeDuplicates();
    QVERIFY2(unnamed.isEmpty(), qPrintable(u"without an accessible name: "_s + unnamed.join(u"; "_s)));
}

namespace {

// WCAG 2 contrast ratio of two colours (1 to 21).
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double x = luminance(a), y = luminance(b);
    return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
}

// The mean lightness of an icon's drawn (opaque) pixels.
int iconLightness(const QIcon &icon)
{
    const QImage image = icon.pixmap(24, 24).toImage();
    qint64 sum = 0, count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (const QColor c = image.pixelColor(x, y); c.alpha() > 200) {
                sum += c.lightness();
                ++count;
            }
    return count ? int(sum / count) : -1;
}

} // namespace

void TestConsole::appearanceFromTheViewMenu()
{
    const QPalette desktop = QApplication::palette();
    QVERIFY(ConsoleFixture::save(f, f.peopleJson()));
    openConsole();
    const auto choose = [this](const char *key) {
        auto *action = m_window->findChild<QAction *>(u"theme-"_s + QLatin1String(key));
        QVERIFY2(action, key);
        action->trigger();
        QVERIFY(action->isChecked());
    };

    choose("dark");
    QPalette p = QApplication::palette();
    QVERIFY(p.color(QPalette::Window).lightness() < 64);
    QVERIFY(contrast(p.color(QPalette::WindowText), p.color(QPalette::Window)) >= 7);
    QVERIFY(contrast(p.color(QPalette::Text), p.color(QPalette::Base)) >= 7);
    QVERIFY(contrast(p.color(QPalette::HighlightedText), p.color(QPalette::Highlight)) >= 4.5);
    QVERIFY(contrast(p.color(QPalette::Link), p.color(QPalette::Base)) >= 4.5);
    QCOMPARE(QSettings().value(u"view/theme"_s).toString(), u"dark"_s);
    // The bundled icons follow: light strokes on the dark palette, dark ones on the light one.
    QVERIFY2(iconLightness(Icons::get(u"go-home"_s)) > 150, "an icon stays dark on the dark palette");

    choose("light");
    p = QApplication::palette();
    QVERIFY(p.color(QPalette::Window).lightness() > 200);
    QVERIFY2(iconLightness(Icons::get(u"go-home"_s)) < 110, "an icon stays light on the light palette");

    choose("system");
    QCOMPARE(QApplication::palette(), desktop);
    QCOMPARE(Theme::saved(), Theme::Choice::System);
}

QTEST_MAIN(TestConsole)
#include "tst_console.moc"
