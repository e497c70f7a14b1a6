// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "retrypolicy.h"

#include <QLocale>
#include <QRandomGenerator>

namespace Updraft {

RetryPolicy::RetryPolicy(int maxAttempts, Ms base, Ms cap) : m_maxAttempts(maxAttempts), m_base(base), m_cap(cap) {}

bool RetryPolicy::isRetryableStatus(int status)
{
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

std::optional<RetryPolicy::Ms> RetryPolicy::parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = v.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? std::nullopt : std::optional<Ms>(Ms(seconds * 1000));
    // IMF-fixdate, e.g. "Wed, 21 Oct 2015 07:28:00 GMT"
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(v), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    when.setTimeSpec(Qt::UTC);
    return Ms(std::max<qint64>(0, now.msecsTo(when)));
}

std::optional<RetryPolicy::Ms> RetryPolicy::nextDelay(int attempt, int status, bool transientNetworkError,
                                                      const QByteArray &retryAfter, const QDateTime &now) const
{
    if (attempt >= m_maxAttempts)
        return std::nullopt;
    if (status == 0 ? !transientNetworkError : !isRetryableStatus(status))
        return std::nullopt;
    if (status == 429 || status == 503)
        if (const auto asked = parseRetryAfter(retryAfter, now))
            return asked;
    const qint64 exponential = m_base.count() << std::min(attempt - 1, 16);
    const qint64 capped = std::min<qint64>(exponential, m_cap.count());
    // Up to 20 % jitter so parallel requests do not retry in lockstep.
    const qint64 jitter = capped > 5 ? QRandomGenerator::global()->bounded(capped / 5) : 0;
    return Ms(capped + jitter);
}

} // namespace Updraft
