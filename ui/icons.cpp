// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "icons.h"

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Icons {

QIcon get(const QString &name)
{
    return QIcon::fromTheme(name, QIcon(u":/updraft/icons/%1.svg"_s.arg(name)));
}

} // namespace Updraft::Icons
