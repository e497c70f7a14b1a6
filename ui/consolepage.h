// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QWidget;

namespace Updraft {

// One page of the console's window, registered once (MainWindow::addPage). From the list of pages the window
// makes its navigation, the View menu with Ctrl+1…9, the page it remembers between sessions, the names
// `updraft --page` takes and the screenshots. The page's widget reloads itself from the controller's models.
struct ConsolePage {
    QString key;   // "runs": `updraft --page runs`, the remembered page, docs/screenshots/runs.png
    QString title; // in the navigation and the View menu
    QString icon;  // a freedesktop icon name (Icons::get)
    QWidget *widget = nullptr;
};

} // namespace Updraft
