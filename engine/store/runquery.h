// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "records.h"

#include <QDateTime>
#include <QStringList>

namespace Updraft {

// Which runs the history shows, and in what order. Filtering and sorting happen in SQL, so that a history of
// any length is read one page at a time.
struct RunQuery {
    enum class Order {
        Started,
        Configuration,
        Trigger,
        Duration,
        Status,
        Created,
        Updated,
        Deleted,
        Unchanged,
        Failed,
        HashesSynced,
        HashesHeld,
        HashesFailed,
    };

    QString configuration; // empty: every configuration
    QStringList statuses;  // empty: every status
    QDateTime from;        // started at or after; invalid: no bound
    QDateTime to;          // started before; invalid: no bound
    QString text; // in the configuration's name, the trigger, the status or the message; "#42": run 42
    Order order = Order::Started;
    bool descending = true;

    bool operator==(const RunQuery &) const = default;
};

// A run's password hash counts as the history shows them: failures are what the target refused or what is
// being retried.
namespace RunCounts {
inline int hashesSynced(const RunRecord &r)
{
    return r.passwordHashes.value(QStringLiteral("synced"));
}
inline int hashesHeld(const RunRecord &r)
{
    return r.passwordHashes.value(QStringLiteral("held"));
}
inline int hashesFailed(const RunRecord &r)
{
    return r.passwordHashes.value(QStringLiteral("target-rejected")) +
           r.passwordHashes.value(QStringLiteral("retrying"));
}
} // namespace RunCounts

} // namespace Updraft
