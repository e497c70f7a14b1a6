// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// SyncRunner: what is decided before anything is written: one run at a time, an anchor fixed once linked, the
// deletes with their causes and the delete threshold, and the plan a dry run shows.
#include "syncrunner.h"

#include "core/logging.h"
#include "core/resource.h"
#include "source/ldapdirectory.h"
#include "source/ldapdn.h"
#include "store/statestore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

// One run per configuration at a time, across processes (console, agent, CLI). False, with the run failed,
// when another holds it or it cannot be created.
bool SyncRunner::takeRunLock()
{
    const QDir locks(m_store.localDirectory() + u"/locks"_s);
    locks.mkpath(u"."_s);
    // Named by a digest: any configuration name makes a short, valid file name.
    m_lock = std::make_unique<QLockFile>(locks.filePath(
        QString::fromLatin1(
            QCryptographicHash::hash(m_config.name.toUtf8(), QCryptographicHash::Sha256).toHex().left(32)) +
        u".lock"_s));
    m_lock->setStaleLockTime(0); // only a lock whose process is gone is stale
    if (!m_lock->tryLock(0) && m_lock->error() != QLockFile::LockFailedError) {
        m_lock.reset();
        fail(u"Cannot create the run lock of %1 in %2 (no write access there, or the disk is full); this run "
             u"did not start."_s.arg(m_config.name, locks.path()));
        return false;
    }
    if (!m_lock->isLocked()) {
        qint64 pid = 0;
        QString host, app;
        m_lock->getLockInfo(&pid, &host, &app);
        m_lock.reset();
        fail(u"Another run of %1 is in progress (process %2 on %3); this one did not start."_s.arg(
            m_config.name, QString::number(pid), host));
        return false;
    }
    return true;
}

// The anchor ties each object to its cloud object for life: once objects are linked by one attribute, another
// cannot take over (every object would look new, and the linked ones gone).
QString SyncRunner::anchorChangeRefused(const QJsonObject &storedSource) const
{
    DirectoryType storedType = DirectoryType::OpenLdap;
    DirectoryTypes::fromKey(storedSource.value(u"type"_s).toString(), &storedType);
    QString before = storedSource.value(u"anchorAttribute"_s).toString();
    if (before.isEmpty())
        before = DirectoryTypes::defaultAnchorAttribute(storedType);
    const QString now = m_config.source.effectiveAnchorAttribute();
    if (before.compare(now, Qt::CaseInsensitive) == 0 || !m_record.configurationId)
        return {};
    const int linked = m_store.linkCount(m_record.configurationId, u"user"_s) +
                       m_store.linkCount(m_record.configurationId, u"group"_s);
    if (linked == 0)
        return {};
    return u"The anchor attribute is now %1, but the %2 objects provisioned so far are tied to their cloud "
           u"objects by %3, and an anchor is fixed once objects are linked: nothing was read or written. Set "
           u"source.anchorAttribute back to %3 (and source.type as it was). To change the anchor, first "
           u"empty "
           u"the scope and run once, so that the objects linked by %3 are removed."_s.arg(now)
               .arg(linked)
               .arg(before);
}

bool SyncRunner::planDeletes(LdapDirectory &directory)
{
    QList<PlannedChange> deletes = Planner::planDeletes(m_desired->anchors(), m_links);
    if (!m_options.only.isEmpty()) // on demand: the chosen objects' deletes, and no other
        deletes.removeIf([this](const PlannedChange &d) { return !m_options.only.contains(d.anchor); });
    const int provisioned = int(m_links.size());
    // A target that takes users only (Entra's inbound provisioning) has only users provisioned.
    const int inScope =
        (m_config.target.isEntra() ? int(m_desired->users().size()) : int(m_desired->anchors().size())) +
        int(m_unanchoredDns.size());
    // An object whose anchor can no longer be read is still there: its cloud object stays (the run counts it
    // as failed).
    deletes.removeIf([this](const PlannedChange &d) {
        const auto link = m_links.constFind(d.anchor);
        return link != m_links.cend() && m_unanchoredDns.contains(Ldap::normalizeDn(link->dn));
    });
    // Far fewer objects than provisioned (under 5 %), with the same scope: a fault of the source, not a mass
    // leave. Smaller drops go through the delete threshold, which tells moved objects from deleted ones.
    if (!m_scopeChanged && !m_config.scope.isEmpty() && provisioned >= 100 && inScope * 20 < provisioned) {
        fail(u"The directory returned %1 objects in scope where %2 are provisioned, and the scope did not "
             u"change. "
             u"This is treated as a fault of the directory (a renamed OU? entries hidden by an ACL?), and "
             u"nothing "
             u"was written. If so many objects really left, change the scope, or approve the deletes."_s
                 .arg(inScope)
                 .arg(provisioned));
        return false;
    }

    // Why each object goes: look up where it is now.
    QStringList anchors;
    for (const PlannedChange &d : deletes)
        anchors.append(d.anchor);
    QHash<QString, QString> dnNow;
    const bool located = directory.locate(anchors, dnNow);
    if (!located)
        qCWarning(lcSync) << m_config.name
                          << ": cannot tell why objects left scope:" << directory.error().message;
    QList<DeleteCandidate> candidates;
    for (const PlannedChange &d : deletes)
        candidates.append({d, deleteCause(d, located, dnNow.value(d.anchor))});

    QList<StagedDelete> staged =
        m_record.configurationId ? m_store.stagedDeletes(m_record.configurationId) : QList<StagedDelete>();
    if (!m_options.only.isEmpty()) // on demand, other objects' staged deletes are neither decided nor dropped
        staged.removeIf([this](const StagedDelete &d) { return !m_options.only.contains(d.anchor); });
    m_deletePlan = planDeleteGuard(candidates, staged, m_config.safety, provisioned);
    if (!m_options.dryRun)
        for (const QString &anchor : std::as_const(m_deletePlan.unstage))
            m_store.removeStagedDelete(m_record.configurationId, anchor);
    if (!m_deletePlan.tripped)
        return true;

    const QString message = u"Delete threshold: this run would delete %1 objects, more than the threshold of "
                            u"%2 (safety.deleteThreshold). "
                            u"Nothing was written. The deletes are staged: review them with `updraft-cli "
                            u"deletes %3`, then approve or "
                            u"reject them."_s.arg(m_deletePlan.fresh)
                                .arg(m_deletePlan.threshold)
                                .arg(m_config.name);
    for (StagedDelete &s : m_deletePlan.stage) {
        s.runId = m_record.id;
        if (!m_options.dryRun)
            m_store.stageDelete(m_record.configurationId, s);
        result(s.kind == u"group"_s ? ObjectKind::Group : ObjectKind::User, s.anchor, s.dn, s.displayName,
               u"delete"_s, u"staged"_s, s.cause);
    }
    if (m_options.dryRun) {
        m_record.message = message;
        return true;
    }
    stopByGuard(message);
    return false;
}

