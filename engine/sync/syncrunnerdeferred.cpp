// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// SyncRunner: what a target that processes writes later (Entra's inbound provisioning) did with the records
// of earlier runs, attached to those runs; a record it could not provision goes out again in this run.
#include "syncrunner.h"

#include "store/statestore.h"
#include "target/target.h"

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {
// Entra's provisioning logs may show an entry some minutes after the time it carries: each read goes back
// this far before where the last one ended. Attaching is idempotent, so entries read twice change nothing.
constexpr qint64 OverlapSeconds = 45 * 60;
// The first read: as far back as Entra keeps provisioning logs.
constexpr qint64 FirstReadDays = 30;
} // namespace

void SyncRunner::collectDeferredResults()
{
    m_phase = u"Reading the target's results"_s;
    Q_EMIT progress(m_phase, 0, 0);
    const QDateTime checked = m_store.deferredResultsCheckedUntil(m_record.configurationId);
    const QDateTime since = checked.isValid() ? checked.addSecs(-OverlapSeconds)
                                              : QDateTime::currentDateTimeUtc().addDays(-FirstReadDays);
    m_target->deferredResults(since, [this](const DeferredResults &found) {
        if (!found.ok()) {
            result(ObjectKind::User, {}, {}, m_config.name, u"results"_s, u"warning"_s,
                   u"The target's results of earlier runs could not be read: %1. They are read on the next "
                   u"run."_s.arg(found.message));
            return exportObjects(ObjectKind::User);
        }
        int attached = 0;
        int failures = 0;
        QSet<QString> inScope;
        for (const DesiredObject &o : m_desired->users())
            inScope.insert(o.anchor);
        for (const DesiredState::Failure &f : m_desired->failures())
            inScope.insert(f.anchor);
        for (const DeferredResult &r : found.results) {
            QString sent;
            const qint64 run = m_store.attachDeferredResult(m_record.configurationId, r.entryId, r.anchor,
                                                            r.outcome, r.message, r.at, &sent);
            if (!run)
                continue; // attached before, or not sent by this configuration
            ++attached;
            if (r.outcome != u"failed"_s)
                continue;
            ++failures;
            m_deferredFailures.insert(r.anchor, u"run %1: %2"_s.arg(run).arg(r.message));
            // Forget what was sent, so that the planner sends the whole record again.
            if (auto link = m_links.find(r.anchor); link != m_links.end()) {
                link->exported = {};
                link->digest.clear();
                m_pendingLinks.append(*link);
            } else if (sent == u"disable"_s && !inScope.contains(r.anchor)) {
                // A leaver Entra did not disable: its link went with the record, so disable it again here.
                PlannedChange again;
                again.action = PlannedAction::Delete;
                again.kind = ObjectKind::User;
                again.anchor = r.anchor;
                again.cloudId = r.anchor;
                again.displayName = r.anchor;
                again.reason = u"Entra could not disable it (run %1): sent again"_s.arg(run);
                m_deletePlan.execute.append(again);
            }
        }
        if (attached > 0)
            result(ObjectKind::User, {}, {}, m_config.name, u"results"_s,
                   failures ? u"warning"_s : u"success"_s,
                   u"%1 results of earlier runs attached from the target's log; %2 failed and are sent again "
                   u"in this run."_s.arg(attached)
                       .arg(failures));
        m_store.saveDeferredResultsCheckedUntil(m_record.configurationId, found.checkedUntil);
        flush(); // the links to send again are on record before anything else happens
        exportObjects(ObjectKind::User);
    });
}

} // namespace Updraft
