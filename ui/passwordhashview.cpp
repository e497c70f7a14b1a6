// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "passwordhashview.h"

#include "icons.h"
#include "passwordhashmodel.h"
#include "statusicon.h"
#include "sync/passwordhashadvice.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

PasswordHashView::PasswordHashView(PasswordHashModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    m_proxy = new PasswordHashFilterProxy(u"passwordHashes/statuses"_s, this);
    m_proxy->setSourceModel(m_model);

    auto *toggles = new QHBoxLayout;
    toggles->addWidget(new QLabel(tr("Show:"), this));
    for (const QString &status : PasswordHashAdvice::statusOrder()) {
        auto *button = new QToolButton(this);
        button->setCheckable(true);
        button->setChecked(m_proxy->statuses().contains(status));
        button->setIcon(StatusIcon::dot(status));
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setAutoRaise(true);
        connect(button, &QToolButton::toggled, this, [this, status](bool on) {
            m_proxy->setStatusShown(status, on);
            updateState();
        });
        m_toggles.insert(status, button);
        toggles->addWidget(button);
    }
    toggles->addStretch(1);
    m_search = new QLineEdit(this);
    m_search->setAccessibleName(tr("Filter users"));
    m_search->setPlaceholderText(tr("Search users, DNs, reasons (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setText(text);
        updateState();
    });

    m_table = new QTableView(this);
    m_table->setAccessibleName(tr("Password hash status of each user"));
    m_table->setObjectName(u"passwordHashes"_s);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(PasswordHashModel::StatusColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(true);
    m_table->verticalHeader()->hide();
    // Room for an explanation of three lines; the tooltip holds the whole text.
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().lineSpacing() * 3 + 8);
    m_table->horizontalHeader()->setSectionResizeMode(PasswordHashModel::ExplanationColumn,
                                                      QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(PasswordHashModel::NextStepColumn,
                                                      QHeaderView::Stretch);
    m_empty = new QLabel(this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_empty);

    m_retry = new QPushButton(Icons::get(u"view-refresh"_s), tr("Retry now"), this);
    m_retry->setToolTip(tr("Send this user's hash on a run starting now, without waiting for the back-off"));
    m_open = new QPushButton(tr("Open provisioning result"), this);
    m_open->setToolTip(tr("Show the run that last changed this user's status, at this user"));
    const auto current = [this] {
        return m_table->selectionModel()->currentIndex();
    };
    connect(m_retry, &QPushButton::clicked, this, [this, current] {
        const QModelIndex i = current();
        if (i.isValid())
            Q_EMIT retryRequested(i.data(PasswordHashModel::ConfigurationRole).toString(),
                                  i.data(PasswordHashModel::AnchorRole).toString());
    });
    connect(m_open, &QPushButton::clicked, this, [this, current] {
        const QModelIndex i = current();
        if (i.isValid())
            Q_EMIT provisioningResultRequested(i.data(PasswordHashModel::RunIdRole).toLongLong(),
                                               i.data(PasswordHashModel::AnchorRole).toString());
    });
    connect(m_table, &QTableView::doubleClicked, m_open, &QPushButton::click);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &PasswordHashView::updateState);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateCounts();
        updateState();
    });

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_search, 1);
    actions->addWidget(m_retry);
    actions->addWidget(m_open);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(toggles);
    layout->addLayout(actions);
    layout->addWidget(m_stack, 1);
    updateCounts();
    updateState();
}

void PasswordHashView::setStatusShown(const QString &status, bool shown)
{
    if (QToolButton *b = m_toggles.value(status))
        b->setChecked(shown);
}

void PasswordHashView::setSearch(const QString &text)
{
    m_search->setText(text);
}

void PasswordHashView::focusFilter()
{
    m_search->setFocus();
    m_search->selectAll();
}

bool PasswordHashView::showsEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

QString PasswordHashView::emptyStateText() const
{
    return m_empty->text();
}

void PasswordHashView::updateCounts()
{
    const QMap<QString, int> counts = m_model->statusCounts();
    for (auto it = m_toggles.cbegin(); it != m_toggles.cend(); ++it) {
        it.value()->setText(
            u"%1 (%2)"_s.arg(PasswordHashAdvice::statusShortTitle(it.key())).arg(counts.value(it.key())));
        it.value()->setToolTip(PasswordHashAdvice::statusTitle(it.key()));
    }
}

void PasswordHashView::updateState()
{
    const bool empty = m_proxy->rowCount() == 0;
    if (empty) {
        int problems = 0;
        const QMap<QString, int> counts = m_model->statusCounts();
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            if (PasswordHashAdvice::isProblem(it.key()))
                problems += it.value();
        if (m_model->rowCount() == 0)
            m_empty->setText(
                tr("No password hash status yet. Configurations with password hash sync list their "
                   "users here after their first run."));
        else if (problems == 0)
            m_empty->setText(
                tr("No password hash problems: every user in scope has their current hash in the "
                   "cloud, or is held until they change a must-change password."));
        else
            m_empty->setText(tr("Nothing matches these filters. %n user(s) have a hash problem; show every "
                                "status to see them.",
                                nullptr, problems));
    }
    m_stack->setCurrentWidget(empty ? static_cast<QWidget *>(m_empty) : m_table);
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    m_retry->setEnabled(current.isValid() && current.data(PasswordHashModel::CanRetryRole).toBool());
    m_open->setEnabled(current.isValid() && current.data(PasswordHashModel::RunIdRole).toLongLong() > 0);
}

void PasswordHashView::saveSettings() const
{
    QSettings().setValue(u"passwordHashes/header"_s, m_table->horizontalHeader()->saveState());
}

void PasswordHashView::restoreSettings()
{
    m_table->horizontalHeader()->restoreState(QSettings().value(u"passwordHashes/header"_s).toByteArray());
}

} // namespace Updraft
