// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// SyncRunner: what is decided before anything is written: the change check of a delta read, and the
// deletes with their causes and the delete threshold.
#include "syncrunner.h"

#include "core/logging.h"
#include "source/anchor.h"
#include "source/ldapdirectory.h"
#include "source/ldapdn.h"
#include "store/statestore.h"

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

// Delta reads: when the directory's change feed (RFC 4533) says nothing changed since the last completed run,
// and nothing else waits (approved deletes, hash retries, a full reconciliation that is due), the run ends
// here, having read only that. Otherwise the position reached now is kept for the next run, and the whole
// scope is read.
bool SyncRunner::finishIfNothingChanged(LdapDirectory &directory)
{
    if (m_options.dryRun || !m_record.configurationId)
        return false;
    const SyncState state = m_store.syncState(m_record.configurationId);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // Why this run reads everything, when it does; the first reason that applies.
    // A first read (no position in the change feed yet) needs no reason.
    const bool firstRead = state.cookie.isEmpty() || !state.fullReadAt.isValid();
    const auto because = [this, firstRead](bool condition, const QString &reason) {
        if (condition && m_fullReadReason.isEmpty() && !firstRead)
            m_fullReadReason = reason;
        return !condition;
    };
    bool deltaAllowed = !firstRead;
    deltaAllowed &= because(m_options.full, u"a full read was asked for"_s);
    deltaAllowed &= because(m_scopeChanged, u"the scope changed"_s);
    deltaAllowed &= because(m_previousStatus != u"success"_s,
                            u"the last run did not end in success, so what it left is tried again"_s);
    deltaAllowed &=
        because(state.fullReadAt.isValid() &&
                    state.fullReadAt.addSecs(qint64(m_config.schedule.fullReadHours) * 3600) <= now,
                u"the periodic full read (every %1 hours)"_s.arg(m_config.schedule.fullReadHours));
    bool approved = false;
    for (const StagedDelete &d : m_store.stagedDeletes(m_record.configurationId))
        approved |= d.decision == u"approved"_s;
    deltaAllowed &= because(approved, u"approved deletes are carried out"_s);
    // Records a target accepted and has not reported on yet: this run reads its results, and sends again
    // what failed.
    deltaAllowed &=
        because(m_config.target.isEntra() && m_store.acceptedResultsWaiting(m_record.configurationId) > 0,
                u"the cloud directory has results to report"_s);
    QMap<QString, int> hashes;
    if (m_config.passwordHashSync) {
        bool retry = false;
        for (const PasswordHashState &h : m_store.passwordHashes(m_record.configurationId)) {
            ++hashes[h.status];
            retry |= h.nextAttempt.isValid() && h.nextAttempt <= now; // a retry is due
            retry |= h.status == QLatin1StringView(PasswordHashState::Synced) && h.digest.isEmpty(); // resync
        }
        deltaAllowed &= because(retry, u"password hashes are due to be sent again"_s);
    }
    // A check with a cookie keeps what changed, for a read of only that; past a fifth of what is provisioned,
    // reading everything is cheaper than reading entry by entry.
    const int knownUsers = m_store.linkCount(m_record.configurationId, u"user"_s);
    directory.setKeepChanges(qMax(1000, knownUsers / 5));
    LdapConnection::SyncCheck check;
    bool checked = directory.checkChanges(deltaAllowed ? state.cookie : QByteArray(), check);
    if (!checked && deltaAllowed) {
        // A cookie the server no longer takes (another DC, an expired DirSync cookie): start over.
        m_fullReadReason = u"the change feed refused the position saved by the last run (%1)"_s.arg(
            directory.error().message);
        qCInfo(lcSync) << m_config.name << ":" << m_fullReadReason;
        deltaAllowed = false;
        checked = directory.checkChanges({}, check);
    }
    if (!checked) {
        qCInfo(lcSync) << m_config.name
                       << ": no change feed (no syncprov on OpenLDAP, no DirSync right on AD, or the check "
                          "failed); this run reads the whole scope:"
                       << directory.error().message;
        return false;
    }
    if (check.refreshRequired) {
        m_fullReadReason = u"the change feed no longer knows the position saved by the last run (its log "
                           u"was overtaken, or another server answered)"_s;
        deltaAllowed = false;
        if (!directory.checkChanges({}, check))
            return false;
    }
    m_sync = {check.cookie, state.fullReadAt};
    if (deltaAllowed && check.changed()) {
        if (check.presentPhase)
            m_fullReadReason = u"the change feed listed what is present rather than what was deleted (no "
                               u"session log on the server)"_s;
        else if (!check.changesKept)
            m_fullReadReason =
                u"over %1 entries changed: reading everything is quicker"_s.arg(qMax(1000, knownUsers / 5));
        else
            m_changes = LdapDirectory::Changes{check.changedDns, {}, {}};
        if (m_changes)
            for (const QByteArray &id : std::as_const(check.deletedIds))
                m_changes->deletedIds.insert(Anchor::immutableId(id));
    }
    if (!deltaAllowed || check.changed())
        return false;

    // Counted in the store: an idle run reads no link.
    m_record.objectsRead = check.entries;
    m_record.users.unchanged = m_store.linkCount(m_record.configurationId, u"user"_s);
    m_record.groups.unchanged = m_store.linkCount(m_record.configurationId, u"group"_s);
    m_record.passwordHashes = hashes;
    finish();
    return true;
}

bool SyncRunner::planDeletes(LdapDirectory &directory)
{
    QList<PlannedChange> deletes = Planner::planDeletes(m_desired->anchors(), m_links);
    if (!m_options.only.isEmpty()) // on demand: the chosen objects' deletes, and no other
        deletes.removeIf([this](const PlannedChange &d) { return !m_options.only.contains(d.anchor); });
    const int provisioned = int(m_links.size());
    // A target that takes users only (Entra's inbound provisioning) has only users provisioned.
    const int inScope =
        m_config.target.isEntra() ? int(m_desired->users().size()) : int(m_desired->anchors().size());
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

} // namespace Updraft
