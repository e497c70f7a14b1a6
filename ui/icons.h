// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>

namespace Updraft::Icons {

// The platform theme's icon `name` (freedesktop naming), or Updraft's bundled one where the theme has none,
// drawn in the palette's text colour (light or dark, as the console is).
QIcon get(const QString &name);

} // namespace Updraft::Icons
