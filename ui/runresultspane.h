// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/records.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace Updraft {

class ResultsFilterProxy;
class ResultsModel;

// Below the run history: every object the selected run touched, filterable by action and outcome, with an
// update's attribute diff, and export to CSV or JSON.
class RunResultsPane : public QWidget
{
    Q_OBJECT
public:
    explicit RunResultsPane(QWidget *parent = nullptr);

    void showRun(const RunRecord &run, QList<RunResult> results);
    void clear();
    const RunRecord &run() const;
    // Filters by action ("create", "update"…; empty: all), outcome ("failed"…; empty: all) and text.
    void setFilter(const QString &action, const QString &outcome, const QString &text = {});
    void selectAnchor(const QString &anchor);

    enum class ExportFormat { Csv, Json };
    // Writes the shown results (as filtered) to `path`. False, with the reason, if it cannot.
    bool exportTo(const QString &path, ExportFormat format, QString *error) const;

    QTableView *table() const { return m_table; }
    ResultsFilterProxy *proxy() const { return m_proxy; }
    QString details() const;
    QString summary() const;

    void saveSettings() const;
    void restoreSettings();

private:
    void applyFilter();
    void showDetails();
    void exportInteractively(ExportFormat format);

    ResultsModel *m_model = nullptr;
    ResultsFilterProxy *m_proxy = nullptr;
    QLabel *m_summary = nullptr;
    QComboBox *m_action = nullptr;
    QComboBox *m_outcome = nullptr;
    QLineEdit *m_text = nullptr;
    QPushButton *m_exportCsv = nullptr;
    QPushButton *m_exportJson = nullptr;
    QTableView *m_table = nullptr;
    QTextBrowser *m_details = nullptr;
};

} // namespace Updraft
