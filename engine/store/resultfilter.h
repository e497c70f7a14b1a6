// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "records.h"

#include <QSet>

namespace Updraft {

// Which of a run's per-object results to show: by action, by outcome and by text in the name, DN, anchor,
// message or changed attributes.
struct ResultFilter {
    QSet<QString> actions;  // empty: every action
    QSet<QString> outcomes; // empty: every outcome
    QString text;

    bool matches(const RunResult &result) const;
    bool isEmpty() const { return actions.isEmpty() && outcomes.isEmpty() && text.trimmed().isEmpty(); }
};

// Two runs of one configuration side by side: what broke, what was fixed, what keeps changing.
struct RunComparison {
    QList<RunResult> newErrors; // failed in the later run, not in the earlier one (the later run's rows)
    QList<RunResult>
        resolvedErrors; // failed in the earlier run, not in the later one (the earlier run's rows)
    QList<RunResult> changedInBoth; // written (created, updated, deleted) in both (the later run's rows)

    static RunComparison of(const QList<RunResult> &earlier, const QList<RunResult> &later);
    // Where two plans (dry runs) differ: the writes of `fresh` that `reviewed` does not hold the same
    // (object, action and attribute diff), then the writes of `reviewed` that `fresh` no longer plans. Empty:
    // the same plan.
    static QList<RunResult> planDifferences(const QList<RunResult> &reviewed, const QList<RunResult> &fresh);
};

// A run's results as files an admin can open elsewhere.
namespace ResultExport {
// RFC 4180: a header line, CRLF line ends, fields quoted when they hold a comma, quote or line break. Cells
// that a spreadsheet would run as a formula (=, +, -, @) are prefixed with a quote.
QByteArray csv(const QList<RunResult> &results);
// {"run": {…RecordJson::run}, "results": [RecordJson::result…]}
QByteArray json(const RunRecord &run, const QList<RunResult> &results);
} // namespace ResultExport

} // namespace Updraft
