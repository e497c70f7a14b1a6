// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "configurationeditor.h"

#include "connectioncheckview.h"
#include "mappingeditor.h"
#include "scopeimpactview.h"
#include "scopepicker.h"
#include "secretfield.h"

#include "config/configuration.h"
#include "config/keychain.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

enum Security { Plain, StartTls, Ldaps };

// The text label of a problem row (a warning sign and the message) under a field; the row shows only with a
// message.
QLabel *errorLabel(QWidget *parent)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *sign = new QLabel(row);
    const int size = row->style()->pixelMetric(QStyle::PM_SmallIconSize);
    sign->setPixmap(row->style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size, size));
    sign->setAlignment(Qt::AlignTop);
    auto *label = new QLabel(row);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(sign);
    layout->addWidget(label, 1);
    row->setVisible(false);
    return label;
}

// The secret a connection test uses: what was typed, or what the saved reference points at.
bool secretFor(const QByteArray &typed, const SecretReference &reference, const QString &keyPath,
               QByteArray &secret, QString *error)
{
    if (!typed.isEmpty()) {
        secret = typed;
        return true;
    }
    return reference.resolve(secret, keyPath, error);
}

ConnectionReport settingsProblem(const QString &name, const QStringList &problems)
{
    return {{{name, ConnectionStep::Outcome::Failed, problems.join(u"\n"_s), {}}}};
}

} // namespace

ConfigurationEditor::ConfigurationEditor(Mode mode, const QJsonObject &definition, QStringList existingNames,
                                         Save save, QWidget *parent)
    : QDialog(parent)
    , m_mode(mode)
    , m_original(definition)
    , m_existingNames(std::move(existingNames))
    , m_save(std::move(save))
{
    setObjectName(u"configurationEditor"_s);
    setWindowTitle(mode == Mode::Edit        ? tr("Edit %1").arg(definition.value(u"name"_s).toString())
                   : mode == Mode::Duplicate ? tr("Duplicate %1").arg(definition.value(u"name"_s).toString())
                                             : tr("New configuration"));
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(generalPage(), tr("General"));
    m_tabs->addTab(directoryPage(), tr("Directory"));
    m_tabs->addTab(scopePage(), tr("Scope"));
    m_tabs->addTab(cloudPage(), tr("Cloud"));
    m_mapping = new MappingEditor(this);
    m_mapping->setObjectName(u"mapping"_s);
    m_tabs->addTab(m_mapping, tr("Mapping"));
    connect(m_mapping, &MappingEditor::changed, this, [this] {
        m_touched.insert(u"mapping"_s);
        validate();
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget()->isAncestorOf(m_scope) || m_tabs->currentWidget() == m_mapping)
            connectScope();
    });

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConfigurationEditor::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConfigurationEditor::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    load(definition);
    if (mode == Mode::Edit) {
        Configuration saved;
        Configuration::fromJson(definition, saved, nullptr);
        m_savedScope = saved.scope;
    }
    if (mode == Mode::Duplicate) {
        m_name->clear();
        m_name->setPlaceholderText(tr("the other domain, e.g. emea.example.com"));
    }
    m_name->setReadOnly(mode == Mode::Edit);
    if (mode == Mode::Edit)
        m_name->setToolTip(
            tr("A configuration is named after its domain; the name is its identity in the store "
               "and in the cloud, so it cannot change. Duplicate it to start one for another "
               "domain."));

    // Whether the keychain answers is a D-Bus round trip: asked off the GUI thread.
    auto *watcher = new QFutureWatcher<std::pair<bool, QString>>(this);
    connect(watcher, &QFutureWatcher<std::pair<bool, QString>>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const auto [available, why] = watcher->result();
        m_bindPassword->setKeychainAvailable(available, why);
        for (SecretField *field : {m_token, m_entraSecret, m_entraKey, m_replicationPassword})
            field->setKeychainAvailable(available, why);
    });
    watcher->setFuture(QtConcurrent::run([] {
        QString why;
        const bool available = Keychain::available(&why);
        return std::pair{available, why};
    }));
    validate();
    resize(760, 620);
}

