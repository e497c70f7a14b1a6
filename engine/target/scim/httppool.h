// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httpconnection.h"

#include <QQueue>

namespace Updraft {

// HTTP/1.1 on up to `maxConnections` persistent connections, on the thread the pool lives in: no thread
// hand-off, one buffered read per arrival, one write per request. Requests beyond the connections wait in
// order. What SCIM needs and no more: no redirects, no cookies, no compression, no proxy beyond Qt's
// application proxy.
class HttpPool : public QObject, public HttpTransport
{
public:
    HttpPool(int maxConnections, const HttpConnection::Options &options, QObject *parent = nullptr);
    void send(HttpRequest request, Done done) override;

private:
    void dispatch();
    HttpConnection *connectionFor(const QUrl &url);

    int m_max;
    HttpConnection::Options m_options;
    QList<HttpConnection *> m_connections;
    QQueue<std::pair<HttpRequest, Done>> m_waiting;
};

} // namespace Updraft
