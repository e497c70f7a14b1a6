// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncrunner.h"

#include "core/logging.h"
#include "leadership.h"
#include "passwordhashexport.h"
#include "source/dialect.h"
#include "source/ldapdirectory.h"
#include "store/statestore.h"
#include "target/target.h"

#include <QLockFile>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

// Results and links go to the store a transaction at a time: once 200 wait and a quarter of a second has
// passed since the last (each commit writes again every page it touches), or once 2,000 wait.
constexpr int FlushEvery = 200;
constexpr int FlushMost = 2000;
constexpr int FlushIntervalMs = 250;

} // namespace

SyncRunner::SyncRunner(Configuration configuration, StateStore &store, RunOptions options, QObject *parent)
    : QObject(parent)
    , m_config(std::move(configuration))
    , m_store(store)
    , m_options(std::move(options))
{
    m_record.configurationName = m_config.name;
    m_record.trigger = m_options.trigger;
    m_sinceFlush.start();
}

SyncRunner::~SyncRunner()
{
    // A read in progress uses the runner: it ends first (libldap's own timeouts bound it).
    if (m_worker)
        m_worker->wait();
}

void SyncRunner::start()
{
    m_record.startedAt = QDateTime::currentDateTimeUtc();
    m_record.status = u"running"_s;
    const bool onDemand = !m_options.only.isEmpty();
    QString anchorChange;
    if (const auto stored = m_store.configuration(m_config.name)) {
        m_record.configurationId = stored->id;
        // A run on demand leaves the configuration as stored, so a scope change stays for the next full run
        // to notice.
        m_scopeChanged = !onDemand && stored->definition.value(u"scope"_s).toObject() !=
                                          m_config.toJson().value(u"scope"_s).toObject();
        anchorChange = anchorChangeRefused(stored->definition.value(u"source"_s).toObject());
    } else if (onDemand) {
        return fail(u"Provisioning on demand needs the configuration %1 in the store: import or run it "
                    u"first."_s.arg(m_config.name));
    }
    // The last run that took on the whole scope: one on demand wrote only its chosen objects, so its success
    // says nothing about the others (a delta read after it must not skip what an earlier run left to retry).
    for (const RunRecord &last : m_store.runs(m_config.name, 20)) {
        if (last.trigger != u"on-demand"_s) {
            m_previousStatus = last.status;
            break;
        }
    }
    if (!m_options.dryRun) {
        if (!takeRunLock())
            return;
        QString error;
        if (!anchorChange.isEmpty()) { // recorded, and the stored configuration stays as it was
            if (!takeLease())
                return;
            m_record.id = m_store.startRun(m_record.configurationId, m_options.trigger, leaseHolder(),
                                           m_lease ? m_lease->generation : 0);
            return fail(anchorChange);
        }
        if (!onDemand &&
            !m_store.saveConfiguration(m_config.name, m_config.toJson(), &m_record.configurationId, &error))
            return fail(error);
        if (!takeLease())
            return;
        m_record.id = m_store.startRun(m_record.configurationId, m_options.trigger, leaseHolder(),
                                       m_lease ? m_lease->generation : 0);
        if (!m_record.id)
            return fail(u"Cannot record the run in the state store: %1"_s.arg(m_store.lastError()));
    }
    if (!anchorChange.isEmpty()) // a dry run
        return fail(anchorChange);
    QString error;
    if (!m_config.source.bindPassword.resolve(m_bindPassword, u"source.bindPassword"_s, &error) ||
        !m_config.target.token.resolve(m_token, m_config.target.secretKey(), &error))
        return fail(error);

    Q_EMIT progress(u"Reading directory"_s, 0, 0);
    m_dialect = Dialect::create(m_config.source.type, m_config.source.anchorAttribute);
    m_directory = std::make_unique<LdapDirectory>(m_config.source.ldapSettings(m_bindPassword),
                                                  m_config.source.baseDn, *m_dialect);
    m_directory->setUserAttributes(m_config.userMapping.sourceAttributes());
    m_directory->setGroupAttributes(m_config.groupMapping.sourceAttributes());
    m_directory->setReadCredentials(m_config.passwordHashSync && !m_options.dryRun);
    m_directory->setChangeDetection(m_config.source.changeDetection);
    // Both are called on the read worker: the progress goes out on the runner's thread.
    m_directory->setProgressHandler([this](qint64 read) {
        QMetaObject::invokeMethod(
            this, [this, read] { Q_EMIT progress(u"Reading directory"_s, int(read), 0); },
            Qt::QueuedConnection);
    });
    m_variables = {{u"domain"_s, m_config.domain}};
    m_directory->setObjectHandler([this](SourceObject &o) {
        DesiredState::mapEarly(o, m_config.userMapping, m_config.groupMapping, m_variables);
    });
    // On demand, the whole scope is read (the chosen object's references and userName need it) and the
    // change-feed position is left where the last run put it.
    if (onDemand)
        readThenPlan();
    else
        checkChangesThenRead();
}

