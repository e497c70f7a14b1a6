// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// SyncRunner: the writes for one object: match on first sight, adopt, create, update, delete.
#include "syncrunner.h"

#include "core/resource.h"
#include "store/statestore.h"
#include "target/target.h"

#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

void SyncRunner::createOrMatch(const DesiredObject &object)
{
    // Match on first sight: by externalId (this anchor was exported before, perhaps by a run that died before
    // recording it), then, for users and only if allowed, by userName (soft match).
    const QString userName = object.resource.value(u"userName"_s).toString();
    const bool softMatch = object.kind == ObjectKind::User && m_config.target.softMatch;
    m_target->find(
        object.kind, object.anchor, softMatch ? userName : QString(),
        [this, &object, userName](const FoundObjects &found) {
            if (!found.ok()) {
                failed(object.kind, object.anchor, object.dn, object.displayName, u"create"_s, found);
                return operationDone();
            }
            if (!found.byExternalId.isEmpty())
                return adopt(object, found.byExternalId, u"matched by externalId"_s);
            if (!found.byUserName.isEmpty()) {
                const QString other = found.byUserName.value(u"externalId"_s).toString();
                if (const PlannedChange *leaver = leaverHolding(found.byUserName.value(u"id"_s).toString());
                    leaver && !other.isEmpty()) {
                    // Deleted and added again under the same name (a new entry, a new anchor): the leaver
                    // this run deletes anyway goes first, so that the newcomer can have its userName.
                    m_removedEarly.insert(leaver->anchor);
                    const PlannedChange change = *leaver;
                    return removeThen(
                        change, u"deleted before %1 was created with its userName"_s.arg(object.dn),
                        [this, &object, change] {
                            if (m_links.contains(change.anchor)) { // the delete failed
                                failed(
                                    object.kind, object.anchor, object.dn, object.displayName, u"create"_s,
                                    TargetReply{TargetReply::Error::Conflict, 0,
                                                u"its userName still belongs to %1, whose delete "
                                                u"failed; it is created on the next run"_s.arg(change.dn)});
                                return operationDone();
                            }
                            create(object);
                        });
                }
                if (!other.isEmpty()) {
                    result(object.kind, object.anchor, object.dn, object.displayName, u"create"_s,
                           u"failed"_s,
                           u"userName \"%1\" already belongs to a cloud user with another externalId "
                           u"(%2); it was not adopted. Resolve the duplicate in the directory or the "
                           u"cloud."_s.arg(userName, other));
                    m_exportErrors.insert(object.anchor,
                                          u"userName \"%1\" belongs to another cloud user"_s.arg(userName));
                    setOutcome(object.anchor, object.kind, Outcome::Failed);
                    return operationDone();
                }
                return adopt(object, found.byUserName, u"matched by userName (soft match)"_s);
            }
            create(object);
        });
}

void SyncRunner::adopt(const DesiredObject &object, const QJsonObject &cloud, const QString &how)
{
    const QString cloudId = cloud.value(u"id"_s).toString();
    // Each cloud object belongs to one configuration: another one's object is never adopted, so never updated
    // or deleted from here.
    QString owner = m_store.linkOwner(cloudId, m_record.configurationId);
    const QString marked = Planner::markedConfiguration(cloud, object.kind);
    if (owner.isEmpty() && !marked.isEmpty() && marked != m_config.name)
        owner = marked; // recorded on the object by another configuration, perhaps in another installation
    if (!owner.isEmpty()) {
        const QString message =
            u"the cloud object %1 (%2) belongs to configuration \"%3\"; it was not adopted. Two "
            u"configurations must not provision the same object: narrow one of their scopes."_s.arg(
                cloudId, how, owner);
        m_exportErrors.insert(object.anchor, message);
        result(object.kind, object.anchor, object.dn, object.displayName, u"match"_s, u"failed"_s, message);
        setOutcome(object.anchor, object.kind, Outcome::Failed);
        return operationDone();
    }
    const QJsonObject current = Planner::managedPart(cloud, object.resource);
    const QStringList changed = Resource::changedAttributes(current, object.resource);
    if (changed.isEmpty()) {
        linked(object, cloudId, u"matched"_s);
        result(object.kind, object.anchor, object.dn, object.displayName, u"match"_s, u"success"_s, how);
        setOutcome(object.anchor, object.kind, Outcome::Unchanged);
        return operationDone();
    }
    ++m_writes;
    m_target->update(object.kind, cloudId, current, object.resource,
                     [this, &object, cloudId, how, changed](const TargetReply &r) {
                         if (r.ok()) {
                             linked(object, cloudId, u"matched"_s);
                             result(object.kind, object.anchor, object.dn, object.displayName, u"match"_s,
                                    u"success"_s, how, changed);
                             setOutcome(object.anchor, object.kind, Outcome::Updated);
                         } else {
                             failed(object.kind, object.anchor, object.dn, object.displayName, u"match"_s, r);
                         }
                         operationDone();
                     });
}

