// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "source/directorybrowser.h"

#include <QAbstractTableModel>
#include <QTimer>

namespace Updraft {

// Groups whose name contains what the admin types, with their member counts. The directory is asked a short
// while after the last keystroke, on a pool thread; a reply to an earlier text is dropped, so results never
// go back to an older search.
class GroupSearchModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, MembersColumn, DnColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        DnRole = Qt::UserRole + 1,
        MembersRole,    // the number of members read
        MoreMembersRole // true when the directory holds more than MembersRole (AD's ranged member)
    };
    Q_ENUM(Role)

    static constexpr int Limit = 50;

    explicit GroupSearchModel(QObject *parent = nullptr);

    void setDirectory(const LdapSettings &settings, const QString &baseDn, DirectoryType type);
    // Searches `debounceMs` after the last call; an empty text clears the results at once.
    void setText(const QString &text);
    void setDebounce(int ms) { m_debounce.setInterval(ms); }

    bool isSearching() const { return m_searching; }
    QString errorMessage() const { return m_error; }
    bool isTruncated() const { return m_truncated; } // more groups matched than the Limit shown

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // The results (or the error) of the current text are in.
    void searchFinished();

private:
    struct Found;
    void startSearch();

    LdapSettings m_settings;
    QString m_baseDn;
    DirectoryType m_type = DirectoryType::OpenLdap;
    QString m_text;
    QTimer m_debounce;
    int m_searchId = 0;
    bool m_searching = false;
    QList<DirectoryGroup> m_groups;
    QString m_error;
    bool m_truncated = false;
};

} // namespace Updraft
