// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/configuration.h"
#include "planner.h"
#include "store/records.h"

namespace Updraft {

// A delete the planner found, with why the object must go ("moved to …", "deleted from the directory").
struct DeleteCandidate {
    PlannedChange change;
    QString cause;
};

// What a run does with its deletes, given the admin's earlier decisions and the delete threshold. Pure.
struct DeletePlan {
    QList<PlannedChange> execute; // deleted by this run: new ones within the threshold, and approved ones
    QList<StagedDelete> stage;    // held back for the admin: new ones over the threshold
    int waiting = 0;              // staged earlier, no decision yet: not deleted
    int kept = 0;                 // rejected earlier for the same cause: not deleted, not proposed again
    QStringList unstage;          // staged earlier but no longer planned (back in scope)
    bool tripped = false;         // more new deletes than the threshold: the run stops before writing
    int threshold = 0;
    int fresh = 0; // new deletes (not staged before, or staged for another cause)
};

DeletePlan planDeleteGuard(const QList<DeleteCandidate> &candidates, const QList<StagedDelete> &staged,
                           const SafetyConfiguration &safety, int provisioned);

} // namespace Updraft
