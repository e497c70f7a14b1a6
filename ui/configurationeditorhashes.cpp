// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ConfigurationEditor: where an Active Directory source's password hashes come from (source.passwordHashes).
#include "configurationeditor.h"

#include "secretfield.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

void ConfigurationEditor::addPasswordHashRows(QWidget *page, QFormLayout *form)
{
    m_directoryForm = form;
    m_hashMethod = new QComboBox(page);
    m_hashMethod->setObjectName(u"source.passwordHashes.method"_s);
    m_hashMethod->addItem(tr("Read over LDAP (Updraft on a Samba domain controller)"), u"directory"_s);
    m_hashMethod->addItem(tr("Replicate from a domain controller (MS-DRSR)"), u"replication"_s);
    m_hashMethod->setToolTip(tr(
        "Windows domain controllers give NT hashes only by replication, as Entra Connect reads them: to an "
        "account granted \"Replicating Directory Changes\" and \"Replicating Directory Changes All\" on the "
        "domain. Test connection checks both."));
    addRow(form, tr("Password hashes"), m_hashMethod, u"source.passwordHashes.method"_s);
    m_replicationAccount = new QLineEdit(page);
    m_replicationAccount->setObjectName(u"source.passwordHashes.account"_s);
    m_replicationAccount->setPlaceholderText(
        tr("empty: the bind account; or svc-replication@corp.example.com"));
    addRow(form, tr("Replication account"), m_replicationAccount, u"source.passwordHashes.account"_s);
    m_replicationPassword = new SecretField(u"source.passwordHashes.password"_s, tr("password"), page);
    addRow(form, tr("Its password"), m_replicationPassword, u"source.passwordHashes.password"_s);
    m_replicationServer = new QLineEdit(page);
    m_replicationServer->setObjectName(u"source.passwordHashes.server"_s);
    m_replicationServer->setPlaceholderText(tr("empty: the directory's host"));
    m_replicationServer->setToolTip(
        tr("The domain controller's name. Kerberos needs a name: where the directory "
           "is given by its address, its name goes here."));
    addRow(form, tr("Domain controller"), m_replicationServer, u"source.passwordHashes.server"_s);
    connect(m_hashMethod, &QComboBox::currentIndexChanged, this,
            &ConfigurationEditor::updatePasswordHashRows);
    connect(m_hashes, &QCheckBox::toggled, this, &ConfigurationEditor::updatePasswordHashRows);
}

void ConfigurationEditor::updatePasswordHashRows()
{
    const bool ad = m_type->currentData().toString() == DirectoryTypes::key(DirectoryType::ActiveDirectory);
    const bool hashes = m_hashes->isChecked();
    if (!ad && m_hashMethod->currentIndex() != 0)
        m_hashMethod->setCurrentIndex(0); // replication is Active Directory's
    m_hashMethod->setEnabled(ad && hashes);
    const bool replication = ad && m_hashMethod->currentData().toString() == u"replication"_s;
    // Shown only where they apply: the method for Active Directory, the account for replication. Each field
    // sits in its row's box (addRow), which is what the form knows.
    m_directoryForm->setRowVisible(m_hashMethod->parentWidget(), ad);
    for (QWidget *field :
         {static_cast<QWidget *>(m_replicationAccount), static_cast<QWidget *>(m_replicationPassword),
          static_cast<QWidget *>(m_replicationServer)}) {
        m_directoryForm->setRowVisible(field->parentWidget(), replication);
        field->setEnabled(hashes);
    }
}

void ConfigurationEditor::loadPasswordHashes(const QJsonObject &source)
{
    const QJsonObject hashes = source.value(u"passwordHashes"_s).toObject();
    m_hashMethod->setCurrentIndex(
        std::max(0, m_hashMethod->findData(hashes.value(u"method"_s).toString(u"directory"_s))));
    m_replicationAccount->setText(hashes.value(u"account"_s).toString());
    SecretReference reference;
    QString ignored; // a malformed reference shows as the field's problem once validated
    SecretReference::fromJson(hashes.value(u"password"_s), reference, &ignored);
    m_replicationPassword->setReference(reference);
    m_replicationServer->setText(hashes.value(u"server"_s).toString());
    updatePasswordHashRows();
}

void ConfigurationEditor::savePasswordHashes(QJsonObject &source) const
{
    if (m_hashMethod->currentData().toString() != u"replication"_s) {
        source.remove(u"passwordHashes"_s);
        return;
    }
    QJsonObject hashes{{u"method"_s, u"replication"_s}};
    if (const QString account = m_replicationAccount->text().trimmed(); !account.isEmpty()) {
        hashes.insert(u"account"_s, account);
        if (const SecretReference password = m_replicationPassword->reference(name()); password.isSet())
            hashes.insert(u"password"_s, password.toJson());
    }
    if (const QString server = m_replicationServer->text().trimmed(); !server.isEmpty())
        hashes.insert(u"server"_s, server);
    source.insert(u"passwordHashes"_s, hashes);
}

} // namespace Updraft
