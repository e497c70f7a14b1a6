// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dashboardview.h"

#include "configurationcard.h"
#include "configurationsmodel.h"
#include "runcharts.h"

#include <QGridLayout>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

DashboardView::DashboardView(ConfigurationsModel *model, const RecentRuns *recentRuns, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    m_scroll = new QScrollArea(this);
    m_scroll->setAccessibleName(tr("Configurations and their health"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_cardArea = new QWidget(m_scroll);
    m_grid = new QGridLayout(m_cardArea);
    m_grid->setSpacing(12);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_scroll->setWidget(m_cardArea);
    m_empty =
        new QLabel(tr("No configuration yet. Add one with <code>updraft-cli run --config FILE</code>; it "
                      "appears here with its health and runs."),
                   this);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_charts = new RunCharts(recentRuns, this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_empty);
    layout->addWidget(m_scroll);
    layout->addWidget(m_charts, 1);

    connect(m_model, &QAbstractItemModel::modelReset, this, &DashboardView::rebuild);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &DashboardView::rebuild);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &DashboardView::rebuild);
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &from, const QModelIndex &to) { update(from.row(), to.row()); });
    rebuild();
}

ConfigurationCard *DashboardView::card(const QString &name) const
{
    for (ConfigurationCard *c : m_cards)
        if (c->name() == name)
            return c;
    return nullptr;
}

void DashboardView::setSelected(const QString &name)
{
    m_selected = name;
    for (ConfigurationCard *c : std::as_const(m_cards))
        c->setSelected(c->name() == name);
}

void DashboardView::rebuild()
{
    qDeleteAll(m_cards);
    m_cards.clear();
    const int rows = m_model->rowCount();
    const int columns = rows > 4 ? 3 : 2;
    for (int row = 0; row < rows; ++row) {
        auto *card = new ConfigurationCard(m_cardArea);
        connect(card, &ConfigurationCard::runRequested, this, &DashboardView::runRequested);
        connect(card, &ConfigurationCard::selected, this, [this](const QString &name) {
            setSelected(m_selected == name ? QString() : name); // a second click selects every configuration
            Q_EMIT selected(m_selected);
        });
        connect(card, &ConfigurationCard::lastRunRequested, this, &DashboardView::runRequestedForResults);
        connect(card, &ConfigurationCard::hashProblemsRequested, this, &DashboardView::hashProblemsRequested);
        m_grid->addWidget(card, row / columns, row % columns, Qt::AlignTop);
        m_cards.append(card);
    }
    m_empty->setVisible(rows == 0);
    m_scroll->setVisible(rows > 0);
    update(0, rows - 1);
    setSelected(m_selected);
    // As tall as the cards, up to two rows of them; the charts take the rest.
    m_cardArea->adjustSize();
    const int rowHeight = m_cards.isEmpty() ? 0 : m_cards.first()->sizeHint().height() + m_grid->spacing();
    const int cardRows = (rows + columns - 1) / columns;
    m_scroll->setFixedHeight(std::min(cardRows, 2) * rowHeight);
}

void DashboardView::update(int first, int last)
{
    for (int row = first; row <= last && row < m_cards.size(); ++row)
        m_cards.at(row)->show(m_model->index(row));
}

} // namespace Updraft
