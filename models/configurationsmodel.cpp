// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "configurationsmodel.h"

#include "config/configuration.h"
#include "format.h"
#include "statusicon.h"
#include "store/statestore.h"
#include "sync/passwordhashadvice.h"

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

ConfigurationsModel::ConfigurationsModel(const StateStore &store, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
{
    reload();
}

ConfigurationsModel::Row ConfigurationsModel::readRow(const StoredConfiguration &stored, bool running) const
{
    Row row;
    row.stored = stored;
    row.running = running;
    // The same facts and health as `updraft-cli configs`.
    const ConfigurationHealth::Facts facts =
        ConfigurationHealth::gather(m_store, stored.id, stored.name, running);
    row.lastRun = facts.lastRun;
    row.schedule = facts.schedule;
    row.hashProblems = facts.hashProblems;
    row.pendingDeletes = facts.pendingDeletes;
    row.cloud = m_store.discoveredTarget(stored.id);
    row.shared = m_store.isShared();
    if (row.shared)
        readLeader(row, m_store.leases(), m_store.agents(AgentsSeenWithinMs));
    Configuration config;
    if (Configuration::fromJson(stored.definition, config, nullptr)) {
        row.scheduled = config.schedule.enabled;
        row.intervalSeconds = config.schedule.intervalSeconds;
    }
    row.health = ConfigurationHealth::assess(facts);
    return row;
}

void ConfigurationsModel::readLeader(Row &row, const QList<LeaseRecord> &leases,
                                     const QList<AgentRecord> &agents)
{
    row.lease.reset();
    row.leader.reset();
    for (const LeaseRecord &l : leases)
        if (l.configurationId == row.stored.id && l.live)
            row.lease = l;
    for (const AgentRecord &a : agents)
        if (row.lease && a.id == row.lease->holder)
            row.leader = a;
}

void ConfigurationsModel::reloadLeaders()
{
    if (!m_store.isShared() || m_rows.isEmpty())
        return;
    // Read once for every row: this runs on the GUI thread every few seconds.
    const QList<LeaseRecord> leases = m_store.leases();
    const QList<AgentRecord> agents = m_store.agents(AgentsSeenWithinMs);
    for (int i = 0; i < m_rows.size(); ++i) {
        readLeader(m_rows[i], leases, agents);
        changed(i);
    }
}

void ConfigurationsModel::reload()
{
    QSet<QString> running;
    for (const Row &r : std::as_const(m_rows))
        if (r.running)
            running.insert(r.stored.name);
    beginResetModel();
    m_rows.clear();
    for (const StoredConfiguration &c : m_store.configurations())
        m_rows.append(readRow(c, running.contains(c.name)));
    endResetModel();
}

int ConfigurationsModel::rowOf(const QString &name) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).stored.name == name)
            return i;
    return -1;
}

QStringList ConfigurationsModel::names() const
{
    QStringList out;
    for (const Row &r : m_rows)
        out.append(r.stored.name);
    return out;
}

void ConfigurationsModel::changed(int row)
{
    Q_EMIT dataChanged(index(row), index(row));
}

void ConfigurationsModel::runStarted(const QString &name)
{
    int row = rowOf(name);
    if (row < 0) {
        reload(); // a configuration the CLI added since
        row = rowOf(name);
        if (row < 0)
            return;
    }
    Row &r = m_rows[row];
    r.running = true;
    r.phase.clear();
    r.done = r.total = 0;
    changed(row);
}

void ConfigurationsModel::runProgress(const QString &name, const QString &phase, int done, int total)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    Row &r = m_rows[row];
    r.running = true;
    r.phase = phase;
    r.done = done;
    r.total = total;
    changed(row);
}

void ConfigurationsModel::runFinished(const QString &name)
{
    const int row = rowOf(name);
    if (row < 0) {
        reload();
        return;
    }
    m_rows[row] = readRow(m_rows.at(row).stored, false);
    changed(row);
}

void ConfigurationsModel::timePassed()
{
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1),
                           {LastRunSummaryRole, LastRunSummaryInWordsRole, NextRunTextRole, Qt::DisplayRole});
}

void ConfigurationsModel::reloadRow(const QString &name)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    const Row &old = m_rows.at(row);
    Row fresh = readRow(old.stored, old.running);
    fresh.phase = old.phase;
    fresh.done = old.done;
    fresh.total = old.total;
    m_rows[row] = std::move(fresh);
    changed(row);
}

int ConfigurationsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConfigurationsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return r.stored.name;
    case Qt::DecorationRole:
        return StatusIcon::dot(r.running ? u"running"_s : ConfigurationHealth::levelName(r.health.level));
    case Qt::ToolTipRole:
    case HealthDetailRole:
        return r.health.detail;
    case HealthLevelRole:
        return ConfigurationHealth::levelName(r.health.level);
    case HealthWordRole:
        return r.health.word;
    case LastRunIdRole:
        return r.lastRun ? r.lastRun->id : 0;
    case LastRunSummaryRole:
        if (!r.lastRun)
            return tr("No run yet");
        return u"%1 · %2 · %3"_s.arg(Format::relative(r.lastRun->startedAt, now),
                                     Format::runDuration(*r.lastRun), Format::counts(*r.lastRun));
    case LastRunSummaryInWordsRole:
        if (!r.lastRun)
            return tr("No run yet");
        return tr("%1, took %2: %3")
            .arg(Format::relative(r.lastRun->startedAt, now), Format::runDuration(*r.lastRun),
                 Format::countsInWords(*r.lastRun));
    case LastRunStartedRole:
        return r.lastRun ? r.lastRun->startedAt : QDateTime();
    case NextRunRole:
        return r.scheduled && r.schedule ? r.schedule->nextRunAt : QDateTime();
    case LeaderRole:
        if (!r.shared)
            return QString();
        if (!r.lease)
            return tr("no agent leads it: Run now runs it from this console");
        if (!r.leader)
            return r.lease->holder;
        return tr("%1, process %2 · seen %3")
            .arg(r.leader->host)
            .arg(r.leader->pid)
            .arg(Format::relative(r.leader->seenAt, now));
    case NextRunTextRole:
        if (r.running)
            return tr("running now");
        if (!r.scheduled)
            return tr("not scheduled; runs on demand");
        if (r.schedule && r.schedule->nextRunAt.isValid())
            return r.schedule->nextRunAt <= now ? tr("due now")
                                                : Format::relative(r.schedule->nextRunAt, now);
        return tr("every %1").arg(Format::duration(qint64(r.intervalSeconds) * 1000));
    case HashProblemsRole:
        return r.hashProblems;
    case PendingDeletesRole:
        return r.pendingDeletes;
    case RunningRole:
        return r.running;
    case PhaseRole:
        return r.phase;
    case ProgressDoneRole:
        return r.done;
    case ProgressTotalRole:
        return r.total;
    case DefinitionRole:
        return r.stored.definition;
    case CloudSupportsRole:
        return r.cloud ? r.cloud->supports : QStringList();
    case CloudAssumptionsRole:
        return r.cloud ? r.cloud->assumptions : QStringList();
    case CloudAskedRole:
        return r.cloud ? r.cloud->discoveredAt : QDateTime();
    }
    return {};
}

} // namespace Updraft
