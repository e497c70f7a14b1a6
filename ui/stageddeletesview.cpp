// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "stageddeletesview.h"

#include "stageddeletesmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

StagedDeletesView::StagedDeletesView(StagedDeletesModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    m_confirm = [this](const QString &question, const QString &button) {
        QMessageBox box(QMessageBox::Warning, tr("Approve deletes"), question, QMessageBox::NoButton, this);
        QPushButton *go = box.addButton(button, QMessageBox::DestructiveRole);
        box.addButton(QMessageBox::Cancel);
        box.exec();
        return box.clickedButton() == go;
    };
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_table = new QTableView(this);
    m_table->setAccessibleName(tr("Deletes to approve"));
    m_table->setObjectName(u"stagedDeletes"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(StagedDeletesModel::DecisionColumn, 220);
    m_table->setColumnWidth(StagedDeletesModel::DnColumn, 280);
    m_table->setColumnWidth(StagedDeletesModel::CauseColumn, 280);
    m_approve = new QPushButton(this);
    m_reject = new QPushButton(this);
    m_sameCause = new QPushButton(tr("Select every object with this cause"), this);
    connect(m_approve, &QPushButton::clicked, this, &StagedDeletesView::approveSelected);
    connect(m_reject, &QPushButton::clicked, this, &StagedDeletesView::rejectSelected);
    connect(m_sameCause, &QPushButton::clicked, this, &StagedDeletesView::selectSameCause);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &StagedDeletesView::updateState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &StagedDeletesView::updateState);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_sameCause);
    buttons->addStretch(1);
    buttons->addWidget(m_reject);
    buttons->addWidget(m_approve);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    updateState();
}

QHash<QString, QList<qint64>> StagedDeletesView::selectedPending() const
{
    QHash<QString, QList<qint64>> out;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows()) {
        if (index.data(StagedDeletesModel::DecisionRole).toString() == u"pending"_s)
            out[index.data(StagedDeletesModel::ConfigurationRole).toString()].append(
                index.data(StagedDeletesModel::IdRole).toLongLong());
    }
    return out;
}

void StagedDeletesView::approveSelected()
{
    decide(u"approved"_s);
}

void StagedDeletesView::rejectSelected()
{
    decide(u"rejected"_s);
}

void StagedDeletesView::decide(const QString &decision)
{
    const QHash<QString, QList<qint64>> chosen = selectedPending();
    int count = 0;
    for (const QList<qint64> &ids : chosen)
        count += int(ids.size());
    if (count == 0)
        return;
    if (decision == u"approved"_s &&
        !m_confirm(
            tr("%n object(s) will be deleted in the cloud by a run that starts now. This cannot be undone "
               "from Updraft.",
               nullptr, count),
            tr("Delete %n object(s)", nullptr, count)))
        return;
    for (auto it = chosen.cbegin(); it != chosen.cend(); ++it)
        Q_EMIT decided(it.key(), it.value(), decision);
}

void StagedDeletesView::selectSameCause()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return;
    const QString cause = current.data(StagedDeletesModel::CauseRole).toString();
    const QString configuration = current.data(StagedDeletesModel::ConfigurationRole).toString();
    QItemSelection selection;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        if (index.data(StagedDeletesModel::CauseRole).toString() == cause &&
            index.data(StagedDeletesModel::ConfigurationRole).toString() == configuration &&
            index.data(StagedDeletesModel::DecisionRole).toString() == u"pending"_s)
            selection.select(index, m_model->index(row, StagedDeletesModel::ColumnCount - 1));
    }
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

void StagedDeletesView::updateState()
{
    int selected = 0;
    for (const QList<qint64> &ids : selectedPending())
        selected += int(ids.size());
    m_approve->setText(tr("Approve %n delete(s)…", nullptr, selected));
    m_reject->setText(tr("Reject %n", nullptr, selected));
    m_approve->setEnabled(selected > 0);
    m_reject->setEnabled(selected > 0);
    m_sameCause->setEnabled(m_table->selectionModel()->currentIndex().isValid());
    const int pending = m_model->pendingCount();
    m_summary->setText(
        pending == 0
            ? tr("No delete is waiting. When a run would delete more objects than a configuration's delete "
                 "threshold, "
                 "it deletes nothing and lists them here, each with its cause, for you to approve or reject.")
            : tr("%n delete(s) wait for your decision. A run would have deleted more objects than the delete "
                 "threshold allows, so it deleted none of them. Approved deletes are carried out by a run "
                 "that starts "
                 "at once; rejected ones are kept and not proposed again until their cause changes.",
                 nullptr, pending));
}

} // namespace Updraft
