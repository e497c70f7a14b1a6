// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "scimclient.h"

#include "core/logging.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

ScimClient::ScimClient(ScimSettings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_retry(m_settings.maxAttempts)
    , m_manager(new QNetworkAccessManager(this))
    , m_ownsManager(true)
{
    // Endpoints given without a trailing slash still resolve relative paths below them.
    if (!m_settings.baseUrl.path().endsWith(u'/'))
        m_settings.baseUrl.setPath(m_settings.baseUrl.path() + u'/');
    if (!m_settings.caFile.isEmpty()) {
        const QList<QSslCertificate> trusted = QSslCertificate::fromPath(
            m_settings.caFile, QSsl::Pem, QSslCertificate::PatternSyntax::FixedString);
        if (trusted.isEmpty()) {
            m_tlsError =
                u"target.caFile %1 holds no PEM certificate, or cannot be read: nothing was sent"_s.arg(
                    m_settings.caFile);
        } else {
            m_tls = QSslConfiguration::defaultConfiguration();
            m_tls.addCaCertificates(trusted);
        }
    }
}

ScimClient::~ScimClient() = default;

void ScimClient::setNetworkAccessManager(QNetworkAccessManager *manager)
{
    if (m_ownsManager)
        m_manager->deleteLater();
    m_manager = manager;
    m_ownsManager = false;
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
    QNetworkRequest request(job.url);
    request.setRawHeader("Authorization", "Bearer " + m_settings.token);
    request.setRawHeader("Accept", "application/scim+json, application/json");
    for (const auto &[name, value] : job.headers)
        request.setRawHeader(name, value);
    if (!job.body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/scim+json"));
    request.setTransferTimeout(m_settings.timeoutSeconds * 1000);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (!m_tls.isNull())
        request.setSslConfiguration(m_tls);
    ++job.attempts;
    ++m_inFlight;
    ++m_stats.requests;
    QNetworkReply *reply = m_manager->sendCustomRequest(request, job.verb, job.body);
    // The transfer timeout restarts with every byte: a service that drips its answer would hold the run for
    // ever. Each request also has an overall deadline, and an answer a cap on its size.
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, reply, [reply, seconds = m_settings.timeoutSeconds] {
        reply->setProperty(AbortReason, u"no complete answer within %1 s"_s.arg(seconds));
        reply->abort();
    });
    deadline->start(std::chrono::seconds(m_settings.timeoutSeconds));
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > MaxResponseBytes && !reply->property(AbortReason).isValid()) {
            reply->setProperty(AbortReason, u"an answer larger than %1 MiB"_s.arg(MaxResponseBytes >> 20));
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, job = std::move(job)]() mutable { finished(reply, std::move(job)); });
}

ScimResponse ScimClient::toResponse(QNetworkReply *reply, const QByteArray &payload)
{
    ScimResponse r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QJsonDocument document = QJsonDocument::fromJson(payload);
    r.parsed = document.isObject();
    r.body = document.object();
    r.etag = reply->rawHeader("ETag");
    if (const QVariant aborted = reply->property(AbortReason); aborted.isValid()) {
        r.status = 0;
        r.parsed = false;
        r.body = {};
        r.message = u"The cloud directory at %1 sent %2; the request was abandoned."_s.arg(
            reply->url().adjusted(QUrl::RemoveQuery).toString(), aborted.toString());
        return r;
    }
    if (r.ok())
        return r;
    if (r.status == 0) {
        r.message = u"Cannot reach the cloud directory at %1: %2."_s.arg(
            reply->url().adjusted(QUrl::RemoveQuery).toString(), reply->errorString());
        if (reply->error() == QNetworkReply::SslHandshakeFailedError)
            r.message += u" Its certificate must name this host and come from a CA this machine trusts: a "
                         u"private CA's certificate goes in target.caFile."_s;
        return r;
    }
    r.scimType = r.body.value(u"scimType"_s).toString();
    QString detail = r.body.value(u"detail"_s).toString();
    if (detail.isEmpty())
        detail = QString::fromUtf8(payload.left(300)).simplified();
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
    default:
        r.message = u"The cloud directory refused the request (HTTP %1): %2"_s.arg(code, detail);
    }
    return r;
}

void ScimClient::finished(QNetworkReply *reply, Job job)
{
    reply->deleteLater();
    --m_inFlight;
    const QByteArray payload = reply->readAll();
    ScimResponse response = toResponse(reply, payload);
    response.attempts = job.attempts;
    // A request past its deadline is tried again like a timeout; an oversized answer would only come again.
    const bool oversized = reply->property(AbortReason).toString().startsWith(u"an answer larger"_s);
    const bool transient = response.status == 0 && !oversized && RetryPolicy::isTransient(reply->error());
    if (response.status == 429 || response.status == 503)
        ++m_stats.throttled;

    // A POST that failed after it may have reached the target is not repeated blind: the caller looks the
    // object up first. Throttling answers (429, 503) mean the request was not processed, so those are
    // retried.
    const bool ambiguous = job.verb == "POST" && response.status != 429 && response.status != 503;
    const auto delay =
        response.ok() || ambiguous
            ? std::nullopt
            : m_retry.nextDelay(job.attempts, response.status, transient, reply->rawHeader("Retry-After"),
                                QDateTime::currentDateTimeUtc());
    if (delay) {
        ++m_stats.retries;
        qCDebug(lcScim) << job.verb << job.url.path() << "will be retried in" << delay->count() << "ms after"
                        << (response.status ? QString::number(response.status) : reply->errorString());
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