void ConfigurationEditor::addRow(QFormLayout *form, const QString &label, QWidget *field,
                                 const QString &keyPath)
{
    auto *box = new QWidget(field->parentWidget());
    auto *column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addWidget(field);
    QLabel *error = errorLabel(box);
    error->setObjectName(keyPath + u".error"_s);
    column->addWidget(error->parentWidget());
    m_errorLabels.insert(keyPath, error);
    form->addRow(label, box);

    const auto touched = [this, keyPath] {
        m_touched.insert(keyPath);
        validate();
    };
    if (auto *edit = qobject_cast<QLineEdit *>(field))
        connect(edit, &QLineEdit::textEdited, this, touched);
    else if (auto *combo = qobject_cast<QComboBox *>(field))
        connect(combo, &QComboBox::activated, this, touched);
    else if (auto *check = qobject_cast<QCheckBox *>(field))
        connect(check, &QCheckBox::toggled, this, touched);
    else if (auto *spin = qobject_cast<QSpinBox *>(field))
        connect(spin, &QSpinBox::valueChanged, this, touched);
    else if (auto *secret = qobject_cast<SecretField *>(field))
        connect(secret, &SecretField::changed, this, touched);
}

// A CA certificate file: typed, or chosen with Browse….
QWidget *ConfigurationEditor::caFileRow(QLineEdit *&edit, const QString &key, QWidget *parent)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    edit = new QLineEdit(row);
    edit->setObjectName(key);
    edit->setPlaceholderText(tr("empty: the CAs this machine trusts"));
    auto *browse = new QPushButton(tr("Browse…"), row);
    connect(browse, &QPushButton::clicked, this, [this, edit, key] {
        const QString file =
            QFileDialog::getOpenFileName(this, tr("CA certificate"), edit->text(),
                                         tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
        if (!file.isEmpty()) {
            edit->setText(file);
            m_touched.insert(key);
            validate();
        }
    });
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    connect(edit, &QLineEdit::textEdited, this, [this, key] {
        m_touched.insert(key);
        validate();
    });
    return row;
}

QWidget *ConfigurationEditor::generalPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_name = new QLineEdit(page);
    m_name->setObjectName(u"name"_s);
    m_name->setPlaceholderText(tr("the domain, e.g. corp.example.com"));
    addRow(form, tr("Name (domain)"), m_name, u"name"_s);
    m_type = new QComboBox(page);
    m_type->setObjectName(u"source.type"_s);
    m_type->addItem(tr("OpenLDAP"), DirectoryTypes::key(DirectoryType::OpenLdap));
    m_type->addItem(tr("Active Directory or Samba AD"), DirectoryTypes::key(DirectoryType::ActiveDirectory));
    m_type->addItem(tr("389 Directory Server or Red Hat Directory Server"),
                    DirectoryTypes::key(DirectoryType::Dirsrv));
    m_type->setToolTip(tr("Test connection reads what the server says it is and suggests the type."));
    addRow(form, tr("Directory type"), m_type, u"source.type"_s);
    connect(m_type, &QComboBox::currentIndexChanged, this, &ConfigurationEditor::directoryTypeChanged);
    m_hashes = new QCheckBox(tr("Send users' password hashes"), page);
    m_hashes->setObjectName(u"passwordHashSync.enabled"_s);
    m_hashes->setToolTip(tr("Users can then sign in to the cloud with their directory password. A user who "
                            "must change the password at next logon gets no hash until they have."));
    addRow(form, tr("Password hash sync"), m_hashes, u"passwordHashSync"_s);
    m_scheduled = new QCheckBox(tr("Run on a schedule"), page);
    m_scheduled->setObjectName(u"schedule.enabled"_s);
    addRow(form, tr("Schedule"), m_scheduled, u"schedule.enabled"_s);
    m_interval = new QSpinBox(page);
    m_interval->setObjectName(u"schedule.intervalSeconds"_s);
    m_interval->setRange(1, 86400);
    m_interval->setSuffix(tr(" s"));
    m_interval->setToolTip(tr("Between runs; a run reads only what changed when the directory can tell."));
    addRow(form, tr("Every"), m_interval, u"schedule.intervalSeconds"_s);
    connect(m_scheduled, &QCheckBox::toggled, m_interval, &QWidget::setEnabled);
    m_deleteThreshold = new QSpinBox(page);
    m_deleteThreshold->setObjectName(u"safety.deleteThreshold"_s);
    m_deleteThreshold->setRange(0, 1000000);
    m_deleteThreshold->setToolTip(tr("A run that would delete more cloud objects than this stops and stages "
                                     "the deletes for approval."));
    addRow(form, tr("Delete threshold"), m_deleteThreshold, u"safety.deleteThreshold"_s);
    m_deletePercent = new QSpinBox(page);
    m_deletePercent->setObjectName(u"safety.deleteThresholdPercent"_s);
    m_deletePercent->setRange(0, 100);
    m_deletePercent->setSuffix(tr(" % of the provisioned objects"));
    m_deletePercent->setSpecialValueText(tr("off"));
    addRow(form, tr("…or more than"), m_deletePercent, u"safety.deleteThresholdPercent"_s);
    return page;
}

