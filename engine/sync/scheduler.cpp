// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "scheduler.h"

#include "config/configuration.h"
#include "core/logging.h"
#include "leadership.h"
#include "store/statestore.h"
#include "syncrunner.h"

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

Scheduler::Scheduler(StateStore &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_timer.setInterval(250);
    connect(&m_timer, &QTimer::timeout, this, &Scheduler::tick);
}

Scheduler::~Scheduler() = default;

void Scheduler::start()
{
    m_stopping = false;
    m_scheduling = true;
    m_timer.start();
    tick();
}

void Scheduler::requestRun(const QString &name, const RunOptions &options)
{
    Entry &e = m_entries[name];
    e.queued = true; // once, however often it is asked
    e.request = options;
    if (!e.runner)
        QMetaObject::invokeMethod(this, &Scheduler::tick, Qt::QueuedConnection);
}

bool Scheduler::cancel(const QString &name)
{
    const auto it = m_entries.find(name);
    if (it == m_entries.end() || !it->runner)
        return false;
    it->queued = false;
    it->runner->cancel();
    return true;
}

void Scheduler::stop()
{
    m_stopping = true;
    m_timer.stop();
    bool any = false;
    for (Entry &e : m_entries) {
        e.queued = false;
        if (e.runner) {
            e.runner->cancel();
            any = true;
        }
    }
    if (!any)
        QMetaObject::invokeMethod(this, &Scheduler::stopped, Qt::QueuedConnection);
}

void Scheduler::tick()
{
    if (m_stopping)
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const bool takeRequests = ++m_ticks % 4 == 1; // once a second is soon enough, and spares the database
    for (const StoredConfiguration &stored : m_store.configurations()) {
        Configuration config;
        QStringList errors;
        if (!Configuration::fromJson(stored.definition, config, &errors)) {
            if (!m_invalid.contains(stored.name))
                qCWarning(lcSync).noquote() << stored.name << ": not scheduled:" << errors.join(u"; "_s);
            m_invalid.insert(stored.name);
            if (auto it = m_entries.find(stored.name); it != m_entries.end() && it->queued) {
                it->queued = false;
                Q_EMIT runRefused(stored.name, errors.join(u"; "_s));
            }
            continue;
        }
        m_invalid.remove(stored.name);
        Entry &e = m_entries[stored.name];
        if (e.runner)
            continue;
        if (m_leadership && !leads(stored, e, takeRequests))
            continue;
        if (e.queued) {
            launch(stored.name, stored.definition, e.request);
            continue;
        }
        if (!m_scheduling || !config.schedule.enabled)
            continue;
        if (!e.nextRun.isValid()) {
            // First sight: continue the schedule the store remembers (a restarted agent does not run
            // everything at once), or start now.
            const auto state = m_store.scheduleState(stored.id);
            e.nextRun = state && state->nextRunAt.isValid() ? state->nextRunAt : now;
        }
        if (now >= e.nextRun)
            launch(stored.name, stored.definition,
                   RunOptions{.trigger = u"schedule"_s, .keepResults = false});
    }
    // A requested run of a configuration that is not (or no longer) in the store never starts.
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->queued && !it->runner && !m_store.configuration(it.key())) {
            qCWarning(lcSync).noquote()
                << it.key() << ": no such configuration; the requested run is dropped";
            it->queued = false;
        }
    }
}

bool Scheduler::leads(const StoredConfiguration &stored, Entry &entry, bool takeRequests)
{
    if (!m_leadership->token(stored.id)) {
        // Another agent leads it: when this one takes over, it continues the schedule the store remembers.
        entry.nextRun = QDateTime();
        return false;
    }
    if (takeRequests && !entry.queued) {
        if (const auto request = m_store.takeRunRequest(stored.id, m_leadership->holder())) {
            qCInfo(lcSync).noquote() << stored.name << ": run requested by" << request->requestedBy;
            entry.queued = true;
            entry.request =
                RunOptions{.trigger = u"on-demand"_s, .full = request->fullRead, .keepResults = false};
        }
    }
    return true;
}