void SyncRunner::afterRead()
{
    if (m_cancelRequested)
        return end(u"interrupted"_s,
                   u"Stopped on request while the directory was read; nothing was written, and "
                   u"the next run reads it again."_s);
    if (!m_readOk)
        return fail(m_directory->error().message);
    const bool onDemand = !m_options.only.isEmpty();
    SourceSnapshot &snapshot = m_snapshot;
    m_record.objectsRead = snapshot.entriesRead;
    m_credentials = std::move(snapshot.credentials);
    if (m_config.passwordHashSync && m_config.source.passwordHashes.replication() && !m_options.dryRun)
        replicateHashes(m_bindPassword);

    // An empty answer where objects were provisioned is a fault of the source, never "everything was
    // deleted". Only an explicitly empty scope empties the cloud. A target that takes users only has
    // nothing but users to lose.
    const bool usersOnly = m_config.target.isEntra();
    if (!m_config.scope.isEmpty() && snapshot.users.isEmpty() && snapshot.carried.isEmpty() &&
        snapshot.unanchored.isEmpty() && (usersOnly || snapshot.groups.isEmpty()) && !m_links.isEmpty())
        return fail(
            u"The directory returned no objects in scope, but %1 objects were provisioned before. This is "
            u"treated as a fault of the directory or of the scope (renamed OU? missing read rights?), and "
            u"nothing was deleted. To remove everything on purpose, empty the scope."_s.arg(m_links.size()));

    Q_EMIT progress(u"Planning"_s, 0, 0);
    m_desired =
        std::make_unique<DesiredState>(snapshot, m_config.userMapping, m_config.groupMapping, m_variables,
                                       QSet<QString>(m_links.keyBegin(), m_links.keyEnd()));
    reportLeftOut(snapshot, onDemand, usersOnly);
    for (const SourceSnapshot::Carried &c : std::as_const(snapshot.carried))
        setOutcome(c.immutableId, ObjectKind::User, Outcome::Unchanged);
    // Mapped: the entries as read are not needed any more.
    m_snapshot = {};
    for (const DesiredState::Failure &f : m_desired->failures()) {
        if (onDemand && !m_options.only.contains(f.anchor))
            continue;
        m_exportErrors.insert(f.anchor, f.message);
        result(f.kind, f.anchor, f.dn, {}, u"map"_s, u"failed"_s, f.message);
        setOutcome(f.anchor, f.kind, Outcome::Failed);
    }
    for (QList<DesiredObject> *list : {&m_desired->users(), &m_desired->groups()}) {
        // Everything in scope still counts for references and memberships; only the chosen objects are
        // exported.
        if (onDemand)
            list->removeIf([this](const DesiredObject &o) { return !m_options.only.contains(o.anchor); });
        for (DesiredObject &o : *list)
            m_desired->resolve(o, m_links);
    }

    if (m_scopeChanged)
        result(ObjectKind::User, {}, {}, m_config.name, u"scope-change"_s, u"success"_s,
               u"The scope changed since the last run: objects that left it are deleted with cause \"the "
               u"configuration's scope changed\"."_s);
    if (!planDeletes(*m_directory))
        return;
    QString error;
    TargetSettings settings = m_config.target.settings(m_token);
    settings.entra.callsUsedToday =
        m_store.budgetedCalls(budgetKey(), QDateTime::currentDateTimeUtc().date());
    m_target = createTarget(settings, &error);
    if (!m_target)
        return fail(error);
    // What the target supports decides what is sent; a dry run asks too (reads only): its plan must be the
    // one a run would carry out.
    m_target->discover([this](const TargetReply &r) {
        if (!r.ok())
            return fail(u"The cloud directory cannot be used: %1"_s.arg(r.message));
        targetDiscovered();
    });
}

