// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QChart;

class QChartView;
class QLabel;
class QStackedWidget;

namespace Updraft {

class RecentRuns;
struct RunRecord;

// Under the dashboard's cards: the last runs' changes and durations, and errors over time (objects that could
// not be written, password hashes refused or retried), across configurations. A chart is drawn only when it
// shows something: before two runs, or with no error in the runs shown, a sentence says what there is.
class RunCharts : public QWidget
{
    Q_OBJECT
public:
    // Redrawn each time `runs` has read the store again (off the GUI thread).
    explicit RunCharts(const RecentRuns *runs, QWidget *parent = nullptr);
    int pointsShown() const { return m_points; }
    // What stands in place of each chart; empty while the chart is shown.
    QString changesNote() const;
    QString errorsNote() const;
    // The time axis's label format: with the date when the runs shown span more than one day.
    QString timeFormat() const { return m_timeFormat; }

protected:
    void changeEvent(QEvent *event) override; // a switch between light and dark restyles the charts

private:
    void redraw();

    const RecentRuns *m_recent;
    QChart *changesChart(const QList<RunRecord> &runs) const;
    void showErrors(const QList<RunRecord> &runs);
    void showChart(QStackedWidget *stack, QChartView *view, QChart *chart);
    void showNote(QStackedWidget *stack, QLabel *note, const QString &text);

    QStackedWidget *m_changesStack = nullptr;
    QChartView *m_changes = nullptr;
    QLabel *m_changesNote = nullptr;
    QStackedWidget *m_errorsStack = nullptr;
    QChartView *m_errors = nullptr;
    QLabel *m_errorsNote = nullptr;
    int m_points = 0;
    QString m_timeFormat;
};

} // namespace Updraft
