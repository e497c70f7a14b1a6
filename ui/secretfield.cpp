// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "secretfield.h"

#include "config/keychain.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

SecretField::SecretField(QString keyPath, const QString &what, QWidget *parent)
    : QWidget(parent)
    , m_keyPath(std::move(keyPath))
{
    m_storage = new QComboBox(this);
    m_storage->setObjectName(m_keyPath + u".storage"_s);
    m_storage->addItem(tr("Keychain"), int(Storage::Keychain));
    m_storage->addItem(tr("Environment variable"), int(Storage::Environment));
    m_storage->addItem(tr("File"), int(Storage::File));
    m_storage->setToolTip(
        tr("Where the %1 is kept. The configuration holds only where, never the %1.").arg(what));
    m_input = new QLineEdit(this);
    m_input->setObjectName(m_keyPath);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_note->setVisible(false);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_input, 1);
    row->addWidget(m_storage);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_note);

    connect(m_storage, &QComboBox::currentIndexChanged, this, [this] {
        m_input->clear();
        updateInput();
        Q_EMIT changed();
    });
    connect(m_input, &QLineEdit::textChanged, this, &SecretField::changed);
    updateInput();
}

void SecretField::setReference(const SecretReference &reference)
{
    m_existing = reference;
    const QSignalBlocker block(m_storage);
    switch (reference.kind) {
    case SecretReference::Kind::Environment:
        m_storage->setCurrentIndex(m_storage->findData(int(Storage::Environment)));
        break;
    case SecretReference::Kind::File:
        m_storage->setCurrentIndex(m_storage->findData(int(Storage::File)));
        break;
    case SecretReference::Kind::Keychain:
    case SecretReference::Kind::None:
        m_storage->setCurrentIndex(m_storage->findData(int(Storage::Keychain)));
        break;
    }
    updateInput();
    if (reference.kind == SecretReference::Kind::Environment || reference.kind == SecretReference::Kind::File)
        m_input->setText(reference.name);
    else
        m_input->clear();
}

void SecretField::setKeychainAvailable(bool available, const QString &why)
{
    auto *items = qobject_cast<QStandardItemModel *>(m_storage->model());
    if (QStandardItem *item = items ? items->item(m_storage->findData(int(Storage::Keychain))) : nullptr) {
        item->setEnabled(available);
        item->setToolTip(available ? QString() : why);
    }
    m_note->setText(available ? QString() : why);
    m_note->setVisible(!available);
    if (!available && storage() == Storage::Keychain && m_existing.kind != SecretReference::Kind::Keychain)
        setStorage(Storage::Environment);
}

void SecretField::setStorage(Storage storage)
{
    m_storage->setCurrentIndex(m_storage->findData(int(storage)));
}

SecretField::Storage SecretField::storage() const
{
    return Storage(m_storage->currentData().toInt());
}

void SecretField::updateInput()
{
    switch (storage()) {
    case Storage::Keychain:
        m_input->setEchoMode(QLineEdit::Password);
        m_input->setPlaceholderText(m_existing.kind == SecretReference::Kind::Keychain
                                        ? tr("Kept in the keychain; type to replace it")
                                        : QString());
        break;
    case Storage::Environment:
        m_input->setEchoMode(QLineEdit::Normal);
        m_input->setPlaceholderText(tr("Name of the variable, e.g. UPDRAFT_BIND_PASSWORD"));
        break;
    case Storage::File:
        m_input->setEchoMode(QLineEdit::Normal);
        m_input->setPlaceholderText(tr("Path of a file only its owner can read (mode 0600)"));
        break;
    }
}

SecretReference SecretField::reference(const QString &configurationName) const
{
    const QString text = m_input->text().trimmed();
    switch (storage()) {
    case Storage::Keychain:
        if (!text.isEmpty() || m_existing.kind != SecretReference::Kind::Keychain)
            return text.isEmpty() ? SecretReference{}
                                  : SecretReference{SecretReference::Kind::Keychain,
                                                    Keychain::keyFor(configurationName, m_keyPath)};
        return m_existing;
    case Storage::Environment:
        return text.isEmpty() ? SecretReference{} : SecretReference{SecretReference::Kind::Environment, text};
    case Storage::File:
        return text.isEmpty() ? SecretReference{} : SecretReference{SecretReference::Kind::File, text};
    }
    return {};
}

QByteArray SecretField::typedSecret() const
{
    return storage() == Storage::Keychain ? m_input->text().toUtf8() : QByteArray();
}

bool SecretField::isSet() const
{
    return reference(u"-"_s).isSet();
}

} // namespace Updraft
