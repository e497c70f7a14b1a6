// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QCoreApplication;

namespace Updraft {

// Installs Updraft's translation for the user's languages, English when there is none: the English one gives
// the plural forms ("1 object", "2 objects") of strings written once as "%n object(s)". The console and the
// CLI call it once, after creating the application.
bool installTranslations(QCoreApplication &app);

} // namespace Updraft