void SyncRunner::targetDiscovered()
{
    const TargetCapabilities &can = m_target->capabilities();
    // Kept for the configuration page: what the service says it supports is part of how it is set up.
    if (m_record.id)
        m_store.saveDiscoveredTarget(m_record.configurationId,
                                     {m_config.target.url.toString(QUrl::RemoveUserInfo), can.summary,
                                      can.assumptions, QDateTime::currentDateTimeUtc()});
    if (!can.assumptions.isEmpty())
        result(ObjectKind::User, {}, {}, m_config.name, u"discover"_s, u"warning"_s,
               u"The cloud directory did not say everything Updraft asks it: %1. It supports: %2."_s.arg(
                   can.assumptions.join(u"; "_s), can.summary.join(u"; "_s)));
    if (!can.groups && !m_desired->groups().isEmpty()) {
        result(ObjectKind::Group, {}, {}, m_config.name, u"skip"_s, u"warning"_s,
               u"The cloud directory takes users only: the %1 groups in scope are not provisioned."_s.arg(
                   m_desired->groups().size()));
        m_desired->groups().clear();
    }
    if (!can.nestedGroups)
        m_nested = m_config.target.nestedGroups == u"skip"_s ? DesiredState::NestedGroups::Skip
                                                             : DesiredState::NestedGroups::Flatten;
    // A target that takes Updraft's provenance mark gets each object marked with the configuration that
    // provisions it, so that another configuration or installation can tell it is taken.
    if (can.ownerMark)
        m_desired->setOwner(m_config.name);
    m_desired->setReferencesByAnchor(can.referencesByExternalId);
    m_desired->setConformer([target = m_target.get()](ObjectKind kind, const QJsonObject &r) {
        return target->conform(kind, r);
    });
    QMap<QString, int> dropped; // attribute -> objects it was left out of
    QList<std::tuple<ObjectKind, QString, QString>> missing;
    for (QList<DesiredObject> *list : {&m_desired->users(), &m_desired->groups()}) {
        for (DesiredObject &o : *list) {
            m_desired->resolve(o, m_links);
            for (const QString &a : std::as_const(o.dropped))
                ++dropped[(o.kind == ObjectKind::User ? u"User "_s : u"Group "_s) + a];
            if (!o.missingRequired.isEmpty())
                missing.append({o.kind, o.anchor,
                                u"The cloud directory requires %1, which is empty for this object: map it "
                                u"(the configuration's mapping) or fill it in the directory."_s.arg(
                                    o.missingRequired.join(u", "_s))});
        }
    }
    // One warning per attribute and run, not one failure per object.
    for (auto it = dropped.cbegin(); it != dropped.cend(); ++it)
        result(
            ObjectKind::User, {}, {}, m_config.name, u"map"_s, u"warning"_s,
            u"The cloud directory has no writable attribute %1: it is left out of every object (%2)."_s.arg(
                it.key(), it.value() == 1 ? u"1 object"_s : u"%1 objects"_s.arg(it.value())));
    m_desired->releaseResolved();
    for (const auto &[kind, anchor, message] : missing) {
        m_desired->fail(kind, anchor, message);
        const DesiredState::Failure &f = m_desired->failures().last();
        m_exportErrors.insert(anchor, message);
        result(kind, anchor, f.dn, {}, u"map"_s, u"failed"_s, message);
        setOutcome(anchor, kind, Outcome::Failed);
    }
    if (m_options.dryRun)
        dryRun();
    else if (can.deferredResults)
        collectDeferredResults();
    else
        resolveIntents([this] { exportObjects(ObjectKind::User); });
}

