// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "leadership.h"

#include "core/logging.h"
#include "store/statestore.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QTimer>
#include <QUuid>

#include <chrono>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

bool LeaseToken::valid() const
{
    return m_validUntil.load() > steadyNowMs();
}

qint64 LeaseToken::steadyNowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// The part of Leadership that lives in its thread, with the store connection of that thread.
class LeaseWorker : public QObject
{
public:
    LeaseWorker(Leadership &owner, QString location, QString localDirectory)
        : m_owner(owner)
        , m_location(std::move(location))
        , m_localDirectory(std::move(localDirectory))
        , m_started(QDateTime::currentDateTimeUtc())
    {}

    void begin()
    {
        m_store = std::make_unique<StateStore>(m_location, m_localDirectory);
        QString error;
        if (!m_store->open(&error))
            setError(error);
        m_timer = new QTimer(this);
        // Renewed six times a lease: a few failed renewals (a database restart) do not lose it.
        m_timer->setInterval(int(std::max<qint64>(m_owner.m_settings.leaseMs / 6, 200)));
        connect(m_timer, &QTimer::timeout, this, [this] { step(); });
        m_timer->start();
        step();
    }

    void end()
    {
        if (m_timer)
            m_timer->stop();
        QMutexLocker lock(&m_owner.m_mutex);
        for (const auto &token : std::as_const(m_owner.m_tokens)) {
            token->revoke();
            if (m_store)
                m_store->releaseLease(token->configurationId, token->holder);
        }
        m_owner.m_tokens.clear();
        lock.unlock();
        m_store.reset();
    }

    std::shared_ptr<LeaseToken> take(qint64 configurationId, QString *why)
    {
        const qint64 started = LeaseToken::steadyNowMs();
        const qint64 generation =
            m_store ? m_store->acquireLease(configurationId, Leadership::processHolder(), leaseMs()) : -1;
        if (generation <= 0) {
            *why = generation < 0
                       ? u"the store cannot be reached: %1"_s.arg(m_store ? m_store->lastError() : error())
                       : holderOf(configurationId);
            return nullptr;
        }
        return keep(configurationId, generation, started);
    }

    void drop(qint64 configurationId)
    {
        QMutexLocker lock(&m_owner.m_mutex);
        const auto token = m_owner.m_tokens.take(configurationId);
        lock.unlock();
        if (token) {
            token->revoke();
            m_store->releaseLease(configurationId, token->holder);
        }
    }

private:
    qint64 leaseMs() const { return m_owner.m_settings.leaseMs; }
    // Writes stop this long before the database lets another agent take over: the longest a batch of
    // requests already going out may take to land.
    qint64 marginMs() const { return std::max<qint64>(leaseMs() / 3, 100); }

    QString error() const
    {
        QMutexLocker lock(&m_owner.m_mutex);
        return m_owner.m_error;
    }
    void setError(const QString &error)
    {
        QMutexLocker lock(&m_owner.m_mutex);
        if (m_owner.m_error != error && !error.isEmpty())
            qCWarning(lcSync).noquote() << "leadership:" << error;
        m_owner.m_error = error;
    }

    QString holderOf(qint64 configurationId) const
    {
        for (const LeaseRecord &l : m_store->leases()) {
            if (l.configurationId != configurationId)
                continue;
            QString where = l.holder;
            for (const AgentRecord &a : m_store->agents(leaseMs() * 100))
                if (a.id == l.holder)
                    where = u"%1 (process %2)"_s.arg(a.host).arg(a.pid);
            return u"the agent on %1 leads %2 (its lease runs until %3 UTC)"_s.arg(
                where, l.configurationName, l.expiresAt.toString(u"HH:mm:ss"_s));
        }
        return u"another agent leads it"_s;
    }

    std::shared_ptr<LeaseToken> keep(qint64 configurationId, qint64 generation, qint64 renewalStarted)
    {
        QMutexLocker lock(&m_owner.m_mutex);
        auto &slot = m_owner.m_tokens[configurationId];
        const bool fresh = !slot || slot->generation != generation;
        if (fresh) {
            if (slot)
                slot->revoke(); // the lease lapsed and was taken again: the old runs are stale
            slot = std::make_shared<LeaseToken>(configurationId, Leadership::processHolder(), generation);
        }
        // Counted from before the renewal was sent: the database's expiry is later than that.
        slot->extendUntil(renewalStarted + leaseMs() - marginMs());
        auto token = slot;
        lock.unlock();
        if (fresh) {
            qCInfo(lcSync) << "leadership: took configuration" << configurationId << "generation"
                           << generation;
            QMetaObject::invokeMethod(&m_owner, [owner = &m_owner, configurationId, generation] {
                Q_EMIT owner->leaseTaken(configurationId, generation);
            });
        }
        return token;
    }

    void lost(qint64 configurationId)
    {
        QMutexLocker lock(&m_owner.m_mutex);
        const auto token = m_owner.m_tokens.take(configurationId);
        lock.unlock();
        if (!token)
            return;
        token->revoke();
        qCWarning(lcSync) << "leadership: lost configuration" << configurationId << "generation"
                          << token->generation;
        QMetaObject::invokeMethod(
            &m_owner, [owner = &m_owner, configurationId] { Q_EMIT owner->leaseLost(configurationId); });
    }

