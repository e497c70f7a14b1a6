// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "notifier.h"

#include "format.h"
#include "statusicon.h"

#include <QMenu>
#include <QSystemTrayIcon>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

Notifier::Notifier(QObject *parent)
    : QObject(parent)
{}

Notifier::~Notifier() = default;

bool Notifier::showTrayIcon(QMenu *menu)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return false;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(this);
        m_tray->setContextMenu(menu);
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                Q_EMIT trayActivated();
        });
    }
    updateTray();
    m_tray->show();
    return true;
}

void Notifier::runFinished(const RunRecord &r)
{
    const QString &name = r.configurationName;
    const int failedObjects = r.users.failed + r.groups.failed;
    if (r.status == u"failed"_s) {
        m_states.insert(name, u"error"_s);
        notify(tr("%1: the run failed").arg(name), r.message, true);
    } else if (r.status == u"stopped"_s) {
        m_states.insert(name, u"error"_s);
        notify(tr("%1: stopped by the delete guard").arg(name), r.message, true);
    } else if (failedObjects > 0) {
        m_states.insert(name, u"warning"_s);
    } else if (r.status == u"success"_s || r.status == u"warning"_s) {
        if (m_states.value(name) != u"quarantined"_s)
            m_states.insert(name, r.status == u"success"_s ? u"ok"_s : u"warning"_s);
    }
    updateTray();
}

void Notifier::quarantineChanged(const QString &name, bool quarantined, const QString &reason)
{
    if (quarantined) {
        m_states.insert(name, u"quarantined"_s);
        notify(tr("%1 is quarantined").arg(name),
               tr("Its runs keep failing, so they are spaced out until one succeeds. %1").arg(reason), true);
    } else {
        m_states.insert(name, u"ok"_s);
        notify(tr("%1 is out of quarantine").arg(name), tr("A run succeeded again."), false);
    }
    updateTray();
}

QString Notifier::overallState() const
{
    QString worst = u"ok"_s;
    for (const QString &s : m_states) {
        if (s == u"error"_s || s == u"quarantined"_s)
            return u"error"_s;
        if (s == u"warning"_s)
            worst = s;
    }
    return worst;
}

void Notifier::notify(const QString &title, const QString &text, bool critical)
{
    Q_EMIT notified(title, text, critical);
    if (m_tray && m_tray->isVisible() && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, text, critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Information);
}

void Notifier::updateTray()
{
    if (!m_tray)
        return;
    const QString state = overallState();
    m_tray->setIcon(StatusIcon::dot(state == u"ok"_s        ? u"healthy"_s
                                    : state == u"warning"_s ? u"warnings"_s
                                                            : u"errors"_s));
    m_tray->setToolTip(state == u"ok"_s        ? tr("Updraft: every configuration is healthy")
                       : state == u"warning"_s ? tr("Updraft: some objects could not be written")
                                               : tr("Updraft: a configuration needs attention"));
}

} // namespace Updraft
