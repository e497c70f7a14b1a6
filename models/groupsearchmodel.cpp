// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "groupsearchmodel.h"

#include <QFutureWatcher>
#include <QLocale>
#include <QtConcurrent>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

// What a pool thread hands back.
struct GroupSearchModel::Found {
    QList<DirectoryGroup> groups;
    bool truncated = false;
    LdapError error;
};

GroupSearchModel::GroupSearchModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, &GroupSearchModel::startSearch);
}

void GroupSearchModel::setDirectory(const LdapSettings &settings, const QString &baseDn, DirectoryType type)
{
    m_settings = settings;
    m_baseDn = baseDn;
    m_type = type;
    setText(m_text);
}

void GroupSearchModel::setText(const QString &text)
{
    m_text = text.trimmed();
    ++m_searchId; // whatever is on its way is for an older text now
    if (m_text.isEmpty()) {
        m_debounce.stop();
        m_searching = false;
        beginResetModel();
        m_groups.clear();
        m_error.clear();
        m_truncated = false;
        endResetModel();
        return;
    }
    m_searching = true;
    m_debounce.start();
}

void GroupSearchModel::startSearch()
{
    auto *watcher = new QFutureWatcher<Found>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id = m_searchId] {
        watcher->deleteLater();
        if (id != m_searchId)
            return;
        Found found = watcher->result();
        beginResetModel();
        m_groups = std::move(found.groups);
        m_truncated = found.truncated;
        m_error = found.error.message;
        endResetModel();
        m_searching = false;
        Q_EMIT searchFinished();
    });
    watcher->setFuture(
        QtConcurrent::run([settings = m_settings, baseDn = m_baseDn, type = m_type, text = m_text] {
            DirectoryBrowser browser(settings, baseDn, type);
            Found out;
            if (!browser.findGroups(text, Limit, out.groups, &out.truncated))
                out.error = browser.error();
            return out;
        }));
}

int GroupSearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_groups.size());
}

int GroupSearchModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GroupSearchModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DirectoryGroup &g = m_groups.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return g.name;
        case MembersColumn:
            return g.moreMembers ? tr("%1+").arg(QLocale().toString(g.members))
                                 : QLocale().toString(g.members);
        case DnColumn:
            return g.dn;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == MembersColumn && g.moreMembers)
            return tr("At least %1 members: the directory sends large member lists in parts, and only the "
                      "first was read")
                .arg(QLocale().toString(g.members));
        return g.dn;
    case Qt::TextAlignmentRole:
        return index.column() == MembersColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case DnRole:
        return g.dn;
    case MembersRole:
        return g.members;
    case MoreMembersRole:
        return g.moreMembers;
    }
    return {};
}

QVariant GroupSearchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Group");
    case MembersColumn:
        return tr("Members");
    case DnColumn:
        return tr("DN");
    }
    return {};
}

} // namespace Updraft
