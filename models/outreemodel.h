// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "source/dialect.h"
#include "source/ldapconnection.h"

#include <QAbstractItemModel>

#include <memory>

namespace Updraft {

// The directory's containers as a lazy tree under the base DN, for picking the OUs of a scope. Each level is
// read when the view first expands it (fetchMore), by a DirectoryBrowser of its own on a pool thread; while
// it reads, the level shows a "Loading…" row, and a level that cannot be read shows an error row (the message
// in its tooltip) instead of looking empty.
//
// Checks follow the engine's scope: a checked OU brings in its whole subtree. So the OUs below a checked one
// show checked and cannot be unchecked on their own (the scope has no exclusions; listing the siblings
// instead would silently drop the users right in the parent and any OU added later). Checking an OU drops the
// checked OUs below it, which it now covers; the OUs above a checked one show partially checked. The checked
// DNs are kept apart from what is loaded, so OUs of a scope that were never expanded round-trip unchanged.
class OuTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, UsersColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        DnRole = Qt::UserRole + 1,
        RowKindRole,    // RowKind
        FetchStateRole, // FetchState, on containers
        UsersRole       // users in the subtree, -1 while not counted
    };
    Q_ENUM(Role)
    enum class RowKind { Container, Loading, Error };
    Q_ENUM(RowKind)
    enum class FetchState { NotFetched, Fetching, Fetched, Failed };
    Q_ENUM(FetchState)

    explicit OuTreeModel(QObject *parent = nullptr);
    ~OuTreeModel() override;

    // Shows this directory's base DN, nothing below it read yet. The checked OUs stay.
    void setDirectory(const LdapSettings &settings, const QString &baseDn, DirectoryType type);
    // Forgets what was read and starts again at the base DN (after an access change, say).
    void refresh();

    void setCheckedOrganizationalUnits(const QStringList &dns);
    QStringList checkedOrganizationalUnits() const { return m_checkedDns; }

    // Asks the directory for containers whose name contains `text`, reads the levels down to them, then
    // emits searchFinished with the ones now in the tree. A new search replaces one still running.
    void search(const QString &text);
    QModelIndex indexOf(const QString &dn) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &index) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // The user checked or unchecked an OU (not emitted by setCheckedOrganizationalUnits).
    void checkedChanged();
    // `error` is empty when the search worked; `truncated` when more containers matched than were shown.
    void searchFinished(const QModelIndexList &matches, const QString &error, bool truncated);

private:
    struct Node;
    struct Level;
    struct Found;
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOfNode(const Node *node, int column = NameColumn) const;
    void startFetch(Node *node);
    void readLevel(Node *node);
    void finishFetch(Node *node, const Level &level);
    void replaceChildren(Node *node, std::vector<std::unique_ptr<Node>> children);
    Qt::CheckState checkState(const Node *node) const;
    QString coveringCheck(const Node *node) const; // the checked DN above `node`, if any
    void setChecked(Node *node, bool checked);
    void notifyCheckStates(const Node *parent);
    QString toolTip(const Node *node) const;
    void continueReveal();

    LdapSettings m_settings;
    QString m_baseDn;
    DirectoryType m_type = DirectoryType::OpenLdap;
    std::unique_ptr<Node> m_root;  // invisible; its one child is the base DN
    QHash<QString, Node *> m_byDn; // containers by normalised DN
    int m_generation = 0;          // replies of an earlier tree are dropped
    QStringList m_checkedDns;      // as given or as the directory spells them
    QStringList m_checkedKeys;     // the same, normalised
    int m_searchId = 0;
    QStringList m_revealPending; // normalised DNs a search found that are not in the tree yet
    QModelIndexList m_revealed;
    bool m_revealTruncated = false;
};

} // namespace Updraft