QString SyncRunner::deleteCause(const PlannedChange &d, bool located, const QString &dnNow) const
{
    if (!located)
        return u"no longer in scope, or deleted from the directory"_s;
    if (dnNow.isEmpty())
        return u"deleted from the directory"_s;
    if (m_scopeChanged)
        return u"the configuration's scope changed"_s;
    const QString now = Ldap::normalizeDn(dnNow);
    if (now != Ldap::normalizeDn(d.dn))
        return u"moved out of scope, to %1"_s.arg(dnNow);
    bool underScopeOu = false;
    for (const QString &ou : m_config.scope.organizationalUnits)
        underScopeOu |= Ldap::isWithin(now, Ldap::normalizeDn(ou));
    if (underScopeOu && !m_config.scope.filter.isEmpty())
        return u"no longer matches scope.filter"_s;
    if (!m_config.scope.groups.isEmpty())
        return u"no longer a member of a scoping group"_s;
    return u"no longer in scope"_s;
}

void SyncRunner::dryRun()
{
    for (const QList<DesiredObject> *list : {&m_desired->users(), &m_desired->groups()}) {
        for (const DesiredObject &o : *list) {
            const auto link = m_links.constFind(o.anchor);
            const PlannedChange c = Planner::plan(o, link == m_links.cend() ? nullptr : &*link);
            if (c.action == PlannedAction::Unchanged) {
                setOutcome(o.anchor, o.kind, Outcome::Unchanged);
                continue;
            }
            result(o.kind, o.anchor, o.dn, o.displayName, Planner::actionName(c.action), u"planned"_s,
                   o.warnings.join(u' '), c.changed,
                   c.action == PlannedAction::Update
                       ? Resource::attributeChanges(m_links.value(o.anchor).exported, o.resource)
                       : QJsonArray());
            setOutcome(o.anchor, o.kind,
                       c.action == PlannedAction::Create ? Outcome::Created : Outcome::Updated);
        }
    }
    for (const DesiredObject &g : m_desired->groups()) {
        const auto link = m_links.constFind(g.anchor);
        if (link == m_links.cend())
            continue;
        QStringList desired;
        bool incomplete = false;
        for (const MemberReference &r : m_desired->members(g, m_links, m_nested, &incomplete))
            desired.append(r.id);
        MembershipChange m = Planner::planMembers(desired, link->members);
        if (incomplete)
            m.remove.clear(); // as the run: a member list read only in part is added to, never shrunk
        if (!m.isEmpty()) {
            result(ObjectKind::Group, g.anchor, g.dn, g.displayName, u"update"_s, u"planned"_s,
                   u"members: %1 to add, %2 to remove"_s.arg(m.add.size()).arg(m.remove.size()),
                   {u"members"_s});
            setOutcome(g.anchor, ObjectKind::Group, Outcome::Updated);
        }
    }
    for (const PlannedChange &d : std::as_const(m_deletePlan.execute)) {
        result(d.kind, d.anchor, d.dn, d.displayName, u"delete"_s, u"planned"_s, d.reason);
        setOutcome(d.anchor, d.kind, Outcome::Deleted);
    }
    finish();
}

} // namespace Updraft
