// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpconnection.h"

#include "core/logging.h"

#include <QPointer>
#include <QSslSocket>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

QNetworkReply::NetworkError networkError(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return QNetworkReply::ConnectionRefusedError;
    case QAbstractSocket::RemoteHostClosedError:
        return QNetworkReply::RemoteHostClosedError;
    case QAbstractSocket::HostNotFoundError:
        return QNetworkReply::HostNotFoundError;
    case QAbstractSocket::SocketTimeoutError:
        return QNetworkReply::TimeoutError;
    case QAbstractSocket::SslHandshakeFailedError:
        return QNetworkReply::SslHandshakeFailedError;
    case QAbstractSocket::NetworkError:
        return QNetworkReply::TemporaryNetworkFailureError;
    case QAbstractSocket::ProxyConnectionRefusedError:
        return QNetworkReply::ProxyConnectionRefusedError;
    case QAbstractSocket::ProxyConnectionClosedError:
        return QNetworkReply::ProxyConnectionClosedError;
    case QAbstractSocket::ProxyNotFoundError:
        return QNetworkReply::ProxyNotFoundError;
    case QAbstractSocket::ProxyConnectionTimeoutError:
        return QNetworkReply::ProxyTimeoutError;
    default:
        return QNetworkReply::UnknownNetworkError;
    }
}

} // namespace

HttpConnection::HttpConnection(const QUrl &origin, const Options &options, std::function<void()> onIdle,
                               QObject *parent)
    : QObject(parent)
    , m_origin(originOf(origin))
    , m_host(origin.host())
    , m_tls(origin.scheme() == u"https"_s)
    , m_options(options)
    , m_onIdle(std::move(onIdle))
{
    m_port = quint16(origin.port(m_tls ? 443 : 80));
    m_hostField = origin.authority(QUrl::RemoveUserInfo | QUrl::FullyEncoded).toLatin1();
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        fail(QNetworkReply::OperationCanceledError,
             u"no complete answer within %1 s"_s.arg(m_options.timeoutMs / 1000), true);
    });
}

HttpConnection::~HttpConnection()
{
    if (m_socket)
        m_socket->disconnect(this);
}

QString HttpConnection::originOf(const QUrl &url)
{
    const bool tls = url.scheme() == u"https"_s;
    return u"%1://%2:%3"_s.arg(url.scheme(), url.host()).arg(url.port(tls ? 443 : 80));
}

void HttpConnection::send(const HttpRequest &request, HttpTransport::Done done)
{
    Q_ASSERT(!busy());
    m_done = std::move(done);
    m_resent = false;
    m_parser.emplace(m_options.maxBodyBytes);
    m_wire.clear();
    m_wire.reserve(256 + request.body.size());
    m_wire += request.verb + ' ';
    const QByteArray path = request.url.path(QUrl::FullyEncoded).toLatin1();
    m_wire += path.isEmpty() ? "/"_ba : path;
    if (request.url.hasQuery())
        m_wire += '?' + request.url.query(QUrl::FullyEncoded).toLatin1();
    m_wire += " HTTP/1.1\r\nHost: " + m_hostField + "\r\nUser-Agent: Updraft\r\n";
    for (const auto &[name, value] : request.headers)
        m_wire += name + ": " + value + "\r\n";
    if (!request.body.isEmpty() || request.verb == "POST" || request.verb == "PUT" || request.verb == "PATCH")
        m_wire += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    m_wire += "\r\n" + request.body;

    m_sending = true;
    m_deadline.start(m_options.timeoutMs);
    if (m_socket && m_ready && m_socket->state() == QAbstractSocket::ConnectedState)
        write();
    else
        open();
    m_sending = false;
}

