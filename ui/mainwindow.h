// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "configurationeditor.h"
#include "consolepage.h"

#include <QMainWindow>

class QLabel;
class QListWidget;
class QMenu;
class QProgressBar;
class QStackedWidget;

namespace Updraft {

class ConfigurationsView;
class ExplainDialog;
class ConsoleController;
class DashboardView;
class PasswordHashView;
class RunsView;
class StagedDeletesView;

// The console's window: navigation on the left (Dashboard, Runs, Password hashes, Configurations), the page
// on the right, the controller's actions in the toolbar, the engine's state in the status bar. Remembers its
// geometry, splitters, columns and filters.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(ConsoleController &controller, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Shows the page with this key; false (and nothing changes) when there is none.
    bool showPage(const QString &key);
    QString currentPage() const;
    QStringList pageKeys() const;
    DashboardView *dashboard() const { return m_dashboard; }
    RunsView *runs() const { return m_runs; }
    PasswordHashView *passwordHashes() const { return m_hashes; }
    ConfigurationsView *configurations() const { return m_configurations; }
    StagedDeletesView *deletes() const { return m_deletes; }
    QString engineStateText() const;

    void saveSettings() const;
    void restoreSettings();

    // Opens the configuration editor (non-modal, deleted when closed) on `definition`.
    ConfigurationEditor *openEditor(ConfigurationEditor::Mode mode, const QJsonObject &definition = {});
    // Asks for a JSON file and opens the editor on it, to review before it is saved.
    void importConfiguration();
    // Opens "explain / provision on demand" for one configuration (non-modal, deleted when closed).
    ExplainDialog *openExplain(const QString &name);
    void exportConfiguration(const QString &name);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void addPage(const ConsolePage &page);
    void selectConfiguration(const QString &name);
    void openRun(qint64 runId, const QString &anchor = {});
    void focusFilter();

    ConsoleController &m_controller;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_stack = nullptr;
    QList<ConsolePage> m_pages;
    QMenu *m_viewMenu = nullptr;
    DashboardView *m_dashboard = nullptr;
    RunsView *m_runs = nullptr;
    PasswordHashView *m_hashes = nullptr;
    ConfigurationsView *m_configurations = nullptr;
    StagedDeletesView *m_deletes = nullptr;
    QLabel *m_engineState = nullptr;
    QProgressBar *m_progress = nullptr;
    QString m_progressOf; // the run the progress bar follows
    QLabel *m_target = nullptr;
    bool m_closing = false;
};

} // namespace Updraft
