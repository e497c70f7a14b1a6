// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/resultfilter.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace Updraft {

// One run's per-object results: every object the run touched, with action, outcome and message, and for an
// update the attributes it changed (old → new, secrets never shown).
class ResultsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        ActionColumn,
        KindColumn,
        NameColumn,
        DnColumn,
        OutcomeColumn,
        ChangesColumn,
        MessageColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role { ActionRole = Qt::UserRole + 1, OutcomeRole, AnchorRole };
    Q_ENUM(Role)

    explicit ResultsModel(QObject *parent = nullptr);

    void setResults(const RunRecord &run, QList<RunResult> results);
    void clear();
    const RunRecord &run() const { return m_run; }
    const QList<RunResult> &results() const { return m_results; }
    const RunResult *result(int row) const;
    // "title: Engineer → Lead", one line per attribute.
    static QString diffText(const RunResult &result);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    RunRecord m_run;
    QList<RunResult> m_results;
};

// The results the admin asked to see: the engine's ResultFilter decides.
class ResultsFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ResultsFilterProxy(QObject *parent = nullptr);

    void setFilter(const ResultFilter &filter);
    const ResultFilter &filter() const { return m_filter; }
    // The rows shown, in the view's order: what an export writes.
    QList<RunResult> shownResults() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    ResultFilter m_filter;
};

} // namespace Updraft