void Scheduler::launch(const QString &name, const QJsonObject &definition, const RunOptions &options)
{
    const QString &trigger = options.trigger;
    Configuration config;
    QStringList errors;
    Configuration::fromJson(definition, config, &errors);
    const auto stored = m_store.configuration(name);
    if (!stored)
        return;
    const qint64 id = stored->id;
    ScheduleState state = m_store.scheduleState(id).value_or(ScheduleState());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (state.lastStartedAt.isValid() && trigger == u"schedule"_s)
        state.observedIntervalMs = state.lastStartedAt.msecsTo(now);
    state.lastStartedAt = now;
    state.intervalSeconds = config.schedule.intervalSeconds;
    m_store.saveScheduleState(id, state);

    Entry &e = m_entries[name];
    e.queued = false;
    RunOptions fenced = options;
    if (m_leadership) {
        fenced.lease = m_leadership->token(id);
        m_leadership->setBusy(id, true);
    }
    e.runner = new SyncRunner(config, m_store, fenced, this);
    const int interval = config.schedule.intervalSeconds;
    connect(e.runner, &SyncRunner::progress, this, [this, name](const QString &phase, int done, int total) {
        Q_EMIT runProgress(name, phase, done, total);
    });
    connect(e.runner, &SyncRunner::finished, this,
            [this, name, id, interval](const RunRecord &record) { finished(name, id, interval, record); });
    QMetaObject::invokeMethod(e.runner, &SyncRunner::start, Qt::QueuedConnection);
    Q_EMIT runStarted(name, trigger);
}

void Scheduler::finished(const QString &name, qint64 configurationId, int intervalSeconds,
                         const RunRecord &record)
{
    Entry &e = m_entries[name];
    e.runner->deleteLater();
    e.runner = nullptr;
    if (m_leadership) {
        m_leadership->setBusy(configurationId, false);
        if (!m_leadership->token(configurationId)) { // the schedule is the new leader's now
            Q_EMIT runFinished(record);
            if (m_stopping)
                stopIfIdle();
            return;
        }
    }

    ScheduleState state = m_store.scheduleState(configurationId).value_or(ScheduleState());
    const QDateTime start =
        state.lastStartedAt.isValid() ? state.lastStartedAt : QDateTime::currentDateTimeUtc();
    qint64 delay = intervalSeconds;
    if (record.status == u"failed"_s) {
        ++state.consecutiveFailures;
        if (state.consecutiveFailures >= QuarantineAfter) {
            // Back off instead of hammering a target that refuses every request: 2x, 4x … the interval, at
            // most an hour. Never disabled silently: the state says why, and the first good run ends it.
            const int doublings = std::min(state.consecutiveFailures - QuarantineAfter + 1, 20);
            delay = std::min<qint64>(qint64(intervalSeconds) << doublings, MaxBackoffSeconds);
            state.quarantinedUntil = start.addSecs(delay);
            state.quarantineReason = record.message;
            qCWarning(lcSync).noquote() << name << ": quarantined for" << delay << "s after"
                                        << state.consecutiveFailures << "failed runs:" << record.message;
        }
    } else if (record.status != u"interrupted"_s) {
        state.consecutiveFailures = 0;
        state.quarantinedUntil = QDateTime();
        state.quarantineReason.clear();
    }
    state.nextRunAt = start.addSecs(delay);
    e.nextRun = state.nextRunAt;
    m_store.saveScheduleState(configurationId, state);
    Q_EMIT runFinished(record);
    if (e.queued && !m_stopping)
        QMetaObject::invokeMethod(this, &Scheduler::tick, Qt::QueuedConnection);

    if (m_stopping)
        stopIfIdle();
}

void Scheduler::stopIfIdle()
{
    bool busy = false;
    for (const Entry &other : std::as_const(m_entries))
        busy |= other.runner != nullptr;
    if (!busy)
        Q_EMIT stopped();
}

} // namespace Updraft
