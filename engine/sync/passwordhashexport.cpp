// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "passwordhashexport.h"

#include "core/logging.h"
#include "passwordhash.h"
#include "store/statestore.h"
#include "target/target.h"

#include <QJsonArray>
#include <QMessageAuthenticationCode>

#include <atomic>
#include <thread>
#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

using S = PasswordHashState;

// A target may quote what it refused, whole or cut short: a message that holds any 8 characters in a row of
// the sent value is not kept.
QString withoutSecret(const QString &message, const QString &secret)
{
    constexpr qsizetype Window = 8;
    for (qsizetype i = 0; i + Window <= secret.size(); ++i)
        if (message.contains(QStringView(secret).mid(i, Window)))
            return u"(the target's message quoted the password hash, so it is not shown)"_s;
    return message;
}

bool backingOff(const PasswordHashState &p, const QString &digest, const QDateTime &now)
{
    const bool failedBefore =
        p.status == QLatin1StringView(S::Retrying) || p.status == QLatin1StringView(S::TargetRejected);
    return failedBefore && p.digest == digest && p.nextAttempt.isValid() && now < p.nextAttempt;
}

HashDecision held()
{
    return {false, QLatin1StringView(S::Held),
            u"must change password at next logon: the hash is sent once the user has changed it"_s};
}

} // namespace

HashDecision decideHash(const HashInput &in)
{
    if (!in.linked) {
        return {false, QLatin1StringView(S::Waiting),
                in.provisioningError.isEmpty()
                    ? u"the user is not provisioned yet"_s
                    : u"waits for the user, who could not be provisioned: %1"_s.arg(in.provisioningError)};
    }
    if (!in.credential)
        return {false, QLatin1StringView(S::Missing), u"no password hash was read for this user"_s};
    if (in.credential->retry) // nothing could be read; a user who must change the password waits anyway
        return in.credential->mustChange
                   ? held()
                   : HashDecision{false, QLatin1StringView(S::Retrying), in.credential->problem};
    if (in.credential->unchanged) {
        // Replication said the password did not change: the hash synced before is still the current one.
        if (in.credential->mustChange)
            return held();
        if (in.previous && in.previous->status == QLatin1StringView(S::Synced) &&
            !in.previous->digest.isEmpty())
            return {false, QLatin1StringView(S::Synced), {}, true};
        return {false, QLatin1StringView(S::Missing), u"the password hash was not replicated"_s};
    }
    if (!in.credential->usable()) {
        return {false, QLatin1StringView(in.credential->refused ? S::Unsupported : S::Missing),
                in.credential->problem};
    }
    if (in.credential->mustChange)
        return held();
    if (in.previous) {
        if (in.previous->status == QLatin1StringView(S::Synced) && in.previous->digest == in.digest)
            return {false, QLatin1StringView(S::Synced), {}, true};
        if (backingOff(*in.previous, in.digest, in.now))
            return {false, in.previous->status, in.previous->reason, true};
    }
    return {true, {}, {}};
}

QDateTime nextHashAttempt(const QDateTime &now, int attempts)
{
    const qint64 minutes = std::min<qint64>(qint64(2) << std::min(attempts - 1, 5), 60);
    return now.addSecs(minutes * 60);
}

PasswordHashExport::PasswordHashExport(Target &target, StateStore &store, qint64 configurationId,
                                       qint64 runId)
    : m_target(target)
    , m_store(store)
    , m_configurationId(configurationId)
    , m_runId(runId)
{}

QString PasswordHashExport::digest(const SourceCredential &credential) const
{
    return digest(m_key, credential);
}

QString PasswordHashExport::digest(const QByteArray &key, const SourceCredential &credential)
{
    if (!credential.usable())
        return {};
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, key);
    mac.addData(credential.format == SourceCredential::Format::NtHash ? "NT:" : "RFC2307:");
    mac.addData(credential.value);
    return QString::fromLatin1(mac.result().toHex());
}

