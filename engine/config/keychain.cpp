// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/keychain.h"

#include <QCoreApplication>
#include <QMutex>
#include <QSemaphore>
#include <QStringDecoder>
#include <QThread>
#include <qt6keychain/keychain.h>

#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusReply>
#define UPDRAFT_KEYCHAIN_ON_DBUS 1
#endif

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Keychain {

namespace {

const QString Service = u"Updraft"_s;
// A key keyFor() never makes (it has no '/'), read by available().
const QString ProbeKey = u"updraft-keychain-probe"_s;
constexpr int TimeoutMs = 120 * 1000;

// The documented alternatives, offered by every failure: nothing falls back to them on its own.
const QString Alternatives =
    u"store the secret in an environment variable ({\"env\": \"VARIABLE\"}) or a file "
    u"only its owner can read ({\"file\": \"PATH\"}) instead"_s;

QString noKeychain(const QString &reason)
{
    return u"No keychain is available (%1): %2."_s.arg(reason, Alternatives);
}

// The command that stores a key made by keyFor(), for messages.
QString howToStore(const QString &key)
{
    const qsizetype slash = key.lastIndexOf(u'/');
    if (slash <= 0 || slash == key.size() - 1)
        return u"store it in the console"_s;
    return u"store it in the console or with: updraft-cli secret set %1 %2"_s.arg(key.left(slash),
                                                                                  key.mid(slash + 1));
}

// QtKeychain 0.13 runs its jobs one at a time through a process-wide queue that lives in the thread which
// first used it, and learns of finished jobs through signals queued to that thread; on Linux the libsecret
// backend answers through the GLib main context of the thread that started a job. So every job runs on this
// one thread, whose event loop always runs; callers wait on a semaphore and need no event loop of their own.
class JobThread
{
public:
    static QObject *context(QString *error)
    {
        const QMutexLocker lock(&s_mutex);
        if (!s_instance) {
            if (!QCoreApplication::instance()) {
                *error = u"no QCoreApplication"_s;
                return nullptr;
            }
            s_instance = new JobThread;
            qAddPostRoutine(&JobThread::stop);
        }
        return s_instance->m_context;
    }

private:
    JobThread()
        : m_context(new QObject)
    {
        m_thread.setObjectName(u"updraft-keychain"_s);
        m_context->moveToThread(&m_thread);
        // Deferred deletes, the context's and those of finished jobs, run when the thread ends.
        QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
        m_thread.start();
    }
    // Called by ~QCoreApplication.
    static void stop()
    {
        const QMutexLocker lock(&s_mutex);
        if (!s_instance)
            return;
        s_instance->m_thread.quit();
        s_instance->m_thread.wait();
        delete s_instance;
        s_instance = nullptr;
    }

    QThread m_thread;
    QObject *m_context; // lives in m_thread; deleted when it finishes

    static inline QMutex s_mutex;
    static inline JobThread *s_instance = nullptr;
};

enum class Operation { Read, Write, Remove };

// Shared by the caller and the job thread: a caller that gave up waiting leaves it to the job.
struct Answer {
    QSemaphore done;
    QKeychain::Error error = QKeychain::NoError;
    QString message;
    QByteArray data;
};

struct Outcome {
    bool finished = false; // false: no job thread, or the keychain did not answer in time
    QKeychain::Error error = QKeychain::OtherError;
    QString message;
    QByteArray data;
};

QKeychain::Job *createJob(Operation operation, const QByteArray &secret)
{
    switch (operation) {
    case Operation::Read:
        return new QKeychain::ReadPasswordJob(Service);
    case Operation::Write: {
        auto *job = new QKeychain::WritePasswordJob(Service);
        // Stored as text where it is text, so that other Secret Service tools show it as such.
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString text = utf8.decode(secret);
        if (utf8.hasError())
            job->setBinaryData(secret);
        else
            job->setTextData(text);
        return job;
    }
    case Operation::Remove:
        return new QKeychain::DeletePasswordJob(Service);
    }
    return nullptr;
}

Outcome run(Operation operation, const QString &key, const QByteArray &secret = {})
{
    Outcome outcome;
    QObject *context = JobThread::context(&outcome.message);
    if (!context)
        return outcome;
    const auto answer = std::make_shared<Answer>();
    QMetaObject::invokeMethod(
        context,
        [answer, operation, key, secret] {
            QKeychain::Job *job = createJob(operation, secret);
            job->setKey(key);
            job->setAutoDelete(true); // after finished(), whether or not anyone still waits
            job->setInsecureFallback(false);
            QObject::connect(job, &QKeychain::Job::finished, job, [answer, operation](QKeychain::Job *done) {
                answer->error = done->error();
                answer->message = done->errorString();
                if (operation == Operation::Read && done->error() == QKeychain::NoError)
                    answer->data = static_cast<QKeychain::ReadPasswordJob *>(done)->binaryData();
                answer->done.release();
            });
            job->start();
        },
        Qt::QueuedConnection);
    if (!answer->done.tryAcquire(1, TimeoutMs)) {
        outcome.message = u"the keychain did not answer within %1 seconds"_s.arg(TimeoutMs / 1000);
        return outcome;
    }
    outcome.finished = true;
    outcome.error = answer->error;
    outcome.message = answer->message;
    outcome.data = answer->data;
    return outcome;
}

// The cheap part of available(): without this, libsecret would only report a GLib or D-Bus error.
bool serviceReachable(QString *why)
{
#ifdef UPDRAFT_KEYCHAIN_ON_DBUS
    if (!QCoreApplication::instance()) {
        *why = u"no QCoreApplication"_s;
        return false;
    }
    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        *why = u"no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set or nothing answers there"_s;
        return false;
    }
    QDBusConnectionInterface *daemon = bus.interface();
    const QStringList names{u"org.freedesktop.secrets"_s, u"org.kde.kwalletd6"_s, u"org.kde.kwalletd5"_s};
    const QDBusReply<QStringList> activatable = daemon->activatableServiceNames();
    for (const QString &name : names) {
        if (daemon->isServiceRegistered(name).value() ||
            (activatable.isValid() && activatable.value().contains(name)))
            return true;
    }
    *why = u"no Secret Service on the session bus"_s;
    return false;
#else
    Q_UNUSED(why)
    return true;
#endif
}

QString failure(const QString &verb, const QString &key, const Outcome &outcome)
{
    if (outcome.finished &&
        (outcome.error == QKeychain::NoBackendAvailable || outcome.error == QKeychain::NotImplemented))
        return u"Cannot %1 \"%2\". "_s.arg(verb, key) + noKeychain(outcome.message);
    if (outcome.finished &&
        (outcome.error == QKeychain::AccessDenied || outcome.error == QKeychain::AccessDeniedByUser))
        return u"The keychain refused to %1 \"%2\" (%3): unlock it (log in to the desktop session, or answer "
               u"its "
               u"prompt) and try again, or %4."_s.arg(verb, key, outcome.message, Alternatives);
    // E.g. a keyring without a default collection, which gnome-keyring creates only through a prompt.
    return u"Cannot %1 \"%2\" in the keychain: %3. Unlock the keyring or create its default collection (log "
           u"in "
           u"to the desktop session), or %4."_s.arg(verb, key, outcome.message, Alternatives);
}

} // namespace

