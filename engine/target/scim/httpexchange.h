// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QString>
#include <QUrl>

#include <functional>
#include <utility>

namespace Updraft {

using HttpHeaders = QList<std::pair<QByteArray, QByteArray>>;

// The value of the first header named `name` (compared without case), or a null array.
QByteArray headerValue(const HttpHeaders &headers, QByteArrayView name);

struct HttpRequest {
    QByteArray verb;
    QUrl url;
    HttpHeaders headers; // besides Host, Content-Length and User-Agent, which the transport writes
    QByteArray body;
};

struct HttpReply {
    int status = 0; // 0: no HTTP answer; `error` and `errorString` say why
    HttpHeaders headers;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    bool abandoned = false; // past its deadline or over the size cap: errorString says which
};

// Sends a request and answers it exactly once, from the event loop (never from inside send()); a transport
// destroyed first never answers. The SCIM client's retries, throttling and limits sit above it.
class HttpTransport
{
public:
    virtual ~HttpTransport() = default;
    using Done = std::function<void(HttpReply)>;
    virtual void send(HttpRequest request, Done done) = 0;
};

} // namespace Updraft
