// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// SyncRunner: what a run reads: the change feed's answer, then only what changed or the whole scope.
#include "syncrunner.h"

#include "core/logging.h"
#include "source/anchor.h"
#include "source/ldapdirectory.h"
#include "source/ldapdn.h"
#include "store/statestore.h"

#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

// What the change check is asked, and what it found.
struct SyncRunner::ChangeCheck {
    bool firstRead = false;
    bool deltaAllowed = false;
    QByteArray cookie;
    QDateTime fullReadAt;
    QMap<QString, int> hashes;
    int knownUsers = 0;
    QString reason; // why the whole scope is read, found in the store (the first that applies)
    // Found on the worker:
    bool checked = false;
    QString refused;              // the saved position was refused: why
    QString noFeed;               // no change feed for this account: why
    bool refreshRequired = false; // the feed no longer knows the position
    LdapConnection::SyncCheck result;
};

void SyncRunner::offThread(std::function<void()> work, std::function<void()> then)
{
    if (m_worker) {
        m_worker->wait();
        m_worker.release()->deleteLater();
    }
    m_worker.reset(QThread::create(std::move(work)));
    m_worker->setObjectName(u"read %1"_s.arg(m_config.name));
    connect(m_worker.get(), &QThread::finished, this, std::move(then), Qt::QueuedConnection);
    m_worker->start();
}

// Delta reads: when the directory's change feed (RFC 4533) says nothing changed since the last completed run,
// and nothing else waits (approved deletes, hash retries, a full reconciliation that is due), the run ends
// there, having read only that. Otherwise the position reached now is kept for the next run, and readSource()
// reads what changed, or the whole scope.
void SyncRunner::checkChangesThenRead()
{
    if (m_options.dryRun || !m_record.configurationId)
        return readThenPlan();
    auto check = std::make_shared<ChangeCheck>(planChangeCheck());
    offThread([this, check] { runChangeCheck(*check); },
              [this, check] {
                  if (m_cancelRequested)
                      return afterRead();
                  if (!finishIfNothingChanged(*check))
                      readThenPlan();
              });
}

SyncRunner::ChangeCheck SyncRunner::planChangeCheck() const
{
    ChangeCheck c;
    const SyncState state = m_store.syncState(m_record.configurationId);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // Why this run reads everything, when it does; the first reason that applies.
    // A first read (no position in the change feed yet) needs no reason.
    c.firstRead = state.cookie.isEmpty() || !state.fullReadAt.isValid();
    c.cookie = state.cookie;
    c.fullReadAt = state.fullReadAt;
    QString reason;
    const auto because = [&reason, &c](bool condition, const QString &why) {
        if (condition && reason.isEmpty() && !c.firstRead)
            reason = why;
        return !condition;
    };
    bool deltaAllowed = !c.firstRead;
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
    if (m_config.passwordHashSync) {
        bool retry = false;
        for (const PasswordHashState &h : m_store.passwordHashes(m_record.configurationId)) {
            ++c.hashes[h.status];
            retry |= h.nextAttempt.isValid() && h.nextAttempt <= now; // a retry is due
            retry |= h.status == QLatin1StringView(PasswordHashState::Synced) && h.digest.isEmpty(); // resync
        }
        deltaAllowed &= because(retry, u"password hashes are due to be sent again"_s);
    }
    c.deltaAllowed = deltaAllowed;
    c.reason = reason;
    c.knownUsers = m_store.linkCount(m_record.configurationId, u"user"_s);
    return c;
}

// On the worker: the directory only. A check with a cookie keeps what changed, for a read of only that; past
// a fifth of what is provisioned, reading everything is cheaper than reading entry by entry.
void SyncRunner::runChangeCheck(ChangeCheck &c) const
{
    m_directory->setKeepChanges(qMax(1000, c.knownUsers / 5));
    c.checked = m_directory->checkChanges(c.deltaAllowed ? c.cookie : QByteArray(), c.result);
    if (!c.checked && c.deltaAllowed) {
        // A cookie the server no longer takes (another DC, an expired DirSync cookie): start over.
        c.refused = m_directory->error().message;
        c.deltaAllowed = false;
        c.checked = m_directory->checkChanges({}, c.result);
    }
    if (!c.checked) {
        c.noFeed = m_directory->error().message;
        return;
    }
    if (c.result.refreshRequired) {
        c.refreshRequired = true;
        c.deltaAllowed = false;
        c.checked = m_directory->checkChanges({}, c.result);
    }
}