QWidget *ConfigurationEditor::directoryPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_url = new QLineEdit(page);
    m_url->setObjectName(u"source.url"_s);
    m_url->setPlaceholderText(u"ldaps://dc1.corp.example.com"_s);
    addRow(form, tr("Server URL"), m_url, u"source.url"_s);
    m_security = new QComboBox(page);
    m_security->setObjectName(u"source.security"_s);
    m_security->addItem(tr("None (local connections only)"), Plain);
    m_security->addItem(tr("StartTLS"), StartTls);
    m_security->addItem(tr("LDAPS"), Ldaps);
    connect(m_security, &QComboBox::activated, this, &ConfigurationEditor::securityChanged);
    addRow(form, tr("Encryption"), m_security, u"source.startTls"_s);

    addRow(form, tr("CA certificate"), caFileRow(m_caFile, u"source.caFile"_s, page), u"source.caFile"_s);
    m_verify = new QCheckBox(tr("Verify the server's certificate"), page);
    m_verify->setObjectName(u"source.verifyCertificate"_s);
    addRow(form, QString(), m_verify, u"source.verifyCertificate"_s);
    m_bindDn = new QLineEdit(page);
    m_bindDn->setObjectName(u"source.bindDn"_s);
    addRow(form, tr("Bind account"), m_bindDn, u"source.bindDn"_s);
    m_bindPassword = new SecretField(u"source.bindPassword"_s, tr("password"), page);
    addRow(form, tr("Password"), m_bindPassword, u"source.bindPassword"_s);
    m_baseDn = new QLineEdit(page);
    m_baseDn->setObjectName(u"source.baseDn"_s);
    m_baseDn->setPlaceholderText(u"dc=corp,dc=example,dc=com"_s);
    addRow(form, tr("Base DN"), m_baseDn, u"source.baseDn"_s);
    m_anchor = new QComboBox(page);
    m_anchor->setObjectName(u"source.anchorAttribute"_s);
    m_anchor->setEditable(true);
    m_anchor->setToolTip(tr("The attribute that ties each directory object to its cloud object for life: one "
                            "value, never changed, on every user and group in scope. It is fixed once the "
                            "first run has linked objects."));
    addRow(form, tr("Anchor attribute"), m_anchor, u"source.anchorAttribute"_s);
    connect(m_anchor, &QComboBox::currentTextChanged, this, [this] {
        m_touched.insert(u"source.anchorAttribute"_s);
        validate();
    });
    addPasswordHashRows(page, form);
    directoryTypeChanged();

    m_sourceCheck = new ConnectionCheckView(page);
    m_sourceCheck->setObjectName(u"sourceCheck"_s);
    m_sourceCheck->setTestFactory([this] {
        return connectionTest(u"source"_s, m_bindPassword,
                              [replicationPassword = m_replicationPassword->typedSecret()](
                                  const Configuration &config, const QByteArray &password) {
                                  return ConnectionTest::source(config.source, password,
                                                                config.passwordHashSync, replicationPassword);
                              });
    });
    form->addRow(m_sourceCheck);
    return page;
}

ConnectionCheckView::Test ConfigurationEditor::connectionTest(
    const QString &section, const SecretField *secret,
    const std::function<ConnectionReport(const Configuration &, const QByteArray &)> &test) const
{
    Configuration config;
    const QStringList problems = parsed({section}, config);
    if (!problems.isEmpty())
        return [problems] {
            return settingsProblem(tr("Settings"), problems);
        };
    const bool source = section == u"source"_s;
    const SecretReference reference = source ? config.source.bindPassword : config.target.token;
    const QString step = source ? tr("Password") : tr("Token");
    return [config, reference, step, typed = secret->typedSecret(), keyPath = secret->keyPath(), test] {
        QByteArray value;
        QString error;
        if ((reference.isSet() || !typed.isEmpty()) && !secretFor(typed, reference, keyPath, value, &error))
            return settingsProblem(step, {error});
        return test(config, value);
    };
}

