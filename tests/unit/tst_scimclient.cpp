// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "target/scim/scimbulk.h"
#include "target/scim/scimclient.h"

#include "faketransport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

// Answers requests from a queue of canned replies and records what was sent, and when.
class FakeNetwork : public FakeTransport
{
public:
    struct Sent {
        QByteArray verb;
        QUrl url;
        QByteArray authorization;
        QByteArray contentType;
        QByteArray body;
        qint64 atMs = 0;
    };

    FakeNetwork()
    {
        m_clock.start();
        answer = [this](const HttpRequest &request) {
            sent.append({request.verb, request.url, headerValue(request.headers, "Authorization"),
                         headerValue(request.headers, "Content-Type"), request.body, m_clock.elapsed()});
            return replies.size() > 1 ? replies.takeFirst() : replies.value(0);
        };
    }
    QList<Canned> replies; // taken in order; the last one repeats
    QList<Sent> sent;

private:
    QElapsedTimer m_clock;
};

// An HTTP peer on loopback that answers every request with a 200 whose body never completes: it drips one
// byte every 100 ms, or floods bytes past any reasonable size.
class EndlessPeer : public QTcpServer
{
public:
    explicit EndlessPeer(bool flood)
        : m_flood(flood)
    {
        listen(QHostAddress::LocalHost);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    socket->readAll();
                    if (socket->property("answered").toBool())
                        return;
                    socket->setProperty("answered", true);
                    // The flood says no length (its body runs to the close), so only its bytes count.
                    socket->write(m_flood ? "HTTP/1.1 200 OK\r\nContent-Type: application/scim+json\r\n\r\n{"
                                          : "HTTP/1.1 200 OK\r\nContent-Type: application/scim+json\r\n"
                                            "Content-Length: 1000\r\n\r\n{");
                    auto *timer = new QTimer(socket);
                    connect(timer, &QTimer::timeout, socket, [this, socket] {
                        if (socket->bytesToWrite() < (1 << 20))
                            socket->write(m_flood ? QByteArray(1 << 20, ' ') : QByteArray(" "));
                    });
                    timer->start(m_flood ? 1 : 100);
                });
            }
        });
    }

private:
    bool m_flood;
};

ScimSettings settings(int maxAttempts = 6)
{
    ScimSettings s;
    s.baseUrl = QUrl(u"http://scim.test/scim/v2"_s);
    s.token = "s3cret-token";
    s.maxAttempts = maxAttempts;
    s.maxInFlight = 2;
    return s;
}

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

class TestScimClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void created();
    void requests_data();
    void requests();
    void throttled_data();
    void throttled();
    void serverErrorRetriedThenFails();
    void notRetried_data();
    void notRetried();
    void filterValuesAreFullyEncoded();
    void bulkWithinLimitsWithEachOutcome();
    void bulkRefusedGoesOneByOne();
    void answerThatNeverEnds_data();
    void answerThatNeverEnds();
};

void TestScimClient::created()
{
    FakeNetwork network;
    network.replies = {
        {201, R"({"id": "c-1", "userName": "jdoe"})", {{"Content-Type", "application/scim+json"}}}};
    ScimClient client(settings());
    client.setTransport(&network);

    std::optional<ScimResponse> response;
    const QJsonObject user{{u"userName"_s, u"jdoe"_s}};
    client.post(u"Users"_s, user, [&](const ScimResponse &r) { response = r; });
    QCOMPARE(client.pending(), 1);
    QTRY_VERIFY(response);

    QVERIFY(response->ok());
    QCOMPARE(response->status, 201);
    QCOMPARE(response->attempts, 1);
    QCOMPARE(response->body.value(u"id"_s).toString(), u"c-1"_s);
    QVERIFY(response->message.isEmpty());
    QCOMPARE(network.sent.size(), 1);
    const FakeNetwork::Sent &s = network.sent.first();
    QCOMPARE(s.verb, QByteArray("POST"));
    QCOMPARE(s.url, QUrl(u"http://scim.test/scim/v2/Users"_s));
    QCOMPARE(s.authorization, QByteArray("Bearer s3cret-token"));
    QCOMPARE(s.contentType, QByteArray("application/scim+json"));
    QCOMPARE(QJsonDocument::fromJson(s.body).object(), user);
    QCOMPARE(client.statistics().requests, 1);
    QCOMPARE(client.statistics().retries, 0);
    QCOMPARE(client.pending(), 0);
    QTRY_COMPARE(client.pending(), 0);
}

