// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "consolecontroller.h"

#include "config/configuration.h"
#include "configurationsmodel.h"
#include "icons.h"
#include "notifier.h"
#include "passwordhashmodel.h"
#include "recentruns.h"
#include "runsmodel.h"
#include "stageddeletesmodel.h"
#include "store/statestore.h"
#include "sync/syncservice.h"

#include <QAction>
#include <QDir>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

ConsoleController::ConsoleController(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    if (m_options.stateDirectory.isEmpty())
        m_options.stateDirectory = StateStore::defaultDirectory();
    m_thread.setObjectName(u"updraft-engine"_s);

    m_runNow = new QAction(Icons::get(u"media-playback-start"_s), tr("Run now"), this);
    m_runNow->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_fullSync = new QAction(Icons::get(u"full-sync"_s), tr("Full sync"), this);
    m_fullSync->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_fullSync->setToolTip(tr("Read the whole scope again, even where the directory reports no change"));
    m_cancel = new QAction(Icons::get(u"process-stop"_s), tr("Stop run"), this);
    m_cancel->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    m_cancel->setToolTip(tr("Stop the run after the batch in progress; it is recorded as interrupted"));
    m_refresh = new QAction(Icons::get(u"view-refresh"_s), tr("Refresh"), this);
    m_refresh->setShortcut(QKeySequence::Refresh);
    connect(m_runNow, &QAction::triggered, this, [this] { runNow(m_current); });
    connect(m_fullSync, &QAction::triggered, this, [this] { runNow(m_current, true); });
    connect(m_cancel, &QAction::triggered, this, [this] { cancel(m_current); });
    connect(m_refresh, &QAction::triggered, this, &ConsoleController::refresh);

    m_progressTimer.setInterval(100);
    m_progressTimer.setSingleShot(true);
    connect(&m_progressTimer, &QTimer::timeout, this, &ConsoleController::flushProgress);
    m_notifier = new Notifier(this);
    updateActions();
}

