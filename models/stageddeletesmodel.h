// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/records.h"

#include <QAbstractTableModel>

namespace Updraft {

class StateStore;

// The deletes the delete threshold held back, across configurations, each with its cause and the admin's
// decision. Lives in the GUI thread with the GUI thread's own store connection.
class StagedDeletesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        DecisionColumn,
        KindColumn,
        NameColumn,
        DnColumn,
        CauseColumn,
        StagedColumn,
        ConfigurationColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role { IdRole = Qt::UserRole + 1, DecisionRole, ConfigurationRole, CauseRole };
    Q_ENUM(Role)

    explicit StagedDeletesModel(const StateStore &store, QObject *parent = nullptr);

    void reload();
    int pendingCount() const;
    const StagedDelete *stagedDelete(int row) const;
    QString configurationAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString configuration;
        StagedDelete staged;
    };
    const StateStore &m_store;
    QList<Row> m_rows;
};

} // namespace Updraft
