// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QChartView;

namespace Updraft {

class StateStore;

// Under the dashboard's cards: the last runs' changes and durations, and errors over time (objects that could
// not be written, password hashes refused or retried), across configurations.
class RunCharts : public QWidget
{
    Q_OBJECT
public:
    static constexpr int RunsShown = 30;

    explicit RunCharts(const StateStore &store, QWidget *parent = nullptr);
    void reload();
    int pointsShown() const { return m_points; }

protected:
    void changeEvent(QEvent *event) override; // a switch between light and dark restyles the charts

private:
    const StateStore &m_store;
    QChartView *m_changes = nullptr;
    QChartView *m_errors = nullptr;
    int m_points = 0;
};

} // namespace Updraft
