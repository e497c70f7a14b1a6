// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// SyncRunner: what a run reads: the change feed's answer, then only what changed or the whole scope.
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
// here, having read only that. Otherwise the position reached now is kept for the next run, and readSource()
// reads what changed, or the whole scope.
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
    deltaAllowed &= because(!m_store.intents(m_record.configurationId).isEmpty(),
                            u"an interrupted run left writes whose outcome is checked in the cloud"_s);
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
        m_noChangeFeed = u"the directory offers no change feed to this account (%1). %2."_s.arg(
            directory.error().message, directory.dialect().changeFeedAdvice());
        qCInfo(lcSync).noquote() << m_config.name << ": this run reads the whole scope:" << m_noChangeFeed;
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
        else if (!check.deletedIds.isEmpty() && !directory.dialect().changeFeedIdIsAnchor())
            m_fullReadReason = u"entries were deleted, and the change feed names them by another attribute "
                               u"than the anchor (%1)"_s.arg(m_config.source.effectiveAnchorAttribute());
        else
            m_changes = LdapDirectory::Changes{check.changedDns, {}, {}, {}};
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

// The whole scope, or (when the change feed allows) only what changed since the last run; the run's record
// says which, and why everything was read where a change feed was there.
bool SyncRunner::readSource(LdapDirectory &directory, SourceSnapshot &snapshot)
{
    m_fullRead = !m_changes;
    if (m_fullRead) {
        if (!directory.read(m_config.scope, snapshot))
            return false;
        if (!m_fullReadReason.isEmpty() && !m_sync.cookie.isEmpty())
            result(ObjectKind::User, {}, {}, m_config.name, u"read"_s, u"success"_s,
                   u"The whole scope was read: %1."_s.arg(m_fullReadReason));
        else if (!m_noChangeFeed.isEmpty())
            result(ObjectKind::User, {}, {}, m_config.name, u"read"_s, u"success"_s,
                   u"The whole scope was read: %1"_s.arg(m_noChangeFeed));
        return true;
    }
    // The users provisioned so far, and which of them refer to which (a manager, by cloud id or anchor).
    QHash<QString, QString> anchorByReference;
    for (const Link &link : std::as_const(m_links)) {
        if (link.kind != u"user"_s)
            continue;
        m_changes->knownUsers.insert(Ldap::normalizeDn(link.dn), link.anchor);
        anchorByReference.insert(link.cloudId, link.anchor);
        anchorByReference.insert(link.anchor, link.anchor);
    }
    for (const Link &link : std::as_const(m_links))
        if (link.kind == u"user"_s)
            for (const QString &value : link.exported.strings("value"_L1))
                if (const QString anchor = anchorByReference.value(value); !anchor.isEmpty())
                    m_changes->referrers[anchor].append(Ldap::normalizeDn(link.dn));
    if (!directory.readChanges(m_config.scope, *m_changes, snapshot))
        return false;
    for (SourceSnapshot::Carried &c : snapshot.carried)
        c.userName = m_links.value(c.immutableId).exported.strings("userName"_L1).value(0);
    result(ObjectKind::User, {}, {}, m_config.name, u"read"_s, u"success"_s,
           u"Only what changed since the last run was read (entries changed: %1, deleted: %2); the other "
           u"%3 users in scope are as they were. The whole scope is read at least every %4 hours."_s
               .arg(m_changes->dns.size())
               .arg(m_changes->deletedIds.size())
               .arg(snapshot.carried.size())
               .arg(m_config.schedule.fullReadHours));
    return true;
}

// What a read left out, said in the run: objects never synced by design, counted in one row; objects in scope
// without a usable anchor, each a failure (every run until fixed), and their cloud objects kept.
void SyncRunner::reportLeftOut(const SourceSnapshot &snapshot, bool onDemand, bool usersOnly)
{
    // Left out by design (system objects, computers, trusts): said once a run, counted by reason.
    QMap<QString, int> skippedBy;
    for (const auto &[dn, reason] : snapshot.skipped) {
        qCInfo(lcSync) << "skipped" << dn << reason;
        ++skippedBy[reason];
    }
    if (!skippedBy.isEmpty() && !onDemand) {
        QStringList counts;
        for (auto it = skippedBy.cbegin(); it != skippedBy.cend(); ++it)
            counts.append(u"%1 (%2)"_s.arg(it.key()).arg(it.value()));
        result(ObjectKind::User, {}, {}, m_config.name, u"skip"_s, u"success"_s,
               u"%1 entries in scope are never provisioned, by design: %2."_s.arg(snapshot.skipped.size())
                   .arg(counts.join(u"; "_s)));
    }
    // In scope, but impossible to tie to a cloud object: a failure of each, every run until it is fixed.
    for (const SourceSnapshot::Unanchored &u : std::as_const(snapshot.unanchored)) {
        if (usersOnly && u.kind == ObjectKind::Group)
            continue;
        m_unanchoredDns.insert(u.normalizedDn);
        if (onDemand)
            continue;
        result(u.kind, {}, u.dn, Ldap::firstRdnValue(u.dn), u"anchor"_s, u"failed"_s,
               u"Not provisioned: %1."_s.arg(u.reason));
        setOutcome(u"dn:"_s + u.normalizedDn, u.kind, Outcome::Failed);
    }
}

} // namespace Updraft
