// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "outreemodel.h"

#include "source/directorybrowser.h"
#include "source/ldapdn.h"

#include <QFutureWatcher>
#include <QGuiApplication>
#include <QIcon>
#include <QLocale>
#include <QPalette>
#include <QtConcurrent>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

constexpr int SearchLimit = 50;

// A DN as the checked set compares it: normalised, or as typed (case-folded) when it does not parse, so that
// it still round-trips without matching anything else.
QString keyOf(const QString &dn)
{
    const QString key = Ldap::normalizeDn(dn);
    return key.isEmpty() ? dn.trimmed().toCaseFolded() : key;
}

} // namespace

struct OuTreeModel::Node {
    Node *parent = nullptr;
    int row = 0;
    RowKind kind = RowKind::Container;
    QString dn;
    QString key; // normalised DN
    QString name;
    qint64 users = -1; // in the subtree; -1 while not counted
    qint64 directUsers = -1;
    bool mayHaveChildren = true;
    FetchState state = FetchState::NotFetched;
    QString message; // error rows: what failed; its details follow in `detail`
    QString detail;
    std::vector<std::unique_ptr<Node>> children;
};

// What a pool thread hands back for one level.
struct OuTreeModel::Level {
    bool ok = false;
    DirectoryLevel level;
    LdapError error;
};

// What a pool thread hands back for a search.
struct OuTreeModel::Found {
    QStringList dns;
    bool truncated = false;
    LdapError error;
};

OuTreeModel::OuTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{}

OuTreeModel::~OuTreeModel() = default;

void OuTreeModel::setDirectory(const LdapSettings &settings, const QString &baseDn, DirectoryType type)
{
    m_settings = settings;
    m_baseDn = baseDn;
    m_type = type;
    refresh();
}

void OuTreeModel::refresh()
{
    beginResetModel();
    ++m_generation;
    ++m_searchId;
    m_revealPending.clear();
    m_revealed.clear();
    m_byDn.clear();
    m_root->children.clear();
    if (!m_baseDn.isEmpty()) {
        auto base = std::make_unique<Node>();
        base->parent = m_root.get();
        base->dn = m_baseDn;
        base->key = keyOf(m_baseDn);
        base->name = m_baseDn; // the whole DN: "example" alone says little at the top
        m_byDn.insert(base->key, base.get());
        m_root->children.push_back(std::move(base));
    }
    endResetModel();
}

OuTreeModel::Node *OuTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex OuTreeModel::indexOfNode(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

QModelIndex OuTreeModel::indexOf(const QString &dn) const
{
    return indexOfNode(m_byDn.value(keyOf(dn)));
}

QModelIndex OuTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, nodeOf(parent)->children.at(size_t(row)).get());
}

QModelIndex OuTreeModel::parent(const QModelIndex &index) const
{
    return index.isValid() ? indexOfNode(nodeOf(index)->parent) : QModelIndex();
}

int OuTreeModel::rowCount(const QModelIndex &parent) const
{
    return parent.column() > 0 ? 0 : int(nodeOf(parent)->children.size());
}

int OuTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool OuTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *node = nodeOf(parent);
    if (!node->children.empty())
        return true;
    // Being read, a level may not show its "Loading…" row yet.
    return parent.isValid() && node->kind == RowKind::Container &&
           (node->state == FetchState::Fetching ||
            (node->state == FetchState::NotFetched && node->mayHaveChildren));
}

bool OuTreeModel::canFetchMore(const QModelIndex &parent) const
{
    const Node *node = nodeOf(parent);
    return parent.isValid() && parent.column() == 0 && node->kind == RowKind::Container &&
           node->state == FetchState::NotFetched && node->mayHaveChildren;
}

void OuTreeModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        startFetch(nodeOf(parent));
}

void OuTreeModel::startFetch(Node *node)
{
    node->state = FetchState::Fetching;
    // The "Loading…" row goes in from the event loop: fetchMore may be called while the model announces
    // another change (QAbstractItemModelTester does, from rowsInserted), when no row may come or go.
    QMetaObject::invokeMethod(
        this,
        [this, generation = m_generation, key = node->key] {
            if (Node *n = generation == m_generation ? m_byDn.value(key) : nullptr)
                readLevel(n);
        },
        Qt::QueuedConnection);
}

void OuTreeModel::readLevel(Node *node)
{
    auto loading = std::make_unique<Node>();
    loading->kind = RowKind::Loading;
    std::vector<std::unique_ptr<Node>> rows;
    rows.push_back(std::move(loading));
    replaceChildren(node, std::move(rows));

    auto *watcher = new QFutureWatcher<Level>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, generation = m_generation, key = node->key] {
                watcher->deleteLater();
                if (generation != m_generation)
                    return; // a reply for a tree that is gone
                if (Node *n = m_byDn.value(key))
                    finishFetch(n, watcher->result());
            });
    watcher->setFuture(
        QtConcurrent::run([settings = m_settings, baseDn = m_baseDn, type = m_type, dn = node->dn] {
            DirectoryBrowser browser(settings, baseDn, type);
            Level out;
            out.ok = browser.children(dn, out.level);
            out.error = browser.error();
            return out;
        }));
}

