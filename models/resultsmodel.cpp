// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "resultsmodel.h"

#include "source/ldapdn.h"
#include "statusicon.h"

#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

ResultsModel::ResultsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ResultsModel::setResults(const RunRecord &run, QList<RunResult> results)
{
    beginResetModel();
    m_run = run;
    m_results = std::move(results);
    endResetModel();
}

void ResultsModel::clear()
{
    setResults({}, {});
}

const RunResult *ResultsModel::result(int row) const
{
    return row >= 0 && row < m_results.size() ? &m_results.at(row) : nullptr;
}

QString ResultsModel::diffText(const RunResult &r)
{
    QStringList lines;
    for (const QJsonValue &v : r.diff) {
        const QJsonObject o = v.toObject();
        const QString before = o.value(u"old"_s).toString();
        const QString after = o.value(u"new"_s).toString();
        lines.append(tr("%1: %2 → %3")
                         .arg(o.value(u"attribute"_s).toString(), before.isEmpty() ? tr("(none)") : before,
                              after.isEmpty() ? tr("(none)") : after));
    }
    return lines.join(u'\n');
}

int ResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_results.size());
}

int ResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RunResult &r = m_results.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ActionColumn:
            return r.action;
        case KindColumn:
            return r.kind;
        case NameColumn:
            return r.displayName.isEmpty() ? Ldap::firstRdnValue(r.dn) : r.displayName;
        case DnColumn:
            return r.dn;
        case OutcomeColumn:
            return r.outcome;
        case MessageColumn:
            return r.message;
        case ChangesColumn:
            return r.changes.join(u", "_s);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ChangesColumn && !r.diff.isEmpty())
            return diffText(r);
        if (index.column() == MessageColumn || index.column() == DnColumn)
            return data(index, Qt::DisplayRole);
        return {};
    case Qt::DecorationRole:
        return index.column() == OutcomeColumn ? QVariant(StatusIcon::dot(r.outcome)) : QVariant();
    case ActionRole:
        return r.action;
    case OutcomeRole:
        return r.outcome;
    case AnchorRole:
        return r.anchor;
    }
    return {};
}

QVariant ResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return {};
    static const char *const names[ColumnCount] = {QT_TR_NOOP("Action"),  QT_TR_NOOP("Kind"),
                                                   QT_TR_NOOP("Object"),  QT_TR_NOOP("DN"),
                                                   QT_TR_NOOP("Outcome"), QT_TR_NOOP("Changed attributes"),
                                                   QT_TR_NOOP("Message")};
    return tr(names[section]);
}

ResultsFilterProxy::ResultsFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void ResultsFilterProxy::setFilter(const ResultFilter &filter)
{
    m_filter = filter;
    invalidateFilter();
}

QList<RunResult> ResultsFilterProxy::shownResults() const
{
    const auto *model = qobject_cast<const ResultsModel *>(sourceModel());
    QList<RunResult> out;
    if (!model)
        return out;
    for (int row = 0; row < rowCount(); ++row)
        if (const RunResult *r = model->result(mapToSource(index(row, 0)).row()))
            out.append(*r);
    return out;
}

bool ResultsFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *model = qobject_cast<const ResultsModel *>(sourceModel());
    const RunResult *r = model && !sourceParent.isValid() ? model->result(sourceRow) : nullptr;
    return r && m_filter.matches(*r);
}

} // namespace Updraft
