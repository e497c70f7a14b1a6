// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "scopepicker.h"

#include "groupsearchmodel.h"
#include "icons.h"
#include "outreemodel.h"
#include "source/directorybrowser.h"
#include "source/ldapdn.h"
#include "source/ldapfilter.h"
#include "statusicon.h"

#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

QLabel *messageLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// Problems in the palette's text role, coloured as the console colours failures everywhere.
void markAsProblem(QLabel *label, bool problem)
{
    QPalette palette = label->parentWidget()->palette();
    if (problem)
        palette.setColor(QPalette::WindowText, StatusIcon::color(u"failed"_s));
    label->setPalette(palette);
}

} // namespace

ScopePicker::ScopePicker(QWidget *parent)
    : QWidget(parent)
{
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(createOuPane());
    splitter->addWidget(createGroupPane());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(createFilterPane());
}

QWidget *ScopePicker::createOuPane()
{
    auto *pane = new QWidget(this);
    m_ouModel = new OuTreeModel(this);

    m_ouSearch = new QLineEdit(pane);
    m_ouSearch->setObjectName(u"ouSearch"_s);
    m_ouSearch->setPlaceholderText(tr("Find an OU by name (Enter)"));
    m_ouSearch->setClearButtonEnabled(true);
    auto *reload = new QToolButton(pane);
    reload->setIcon(Icons::get(u"view-refresh"_s));
    reload->setToolTip(tr("Read the directory again"));
    reload->setAccessibleName(reload->toolTip()); // an icon alone says nothing to a screen reader

    m_ouTree = new QTreeView(pane);
    m_ouTree->setObjectName(u"organizationalUnits"_s);
    m_ouTree->setModel(m_ouModel);
    m_ouTree->setUniformRowHeights(true);
    m_ouTree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_ouTree->header()->setStretchLastSection(false);
    m_ouTree->header()->setSectionResizeMode(OuTreeModel::NameColumn, QHeaderView::Stretch);
    m_ouTree->header()->setSectionResizeMode(OuTreeModel::UsersColumn, QHeaderView::ResizeToContents);
    m_ouStatus = messageLabel(pane);
    m_ouSummary = messageLabel(pane);

    connect(m_ouSearch, &QLineEdit::returnPressed, this, [this] {
        const QString text = m_ouSearch->text().trimmed();
        if (text.isEmpty())
            return;
        m_ouStatus->setText(tr("Searching…"));
        markAsProblem(m_ouStatus, false);
        m_ouModel->search(text);
    });
    connect(m_ouModel, &OuTreeModel::searchFinished, this,
            [this](const QModelIndexList &matches, const QString &error, bool truncated) {
                markAsProblem(m_ouStatus, !error.isEmpty());
                if (!error.isEmpty()) {
                    m_ouStatus->setText(error);
                    return;
                }
                if (matches.isEmpty()) {
                    m_ouStatus->setText(tr("No OU's name contains “%1”.").arg(m_ouSearch->text().trimmed()));
                    return;
                }
                m_ouTree->selectionModel()->clearSelection();
                for (const QModelIndex &match : matches) {
                    for (QModelIndex p = match.parent(); p.isValid(); p = p.parent())
                        m_ouTree->expand(p);
                    m_ouTree->selectionModel()->select(match, QItemSelectionModel::Select |
                                                                  QItemSelectionModel::Rows);
                }
                m_ouTree->scrollTo(matches.first());
                m_ouStatus->setText(truncated
                                        ? tr("Showing the first %n match(es); type more to narrow down.",
                                             nullptr, int(matches.size()))
                                        : tr("%n match(es), selected.", nullptr, int(matches.size())));
            });
    connect(reload, &QToolButton::clicked, this, [this] {
        m_ouModel->refresh();
        m_ouTree->expand(m_ouModel->index(0, OuTreeModel::NameColumn));
    });
    connect(m_ouModel, &OuTreeModel::checkedChanged, this, [this] {
        updateOuSummary();
        scopeEdited();
    });

    auto *search = new QHBoxLayout;
    search->addWidget(m_ouSearch, 1);
    search->addWidget(reload);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins({});
    layout->addWidget(new QLabel(tr("<b>Organizational units</b>: users in a checked OU and everything "
                                    "below it are in scope"),
                                 pane));
    layout->addLayout(search);
    layout->addWidget(m_ouTree, 1);
    layout->addWidget(m_ouStatus);
    layout->addWidget(m_ouSummary);
    updateOuSummary();
    return pane;
}

