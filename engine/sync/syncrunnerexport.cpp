// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// SyncRunner: the export phases, in order: users and groups in waves, the references left pending, password
// hashes, memberships, deletes.
#include "syncrunner.h"

#include "core/logging.h"
#include "passwordhashexport.h"
#include "store/statestore.h"
#include "target/target.h"

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

// Objects of a wave in flight at once: enough to fill Bulk requests and every connection.
constexpr qsizetype WaveWindow = 2000;

} // namespace

void SyncRunner::exportObjects(ObjectKind kind)
{
    QList<DesiredObject> &objects = kind == ObjectKind::User ? m_desired->users() : m_desired->groups();
    QList<DesiredObject *> work;
    for (DesiredObject &o : objects) {
        const auto link = m_links.constFind(o.anchor);
        // An object waiting for a reference stays in the work: once the referenced object exists, it may
        // change.
        if (!o.pendingReferences &&
            Planner::plan(o, link == m_links.cend() ? nullptr : &*link).action == PlannedAction::Unchanged) {
            setOutcome(o.anchor, kind, Outcome::Unchanged);
            keepDnCurrent(o);
            continue;
        }
        work.append(&o);
    }
    if (!recordIntents({work.cbegin(), work.cend()}))
        return;
    int unlinked = 0;
    for (const DesiredObject *o : std::as_const(work))
        unlinked += m_links.contains(o->anchor) ? 0 : 1;
    m_target->prepareLookups(kind, unlinked, [this, kind, work](const TargetReply &) {
        exportWave(kind, work, 0, int(work.size()));
    });
}

// Objects go out in waves so that a reference (a user's manager) points at an object that already exists:
// each wave holds the objects whose references are resolved, which makes one write per object instead of a
// create followed by a PATCH. What a cycle or a failed object leaves unresolved goes out as it is, and is
// completed afterwards.
void SyncRunner::exportWave(ObjectKind kind, const QList<DesiredObject *> &remaining, int done, int total)
{
    QList<DesiredObject *> now;
    QList<DesiredObject *> later;
    for (DesiredObject *o : remaining) {
        if (o->pendingReferences)
            m_desired->resolve(*o, m_links);
        (o->pendingReferences ? later : now).append(o);
    }
    if (now.isEmpty())
        std::swap(now, later);
    const QString phase = kind == ObjectKind::User ? u"Exporting users"_s : u"Exporting groups"_s;
    const int waveEnd = done + int(now.size());
    beginPhase(
        phase, later.isEmpty() ? total : waveEnd,
        [this, kind, later, waveEnd, total] {
            if (!later.isEmpty())
                exportWave(kind, later, waveEnd, total);
            else if (kind == ObjectKind::User)
                exportPendingReferences();
            else
                exportMemberships();
        },
        done);
    m_wave = std::move(now);
    m_waveNext = 0;
    m_waveStart = done;
    feedWave();
}

// A wave's objects go out as replies come back, at most WaveWindow at a time: the rest wait here as pointers,
// not as requests (bodies, replies) queued in the target.
void SyncRunner::feedWave()
{
    if (m_feeding || m_finished)
        return; // an object answered at once, and the loop below goes on; or the run was stopped
    m_feeding = true;
    while (m_waveNext < m_wave.size() && m_waveNext - (m_phaseDone - m_waveStart) < WaveWindow) {
        if (stopIfLeaseLost())
            break;
        DesiredObject *o = m_wave.at(m_waveNext++);
        const auto link = m_links.constFind(o->anchor);
        const PlannedChange change = Planner::plan(*o, link == m_links.cend() ? nullptr : &*link);
        switch (change.action) {
        case PlannedAction::Create:
            createOrMatch(*o);
            break;
        case PlannedAction::Unchanged:
            setOutcome(o->anchor, o->kind, Outcome::Unchanged);
            keepDnCurrent(*o);
            operationDone();
            break;
        default:
            update(*o, change);
            break;
        }
    }
    m_feeding = false;
}

void SyncRunner::exportPendingReferences()
{
    // References to objects created in this run (a manager created after their report) can be resolved now.
    QList<std::pair<const DesiredObject *, PlannedChange>> work;
    for (DesiredObject &o : m_desired->users()) {
        if (!o.pendingReferences)
            continue;
        m_desired->resolve(o, m_links);
        const auto link = m_links.constFind(o.anchor);
        if (o.pendingReferences && link != m_links.cend())
            result(
                ObjectKind::User, o.anchor, o.dn, o.displayName, u"update"_s, u"warning"_s,
                u"A referenced object (e.g. the manager) could not be provisioned in this run; the reference "
                u"will be set once it is."_s);
        if (link == m_links.cend())
            continue;
        PlannedChange change = Planner::plan(o, &*link);
        if (change.action == PlannedAction::Update)
            work.append({&o, std::move(change)});
    }
    beginPhase(u"Resolving references"_s, int(work.size()), [this] {
        if (m_config.passwordHashSync)
            exportPasswordHashes();
        else
            exportObjects(ObjectKind::Group);
    });
    for (const auto &[object, change] : work)
        update(*object, change);
}

