// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QPushButton;
class QRadioButton;

namespace Updraft {

// Removing a configuration, explained: by default its cloud objects stay (as the seed system does); or they
// are deleted first, exactly those and through the delete threshold, and the configuration goes only when
// none is left.
class RemoveConfigurationDialog : public QDialog
{
    Q_OBJECT
public:
    RemoveConfigurationDialog(const QString &name, int cloudObjects, QWidget *parent = nullptr);

    bool deprovision() const;
    void setDeprovision(bool deprovision);
    QPushButton *removeButton() const { return m_remove; }

private:
    void update();

    int m_objects = 0;
    QRadioButton *m_keep = nullptr;
    QRadioButton *m_delete = nullptr;
    QPushButton *m_remove = nullptr;
};

} // namespace Updraft
