// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "httppool.h"

#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

HttpPool::HttpPool(int maxConnections, const HttpConnection::Options &options, QObject *parent)
    : QObject(parent)
    , m_max(std::max(1, maxConnections))
    , m_options(options)
{}

void HttpPool::send(HttpRequest request, Done done)
{
    const QString scheme = request.url.scheme();
    if ((scheme != u"http"_s && scheme != u"https"_s) || request.url.host().isEmpty()) {
        HttpReply refused;
        refused.error = QNetworkReply::ProtocolUnknownError;
        refused.errorString = u"only http:// and https:// addresses with a host can be reached"_s;
        QTimer::singleShot(0, this, [done = std::move(done), refused] { done(refused); });
        return;
    }
    m_waiting.enqueue({std::move(request), std::move(done)});
    dispatch();
}

void HttpPool::dispatch()
{
    while (!m_waiting.isEmpty()) {
        HttpConnection *connection = connectionFor(m_waiting.head().first.url);
        if (!connection)
            return;
        auto [request, done] = m_waiting.dequeue();
        connection->send(request, std::move(done));
    }
}

HttpConnection *HttpPool::connectionFor(const QUrl &url)
{
    const QString origin = HttpConnection::originOf(url);
    HttpConnection *elsewhere = nullptr;
    for (HttpConnection *c : std::as_const(m_connections)) {
        if (c->busy())
            continue;
        if (c->origin() == origin)
            return c;
        elsewhere = c;
    }
    if (m_connections.size() >= m_max) {
        if (!elsewhere)
            return nullptr; // every connection is carrying a request
        m_connections.removeOne(elsewhere);
        elsewhere->deleteLater();
    }
    auto *created = new HttpConnection(
        url, m_options, [this] { dispatch(); }, this);
    m_connections.append(created);
    return created;
}

} // namespace Updraft
