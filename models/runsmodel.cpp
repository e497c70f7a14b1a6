// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "runsmodel.h"

#include "format.h"
#include "statusicon.h"
#include "store/statestore.h"

#include <QScopedValueRollback>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

int count(const RunRecord &r, int column)
{
    switch (column) {
    case RunsModel::CreatedColumn:
        return r.users.created + r.groups.created;
    case RunsModel::UpdatedColumn:
        return r.users.updated + r.groups.updated;
    case RunsModel::DeletedColumn:
        return r.users.deleted + r.groups.deleted;
    case RunsModel::UnchangedColumn:
        return r.users.unchanged + r.groups.unchanged;
    case RunsModel::FailedColumn:
        return r.users.failed + r.groups.failed;
    case RunsModel::HashesSyncedColumn:
        return RunCounts::hashesSynced(r);
    case RunsModel::HashesHeldColumn:
        return RunCounts::hashesHeld(r);
    case RunsModel::HashesFailedColumn:
        return RunCounts::hashesFailed(r);
    }
    return 0;
}

std::pair<int, int> split(const RunRecord &r, int column)
{
    switch (column) {
    case RunsModel::CreatedColumn:
        return {r.users.created, r.groups.created};
    case RunsModel::UpdatedColumn:
        return {r.users.updated, r.groups.updated};
    case RunsModel::DeletedColumn:
        return {r.users.deleted, r.groups.deleted};
    case RunsModel::UnchangedColumn:
        return {r.users.unchanged, r.groups.unchanged};
    case RunsModel::FailedColumn:
        return {r.users.failed, r.groups.failed};
    }
    return {0, 0};
}

RunQuery::Order orderOf(int column)
{
    switch (column) {
    case RunsModel::ConfigurationColumn:
        return RunQuery::Order::Configuration;
    case RunsModel::TriggerColumn:
        return RunQuery::Order::Trigger;
    case RunsModel::DurationColumn:
        return RunQuery::Order::Duration;
    case RunsModel::StatusColumn:
        return RunQuery::Order::Status;
    case RunsModel::CreatedColumn:
        return RunQuery::Order::Created;
    case RunsModel::UpdatedColumn:
        return RunQuery::Order::Updated;
    case RunsModel::DeletedColumn:
        return RunQuery::Order::Deleted;
    case RunsModel::UnchangedColumn:
        return RunQuery::Order::Unchanged;
    case RunsModel::FailedColumn:
        return RunQuery::Order::Failed;
    case RunsModel::HashesSyncedColumn:
        return RunQuery::Order::HashesSynced;
    case RunsModel::HashesHeldColumn:
        return RunQuery::Order::HashesHeld;
    case RunsModel::HashesFailedColumn:
        return RunQuery::Order::HashesFailed;
    }
    return RunQuery::Order::Started;
}

} // namespace

RunsModel::RunsModel(const StateStore &store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    load(PageSize);
}

void RunsModel::setQuery(const RunQuery &query)
{
    if (query == m_query)
        return;
    m_query = query;
    load(PageSize);
}

void RunsModel::refresh()
{
    load(std::max<int>(int(m_rows.size()), PageSize));
}

void RunsModel::load(int rows)
{
    const QScopedValueRollback guard(m_fetching, true); // no fetchMore from inside the reset
    beginResetModel();
    m_rows = m_store.queryRuns(m_query, 0, rows);
    m_total = m_store.countRuns(m_query);
    endResetModel();
}

const RunRecord *RunsModel::record(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int RunsModel::rowOf(qint64 runId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).id == runId)
            return i;
    return -1;
}

int RunsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RunsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RunRecord &r = m_rows.at(index.row());
    const int column = index.column();
    const bool hashes = !r.passwordHashes.isEmpty();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case StartedColumn:
            return Format::relative(r.startedAt, QDateTime::currentDateTimeUtc());
        case ConfigurationColumn:
            return r.configurationName;
        case TriggerColumn:
            return r.trigger;
        case DurationColumn:
            return Format::runDuration(r);
        case StatusColumn:
            return Format::statusWord(r.status);
        case HashesSyncedColumn:
        case HashesHeldColumn:
        case HashesFailedColumn:
            return hashes ? QVariant(count(r, column)) : QVariant();
        default:
            return count(r, column);
        }
    case Qt::ToolTipRole:
        switch (column) {
        case StartedColumn:
            return tr("Run %1, started %2").arg(r.id).arg(Format::absolute(r.startedAt));
        case StatusColumn:
            return r.message.isEmpty() ? Format::statusWord(r.status) : r.message;
        case DurationColumn:
            return r.finishedAt.isValid() ? tr("Finished %1").arg(Format::absolute(r.finishedAt))
                                          : QVariant();
        case CreatedColumn:
        case UpdatedColumn:
        case DeletedColumn:
        case UnchangedColumn:
        case FailedColumn: {
            const auto [users, groups] = split(r, column);
            return tr("%1 users, %2 groups — click to list them").arg(users).arg(groups);
        }
        }
        return {};
    case Qt::DecorationRole:
        return column == StatusColumn ? QVariant(StatusIcon::dot(r.status)) : QVariant();
    case Qt::TextAlignmentRole:
        return column >= CreatedColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ForegroundRole:
        if (column == FailedColumn && count(r, column) > 0)
            return StatusIcon::color(u"failed"_s);
        return {};
    case RunIdRole:
        return r.id;
    case StatusRole:
        return r.status;
    case ConfigurationRole:
        return r.configurationName;
    }
    return {};
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        static const char *const names[ColumnCount] = {
            QT_TR_NOOP("Started"),      QT_TR_NOOP("Configuration"), QT_TR_NOOP("Trigger"),
            QT_TR_NOOP("Duration"),     QT_TR_NOOP("Status"),        QT_TR_NOOP("Created"),
            QT_TR_NOOP("Updated"),      QT_TR_NOOP("Deleted"),       QT_TR_NOOP("Unchanged"),
            QT_TR_NOOP("Failed"),       QT_TR_NOOP("Hashes synced"), QT_TR_NOOP("Held"),
            QT_TR_NOOP("Hashes failed")};
        return tr(names[section]);
    }
    if (role == Qt::ToolTipRole && section == HashesHeldColumn)
        return tr("Password hashes held until the user changes a must-change password");
    if (role == Qt::ToolTipRole && section == HashesFailedColumn)
        return tr("Password hashes the cloud refused, or that are being retried");
    return {};
}

bool RunsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_fetching && m_rows.size() < m_total;
}

void RunsModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_fetching)
        return;
    const QScopedValueRollback guard(m_fetching, true);
    const QList<RunRecord> page = m_store.queryRuns(m_query, int(m_rows.size()), PageSize);
    if (page.isEmpty()) {
        m_total = int(m_rows.size()); // the history shrank (a configuration was removed)
        return;
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.size() - 1));
    m_rows.append(page);
    endInsertRows();
}

void RunsModel::sort(int column, Qt::SortOrder order)
{
    RunQuery q = m_query;
    q.order = orderOf(column);
    q.descending = order == Qt::DescendingOrder;
    setQuery(q);
}

} // namespace Updraft
