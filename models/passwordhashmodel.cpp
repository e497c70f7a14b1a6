// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "passwordhashmodel.h"

#include "format.h"
#include "source/ldapdn.h"
#include "statusicon.h"
#include "store/statestore.h"
#include "sync/passwordhashadvice.h"

#include <QFutureWatcher>
#include <QSettings>
#include <QtConcurrent>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

PasswordHashModel::PasswordHashModel(const StateStore &store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    reload();
}

QList<PasswordHashModel::Row> PasswordHashModel::readRows(const StateStore &store)
{
    QList<Row> rows;
    for (const StoredConfiguration &c : store.configurations()) {
        const QHash<QString, PasswordHashState> states = store.passwordHashes(c.id);
        rows.reserve(rows.size() + states.size());
        for (const PasswordHashState &s : states)
            rows.append({c.name, s});
    }
    // A stable order for a stable view: the proxy sorts on top of it.
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        return a.configuration != b.configuration ? a.configuration < b.configuration
                                                  : a.state.dn < b.state.dn;
    });
    return rows;
}

void PasswordHashModel::setRows(QList<Row> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void PasswordHashModel::reload()
{
    setRows(readRows(m_store));
}

void PasswordHashModel::reloadInBackground()
{
    if (m_loading) {
        m_reloadAgain = true;
        return;
    }
    m_loading = true;
    auto *watcher = new QFutureWatcher<QList<Row>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_loading = false;
        if (m_reloadAgain) {
            m_reloadAgain = false;
            reloadInBackground();
            return;
        }
        setRows(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([path = m_store.path()] {
        StateStore store(path); // a connection of this thread's own
        QString error;
        if (!store.open(&error)) {
            qWarning("password hash statuses not read: %s", qPrintable(error));
            return QList<Row>();
        }
        return readRows(store);
    }));
}

QMap<QString, int> PasswordHashModel::statusCounts() const
{
    QMap<QString, int> out;
    for (const Row &r : m_rows)
        ++out[r.state.status];
    return out;
}

int PasswordHashModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PasswordHashModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PasswordHashModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const PasswordHashState &s = row.state;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StatusColumn:
            return PasswordHashAdvice::statusShortTitle(s.status);
        case UserColumn:
            return Ldap::firstRdnValue(s.dn);
        case ConfigurationColumn:
            return row.configuration;
        case ExplanationColumn:
            return PasswordHashAdvice::of(s, now).explanation;
        case NextStepColumn:
            return PasswordHashAdvice::of(s, now).nextStep;
        case FirstSeenColumn:
            return Format::relative(s.firstSeen, now);
        case LastAttemptColumn:
            return s.lastAttempt.isValid() ? Format::relative(s.lastAttempt, now) : QString();
        case AttemptsColumn:
            return s.attempts;
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case StatusColumn:
            return PasswordHashAdvice::statusTitle(s.status);
        case UserColumn:
            return s.dn;
        case FirstSeenColumn:
            return Format::absolute(s.firstSeen);
        case LastAttemptColumn:
            return Format::absolute(s.lastAttempt);
        case ExplanationColumn:
        case NextStepColumn:
            return data(index, Qt::DisplayRole);
        }
        return {};
    case Qt::DecorationRole:
        return index.column() == StatusColumn ? QVariant(StatusIcon::dot(s.status)) : QVariant();
    case StatusRole:
        return s.status;
    case AnchorRole:
        return s.anchor;
    case ConfigurationRole:
        return row.configuration;
    case RunIdRole:
        return s.runId;
    case CanRetryRole:
        return PasswordHashAdvice::of(s, now).canRetry;
    case DnRole:
        return s.dn;
    }
    return {};
}

QVariant PasswordHashModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return {};
    static const char *const names[ColumnCount] = {QT_TR_NOOP("Status"),        QT_TR_NOOP("User"),
                                                   QT_TR_NOOP("Configuration"), QT_TR_NOOP("What happened"),
                                                   QT_TR_NOOP("Next step"),     QT_TR_NOOP("First seen"),
                                                   QT_TR_NOOP("Last attempt"),  QT_TR_NOOP("Attempts")};
    return tr(names[section]);
}

PasswordHashFilterProxy::PasswordHashFilterProxy(QString settingsKey, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_settingsKey(std::move(settingsKey))
{
    setSortCaseSensitivity(Qt::CaseInsensitive);
    const QSettings settings;
    if (settings.contains(m_settingsKey)) {
        const QStringList saved = settings.value(m_settingsKey).toStringList();
        m_statuses = QSet<QString>(saved.begin(), saved.end());
    } else {
        m_statuses = defaultStatuses();
    }
}

QSet<QString> PasswordHashFilterProxy::defaultStatuses()
{
    QStringList all = PasswordHashAdvice::statusOrder();
    all.removeAll(QLatin1StringView(PasswordHashState::Synced));
    return QSet<QString>(all.begin(), all.end());
}

void PasswordHashFilterProxy::setStatusShown(const QString &status, bool shown)
{
    if (shown == m_statuses.contains(status))
        return;
    if (shown)
        m_statuses.insert(status);
    else
        m_statuses.remove(status);
    QStringList list(m_statuses.begin(), m_statuses.end());
    list.sort();
    QSettings().setValue(m_settingsKey, list);
    invalidateFilter();
}

void PasswordHashFilterProxy::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

bool PasswordHashFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    const QModelIndex status = model->index(sourceRow, PasswordHashModel::StatusColumn, sourceParent);
    if (!m_statuses.contains(status.data(PasswordHashModel::StatusRole).toString()))
        return false;
    if (m_text.isEmpty())
        return true;
    for (const int column : {PasswordHashModel::UserColumn, PasswordHashModel::ConfigurationColumn,
                             PasswordHashModel::ExplanationColumn}) {
        if (model->index(sourceRow, column, sourceParent)
                .data()
                .toString()
                .contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return status.data(PasswordHashModel::DnRole).toString().contains(m_text, Qt::CaseInsensitive);
}

bool PasswordHashFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.column() == PasswordHashModel::StatusColumn) {
        // Problems first, in the engine's order, not alphabetically.
        static const QStringList order = PasswordHashAdvice::statusOrder();
        return order.indexOf(left.data(PasswordHashModel::StatusRole).toString()) <
               order.indexOf(right.data(PasswordHashModel::StatusRole).toString());
    }
    if (left.column() == PasswordHashModel::AttemptsColumn)
        return left.data().toInt() < right.data().toInt();
    if (left.column() == PasswordHashModel::FirstSeenColumn ||
        left.column() == PasswordHashModel::LastAttemptColumn)
        return left.data(Qt::ToolTipRole).toString() <
               right.data(Qt::ToolTipRole).toString(); // sortable times
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace Updraft
