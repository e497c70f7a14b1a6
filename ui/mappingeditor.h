// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/mappingpreview.h"

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabBar;
class QTableView;
class QTreeWidget;

namespace Updraft {

class MappingModel;

// The Mapping section of a configuration: the users' and the groups' mapping tables (target attribute ←
// directory attribute, constant or expression), edited in place and checked by the engine's parser, and a
// preview that reads one entry of the directory off the GUI thread and shows what the edited, unsaved mapping
// makes of it, as a run would. The entry is kept: later edits are mapped again at once, and the directory is
// read again only when a rule reads an attribute that was not read.
class MappingEditor : public QWidget
{
    Q_OBJECT
public:
    explicit MappingEditor(QWidget *parent = nullptr);
    ~MappingEditor() override;

    // The directory the preview reads (settings with the resolved bind password), the dialect whose default
    // tables apply and the configuration's domain ($domain).
    void setDirectory(const LdapSettings &settings, const QString &baseDn, DirectoryType type,
                      const QString &domain);
    // The configuration's "mapping" object: {"users": {…}, "groups": {…}}. Does not emit changed().
    void setOverrides(const QJsonObject &mappingJson);
    // The configuration's target.type: Entra ID's names for the attributes show in a column of their own.
    void setTargetType(const QString &type);
    // The "mapping" object as edited: what differs from the defaults; empty when nothing does.
    QJsonObject overrides() const;
    // "mapping.users.title: …", as Configuration::fromJson words them; empty when the mapping is valid.
    QStringList problems() const;

Q_SIGNALS:
    // The admin changed a rule.
    void changed();
    // A preview is shown (or its failure is).
    void previewFinished();

private:
    MappingModel *currentModel() const;
    ObjectKind currentKind() const;
    void showKind();
    void addRule();
    void removeSelected();
    void resetSelected();
    void updateButtons();
    void edited();
    void showProblems();
    void startPreview();
    void search(const QString &text);
    void showPreview();
    void clearPreview(const QString &status);

    MappingModel *m_users = nullptr;
    MappingModel *m_groups = nullptr;
    QJsonObject
        m_unknown; // keys of "mapping" other than users and groups, kept to be reported and saved back
    QStringList m_loadProblems;
    bool m_loading = false;

    LdapSettings m_settings;
    QString m_baseDn;
    DirectoryType m_type = DirectoryType::OpenLdap;
    QString m_domain;

    QTabBar *m_kinds = nullptr;
    QTableView *m_table = nullptr;
    QString m_targetType;
    QLineEdit *m_newTarget = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_reset = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_problems = nullptr;

    QLabel *m_previewFor = nullptr;
    QLineEdit *m_search = nullptr;
    QPushButton *m_previewButton = nullptr;
    QLabel *m_previewStatus = nullptr;
    QTreeWidget *m_previewTree = nullptr;
    QPlainTextEdit *m_previewJson = nullptr;

    PreviewEntry m_entry; // the entry last read, kept to map it again after an edit
    QString m_entryText;  // what was searched for
    bool m_hasEntry = false;
    int m_searchId = 0;
    bool m_searching = false;
};

} // namespace Updraft
