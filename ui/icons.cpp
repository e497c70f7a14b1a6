// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "icons.h"

#include <QFile>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Icons {

QIcon get(const QString &name)
{
    const QString bundled = u":/updraft/icons/%1.svg"_s.arg(name);
    return QIcon::fromTheme(name, QFile::exists(bundled) ? QIcon(bundled) : QIcon());
}

} // namespace Updraft::Icons
