// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "deleteplan.h"

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

PlannedChange withCause(const DeleteCandidate &c)
{
    PlannedChange change = c.change;
    change.reason = c.cause;
    return change;
}

} // namespace

DeletePlan planDeleteGuard(const QList<DeleteCandidate> &candidates, const QList<StagedDelete> &staged,
                           const SafetyConfiguration &safety, int provisioned)
{
    DeletePlan plan;
    QHash<QString, const StagedDelete *> byAnchor;
    for (const StagedDelete &s : staged)
        byAnchor.insert(s.anchor, &s);

    QList<const DeleteCandidate *> fresh;
    QSet<QString> planned;
    for (const DeleteCandidate &c : candidates) {
        planned.insert(c.change.anchor);
        const StagedDelete *s = byAnchor.value(c.change.anchor);
        if (s && s->cause == c.cause) {
            if (s->decision == u"approved"_s)
                plan.execute.append(withCause(c));
            else if (s->decision == u"rejected"_s)
                ++plan.kept;
            else
                ++plan.waiting;
            continue;
        }
        fresh.append(&c); // never staged, or staged for a cause that no longer holds: decided anew
    }
    for (const StagedDelete &s : staged)
        if (!planned.contains(s.anchor))
            plan.unstage.append(s.anchor);

    plan.threshold = safety.deleteThreshold;
    if (safety.deleteThresholdPercent > 0)
        plan.threshold = std::min(plan.threshold, provisioned * safety.deleteThresholdPercent / 100);
    plan.fresh = int(fresh.size());
    if (plan.fresh > plan.threshold) {
        plan.tripped = true;
        plan.execute.clear(); // the run stops before it writes anything
        for (const DeleteCandidate *c : std::as_const(fresh)) {
            StagedDelete s;
            s.anchor = c->change.anchor;
            s.kind = Planner::kindName(c->change.kind);
            s.dn = c->change.dn;
            s.displayName = c->change.displayName;
            s.cloudId = c->change.cloudId;
            s.cause = c->cause;
            plan.stage.append(s);
        }
        return plan;
    }
    for (const DeleteCandidate *c : std::as_const(fresh))
        plan.execute.append(withCause(*c));
    return plan;
}

} // namespace Updraft
