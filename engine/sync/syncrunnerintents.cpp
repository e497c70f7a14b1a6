// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// SyncRunner: write-ahead intents. Each write is on record before it is sent and leaves the record with its
// outcome; what a killed run left is resolved against the cloud before the next run writes anything.
#include "syncrunner.h"

#include "core/logging.h"
#include "core/resource.h"
#include "store/statestore.h"
#include "target/target.h"

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

// Every attribute the mapping may write, with `desired`'s values: the part of a cloud object that is
// Updraft's. An attribute the directory no longer has is absent from `desired` but still Updraft's to remove.
QJsonObject mappedShape(const Mapping &mapping, const QJsonObject &desired)
{
    QJsonObject shape;
    for (const MappingRule &rule : mapping.rules())
        Resource::setPath(shape, rule.target, u"-"_s);
    for (auto it = desired.begin(); it != desired.end(); ++it) {
        if (it.key().startsWith(u"urn:"_s) && it.value().isObject()) {
            QJsonObject extension = shape.value(it.key()).toObject();
            const QJsonObject wanted = it.value().toObject();
            for (auto sub = wanted.begin(); sub != wanted.end(); ++sub)
                extension.insert(sub.key(), sub.value());
            shape.insert(it.key(), extension);
        } else {
            shape.insert(it.key(), it.value());
        }
    }
    return shape;
}

} // namespace

bool SyncRunner::recordIntents(const QList<const DesiredObject *> &objects, const QString &action)
{
    if (m_options.dryRun || !m_record.id || objects.isEmpty())
        return true;
    if (stopIfLeaseLost())
        return false;
    // What earlier writes of this run settled goes on record first. An object has one intent (by anchor): a
    // group's members intent replaces its update intent, and the update's success, if flushed later, would
    // clear the members intent while that write is still out (a kill then loses its outcome).
    flush();
    QList<WriteIntent> intents;
    intents.reserve(objects.size());
    for (const DesiredObject *o : objects)
        intents.append({Planner::kindName(o->kind), o->anchor,
                        action.isEmpty() ? (m_links.contains(o->anchor) ? u"update"_s : u"create"_s) : action,
                        o->dn, m_record.id});
    if (m_store.recordIntents(m_record.configurationId, intents))
        return true;
    fail(u"Cannot record what this run is about to write in the state store (%1); nothing more was sent."_s
             .arg(m_store.lastError()));
    return false;
}

// The intents whose outcome is now on record: a link saved, or a write that succeeded.
QStringList SyncRunner::settledIntents() const
{
    QStringList anchors;
    for (const Link &l : m_pendingLinks)
        anchors.append(l.anchor);
    for (const RunResult &r : m_pendingResults)
        if (!r.anchor.isEmpty() && (r.outcome == u"success"_s || r.outcome == u"accepted"_s))
            anchors.append(r.anchor);
    return anchors;
}

