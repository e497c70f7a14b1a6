// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QNetworkReply>

#include <chrono>
#include <optional>

namespace Updraft {

// When to try a request again. Transient failures (timeouts, resets, 5xx) back off exponentially with jitter;
// 429 and 503 wait exactly as long as the target's Retry-After says, however long that is.
class RetryPolicy
{
public:
    using Ms = std::chrono::milliseconds;
    explicit RetryPolicy(int maxAttempts = 6, Ms base = Ms(500), Ms cap = Ms(30000));

    // `attempt` counts the attempts made so far (1 after the first). `status` is the HTTP status, or 0 when
    // the request failed below HTTP; `transientNetworkError` says whether that failure may pass. Returns the
    // delay before the next attempt, or nothing when the request has failed for good.
    std::optional<Ms> nextDelay(int attempt, int status, bool transientNetworkError,
                                const QByteArray &retryAfter, const QDateTime &now) const;

    // Retry-After as delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
    static std::optional<Ms> parseRetryAfter(const QByteArray &value, const QDateTime &now);
    static bool isRetryableStatus(int status);
    // A failure below HTTP that may pass: refused or reset connections, timeouts (the transfer timeout too).
    static bool isTransient(QNetworkReply::NetworkError error);
    int maxAttempts() const { return m_maxAttempts; }

private:
    int m_maxAttempts;
    Ms m_base;
    Ms m_cap;
};

} // namespace Updraft
