// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/records.h"

#include <QHash>
#include <QObject>

class QSystemTrayIcon;
class QMenu;

namespace Updraft {

// Says what the admin must not miss, on the desktop: a run that failed, a run a guard stopped, a
// configuration that entered quarantine. Shows the overall state as a tray icon where the desktop has a tray.
class Notifier : public QObject
{
    Q_OBJECT
public:
    explicit Notifier(QObject *parent = nullptr);
    ~Notifier() override;

    // Shows the tray icon, when the platform has a tray, with this menu. False if it has none.
    bool showTrayIcon(QMenu *menu);

    void runFinished(const RunRecord &record);
    void quarantineChanged(const QString &name, bool quarantined, const QString &reason);

    // "ok", "warning" or "error", from the configurations' last runs and quarantines.
    QString overallState() const;

Q_SIGNALS:
    // Emitted for every notification, tray or not (the status bar shows it too).
    void notified(const QString &title, const QString &text, bool critical);
    void trayActivated();

private:
    void notify(const QString &title, const QString &text, bool critical);
    void updateTray();

    QHash<QString, QString> m_states; // configuration -> "ok" | "warning" | "error"
    QSystemTrayIcon *m_tray = nullptr;
};

} // namespace Updraft