QWidget *ConfigurationEditor::scopePage()
{
    auto *split = new QSplitter(Qt::Vertical, this);
    auto *page = new QWidget(split);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    m_scope = new ScopePicker(page);
    layout->addWidget(m_scope);
    auto *errors = new QWidget(page);
    auto *form = new QFormLayout(errors);
    form->setContentsMargins(0, 0, 0, 0);
    // Problems the engine finds in the scope (an OU outside the base DN, a filter it cannot parse) show here.
    auto *spacer = new QWidget(errors);
    spacer->setFixedHeight(0);
    addRow(form, QString(), spacer, u"scope"_s);
    layout->addWidget(errors);
    split->addWidget(page);
    m_impact = new ScopeImpactView(split);
    m_impact->setObjectName(u"scopeImpact"_s);
    m_impact->showMessage(tr("The scope's impact shows here once the directory can be read."));
    split->addWidget(m_impact);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);

    m_impactTimer = new QTimer(this);
    m_impactTimer->setSingleShot(true);
    m_impactTimer->setInterval(700);
    connect(m_impactTimer, &QTimer::timeout, this, &ConfigurationEditor::computeImpact);
    connect(m_scope, &ScopePicker::scopeChanged, this, [this] {
        m_touched.insert(u"scope"_s);
        validate();
        if (m_browsable)
            m_impactTimer->start();
    });
    auto *container = new QWidget(this);
    auto *outer = new QVBoxLayout(container);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(split);
    return container;
}

void ConfigurationEditor::connectScope()
{
    Configuration config;
    const QStringList problems = parsed({u"source"_s}, config);
    if (!problems.isEmpty()) {
        m_browsable = false;
        m_impact->showMessage(tr("Fill in the directory first: %1").arg(problems.join(u"; "_s)));
        return;
    }
    const QByteArray typed = m_bindPassword->typedSecret();
    const QByteArray signature =
        QJsonDocument(definition().value(u"source"_s).toObject()).toJson() + typed.toBase64();
    if (signature == m_browsedDirectory)
        return;
    m_browsedDirectory = signature;
    m_browsable = false;
    m_impact->showMessage(tr("Connecting to the directory…"));
    const int generation = ++m_impactGeneration;
    using Resolved = std::pair<QByteArray, QString>;
    auto *watcher = new QFutureWatcher<Resolved>(this);
    connect(watcher, &QFutureWatcher<Resolved>::finished, this, [this, watcher, generation, config] {
        watcher->deleteLater();
        if (generation != m_impactGeneration)
            return;
        const auto [password, error] = watcher->result();
        if (!error.isEmpty()) {
            m_browsedDirectory.clear();
            m_impact->showMessage(tr("Cannot browse the directory: %1").arg(error));
            return;
        }
        m_browsePassword = password;
        m_browsable = true;
        m_scope->setDirectory(config.source.ldapSettings(password), config.source.baseDn, config.source.type);
        m_mapping->setDirectory(config.source.ldapSettings(password), config.source.baseDn,
                                config.source.type, config.domain);
        computeImpact();
    });
    watcher->setFuture(QtConcurrent::run([typed, config]() -> Resolved {
        QByteArray password;
        QString error;
        if (!config.source.bindDn.isEmpty() &&
            !secretFor(typed, config.source.bindPassword, u"source.bindPassword"_s, password, &error))
            return {{}, error};
        return {password, {}};
    }));
}

void ConfigurationEditor::computeImpact()
{
    Configuration config;
    const QStringList problems = parsed({u"source"_s, u"scope"_s}, config);
    if (!problems.isEmpty()) {
        m_impact->showMessage(tr("The impact shows once the scope is valid: %1").arg(problems.join(u"; "_s)));
        return;
    }
    m_impact->showComputing();
    const int generation = ++m_impactGeneration;
    auto *watcher = new QFutureWatcher<ScopeImpact>(this);
    connect(watcher, &QFutureWatcher<ScopeImpact>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_impactGeneration)
            return;
        m_impact->showImpact(watcher->result());
        Q_EMIT scopeImpactReady(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(&ScopeImpact::compute, config, m_savedScope, config.scope,
                                         m_browsePassword, m_provisioned));
}

