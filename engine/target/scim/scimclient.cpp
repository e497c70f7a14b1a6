// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "scimclient.h"

#include "httppool.h"

#include "core/logging.h"

#include <QJsonDocument>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

ScimClient::ScimClient(ScimSettings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_retry(m_settings.maxAttempts)
{
    // Endpoints given without a trailing slash still resolve relative paths below them.
    if (!m_settings.baseUrl.path().endsWith(u'/'))
        m_settings.baseUrl.setPath(m_settings.baseUrl.path() + u'/');
    HttpConnection::Options options;
    options.timeoutMs = m_settings.timeoutSeconds * 1000;
    options.maxBodyBytes = MaxResponseBytes;
    if (!m_settings.caFile.isEmpty()) {
        const QList<QSslCertificate> trusted = QSslCertificate::fromPath(
            m_settings.caFile, QSsl::Pem, QSslCertificate::PatternSyntax::FixedString);
        if (trusted.isEmpty()) {
            m_tlsError =
                u"target.caFile %1 holds no PEM certificate, or cannot be read: nothing was sent"_s.arg(
                    m_settings.caFile);
        } else {
            options.tls = QSslConfiguration::defaultConfiguration();
            options.tls.addCaCertificates(trusted);
        }
    }
    m_transport = new HttpPool(m_settings.maxInFlight, options, this);
}

ScimClient::~ScimClient() = default;

void ScimClient::setTransport(HttpTransport *transport)
{
    m_transport = transport;
}

void ScimClient::get(const QString &path, const QUrlQuery &query, Callback done)
{
    enqueue("GET", path, query, {}, {}, std::move(done));
}

void ScimClient::post(const QString &path, const QJsonObject &body, Callback done)
{
    enqueue("POST", path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact), {}, std::move(done));
}

void ScimClient::patch(const QString &path, const QJsonObject &body, Callback done, const Headers &headers)
{
    enqueue("PATCH", path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact), headers, std::move(done));
}

void ScimClient::put(const QString &path, const QJsonObject &body, Callback done, const Headers &headers)
{
    enqueue("PUT", path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact), headers, std::move(done));
}

void ScimClient::remove(const QString &path, Callback done, const Headers &headers)
{
    enqueue("DELETE", path, {}, {}, headers, std::move(done));
}

void ScimClient::enqueue(const QByteArray &verb, const QString &path, const QUrlQuery &query,
                         const QByteArray &body, const Headers &headers, Callback done)
{
    QUrl url = m_settings.baseUrl.resolved(QUrl(path, QUrl::StrictMode));
    if (!query.isEmpty()) {
        // Every reserved character encoded: QUrlQuery leaves '+' as it is, and servers read it as a space,
        // which breaks filters on base64 externalIds.
        QStringList pairs;
        for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
            pairs.append(
                QString::fromLatin1(QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value)));
        url.setQuery(pairs.join(u'&'), QUrl::StrictMode);
    }
    if (!m_tlsError.isEmpty()) {
        ScimResponse refused;
        refused.message = m_tlsError;
        QTimer::singleShot(0, this, [done = std::move(done), refused] { done(refused); });
        return;
    }
    m_queue.enqueue({verb, url, body, headers, std::move(done), 0});
    dispatch();
}

void ScimClient::dispatch()
{
    if (!m_pausedUntil.hasExpired()) {
        if (!m_dispatchScheduled) {
            m_dispatchScheduled = true;
            QTimer::singleShot(m_pausedUntil.remainingTime(), this, [this] {
                m_dispatchScheduled = false;
                dispatch();
            });
        }
        return;
    }
    while (m_inFlight < m_settings.maxInFlight && !m_queue.isEmpty())
        start(m_queue.dequeue());
}

void ScimClient::start(Job job)
{
    HttpRequest request;
    request.verb = job.verb;
    request.url = job.url;
    request.headers.reserve(4 + job.headers.size());
    request.headers.emplaceBack("Authorization", "Bearer " + m_settings.token);
    request.headers.emplaceBack("Accept", "application/scim+json, application/json");
    request.headers.append(job.headers);
    if (!job.body.isEmpty())
        request.headers.emplaceBack("Content-Type", "application/scim+json");
    request.body = job.body;
    ++job.attempts;
    ++m_inFlight;
    ++m_stats.requests;
    m_transport->send(std::move(request), [this, job = std::move(job)](HttpReply reply) mutable {
        finished(std::move(reply), std::move(job));
    });
}

