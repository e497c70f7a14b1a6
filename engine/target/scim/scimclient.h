// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httpexchange.h"
#include "retrypolicy.h"

#include <QDeadlineTimer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

namespace Updraft {

struct ScimSettings {
    QUrl baseUrl;     // e.g. http://127.0.0.1:8080/scim/v2
    QByteArray token; // bearer token; never logged
    int maxInFlight = 4;
    int timeoutSeconds = 30;
    int maxAttempts = 6;
    QString caFile; // https: CA certificates (PEM) trusted besides the system's; empty: the system's only
};

struct ScimResponse {
    int status = 0; // HTTP status; 0 when the request failed below HTTP
    QJsonObject body;
    bool parsed = false; // the body was a JSON object (an empty 204 is not)
    QByteArray etag;     // the ETag header, when the service sent one
    QString message;     // for the admin: what the target said, and what to check
    QString scimType;    // RFC 7644 §3.12 scimType, when the target sent one
    int attempts = 0;
    bool ok() const { return status >= 200 && status < 300; }
};

// A SCIM 2.0 client on HttpPool's persistent connections. Requests are queued and at most `maxInFlight` run
// at once; transient failures are retried per RetryPolicy, and a 429/503 with Retry-After pauses every
// request to the target for that long. Lives in one thread; callbacks run in that thread.
class ScimClient : public QObject
{
    Q_OBJECT
public:
    explicit ScimClient(ScimSettings settings, QObject *parent = nullptr);
    ~ScimClient() override;

    // For unit tests with fake answers. The client does not take ownership.
    void setTransport(HttpTransport *transport);

    using Callback = std::function<void(const ScimResponse &)>;
    using Headers = HttpHeaders;
    void get(const QString &path, const QUrlQuery &query, Callback done);
    void post(const QString &path, const QJsonObject &body, Callback done);
    void patch(const QString &path, const QJsonObject &body, Callback done, const Headers &headers = {});
    void put(const QString &path, const QJsonObject &body, Callback done, const Headers &headers = {});
    void remove(const QString &path, Callback done, const Headers &headers = {});

    int pending() const { return int(m_queue.size()) + m_inFlight + m_delayed; }
    // No answer a run needs comes near this: a page of 1,000 users is about 2 MiB.
    static constexpr qint64 MaxResponseBytes = qint64(64) << 20;

    struct Statistics {
        int requests = 0; // HTTP requests sent, retries included
        int retries = 0;
        int throttled = 0; // 429/503 answers
    };
    Statistics statistics() const { return m_stats; }

private:
    struct Job {
        QByteArray verb;
        QUrl url;
        QByteArray body;
        Headers headers;
        Callback done;
        int attempts = 0;
    };
    void enqueue(const QByteArray &verb, const QString &path, const QUrlQuery &query, const QByteArray &body,
                 const Headers &headers, Callback done);
    void dispatch();
    void start(Job job);
    void finished(HttpReply reply, Job job);
    static ScimResponse toResponse(const HttpReply &reply, const QUrl &url);

    ScimSettings m_settings;
    RetryPolicy m_retry;
    QString m_tlsError;                   // target.caFile could not be used: every request fails with this
    HttpTransport *m_transport = nullptr; // the client's own HttpPool, or a test's

    QQueue<Job> m_queue;
    int m_inFlight = 0;
    int m_delayed = 0;            // waiting for a back-off timer
    QDeadlineTimer m_pausedUntil; // set by Retry-After
    bool m_dispatchScheduled = false;
    Statistics m_stats;
};

} // namespace Updraft
