// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The console's appearance: the desktop's own, or a light or dark palette of Qt's Fusion style for desktops
// that give none (a bare X session, a server's remote desktop). Chosen in View ▸ Appearance or with --theme;
// saved.
#pragma once

#include <QString>
#include <QStringList>

namespace Updraft::Theme {

enum class Choice { System, Light, Dark };

QStringList keys(); // "system", "light", "dark"
QString key(Choice choice);
bool fromKey(const QString &key, Choice *choice);
QString title(Choice choice); // translated, for the menu

// Applies a choice to the running application; the first call remembers the desktop's style and palette,
// which System restores.
void apply(Choice choice);
Choice current();

Choice saved(); // from QSettings, System if none
void save(Choice choice);

} // namespace Updraft::Theme
