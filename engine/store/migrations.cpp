// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrations.h"

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Migrations {

const QList<QStringList> &steps()
{
    static const QList<QStringList> all = {
        // 1: configurations, links, runs and their results.
        {
            u"CREATE TABLE configurations ("
            u" id INTEGER PRIMARY KEY,"
            u" name TEXT NOT NULL UNIQUE,"
            u" definition TEXT NOT NULL,"
            u" created_at TEXT NOT NULL,"
            u" updated_at TEXT NOT NULL)"_s,
            u"CREATE TABLE links ("
            u" configuration_id INTEGER NOT NULL REFERENCES configurations(id) ON DELETE CASCADE,"
            u" anchor TEXT NOT NULL,"
            u" kind TEXT NOT NULL,"
            u" cloud_id TEXT NOT NULL,"
            u" dn TEXT,"
            u" display_name TEXT,"
            u" origin TEXT NOT NULL,"
            u" exported TEXT NOT NULL,"
            u" digest TEXT NOT NULL,"
            u" members TEXT,"
            u" updated_at TEXT NOT NULL,"
            u" PRIMARY KEY (configuration_id, anchor))"_s,
            u"CREATE TABLE runs ("
            u" id INTEGER PRIMARY KEY,"
            u" configuration_id INTEGER NOT NULL REFERENCES configurations(id) ON DELETE CASCADE,"
            u" trigger TEXT NOT NULL,"
            u" status TEXT NOT NULL,"
            u" started_at TEXT NOT NULL,"
            u" finished_at TEXT,"
            u" message TEXT,"
            u" users_created INTEGER NOT NULL DEFAULT 0, users_updated INTEGER NOT NULL DEFAULT 0,"
            u" users_deleted INTEGER NOT NULL DEFAULT 0, users_unchanged INTEGER NOT NULL DEFAULT 0,"
            u" users_failed INTEGER NOT NULL DEFAULT 0,"
            u" groups_created INTEGER NOT NULL DEFAULT 0, groups_updated INTEGER NOT NULL DEFAULT 0,"
            u" groups_deleted INTEGER NOT NULL DEFAULT 0, groups_unchanged INTEGER NOT NULL DEFAULT 0,"
            u" groups_failed INTEGER NOT NULL DEFAULT 0)"_s,
            u"CREATE TABLE run_results ("
            u" id INTEGER PRIMARY KEY,"
            u" run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
            u" kind TEXT NOT NULL,"
            u" anchor TEXT,"
            u" dn TEXT,"
            u" display_name TEXT,"
            u" action TEXT NOT NULL,"
            u" outcome TEXT NOT NULL,"
            u" message TEXT)"_s,
        },
        // 2: how many entries a run read (delta runs read few), which attributes an update wrote, and indexes
        // for the history views.
        {
            u"ALTER TABLE runs ADD COLUMN objects_read INTEGER NOT NULL DEFAULT 0"_s,
            u"ALTER TABLE run_results ADD COLUMN changes TEXT"_s,
            u"CREATE INDEX run_results_by_run ON run_results(run_id)"_s,
            u"CREATE INDEX runs_by_configuration ON runs(configuration_id, id)"_s,
        },
        // 3: password hash sync: each user's current hash status, and a run's counts per status. `digest` is
        // a
        // keyed digest of the source hash last sent (the key lives outside the database), never the hash.
        {
            u"CREATE TABLE password_hashes ("
            u" configuration_id INTEGER NOT NULL REFERENCES configurations(id) ON DELETE CASCADE,"
            u" anchor TEXT NOT NULL,"
            u" dn TEXT,"
            u" status TEXT NOT NULL,"
            u" reason TEXT,"
            u" scheme TEXT,"
            u" http_status INTEGER NOT NULL DEFAULT 0,"
            u" digest TEXT,"
            u" first_seen TEXT NOT NULL,"
            u" last_attempt TEXT,"
            u" attempts INTEGER NOT NULL DEFAULT 0,"
            u" next_attempt TEXT,"
            u" synced_at TEXT,"
            u" run_id INTEGER,"
            u" PRIMARY KEY (configuration_id, anchor))"_s,
            u"ALTER TABLE runs ADD COLUMN password_hashes TEXT"_s,
        },
        // 4: deletes held back by the delete threshold, each waiting for the admin's decision.
        {
            u"CREATE TABLE staged_deletes ("
            u" id INTEGER PRIMARY KEY,"
            u" configuration_id INTEGER NOT NULL REFERENCES configurations(id) ON DELETE CASCADE,"
            u" anchor TEXT NOT NULL,"
            u" kind TEXT NOT NULL,"
            u" dn TEXT,"
            u" display_name TEXT,"
            u" cloud_id TEXT NOT NULL,"
            u" cause TEXT NOT NULL,"
            u" decision TEXT NOT NULL DEFAULT 'pending',"
            u" staged_at TEXT NOT NULL,"
            u" decided_at TEXT,"
            u" run_id INTEGER,"
            u" UNIQUE (configuration_id, anchor))"_s,
            u"CREATE INDEX links_by_cloud_id ON links(cloud_id)"_s,
        },
        // 5: the agent's view of each configuration: its interval as configured and as observed, and
        // quarantine.
        {
            u"CREATE TABLE schedule_state ("
            u" configuration_id INTEGER PRIMARY KEY REFERENCES configurations(id) ON DELETE CASCADE,"
            u" interval_seconds INTEGER NOT NULL,"
            u" observed_interval_ms INTEGER,"
            u" last_started_at TEXT,"
            u" next_run_at TEXT,"
            u" consecutive_failures INTEGER NOT NULL DEFAULT 0,"
            u" quarantined_until TEXT,"
            u" quarantine_reason TEXT)"_s,
        },
        // 6: delta reads: the directory's content-synchronisation cookie after the last completed run.
        {
            u"CREATE TABLE sync_state ("
            u" configuration_id INTEGER PRIMARY KEY REFERENCES configurations(id) ON DELETE CASCADE,"
            u" cookie BLOB,"
            u" full_read_at TEXT)"_s,
        },
        // 7: an update's attribute diff (old -> new, secrets never shown) for the console, and an index for
        // the history's date filter.
        {
            u"ALTER TABLE run_results ADD COLUMN diff TEXT"_s,
            u"CREATE INDEX runs_by_start ON runs(started_at)"_s,
        },
        // 8: what the cloud directory said it supports at the last run, for the configuration page.
        {
            u"CREATE TABLE target_capabilities ("
            u" configuration_id INTEGER PRIMARY KEY REFERENCES configurations(id) ON DELETE CASCADE,"
            u" url TEXT NOT NULL,"
            u" supports TEXT NOT NULL,"
            u" assumptions TEXT NOT NULL,"
            u" discovered_at TEXT NOT NULL)"_s,
        },
        // 9: targets that process writes later: how far their results were read, and their daily call budget.
        {
            u"CREATE TABLE deferred_results ("
            u" configuration_id INTEGER PRIMARY KEY REFERENCES configurations(id) ON DELETE CASCADE,"
            u" checked_until TEXT NOT NULL)"_s,
            u"CREATE TABLE budgeted_calls ("
            u" budget TEXT NOT NULL,"
            u" day TEXT NOT NULL,"
            u" calls INTEGER NOT NULL,"
            u" PRIMARY KEY (budget, day))"_s,
            u"CREATE INDEX run_results_by_anchor ON run_results(anchor, outcome)"_s,
        },
        // 10: a run may read only what changed, and knows the unchanged users by the DN on their link, which
        // is kept current from now on: the next run of each configuration reads everything once. An idle run
        // counts the links by their index, without reading them.
        {
            u"UPDATE sync_state SET full_read_at = NULL"_s,
            u"CREATE INDEX links_by_kind ON links(configuration_id, kind)"_s,
        },
        // 11: write-ahead intents: a write is on record before it is sent, so that a run killed before it
        // recorded the outcome leaves a trace the next run resolves against the cloud.
        {
            u"CREATE TABLE write_intents ("
            u" configuration_id INTEGER NOT NULL REFERENCES configurations(id) ON DELETE CASCADE,"
            u" anchor TEXT NOT NULL,"
            u" kind TEXT NOT NULL,"
            u" action TEXT NOT NULL,"
            u" dn TEXT NOT NULL,"
            u" run_id INTEGER NOT NULL,"
            u" PRIMARY KEY (configuration_id, anchor))"_s,
        },
        // 12: the target's log entries already attached to a run: logs are read again with an overlap, and an
        // entry read twice must not be taken for the result of a later record of the same object.
        {
            u"CREATE TABLE deferred_entries ("
            u" configuration_id INTEGER NOT NULL REFERENCES configurations(id) ON DELETE CASCADE,"
            u" entry_id TEXT NOT NULL,"
            u" attached_at TEXT NOT NULL,"
            u" PRIMARY KEY (configuration_id, entry_id))"_s,
        },
        // 13: password hash replication (MS-DRSR): where the next delta pass starts (the domain controller's
        // high-water mark and up-to-dateness vector, opaque), and when the last full pass was.
        {
            u"CREATE TABLE replication_state ("
            u" configuration_id INTEGER PRIMARY KEY REFERENCES configurations(id) ON DELETE CASCADE,"
            u" position TEXT NOT NULL,"
            u" full_pass_at TEXT)"_s,
        },
        // 14: several agents on one shared store. Each reports in `agents`; the one holding a configuration's
        // lease runs it. `generation` grows each time the lease changes hands and fences a stale leader: its
        // run's end is refused. Times that decide leadership are the database's clock, in ms since the epoch.
        // The console asks the leader for a run with a row in `run_requests`.
        {
            u"CREATE TABLE agents ("
            u" id TEXT PRIMARY KEY,"
            u" host TEXT NOT NULL,"
            u" pid INTEGER NOT NULL,"
            u" version TEXT,"
            u" started_at TEXT NOT NULL,"
            u" seen_ms INTEGER NOT NULL)"_s,
            u"CREATE TABLE leases ("
            u" configuration_id INTEGER PRIMARY KEY REFERENCES configurations(id) ON DELETE CASCADE,"
            u" holder TEXT NOT NULL,"
            u" generation INTEGER NOT NULL,"
            u" expires_ms INTEGER NOT NULL,"
            u" acquired_at TEXT NOT NULL)"_s,
            u"ALTER TABLE runs ADD COLUMN agent TEXT"_s,
            u"ALTER TABLE runs ADD COLUMN lease_generation INTEGER"_s,
            u"CREATE TABLE run_requests ("
            u" id INTEGER PRIMARY KEY,"
            u" configuration_id INTEGER NOT NULL REFERENCES configurations(id) ON DELETE CASCADE,"
            u" full_read INTEGER NOT NULL DEFAULT 0,"
            u" requested_by TEXT NOT NULL,"
            u" requested_at TEXT NOT NULL,"
            u" taken_by TEXT,"
            u" taken_at TEXT)"_s,
        },
    };
    return all;
}

} // namespace Updraft::Migrations
