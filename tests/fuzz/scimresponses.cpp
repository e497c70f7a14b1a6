// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Whatever a SCIM service answers: discovery documents (ServiceProviderConfig, Schemas, ResourceTypes),
// ListResponses, errors, Bulk responses, bodies that are not JSON. The input is the service's answers in the
// order the requests go out, separated by "%%" lines; each is a status line ("200"; 0 for a connection
// refused), header lines, a blank line and the body. A target made from them is asked what a run asks.
// Every call is answered exactly once; a failure says why; a create that succeeds has the new object's id.
#include "fuzzinput.h"

#include "../unit/faketransport.h"
#include "target/scim/scimtarget.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

Canned answer(const QByteArray &block)
{
    const qsizetype endOfHead = block.indexOf("\n\n");
    const QByteArray head = endOfHead < 0 ? block : block.left(endOfHead);
    const QList<QByteArray> lines = head.split('\n');
    const int status = lines.value(0).trimmed().toInt();
    if (status <= 0 || status > 999)
        return Canned::failure(QNetworkReply::ConnectionRefusedError);
    Canned::Headers headers;
    for (qsizetype i = 1; i < lines.size(); ++i)
        if (const qsizetype colon = lines.at(i).indexOf(':'); colon > 0)
            headers.append({lines.at(i).left(colon), lines.at(i).mid(colon + 1).trimmed()});
    return Canned(status, endOfHead < 0 ? QByteArray() : block.mid(endOfHead + 2), headers);
}

// Answers each request with the next canned answer; past the last, the connection is refused.
class Service : public FakeTransport
{
public:
    Service()
    {
        answer = [this](const HttpRequest &) {
            return m_next < m_answers.size() ? m_answers.at(m_next++)
                                             : Canned::failure(QNetworkReply::ConnectionRefusedError);
        };
    }
    void answerWith(QList<Canned> canned)
    {
        m_answers = std::move(canned);
        m_next = 0;
    }

private:
    QList<Canned> m_answers;
    qsizetype m_next = 0;
};

void check(const TargetReply &reply)
{
    if (!reply.ok())
        Fuzz::require(!reply.message.isEmpty(), "a failed request says why");
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Service service;
    QList<Canned> answers;
    for (const QByteArray &block : Fuzz::blocks(Fuzz::bytes(data, size)))
        answers.append(answer(block));
    service.answerWith(answers);

    TargetSettings settings;
    settings.url = QUrl(u"http://scim.invalid/scim/v2"_s);
    settings.token = "fuzz";
    settings.maxAttempts = 1; // retries would only wait
    Scim::ScimTarget target(settings);
    target.setTransport(&service);

    int calls = 0, answered = 0;
    auto done = [&](const TargetReply &reply) {
        ++answered;
        check(reply);
    };
    const QJsonObject user{{u"schemas"_s, QJsonArray{u"urn:ietf:params:scim:schemas:core:2.0:User"_s}},
                           {u"externalId"_s, u"AAECAwQFBgcICQoLDA0ODw=="_s},
                           {u"userName"_s, u"ann@example.com"_s},
                           {u"active"_s, true}};
    QJsonObject changed = user;
    changed.insert(u"title"_s, u"Engineer"_s);
    const QJsonObject group{{u"schemas"_s, QJsonArray{u"urn:ietf:params:scim:schemas:core:2.0:Group"_s}},
                            {u"externalId"_s, u"EBESExQVFhcYGRobHB0eHw=="_s},
                            {u"displayName"_s, u"Staff"_s}};

    ++calls;
    target.discover(done);
    ++calls;
    target.prepareLookups(ObjectKind::User, 2, done);
    ++calls;
    target.find(ObjectKind::User, user[u"externalId"_s].toString(), user[u"userName"_s].toString(),
                [&](const FoundObjects &found) { done(found); });
    ++calls;
    target.create(ObjectKind::User, target.conform(ObjectKind::User, user).resource,
                  [&](const CreatedObject &created) {
                      done(created);
                      if (created.ok())
                          Fuzz::require(!created.id.isEmpty(), "a created object has its id");
                  });
    ++calls;
    target.create(ObjectKind::Group, group, [&](const CreatedObject &created) { done(created); });
    ++calls;
    target.update(ObjectKind::User, u"u1"_s, user, changed, done);
    ++calls;
    target.changeMembers(u"g1"_s, {{{u"u1"_s, ObjectKind::User}, {u"g2"_s, ObjectKind::Group}}, {u"u2"_s}},
                         done);
    ++calls;
    target.fetch(ObjectKind::Group, u"g1"_s, [&](const FetchedObject &fetched) { done(fetched); });
    ++calls;
    target.countUsers([&](const FetchedObject &counted) { done(counted); });
    ++calls;
    target.remove(ObjectKind::User, u"u2"_s, user, done);

    QElapsedTimer clock;
    clock.start();
    while ((answered < calls || target.pending() > 0) && clock.elapsed() < 10'000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    Fuzz::require(answered == calls, "every call to the target is answered");
    return 0;
}
