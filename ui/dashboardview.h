// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QGridLayout;
class QLabel;
class QScrollArea;

namespace Updraft {

class ConfigurationCard;
class ConfigurationsModel;
class RunCharts;
class RecentRuns;

// The first screen: a card per configuration, and under them the last runs as charts.
class DashboardView : public QWidget
{
    Q_OBJECT
public:
    DashboardView(ConfigurationsModel *model, const RecentRuns *recentRuns, QWidget *parent = nullptr);

    QList<ConfigurationCard *> cards() const { return m_cards; }
    ConfigurationCard *card(const QString &name) const;
    RunCharts *charts() const { return m_charts; }
    void setSelected(const QString &name);

Q_SIGNALS:
    void runRequested(const QString &name);
    void selected(const QString &name);
    void runRequestedForResults(qint64 runId);
    void hashProblemsRequested(const QString &name);

private:
    void rebuild();
    void update(int first, int last);

    ConfigurationsModel *m_model;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_cardArea = nullptr;
    QGridLayout *m_grid = nullptr;
    QLabel *m_empty = nullptr;
    QList<ConfigurationCard *> m_cards;
    RunCharts *m_charts = nullptr;
    QString m_selected;
};

} // namespace Updraft
