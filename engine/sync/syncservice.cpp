// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncservice.h"

#include "config/configuration.h"
#include "decommission.h"
#include "explainer.h"
#include "leadership.h"
#include "scheduler.h"
#include "store/resultfilter.h"
#include "store/statestore.h"
#include "syncrunner.h"

#include <QSysInfo>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

SyncService::SyncService(QString storePath, QString localDirectory, QObject *parent)
    : QObject(parent)
    , m_storePath(std::move(storePath))
    , m_localDirectory(std::move(localDirectory))
{}

SyncService::~SyncService()
{
    // The scheduler's runners and the explainers use the store: they go first.
    qDeleteAll(findChildren<Explainer *>(Qt::FindDirectChildrenOnly));
    m_scheduler.reset();
    m_store.reset();
}

void SyncService::open(bool schedule)
{
    auto store = std::make_unique<StateStore>(m_storePath, m_localDirectory);
    QString error;
    if (!store->open(&error)) {
        Q_EMIT opened(false, error);
        return;
    }
    m_store = std::move(store);
    for (const StoredConfiguration &c : m_store->configurations()) {
        const auto state = m_store->scheduleState(c.id);
        if (state && state->quarantined())
            m_quarantined.insert(c.name);
    }
    m_scheduler = std::make_unique<Scheduler>(*m_store);
    connect(m_scheduler.get(), &Scheduler::runStarted, this, &SyncService::runStarted);
    connect(m_scheduler.get(), &Scheduler::runProgress, this, &SyncService::runProgress);
    connect(m_scheduler.get(), &Scheduler::runFinished, this, &SyncService::finished);
    connect(m_scheduler.get(), &Scheduler::runRefused, this,
            [this](const QString &name, const QString &reason) {
                Q_EMIT message(tr("%1 cannot run: its configuration is not valid: %2").arg(name, reason));
                if (auto it = m_provisioning.find(name); it != m_provisioning.end()) {
                    Explanation x = *it;
                    m_provisioning.erase(it);
                    RunRecord refused;
                    refused.configurationName = name;
                    refused.status = u"failed"_s;
                    refused.message = tr("its configuration is not valid: %1").arg(reason);
                    x.addRun(refused, {});
                    Q_EMIT explained(name, x);
                }
            });
    connect(m_scheduler.get(), &Scheduler::stopped, this, [this] {
        // Not while the scheduler is still emitting: it is deleted here.
        QMetaObject::invokeMethod(
            this,
            [this] {
                qDeleteAll(findChildren<Explainer *>(Qt::FindDirectChildrenOnly));
                m_scheduler.reset();
                m_store.reset();
                Q_EMIT shutDown();
            },
            Qt::QueuedConnection);
    });
    // On a shared store the agents run the schedules; the console runs only what no agent leads.
    if (schedule && !m_store->isShared())
        m_scheduler->start();
    Q_EMIT opened(true, {});
}

void SyncService::runNow(const QString &name, bool fullRead)
{
    if (!m_scheduler)
        return;
    QStringList names{name};
    if (name.isEmpty()) {
        names.clear();
        for (const StoredConfiguration &c : m_store->configurations())
            names.append(c.name);
    }
    for (const QString &n : std::as_const(names)) {
        if (m_store->isShared() && askLeader(n, fullRead))
            continue;
        m_scheduler->requestRun(n, RunOptions{u"manual"_s, false, fullRead});
    }
}

bool SyncService::askLeader(const QString &name, bool fullRead)
{
    const auto stored = m_store->configuration(name);
    if (!stored)
        return false;
    for (const LeaseRecord &l : m_store->leases()) {
        // This console's own run holds it: the scheduler queues the next one.
        if (l.configurationId != stored->id || !l.live || l.holder == Leadership::processHolder())
            continue;
        QString agent = l.holder;
        for (const AgentRecord &a : m_store->agents(24 * 3600 * 1000LL))
            if (a.id == l.holder)
                agent = tr("the agent on %1 (process %2)").arg(a.host).arg(a.pid);
        if (!m_store->requestRun(stored->id, tr("the console on %1").arg(QSysInfo::machineHostName()),
                                 fullRead)) {
            Q_EMIT message(tr("Cannot ask %1 to run %2: %3").arg(agent, name, m_store->lastError()));
            return true;
        }
        Q_EMIT message(tr("Asked %1 to run %2; its run appears here when it is done.").arg(agent, name));
        return true;
    }
    return false;
}

void SyncService::cancel(const QString &name)
{
    if (!m_scheduler)
        return;
    if (!name.isEmpty()) {
        m_scheduler->cancel(name);
        return;
    }
    for (const StoredConfiguration &c : m_store->configurations())
        m_scheduler->cancel(c.name);
}

void SyncService::decideDeletes(const QString &name, const QList<qint64> &ids, const QString &decision,
                                bool runNow)
{
    if (!m_store)
        return;
    const auto config = m_store->configuration(name);
    if (!config)
        return;
    const int n = m_store->decideDeletes(config->id, ids, decision);
    Q_EMIT deletesDecided(name, n, decision);
    if (runNow && decision == u"approved"_s && n > 0)
        m_scheduler->requestRun(name, RunOptions{u"manual"_s});
}