QWidget *ScopePicker::createGroupPane()
{
    auto *pane = new QWidget(this);
    m_groupModel = new GroupSearchModel(this);

    m_groupSearch = new QLineEdit(pane);
    m_groupSearch->setObjectName(u"groupSearch"_s);
    m_groupSearch->setPlaceholderText(tr("Find groups by name"));
    m_groupSearch->setClearButtonEnabled(true);
    m_groupResults = new QTableView(pane);
    m_groupResults->setObjectName(u"groupResults"_s);
    m_groupResults->setModel(m_groupModel);
    m_groupResults->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_groupResults->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_groupResults->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_groupResults->verticalHeader()->hide();
    m_groupResults->setWordWrap(false);
    m_groupResults->horizontalHeader()->setStretchLastSection(true);
    m_groupStatus = messageLabel(pane);
    m_addGroup = new QPushButton(tr("Add"), pane);
    m_addGroup->setToolTip(
        tr("Members of the selected groups, and of the groups nested in them, are in scope"));
    m_chosenGroups = new QListWidget(pane);
    m_chosenGroups->setObjectName(u"chosenGroups"_s);
    m_chosenGroups->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_removeGroup = new QPushButton(tr("Remove"), pane);

    connect(m_groupSearch, &QLineEdit::textChanged, m_groupModel, &GroupSearchModel::setText);
    connect(m_groupSearch, &QLineEdit::textChanged, this, &ScopePicker::updateGroupStatus);
    connect(m_groupModel, &GroupSearchModel::searchFinished, this, &ScopePicker::updateGroupStatus);
    connect(m_groupModel, &QAbstractItemModel::modelReset, this, [this] { m_addGroup->setEnabled(false); });
    connect(m_groupResults->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_addGroup->setEnabled(m_groupResults->selectionModel()->hasSelection()); });
    connect(m_groupResults, &QTableView::doubleClicked, this, &ScopePicker::addSelectedGroups);
    connect(m_addGroup, &QPushButton::clicked, this, &ScopePicker::addSelectedGroups);
    connect(m_chosenGroups, &QListWidget::itemSelectionChanged, this,
            [this] { m_removeGroup->setEnabled(!m_chosenGroups->selectedItems().isEmpty()); });
    connect(m_removeGroup, &QPushButton::clicked, this, [this] {
        qDeleteAll(m_chosenGroups->selectedItems());
        scopeEdited();
    });
    m_addGroup->setEnabled(false);
    m_removeGroup->setEnabled(false);

    auto *chosenButtons = new QHBoxLayout;
    chosenButtons->addWidget(new QLabel(tr("Groups in scope:"), pane), 1);
    chosenButtons->addWidget(m_removeGroup);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins({});
    layout->addWidget(new QLabel(tr("<b>Groups</b>: their members, also through nested groups"), pane));
    layout->addWidget(m_groupSearch);
    layout->addWidget(m_groupResults, 2);
    layout->addWidget(m_groupStatus);
    layout->addWidget(m_addGroup, 0, Qt::AlignRight);
    layout->addLayout(chosenButtons);
    layout->addWidget(m_chosenGroups, 1);
    updateGroupStatus();
    return pane;
}

QWidget *ScopePicker::createFilterPane()
{
    auto *pane = new QWidget(this);
    m_filter = new QLineEdit(pane);
    m_filter->setObjectName(u"filter"_s);
    m_filter->setPlaceholderText(
        tr("Optional LDAP filter that users must also match, e.g. (departmentNumber=Sales)"));
    m_filterMessage = messageLabel(pane);
    m_test = new QPushButton(tr("Test"), pane);
    m_test->setToolTip(tr("Count the users this scope selects, reading the directory as a run does"));
    m_testResult = messageLabel(pane);

    connect(m_filter, &QLineEdit::textChanged, this, [this] {
        validateFilter();
        scopeEdited();
    });
    connect(m_test, &QPushButton::clicked, this, &ScopePicker::testFilter);

    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Filter:"), pane));
    row->addWidget(m_filter, 1);
    row->addWidget(m_test);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins({});
    layout->addLayout(row);
    layout->addWidget(m_filterMessage);
    layout->addWidget(m_testResult);
    validateFilter();
    return pane;
}

void ScopePicker::setDirectory(const LdapSettings &settings, const QString &baseDn, DirectoryType type)
{
    m_settings = settings;
    m_baseDn = baseDn;
    m_type = type;
    m_ouModel->setDirectory(settings, baseDn, type);
    m_groupModel->setDirectory(settings, baseDn, type);
    m_ouTree->expand(m_ouModel->index(0, OuTreeModel::NameColumn));
    m_ouStatus->clear();
    m_testResult->clear();
    ++m_testId;
}

void ScopePicker::setScope(const Scope &scope)
{
    m_ouModel->setCheckedOrganizationalUnits(scope.organizationalUnits);
    m_chosenGroups->clear();
    for (const QString &dn : scope.groups)
        addChosenGroup(dn);
    const QSignalBlocker blocker(m_filter);
    m_filter->setText(scope.filter);
    validateFilter();
    m_testResult->clear();
    updateOuSummary();
}

