// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "syncfixture.h"

#include <QJsonObject>

// What the console tests share: a generated directory of any size, and a configuration saved in the fixture's
// store for the console to run.
namespace ConsoleFixture {

// Writes a directory of `users` people (tests/fixtures/gen-directory.py) to `path`. False if it could not.
bool generateDirectory(const QString &path, int users, int groups);

// Saves `json` as a configuration in the fixture's store; the console opens that store's directory.
bool save(SyncFixture &f, const QJsonObject &json);

} // namespace ConsoleFixture