void SyncRunner::create(const DesiredObject &object)
{
    ++m_writes;
    m_target->create(object.kind, object.resource, [this, &object](const CreatedObject &r) {
        using E = TargetReply::Error;
        if (r.ok()) {
            linked(object, r.id, u"created"_s);
            result(object.kind, object.anchor, object.dn, object.displayName, u"create"_s, u"success"_s,
                   object.warnings.join(u' '));
            setOutcome(object.anchor, object.kind, Outcome::Created);
        } else if ((r.error == E::Unreachable || r.error == E::ServerError) &&
                   !m_target->capabilities().writesDeferred && m_createAttempts[object.anchor] < 3) {
            // The object may have been created before the failure: look it up before posting again.
            const int attempt = ++m_createAttempts[object.anchor];
            QTimer::singleShot(500 * attempt, m_target.get(), [this, &object] { createOrMatch(object); });
            return; // createOrMatch() finishes the operation
        } else {
            TargetReply explained = r;
            if (r.error == E::Conflict && object.kind == ObjectKind::User)
                explained.message +=
                    m_config.target.softMatch
                        ? u" (userName already exists in the target)"_s
                        : u" (userName already exists in the target; soft matching is off, see "
                          u"target.softMatch)"_s;
            failed(object.kind, object.anchor, object.dn, object.displayName, u"create"_s, explained);
        }
        operationDone();
    });
}

void SyncRunner::update(const DesiredObject &object, const PlannedChange &change)
{
    ++m_writes;
    const QJsonObject before = m_links.value(object.anchor).exported;
    m_target->update(
        object.kind, change.cloudId, before, object.resource,
        [this, &object, change, before](const TargetReply &r) {
            if (r.ok()) {
                const QJsonArray diff = Resource::attributeChanges(before, object.resource);
                linked(object, change.cloudId, m_links.value(object.anchor).origin);
                result(object.kind, object.anchor, object.dn, object.displayName, u"update"_s, u"success"_s,
                       object.warnings.join(u' '), change.changed, diff);
                setOutcome(object.anchor, object.kind, Outcome::Updated);
            } else if (r.error == TargetReply::Error::NotFound) {
                // Deleted in the cloud by someone else: forget the link so the next run re-creates it.
                m_links.remove(object.anchor);
                m_pendingUnlinks.append(object.anchor);
                TargetReply explained = r;
                explained.message = u"The cloud object %1 was deleted outside Updraft; it will be "
                                    u"created again on the next run."_s.arg(change.cloudId);
                failed(object.kind, object.anchor, object.dn, object.displayName, u"update"_s, explained);
            } else {
                failed(object.kind, object.anchor, object.dn, object.displayName, u"update"_s, r);
            }
            operationDone();
        });
}

void SyncRunner::remove(const PlannedChange &change)
{
    removeThen(change, {}, [this] { operationDone(); });
}

// Deletes (or disables) one leaver; `because` adds to its reason; `next` runs once the outcome is recorded.
void SyncRunner::removeThen(const PlannedChange &change, const QString &because, std::function<void()> next)
{
    ++m_writes;
    // A target that keeps leavers disables them instead.
    const bool disable = !m_target->capabilities().deletes;
    const QString action = disable ? u"disable"_s : u"delete"_s;
    const QString reason = because.isEmpty() ? change.reason : change.reason + u"; "_s + because;
    m_target->remove(
        change.kind, change.cloudId, m_links.value(change.anchor).exported,
        [this, change, action, disable, reason, next = std::move(next)](const TargetReply &r) {
            const bool gone = r.error == TargetReply::Error::NotFound;
            if (r.ok() || gone) {
                m_store.removeStagedDelete(m_record.configurationId, change.anchor);
                m_links.remove(change.anchor);
                m_pendingUnlinks.append(change.anchor);
                if (!m_options.only.isEmpty() || m_removedEarly.contains(change.anchor)) {
                    // A run removes a leaver from its groups before deleting it; on demand (or when a leaver
                    // goes before the groups are written) it does not, and the cloud drops the members of a
                    // deleted object itself: so do their links, or a membership change would remove a member
                    // that is no longer there.
                    for (Link &group : m_links) {
                        if (group.kind == u"group"_s && group.members.removeAll(change.cloudId) > 0)
                            m_pendingLinks.append(group);
                    }
                }
                result(change.kind, change.anchor, change.dn, change.displayName, action, u"success"_s,
                       !r.ok()   ? reason + u"; it was already gone from the cloud"_s
                       : disable ? reason + u"; disabled, not deleted: the target keeps leavers"_s
                                 : reason);
                setOutcome(change.anchor, change.kind, Outcome::Deleted);
            } else {
                failed(change.kind, change.anchor, change.dn, change.displayName, action, r);
            }
            next();
        });
}

// The leaver among this run's deletes whose cloud object is `cloudId`, not yet deleted.
const PlannedChange *SyncRunner::leaverHolding(const QString &cloudId) const
{
    for (const PlannedChange &d : m_deletePlan.execute)
        if (d.cloudId == cloudId && !m_removedEarly.contains(d.anchor))
            return &d;
    return nullptr;
}

void SyncRunner::linked(const DesiredObject &object, const QString &cloudId, const QString &origin)
{
    Link link = m_links.value(object.anchor);
    link.kind = Planner::kindName(object.kind);
    link.anchor = object.anchor;
    link.cloudId = cloudId;
    link.dn = object.dn;
    link.displayName = object.displayName;
    link.origin = origin.isEmpty() ? u"created"_s : origin;
    link.exported = StoredJson::fromPacked(object.resource); // the same bytes, not a copy
    link.digest = Planner::digest(object.resource);
    m_links.insert(object.anchor, link);
    m_pendingLinks.append(link);
}

} // namespace Updraft
