// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "graphclient.h"

#include "core/logging.h"
#include "entratoken.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Entra {

namespace {

constexpr int MaxInFlight = 4;
constexpr qint64 MaxThrottleWaitMs = 120 * 1000;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Graph's error format: {"error": {"code": "...", "message": "..."}}.
QString graphMessage(int status, const QJsonObject &body, const QString &networkError)
{
    const QJsonObject error = body.value(u"error"_s).toObject();
    const QString code = error.value(u"code"_s).toString();
    const QString text = error.value(u"message"_s).toString();
    if (status == 0)
        return u"Microsoft Graph did not answer: %1"_s.arg(networkError);
    if (code.isEmpty() && text.isEmpty())
        return u"Microsoft Graph answered HTTP %1"_s.arg(status);
    return u"Microsoft Graph answered HTTP %1 %2: %3"_s.arg(status).arg(code, text);
}

} // namespace

GraphClient::GraphClient(QUrl base, TokenSource &tokens, int timeoutSeconds, int maxAttempts, QObject *parent)
    : QObject(parent)
    , m_base(std::move(base))
    , m_tokens(tokens)
    , m_timeoutSeconds(timeoutSeconds)
    , m_retry(maxAttempts)
{
    if (!m_base.path().endsWith(u'/'))
        m_base.setPath(m_base.path() + u'/');
}

GraphClient::~GraphClient() = default;

void GraphClient::setNetworkAccessManager(QNetworkAccessManager *manager)
{
    m_manager = manager;
}

void GraphClient::setPacing(int callsPerWindow, int windowSeconds)
{
    m_callsPerWindow = qMax(0, callsPerWindow);
    // A call is timed when it leaves the queue; the service times it when it arrives, after a token perhaps,
    // and with its own clock: a tenth of the window (at least 200 ms) keeps the two from disagreeing.
    const qint64 window = qint64(qMax(1, windowSeconds)) * 1000;
    m_windowMs = window + qMax<qint64>(200, window / 10);
}

QNetworkAccessManager *GraphClient::manager()
{
    if (m_manager)
        return m_manager;
    if (!m_own)
        m_own = new QNetworkAccessManager(this);
    return m_own;
}

void GraphClient::get(const QString &path, const QUrlQuery &query, Callback done)
{
    QUrl url = path.startsWith(u"http"_s) ? QUrl(path) : m_base.resolved(QUrl(path));
    if (!query.isEmpty())
        url.setQuery(query);
    enqueue({"GET", url, {}, false, std::move(done)});
}

void GraphClient::postScim(const QString &path, const QJsonObject &body, bool paced, Callback done)
{
    enqueue({"POST", m_base.resolved(QUrl(path)), QJsonDocument(body).toJson(QJsonDocument::Compact), paced,
             std::move(done)});
}

void GraphClient::enqueue(Job job)
{
    m_waiting.push_back(std::move(job));
    pump();
}

// How long the next paced call must wait so that no window holds more than the allowed calls.
qint64 GraphClient::pacingDelayMs() const
{
    if (m_callsPerWindow <= 0 || int(m_pacedSent.size()) < m_callsPerWindow)
        return 0;
    const qint64 oldest = m_pacedSent[m_pacedSent.size() - size_t(m_callsPerWindow)];
    return qMax<qint64>(0, oldest + m_windowMs - nowMs() + 1);
}

void GraphClient::pump()
{
    while (m_inFlight < MaxInFlight && !m_waiting.empty()) {
        qint64 wait = m_pausedUntil - nowMs();
        if (wait <= 0 && m_waiting.front().paced)
            wait = pacingDelayMs();
        if (wait > 0) {
            if (!m_pumpScheduled) {
                m_pumpScheduled = true;
                QTimer::singleShot(int(wait), this, [this] {
                    m_pumpScheduled = false;
                    pump();
                });
            }
            return;
        }
        Job job = std::move(m_waiting.front());
        m_waiting.pop_front();
        if (job.paced && m_pacedBudget >= 0 && m_pacedReserved >= m_pacedBudget) {
            GraphResponse refused;
            refused.status = 429;
            refused.message = u"not sent: the day's budget of calls is used"_s;
            QMetaObject::invokeMethod(
                this, [done = std::move(job.done), refused] { done(refused); }, Qt::QueuedConnection);
            continue;
        }
        if (job.paced) {
            ++m_pacedReserved;
            m_pacedSent.push_back(nowMs());
            while (m_pacedSent.size() > size_t(qMax(1, m_callsPerWindow)))
                m_pacedSent.pop_front();
        }
        ++m_inFlight;
        send(std::move(job));
    }
}

void GraphClient::send(Job job)
{
    m_tokens.token([this, job = std::move(job)](const Token &token) mutable {
        if (!token.ok()) {
            --m_inFlight;
            GraphResponse failed;
            failed.message = token.message;
            failed.unauthorized = token.error == TargetReply::Error::Unauthorized;
            job.done(failed);
            return pump();
        }
        QNetworkRequest request(job.url);
        request.setTransferTimeout(m_timeoutSeconds * 1000);
        request.setRawHeader("Authorization", "Bearer " + token.accessToken);
        request.setRawHeader("Accept", "application/json");
        if (job.verb == "POST")
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/scim+json"));
        ++job.attempts;
        ++m_stats.requests;
        if (job.paced)
            ++m_stats.pacedCalls;
        QNetworkReply *reply =
            job.verb == "POST" ? manager()->post(request, job.body) : manager()->get(request);
        connect(reply, &QNetworkReply::finished, this,
                [this, reply, job = std::move(job)]() mutable { finished(reply, std::move(job)); });
    });
}

void GraphClient::finished(QNetworkReply *reply, Job job)
{
    reply->deleteLater();
    --m_inFlight;
    GraphResponse r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray data = reply->readAll();
    r.body = QJsonDocument::fromJson(data).object();
    r.message = graphMessage(r.status, r.body, reply->errorString());

    if (r.status == 401 && !job.renewedToken) {
        // The token expired or was revoked early: one new token, then the same request.
        m_tokens.forget();
        job.renewedToken = true;
        m_waiting.push_front(std::move(job));
        return pump();
    }
    const bool transient = r.status == 0 && RetryPolicy::isTransient(reply->error());
    const auto delay =
        r.ok() ? std::nullopt
               : m_retry.nextDelay(job.attempts, r.status, transient, reply->rawHeader("Retry-After"),
                                   QDateTime::currentDateTimeUtc());
    if (delay && r.status == 429 && delay->count() > MaxThrottleWaitMs) {
        // A daily cap answers with a wait of hours: say so rather than hold the run that long.
        r.message +=
            u" (Microsoft Graph asks to wait %1 minutes; not waited for)"_s.arg(delay->count() / 60000);
        job.done(r);
        return pump();
    }
    if (delay) {
        ++m_stats.retries;
        if (r.status == 429 || r.status == 503) {
            ++m_stats.throttled;
            // Throttling is per job: every request waits, not only this one.
            m_pausedUntil = qMax(m_pausedUntil, nowMs() + delay->count());
            qCInfo(lcEntra).noquote()
                << "Microsoft Graph throttled a request; waiting" << delay->count() << "ms";
        }
        const qint64 ms = delay->count();
        QTimer::singleShot(int(ms), this, [this, job = std::move(job)]() mutable {
            m_waiting.push_front(std::move(job));
            pump();
        });
        return pump();
    }
    job.done(r);
    pump();
}

} // namespace Updraft::Entra