void SyncRunner::exportPasswordHashes()
{
    m_phase = u"Password hashes"_s;
    Q_EMIT progress(m_phase, 0, 0);
    m_hashes =
        std::make_unique<PasswordHashExport>(*m_target, m_store, m_record.configurationId, m_record.id);
    // Users whose mapping failed are in scope too: their hash waits for them.
    // A read of what changed has only the changed users: the others keep their status.
    m_hashes->setForgetOthers(m_options.only.isEmpty() && m_fullRead);
    QList<DesiredObject> users = m_desired->users();
    for (const DesiredState::Failure &f : m_desired->failures())
        if (f.kind == ObjectKind::User && (m_options.only.isEmpty() || m_options.only.contains(f.anchor))) {
            DesiredObject failed;
            failed.anchor = f.anchor;
            failed.dn = f.dn;
            users.append(std::move(failed));
        }
    m_hashes->start(
        users, m_credentials, m_links, m_exportErrors,
        [this](const RunResult &r) {
            m_pendingResults.append(r);
            keepResult(r);
        },
        [this] {
            m_credentials.clear();
            // Every user's hash now has its status: the next pass may start from where this one ended.
            if (!m_replication.position.isEmpty() && m_record.configurationId &&
                !m_store.saveReplicationState(m_record.configurationId, m_replication))
                qCWarning(lcStore) << "could not save the replication position:" << m_store.lastError();
            exportObjects(ObjectKind::Group);
        });
}

void SyncRunner::exportMemberships()
{
    struct Work {
        const DesiredObject *group;
        Link link;
        QStringList desired; // the member ids on record once the change is made
        MembersChange change;
    };
    QList<Work> work;
    for (const DesiredObject &g : m_desired->groups()) {
        const auto link = m_links.constFind(g.anchor);
        if (link == m_links.cend())
            continue; // the group itself failed; that is reported on the group
        bool incomplete = false;
        const QList<MemberReference> members = m_desired->members(g, m_links, m_nested, &incomplete);
        QStringList desired;
        QHash<QString, ObjectKind> kinds;
        for (const MemberReference &m : members) {
            desired.append(m.id);
            kinds.insert(m.id, m.kind);
        }
        MembershipChange planned = Planner::planMembers(desired, link->members);
        QStringList kept = desired;
        if (incomplete) {
            // Only part of a member list was read: who is missing from it cannot be told from who left.
            planned.remove.clear();
            for (const QString &id : link->members)
                if (!kept.contains(id))
                    kept.append(id);
            kept.sort();
        }
        // A member in scope that has no cloud id yet (its create failed) is simply not named: it is added
        // once it exists, and every other member who left is removed now.
        MembersChange change;
        for (const QString &id : std::as_const(planned.add))
            change.add.append({id, kinds.value(id)});
        change.remove = planned.remove;
        if (!change.isEmpty())
            work.append({&g, *link, kept, std::move(change)});
    }
    QList<const DesiredObject *> changing;
    for (const Work &w : std::as_const(work))
        changing.append(w.group);
    if (!recordIntents(changing, u"members"_s))
        return;
    beginPhase(u"Exporting memberships"_s, int(work.size()), [this] { exportDeletes(); });
    for (const Work &w : work) {
        ++m_writes;
        m_target->changeMembers(w.link.cloudId, w.change, [this, w](const TargetReply &r) {
            const DesiredObject &g = *w.group;
            if (r.ok()) {
                Link link = m_links.value(g.anchor);
                link.members = w.desired;
                m_links.insert(g.anchor, link);
                m_pendingLinks.append(link);
                result(
                    ObjectKind::Group, g.anchor, g.dn, g.displayName, u"update"_s, u"success"_s,
                    u"members: %1 added, %2 removed"_s.arg(w.change.add.size()).arg(w.change.remove.size()),
                    {u"members"_s});
                setOutcome(g.anchor, ObjectKind::Group, Outcome::Updated);
            } else if (r.error == TargetReply::Error::NotFound) {
                // Deleted in the cloud by someone: forget the link, the next run creates it again.
                m_links.remove(g.anchor);
                m_pendingUnlinks.append(g.anchor);
                TargetReply gone = r;
                gone.message =
                    u"The group was deleted in the cloud directory; the next run creates it again."_s;
                failed(ObjectKind::Group, g.anchor, g.dn, g.displayName, u"update"_s, gone);
            } else {
                // Refused: the group is a failure of this run, and its members are sent again by the next.
                TargetReply refused = r;
                refused.message = u"Its members could not be written (%1 to add, %2 to remove): %3"_s
                                      .arg(w.change.add.size())
                                      .arg(w.change.remove.size())
                                      .arg(r.message);
                failed(ObjectKind::Group, g.anchor, g.dn, g.displayName, u"update"_s, refused);
            }
            operationDone();
        });
    }
}

void SyncRunner::exportDeletes()
{
    const QList<PlannedChange> &deletes = m_deletePlan.execute;
    beginPhase(u"Deleting"_s, int(deletes.size()), [this] { finish(); });
    for (const PlannedChange &d : deletes) {
        if (m_removedEarly.contains(d.anchor))
            operationDone(); // deleted already, for an object that took its userName
        else
            remove(d);
    }
}

} // namespace Updraft