bool SyncRunner::finishIfNothingChanged(const ChangeCheck &c)
{
    m_fullReadReason = c.reason;
    if (!c.refused.isEmpty()) {
        if (m_fullReadReason.isEmpty())
            m_fullReadReason =
                u"the change feed refused the position saved by the last run (%1)"_s.arg(c.refused);
        qCInfo(lcSync) << m_config.name << ": the change feed refused the saved position:" << c.refused;
    }
    if (!c.noFeed.isEmpty()) {
        m_noChangeFeed = u"the directory offers no change feed to this account (%1). %2."_s.arg(
            c.noFeed, m_directory->dialect().changeFeedAdvice());
        qCInfo(lcSync).noquote() << m_config.name << ": this run reads the whole scope:" << m_noChangeFeed;
        return false;
    }
    if (c.refreshRequired) {
        m_fullReadReason = u"the change feed no longer knows the position saved by the last run (its log "
                           u"was overtaken, or another server answered)"_s;
        if (!c.checked)
            return false;
    }
    const LdapConnection::SyncCheck &check = c.result;
    m_sync = {check.cookie, c.fullReadAt};
    if (c.deltaAllowed && check.changed()) {
        if (check.presentPhase)
            m_fullReadReason = u"the change feed listed what is present rather than what was deleted (no "
                               u"session log on the server)"_s;
        else if (!check.changesKept)
            m_fullReadReason =
                u"over %1 entries changed: reading everything is quicker"_s.arg(qMax(1000, c.knownUsers / 5));
        else if (!check.deletedIds.isEmpty() && !m_directory->dialect().changeFeedIdIsAnchor())
            m_fullReadReason = u"entries were deleted, and the change feed names them by another attribute "
                               u"than the anchor (%1)"_s.arg(m_config.source.effectiveAnchorAttribute());
        else
            m_changes = LdapDirectory::Changes{check.changedDns, {}, {}, {}};
        if (m_changes)
            for (const QByteArray &id : std::as_const(check.deletedIds))
                m_changes->deletedIds.insert(Anchor::immutableId(id));
    }
    if (!c.deltaAllowed || check.changed())
        return false;

    // Counted in the store: an idle run reads no link.
    m_record.objectsRead = check.entries;
    m_record.users.unchanged = m_store.linkCount(m_record.configurationId, u"user"_s);
    m_record.groups.unchanged = m_store.linkCount(m_record.configurationId, u"group"_s);
    m_record.passwordHashes = c.hashes;
    finish();
    return true;
}

// The whole scope, or (when the change feed allows) only what changed since the last run, on the worker; then
// planned on the runner's thread, the run's record saying which was read, and why everything was read where a
// change feed was there.
void SyncRunner::readThenPlan()
{
    if (m_record.configurationId)
        m_links = m_store.links(m_record.configurationId);
    m_fullRead = !m_changes;
    if (m_changes) {
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
    }
    offThread([this] { m_readOk = readSource(); },
              [this] {
                  if (m_readOk && !m_fullRead) {
                      for (SourceSnapshot::Carried &c : m_snapshot.carried)
                          c.userName = m_links.value(c.immutableId).exported.strings("userName"_L1).value(0);
                      result(ObjectKind::User, {}, {}, m_config.name, u"read"_s, u"success"_s,
                             u"Only what changed since the last run was read (entries changed: %1, deleted: "
                             u"%2); the other %3 users in scope are as they were. The whole scope is read at "
                             u"least every %4 hours."_s.arg(m_changes->dns.size())
                                 .arg(m_changes->deletedIds.size())
                                 .arg(m_snapshot.carried.size())
                                 .arg(m_config.schedule.fullReadHours));
                  } else if (m_readOk && !m_fullReadReason.isEmpty() && !m_sync.cookie.isEmpty()) {
                      result(ObjectKind::User, {}, {}, m_config.name, u"read"_s, u"success"_s,
                             u"The whole scope was read: %1."_s.arg(m_fullReadReason));
                  } else if (m_readOk && !m_noChangeFeed.isEmpty()) {
                      result(ObjectKind::User, {}, {}, m_config.name, u"read"_s, u"success"_s,
                             u"The whole scope was read: %1"_s.arg(m_noChangeFeed));
                  }
                  afterRead();
              });
}

// On the worker: the directory only, into m_snapshot.
bool SyncRunner::readSource()
{
    if (m_fullRead)
        return m_directory->read(m_config.scope, m_snapshot);
    return m_directory->readChanges(m_config.scope, *m_changes, m_snapshot);
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