void OuTreeModel::finishFetch(Node *node, const Level &result)
{
    std::vector<std::unique_ptr<Node>> rows;
    if (!result.ok || result.level.unreadable) {
        node->state = FetchState::Failed;
        auto error = std::make_unique<Node>();
        error->kind = RowKind::Error;
        if (result.ok) {
            error->message = tr("Cannot read what is in %1: the bind account is not allowed to see its "
                                "entries. Grant it read access, or scope another OU.")
                                 .arg(node->name);
        } else {
            error->message = result.error.message;
            error->detail = result.error.detail;
        }
        rows.push_back(std::move(error));
    } else {
        node->state = FetchState::Fetched;
        node->users = result.level.users;
        node->directUsers = result.level.directUsers;
        for (const DirectoryContainer &c : result.level.containers) {
            auto child = std::make_unique<Node>();
            child->dn = c.dn;
            child->key = keyOf(c.dn);
            child->name = c.name;
            child->users = c.users;
            child->mayHaveChildren = c.mayHaveChildren;
            rows.push_back(std::move(child));
        }
    }
    replaceChildren(node, std::move(rows));
    Q_EMIT dataChanged(indexOfNode(node, NameColumn), indexOfNode(node, UsersColumn));
    continueReveal();
}

// Swaps the rows below `node` (the "Loading…" row for the level, say) and registers new containers.
void OuTreeModel::replaceChildren(Node *node, std::vector<std::unique_ptr<Node>> children)
{
    const QModelIndex parent = indexOfNode(node);
    if (!node->children.empty()) {
        beginRemoveRows(parent, 0, int(node->children.size()) - 1);
        node->children.clear();
        endRemoveRows();
    }
    if (children.empty())
        return;
    beginInsertRows(parent, 0, int(children.size()) - 1);
    node->children = std::move(children);
    for (size_t i = 0; i < node->children.size(); ++i) {
        Node *child = node->children[i].get();
        child->parent = node;
        child->row = int(i);
        if (child->kind == RowKind::Container)
            m_byDn.insert(child->key, child);
    }
    endInsertRows();
}

QString OuTreeModel::coveringCheck(const Node *node) const
{
    for (qsizetype i = 0; i < m_checkedKeys.size(); ++i)
        if (m_checkedKeys.at(i) != node->key && Ldap::isWithin(node->key, m_checkedKeys.at(i)))
            return m_checkedDns.at(i);
    return {};
}

Qt::CheckState OuTreeModel::checkState(const Node *node) const
{
    if (m_checkedKeys.contains(node->key) || !coveringCheck(node).isEmpty())
        return Qt::Checked;
    for (const QString &key : m_checkedKeys)
        if (Ldap::isWithin(key, node->key))
            return Qt::PartiallyChecked;
    return Qt::Unchecked;
}

void OuTreeModel::setChecked(Node *node, bool checked)
{
    // Checking covers what was checked below; unchecking takes back this OU only.
    for (qsizetype i = m_checkedKeys.size() - 1; i >= 0; --i) {
        if (checked ? Ldap::isWithin(m_checkedKeys.at(i), node->key) : m_checkedKeys.at(i) == node->key) {
            m_checkedKeys.removeAt(i);
            m_checkedDns.removeAt(i);
        }
    }
    if (checked) {
        m_checkedKeys.append(node->key);
        m_checkedDns.append(node->dn);
    }
    notifyCheckStates(m_root.get());
    Q_EMIT checkedChanged();
}

void OuTreeModel::setCheckedOrganizationalUnits(const QStringList &dns)
{
    m_checkedDns.clear();
    m_checkedKeys.clear();
    for (const QString &dn : dns) {
        if (dn.trimmed().isEmpty())
            continue;
        m_checkedDns.append(dn);
        m_checkedKeys.append(keyOf(dn));
    }
    notifyCheckStates(m_root.get());
}

// A check changes the state of its ancestors and descendants: every loaded row is asked again.
void OuTreeModel::notifyCheckStates(const Node *parent)
{
    if (parent->children.empty())
        return;
    const QModelIndex p = indexOfNode(parent);
    Q_EMIT dataChanged(index(0, NameColumn, p), index(int(parent->children.size()) - 1, NameColumn, p),
                       {Qt::CheckStateRole, Qt::ToolTipRole});
    for (const auto &child : parent->children)
        notifyCheckStates(child.get());
}

QString OuTreeModel::toolTip(const Node *node) const
{
    QStringList lines{node->dn};
    if (node->users >= 0) {
        QString counts = tr("%Ln user(s) in this subtree", nullptr, int(node->users));
        if (node->directUsers >= 0)
            counts += tr(", %1 right in it").arg(QLocale().toString(node->directUsers));
        lines.append(counts);
    }
    if (const QString above = coveringCheck(node); !above.isEmpty())
        lines.append(tr("Included with %1, which is checked with everything below it.")
                         .arg(Ldap::firstRdnValue(above)));
    return lines.join(u'\n');
}