void TestScimClient::requests_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("url"); // without the query
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("hasBody");

    QTest::newRow("GET with filter") << QByteArray("GET") << u"Users"_s << u"http://scim.test/scim/v2/Users"_s
                                     << u"userName eq \"a b\""_s << false;
    QTest::newRow("POST") << QByteArray("POST") << u"Groups"_s << u"http://scim.test/scim/v2/Groups"_s
                          << QString() << true;
    QTest::newRow("PATCH") << QByteArray("PATCH") << u"Users/c-1"_s << u"http://scim.test/scim/v2/Users/c-1"_s
                           << QString() << true;
    QTest::newRow("DELETE") << QByteArray("DELETE") << u"Users/c-1"_s
                            << u"http://scim.test/scim/v2/Users/c-1"_s << QString() << false;
}

void TestScimClient::requests()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    QFETCH(QString, url);
    QFETCH(QString, filter);
    QFETCH(bool, hasBody);

    FakeNetwork network;
    network.replies = {{200, "{}", {}}};
    ScimClient client(settings());
    client.setTransport(&network);
    bool done = false;
    const auto callback = [&](const ScimResponse &r) {
        done = r.ok();
    };
    const QJsonObject body{{u"displayName"_s, u"x"_s}};
    if (verb == "GET")
        client.get(path, QUrlQuery{{u"filter"_s, filter}}, callback);
    else if (verb == "POST")
        client.post(path, body, callback);
    else if (verb == "PATCH")
        client.patch(path, body, callback);
    else
        client.remove(path, callback);
    QTRY_VERIFY(done);

    QCOMPARE(network.sent.size(), 1);
    const FakeNetwork::Sent &s = network.sent.first();
    QCOMPARE(s.verb, verb);
    QCOMPARE(s.url.adjusted(QUrl::RemoveQuery), QUrl(url));
    QCOMPARE(QUrlQuery(s.url).queryItemValue(u"filter"_s, QUrl::FullyDecoded), filter);
    QCOMPARE(s.authorization, QByteArray("Bearer s3cret-token"));
    QCOMPARE(s.body, hasBody ? json(body) : QByteArray());
    QCOMPARE(s.contentType, hasBody ? QByteArray("application/scim+json") : QByteArray());
}

void TestScimClient::throttled_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<qint64>("pauseMs");

    QTest::newRow("429 Retry-After 1") << 429 << QByteArray("1") << qint64(1000);
    QTest::newRow("503 Retry-After 1") << 503 << QByteArray("1") << qint64(1000);
}

