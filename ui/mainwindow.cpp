// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "configurationsmodel.h"
#include "configurationsview.h"
#include "consolecontroller.h"
#include "dashboardview.h"
#include "explaindialog.h"
#include "icons.h"
#include "notifier.h"
#include "passwordhashview.h"
#include "previewdialog.h"
#include "removeconfigurationdialog.h"
#include "runsmodel.h"
#include "runsview.h"
#include "stageddeletesmodel.h"
#include "stageddeletesview.h"
#include "store/statestore.h"
#include "theme.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QtConcurrentRun>

using namespace Qt::Literals::StringLiterals;

// The icons live in this static library: register them with whoever links it (the app, the tests).
static void initResources()
{
    Q_INIT_RESOURCE(updraft);
}

namespace Updraft {

MainWindow::MainWindow(ConsoleController &controller, QWidget *parent)
    : QMainWindow(parent)
    , m_controller(controller)
{
    initResources();
    setWindowTitle(tr("Updraft"));
    setWindowIcon(QIcon(u":/updraft/updraft.svg"_s));

    m_dashboard = new DashboardView(controller.configurations(), controller.recentRuns(), this);
    m_runs = new RunsView(controller.runs(), controller.store(), this);
    m_hashes = new PasswordHashView(controller.passwordHashes(), this);
    m_configurations = new ConfigurationsView(controller.configurations(), this);
    m_deletes = new StagedDeletesView(controller.stagedDeletes(), this);
    m_runs->setConfigurations(controller.configurations()->names());

    m_stack = new QStackedWidget(this);
    m_navigation = new QListWidget(this);
    m_navigation->setObjectName(u"navigation"_s);
    m_navigation->setAccessibleName(tr("Pages"));
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    // The pages, in navigation order: one line each.
    addPage({u"dashboard"_s, tr("Dashboard"), u"go-home"_s, m_dashboard});
    addPage({u"runs"_s, tr("Runs"), u"view-history"_s, m_runs});
    addPage({u"password-hashes"_s, tr("Password hashes"), u"dialog-password"_s, m_hashes});
    addPage({u"deletes"_s, tr("Deletes to approve"), u"edit-delete"_s, m_deletes});
    addPage({u"configurations"_s, tr("Configurations"), u"preferences-system"_s, m_configurations});
    const int navigationWidth = m_navigation->sizeHintForColumn(0) + 2 * m_navigation->frameWidth() + 16;
    m_navigation->setMinimumWidth(navigationWidth);
    m_navigation->setMaximumWidth(navigationWidth * 2);
    connect(m_navigation, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);

    auto *split = new QSplitter(this);
    split->setObjectName(u"mainSplitter"_s);
    split->addWidget(m_navigation);
    split->addWidget(m_stack);
    split->setStretchFactor(1, 1);
    split->setCollapsible(0, false);
    split->setCollapsible(1, false);
    split->setSizes({navigationWidth, 1200});
    setCentralWidget(split);

    auto *find = new QAction(tr("Find"), this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, &MainWindow::focusFilter);
    auto *quit = new QAction(Icons::get(u"application-exit"_s), tr("Quit"), this);
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    auto *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(u"mainToolbar"_s);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(controller.runNowAction());
    toolbar->addAction(controller.fullSyncAction());
    toolbar->addAction(controller.cancelAction());
    toolbar->addSeparator();
    toolbar->addAction(controller.refreshAction());
    m_target = new QLabel(this);
    m_target->setContentsMargins(12, 0, 0, 0);
    toolbar->addWidget(m_target);

    QMenu *fileMenu = new QMenu(tr("&File"), this);
    fileMenu->addAction(quit);
    QMenu *runMenu = new QMenu(tr("&Run"), this);
    runMenu->addActions({controller.runNowAction(), controller.fullSyncAction(), controller.cancelAction()});
    menuBar()->insertMenu(m_viewMenu->menuAction(), fileMenu);
    menuBar()->insertMenu(m_viewMenu->menuAction(), runMenu);
    m_viewMenu->addSeparator();
    m_viewMenu->addActions({find, controller.refreshAction()});
    m_viewMenu->addSeparator();
    QMenu *appearance = m_viewMenu->addMenu(tr("&Appearance"));
    auto *themes = new QActionGroup(this);
    for (const Theme::Choice choice : {Theme::Choice::System, Theme::Choice::Light, Theme::Choice::Dark}) {
        QAction *action = appearance->addAction(Theme::title(choice));
        action->setObjectName(u"theme-"_s + Theme::key(choice));
        action->setCheckable(true);
        action->setChecked(Theme::current() == choice);
        themes->addAction(action);
        connect(action, &QAction::triggered, this, [choice] {
            Theme::apply(choice);
            Theme::save(choice);
        });
    }

    m_engineState = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(320);
    m_progress->hide();
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_engineState);
    // The bar follows one run at a time; the status text names every run in progress.
    connect(&controller, &ConsoleController::runStarted, this, [this](const QString &name) {
        if (m_progressOf.isEmpty() || !m_controller.isRunning(m_progressOf)) {
            m_progressOf = name;
            m_progress->setRange(0, 0);
            m_progress->setFormat(tr("%1: starting…").arg(name));
            m_progress->show();
        }
    });
    connect(&controller, &ConsoleController::runProgress, this,
            [this](const QString &name, const QString &phase, int done, int total) {
                if (name != m_progressOf)
                    return;
                m_progress->setRange(0, std::max(total, 0));
                m_progress->setValue(done);
                m_progress->setFormat(total > 0 ? tr("%1: %2 %v of %m").arg(name, phase)
                                                : tr("%1: %2").arg(name, phase));
            });
    connect(&controller, &ConsoleController::runFinished, this, [this](const RunRecord &record) {
        if (record.configurationName == m_progressOf) {
            m_progress->hide();
            m_progressOf.clear();
        }
    });
    connect(&controller, &ConsoleController::engineStateChanged, m_engineState, &QLabel::setText);
    connect(&controller, &ConsoleController::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(controller.notifier(), &Notifier::notified, this,
            [this](const QString &title, const QString &text) {
                statusBar()->showMessage(text.isEmpty() ? title : title + u": "_s + text, 15000);
            });

    // What the pages ask for.
    connect(m_dashboard, &DashboardView::runRequested, this,
            [this](const QString &name) { m_controller.runNow(name); });
    connect(m_dashboard, &DashboardView::selected, this, &MainWindow::selectConfiguration);
    connect(m_dashboard, &DashboardView::runRequestedForResults, this, [this](qint64 id) { openRun(id); });
    connect(m_dashboard, &DashboardView::hashProblemsRequested, this, [this](const QString &name) {
        m_hashes->setSearch(name);
        showPage(u"password-hashes"_s);
    });
    connect(m_hashes, &PasswordHashView::retryRequested, &controller, &ConsoleController::retryPasswordHash);
    connect(m_deletes, &StagedDeletesView::decided, &controller, &ConsoleController::decideDeletes);
    const auto countDeletes = [this] {
        const int pending = m_controller.stagedDeletes()->pendingCount();
        m_navigation->item(int(pageKeys().indexOf(u"deletes"_s)))
            ->setText(pending ? tr("Deletes to approve (%1)").arg(pending) : tr("Deletes to approve"));
    };
    connect(controller.stagedDeletes(), &QAbstractItemModel::modelReset, this, countDeletes);
    countDeletes();
    connect(m_hashes, &PasswordHashView::provisioningResultRequested, this, &MainWindow::openRun);
    connect(m_configurations, &ConfigurationsView::configurationSelected, this,
            &MainWindow::selectConfiguration);
    connect(m_configurations, &ConfigurationsView::runRequested, &controller, &ConsoleController::runNow);
    connect(m_configurations, &ConfigurationsView::previewRequested, &controller,
            &ConsoleController::preview);
    connect(&controller, &ConsoleController::previewReady, this,
            [this](const QString &name, const RunRecord &record, const QList<RunResult> &plan) {
                auto *dialog = new PreviewDialog(name, record, plan, this);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                connect(dialog, &PreviewDialog::applyRequested, &m_controller, &ConsoleController::applyPlan);
                connect(dialog, &PreviewDialog::runAnywayRequested, &m_controller,
                        [this](const QString &n) { m_controller.runNow(n); });
                connect(&m_controller, &ConsoleController::planApplied, dialog, [dialog](const QString &n) {
                    if (n == dialog->name())
                        dialog->accept();
                });
                connect(&m_controller, &ConsoleController::planChanged, dialog,
                        [dialog](const QString &n, const QList<RunResult> &differences) {
                            if (n == dialog->name())
                                dialog->showDifferences(differences);
                        });
                dialog->open();
            });
    connect(m_configurations, &ConfigurationsView::removeRequested, this, [this](const QString &name) {
        const auto stored = m_controller.store().configuration(name);
        if (!stored)
            return;
        auto *dialog =
            new RemoveConfigurationDialog(name, int(m_controller.store().links(stored->id).size()), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this,
                [this, dialog, name] { m_controller.removeConfiguration(name, dialog->deprovision()); });
        dialog->open();
    });
    connect(m_configurations, &ConfigurationsView::newRequested, this,
            [this] { openEditor(ConfigurationEditor::Mode::Create); });
    connect(m_configurations, &ConfigurationsView::explainRequested, this, &MainWindow::openExplain);
    connect(m_configurations, &ConfigurationsView::importRequested, this, &MainWindow::importConfiguration);
    connect(m_configurations, &ConfigurationsView::exportRequested, this, &MainWindow::exportConfiguration);
    const auto editStored = [this](ConfigurationEditor::Mode mode) {
        return [this, mode](const QString &name) {
            if (const auto stored = m_controller.store().configuration(name))
                openEditor(mode, stored->definition);
        };
    };
    connect(m_configurations, &ConfigurationsView::editRequested, this,
            editStored(ConfigurationEditor::Mode::Edit));
    connect(m_configurations, &ConfigurationsView::duplicateRequested, this,
            editStored(ConfigurationEditor::Mode::Duplicate));
    connect(m_configurations, &ConfigurationsView::runsRequested, this, [this](const QString &name) {
        showPage(u"runs"_s);
        m_runs->filterEdit()->clear();
        m_runs->setConfigurations(m_controller.configurations()->names());
        selectConfiguration(name);
    });
    connect(controller.configurations(), &QAbstractItemModel::modelReset, this,
            [this] { m_runs->setConfigurations(m_controller.configurations()->names()); });

    // The tray, where the desktop has one.
    auto *trayMenu = new QMenu(this);
    trayMenu->addAction(tr("Show Updraft"), this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    trayMenu->addAction(controller.runNowAction());
    trayMenu->addSeparator();
    trayMenu->addAction(quit);
    controller.notifier()->showTrayIcon(trayMenu);
    connect(controller.notifier(), &Notifier::trayActivated, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    connect(&controller, &ConsoleController::shutDownComplete, this, [this] {
        if (m_closing)
            close();
    });

    // Relative times ("3 min ago", "in 2 min") move on by themselves.
    auto *clock = new QTimer(this);
    clock->setInterval(30'000);
    connect(clock, &QTimer::timeout, this, [this] {
        m_controller.configurations()->timePassed();
        m_runs->table()->viewport()->update();
        m_hashes->table()->viewport()->update();
    });
    clock->start();

    m_navigation->setCurrentRow(0);
    selectConfiguration({});
    resize(1280, 820);
}

MainWindow::~MainWindow() = default;

void MainWindow::addPage(const ConsolePage &page)
{
    const int index = int(m_pages.size());
    m_pages.append(page);
    new QListWidgetItem(Icons::get(page.icon), page.title, m_navigation);
    m_stack->addWidget(page.widget);
    auto *go = m_viewMenu->addAction(page.title, this, [this, index] { m_navigation->setCurrentRow(index); });
    if (index < 9)
        go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)));
}

bool MainWindow::showPage(const QString &key)
{
    const int index = int(pageKeys().indexOf(key));
    if (index < 0)
        return false;
    m_navigation->setCurrentRow(index);
    return true;
}

QString MainWindow::currentPage() const
{
    return m_pages.value(m_stack->currentIndex()).key;
}

QStringList MainWindow::pageKeys() const
{
    QStringList keys;
    for (const ConsolePage &page : m_pages)
        keys.append(page.key);
    return keys;
}

QString MainWindow::engineStateText() const
{
    return m_engineState->text();
}

void MainWindow::selectConfiguration(const QString &name)
{
    m_controller.setCurrentConfiguration(name);
    m_dashboard->setSelected(name);
    m_target->setText(name.isEmpty() ? tr("Acting on every configuration") : tr("Acting on %1").arg(name));
    if (m_configurations->selected() != name && !name.isEmpty())
        m_configurations->select(name);
}

void MainWindow::openRun(qint64 runId, const QString &anchor)
{
    showPage(u"runs"_s);
    if (!m_runs->openRun(runId, anchor))
        statusBar()->showMessage(tr("Run %1 is no longer in the history.").arg(runId), 8000);
}

void MainWindow::focusFilter()
{
    if (currentPage() == u"password-hashes"_s)
        m_hashes->focusFilter();
    else {
        showPage(u"runs"_s);
        m_runs->focusFilter();
    }
}

void MainWindow::saveSettings() const
{
    QSettings s;
    s.setValue(u"window/geometry"_s, saveGeometry());
    s.setValue(u"window/state"_s, saveState());
    s.setValue(u"window/page"_s, currentPage());
    if (const auto *split = findChild<QSplitter *>(u"mainSplitter"_s))
        s.setValue(u"window/splitter"_s, split->saveState());
    m_runs->saveSettings();
    m_hashes->saveSettings();
}

void MainWindow::restoreSettings()
{
    const QSettings s;
    restoreGeometry(s.value(u"window/geometry"_s).toByteArray());
    restoreState(s.value(u"window/state"_s).toByteArray());
    if (auto *split = findChild<QSplitter *>(u"mainSplitter"_s))
        split->restoreState(s.value(u"window/splitter"_s).toByteArray());
    m_runs->restoreSettings();
    m_hashes->restoreSettings();
    if (!showPage(s.value(u"window/page"_s).toString()))
        showPage(m_pages.first().key);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_controller.isShutDown()) {
        saveSettings();
        event->accept();
        return;
    }
    // Runs in progress stop after their batch, recorded as interrupted; the window closes when they have.
    m_closing = true;
    saveSettings();
    m_controller.shutdown();
    event->ignore();
}