void ConfigurationEditor::load(const QJsonObject &d)
{
    Configuration defaults;
    const QJsonObject source = d.value(u"source"_s).toObject();
    const QJsonObject target = d.value(u"target"_s).toObject();
    const QJsonObject schedule = d.value(u"schedule"_s).toObject();
    const QJsonObject safety = d.value(u"safety"_s).toObject();
    m_name->setText(d.value(u"name"_s).toString());
    m_type->setCurrentIndex(std::max(0, m_type->findData(source.value(u"type"_s).toString(u"openldap"_s))));
    m_hashes->setChecked(d.value(u"passwordHashSync"_s).toObject().value(u"enabled"_s).toBool());
    m_scheduled->setChecked(schedule.value(u"enabled"_s).toBool(defaults.schedule.enabled));
    m_interval->setValue(schedule.value(u"intervalSeconds"_s).toInt(defaults.schedule.intervalSeconds));
    m_interval->setEnabled(m_scheduled->isChecked());
    m_deleteThreshold->setValue(safety.value(u"deleteThreshold"_s).toInt(defaults.safety.deleteThreshold));
    m_deletePercent->setValue(safety.value(u"deleteThresholdPercent"_s).toInt(0));

    m_url->setText(source.value(u"url"_s).toString());
    const bool ldaps = m_url->text().startsWith(u"ldaps:"_s, Qt::CaseInsensitive);
    m_security->setCurrentIndex(m_security->findData(ldaps                                  ? Ldaps
                                                     : source.value(u"startTls"_s).toBool() ? StartTls
                                                                                            : Plain));
    m_caFile->setText(source.value(u"caFile"_s).toString());
    m_verify->setChecked(source.value(u"verifyCertificate"_s).toBool(true));
    m_bindDn->setText(source.value(u"bindDn"_s).toString());
    directoryTypeChanged();
    if (const QString anchor = source.value(u"anchorAttribute"_s).toString(); !anchor.isEmpty())
        m_anchor->setCurrentText(anchor);
    SecretReference reference;
    QString ignored; // a malformed reference shows as the field's problem once validated
    SecretReference::fromJson(source.value(u"bindPassword"_s), reference, &ignored);
    m_bindPassword->setReference(reference);
    m_baseDn->setText(source.value(u"baseDn"_s).toString());
    loadPasswordHashes(source);

    loadTarget(target);

    const QJsonObject scope = d.value(u"scope"_s).toObject();
    const auto strings = [](const QJsonValue &v) {
        QStringList out;
        for (const QJsonValue &item : v.toArray())
            out.append(item.toString());
        return out;
    };
    m_mapping->setOverrides(d.value(u"mapping"_s).toObject());
    m_scope->setScope({strings(scope.value(u"organizationalUnits"_s)), strings(scope.value(u"groups"_s)),
                       scope.value(u"filter"_s).toString()});
}

// What the directory type decides in the form: the names a bind takes, and the anchor attributes offered.
void ConfigurationEditor::directoryTypeChanged()
{
    DirectoryType type = DirectoryType::OpenLdap;
    DirectoryTypes::fromKey(m_type->currentData().toString(), &type);
    const bool ad = type == DirectoryType::ActiveDirectory;
    if (m_hashMethod)
        updatePasswordHashRows();
    m_bindDn->setPlaceholderText(ad ? u"svc-updraft@corp.example.com"_s
                                    : u"cn=updraft,ou=Service Accounts,dc=corp,dc=example,dc=com"_s);
    m_bindDn->setToolTip(
        ad ? tr("A user principal name (svc-updraft@corp.example.com), a down-level logon name "
                "(CORP\\svc-updraft) or a distinguished name. Empty for an anonymous bind.")
           : tr("The distinguished name of the account. Empty for an anonymous bind."));
    const QString typed = m_anchor->currentText().trimmed();
    const QSignalBlocker blocker(m_anchor);
    m_anchor->clear();
    m_anchor->setEnabled(!ad);
    if (ad) {
        m_anchor->addItem(tr("ms-DS-ConsistencyGuid, else objectGUID"));
        return;
    }
    QStringList offered{DirectoryTypes::defaultAnchorAttribute(type)};
    if (type == DirectoryType::Dirsrv)
        offered << u"entryUUID"_s;
    m_anchor->addItems(offered);
    // An attribute typed for another type of LDAP directory stays.
    const bool wasDefault = typed.isEmpty() || typed.contains(u' ') ||
                            typed.compare(u"entryUUID"_s, Qt::CaseInsensitive) == 0 ||
                            typed.compare(u"nsUniqueId"_s, Qt::CaseInsensitive) == 0;
    m_anchor->setCurrentText(wasDefault ? offered.first() : typed);
}

