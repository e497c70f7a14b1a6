// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// HttpPool's persistent connections against a peer on loopback that can answer in pieces, close a connection
// it kept alive just as a request comes, or close without answering.
#include "target/scim/httppool.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

// Reads requests (head, and a body by Content-Length) and hands each to `respond` with the number of the
// connection it came on and its number on that connection, both from 0.
class Peer : public QTcpServer
{
public:
    struct Request {
        QByteArray head;
        QByteArray body;
    };
    std::function<void(QTcpSocket *, int connection, int number, const Request &)> respond;
    QList<Request> received;
    int connections = 0;

    Peer()
    {
        listen(QHostAddress::LocalHost);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                const int connection = connections++;
                auto buffer = std::make_shared<QByteArray>();
                auto number = std::make_shared<int>(0);
                connect(socket, &QTcpSocket::readyRead, socket, [=, this] {
                    *buffer += socket->readAll();
                    for (;;) {
                        const qsizetype end = buffer->indexOf("\r\n\r\n");
                        if (end < 0)
                            return;
                        Request r{buffer->left(end), {}};
                        qsizetype length = 0;
                        for (const QByteArray &line : r.head.split('\n'))
                            if (line.toLower().startsWith("content-length:"))
                                length = line.mid(15).trimmed().toLongLong();
                        if (buffer->size() < end + 4 + length)
                            return;
                        r.body = buffer->mid(end + 4, length);
                        buffer->remove(0, end + 4 + length);
                        received.append(r);
                        respond(socket, connection, (*number)++, r);
                    }
                });
            }
        });
    }
    QUrl url(const QString &path = u"/scim/v2/Users"_s) const
    {
        return QUrl(u"http://127.0.0.1:%1%2"_s.arg(serverPort()).arg(path));
    }
};

void answerOk(QTcpSocket *socket, const QByteArray &body = "{}")
{
    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/scim+json\r\nContent-Length: " +
                  QByteArray::number(body.size()) + "\r\n\r\n" + body);
}

struct Exchange {
    std::optional<HttpReply> reply;
    HttpTransport::Done done()
    {
        return [this](HttpReply r) {
            reply = std::move(r);
        };
    }
};

HttpRequest get(const QUrl &url)
{
    return {"GET", url, {{"Authorization", "Bearer t"}}, {}};
}

HttpConnection::Options options(int timeoutMs = 10000)
{
    HttpConnection::Options o;
    o.timeoutMs = timeoutMs;
    o.maxBodyBytes = 1 << 20;
    return o;
}

} // namespace

class TestHttpPool : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneConnectionCarriesEveryRequest();
    void requestOnTheWire();
    void noMoreConnectionsThanAllowed();
    void answerInPieces();
    void closedJustAsARequestCameIsSentAgain();
    void closedWithoutAnswerFails();
    void refusedConnection();
    void noAnswerWithinTheDeadline();
};

void TestHttpPool::oneConnectionCarriesEveryRequest()
{
    Peer peer;
    peer.respond = [](QTcpSocket *socket, int, int number, const Peer::Request &) {
        answerOk(socket, "{\"n\":" + QByteArray::number(number) + '}');
    };
    HttpPool pool(4, options());
    for (int i = 0; i < 5; ++i) {
        Exchange e;
        pool.send(get(peer.url()), e.done());
        QVERIFY(!e.reply); // never answered from inside send()
        QTRY_VERIFY(e.reply);
        QCOMPARE(e.reply->status, 200);
        QCOMPARE(e.reply->body, "{\"n\":" + QByteArray::number(i) + '}');
    }
    QCOMPARE(peer.connections, 1);
}

void TestHttpPool::requestOnTheWire()
{
    Peer peer;
    peer.respond = [](QTcpSocket *socket, int, int, const Peer::Request &) {
        socket->write("HTTP/1.1 201 Created\r\nETag: W/\"1\"\r\nContent-Length: 2\r\n\r\n{}");
    };
    HttpPool pool(1, options());
    Exchange e;
    QUrl url = peer.url(u"/scim/v2/Users"_s);
    url.setQuery(u"filter=externalId%20eq%20%22a%2Bb%22"_s, QUrl::StrictMode);
    pool.send({"POST", url, {{"Content-Type", "application/scim+json"}}, "{\"userName\":\"ann\"}"}, e.done());
    QTRY_VERIFY(e.reply);
    QCOMPARE(e.reply->status, 201);
    QCOMPARE(headerValue(e.reply->headers, "etag"), "W/\"1\""_ba);
    const QList<QByteArray> head = peer.received.value(0).head.split('\n');
    QCOMPARE(head.value(0).trimmed(), "POST /scim/v2/Users?filter=externalId%20eq%20%22a%2Bb%22 HTTP/1.1"_ba);
    const QByteArray all = peer.received.value(0).head;
    const QByteArray host = "\r\nHost: 127.0.0.1:" + QByteArray::number(peer.serverPort()) + "\r\n";
    QVERIFY(all.contains(host));
    QVERIFY(all.contains("\r\nContent-Length: 18"));
    QVERIFY(all.contains("\r\nContent-Type: application/scim+json"));
    QCOMPARE(peer.received.value(0).body, "{\"userName\":\"ann\"}"_ba);
}