// A killed run may have created objects it never linked, changed objects without recording it, or changed a
// group's members. Before anything else is written, each such object is looked at in the cloud: a created
// one is linked by the run's matching (by externalId) if still in scope, and deleted if not; a changed one
// gets what the cloud holds now as its last export, so that this run's comparison is against the truth.
void SyncRunner::resolveIntents(std::function<void()> next)
{
    const QList<WriteIntent> open =
        m_options.dryRun || !m_record.configurationId || m_target->capabilities().writesDeferred
            ? QList<WriteIntent>()
            : m_store.intents(m_record.configurationId);
    if (open.isEmpty())
        return next();
    qCInfo(lcSync) << m_config.name << ":" << open.size() << "writes of an interrupted run to resolve";
    QHash<QString, const DesiredObject *> desired;
    for (const QList<DesiredObject> *list : {&m_desired->users(), &m_desired->groups()})
        for (const DesiredObject &o : *list)
            desired.insert(o.anchor, &o);

    auto state = std::make_shared<IntentResolution>();
    state->waiting = int(open.size());
    state->next = std::move(next);
    const auto settle = [this, state] {
        if (--state->waiting > 0)
            return;
        finishIntentResolution(state);
    };
    for (const WriteIntent &intent : open) {
        const ObjectKind kind = intent.kind == u"group"_s ? ObjectKind::Group : ObjectKind::User;
        const DesiredObject *object = desired.value(intent.anchor);
        const auto link = m_links.find(intent.anchor);
        if (link != m_links.end()) {
            // Changed, perhaps: take the cloud's object as the last export.
            m_target->fetch(
                kind, link->cloudId, [this, intent, object, settle, state](const FetchedObject &r) {
                    auto l = m_links.find(intent.anchor);
                    if (l == m_links.end()) {
                        settle();
                        return;
                    }
                    if (r.ok()) {
                        if (object) {
                            const Mapping &mapping = object->kind == ObjectKind::User ? m_config.userMapping
                                                                                      : m_config.groupMapping;
                            const QJsonObject cloud =
                                Planner::managedPart(r.resource, mappedShape(mapping, object->resource));
                            l->exported = cloud;
                            l->digest = Planner::digest(cloud);
                        }
                        if (l->kind == u"group"_s) {
                            l->members.clear();
                            for (const QJsonValue &m : r.resource.value(u"members"_s).toArray())
                                l->members.append(m.toObject().value(u"value"_s).toString());
                            l->members.sort();
                        }
                        m_pendingLinks.append(*l);
                    } else if (r.error == TargetReply::Error::NotFound) {
                        m_pendingUnlinks.append(l->anchor); // gone from the cloud: created again if in scope
                        m_links.erase(l);
                    } else {
                        state->unresolved.insert(intent.anchor);
                    }
                    settle();
                });
            continue;
        }
        if (object) { // still in scope: the run matches it by externalId, as on first sight
            settle();
            continue;
        }
        m_target->find(kind, intent.anchor, {}, [this, intent, kind, settle, state](const FoundObjects &r) {
            if (!r.ok())
                state->unresolved.insert(intent.anchor);
            else if (const QString id = r.byExternalId.value(u"id"_s).toString(); !id.isEmpty()) {
                // Ours only: not marked by, nor linked to, another configuration.
                const QString mark = Planner::markedConfiguration(r.byExternalId, kind);
                if ((mark.isEmpty() || mark == m_config.name) &&
                    m_store.linkOwner(id, m_record.configurationId).isEmpty())
                    state->orphans.append({intent, id});
            }
            settle();
        });
    }
}

void SyncRunner::finishIntentResolution(const std::shared_ptr<IntentResolution> &state)
{
    const auto done = [this, state] {
        flush();
        m_store.clearIntentsExcept(m_record.configurationId, state->unresolved);
        auto next = std::move(state->next);
        next();
    };
    if (state->orphans.isEmpty())
        return done();
    // Objects a killed run created whose directory objects have left the scope since: nothing else knows
    // them, so they are deleted now, unless there are more than the delete threshold allows at once.
    if (state->orphans.size() > m_config.safety.deleteThreshold) {
        result(ObjectKind::User, {}, {}, m_config.name, u"delete"_s, u"warning"_s,
               u"%1 objects created by an interrupted run are no longer in scope, more than the delete "
               u"threshold "
               u"(%2): they are left in the cloud and looked at again by the next run."_s
                   .arg(state->orphans.size())
                   .arg(m_config.safety.deleteThreshold));
        for (const auto &[intent, id] : std::as_const(state->orphans))
            state->unresolved.insert(intent.anchor);
        return done();
    }
    auto waiting = std::make_shared<int>(int(state->orphans.size()));
    for (const auto &orphan : std::as_const(state->orphans)) {
        const auto &intent = orphan.first; // not a structured binding: clang 14 cannot capture one
        const ObjectKind kind = intent.kind == u"group"_s ? ObjectKind::Group : ObjectKind::User;
        ++m_writes;
        m_target->remove(
            kind, orphan.second, {}, [this, intent, kind, waiting, done, state](const TargetReply &r) {
                if (r.ok()) {
                    result(
                        kind, intent.anchor, intent.dn, {}, u"delete"_s, u"success"_s,
                        u"created by an interrupted run (%1) that could not record it, and no longer in scope"_s
                            .arg(intent.runId));
                    setOutcome(intent.anchor, kind, Outcome::Deleted);
                } else {
                    failed(kind, intent.anchor, intent.dn, {}, u"delete"_s, r);
                    state->unresolved.insert(intent.anchor);
                }
                if (--*waiting == 0)
                    done();
            });
    }
}

} // namespace Updraft
