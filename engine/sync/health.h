// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/records.h"

#include <optional>

namespace Updraft {

class StateStore;

// How one configuration is doing, as the dashboard card and the tray say it. Decided here, from the store's
// facts, so that every view agrees.
struct ConfigurationHealth {
    enum class Level { NotRunYet, Healthy, Warnings, Errors, WaitingForApproval, Quarantined };

    struct Facts {
        std::optional<RunRecord> lastRun; // the last whole run that finished: not one running, not on demand
        std::optional<ScheduleState> schedule;
        int pendingDeletes = 0; // staged by the delete threshold, waiting for a decision
        int hashProblems = 0;   // users whose hash is refused, retried, missing, unsupported or waiting
        bool running = false;
    };

    Level level = Level::NotRunYet;
    QString word;   // "Healthy", "Errors"…
    QString detail; // one sentence: why

    // The facts of one stored configuration, read as the console and the CLI both read them.
    static Facts gather(const StateStore &store, qint64 configurationId, const QString &name, bool running);
    static ConfigurationHealth assess(const Facts &facts);
    static QString levelName(Level level); // stable, for styling and tests: "healthy", "errors"…
};

} // namespace Updraft