void ConfigurationEditor::securityChanged()
{
    QUrl url = QUrl::fromUserInput(m_url->text());
    const int security = m_security->currentData().toInt();
    if (url.isValid() && !m_url->text().isEmpty() && url.scheme() != u"ldapi"_s) {
        const bool wasLdaps = url.scheme() == u"ldaps"_s;
        url.setScheme(security == Ldaps ? u"ldaps"_s : u"ldap"_s);
        if (wasLdaps != (security == Ldaps) && url.port() == (wasLdaps ? 636 : 389))
            url.setPort(security == Ldaps ? 636 : 389);
        m_url->setText(url.toString());
    }
    m_touched.insert(u"source.url"_s);
    validate();
}

QStringList ConfigurationEditor::parsed(const QStringList &sections, Configuration &config) const
{
    QStringList problems;
    Configuration::fromJson(definition(), config, &problems);
    problems.removeIf([&](const QString &problem) {
        return std::none_of(sections.cbegin(), sections.cend(), [&](const QString &section) {
            return problem.startsWith(section + u'.') || problem.startsWith(section + u'[') ||
                   problem.startsWith(section + u':');
        });
    });
    return problems;
}

QString ConfigurationEditor::name() const
{
    return m_name->text().trimmed();
}

QJsonObject ConfigurationEditor::definition() const
{
    QJsonObject d = m_original;
    d.insert(u"name"_s, name());
    if (m_mode == Mode::Duplicate)
        d.remove(u"domain"_s);

    QJsonObject source = d.value(u"source"_s).toObject();
    source.insert(u"type"_s, m_type->currentData().toString());
    QString url = m_url->text().trimmed();
    const int security = m_security->currentData().toInt();
    source.insert(u"url"_s, url);
    if (security == StartTls)
        source.insert(u"startTls"_s, true);
    else
        source.remove(u"startTls"_s);
    const auto setText = [](QJsonObject &o, const QString &key, const QString &value) {
        if (value.trimmed().isEmpty())
            o.remove(key);
        else
            o.insert(key, value.trimmed());
    };
    setText(source, u"caFile"_s, m_caFile->text());
    if (m_verify->isChecked())
        source.remove(u"verifyCertificate"_s);
    else
        source.insert(u"verifyCertificate"_s, false);
    setText(source, u"bindDn"_s, m_bindDn->text());
    DirectoryType type = DirectoryType::OpenLdap;
    DirectoryTypes::fromKey(m_type->currentData().toString(), &type);
    // The type's own anchor is left implicit, so that the file says only what was chosen.
    const QString anchor = m_anchor->currentText().trimmed();
    if (type == DirectoryType::ActiveDirectory || anchor.isEmpty() ||
        anchor.compare(DirectoryTypes::defaultAnchorAttribute(type), Qt::CaseInsensitive) == 0)
        source.remove(u"anchorAttribute"_s);
    else
        source.insert(u"anchorAttribute"_s, anchor);
    const SecretReference password = m_bindPassword->reference(name());
    if (password.isSet())
        source.insert(u"bindPassword"_s, password.toJson());
    else
        source.remove(u"bindPassword"_s);
    source.insert(u"baseDn"_s, m_baseDn->text().trimmed());
    savePasswordHashes(source);
    d.insert(u"source"_s, source);
    const Scope scope = m_scope->scope();
    QJsonObject scopeJson{{u"organizationalUnits"_s, QJsonArray::fromStringList(scope.organizationalUnits)},
                          {u"groups"_s, QJsonArray::fromStringList(scope.groups)}};
    if (!scope.filter.trimmed().isEmpty())
        scopeJson.insert(u"filter"_s, scope.filter.trimmed());
    d.insert(u"scope"_s, scopeJson);

    d.insert(u"target"_s, targetDefinition(d.value(u"target"_s).toObject()));

    QJsonObject schedule = d.value(u"schedule"_s).toObject();
    schedule.insert(u"enabled"_s, m_scheduled->isChecked());
    schedule.insert(u"intervalSeconds"_s, m_interval->value());
    d.insert(u"schedule"_s, schedule);
    QJsonObject safety = d.value(u"safety"_s).toObject();
    safety.insert(u"deleteThreshold"_s, m_deleteThreshold->value());
    safety.insert(u"deleteThresholdPercent"_s, m_deletePercent->value());
    d.insert(u"safety"_s, safety);
    if (const QJsonObject mapping = m_mapping->overrides(); mapping.isEmpty())
        d.remove(u"mapping"_s);
    else
        d.insert(u"mapping"_s, mapping);
    QJsonObject hashes = d.value(u"passwordHashSync"_s).toObject();
    hashes.insert(u"enabled"_s, m_hashes->isChecked());
    d.insert(u"passwordHashSync"_s, hashes);
    return d;
}

