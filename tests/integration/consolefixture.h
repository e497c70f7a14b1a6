// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "syncfixture.h"

#include <QJsonObject>

#include <memory>

namespace Updraft {
class ConsoleController;
class MainWindow;
} // namespace Updraft

// What the console tests share: a generated directory of any size, and a configuration saved in the fixture's
// store for the console to run.
namespace ConsoleFixture {

// Writes a directory of `users` people (tests/fixtures/gen-directory.py) to `path`. False if it could not.
bool generateDirectory(const QString &path, int users, int groups);

// Starts the console on the store in `stateDir` (runs on demand only), shows its window and waits until the
// engine is idle. False, with `error` set, if it did not get there.
bool openConsole(const QString &stateDir, std::unique_ptr<Updraft::ConsoleController> &controller,
                 std::unique_ptr<Updraft::MainWindow> &window, QString *error);

// Saves `json` as a configuration in the fixture's store; the console opens that store's directory.
bool save(SyncFixture &f, const QJsonObject &json);

} // namespace ConsoleFixture