void TestScimClient::throttled()
{
    QFETCH(int, status);
    QFETCH(QByteArray, retryAfter);
    QFETCH(qint64, pauseMs);

    FakeNetwork network;
    network.replies = {{status, R"({"detail": "slow down"})", {{"Retry-After", retryAfter}}},
                       {200, R"({"id": "a"})", {}}};
    ScimClient client(settings());
    client.setTransport(&network);

    std::optional<ScimResponse> first;
    std::optional<ScimResponse> second;
    client.get(u"Users/a"_s, {}, [&](const ScimResponse &r) { first = r; });
    QTRY_COMPARE(client.statistics().throttled, 1);
    // A request made while the target throttles waits too.
    client.get(u"Users/b"_s, {}, [&](const ScimResponse &r) { second = r; });
    QCOMPARE(network.sent.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(first && second, 10000);

    QCOMPARE(first->status, 200);
    QCOMPARE(first->attempts, 2);
    QCOMPARE(first->body.value(u"id"_s).toString(), u"a"_s);
    QCOMPARE(second->status, 200);
    QCOMPARE(second->attempts, 1);
    QCOMPARE(network.sent.size(), 3);
    QCOMPARE(network.sent.at(1).url.path(), u"/scim/v2/Users/a"_s); // the throttled request goes first
    QCOMPARE(network.sent.at(2).url.path(), u"/scim/v2/Users/b"_s);
    const qint64 waited = network.sent.at(1).atMs - network.sent.at(0).atMs;
    QVERIFY2(waited >= pauseMs, qPrintable(u"retried after %1 ms"_s.arg(waited)));
    QVERIFY2(network.sent.at(2).atMs - network.sent.at(0).atMs >= pauseMs, "the other request did not wait");
    QVERIFY2(waited < pauseMs + 3000, qPrintable(u"retried only after %1 ms"_s.arg(waited)));
    QCOMPARE(client.statistics().requests, 3);
    QCOMPARE(client.statistics().retries, 1);
    QCOMPARE(client.statistics().throttled, 1);
}

void TestScimClient::serverErrorRetriedThenFails()
{
    FakeNetwork network;
    network.replies = {{500, R"({"detail": "database on fire"})", {{"Retry-After", "0"}}}};
    ScimClient client(settings(3));
    client.setTransport(&network);

    std::optional<ScimResponse> response;
    int calls = 0;
    client.patch(u"Users/c-1"_s, {{u"Operations"_s, QJsonArray()}}, [&](const ScimResponse &r) {
        response = r;
        ++calls;
    });
    QTRY_VERIFY_WITH_TIMEOUT(response, 15000);
    QTest::qWait(50);
    QCOMPARE(calls, 1);
    QVERIFY(!response->ok());
    QCOMPARE(response->status, 500);
    QCOMPARE(response->attempts, 3);
    QVERIFY2(response->message.contains(u"HTTP 500"_s) && response->message.contains(u"database on fire"_s),
             qPrintable(response->message));
    QCOMPARE(network.sent.size(), 3);
    // Exponential back-off from 500 ms (Retry-After is for 429 and 503 only).
    QVERIFY(network.sent.at(1).atMs - network.sent.at(0).atMs >= 500);
    QVERIFY(network.sent.at(2).atMs - network.sent.at(1).atMs >= 1000);
    QCOMPARE(client.statistics().requests, 3);
    QCOMPARE(client.statistics().retries, 2);
    QCOMPARE(client.statistics().throttled, 0);
    QCOMPARE(client.pending(), 0);
}

void TestScimClient::notRetried_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("scimType");

    QTest::newRow("400") << 400 << QByteArray(R"({"detail": "bad filter", "scimType": "invalidFilter"})")
                         << u"The cloud directory refused the request (HTTP 400 invalidFilter): bad filter"_s
                         << u"invalidFilter"_s;
    QTest::newRow("401 without body")
        << 401 << QByteArray() << u"The cloud directory rejected the token (HTTP 401): check target.token."_s
        << QString();
    QTest::newRow("403")
        << 403 << QByteArray(R"({"detail": "read only"})")
        << u"The token may not do this (HTTP 403): check the permissions of the provisioning account. read only"_s
        << QString();
    QTest::newRow("409") << 409 << QByteArray(R"({"detail": "exists", "scimType": "uniqueness"})")
                         << u"The cloud directory refused the request (HTTP 409 uniqueness): exists"_s
                         << u"uniqueness"_s;
    QTest::newRow("404 plain text") << 404 << QByteArray("no such\nuser")
                                    << u"The cloud directory refused the request (HTTP 404): no such user"_s
                                    << QString();
    QTest::newRow("308, not followed") << 308 << QByteArray("moved")
                                       << u"The cloud directory answered HTTP 308: it moved to "
                                          u"https://scim.test/v2/Users/c-1. Redirects are "
                                          u"not followed with the token: put the new address in target.url."_s
                                       << QString();
}