ScimResponse ScimClient::toResponse(const HttpReply &reply, const QUrl &url)
{
    ScimResponse r;
    r.status = reply.status;
    const QString where = url.adjusted(QUrl::RemoveQuery).toString();
    if (reply.abandoned) {
        r.message =
            u"The cloud directory at %1 sent %2; the request was abandoned."_s.arg(where, reply.errorString);
        return r;
    }
    if (r.status == 0) {
        r.message = u"Cannot reach the cloud directory at %1: %2."_s.arg(where, reply.errorString);
        if (reply.error == QNetworkReply::SslHandshakeFailedError)
            r.message += u" Its certificate must name this host and come from a CA this machine trusts: a "
                         u"private CA's certificate goes in target.caFile."_s;
        return r;
    }
    const QJsonDocument document = QJsonDocument::fromJson(reply.body);
    r.parsed = document.isObject();
    r.body = document.object();
    r.etag = headerValue(reply.headers, "ETag");
    if (r.ok())
        return r;
    r.scimType = r.body.value(u"scimType"_s).toString();
    QString detail = r.body.value(u"detail"_s).toString();
    if (detail.isEmpty())
        detail = QString::fromUtf8(reply.body.left(300)).simplified();
    const QString code =
        r.scimType.isEmpty() ? QString::number(r.status) : u"%1 %2"_s.arg(r.status).arg(r.scimType);
    switch (r.status) {
    case 401:
        r.message =
            u"The cloud directory rejected the token (HTTP 401): check target.token. %1"_s.arg(detail);
        break;
    case 403:
        r.message =
            u"The token may not do this (HTTP 403): check the permissions of the provisioning account. %1"_s
                .arg(detail);
        break;
    case 301:
    case 302:
    case 303:
    case 307:
    case 308: {
        // Not followed: the token would go wherever the answer points.
        const QByteArray location = headerValue(reply.headers, "Location");
        r.message =
            u"The cloud directory answered HTTP %1: it moved%2. Redirects are not followed with the "
            u"token: put the new address in target.url."_s.arg(r.status)
                .arg(location.isEmpty() ? QString() : u" to "_s + QString::fromUtf8(location.left(300)));
        break;
    }
    default:
        r.message = u"The cloud directory refused the request (HTTP %1): %2"_s.arg(code, detail);
    }
    return r;
}

void ScimClient::finished(HttpReply reply, Job job)
{
    --m_inFlight;
    ScimResponse response = toResponse(reply, job.url);
    response.attempts = job.attempts;
    // A request past its deadline is tried again like a timeout; an oversized answer would only come again.
    const bool oversized = reply.abandoned && reply.errorString.startsWith(u"an answer larger"_s);
    const bool transient = response.status == 0 && !oversized && RetryPolicy::isTransient(reply.error);
    if (response.status == 429 || response.status == 503)
        ++m_stats.throttled;

    // A POST that failed after it may have reached the target is not repeated blind: the caller looks the
    // object up first. Throttling answers (429, 503) mean the request was not processed, so those are
    // retried.
    const bool ambiguous = job.verb == "POST" && response.status != 429 && response.status != 503;
    const auto delay =
        response.ok() || ambiguous
            ? std::nullopt
            : m_retry.nextDelay(job.attempts, response.status, transient,
                                headerValue(reply.headers, "Retry-After"), QDateTime::currentDateTimeUtc());
    if (delay) {
        ++m_stats.retries;
        qCDebug(lcScim) << job.verb << job.url.path() << "will be retried in" << delay->count() << "ms after"
                        << (response.status ? QString::number(response.status) : reply.errorString);
        if (response.status == 429 || response.status == 503) {
            // The target is throttling: hold every request, not only this one.
            if (m_pausedUntil.hasExpired() || m_pausedUntil.remainingTime() < delay->count())
                m_pausedUntil.setRemainingTime(delay->count());
            m_queue.prepend(std::move(job));
            dispatch();
        } else {
            ++m_delayed;
            QTimer::singleShot(*delay, this, [this, job = std::move(job)]() mutable {
                --m_delayed;
                m_queue.prepend(std::move(job));
                dispatch();
            });
            dispatch();
        }
        return;
    }
    if (!response.ok())
        qCInfo(lcScim) << job.verb << job.url.path() << "failed:" << response.status << response.scimType;
    if (job.done)
        job.done(response);
    dispatch();
}

} // namespace Updraft