    void step()
    {
        if (!m_store)
            return;
        const QString holder = Leadership::processHolder();
        if (!m_store->reportAgent({holder,
                                   QHostInfo::localHostName(),
                                   QCoreApplication::applicationPid(),
                                   QCoreApplication::applicationVersion(),
                                   m_started,
                                   {}})) {
            // The connection is gone (database restarted, partition): reconnect next time. Tokens run out by
            // themselves.
            setError(u"the store cannot be reached: %1"_s.arg(m_store->lastError()));
            m_store = std::make_unique<StateStore>(m_location, m_localDirectory);
            QString why;
            if (!m_store->open(&why))
                setError(why);
            return;
        }
        setError({});
        QMutexLocker lock(&m_owner.m_mutex);
        const QList<qint64> held = m_owner.m_tokens.keys();
        const QSet<qint64> busy = m_owner.m_busy;
        lock.unlock();
        for (const qint64 id : held) {
            const qint64 started = LeaseToken::steadyNowMs();
            const qint64 generation = m_store->acquireLease(id, holder, leaseMs());
            if (generation > 0)
                keep(id, generation, started);
            else if (generation == 0)
                lost(id);
            // -1: not renewed this time; the token runs out unless a later renewal succeeds.
        }
        if (m_owner.m_settings.lead)
            balance(holder, busy);
    }

    // Takes free configurations up to this agent's fair share; hands an idle one over when it holds more than
    // its share and another live agent holds less.
    void balance(const QString &holder, const QSet<qint64> &busy)
    {
        const QList<StoredConfiguration> configurations = m_store->configurations();
        const QList<AgentRecord> live = m_store->agents(leaseMs());
        if (configurations.isEmpty() || live.isEmpty())
            return;
        const qsizetype share = (configurations.size() + live.size() - 1) / live.size();
        QHash<QString, qsizetype> heldBy;
        QSet<qint64> taken;
        for (const LeaseRecord &l : m_store->leases()) {
            if (l.live) {
                ++heldBy[l.holder];
                taken.insert(l.configurationId);
            }
        }
        qsizetype mine = heldBy.value(holder);
        for (const StoredConfiguration &c : configurations) {
            if (mine >= share)
                break;
            if (taken.contains(c.id))
                continue;
            const qint64 started = LeaseToken::steadyNowMs();
            if (const qint64 generation = m_store->acquireLease(c.id, holder, leaseMs()); generation > 0) {
                keep(c.id, generation, started);
                ++mine;
            }
        }
        qsizetype fewest = mine;
        for (const AgentRecord &a : live)
            fewest = std::min(fewest, heldBy.value(a.id));
        if (mine > share && fewest < share) {
            QMutexLocker lock(&m_owner.m_mutex);
            const QList<qint64> held = m_owner.m_tokens.keys();
            lock.unlock();
            for (const qint64 id : held) {
                if (!busy.contains(id)) {
                    qCInfo(lcSync) << "leadership: handing configuration" << id << "over to balance the work";
                    drop(id);
                    break;
                }
            }
        }
    }

    Leadership &m_owner;
    const QString m_location;
    const QString m_localDirectory;
    const QDateTime m_started;
    std::unique_ptr<StateStore> m_store;
    QTimer *m_timer = nullptr;
};

Leadership::Leadership(const QString &storeLocation, const QString &localDirectory, Settings settings,
                       QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
    m_thread.setObjectName(u"leadership"_s);
    m_worker = new LeaseWorker(*this, storeLocation, localDirectory);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->begin(); }, Qt::BlockingQueuedConnection);
}

Leadership::~Leadership()
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->end(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QString Leadership::processHolder()
{
    static const QString id = u"%1:%2:%3"_s.arg(QHostInfo::localHostName())
                                  .arg(QCoreApplication::applicationPid())
                                  .arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    return id;
}

std::shared_ptr<LeaseToken> Leadership::token(qint64 configurationId) const
{
    QMutexLocker lock(&m_mutex);
    const auto token = m_tokens.value(configurationId);
    return token && token->valid() ? token : nullptr;
}

std::shared_ptr<LeaseToken> Leadership::acquire(qint64 configurationId, QString *why)
{
    std::shared_ptr<LeaseToken> token;
    QMetaObject::invokeMethod(
        m_worker, [&] { token = m_worker->take(configurationId, why); }, Qt::BlockingQueuedConnection);
    return token;
}

void Leadership::release(qint64 configurationId)
{
    QMetaObject::invokeMethod(
        m_worker, [this, configurationId] { m_worker->drop(configurationId); }, Qt::BlockingQueuedConnection);
}

void Leadership::setBusy(qint64 configurationId, bool busy)
{
    QMutexLocker lock(&m_mutex);
    if (busy)
        m_busy.insert(configurationId);
    else
        m_busy.remove(configurationId);
}

QString Leadership::error() const
{
    QMutexLocker lock(&m_mutex);
    return m_error;
}

} // namespace Updraft