void TestHttpPool::noMoreConnectionsThanAllowed()
{
    Peer peer;
    // Answers late, so that requests pile up.
    peer.respond = [](QTcpSocket *socket, int, int, const Peer::Request &) {
        QTimer::singleShot(20, socket, [socket] { answerOk(socket); });
    };
    HttpPool pool(2, options());
    QList<Exchange> exchanges(9);
    for (Exchange &e : exchanges)
        pool.send(get(peer.url()), e.done());
    QTRY_VERIFY(std::all_of(exchanges.begin(), exchanges.end(), [](const Exchange &e) { return e.reply; }));
    for (const Exchange &e : exchanges)
        QCOMPARE(e.reply->status, 200);
    QCOMPARE(peer.connections, 2);
    QCOMPARE(peer.received.size(), 9);
}

void TestHttpPool::answerInPieces()
{
    Peer peer;
    peer.respond = [](QTcpSocket *socket, int, int, const Peer::Request &) {
        const QList<QByteArray> pieces{"HTTP/1.1 200 OK\r\nTransfer-Enc", "oding: chunked\r\n\r\n4\r\n{\"a\"",
                                       "\r\n", "3\r\n:1}\r\n0\r\n", "\r\n"};
        for (int i = 0; i < pieces.size(); ++i)
            QTimer::singleShot(10 * i, socket, [socket, piece = pieces[i]] {
                socket->write(piece);
                socket->flush();
            });
    };
    HttpPool pool(1, options());
    for (int round = 0; round < 2; ++round) {
        Exchange e;
        pool.send(get(peer.url()), e.done());
        QTRY_VERIFY(e.reply);
        QCOMPARE(e.reply->status, 200);
        QCOMPARE(e.reply->body, "{\"a\":1}"_ba);
    }
    QCOMPARE(peer.connections, 1);
}

// The keep-alive race (RFC 9112 §9.3.1): the peer closes the idle connection as the next request reaches it.
// No byte of an answer came, so the request was not read: it goes again, once, on a new connection.
void TestHttpPool::closedJustAsARequestCameIsSentAgain()
{
    Peer peer;
    peer.respond = [](QTcpSocket *socket, int connection, int number, const Peer::Request &) {
        if (connection == 0 && number == 1)
            socket->close();
        else
            answerOk(socket);
    };
    HttpPool pool(1, options());
    for (int i = 0; i < 3; ++i) {
        Exchange e;
        pool.send({"POST", peer.url(), {}, "{}"}, e.done());
        QTRY_VERIFY(e.reply);
        QVERIFY2(e.reply->status == 200, qPrintable(e.reply->errorString));
    }
    QCOMPARE(peer.connections, 2);
    QCOMPARE(peer.received.size(), 4); // the second request twice
}

// A new connection closed without an answer is not a stale one: the request fails, and is not sent again.
void TestHttpPool::closedWithoutAnswerFails()
{
    Peer peer;
    peer.respond = [](QTcpSocket *socket, int, int, const Peer::Request &) {
        socket->close();
    };
    HttpPool pool(1, options());
    Exchange e;
    pool.send(get(peer.url()), e.done());
    QTRY_VERIFY(e.reply);
    QCOMPARE(e.reply->status, 0);
    QCOMPARE(e.reply->error, QNetworkReply::RemoteHostClosedError);
    QVERIFY2(e.reply->errorString.contains(u"without an answer"_s), qPrintable(e.reply->errorString));
    QCOMPARE(peer.received.size(), 1);
}

void TestHttpPool::refusedConnection()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close(); // nothing listens there now
    HttpPool pool(1, options());
    Exchange e;
    pool.send(get(QUrl(u"http://127.0.0.1:%1/scim/v2/Users"_s.arg(port))), e.done());
    QTRY_VERIFY(e.reply);
    QCOMPARE(e.reply->status, 0);
    QCOMPARE(e.reply->error, QNetworkReply::ConnectionRefusedError);
}

void TestHttpPool::noAnswerWithinTheDeadline()
{
    Peer peer;
    peer.respond = [](QTcpSocket *socket, int, int, const Peer::Request &) {
        socket->write("HTTP/1.1 200");
    };
    HttpPool pool(1, options(300));
    Exchange e;
    pool.send(get(peer.url()), e.done());
    QTRY_VERIFY(e.reply);
    QCOMPARE(e.reply->status, 0);
    QVERIFY(e.reply->abandoned);
    QCOMPARE(e.reply->error, QNetworkReply::OperationCanceledError);
}

QTEST_GUILESS_MAIN(TestHttpPool)
#include "tst_httppool.moc"
