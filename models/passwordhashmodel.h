// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/records.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QSortFilterProxyModel>

namespace Updraft {

class StateStore;

// Where every user's password hash stands, across configurations, each with what it means and what happens
// next (PasswordHashAdvice). Lives in the GUI thread with the GUI thread's own store connection.
class PasswordHashModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        StatusColumn,
        UserColumn,
        ConfigurationColumn,
        ExplanationColumn,
        NextStepColumn,
        FirstSeenColumn,
        LastAttemptColumn,
        AttemptsColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role {
        StatusRole = Qt::UserRole + 1,
        AnchorRole,
        ConfigurationRole,
        RunIdRole,
        CanRetryRole,
        DnRole
    };
    Q_ENUM(Role)

    explicit PasswordHashModel(const StateStore &store, QObject *parent = nullptr);

    // Reads every status again, at once (start-up, tests)…
    void reload();
    // …or in a worker thread with a store connection of its own, so that tens of thousands of users never
    // stall the GUI; the model resets when they are read. Asked again meanwhile, it reads once more after.
    void reloadInBackground();
    QMap<QString, int> statusCounts() const; // over every row

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString configuration;
        PasswordHashState state;
    };
    static QList<Row> readRows(const StateStore &store);
    void setRows(QList<Row> rows);

    const StateStore &m_store;
    QList<Row> m_rows;
    bool m_loading = false;
    bool m_reloadAgain = false;
};

// The statuses the admin chose to see, and a search over name, DN and explanation. The chosen statuses are
// kept in QSettings under `settingsKey`, so the panel opens as it was left.
class PasswordHashFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit PasswordHashFilterProxy(QString settingsKey, QObject *parent = nullptr);

    // By default, every status but "synced": the panel lists problems.
    static QSet<QString> defaultStatuses();
    QSet<QString> statuses() const { return m_statuses; }
    void setStatusShown(const QString &status, bool shown);
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_settingsKey;
    QSet<QString> m_statuses;
    QString m_text;
};

} // namespace Updraft