ConsoleController::~ConsoleController()
{
    if (m_thread.isRunning()) {
        if (!m_shutDown)
            QMetaObject::invokeMethod(m_service, &SyncService::shutdown);
        // The service quits the thread once its runs stopped after their batch.
        if (!m_thread.wait(QDeadlineTimer(60'000))) {
            m_thread.quit();
            m_thread.wait();
        }
    }
}

bool ConsoleController::open(QString *error)
{
    if (!QDir().mkpath(m_options.stateDirectory)) {
        *error = tr("Cannot create the state directory %1.").arg(m_options.stateDirectory);
        return false;
    }
    const QString path =
        m_options.store.isEmpty() ? StateStore::fileIn(m_options.stateDirectory) : m_options.store;
    m_store = std::make_unique<StateStore>(path, m_options.stateDirectory);
    if (!m_store->open(error))
        return false;
    m_runs = new RunsModel(*m_store, this);
    m_configurations = new ConfigurationsModel(*m_store, this);
    m_hashes = new PasswordHashModel(*m_store, this);
    m_staged = new StagedDeletesModel(*m_store, this);
    m_recentRuns = new RecentRuns(*m_store, this);
    m_recentRuns->reloadInBackground();
    m_watch.setInterval(3000);
    connect(&m_watch, &QTimer::timeout, this, &ConsoleController::watchStore);
    m_watch.start();

    m_service = new SyncService(path, m_options.stateDirectory);
    m_service->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_service, &QObject::deleteLater);
    connect(m_service, &SyncService::opened, this, [this](bool ok, const QString &why) {
        Q_EMIT message(ok ? tr("Engine ready.") : tr("The engine could not open the store: %1").arg(why));
        updateEngineState();
    });
    connect(m_service, &SyncService::runStarted, this, &ConsoleController::onStarted);
    connect(m_service, &SyncService::runProgress, this, &ConsoleController::onProgress);
    connect(m_service, &SyncService::runFinished, this, &ConsoleController::onFinished);
    connect(m_service, &SyncService::message, this, &ConsoleController::message);
    connect(m_service, &SyncService::previewReady, this, &ConsoleController::previewReady);
    connect(m_service, &SyncService::explained, this, &ConsoleController::explained);
    connect(m_service, &SyncService::planApplied, this, &ConsoleController::planApplied);
    connect(m_service, &SyncService::planChanged, this, &ConsoleController::planChanged);
    connect(m_service, &SyncService::configurationRemoval, this,
            [this](const QString &name, bool removed, const QString &text) {
                reloadAll();
                Q_EMIT message(text);
                Q_EMIT configurationRemoval(name, removed, text);
            });
    connect(
        m_service, &SyncService::deletesDecided, this,
        [this](const QString &name, int count, const QString &decision) {
            m_staged->reload();
            m_configurations->reloadRow(name); // its health reads the staged deletes
            Q_EMIT message(
                decision == u"approved"_s
                    ? tr("%1: %n delete(s) approved; a run carries them out now.", nullptr, count).arg(name)
                    : tr("%1: %n delete(s) rejected; the objects stay.", nullptr, count).arg(name));
        });
    connect(m_service, &SyncService::quarantineChanged, m_notifier, &Notifier::quarantineChanged);
    // Direct: quit() is thread-safe, and the GUI thread may be waiting for it in the destructor.
    connect(m_service, &SyncService::shutDown, &m_thread, &QThread::quit, Qt::DirectConnection);
    connect(&m_thread, &QThread::finished, this, [this] {
        m_shutDown = true;
        updateActions();
        Q_EMIT shutDownComplete();
    });
    m_thread.start();
    const bool schedule = m_options.schedule;
    QMetaObject::invokeMethod(m_service, [service = m_service, schedule] { service->open(schedule); });
    updateEngineState();
    return true;
}

void ConsoleController::setCurrentConfiguration(const QString &name)
{
    m_current = name;
    updateActions();
}

void ConsoleController::runNow(const QString &name, bool fullRead)
{
    if (!m_service || m_shutDown)
        return;
    QMetaObject::invokeMethod(m_service,
                              [service = m_service, name, fullRead] { service->runNow(name, fullRead); });
    Q_EMIT message(name.isEmpty() ? tr("Running every configuration…") : tr("Running %1…").arg(name));
}

void ConsoleController::cancel(const QString &name)
{
    if (!m_service || m_shutDown)
        return;
    QMetaObject::invokeMethod(m_service, [service = m_service, name] { service->cancel(name); });
    Q_EMIT message(tr("Stopping after the batch in progress…"));
}

void ConsoleController::retryPasswordHash(const QString &name, const QString &anchor)
{
    if (!m_service || m_shutDown)
        return;
    QMetaObject::invokeMethod(
        m_service, [service = m_service, name, anchor] { service->retryPasswordHash(name, anchor); });
    Q_EMIT message(tr("%1: the password hash is sent again on a run starting now.").arg(name));
}

void ConsoleController::decideDeletes(const QString &name, const QList<qint64> &ids, const QString &decision)
{
    if (!m_service || m_shutDown)
        return;
    QMetaObject::invokeMethod(m_service, [service = m_service, name, ids, decision] {
        service->decideDeletes(name, ids, decision, true);
    });
}

void ConsoleController::removeConfiguration(const QString &name, bool deprovision)
{
    if (!m_service || m_shutDown)
        return;
    QMetaObject::invokeMethod(m_service, [service = m_service, name, deprovision] {
        service->removeConfiguration(name, deprovision);
    });
    Q_EMIT message(deprovision ? tr("%1: deleting its cloud objects…").arg(name)
                               : tr("Removing %1…").arg(name));
}

void ConsoleController::explain(const QString &name, const QString &text, bool provision)
{
    if (!m_service || m_shutDown)
        return;
    QMetaObject::invokeMethod(
        m_service, [service = m_service, name, text, provision] { service->explain(name, text, provision); });
}

bool ConsoleController::saveConfiguration(const QJsonObject &definition, QString *error)
{
    Configuration config;
    QStringList problems;
    if (!Configuration::fromJson(definition, config, &problems)) {
        *error = problems.join(u'\n');
        return false;
    }
    qint64 id = 0;
    if (!m_store->saveConfiguration(config.name, config.toJson(), &id, error))
        return false;
    m_configurations->reload();
    Q_EMIT message(tr("%1: configuration saved.").arg(config.name));
    return true;
}

bool ConsoleController::exportConfiguration(const QString &name, const QString &file, QString *error) const
{
    const auto stored = m_store->configuration(name);
    if (!stored) {
        *error = tr("There is no configuration named %1.").arg(name);
        return false;
    }
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(stored->definition).toJson()) < 0 ||
        !out.commit()) {
        *error = tr("%1 cannot be written: %2").arg(file, out.errorString());
        return false;
    }
    return true;
}

void ConsoleController::preview(const QString &name)
{
    if (!m_service || m_shutDown)
        return;
    QMetaObject::invokeMethod(m_service, [service = m_service, name] { service->preview(name); });
    Q_EMIT message(tr("%1: computing the plan of a run; nothing is written…").arg(name));
}

void ConsoleController::applyPlan(const QString &name, const QList<RunResult> &plan)
{
    if (!m_service || m_shutDown)
        return;
    QMetaObject::invokeMethod(m_service,
                              [service = m_service, name, plan] { service->applyPlan(name, plan); });
}

