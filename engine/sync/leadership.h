// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QThread>

#include <atomic>
#include <memory>

namespace Updraft {

class LeaseWorker;

// A configuration's lease as the run it fences sees it: writes may go out while valid(). Its validity is kept
// by this machine's monotonic clock, a safety margin short of when the database lets another agent take the
// lease, so that a leader cut off from the database stops writing before anyone else starts.
class LeaseToken
{
public:
    LeaseToken(qint64 configuration, QString agent, qint64 leaseGeneration)
        : configurationId(configuration)
        , holder(std::move(agent))
        , generation(leaseGeneration)
    {}
    const qint64 configurationId;
    const QString holder;
    const qint64 generation;

    bool valid() const;
    void extendUntil(qint64 steadyMs) { m_validUntil.store(steadyMs); }
    void revoke() { m_validUntil.store(0); }
    static qint64 steadyNowMs();

private:
    std::atomic<qint64> m_validUntil{0};
};

// This process's leadership on a shared store (PostgreSQL): it reports the agent every few seconds, renews
// the leases it holds and, when it leads, takes free configurations up to its fair share (configurations
// divided by live agents), handing idle ones over when another agent has fewer. It works in a thread of its
// own with a connection of its own, so that an engine thread blocked on a directory read does not let a lease
// lapse. Destroying it gives its leases up at once: a clean stop hands over without waiting for them to
// expire.
class Leadership : public QObject
{
    Q_OBJECT
public:
    struct Settings {
        qint64 leaseMs = 30000; // a dead leader is replaced this long after its last renewal, at most
        bool lead = true; // the agent; false: only what acquire() asks for (a run of the CLI or console)
    };
    Leadership(const QString &storeLocation, const QString &localDirectory, Settings settings,
               QObject *parent = nullptr);
    ~Leadership() override;

    // "host:pid:random": who this process is in the store.
    static QString processHolder();
    QString holder() const { return processHolder(); }
    Settings settings() const { return m_settings; }
    // The lease this process holds on the configuration now, if any.
    std::shared_ptr<LeaseToken> token(qint64 configurationId) const;
    // Takes the configuration's lease now and keeps renewing it until release(); null, with `why` naming the
    // holder, when another agent's lease is live.
    std::shared_ptr<LeaseToken> acquire(qint64 configurationId, QString *why);
    void release(qint64 configurationId);
    // Runs in progress are not handed over to balance the work.
    void setBusy(qint64 configurationId, bool busy);
    // The connection could not be opened, or the store refused: why (empty when fine).
    QString error() const;

Q_SIGNALS:
    void leaseTaken(qint64 configurationId, qint64 generation);
    void leaseLost(qint64 configurationId);

private:
    friend class LeaseWorker;
    Settings m_settings;
    QThread m_thread;
    LeaseWorker *m_worker = nullptr;
    mutable QMutex m_mutex;
    QHash<qint64, std::shared_ptr<LeaseToken>> m_tokens; // guarded by m_mutex
    QSet<qint64> m_busy;                                 // guarded by m_mutex
    QString m_error;                                     // guarded by m_mutex
};

} // namespace Updraft
