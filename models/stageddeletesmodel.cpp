// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "stageddeletesmodel.h"

#include "format.h"
#include "statusicon.h"
#include "store/statestore.h"

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

StagedDeletesModel::StagedDeletesModel(const StateStore &store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    reload();
}

void StagedDeletesModel::reload()
{
    beginResetModel();
    m_rows.clear();
    for (const StoredConfiguration &c : m_store.configurations())
        for (const StagedDelete &d : m_store.stagedDeletes(c.id))
            m_rows.append({c.name, d});
    // Waiting ones first, then by cause and DN, so that one cause's objects stand together.
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const Row &a, const Row &b) {
        const bool pa = a.staged.decision == u"pending"_s, pb = b.staged.decision == u"pending"_s;
        if (pa != pb)
            return pa;
        if (a.staged.cause != b.staged.cause)
            return a.staged.cause < b.staged.cause;
        return a.staged.dn < b.staged.dn;
    });
    endResetModel();
}

int StagedDeletesModel::pendingCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [](const Row &r) { return r.staged.decision == u"pending"_s; }));
}

const StagedDelete *StagedDeletesModel::stagedDelete(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row).staged : nullptr;
}

QString StagedDeletesModel::configurationAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).configuration : QString();
}

int StagedDeletesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StagedDeletesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StagedDeletesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const StagedDelete &d = row.staged;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case DecisionColumn:
            return d.decision == u"pending"_s    ? tr("Waiting")
                   : d.decision == u"approved"_s ? tr("Approved: the next run deletes it")
                                                 : tr("Rejected: kept");
        case KindColumn:
            return d.kind;
        case NameColumn:
            return d.displayName;
        case DnColumn:
            return d.dn;
        case CauseColumn:
            return d.cause;
        case StagedColumn:
            return Format::relative(d.stagedAt, QDateTime::currentDateTimeUtc());
        case ConfigurationColumn:
            return row.configuration;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == StagedColumn)
            return tr("Held back by run %1 at %2").arg(d.runId).arg(Format::absolute(d.stagedAt));
        if (index.column() == CauseColumn || index.column() == DnColumn)
            return data(index, Qt::DisplayRole);
        return {};
    case Qt::DecorationRole:
        if (index.column() != DecisionColumn)
            return {};
        return StatusIcon::dot(d.decision == u"pending"_s    ? u"waiting-for-approval"_s
                               : d.decision == u"approved"_s ? u"failed"_s
                                                             : u"success"_s);
    case IdRole:
        return d.id;
    case DecisionRole:
        return d.decision;
    case ConfigurationRole:
        return row.configuration;
    case CauseRole:
        return d.cause;
    }
    return {};
}

QVariant StagedDeletesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return {};
    static const char *const names[ColumnCount] = {
        QT_TR_NOOP("Decision"), QT_TR_NOOP("Kind"),      QT_TR_NOOP("Object"),       QT_TR_NOOP("DN"),
        QT_TR_NOOP("Cause"),    QT_TR_NOOP("Held back"), QT_TR_NOOP("Configuration")};
    return tr(names[section]);
}

} // namespace Updraft