QVariant OuTreeModel::data(const QModelIndex &index, int role) const
{
    // Views and the model tester ask about the invisible root too.
    if (!index.isValid() || !checkIndex(index))
        return {};
    const Node *node = nodeOf(index);
    if (role == RowKindRole)
        return QVariant::fromValue(node->kind);
    if (node->kind == RowKind::Loading) {
        if (index.column() != NameColumn)
            return {};
        if (role == Qt::DisplayRole)
            return tr("Loading…");
        if (role == Qt::ForegroundRole)
            return QGuiApplication::palette().brush(QPalette::PlaceholderText);
        return {};
    }
    if (node->kind == RowKind::Error) {
        if (index.column() != NameColumn)
            return {};
        switch (role) {
        case Qt::DisplayRole:
            return node->message;
        case Qt::ToolTipRole:
            return node->detail.isEmpty() ? node->message : node->message + u'\n' + node->detail;
        case Qt::DecorationRole:
            return QIcon::fromTheme(u"dialog-warning"_s);
        }
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == NameColumn)
            return node->name;
        return node->users >= 0 ? QLocale().toString(node->users) : QVariant();
    case Qt::ToolTipRole:
        return toolTip(node);
    case Qt::CheckStateRole:
        return index.column() == NameColumn ? QVariant(checkState(node)) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == UsersColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case DnRole:
        return node->dn;
    case FetchStateRole:
        return QVariant::fromValue(node->state);
    case UsersRole:
        return node->users;
    }
    return {};
}

bool OuTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || !index.isValid() || !checkIndex(index) || index.column() != NameColumn)
        return false;
    Node *node = nodeOf(index);
    const auto state = static_cast<Qt::CheckState>(value.toInt());
    if (node->kind != RowKind::Container || !coveringCheck(node).isEmpty() || state == Qt::PartiallyChecked)
        return false;
    setChecked(node, state == Qt::Checked);
    return true;
}

Qt::ItemFlags OuTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || !checkIndex(index))
        return Qt::NoItemFlags;
    const Node *node = nodeOf(index);
    if (node->kind != RowKind::Container)
        return Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == NameColumn && coveringCheck(node).isEmpty())
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant OuTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Organizational unit");
    case UsersColumn:
        return tr("Users");
    }
    return {};
}

void OuTreeModel::search(const QString &text)
{
    const int id = ++m_searchId;
    m_revealPending.clear();
    m_revealed.clear();
    auto *watcher = new QFutureWatcher<Found>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id, generation = m_generation] {
        watcher->deleteLater();
        if (id != m_searchId || generation != m_generation)
            return; // replaced by a newer search, or the tree was read again
        const Found found = watcher->result();
        if (found.error.isError()) {
            Q_EMIT searchFinished({}, found.error.message, false);
            return;
        }
        m_revealTruncated = found.truncated;
        for (const QString &dn : found.dns)
            m_revealPending.append(keyOf(dn));
        if (m_revealPending.isEmpty())
            Q_EMIT searchFinished({}, QString(), false);
        continueReveal();
    });
    watcher->setFuture(QtConcurrent::run([settings = m_settings, baseDn = m_baseDn, type = m_type, text] {
        DirectoryBrowser browser(settings, baseDn, type);
        Found out;
        if (!browser.findContainers(text, SearchLimit, out.dns, &out.truncated))
            out.error = browser.error();
        return out;
    }));
}

// Walks each found DN down from the base, starting the read of the next level on the way where needed;
// called again whenever a level arrives. Done when every DN is in the tree or cannot be reached.
void OuTreeModel::continueReveal()
{
    if (m_revealPending.isEmpty())
        return;
    QStringList waiting;
    for (const QString &key : std::as_const(m_revealPending)) {
        Node *node = m_root->children.empty() ? nullptr : m_root->children.front().get();
        if (!node || !Ldap::isWithin(key, node->key))
            continue;
        while (node && node->key != key && node->state == FetchState::Fetched) {
            Node *next = nullptr;
            for (const auto &child : node->children)
                if (child->kind == RowKind::Container && Ldap::isWithin(key, child->key))
                    next = child.get();
            node = next;
        }
        if (!node)
            continue; // below something that is no container
        if (node->key == key) {
            m_revealed.append(indexOfNode(node));
            continue;
        }
        if (node->state == FetchState::NotFetched && node->mayHaveChildren)
            startFetch(node);
        if (node->state == FetchState::Fetching)
            waiting.append(key);
    }
    m_revealPending = waiting;
    if (waiting.isEmpty())
        Q_EMIT searchFinished(std::exchange(m_revealed, {}), QString(), m_revealTruncated);
}

} // namespace Updraft
