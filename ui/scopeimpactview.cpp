// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "scopeimpactview.h"

#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

QString objects(int users, int groups)
{
    return ScopeImpactView::tr("%1, %2").arg(ScopeImpactView::tr("%Ln user(s)", nullptr, users),
                                             ScopeImpactView::tr("%Ln group(s)", nullptr, groups));
}

void addSide(QTreeWidget *tree, const QString &title, const ScopeImpact::Side &side)
{
    auto *top = new QTreeWidgetItem(tree, {title.arg(objects(side.users, side.groups))});
    for (const QString &dn : side.sample)
        new QTreeWidgetItem(top, {dn});
    const int shown = int(side.sample.size());
    if (side.users + side.groups > shown)
        new QTreeWidgetItem(top,
                            {ScopeImpactView::tr("…and %n more", nullptr, side.users + side.groups - shown)});
}

} // namespace

ScopeImpactView::ScopeImpactView(QWidget *parent)
    : QWidget(parent)
{
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"scopeImpactSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details = new QTreeWidget(this);
    m_details->setHeaderHidden(true);
    m_details->setWordWrap(true);
    m_details->setVisible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_details, 1);
}

QString ScopeImpactView::summaryText() const
{
    return m_summary->text();
}

void ScopeImpactView::showComputing()
{
    m_summary->setText(tr("Reading the directory to see what this scope changes…"));
}

void ScopeImpactView::showMessage(const QString &text)
{
    m_summary->setText(text);
    m_details->clear();
    m_details->setVisible(false);
}

void ScopeImpactView::showImpact(const ScopeImpact &impact)
{
    if (!impact.error.isEmpty()) {
        showMessage(tr("The impact is unknown: %1").arg(impact.error));
        return;
    }
    m_summary->setText(
        tr("In scope: %1. Entering: %2. Leaving: %3. Cloud objects the next run would delete: %4.")
            .arg(objects(impact.usersInScope, impact.groupsInScope),
                 objects(impact.entering.users, impact.entering.groups),
                 objects(impact.leaving.users, impact.leaving.groups), QLocale().toString(impact.deletes)));
    m_details->clear();
    const QIcon warning = QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (const QString &text : impact.warnings)
        (new QTreeWidgetItem(m_details, {text}))->setIcon(0, warning);
    addSide(m_details, tr("Entering scope: %1"), impact.entering);
    addSide(m_details, tr("Leaving scope: %1"), impact.leaving);
    m_details->setVisible(true);
}

} // namespace Updraft