void SyncRunner::beginPhase(const QString &name, int total, std::function<void()> next, int alreadyDone)
{
    if (stopIfLeaseLost())
        return;
    if (m_cancelRequested && !m_finished) {
        // Stop between batches: what went out is recorded, and the next run carries on from there.
        flush();
        end(u"interrupted"_s, u"Stopped on request before \"%1\"; everything done until then is recorded, "
                              u"and the next run continues from there."_s.arg(name));
        return;
    }
    m_phase = name;
    m_phaseTotal = total;
    m_phaseDone = alreadyDone;
    m_next = std::move(next);
    Q_EMIT progress(m_phase, alreadyDone, total);
    if (total == alreadyDone) {
        auto continuation = std::move(m_next);
        continuation();
    }
}

void SyncRunner::operationDone()
{
    ++m_phaseDone;
    Q_EMIT progress(m_phase, m_phaseDone, m_phaseTotal);
    const qsizetype waiting = m_pendingResults.size() + m_pendingLinks.size();
    if (waiting >= FlushMost || (waiting >= FlushEvery && m_sinceFlush.hasExpired(FlushIntervalMs)))
        flush();
    if (m_waveNext < m_wave.size())
        feedWave();
    if (m_phaseDone == m_phaseTotal) {
        auto continuation = std::move(m_next);
        continuation();
    }
}

// Every result is in the store; in memory (results()) only what the caller asked to keep.
void SyncRunner::keepResult(const RunResult &r)
{
    if (m_options.keepResults || m_options.dryRun || r.outcome != u"success"_s || r.anchor.isEmpty())
        m_allResults.append(r);
}

void SyncRunner::result(ObjectKind kind, const QString &anchor, const QString &dn, const QString &name,
                        const QString &action, const QString &outcome, const QString &message,
                        const QStringList &changes, const QJsonArray &diff)
{
    RunResult r{Planner::kindName(kind), anchor, dn, name, action, outcome, message, changes, diff};
    // A target that processes writes later has only accepted them: the outcome is attached when it says.
    if (outcome == u"success"_s && kind == ObjectKind::User && !anchor.isEmpty() && m_target &&
        m_target->capabilities().writesDeferred &&
        (action == u"create"_s || action == u"update"_s || action == u"disable"_s)) {
        // Outcomes that can never be read stay "success", said to be only accepted.
        if (m_target->capabilities().deferredResults)
            r.outcome = u"accepted"_s;
        const QString retried = m_deferredFailures.value(anchor);
        r.message = u"accepted; %1"_s.arg(m_target->capabilities().deferredResults
                                              ? u"its outcome is attached when the target reports it"_s
                                              : u"the target's outcome cannot be read"_s);
        if (!retried.isEmpty())
            r.message += u" (sent again: %1)"_s.arg(retried);
        if (!message.isEmpty())
            r.message += u". "_s + message;
    }
    keepResult(r);
    if (!m_options.dryRun)
        m_pendingResults.append(std::move(r));
}

void SyncRunner::failed(ObjectKind kind, const QString &anchor, const QString &dn, const QString &name,
                        const QString &action, const TargetReply &reply)
{
    ++m_failedWrites;
    if (m_firstWriteError.isEmpty())
        m_firstWriteError = reply.message;
    // Unreachable, refused credentials, or failing itself: not a problem of this object.
    if (reply.targetUnusable())
        m_targetUnusable = true;
    using E = TargetReply::Error;
    if (reply.error == E::Unreachable || reply.error == E::ServerError || reply.error == E::Unreadable)
        m_unanswered.insert(anchor);
    m_exportErrors.insert(anchor, reply.message);
    result(kind, anchor, dn, name, action, u"failed"_s, reply.message);
    setOutcome(anchor, kind, Outcome::Failed);
}

// A read of what changed knows the unchanged users by the DN on their link: a move that changed nothing in
// the cloud still moves the link.
void SyncRunner::keepDnCurrent(const DesiredObject &object)
{
    const auto link = m_links.find(object.anchor);
    if (link == m_links.end() || link->dn == object.dn || m_options.dryRun)
        return;
    link->dn = object.dn;
    m_pendingLinks.append(*link);
}