void SyncService::dryRun(const QString &name,
                         std::function<void(const RunRecord &, const QList<RunResult> &)> then)
{
    const auto stored = m_store ? m_store->configuration(name) : std::nullopt;
    Configuration config;
    QStringList errors;
    if (!stored || !Configuration::fromJson(stored->definition, config, &errors)) {
        RunRecord failed;
        failed.configurationName = name;
        failed.status = u"failed"_s;
        failed.message = stored ? errors.join(u"; "_s) : tr("There is no configuration named %1.").arg(name);
        then(failed, {});
        return;
    }
    auto *runner = new SyncRunner(config, *m_store, RunOptions{u"preview"_s, true}, this);
    connect(runner, &SyncRunner::progress, this, [this, name](const QString &phase, int done, int total) {
        Q_EMIT runProgress(name, phase, done, total);
    });
    connect(runner, &SyncRunner::finished, this, [runner, then = std::move(then)](const RunRecord &record) {
        runner->deleteLater();
        then(record, runner->results());
    });
    QMetaObject::invokeMethod(runner, &SyncRunner::start, Qt::QueuedConnection);
}

void SyncService::preview(const QString &name)
{
    dryRun(name, [this, name](const RunRecord &record, const QList<RunResult> &plan) {
        Q_EMIT previewReady(name, record, plan);
    });
}

void SyncService::applyPlan(const QString &name, const QList<RunResult> &reviewed)
{
    dryRun(name, [this, name, reviewed](const RunRecord &record, const QList<RunResult> &plan) {
        if (record.status != u"dry-run"_s) {
            Q_EMIT message(tr("%1: the plan could not be checked again: %2").arg(name, record.message));
            return;
        }
        const QList<RunResult> differences = RunComparison::planDifferences(reviewed, plan);
        if (!differences.isEmpty()) {
            Q_EMIT planChanged(name, differences);
            return;
        }
        m_scheduler->requestRun(name, RunOptions{u"manual"_s});
        Q_EMIT planApplied(name);
    });
}

void SyncService::removeConfiguration(const QString &name, bool deprovision)
{
    if (!m_store)
        return;
    auto *decommission = new Decommission(*m_store, this);
    connect(decommission, &Decommission::progress, this,
            [this, name](const QString &phase, int done, int total) {
                Q_EMIT runProgress(name, phase, done, total);
            });
    connect(decommission, &Decommission::finished, this,
            [this, name, decommission](const Decommission::Result &r) {
                decommission->deleteLater();
                if (r.run.id)
                    Q_EMIT runFinished(r.run);
                Q_EMIT configurationRemoval(name, r.removed, r.message);
            });
    decommission->start(name, deprovision);
}

void SyncService::retryPasswordHash(const QString &name, const QString &anchor)
{
    if (!m_store)
        return;
    const auto config = m_store->configuration(name);
    if (!config || !m_store->retryPasswordHash(config->id, anchor)) {
        Q_EMIT message(tr("%1: no password hash status for that user any more.").arg(name));
        return;
    }
    m_scheduler->requestRun(name, RunOptions{u"manual"_s});
}

void SyncService::explain(const QString &name, const QString &text, bool provision)
{
    if (!m_store)
        return;
    const auto stored = m_store->configuration(name);
    Configuration config;
    QStringList errors;
    if (!stored || !Configuration::fromJson(stored->definition, config, &errors)) {
        Explanation failed;
        failed.configuration = name;
        failed.query = text;
        failed.status = Explanation::Status::Failed;
        failed.message = stored ? errors.join(u"; "_s) : tr("There is no configuration named %1.").arg(name);
        Q_EMIT explained(name, failed);
        return;
    }
    // The explanation never writes; provisioning goes through the scheduler, so that it waits for a run of
    // the same configuration in progress instead of failing on its lock.
    auto *explainer = new Explainer(config, *m_store, text, false, this);
    connect(explainer, &Explainer::finished, this,
            [this, name, provision, explainer](const Explanation &explanation) {
                explainer->deleteLater();
                if (!provision || !explanation.canProvision() || !m_scheduler) {
                    Q_EMIT explained(name, explanation);
                    return;
                }
                m_provisioning.insert(name, explanation);
                m_scheduler->requestRun(name, Explainer::provisionOptions(explanation));
            });
    QMetaObject::invokeMethod(explainer, &Explainer::start, Qt::QueuedConnection);
}

void SyncService::shutdown()
{
    if (!m_scheduler) {
        qDeleteAll(findChildren<Explainer *>(Qt::FindDirectChildrenOnly));
        m_store.reset();
        Q_EMIT shutDown();
        return;
    }
    m_scheduler->stop(); // stopped() closes the store and says shutDown()
}

void SyncService::finished(const RunRecord &record)
{
    Q_EMIT runFinished(record);
    if (record.trigger == u"on-demand"_s) {
        if (auto it = m_provisioning.find(record.configurationName); it != m_provisioning.end()) {
            Explanation x = *it;
            m_provisioning.erase(it);
            x.addRun(record, record.id ? m_store->results(record.id) : QList<RunResult>());
            Q_EMIT explained(record.configurationName, x);
        }
    }
    const auto state = m_store->scheduleState(record.configurationId);
    const bool quarantined = state && state->quarantined();
    if (quarantined != m_quarantined.contains(record.configurationName)) {
        if (quarantined)
            m_quarantined.insert(record.configurationName);
        else
            m_quarantined.remove(record.configurationName);
        Q_EMIT quarantineChanged(record.configurationName, quarantined,
                                 quarantined ? state->quarantineReason : QString());
    }
}

} // namespace Updraft
