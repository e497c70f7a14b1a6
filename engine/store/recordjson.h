// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "records.h"

#include <QJsonObject>

// The JSON forms of runs and results, shared by `updraft-cli --json` and the console's export.
namespace Updraft::RecordJson {

QJsonObject counts(const ObjectCounts &counts);
// {"run", "configuration", "status", "trigger", "startedAt", "finishedAt", "message", "objectsRead",
//  "users": {created, updated, deleted, unchanged, failed}, "groups": {…}}
QJsonObject run(const RunRecord &run);
QJsonObject result(const RunResult &result);
// One user's password hash status: what `updraft-cli hashes --json` lists. Never the hash.
QJsonObject passwordHash(const PasswordHashState &state);

} // namespace Updraft::RecordJson