void SyncRunner::setOutcome(const QString &anchor, ObjectKind kind, Outcome outcome)
{
    auto it = m_outcomes.find(anchor);
    if (it == m_outcomes.end()) {
        m_outcomes.insert(anchor, {kind, outcome});
        return;
    }
    // A failure of any step makes the object a failure of the run (a group created, whose members were then
    // refused, is counted failed and tried again); otherwise a later step never hides a creation or delete.
    Outcome &current = it->second;
    if (current == Outcome::Failed)
        return;
    if (outcome == Outcome::Failed) {
        current = outcome;
        return;
    }
    if (current == Outcome::Created || current == Outcome::Deleted)
        return;
    if (outcome == Outcome::Unchanged && current == Outcome::Updated)
        return;
    current = outcome;
}

void SyncRunner::flush(bool ownTransaction)
{
    if (m_options.dryRun ||
        (m_pendingResults.isEmpty() && m_pendingLinks.isEmpty() && m_pendingUnlinks.isEmpty()))
        return;
    if (ownTransaction && !m_store.transaction()) {
        qCCritical(lcStore) << "cannot start a transaction for run" << m_record.id << ":"
                            << m_store.lastError();
        return; // kept for the next flush
    }
    // Only what settled: an empty list would clear every intent, those of writes still out among them.
    const QStringList settled = settledIntents();
    bool ok = settled.isEmpty() || m_store.clearIntents(m_record.configurationId, settled);
    ok &= m_store.saveLinks(m_record.configurationId, m_pendingLinks);
    for (const QString &anchor : std::as_const(m_pendingUnlinks))
        ok &= m_store.removeLink(m_record.configurationId, anchor);
    ok &= m_store.addResults(m_record.id, m_pendingResults);
    if (ok && (!ownTransaction || m_store.commit())) {
        m_sinceFlush.start();
        m_pendingLinks.clear();
        m_pendingUnlinks.clear();
        m_pendingResults.clear();
    } else if (ownTransaction) {
        m_store.rollback();
        qCCritical(lcStore) << "could not record results of run" << m_record.id << ":" << m_store.lastError();
    }
}

void SyncRunner::cancel()
{
    m_cancelRequested = true;
}

void SyncRunner::fail(const QString &message)
{
    end(u"failed"_s, message);
}

void SyncRunner::stopByGuard(const QString &message)
{
    end(u"stopped"_s, message);
}

QString SyncRunner::budgetKey() const
{
    return m_config.target.isEntra() ? u"entra:"_s + m_config.target.entra.tenant.toLower() : QString();
}

void SyncRunner::recordRequests()
{
    if (!m_target || !m_record.id)
        return;
    const TargetStatistics stats = m_target->statistics();
    if (stats.budgetedCalls > 0)
        m_store.addBudgetedCalls(budgetKey(), QDateTime::currentDateTimeUtc().date(), stats.budgetedCalls);
    if (!m_target->capabilities().writesDeferred)
        return;
    const int limit = m_config.target.entra.dailyCallLimit;
    const int used = m_store.budgetedCalls(budgetKey(), QDateTime::currentDateTimeUtc().date());
    result(ObjectKind::User, {}, {}, m_config.name, u"requests"_s, u"success"_s,
           u"%1 requests: %2 uploads carrying %3 records, %4 reads, %5 retried (%6 throttled); %7 of today's "
           u"%8 budgeted calls left (UTC)."_s.arg(stats.requests)
               .arg(stats.bulkRequests)
               .arg(stats.writes)
               .arg(stats.lookups)
               .arg(stats.retries)
               .arg(stats.throttled)
               .arg(qMax(0, limit - used))
               .arg(limit));
}

void SyncRunner::end(const QString &status, const QString &message)
{
    recordRequests();
    qCWarning(lcSync).noquote() << m_config.name << ":" << message;
    m_record.status = status;
    m_record.message = message;
    m_finished = true;
    flush();
    m_record.finishedAt = QDateTime::currentDateTimeUtc();
    if (m_record.id)
        m_store.finishRun(m_record);
    m_lock.reset(); // before anyone hears of the end, who may start the next run
    m_ownLeadership.reset();
    Q_EMIT finished(m_record);
}

