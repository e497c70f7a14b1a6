// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// HTTP/1.1 responses as a service may send them (RFC 9112), fed at once, a byte at a time and in odd pieces:
// each way reads the same.
#include "target/scim/httpresponseparser.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

using State = HttpResponseParser::State;
Q_DECLARE_METATYPE(HttpResponseParser::State)

class TestHttpResponseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void responses_data();
    void responses();
    void headersByAnyCase();
};

void TestHttpResponseParser::responses_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<bool>("closed"); // the peer closes after the bytes
    QTest::addColumn<State>("state");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<QString>("error"); // contained in the error

    const auto ok = [](const char *name, const QByteArray &wire, int status, const QByteArray &body,
                       bool keepAlive = true, bool closed = false) {
        QTest::newRow(name) << wire << closed << State::Complete << status << body << keepAlive << QString();
    };
    const auto bad = [](const char *name, const QByteArray &wire, const QString &error, bool closed = false) {
        QTest::newRow(name) << wire << closed << State::Failed << 0 << QByteArray() << false << error;
    };

    ok("content-length", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 200, "hello");
    ok("no reason phrase", "HTTP/1.1 201\r\nContent-Length: 2\r\n\r\n{}", 201, "{}");
    ok("empty body", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 200, "");
    ok("chunked, extensions, trailer",
       "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n5;name=x\r\nhello\r\n6\r\n world\r\n0\r\n"
       "X-Checksum: 1\r\n\r\n",
       201, "hello world");
    ok("chunk sizes in upper case",
       "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n", 200,
       "0123456789");
    ok("until the close", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nto the end", 200, "to the end",
       false, true);
    ok("interim 100 first", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", 204, "");
    ok("204 without length", "HTTP/1.1 204 No Content\r\nETag: W/\"2\"\r\n\r\n", 204, "");
    ok("Connection: close", "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", 200, "x",
       false);
    ok("Connection list with close",
       "HTTP/1.1 200 OK\r\nConnection: Upgrade, CLOSE\r\nContent-Length: 1\r\n\r\nx", 200, "x", false);
    ok("HTTP/1.0", "HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx", 200, "x", false);
    ok("HTTP/1.0 keep-alive", "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx", 200,
       "x");
    ok("bare LF line ends", "HTTP/1.1 200 OK\nContent-Length: 2\n\nok", 200, "ok");
    ok("empty line before the status", "\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 200, "ok");
    ok("folded header line", "HTTP/1.1 200 OK\r\nX-Long: a\r\n  b\r\nContent-Length: 2\r\n\r\nok", 200, "ok");
    ok("repeated equal lengths", "HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\nok", 200, "ok");
    ok("bytes after the answer", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200", 200, "ok",
       false);
    ok("a 4xx with its body", "HTTP/1.1 409 Conflict\r\nContent-Length: 21\r\n\r\n{\"scimType\":\"unique\"}",
       409, "{\"scimType\":\"unique\"}");

    bad("different lengths", "HTTP/1.1 200 OK\r\nContent-Length: 2, 3\r\n\r\nok", u"Content-Length"_s);
    bad("negative length", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", u"Content-Length"_s);
    bad("length not a number", "HTTP/1.1 200 OK\r\nContent-Length: 1e3\r\n\r\n", u"Content-Length"_s);
    bad("length over the cap", "HTTP/1.1 200 OK\r\nContent-Length: 1025\r\n\r\n", u"larger than"_s);
    bad("chunks over the cap",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n" + QByteArray(1024, 'a') +
            "\r\n1\r\nb\r\n",
        u"larger than"_s);
    bad("until the close, over the cap", "HTTP/1.1 200 OK\r\n\r\n" + QByteArray(1025, 'a'), u"larger than"_s);
    bad("chunk size not hex", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", u"chunk size"_s);
    bad("chunk longer than its size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n",
        u"chunk longer"_s);
    bad("gzip transfer coding", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", u"transfer coding"_s);
    bad("not HTTP", "SSH-2.0-OpenSSH_9.2\r\n", u"not an HTTP/1.1 response"_s);
    bad("status not a number", "HTTP/1.1 2xx OK\r\n\r\n", u"not an HTTP/1.1 response"_s);
    bad("header without colon", "HTTP/1.1 200 OK\r\nbroken\r\n\r\n", u"not a field"_s);
    bad("header fields without end", "HTTP/1.1 200 OK\r\nX-Big: " + QByteArray(70000, 'a'), u"64 KiB"_s);
    bad("many header fields", "HTTP/1.1 200 OK\r\n" + QByteArray("X: y\r\n").repeated(12000), u"64 KiB"_s);
    bad("cut short, then closed", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf", u"before the answer"_s,
        true);
    bad("closed without a byte", "", u"without an answer"_s, true);

    QTest::newRow("waiting for the body")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nab") << false << State::Incomplete << 200
        << QByteArray() << false << QString();
    QTest::newRow("waiting for the close") << QByteArray("HTTP/1.1 200 OK\r\n\r\nsome") << false
                                           << State::Incomplete << 200 << QByteArray() << false << QString();
}

void TestHttpResponseParser::responses()
{
    QFETCH(QByteArray, wire);
    QFETCH(bool, closed);
    QFETCH(State, state);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, keepAlive);
    QFETCH(QString, error);

    for (const qsizetype piece : {wire.size() + 1, qsizetype(1), qsizetype(7)}) {
        const QByteArray how = "in pieces of " + QByteArray::number(piece);
        HttpResponseParser parser(1024);
        for (qsizetype at = 0; at < wire.size(); at += piece)
            parser.feed(QByteArrayView(wire).sliced(at, std::min(piece, wire.size() - at)));
        if (closed)
            parser.finish();
        QVERIFY2(parser.state() == state, how.constData());
        if (state == State::Failed) {
            QVERIFY2(parser.error().contains(error),
                     qPrintable(QString::fromLatin1(how) + u": "_s + parser.error()));
            continue;
        }
        QCOMPARE(parser.status(), status);
        if (state == State::Incomplete)
            continue;
        QCOMPARE(parser.takeBody(), body);
        QCOMPARE(parser.keepAlive(), keepAlive);
    }
}

void TestHttpResponseParser::headersByAnyCase()
{
    HttpResponseParser parser(1024);
    parser.feed("HTTP/1.1 200 OK\r\netag: W/\"7\"\r\nRetry-After:  5 \r\nContent-Length: 0\r\n\r\n");
    QCOMPARE(parser.state(), State::Complete);
    QCOMPARE(headerValue(parser.headers(), "ETag"), "W/\"7\""_ba);
    QCOMPARE(headerValue(parser.headers(), "retry-after"), "5"_ba);
    QVERIFY(headerValue(parser.headers(), "Location").isNull());
}

QTEST_GUILESS_MAIN(TestHttpResponseParser)
#include "tst_httpresponseparser.moc"
