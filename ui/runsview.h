// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLineEdit;
class QPushButton;
class QTableView;

namespace Updraft {

class RunResultsPane;
class RunsModel;
class StateStore;

// The run history (like the Operations tab admins know), filtered above, with the selected run's objects
// below. Every count in a run's row lists the objects behind it.
class RunsView : public QWidget
{
    Q_OBJECT
public:
    RunsView(RunsModel *model, const StateStore &store, QWidget *parent = nullptr);

    void setConfigurations(const QStringList &names);
    // Selects run `runId` (loading pages until it is there) and, when `anchor` is set, that object in it.
    bool openRun(qint64 runId, const QString &anchor = {});
    qint64 selectedRunId() const;
    void focusFilter();
    // Compares the two selected runs, or the selected one with the one before it of its configuration.
    void compareSelected();

    QTableView *table() const { return m_table; }
    RunResultsPane *results() const { return m_results; }
    QLineEdit *filterEdit() const { return m_text; }
    QComboBox *statusFilter() const { return m_status; }

    void saveSettings() const;
    void restoreSettings();

Q_SIGNALS:
    void configurationSelected(const QString &name);

private:
    void applyFilter();
    void showSelected();
    void countClicked(const QModelIndex &index);
    void updateCompareButton();

    RunsModel *m_model;
    const StateStore &m_store;
    QComboBox *m_configuration = nullptr;
    QComboBox *m_status = nullptr;
    QCheckBox *m_useDates = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QLineEdit *m_text = nullptr;
    QPushButton *m_compare = nullptr;
    QTableView *m_table = nullptr;
    RunResultsPane *m_results = nullptr;
    qint64 m_shownRun = 0;
};

} // namespace Updraft