void PasswordHashExport::start(const QList<DesiredObject> &users,
                               const QHash<QString, SourceCredential> &credentials,
                               const QHash<QString, Link> &links, const QHash<QString, QString> &failures,
                               ResultSink sink, std::function<void()> done)
{
    m_sink = std::move(sink);
    m_done = std::move(done);
    QString error;
    m_key = m_store.digestKey(&error);
    QHash<QString, PasswordHashState> states = m_store.passwordHashes(m_configurationId);
    const QDateTime now = QDateTime::currentDateTimeUtc();

    QList<Send> sends;
    for (const DesiredObject &user : users) {
        const auto previous = states.constFind(user.anchor);
        const auto credential = credentials.constFind(user.anchor);
        const auto link = links.constFind(user.anchor);
        PasswordHashState state = previous == states.cend() ? PasswordHashState() : *previous;
        state.anchor = user.anchor;
        state.dn = user.dn;
        if (m_key.isEmpty()) {
            record(state, QLatin1StringView(S::Retrying), error, 0, u"failed"_s, false);
            continue;
        }
        HashInput in;
        in.credential = credential == credentials.cend() ? nullptr : &*credential;
        in.linked = link != links.cend();
        in.provisioningError = failures.value(user.anchor);
        in.previous = previous == states.cend() ? nullptr : &*previous;
        in.digest = in.credential ? digest(*in.credential) : QString();
        in.now = now;
        if (in.credential)
            state.scheme = in.credential->scheme;
        const HashDecision decision = decideHash(in);
        if (decision.keep) {
            ++m_counts[state.status];
            continue;
        }
        if (!decision.send) {
            // Nothing could be read this time: a failure of this run, tried again on the next.
            const bool failed = decision.status == QLatin1StringView(S::Retrying);
            record(state, decision.status, decision.reason, 0, failed ? u"failed"_s : u"warning"_s, failed);
            continue;
        }

        sends.append({state, in.credential, link->cloudId, in.digest, {}});
    }
    derive(sends);
    for (const Send &send : std::as_const(sends))
        dispatch(send);
    sends.clear();

    // Users that left scope or were deleted have no hash status any more.
    QSet<QString> inScope;
    for (const DesiredObject &user : users)
        inScope.insert(user.anchor);
    for (auto it = states.cbegin(); it != states.cend(); ++it)
        if (m_forgetOthers && !inScope.contains(it.key()))
            m_store.removePasswordHash(m_configurationId, it.key());
    m_started = true;
    finishOne();
}

// PPH1_MD4 values are derived on every core: PBKDF2 with 1000 iterations is the costly part of a first run.
// An RFC 2307 value goes as it is.
void PasswordHashExport::derive(QList<Send> &sends)
{
    std::atomic<qsizetype> next{0};
    const auto work = [&sends, &next] {
        for (qsizetype i; (i = next++) < sends.size();) {
            Send &s = sends[i];
            s.value = s.credential->format == SourceCredential::Format::NtHash
                          ? PasswordHash::pph1WithRandomSalt(s.credential->value)
                          : QString::fromLatin1(s.credential->value);
        }
    };
    const int helpers =
        int(std::min<qsizetype>(std::max(1u, std::thread::hardware_concurrency()) - 1, sends.size() / 64));
    std::vector<std::thread> pool;
    for (int t = 0; t < helpers; ++t)
        pool.emplace_back(work);
    work();
    for (std::thread &t : pool)
        t.join();
}

void PasswordHashExport::dispatch(const Send &send)
{
    const bool nt = send.credential->format == SourceCredential::Format::NtHash;
    ++m_inFlight;
    // The value lives only in this request and in this callback, to keep it out of any message.
    m_target.sendPasswordHash(
        send.cloudId, {nt ? u"PPH1_MD4"_s : u"RFC2307"_s, send.value, send.credential->changedAt},
        [this, state = send.state, digest = send.digest, value = send.value](const TargetReply &r) mutable {
            state.digest = digest;
            if (r.ok()) {
                state.syncedAt = QDateTime::currentDateTimeUtc();
                record(state, QLatin1StringView(S::Synced), {}, r.status, u"success"_s, true);
            } else {
                // A target may quote what it refused; the hash never goes into a message.
                const QString message = withoutSecret(r.message, value);
                const bool permanent = r.status >= 400 && r.status < 500 && r.status != 429;
                record(state, QLatin1StringView(permanent ? S::TargetRejected : S::Retrying),
                       permanent ? message : u"%1 (will be tried again)"_s.arg(message), r.status,
                       u"failed"_s, true);
            }
            --m_inFlight;
            finishOne();
        });
}

void PasswordHashExport::record(PasswordHashState state, const QString &status, const QString &reason,
                                int httpStatus, const QString &outcome, bool attempted)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const bool changed = state.status != status || state.reason != reason;
    if (state.status != status) {
        state.firstSeen = now;
        state.attempts = 0;
    }
    if (attempted) {
        state.lastAttempt = now;
        ++state.attempts;
    }
    state.status = status;
    state.reason = reason;
    state.httpStatus = httpStatus;
    state.nextAttempt =
        status == QLatin1StringView(S::Retrying) || status == QLatin1StringView(S::TargetRejected)
            ? nextHashAttempt(now, state.attempts)
            : QDateTime();
    if (status != QLatin1StringView(S::Synced) && status != QLatin1StringView(S::Retrying) &&
        status != QLatin1StringView(S::TargetRejected))
        state.digest.clear(); // held, waiting…: send as soon as that clears
    state.runId = m_runId;
    ++m_counts[status];
    if (!changed && !attempted)
        return; // same status as last run: nothing to record again
    if (!m_store.savePasswordHash(m_configurationId, state))
        qCWarning(lcStore) << "could not save the password hash status of" << state.dn << ":"
                           << m_store.lastError();
    RunResult result;
    result.kind = u"user"_s;
    result.anchor = state.anchor;
    result.dn = state.dn;
    result.action = u"password-hash"_s;
    result.outcome = outcome;
    result.message = reason.isEmpty() ? status : u"%1: %2"_s.arg(status, reason);
    m_sink(result);
}

void PasswordHashExport::finishOne()
{
    if (m_started && m_inFlight == 0 && m_done) {
        auto done = std::move(m_done);
        done();
    }
}

} // namespace Updraft