void ConfigurationEditor::validate()
{
    Configuration config;
    Configuration::fromJson(definition(), config, &m_problems);
    if (m_mode != Mode::Edit && !name().isEmpty() && m_existingNames.contains(name(), Qt::CaseInsensitive))
        m_problems.prepend(
            u"name: a configuration named \"%1\" exists already; edit it, or name this one after "
            u"its own domain"_s.arg(name()));
    for (QLabel *label : std::as_const(m_errorLabels)) {
        label->clear();
        label->parentWidget()->setVisible(false);
    }
    QStringList unplaced;
    int hidden = 0;
    for (const QString &problem : std::as_const(m_problems)) {
        const QString path = problem.section(u": "_s, 0, 0);
        const QString message = problem.section(u": "_s, 1);
        QString field;
        for (auto it = m_errorLabels.cbegin(); it != m_errorLabels.cend(); ++it)
            if ((path == it.key() || path.startsWith(it.key() + u'.') || path.startsWith(it.key() + u'[')) &&
                it.key().size() > field.size())
                field = it.key();
        if (field.isEmpty()) {
            unplaced.append(problem);
            continue;
        }
        if (!m_showAll && !m_touched.contains(field)) {
            ++hidden;
            continue;
        }
        QLabel *label = m_errorLabels.value(field);
        label->setText(label->text().isEmpty() ? message : label->text() + u'\n' + message);
        label->parentWidget()->setVisible(true);
    }
    if (!unplaced.isEmpty())
        m_status->setText(unplaced.join(u'\n'));
    else if (hidden > 0)
        m_status->setText(tr("%n field(s) still to fill in or correct.", nullptr, hidden));
    else
        m_status->setText(m_problems.isEmpty() ? tr("Ready to save.") : QString());
    m_sourceCheck->clear();
    m_targetCheck->clear();
}

void ConfigurationEditor::setBusy(bool busy, const QString &text)
{
    m_saving = busy;
    m_tabs->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(!busy);
    if (!text.isEmpty())
        m_status->setText(text);
}

void ConfigurationEditor::accept()
{
    if (m_saving)
        return;
    m_showAll = true;
    validate();
    if (!m_problems.isEmpty()) {
        // The first tab with a problem comes forward.
        for (int i = 0; i < m_tabs->count(); ++i)
            for (QLabel *label : m_tabs->widget(i)->findChildren<QLabel *>())
                if (m_errorLabels.values().contains(label) && !label->text().isEmpty()) {
                    m_tabs->setCurrentIndex(i);
                    return;
                }
        return;
    }
    QList<std::pair<QString, QByteArray>> secrets;
    for (const SecretField *field : {static_cast<const SecretField *>(m_bindPassword), targetSecret(),
                                     static_cast<const SecretField *>(m_replicationPassword)})
        if (!field->typedSecret().isEmpty())
            secrets.append({field->reference(name()).name, field->typedSecret()});
    if (secrets.isEmpty()) {
        finishSave({});
        return;
    }
    setBusy(true, tr("Storing the secrets in the keychain…"));
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        watcher->deleteLater();
        finishSave(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([secrets] {
        QString error;
        for (const auto &[key, secret] : secrets)
            if (!Keychain::write(key, secret, &error))
                return error;
        return QString();
    }));
}

void ConfigurationEditor::finishSave(const QString &keychainError)
{
    setBusy(false);
    if (!keychainError.isEmpty()) {
        m_status->setText(keychainError);
        return;
    }
    QString error;
    if (!m_save(definition(), &error)) {
        m_status->setText(error);
        return;
    }
    Q_EMIT saved(name());
    QDialog::accept();
}

} // namespace Updraft
