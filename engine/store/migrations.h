// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QStringList>

namespace Updraft::Migrations {

// The schema's history: step N (1-based) brings a database from version N-1 to N. Steps are only ever
// appended; a released step is never edited.
const QList<QStringList> &steps();

} // namespace Updraft::Migrations
