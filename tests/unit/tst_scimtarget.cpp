// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ScimTarget's writes against a fake service: which answers count as carried out. RFC 7644 answers a write
// with 204 or the resource; anything else in a 2xx (an HTML page, an empty or broken body) leaves the outcome
// unknown until the object is read back (the reliability campaign found such updates taken as applied, and
// never repaired).
#include "faketransport.h"
#include "target/scim/scimtarget.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

// Answers by "VERB path" (path below the base URL, without the query); what it was not told is a 404.
class Service : public FakeTransport
{
public:
    QHash<QString, Canned> answers;
    QStringList asked;

    Service()
    {
        answer = [this](const HttpRequest &request) {
            const QString key =
                QString::fromLatin1(request.verb) + u' ' + request.url.path().section(u"/v2/"_s, 1);
            asked.append(key);
            return answers.value(key, Canned(404, R"({"status": "404"})"));
        };
    }
};

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

const QByteArray ScimJson = "application/scim+json";
const QByteArray Html = "<html><body>Service temporarily unavailable</body></html>";

const QJsonObject Before{{u"userName"_s, u"ann@example.com"_s}, {u"title"_s, u"Engineer"_s}};
const QJsonObject After{{u"userName"_s, u"ann@example.com"_s}, {u"title"_s, u"Lead"_s}};

QJsonObject user(const QString &title)
{
    return {{u"id"_s, u"u1"_s}, {u"userName"_s, u"ann@example.com"_s}, {u"title"_s, title}};
}

QJsonObject group(const QStringList &members)
{
    QJsonArray list;
    for (const QString &m : members)
        list.append(QJsonObject{{u"value"_s, m}});
    return {{u"id"_s, u"g1"_s}, {u"displayName"_s, u"Staff"_s}, {u"members"_s, list}};
}

} // namespace

Q_DECLARE_METATYPE(Canned)

class TestScimTarget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writeOutcome_data();
    void writeOutcome();
};

void TestScimTarget::writeOutcome_data()
{
    QTest::addColumn<QString>("write"); // update | delete | members | hash
    QTest::addColumn<Canned>("answer");
    QTest::addColumn<Canned>("readBack"); // the GET of the object afterwards, if one is made
    QTest::addColumn<bool>("applied");
    QTest::addColumn<bool>("readsBack");

    const Canned none(404, R"({"status": "404"})");
    QTest::newRow("update: 204") << u"update"_s << Canned(204) << none << true << false;
    QTest::newRow("update: 200 with the resource")
        << u"update"_s << Canned(200, json(user(u"Lead"_s))) << none << true << false;
    QTest::newRow("update: 200 HTML page, read back unchanged")
        << u"update"_s << Canned(200, Html) << Canned(200, json(user(u"Engineer"_s))) << false << true;
    QTest::newRow("update: 200 HTML page, read back changed")
        << u"update"_s << Canned(200, Html) << Canned(200, json(user(u"Lead"_s))) << true << true;
    QTest::newRow("update: empty 200, read back changed")
        << u"update"_s << Canned(200) << Canned(200, json(user(u"Lead"_s))) << true << true;
    QTest::newRow("update: empty 200, read back unreadable")
        << u"update"_s << Canned(200) << Canned(200, "{\"id\": ") << false << true;
    QTest::newRow("update: refused") << u"update"_s << Canned(400, R"({"detail": "no"})") << none << false
                                     << false;
    QTest::newRow("delete: 204") << u"delete"_s << Canned(204) << none << true << false;
    QTest::newRow("delete: 200 HTML page, gone") << u"delete"_s << Canned(200, Html) << none << true << true;
    QTest::newRow("delete: 200 HTML page, still there")
        << u"delete"_s << Canned(200, Html) << Canned(200, json(user(u"Lead"_s))) << false << true;
    QTest::newRow("members: empty 200, member there")
        << u"members"_s << Canned(200) << Canned(200, json(group({u"u1"_s}))) << true << true;
    QTest::newRow("members: empty 200, member missing")
        << u"members"_s << Canned(200) << Canned(200, json(group({}))) << false << true;
    QTest::newRow("members: empty 200, removed member still there")
        << u"members"_s << Canned(200) << Canned(200, json(group({u"u1"_s, u"u2"_s}))) << false << true;
    QTest::newRow("hash: 204") << u"hash"_s << Canned(204) << none << true << false;
    QTest::newRow("hash: empty 200 cannot be read back")
        << u"hash"_s << Canned(200) << none << false << false;
}

void TestScimTarget::writeOutcome()
{
    QFETCH(QString, write);
    QFETCH(Canned, answer);
    QFETCH(Canned, readBack);
    QFETCH(bool, applied);
    QFETCH(bool, readsBack);

    Service service;
    const QJsonObject config{
        {u"patch"_s, QJsonObject{{u"supported"_s, true}}},
        {u"filter"_s, QJsonObject{{u"supported"_s, true}, {u"maxResults"_s, 100}}},
        {u"bulk"_s, QJsonObject{{u"supported"_s, false}}},
        {u"etag"_s, QJsonObject{{u"supported"_s, false}}},
        {u"changePassword"_s, QJsonObject{{u"supported"_s, false}}},
        {u"sort"_s, QJsonObject{{u"supported"_s, false}}},
    };
    service.answers.insert(u"GET ServiceProviderConfig"_s, Canned(200, json(config)));
    const QString object = write == u"members"_s ? u"Groups/g1"_s : u"Users/u1"_s;
    const QString verb = write == u"delete"_s ? u"DELETE"_s : u"PATCH"_s;
    answer.headers.append({"Content-Type", answer.body.startsWith('<') ? "text/html" : ScimJson});
    service.answers.insert(verb + u' ' + object, answer);
    service.answers.insert(u"GET "_s + object, readBack);

    TargetSettings settings;
    settings.url = QUrl(u"http://scim.invalid/scim/v2"_s);
    settings.token = "test";
    settings.maxAttempts = 1;
    Scim::ScimTarget target(settings);
    target.setTransport(&service);

    std::optional<TargetReply> reply;
    const auto done = [&](const TargetReply &r) {
        reply = r;
    };
    bool discovered = false;
    target.discover([&](const TargetReply &) { discovered = true; });
    QTRY_VERIFY(discovered);
    service.asked.clear();
    if (write == u"update"_s)
        target.update(ObjectKind::User, u"u1"_s, Before, After, done);
    else if (write == u"delete"_s)
        target.remove(ObjectKind::User, u"u1"_s, After, done);
    else if (write == u"members"_s)
        target.changeMembers(u"g1"_s, {{{u"u1"_s, ObjectKind::User}}, {u"u2"_s}}, done);
    else
        target.sendPasswordHash(u"u1"_s, {u"PPH1_MD4"_s, u"c2VjcmV0"_s, {}}, done);
    QTRY_VERIFY(reply.has_value());

    QVERIFY2(reply->ok() == applied, qPrintable(reply->message));
    if (!applied && answer.status == 200) {
        QCOMPARE(reply->error, TargetReply::Error::Unreadable);
        QVERIFY2(reply->message.contains(u"whether it was carried out is not known"_s),
                 qPrintable(reply->message));
    }
    QCOMPARE(service.asked.contains(u"GET "_s + object), readsBack);
    QVERIFY(!reply->message.contains(u"c2VjcmV0"_s)); // a hash never appears in a message
}

QTEST_GUILESS_MAIN(TestScimTarget)
#include "tst_scimtarget.moc"