Scope ScopePicker::scope() const
{
    Scope out;
    out.organizationalUnits = m_ouModel->checkedOrganizationalUnits();
    for (int i = 0; i < m_chosenGroups->count(); ++i)
        out.groups.append(m_chosenGroups->item(i)->data(Qt::UserRole).toString());
    out.filter = m_filter->text().trimmed();
    return out;
}

void ScopePicker::addChosenGroup(const QString &dn)
{
    const QString key = Ldap::normalizeDn(dn);
    for (int i = 0; i < m_chosenGroups->count(); ++i)
        if (Ldap::normalizeDn(m_chosenGroups->item(i)->data(Qt::UserRole).toString()) == key)
            return;
    auto *item = new QListWidgetItem(Ldap::firstRdnValue(dn), m_chosenGroups);
    item->setData(Qt::UserRole, dn);
    item->setToolTip(dn);
}

void ScopePicker::addSelectedGroups()
{
    const QModelIndexList rows = m_groupResults->selectionModel()->selectedRows(GroupSearchModel::NameColumn);
    if (rows.isEmpty())
        return;
    for (const QModelIndex &row : rows)
        addChosenGroup(row.data(GroupSearchModel::DnRole).toString());
    scopeEdited();
}

// A count shown, or on its way, is for the scope as it was.
void ScopePicker::scopeEdited()
{
    ++m_testId;
    m_testResult->clear();
    Q_EMIT scopeChanged();
}

void ScopePicker::updateOuSummary()
{
    const QStringList dns = m_ouModel->checkedOrganizationalUnits();
    QStringList names;
    for (const QString &dn : dns)
        names.append(Ldap::firstRdnValue(dn));
    m_ouSummary->setText(dns.isEmpty() ? tr("No OU checked.") : tr("In scope: %1").arg(names.join(tr(", "))));
    m_ouSummary->setToolTip(dns.join(u'\n'));
}

void ScopePicker::updateGroupStatus()
{
    markAsProblem(m_groupStatus, !m_groupModel->errorMessage().isEmpty());
    if (m_groupSearch->text().trimmed().isEmpty())
        m_groupStatus->setText(tr("Type part of a group's name."));
    else if (m_groupModel->isSearching())
        m_groupStatus->setText(tr("Searching…"));
    else if (!m_groupModel->errorMessage().isEmpty())
        m_groupStatus->setText(m_groupModel->errorMessage());
    else if (m_groupModel->rowCount() == 0)
        m_groupStatus->setText(tr("No group's name contains “%1”.").arg(m_groupSearch->text().trimmed()));
    else if (m_groupModel->isTruncated())
        m_groupStatus->setText(
            tr("Showing the first %1 groups; type more to narrow down.").arg(GroupSearchModel::Limit));
    else
        m_groupStatus->clear();
}

void ScopePicker::validateFilter()
{
    const QString filter = m_filter->text().trimmed();
    const Ldap::FilterCheck check = filter.isEmpty() ? Ldap::FilterCheck() : Ldap::checkFilter(filter);
    m_filterMessage->setText(check.message);
    m_filterMessage->setVisible(!check.ok);
    markAsProblem(m_filterMessage, !check.ok);
    m_test->setEnabled(check.ok);
}

void ScopePicker::testFilter()
{
    const Scope current = scope();
    markAsProblem(m_testResult, false);
    if (current.isEmpty()) {
        m_testResult->setText(tr("Check an OU or add a group first: with neither, no user is in scope."));
        return;
    }
    m_testResult->setText(tr("Counting…"));
    m_test->setEnabled(false);
    struct Count {
        bool ok = false;
        qint64 users = 0;
        LdapError error;
    };
    auto *watcher = new QFutureWatcher<Count>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id = ++m_testId] {
        watcher->deleteLater();
        if (id != m_testId)
            return; // the directory changed meanwhile
        validateFilter();
        const Count count = watcher->result();
        markAsProblem(m_testResult, !count.ok);
        if (!count.ok)
            m_testResult->setText(count.error.message);
        else if (count.users == 1)
            m_testResult->setText(tr("1 user matches"));
        else
            m_testResult->setText(tr("%1 users match").arg(QLocale().toString(count.users)));
    });
    watcher->setFuture(QtConcurrent::run([settings = m_settings, baseDn = m_baseDn, type = m_type, current] {
        DirectoryBrowser browser(settings, baseDn, type);
        Count out;
        out.ok = browser.countUsers(current, out.users);
        out.error = browser.error();
        return out;
    }));
}

} // namespace Updraft