QString keyFor(const QString &configurationName, const QString &field)
{
    return configurationName + u'/' + field;
}

bool available(QString *why)
{
    QString reason;
    bool ok = serviceReachable(&reason);
    if (ok) {
        const Outcome probe = run(Operation::Read, ProbeKey);
        ok = probe.finished && (probe.error == QKeychain::NoError || probe.error == QKeychain::EntryNotFound);
        if (!ok && probe.finished && probe.error != QKeychain::NoBackendAvailable)
            reason = u"the keychain does not answer: %1"_s.arg(probe.message);
        else if (!ok)
            reason = probe.message;
    }
    if (!ok && why)
        *why = noKeychain(reason);
    return ok;
}

bool write(const QString &key, const QByteArray &secret, QString *error)
{
    if (key.isEmpty() || secret.isEmpty()) {
        *error = key.isEmpty() ? u"A keychain key must not be empty."_s
                               : u"An empty secret is not stored (\"%1\")."_s.arg(key);
        return false;
    }
    QString reason;
    if (!serviceReachable(&reason)) {
        *error = u"Cannot store \"%1\". "_s.arg(key) + noKeychain(reason);
        return false;
    }
    const Outcome outcome = run(Operation::Write, key, secret);
    if (outcome.finished && outcome.error == QKeychain::NoError)
        return true;
    *error = failure(u"store"_s, key, outcome);
    return false;
}

bool read(const QString &key, QByteArray &secret, QString *error)
{
    secret.clear();
    QString reason;
    if (!serviceReachable(&reason)) {
        *error = u"Cannot read \"%1\". "_s.arg(key) + noKeychain(reason);
        return false;
    }
    Outcome outcome = run(Operation::Read, key);
    if (outcome.finished && outcome.error == QKeychain::NoError) {
        secret = std::move(outcome.data);
        return true;
    }
    if (outcome.finished && outcome.error == QKeychain::EntryNotFound)
        *error = u"\"%1\" was not found in the keychain; %2."_s.arg(key, howToStore(key));
    else
        *error = failure(u"read"_s, key, outcome);
    return false;
}

bool remove(const QString &key, QString *error)
{
    QString reason;
    if (!serviceReachable(&reason)) {
        *error = u"Cannot remove \"%1\". "_s.arg(key) + noKeychain(reason);
        return false;
    }
    const Outcome outcome = run(Operation::Remove, key);
    if (outcome.finished &&
        (outcome.error == QKeychain::NoError || outcome.error == QKeychain::EntryNotFound))
        return true;
    *error = failure(u"remove"_s, key, outcome);
    return false;
}

} // namespace Updraft::Keychain
