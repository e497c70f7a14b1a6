// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "target/scim/retrypolicy.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QUrlQuery>

#include <deque>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace Updraft::Entra {

class TokenSource;

struct GraphResponse {
    int status = 0; // HTTP status; 0 when the request failed below HTTP or no token was issued
    QJsonObject body;
    QString message;           // for the admin: what Graph (or the token endpoint) said
    bool unauthorized = false; // the token endpoint refused the credentials
    bool ok() const { return status >= 200 && status < 300; }
};

// Microsoft Graph requests with a token from `tokens`: a 401 fetches a new token once, transient failures and
// 5xx are retried per RetryPolicy, a 429 waits as long as Retry-After says. Requests marked `paced`
// (bulkUpload) are sent at most `callsPerWindow` in any window of `windowSeconds`, the limit Microsoft
// documents per job.
class GraphClient : public QObject
{
    Q_OBJECT
public:
    GraphClient(QUrl base, TokenSource &tokens, int timeoutSeconds, int maxAttempts,
                QObject *parent = nullptr);
    ~GraphClient() override;

    void setNetworkAccessManager(QNetworkAccessManager *manager);
    void setPacing(int callsPerWindow, int windowSeconds);
    // Paced calls allowed in all (retries included); -1: no limit. A paced request beyond it is not sent.
    void setPacedBudget(int calls) { m_pacedBudget = calls; }

    using Callback = std::function<void(const GraphResponse &)>;
    // `path` below the base (e.g. "v1.0/auditLogs/provisioning"), or an absolute URL Graph gave (a next
    // link).
    void get(const QString &path, const QUrlQuery &query, Callback done);
    void postScim(const QString &path, const QJsonObject &body, bool paced, Callback done);

    int pending() const { return int(m_waiting.size()) + m_inFlight; }
    struct Statistics {
        int requests = 0;
        int retries = 0;
        int throttled = 0;
        int pacedCalls = 0; // calls that reached the service, throttled ones included
    };
    Statistics statistics() const { return m_stats; }

private:
    struct Job {
        QByteArray verb;
        QUrl url;
        QByteArray body;
        bool paced = false;
        Callback done;
        int attempts = 0;
        bool renewedToken = false;
    };
    void enqueue(Job job);
    void pump();
    void send(Job job);
    void finished(QNetworkReply *reply, Job job);
    qint64 pacingDelayMs() const;
    QNetworkAccessManager *manager();

    QUrl m_base;
    TokenSource &m_tokens;
    int m_timeoutSeconds;
    RetryPolicy m_retry;
    QPointer<QNetworkAccessManager> m_manager;
    QNetworkAccessManager *m_own = nullptr;
    std::deque<Job> m_waiting;
    std::deque<qint64> m_pacedSent; // when paced calls went out (ms since epoch), the last window's
    int m_callsPerWindow = 0;       // 0: no pacing
    int m_pacedBudget = -1;
    int m_pacedReserved = 0; // paced calls let out of the queue
    qint64 m_windowMs = 0;
    qint64 m_pausedUntil = 0; // a 429's Retry-After holds every request until then
    bool m_pumpScheduled = false;
    int m_inFlight = 0;
    Statistics m_stats;
};

} // namespace Updraft::Entra
