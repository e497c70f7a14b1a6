// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/records.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace Updraft {

class RunResultsPane;

// The plan of a run before it is made: every object with the action it would get (creates, updates with their
// attribute diff, deletes), filterable like a run's results. "Apply this plan" runs it if the plan is still
// the same; if the directory changed meanwhile, the differences are shown and the admin decides again.
class PreviewDialog : public QDialog
{
    Q_OBJECT
public:
    PreviewDialog(const QString &name, const RunRecord &record, QList<RunResult> plan,
                  QWidget *parent = nullptr);

    QString name() const { return m_name; }
    const QList<RunResult> &plan() const { return m_plan; }
    RunResultsPane *results() const { return m_results; }
    QPushButton *applyButton() const { return m_apply; }
    // The directory changed since the preview: show how, and offer to run anyway.
    void showDifferences(const QList<RunResult> &differences);

Q_SIGNALS:
    void applyRequested(const QString &name, const QList<Updraft::RunResult> &plan);
    void runAnywayRequested(const QString &name);

private:
    QString m_name;
    QList<RunResult> m_plan;
    QLabel *m_summary = nullptr;
    RunResultsPane *m_results = nullptr;
    QPushButton *m_apply = nullptr;
    QPushButton *m_runAnyway = nullptr;
};

} // namespace Updraft