ConfigurationEditor *MainWindow::openEditor(ConfigurationEditor::Mode mode, const QJsonObject &definition)
{
    auto *editor = new ConfigurationEditor(
        mode, definition, m_controller.configurations()->names(),
        [this](const QJsonObject &d, QString *error) { return m_controller.saveConfiguration(d, error); },
        this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    // What is provisioned already, for the scope preview: every link of every configuration, read off the GUI
    // thread (there may be 100,000), with a store connection of its own.
    const QString name =
        mode == ConfigurationEditor::Mode::Edit ? definition.value(u"name"_s).toString() : QString();
    auto *watcher = new QFutureWatcher<ScopeImpact::Provisioned>(editor);
    connect(watcher, &QFutureWatcherBase::finished, editor, [editor, watcher] {
        editor->setProvisioned(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([path = m_controller.store().path(), name] {
        StateStore store(path);
        QString error;
        if (!store.open(&error)) {
            qWarning("provisioned objects not read: %s", qPrintable(error));
            return ScopeImpact::Provisioned{};
        }
        return ScopeImpact::provisioned(store, name);
    }));
    connect(editor, &ConfigurationEditor::saved, this, [this](const QString &saved) {
        showPage(u"configurations"_s);
        m_configurations->select(saved);
    });
    editor->show();
    return editor;
}

ExplainDialog *MainWindow::openExplain(const QString &name)
{
    auto *dialog = new ExplainDialog(
        name,
        [this, name](const QString &text, bool provision) { m_controller.explain(name, text, provision); },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(&m_controller, &ConsoleController::explained, dialog,
            [dialog](const QString &, const Explanation &explanation) { dialog->show(explanation); });
    dialog->QDialog::show();
    return dialog;
}

void MainWindow::importConfiguration()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Import a configuration"), {},
                                                      tr("Configurations (*.json);;All files (*)"));
    if (file.isEmpty())
        return;
    QFile in(file);
    QJsonParseError parse{};
    const QJsonDocument document =
        in.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(in.readAll(), &parse) : QJsonDocument();
    if (!document.isObject()) {
        QMessageBox::warning(this, tr("Import a configuration"),
                             in.error() != QFile::NoError
                                 ? tr("%1 cannot be read: %2").arg(file, in.errorString())
                                 : tr("%1 is not a JSON object (%2 at byte %3).")
                                       .arg(file, parse.errorString())
                                       .arg(parse.offset));
        return;
    }
    // Reviewed in the editor before anything is stored: what the engine objects to shows under its field.
    const QJsonObject definition = document.object();
    const bool exists =
        m_controller.configurations()->names().contains(definition.value(u"name"_s).toString());
    openEditor(exists ? ConfigurationEditor::Mode::Edit : ConfigurationEditor::Mode::Create, definition);
}

void MainWindow::exportConfiguration(const QString &name)
{
    const QString file = QFileDialog::getSaveFileName(this, tr("Export %1").arg(name), name + u".json"_s,
                                                      tr("Configurations (*.json)"));
    if (file.isEmpty())
        return;
    QString error;
    if (!m_controller.exportConfiguration(name, file, &error)) {
        QMessageBox::warning(this, tr("Export %1").arg(name), error);
        return;
    }
    statusBar()->showMessage(tr("%1 exported to %2; secrets are in it only as references.").arg(name, file),
                             8000);
}

} // namespace Updraft
