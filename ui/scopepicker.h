// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "source/dialect.h"
#include "source/ldapconnection.h"
#include "source/scope.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableView;
class QTreeView;

namespace Updraft {

class GroupSearchModel;
class OuTreeModel;

// A configuration's scope, picked rather than typed: the directory's OUs as a tree with checks and user
// counts (with a search that opens the tree down to what it finds), groups found by name as one types, and
// the filter, checked as it is typed and tried against the directory with "Test".
class ScopePicker : public QWidget
{
    Q_OBJECT
public:
    explicit ScopePicker(QWidget *parent = nullptr);

    // The directory to browse; the scope shown stays.
    void setDirectory(const LdapSettings &settings, const QString &baseDn, DirectoryType type);
    void setScope(const Scope &scope);
    Scope scope() const;

Q_SIGNALS:
    // The admin changed the OUs, the groups or the filter (not emitted by setScope).
    void scopeChanged();

private:
    QWidget *createOuPane();
    QWidget *createGroupPane();
    QWidget *createFilterPane();
    void addChosenGroup(const QString &dn);
    void addSelectedGroups();
    void scopeEdited();
    void updateOuSummary();
    void updateGroupStatus();
    void validateFilter();
    void testFilter();

    LdapSettings m_settings;
    QString m_baseDn;
    DirectoryType m_type = DirectoryType::OpenLdap;

    OuTreeModel *m_ouModel = nullptr;
    QLineEdit *m_ouSearch = nullptr;
    QTreeView *m_ouTree = nullptr;
    QLabel *m_ouStatus = nullptr;
    QLabel *m_ouSummary = nullptr;

    GroupSearchModel *m_groupModel = nullptr;
    QLineEdit *m_groupSearch = nullptr;
    QTableView *m_groupResults = nullptr;
    QLabel *m_groupStatus = nullptr;
    QPushButton *m_addGroup = nullptr;
    QListWidget *m_chosenGroups = nullptr;
    QPushButton *m_removeGroup = nullptr;

    QLineEdit *m_filter = nullptr;
    QLabel *m_filterMessage = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_testResult = nullptr;
    int m_testId = 0;
};

} // namespace Updraft