void HttpConnection::open()
{
    drop();
    m_sslErrors.clear();
    auto *tls = m_tls ? new QSslSocket(this) : nullptr;
    m_socket = tls ? tls : new QTcpSocket(this);
    // Requests go out in one write each; nothing gains from waiting for more (Nagle's algorithm).
    connect(m_socket, &QTcpSocket::connected, this,
            [this] { m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); });
    const auto ready = [this] {
        m_ready = true;
        write();
    };
    if (tls) {
        if (!m_options.tls.isNull())
            tls->setSslConfiguration(m_options.tls);
        connect(tls, &QSslSocket::encrypted, this, ready);
        connect(tls, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            for (const QSslError &e : errors)
                m_sslErrors.append(e.errorString());
        });
    } else {
        connect(m_socket, &QTcpSocket::connected, this, ready);
    }
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::readAvailable);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &HttpConnection::socketFailed);
    m_exchanges = 0;
    if (tls)
        tls->connectToHostEncrypted(m_host, m_port);
    else
        m_socket->connectToHost(m_host, m_port);
}

void HttpConnection::drop()
{
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
    m_ready = false;
}

void HttpConnection::write()
{
    if (!busy())
        return;
    m_socket->write(m_wire);
    m_socket->flush(); // now, not on the next turn of the event loop
}

void HttpConnection::readAvailable()
{
    const QByteArray bytes = m_socket->readAll();
    if (!busy()) {
        drop(); // bytes nobody asked for: this connection cannot be trusted with another request
        return;
    }
    switch (m_parser->feed(bytes)) {
    case HttpResponseParser::State::Incomplete:
        return;
    case HttpResponseParser::State::Failed:
        fail(m_parser->oversized() ? QNetworkReply::OperationCanceledError : QNetworkReply::ProtocolFailure,
             m_parser->error(), m_parser->oversized());
        return;
    case HttpResponseParser::State::Complete:
        break;
    }
    ++m_exchanges;
    if (!m_parser->keepAlive())
        drop();
    answer();
}

void HttpConnection::socketFailed(QAbstractSocket::SocketError error)
{
    if (!busy()) {
        drop(); // closed while idle: the next request opens a new one
        return;
    }
    if (m_socket->bytesAvailable() > 0) {
        const QPointer<HttpConnection> alive(this);
        readAvailable();
        if (!alive || !busy())
            return;
    }
    const bool closed =
        error == QAbstractSocket::RemoteHostClosedError || error == QAbstractSocket::NetworkError;
    if (closed) {
        if (m_parser->finish() == HttpResponseParser::State::Complete) {
            drop();
            answer();
            return;
        }
        if (!m_parser->receivedAny() && m_exchanges > 0 && !m_resent) {
            // The peer closed a connection it had kept alive just as this request went out: no answer came,
            // so it was not read. Once more, on a new connection.
            qCDebug(lcScim) << "connection to" << m_origin << "closed while idle; sending again";
            m_resent = true;
            m_parser.emplace(m_options.maxBodyBytes);
            open();
            return;
        }
        if (error == QAbstractSocket::RemoteHostClosedError) {
            fail(QNetworkReply::RemoteHostClosedError, m_parser->error());
            return;
        }
    }
    QString message = m_socket->errorString();
    if (error == QAbstractSocket::SslHandshakeFailedError && !m_sslErrors.isEmpty())
        message = u"TLS handshake failed: %1"_s.arg(m_sslErrors.join(u"; "_s));
    fail(networkError(error), message);
}

void HttpConnection::answer()
{
    HttpReply reply;
    reply.status = m_parser->status();
    reply.headers = m_parser->headers();
    reply.body = m_parser->takeBody();
    complete(std::move(reply));
}

void HttpConnection::fail(QNetworkReply::NetworkError error, const QString &message, bool abandoned)
{
    drop();
    HttpReply reply;
    reply.error = error;
    reply.errorString = message;
    reply.abandoned = abandoned;
    complete(std::move(reply));
}

void HttpConnection::complete(HttpReply reply)
{
    m_deadline.stop();
    HttpTransport::Done done = std::exchange(m_done, {});
    m_parser.reset();
    if (m_sending) { // never answer from inside send()
        QMetaObject::invokeMethod(
            this,
            [this, done = std::move(done), reply = std::move(reply)]() mutable {
                const QPointer<HttpConnection> alive(this);
                done(std::move(reply));
                if (alive && !busy())
                    m_onIdle();
            },
            Qt::QueuedConnection);
        return;
    }
    const QPointer<HttpConnection> alive(this);
    done(std::move(reply));
    if (alive && !busy())
        m_onIdle();
}

} // namespace Updraft
