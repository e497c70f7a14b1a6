// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ConfigurationEditor: the Cloud tab, a SCIM 2.0 service or Microsoft Entra ID (API-driven inbound
// provisioning).
#include "configurationeditor.h"

#include "connectioncheckview.h"
#include "mappingeditor.h"
#include "secretfield.h"

#include "config/configuration.h"
#include "sync/connectiontest.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {
const QString Scim = u"scim"_s;
const QString EntraInbound = u"entra-inbound"_s;
enum Credential { ClientSecret, Certificate };
} // namespace

QWidget *ConfigurationEditor::cloudPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *kind = new QFormLayout;
    m_targetType = new QComboBox(page);
    m_targetType->setObjectName(u"target.type"_s);
    m_targetType->addItem(tr("A SCIM 2.0 service"), Scim);
    m_targetType->addItem(tr("Microsoft Entra ID (API-driven inbound provisioning)"), EntraInbound);
    kind->addRow(tr("Cloud directory"), m_targetType);
    layout->addLayout(kind);
    m_cloudForms = new QStackedWidget(page);
    m_cloudForms->addWidget(scimForm(m_cloudForms));
    m_cloudForms->addWidget(entraForm(m_cloudForms));
    layout->addWidget(m_cloudForms);
    m_targetCheck = new ConnectionCheckView(page);
    m_targetCheck->setObjectName(u"targetCheck"_s);
    m_targetCheck->setTestFactory([this] {
        return connectionTest(u"target"_s, targetSecret(),
                              [](const Configuration &config, const QByteArray &secret) {
                                  return ConnectionTest::target(config.target, secret);
                              });
    });
    layout->addWidget(m_targetCheck, 1);
    connect(m_targetType, &QComboBox::activated, this, [this] {
        m_touched.insert(u"target"_s);
        targetTypeChanged();
        validate();
    });
    return page;
}

QWidget *ConfigurationEditor::scimForm(QWidget *parent)
{
    auto *form = new QWidget(parent);
    auto *rows = new QFormLayout(form);
    rows->setContentsMargins(0, 0, 0, 0);
    m_targetUrl = new QLineEdit(form);
    m_targetUrl->setObjectName(u"target.url"_s);
    m_targetUrl->setPlaceholderText(u"https://scim.example.net/scim/v2"_s);
    addRow(rows, tr("SCIM base URL"), m_targetUrl, u"target.url"_s);
    m_token = new SecretField(u"target.token"_s, tr("token"), form);
    addRow(rows, tr("Bearer token"), m_token, u"target.token"_s);
    m_softMatch = new QCheckBox(tr("Adopt a cloud user with the same user name on first sight"), form);
    m_softMatch->setObjectName(u"target.softMatch"_s);
    addRow(rows, tr("Soft match"), m_softMatch, u"target.softMatch"_s);
    addRow(rows, tr("CA certificate"), caFileRow(m_targetCaFile, u"target.caFile"_s, form),
           u"target.caFile"_s);
    return form;
}

QWidget *ConfigurationEditor::entraForm(QWidget *parent)
{
    auto *form = new QWidget(parent);
    auto *rows = new QFormLayout(form);
    rows->setContentsMargins(0, 0, 0, 0);
    auto *about = new QLabel(
        tr("Users go to the provisioning job of an \"API-driven provisioning to Microsoft Entra ID\" app, 50 "
           "to "
           "a request; Entra reports each user's outcome in its provisioning logs, shown with the run that "
           "sent "
           "the user. Users only: groups and password hashes are not provisioned this way, and a user who "
           "leaves the scope is disabled, not deleted. The app registration needs "
           "SynchronizationData-User.Upload and ProvisioningLog.Read.All (and Synchronization.Read.All to "
           "see "
           "a paused or quarantined job)."),
        form);
    about->setWordWrap(true);
    rows->addRow(about);
    const auto line = [&](QLineEdit *&edit, const QString &key, const QString &label, const QString &hint) {
        edit = new QLineEdit(form);
        edit->setObjectName(u"target."_s + key);
        edit->setPlaceholderText(hint);
        addRow(rows, label, edit, u"target."_s + key);
    };
    line(m_entraTenant, u"tenant"_s, tr("Tenant"), tr("tenant id, or a verified domain"));
    line(m_entraClient, u"clientId"_s, tr("Application (client) id"), tr("of the app registration"));
    m_entraCredential = new QComboBox(form);
    m_entraCredential->setObjectName(u"target.credential"_s);
    m_entraCredential->addItem(tr("Certificate (recommended)"), Certificate);
    m_entraCredential->addItem(tr("Client secret"), ClientSecret);
    rows->addRow(tr("Sign in with"), m_entraCredential);
    line(m_entraCertificate, u"certificate"_s, tr("Certificate (PEM file)"),
         tr("uploaded to the app registration, e.g. /etc/updraft/entra.crt"));
    m_entraKey = new SecretField(u"target.privateKey"_s, tr("private key (PEM)"), form);
    addRow(rows, tr("Private key"), m_entraKey, u"target.privateKey"_s);
    m_entraSecret = new SecretField(u"target.clientSecret"_s, tr("client secret"), form);
    addRow(rows, tr("Client secret"), m_entraSecret, u"target.clientSecret"_s);
    line(m_entraServicePrincipal, u"servicePrincipalId"_s, tr("Service principal id"),
         tr("the provisioning app's object id"));
    line(m_entraJob, u"jobId"_s, tr("Provisioning job id"), u"API2AAD.…"_s);
    line(m_entraAuthority, u"authority"_s, tr("Sign-in authority"), u"https://login.microsoftonline.com"_s);
    line(m_entraGraph, u"graph"_s, tr("Microsoft Graph"), u"https://graph.microsoft.com"_s);
    connect(m_entraCredential, &QComboBox::activated, this, [this] {
        m_touched.insert(u"target"_s);
        targetTypeChanged();
        validate();
    });
    return form;
}