void ConsoleController::watchStore()
{
    const QList<RunRecord> newest = m_store->runs({}, 1);
    const QString seen =
        newest.isEmpty() ? u"none"_s : u"%1 %2"_s.arg(newest.first().id).arg(newest.first().status);
    if (!m_seen.isEmpty() && seen != m_seen)
        reloadAll();
    else if (m_store->isShared())
        m_configurations->reloadLeaders();
    m_seen = seen;
}

void ConsoleController::refresh()
{
    reloadAll();
    for (auto it = m_running.cbegin(); it != m_running.cend(); ++it)
        m_configurations->runProgress(it.key(), it->phase, it->done, it->total);
}

// Every model from the store. The ones that read much (hashes, recent runs) read off the GUI thread.
void ConsoleController::reloadAll()
{
    m_runs->refresh();
    m_configurations->reload();
    m_hashes->reloadInBackground();
    m_staged->reload();
    m_recentRuns->reloadInBackground();
}

bool ConsoleController::isRunning(const QString &name) const
{
    return name.isEmpty() ? !m_running.isEmpty() : m_running.contains(name);
}

void ConsoleController::shutdown()
{
    if (!m_service || !m_thread.isRunning()) {
        m_shutDown = true;
        Q_EMIT shutDownComplete();
        return;
    }
    QMetaObject::invokeMethod(m_service, &SyncService::shutdown);
    Q_EMIT engineStateChanged(m_running.isEmpty() ? tr("Stopping…")
                                                  : tr("Stopping after the batch in progress…"));
}

void ConsoleController::onStarted(const QString &name, const QString &trigger)
{
    m_running.insert(name, {});
    m_configurations->runStarted(name);
    m_runs->refresh(); // the new run shows as "running"
    updateActions();
    updateEngineState();
    Q_EMIT runStarted(name);
    Q_UNUSED(trigger)
}

void ConsoleController::onProgress(const QString &name, const QString &phase, int done, int total)
{
    m_running.insert(name, {phase, done, total});
    // A run reports every object; the GUI needs ten updates a second at most.
    m_progressPending.insert(name);
    if (!m_progressTimer.isActive())
        m_progressTimer.start();
}

void ConsoleController::flushProgress()
{
    for (const QString &name : std::as_const(m_progressPending)) {
        const auto it = m_running.constFind(name);
        if (it == m_running.cend())
            continue;
        m_configurations->runProgress(name, it->phase, it->done, it->total);
        Q_EMIT runProgress(name, it->phase, it->done, it->total);
    }
    m_progressPending.clear();
    updateEngineState();
}

void ConsoleController::onFinished(const RunRecord &record)
{
    m_running.remove(record.configurationName);
    m_progressPending.remove(record.configurationName);
    m_configurations->runFinished(record.configurationName);
    m_runs->refresh();
    m_hashes->reloadInBackground();
    m_staged->reload();
    m_recentRuns->reloadInBackground();
    m_notifier->runFinished(record);
    updateActions();
    updateEngineState();
    Q_EMIT runFinished(record);
}

void ConsoleController::updateActions()
{
    const bool ready = m_service && !m_shutDown;
    const QString target = m_current.isEmpty() ? tr("every configuration") : m_current;
    m_runNow->setEnabled(ready);
    m_runNow->setToolTip(
        tr("Run %1 now (%2)").arg(target, m_runNow->shortcut().toString(QKeySequence::NativeText)));
    m_fullSync->setEnabled(ready);
    m_cancel->setEnabled(ready && isRunning(m_current));
}

void ConsoleController::updateEngineState()
{
    if (m_shutDown || !m_service) {
        Q_EMIT engineStateChanged(tr("Engine stopped"));
        return;
    }
    if (m_running.isEmpty()) {
        Q_EMIT engineStateChanged(m_store->isShared()
                                      ? tr("Idle · shared store: the agents run the schedules")
                                  : m_options.schedule ? tr("Idle · runs on schedule")
                                                       : tr("Idle · runs on demand"));
        return;
    }
    QStringList parts;
    for (auto it = m_running.cbegin(); it != m_running.cend(); ++it) {
        if (it->phase.isEmpty())
            parts.append(tr("%1: starting").arg(it.key()));
        else if (it->total > 0)
            parts.append(tr("%1: %2 %3/%4").arg(it.key(), it->phase).arg(it->done).arg(it->total));
        else
            parts.append(tr("%1: %2").arg(it.key(), it->phase));
    }
    parts.sort();
    Q_EMIT engineStateChanged(parts.join(u" · "_s));
}

} // namespace Updraft