void SyncRunner::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    recordRequests();
    for (const auto &[kind, outcome] : std::as_const(m_outcomes)) {
        ObjectCounts &c = kind == ObjectKind::User ? m_record.users : m_record.groups;
        switch (outcome) {
        case Outcome::Created:
            ++c.created;
            break;
        case Outcome::Updated:
            ++c.updated;
            break;
        case Outcome::Unchanged:
            ++c.unchanged;
            break;
        case Outcome::Failed:
            ++c.failed;
            break;
        case Outcome::Deleted:
            ++c.deleted;
            break;
        }
    }
    if (m_hashes && m_fullRead) {
        m_record.passwordHashes = m_hashes->counts();
    } else if (m_hashes) {
        // A read of what changed handled the changed users only: the counts are everyone's, as stored.
        m_record.passwordHashes.clear();
        for (const PasswordHashState &h : m_store.passwordHashes(m_record.configurationId))
            ++m_record.passwordHashes[h.status];
    }
    const int hashFailures =
        m_record.passwordHashes.value(QLatin1StringView(PasswordHashState::TargetRejected)) +
        m_record.passwordHashes.value(QLatin1StringView(PasswordHashState::Retrying));
    const int failures = m_record.users.failed + m_record.groups.failed + hashFailures;
    if (m_options.dryRun) {
        m_record.status = u"dry-run"_s;
    } else if (m_failedWrites > 0 && m_failedWrites >= m_writes && m_targetUnusable) {
        m_record.status = u"failed"_s;
        m_record.message =
            u"The cloud directory could not be used: every request failed. First error: %1"_s.arg(
                m_firstWriteError);
    } else if (failures == 0 && m_deletePlan.waiting > 0) {
        m_record.status = u"success"_s;
        m_record.message =
            u"%1 deletes wait for a decision: updraft-cli deletes %2"_s.arg(m_deletePlan.waiting)
                .arg(m_config.name);
    } else if (failures > 0) {
        m_record.status = u"warning"_s;
        m_record.message =
            hashFailures && failures == hashFailures
                ? u"%1 password hashes could not be sent; see updraft-cli hashes."_s.arg(hashFailures)
                : u"%1 objects could not be provisioned; see the run's results."_s.arg(failures);
    } else {
        m_record.status = u"success"_s;
    }
    m_record.finishedAt = QDateTime::currentDateTimeUtc();
    // The last results and links, the change-feed position and the run's end go in one transaction: the
    // cookie never runs ahead of what was applied. It moves on only with a run that completed; an interrupted
    // one is read again next time.
    const bool transaction = !m_options.dryRun && m_record.id && m_store.transaction();
    flush(!transaction);
    // What this run wrote is on record now, except the writes that got no answer: those may have been
    // carried out, and the next run looks at them in the cloud.
    if (m_record.id && !m_options.dryRun)
        m_store.clearIntentsExcept(m_record.configurationId, m_unanswered, m_record.id);
    if (m_record.id && !m_sync.cookie.isEmpty() &&
        (m_record.status == u"success"_s || m_record.status == u"warning"_s)) {
        if (m_fullRead)
            m_sync.fullReadAt = m_record.startedAt;
        m_store.saveSyncState(m_record.configurationId, m_sync);
    }
    const bool recorded = !m_record.id || m_store.finishRun(m_record);
    if (!recorded) {
        // A stale leader's end is refused, and with it the change-feed position it would have moved.
        qCCritical(lcStore) << "could not record the end of run" << m_record.id << ":" << m_store.lastError();
        if (transaction)
            m_store.rollback();
        m_record.status = u"interrupted"_s;
        m_record.message = m_store.lastError();
    } else if (transaction && !m_store.commit()) {
        qCCritical(lcStore) << "could not commit the end of run" << m_record.id << ":" << m_store.lastError();
    }
    if (m_target) {
        const TargetStatistics stats = m_target->statistics();
        qCInfo(lcSync) << m_config.name << "run" << m_record.id << m_record.status << "requests"
                       << stats.requests << "lookups" << stats.lookups << "writes" << stats.writes
                       << "bulk requests" << stats.bulkRequests << "retries" << stats.retries;
    }
    m_lock.reset(); // before anyone hears of the end, who may start the next run
    m_ownLeadership.reset();
    Q_EMIT finished(m_record);
}

} // namespace Updraft