bool ConfigurationEditor::entraChosen() const
{
    return m_targetType->currentData().toString() == EntraInbound;
}

const SecretField *ConfigurationEditor::targetSecret() const
{
    if (!entraChosen())
        return m_token;
    return m_entraCredential->currentData().toInt() == Certificate ? m_entraKey : m_entraSecret;
}

// The form follows the choice; password hash sync says why it is off for Entra.
void ConfigurationEditor::targetTypeChanged()
{
    const bool entra = entraChosen();
    m_cloudForms->setCurrentIndex(entra ? 1 : 0);
    if (m_mapping)
        m_mapping->setTargetType(m_targetType->currentData().toString());
    const bool certificate = m_entraCredential->currentData().toInt() == Certificate;
    // Each field sits in a box of its own with its problems (addRow): the box is the row's field.
    if (auto *rows = qobject_cast<QFormLayout *>(m_entraSecret->parentWidget()->parentWidget()->layout())) {
        rows->setRowVisible(m_entraCertificate->parentWidget(), certificate);
        rows->setRowVisible(m_entraKey->parentWidget(), certificate);
        rows->setRowVisible(m_entraSecret->parentWidget(), !certificate);
    }
    if (entra)
        m_hashes->setChecked(false);
    m_hashes->setEnabled(!entra);
    m_hashes->setToolTip(entra
                             ? tr("Entra's inbound provisioning takes no password hashes: users of this "
                                  "configuration sign in as Entra ID decides (e.g. a temporary access pass).")
                             : tr("Users can then sign in to the cloud with their directory password. A user "
                                  "who must change the password at next logon gets no hash until they "
                                  "have."));
}

void ConfigurationEditor::loadTarget(const QJsonObject &target)
{
    Configuration defaults;
    const auto secret = [&](const QString &key, SecretField *field) {
        SecretReference reference;
        QString ignored; // a malformed reference shows as the field's problem once validated
        SecretReference::fromJson(target.value(key), reference, &ignored);
        field->setReference(reference);
    };
    const bool entra = target.value(u"type"_s).toString() == EntraInbound;
    m_targetType->setCurrentIndex(entra ? 1 : 0);
    if (entra) {
        m_entraTenant->setText(target.value(u"tenant"_s).toString());
        m_entraClient->setText(target.value(u"clientId"_s).toString());
        m_entraServicePrincipal->setText(target.value(u"servicePrincipalId"_s).toString());
        m_entraJob->setText(target.value(u"jobId"_s).toString());
        m_entraAuthority->setText(target.value(u"authority"_s).toString());
        m_entraGraph->setText(target.value(u"graph"_s).toString());
        m_entraCertificate->setText(target.value(u"certificate"_s).toString());
        m_entraCredential->setCurrentIndex(target.contains(u"clientSecret"_s) ? 1 : 0);
        secret(u"clientSecret"_s, m_entraSecret);
        secret(u"privateKey"_s, m_entraKey);
    } else {
        m_targetUrl->setText(target.value(u"url"_s).toString());
        secret(u"token"_s, m_token);
        m_softMatch->setChecked(target.value(u"softMatch"_s).toBool(defaults.target.softMatch));
        m_targetCaFile->setText(target.value(u"caFile"_s).toString());
    }
    targetTypeChanged();
}

QJsonObject ConfigurationEditor::targetDefinition(QJsonObject target) const
{
    const auto setText = [&](const QString &key, const QLineEdit *edit) {
        if (edit->text().trimmed().isEmpty())
            target.remove(key);
        else
            target.insert(key, edit->text().trimmed());
    };
    const auto setSecret = [&](const QString &key, const SecretField *field) {
        const SecretReference reference = field->reference(name());
        if (reference.isSet())
            target.insert(key, reference.toJson());
        else
            target.remove(key);
    };
    if (!entraChosen()) {
        for (const QString &key : {u"tenant"_s, u"clientId"_s, u"clientSecret"_s, u"certificate"_s,
                                   u"privateKey"_s, u"servicePrincipalId"_s, u"jobId"_s, u"authority"_s,
                                   u"graph"_s, u"callsPerWindow"_s, u"windowSeconds"_s, u"dailyCallLimit"_s})
            target.remove(key);
        target.insert(u"type"_s, Scim);
        target.insert(u"url"_s, m_targetUrl->text().trimmed());
        setSecret(u"token"_s, m_token);
        target.insert(u"softMatch"_s, m_softMatch->isChecked());
        setText(u"caFile"_s, m_targetCaFile);
        return target;
    }
    for (const QString &key :
         {u"url"_s, u"token"_s, u"softMatch"_s, u"nestedGroups"_s, u"maxInFlight"_s, u"caFile"_s})
        target.remove(key);
    target.insert(u"type"_s, EntraInbound);
    setText(u"tenant"_s, m_entraTenant);
    setText(u"clientId"_s, m_entraClient);
    setText(u"servicePrincipalId"_s, m_entraServicePrincipal);
    setText(u"jobId"_s, m_entraJob);
    setText(u"authority"_s, m_entraAuthority);
    setText(u"graph"_s, m_entraGraph);
    if (m_entraCredential->currentData().toInt() == Certificate) {
        target.remove(u"clientSecret"_s);
        setText(u"certificate"_s, m_entraCertificate);
        setSecret(u"privateKey"_s, m_entraKey);
    } else {
        target.remove(u"certificate"_s);
        target.remove(u"privateKey"_s);
        setSecret(u"clientSecret"_s, m_entraSecret);
    }
    return target;
}

} // namespace Updraft
