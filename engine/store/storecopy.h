// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <utility>

namespace Updraft {

class StateStore;

// Copies one store into another (a SQLite store into a new, shared PostgreSQL one: updraft-cli store
// migrate). Both are open and at the current schema; the target must hold no configuration yet. Everything is
// copied in one transaction of the target, ids included, so links, runs and their results stay tied together;
// who leads what (agents, leases, run requests) is not copied: it belongs to the processes of the old store.
namespace StoreCopy {

// The tables copied, in an order that satisfies their references.
const QList<QString> &tables();
// Rows copied per table, in tables() order; false with `error` naming the table if anything failed (the
// target is then left as it was).
bool copy(StateStore &from, StateStore &to, QList<std::pair<QString, qint64>> *counts, QString *error);

} // namespace StoreCopy

} // namespace Updraft