void TestScimClient::notRetried()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    QFETCH(QString, scimType);

    FakeNetwork network;
    network.replies = {
        {status, body, {{"Retry-After", "1"}, {"Location", "https://scim.test/v2/Users/c-1"}}}};
    ScimClient client(settings());
    client.setTransport(&network);
    std::optional<ScimResponse> response;
    client.remove(u"Users/c-1"_s, [&](const ScimResponse &r) { response = r; });
    QTRY_VERIFY(response);
    QCOMPARE(response->status, status);
    QCOMPARE(response->attempts, 1);
    QCOMPARE(response->message.trimmed(), message);
    QCOMPARE(response->scimType, scimType);
    QCOMPARE(network.sent.size(), 1);
    QCOMPARE(client.statistics().retries, 0);
}

void TestScimClient::filterValuesAreFullyEncoded()
{
    // A base64 externalId holds '+' and '/': left as they are, a server reads '+' as a space.
    FakeNetwork network;
    network.replies = {{200, R"({"Resources": []})", {}}};
    ScimClient client(settings());
    client.setTransport(&network);
    std::optional<ScimResponse> response;
    client.get(u"Users"_s, QUrlQuery{{u"filter"_s, u"externalId eq \"a+b/c==\""_s}},
               [&](const ScimResponse &r) { response = r; });
    QTRY_VERIFY(response);
    QCOMPARE(network.sent.size(), 1);
    const QByteArray query = network.sent.first().url.query(QUrl::FullyEncoded).toLatin1();
    QCOMPARE(query, QByteArray("filter=externalId%20eq%20%22a%2Bb%2Fc%3D%3D%22"));
    QCOMPARE(QUrlQuery(network.sent.first().url).queryItemValue(u"filter"_s, QUrl::FullyDecoded),
             u"externalId eq \"a+b/c==\""_s);
}

// Writes added in one pass of the event loop go out in Bulk requests of at most maxOperations, and each
// write's callback gets its own operation's result: matched by bulkId for creates, by method and location for
// the others, whatever order the service answers in.
void TestScimClient::bulkWithinLimitsWithEachOutcome()
{
    FakeNetwork network;
    network.replies.append(Canned(
        200, json({{u"Operations"_s,
                    QJsonArray{QJsonObject{{u"method"_s, u"PATCH"_s},
                                           {u"location"_s, u"http://scim.test/scim/v2/Users/u9"_s},
                                           {u"status"_s, u"200"_s}},
                               QJsonObject{{u"method"_s, u"POST"_s},
                                           {u"bulkId"_s, u"u2"_s},
                                           {u"status"_s, u"409"_s},
                                           {u"response"_s, QJsonObject{{u"scimType"_s, u"uniqueness"_s},
                                                                       {u"detail"_s, u"taken"_s}}}},
                               QJsonObject{{u"method"_s, u"POST"_s},
                                           {u"bulkId"_s, u"u1"_s},
                                           {u"status"_s, u"201"_s},
                                           {u"location"_s, u"http://scim.test/scim/v2/Users/new-1"_s}}}}})));
    network.replies.append(Canned(204)); // the DELETE, alone
    ScimClient client(settings());
    client.setTransport(&network);
    Scim::BulkQueue bulk(client, 3, 1 << 20);
    QList<ScimResponse> answers(5);
    int done = 0;
    const auto keep = [&](int i) {
        return [&, i](const ScimResponse &r) {
            answers[i] = r;
            ++done;
        };
    };
    bulk.add("POST", u"Users"_s, {{u"userName"_s, u"a"_s}}, {}, keep(0));
    bulk.add("POST", u"Users"_s, {{u"userName"_s, u"b"_s}}, {}, keep(1));
    bulk.add("PATCH", u"Users/u9"_s, {{u"Operations"_s, QJsonArray()}}, "W/\"3\"", keep(2));
    bulk.add("DELETE", u"Users/u7"_s, {}, {}, keep(3));
    QTRY_COMPARE(done, 4);
    QCOMPARE(network.sent.size(), 2); // 3 operations, then 1 (sent alone: a bulk of one is no bulk)
    QCOMPARE(network.sent[0].url.path(), u"/scim/v2/Bulk"_s);
    const QJsonArray ops = QJsonDocument::fromJson(network.sent[0].body).object()[u"Operations"_s].toArray();
    QCOMPARE(ops.size(), 3);
    QCOMPARE(ops[2][u"version"_s].toString(), u"W/\"3\""_s);
    QCOMPARE(network.sent[1].verb, "DELETE"_ba);
    QCOMPARE(answers[0].status, 201);
    QCOMPARE(answers[0].body[u"id"_s].toString(), u"new-1"_s); // from the location
    QCOMPARE(answers[1].status, 409);
    QCOMPARE(answers[1].scimType, u"uniqueness"_s);
    QVERIFY(answers[1].message.contains(u"taken"_s));
    QCOMPARE(answers[2].status, 200);
    QCOMPARE(answers[3].status, 204);
    QCOMPARE(bulk.requests(), 1);
}

