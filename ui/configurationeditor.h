// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectioncheckview.h"
#include "sync/scopeimpact.h"

#include <QDialog>
#include <QHash>
#include <QJsonObject>
#include <QSet>

#include <functional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;
class QTabWidget;
class QTimer;

namespace Updraft {

struct Configuration;
class MappingEditor;
class ScopeImpactView;
class ScopePicker;
class SecretField;

// Creates or edits one configuration: the directory and how to reach it, the cloud service, the schedule,
// password hash sync and the delete guard. Every change is validated by the engine's own reader as it is
// typed, and the problem is shown under the field it concerns. Secrets typed here go to the OS keychain when
// saved; the configuration holds only references. Keys the form does not show are kept as they were.
class ConfigurationEditor : public QDialog
{
    Q_OBJECT
public:
    enum class Mode { Create, Edit, Duplicate };
    // `save` stores the definition (called on the GUI thread after the secrets are in the keychain); it
    // returns false with a message if it could not. `existingNames` are taken: a new configuration needs
    // another.
    using Save = std::function<bool(const QJsonObject &definition, QString *error)>;
    ConfigurationEditor(Mode mode, const QJsonObject &definition, QStringList existingNames, Save save,
                        QWidget *parent = nullptr);

    // The configuration as the form holds it (secrets as references).
    QJsonObject definition() const;
    // The engine's objections to it, "key.path: message".
    QStringList problems() const { return m_problems; }
    QString name() const;
    QTabWidget *tabs() const { return m_tabs; }
    ConnectionCheckView *sourceCheck() const { return m_sourceCheck; }
    ConnectionCheckView *targetCheck() const { return m_targetCheck; }
    ScopePicker *scopePicker() const { return m_scope; }
    ScopeImpactView *scopeImpact() const { return m_impact; }
    MappingEditor *mappingEditor() const { return m_mapping; }
    // What the store says is provisioned, for the scope impact's deletes and "provisioned elsewhere"
    // warnings.
    void setProvisioned(const ScopeImpact::Provisioned &provisioned) { m_provisioned = provisioned; }

    void accept() override; // validates, writes typed secrets to the keychain, saves

Q_SIGNALS:
    void saved(const QString &name);
    void scopeImpactReady(const Updraft::ScopeImpact &impact);

private:
    QWidget *generalPage();
    QWidget *directoryPage();
    QWidget *scopePage();
    QWidget *cloudPage();
    QWidget *scimForm(QWidget *parent);
    QWidget *entraForm(QWidget *parent);
    QWidget *caFileRow(QLineEdit *&edit, const QString &key, QWidget *parent);
    void targetTypeChanged();
    bool entraChosen() const;
    // The secret the chosen kind of cloud directory signs in with.
    const SecretField *targetSecret() const;
    void loadTarget(const QJsonObject &target);
    QJsonObject targetDefinition(QJsonObject target) const;
    // The work of a Test connection button: the form's `section` as the engine reads it, its secret (typed,
    // or resolved from its reference on the worker thread), then `test`.
    ConnectionCheckView::Test connectionTest(
        const QString &section, const SecretField *secret,
        const std::function<ConnectionReport(const Configuration &, const QByteArray &)> &test) const;
    // Points the scope picker and the mapping preview at the directory as the form describes it (the password
    // resolved off the GUI thread), if that changed since; then the impact follows.
    void connectScope();
    void computeImpact();
    // A form row whose problems (configuration keys starting with `keyPath`) show under it.
    void addRow(QFormLayout *form, const QString &label, QWidget *field, const QString &keyPath);
    void load(const QJsonObject &definition);
    // The form read by the engine into `config`; the problems it finds in these top-level sections.
    QStringList parsed(const QStringList &sections, Configuration &config) const;
    void validate();
    void securityChanged();
    void directoryTypeChanged();
    // source.passwordHashes (configurationeditorhashes.cpp).
    void addPasswordHashRows(QWidget *page, QFormLayout *form);
    void updatePasswordHashRows();
    void loadPasswordHashes(const QJsonObject &source);
    void savePasswordHashes(QJsonObject &source) const;
    void setBusy(bool busy, const QString &text = {});
    void finishSave(const QString &keychainError);

    Mode m_mode;
    QJsonObject m_original;
    QStringList m_existingNames;
    Save m_save;
    QStringList m_problems;
    QHash<QString, QLabel *> m_errorLabels; // by configuration key path
    QSet<QString> m_touched;                // key paths the admin has edited (their problems show at once)
    bool m_showAll = false;                 // after a save attempt every problem shows
    bool m_saving = false;

    QTabWidget *m_tabs = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_type = nullptr;
    QCheckBox *m_hashes = nullptr;
    QCheckBox *m_scheduled = nullptr;
    QSpinBox *m_interval = nullptr;
    QSpinBox *m_deleteThreshold = nullptr;
    QSpinBox *m_deletePercent = nullptr;
    QLineEdit *m_url = nullptr;
    QComboBox *m_security = nullptr;
    QLineEdit *m_caFile = nullptr;
    QLineEdit *m_targetCaFile = nullptr;
    QCheckBox *m_verify = nullptr;
    QLineEdit *m_bindDn = nullptr;
    QComboBox *m_anchor = nullptr;
    SecretField *m_bindPassword = nullptr;
    QLineEdit *m_baseDn = nullptr;
    QFormLayout *m_directoryForm = nullptr;
    QComboBox *m_hashMethod = nullptr;
    QLineEdit *m_replicationAccount = nullptr;
    SecretField *m_replicationPassword = nullptr;
    QLineEdit *m_replicationServer = nullptr;
    ConnectionCheckView *m_sourceCheck = nullptr;
    QComboBox *m_targetType = nullptr;
    QStackedWidget *m_cloudForms = nullptr;
    QLineEdit *m_entraTenant = nullptr;
    QLineEdit *m_entraClient = nullptr;
    QComboBox *m_entraCredential = nullptr;
    SecretField *m_entraSecret = nullptr;
    QLineEdit *m_entraCertificate = nullptr;
    SecretField *m_entraKey = nullptr;
    QLineEdit *m_entraServicePrincipal = nullptr;
    QLineEdit *m_entraJob = nullptr;
    QLineEdit *m_entraAuthority = nullptr;
    QLineEdit *m_entraGraph = nullptr;
    QLineEdit *m_targetUrl = nullptr;
    SecretField *m_token = nullptr;
    QCheckBox *m_softMatch = nullptr;
    ConnectionCheckView *m_targetCheck = nullptr;

    MappingEditor *m_mapping = nullptr;
    ScopePicker *m_scope = nullptr;
    ScopeImpactView *m_impact = nullptr;
    QTimer *m_impactTimer = nullptr;
    Scope m_savedScope;
    ScopeImpact::Provisioned m_provisioned;
    QByteArray m_browsedDirectory; // the connection settings the picker was last pointed at
    QByteArray m_browsePassword;
    bool m_browsable = false;
    int m_impactGeneration = 0;
};

} // namespace Updraft
