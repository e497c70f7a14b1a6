// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectioncheckview.h"

#include <QApplication>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

QIcon outcomeIcon(ConnectionStep::Outcome outcome)
{
    QStyle *style = QApplication::style();
    switch (outcome) {
    case ConnectionStep::Outcome::Passed:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    case ConnectionStep::Outcome::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case ConnectionStep::Outcome::Failed:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case ConnectionStep::Outcome::Skipped:
        break;
    }
    return {};
}

// What the icon says, for screen readers.
QString outcomeWord(ConnectionStep::Outcome outcome)
{
    switch (outcome) {
    case ConnectionStep::Outcome::Passed:
        return ConnectionCheckView::tr("passed");
    case ConnectionStep::Outcome::Warning:
        return ConnectionCheckView::tr("warning");
    case ConnectionStep::Outcome::Failed:
        return ConnectionCheckView::tr("failed");
    case ConnectionStep::Outcome::Skipped:
        break;
    }
    return ConnectionCheckView::tr("skipped");
}

} // namespace

ConnectionCheckView::ConnectionCheckView(QWidget *parent)
    : QWidget(parent)
{
    m_button = new QPushButton(tr("Test connection"), this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_steps = new QTreeWidget(this);
    m_steps->setColumnCount(2);
    m_steps->setHeaderLabels({tr("Step"), tr("Result")});
    m_steps->setRootIsDecorated(false);
    m_steps->setWordWrap(true);
    m_steps->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_steps->header()->setStretchLastSection(true);
    m_steps->setVisible(false);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_button);
    top->addWidget(m_summary, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_steps, 1);
    connect(m_button, &QPushButton::clicked, this, &ConnectionCheckView::start);
}

bool ConnectionCheckView::isTesting() const
{
    return m_testing;
}

void ConnectionCheckView::clear()
{
    ++m_generation;
    m_testing = false;
    m_button->setEnabled(true);
    m_report = {};
    m_summary->clear();
    m_steps->clear();
    m_steps->setVisible(false);
}

void ConnectionCheckView::start()
{
    if (!m_factory || m_testing)
        return;
    clear();
    m_testing = true;
    m_button->setEnabled(false);
    m_summary->setText(tr("Testing…"));
    const int generation = m_generation;
    auto *watcher = new QFutureWatcher<ConnectionReport>(this);
    connect(watcher, &QFutureWatcher<ConnectionReport>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_generation)
            show(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(m_factory()));
}

void ConnectionCheckView::show(const ConnectionReport &report)
{
    m_testing = false;
    m_button->setEnabled(true);
    m_report = report;
    m_steps->clear();
    bool warnings = false;
    for (const ConnectionStep &step : report.steps) {
        auto *item = new QTreeWidgetItem(m_steps, {step.name, step.message});
        item->setIcon(0, outcomeIcon(step.outcome));
        item->setData(0, Qt::AccessibleTextRole, u"%1 (%2)"_s.arg(step.name, outcomeWord(step.outcome)));
        item->setToolTip(1, step.detail.isEmpty() ? step.message : step.message + u"\n\n"_s + step.detail);
        warnings |= step.outcome == ConnectionStep::Outcome::Warning;
    }
    m_steps->setVisible(true);
    m_summary->setText(!report.ok() ? tr("Failed: %1").arg(report.failure())
                       : warnings   ? tr("Connected, with warnings.")
                                    : tr("Connected."));
    Q_EMIT finished(report);
}

} // namespace Updraft
