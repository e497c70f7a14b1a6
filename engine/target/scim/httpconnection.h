// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httpexchange.h"
#include "httpresponseparser.h"

#include <QAbstractSocket>
#include <QObject>
#include <QSslConfiguration>
#include <QTimer>

#include <optional>

class QTcpSocket;

namespace Updraft {

// One persistent HTTP/1.1 connection (RFC 9112 §9.3) to one origin, over TLS for https, carrying one request
// at a time on the thread it lives in. A request that finds the connection closed by the peer while idle (the
// keep-alive race) is sent once more on a new connection, as long as no byte of an answer had come.
class HttpConnection : public QObject
{
public:
    struct Options {
        QSslConfiguration tls; // null: the system's defaults
        int timeoutMs = 30000; // from the request's start to the last byte of its answer
        qint64 maxBodyBytes = qint64(64) << 20;
    };
    HttpConnection(const QUrl &origin, const Options &options, std::function<void()> onIdle,
                   QObject *parent = nullptr);
    ~HttpConnection() override;

    static QString originOf(const QUrl &url);
    const QString &origin() const { return m_origin; }
    bool busy() const { return bool(m_done); }
    void send(const HttpRequest &request, HttpTransport::Done done);

private:
    void open();
    void drop();
    void write();
    void readAvailable();
    void socketFailed(QAbstractSocket::SocketError error);
    void answer(); // the parser's complete answer
    void fail(QNetworkReply::NetworkError error, const QString &message, bool abandoned = false);
    void complete(HttpReply reply);

    QString m_origin;
    QString m_host;
    QByteArray m_hostField; // the Host header's value: the origin's host, and its port when one was given
    quint16 m_port = 0;
    bool m_tls = false;
    Options m_options;
    std::function<void()> m_onIdle;
    QTcpSocket *m_socket = nullptr;
    bool m_ready = false;   // connected, and for https encrypted
    int m_exchanges = 0;    // answers read on the current socket
    bool m_resent = false;  // the current request went out once more after a stale connection
    bool m_sending = false; // inside send(): answers wait for the event loop
    QByteArray m_wire;      // the current request as it goes on the wire
    std::optional<HttpResponseParser> m_parser;
    HttpTransport::Done m_done;
    QStringList m_sslErrors;
    QTimer m_deadline;
};

} // namespace Updraft