void TestScimClient::bulkRefusedGoesOneByOne()
{
    FakeNetwork network;
    network.replies.append(Canned(413, json({{u"detail"_s, u"too large"_s}})));
    network.replies.append(Canned(201, json({{u"id"_s, u"x"_s}})));
    ScimClient client(settings());
    client.setTransport(&network);
    Scim::BulkQueue bulk(client, 10, 1 << 20);
    int created = 0;
    for (const QString &name : {u"a"_s, u"b"_s})
        bulk.add("POST", u"Users"_s, {{u"userName"_s, name}}, {},
                 [&](const ScimResponse &r) { created += r.status == 201; });
    QTRY_COMPARE(created, 2);
    QVERIFY(!bulk.enabled());
    QVERIFY(bulk.refusal().contains(u"413"_s));
    QCOMPARE(network.sent.size(), 3); // the refused bulk request, then each create alone
    QCOMPARE(network.sent[1].url.path(), u"/scim/v2/Users"_s);
}

void TestScimClient::answerThatNeverEnds_data()
{
    QTest::addColumn<bool>("flood");
    QTest::addColumn<QString>("reason");
    QTest::newRow("one byte every 100 ms") << false << u"no complete answer within 1 s"_s;
    QTest::newRow("more than the cap") << true << u"an answer larger than 64 MiB"_s;
}

// The transfer timeout restarts with every byte; the deadline and the size cap do not.
void TestScimClient::answerThatNeverEnds()
{
    QFETCH(bool, flood);
    QFETCH(QString, reason);
    EndlessPeer peer(flood);
    QVERIFY(peer.isListening());
    ScimSettings s = settings(1);
    s.baseUrl = QUrl(u"http://127.0.0.1:%1/scim/v2"_s.arg(peer.serverPort()));
    s.timeoutSeconds = flood ? 60 : 1;
    ScimClient client(s);
    std::optional<ScimResponse> response;
    client.get(u"Users"_s, {}, [&](const ScimResponse &r) { response = r; });
    QTRY_VERIFY_WITH_TIMEOUT(response, 30000);
    QVERIFY(!response->ok());
    QCOMPARE(response->status, 0);
    QVERIFY(!response->parsed);
    QVERIFY2(response->message.contains(reason), qPrintable(response->message));
    QCOMPARE(client.pending(), 0);
}

QTEST_GUILESS_MAIN(TestScimClient)
#include "tst_scimclient.moc"
