// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "removeconfigurationdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace Updraft {

RemoveConfigurationDialog::RemoveConfigurationDialog(const QString &name, int cloudObjects, QWidget *parent)
    : QDialog(parent)
    , m_objects(cloudObjects)
{
    setWindowTitle(tr("Remove %1").arg(name));
    auto *intro =
        new QLabel(tr("%1 provisioned %n object(s) in the cloud directory. What should happen to them?",
                      nullptr, cloudObjects)
                       .arg(name),
                   this);
    intro->setWordWrap(true);
    m_keep = new QRadioButton(tr("Keep them (recommended)"), this);
    auto *keepText =
        new QLabel(tr("The configuration and its history go; the cloud objects stay as they are and nothing "
                      "updates them any more. Another configuration may adopt them later."),
                   this);
    m_delete = new QRadioButton(tr("Delete them first"), this);
    auto *deleteText =
        new QLabel(tr("A run with nothing in scope deletes exactly the objects this configuration "
                      "provisioned, through its delete threshold (more than the threshold wait for your "
                      "approval). The configuration is removed only when none of them is left; objects "
                      "of other configurations are never touched."),
                   this);
    for (QLabel *l : {keepText, deleteText}) {
        l->setWordWrap(true);
        l->setIndent(24);
        l->setForegroundRole(QPalette::PlaceholderText);
    }
    m_keep->setChecked(true);
    auto *buttons = new QDialogButtonBox(this);
    m_remove = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_keep, &QRadioButton::toggled, this, &RemoveConfigurationDialog::update);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_keep);
    layout->addWidget(keepText);
    layout->addWidget(m_delete);
    layout->addWidget(deleteText);
    layout->addWidget(buttons);
    update();
}

bool RemoveConfigurationDialog::deprovision() const
{
    return m_delete->isChecked();
}

void RemoveConfigurationDialog::setDeprovision(bool deprovision)
{
    (deprovision ? m_delete : m_keep)->setChecked(true);
}

void RemoveConfigurationDialog::update()
{
    m_remove->setText(deprovision() ? tr("Delete %n object(s) and remove", nullptr, m_objects)
                                    : tr("Remove, keep %n object(s)", nullptr, m_objects));
}

} // namespace Updraft
