// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/runquery.h"

#include <QAbstractTableModel>

namespace Updraft {

class StateStore;

// The run history as a table, read from the store a page at a time: a history of any length opens at once.
// Sorting and filtering are done by the store (RunQuery), not by a proxy, so they never load every run.
// Lives in the GUI thread with the GUI thread's own store connection.
class RunsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        StartedColumn,
        ConfigurationColumn,
        TriggerColumn,
        DurationColumn,
        StatusColumn,
        CreatedColumn,
        UpdatedColumn,
        DeletedColumn,
        UnchangedColumn,
        FailedColumn,
        HashesSyncedColumn,
        HashesHeldColumn,
        HashesFailedColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role { RunIdRole = Qt::UserRole + 1, StatusRole, ConfigurationRole };
    Q_ENUM(Role)

    static constexpr int PageSize = 200;

    explicit RunsModel(const StateStore &store, QObject *parent = nullptr);

    void setQuery(const RunQuery &query);
    RunQuery query() const { return m_query; }
    // Reads the history again (a run started or finished), keeping as many rows loaded as before.
    void refresh();
    // The run at `row`, or none.
    const RunRecord *record(int row) const;
    int rowOf(qint64 runId) const; // -1 if not loaded
    int totalCount() const { return m_total; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order) override;

private:
    void load(int rows);

    const StateStore &m_store;
    RunQuery m_query;
    QList<RunRecord> m_rows;
    int m_total = 0;
    bool m_fetching = false; // views and testers may ask for more from inside beginInsertRows
};

} // namespace Updraft
