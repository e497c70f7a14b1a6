// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "scimbulk.h"

#include "core/logging.h"
#include "scimprotocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Scim {

namespace {

// Room left in a request for the envelope around the operations.
constexpr qsizetype Envelope = 256;

} // namespace

BulkQueue::BulkQueue(ScimClient &client, int maxOperations, int maxPayload, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_maxOperations(maxOperations)
    , m_maxPayload(maxPayload)
{}

void BulkQueue::add(const QByteArray &verb, const QString &path, const QJsonObject &data,
                    const QByteArray &version, ScimClient::Callback done)
{
    Operation op{verb, path, data, version, std::move(done), {}, 0};
    if (verb == "POST")
        op.bulkId = u"u%1"_s.arg(++m_nextId);
    op.size = QJsonDocument(data).toJson(QJsonDocument::Compact).size() + path.size() + 96;
    if (!m_enabled || op.size + Envelope > m_maxPayload)
        return sendAlone(std::move(op));
    m_waiting.append(std::move(op));
    schedule();
}

void BulkQueue::schedule()
{
    if (m_scheduled)
        return;
    m_scheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_scheduled = false;
        flush();
    });
}

void BulkQueue::flush()
{
    while (!m_waiting.isEmpty()) {
        QList<Operation> batch;
        qsizetype size = Envelope;
        while (!m_waiting.isEmpty() && batch.size() < m_maxOperations &&
               size + m_waiting.first().size <= m_maxPayload) {
            size += m_waiting.first().size;
            batch.append(m_waiting.takeFirst());
        }
        if (batch.size() == 1)
            sendAlone(batch.takeFirst());
        else
            send(std::move(batch));
    }
}

void BulkQueue::sendAlone(Operation op)
{
    ++m_inFlight;
    auto done = [this, callback = std::move(op.done)](const ScimResponse &r) {
        --m_inFlight;
        callback(r);
    };
    ScimClient::Headers headers;
    if (!op.version.isEmpty())
        headers.append({"If-Match", op.version});
    if (op.verb == "POST")
        m_client.post(op.path, op.data, std::move(done));
    else if (op.verb == "PATCH")
        m_client.patch(op.path, op.data, std::move(done), headers);
    else if (op.verb == "PUT")
        m_client.put(op.path, op.data, std::move(done), headers);
    else
        m_client.remove(op.path, std::move(done), headers);
}

void BulkQueue::send(QList<Operation> batch)
{
    QJsonArray operations;
    for (const Operation &op : batch) {
        QJsonObject o{{u"method"_s, QString::fromLatin1(op.verb)}, {u"path"_s, QString(u'/' + op.path)}};
        if (!op.bulkId.isEmpty())
            o.insert(u"bulkId"_s, op.bulkId);
        if (!op.version.isEmpty())
            o.insert(u"version"_s, QString::fromLatin1(op.version));
        if (op.verb != "DELETE")
            o.insert(u"data"_s, op.data);
        operations.append(o);
    }
    ++m_inFlight;
    ++m_requests;
    m_client.post(
        u"Bulk"_s,
        {{u"schemas"_s, QJsonArray{QString::fromLatin1(BulkRequestSchema)}}, {u"Operations"_s, operations}},
        [this, batch = std::move(batch)](const ScimResponse &r) mutable {
            --m_inFlight;
            answered(std::move(batch), r);
        });
}

void BulkQueue::answered(QList<Operation> batch, const ScimResponse &response)
{
    const int status = response.status;
    if (status == 413 || status == 400 || status == 404 || status == 405 || status == 501) {
        // The bulk request itself was refused, so none of it was applied: one by one from now on.
        m_enabled = false;
        m_refusal =
            u"the service refused a bulk request (HTTP %1: %2); each write goes alone"_s.arg(status).arg(
                response.message);
        qCInfo(lcScim).noquote() << m_refusal;
        for (Operation &op : batch)
            sendAlone(std::move(op));
        return;
    }
    if (!response.ok() || !response.parsed) {
        ScimResponse failure = response;
        if (response.ok()) {
            failure.status = 0; // the outcome of each write is unknown
            failure.message = u"The cloud directory's answer to a bulk request could not be read."_s;
        }
        for (const Operation &op : batch)
            op.done(failure);
        return;
    }
    // Each result belongs to its operation by bulkId (creates) or by method and location; what cannot be
    // told apart goes by position, which services keep.
    const QJsonArray results = response.body.value(u"Operations"_s).toArray();
    QList<bool> taken(results.size(), false);
    const auto matches = [](const Operation &op, const QJsonObject &r) {
        if (!op.bulkId.isEmpty())
            return r.value(u"bulkId"_s).toString() == op.bulkId;
        return r.value(u"method"_s).toString().compare(QString::fromLatin1(op.verb), Qt::CaseInsensitive) ==
                   0 &&
               r.value(u"location"_s).toString().endsWith(op.path);
    };
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const Operation &op = batch.at(i);
        qsizetype found = -1;
        for (qsizetype j = 0; j < results.size() && found < 0; ++j)
            if (!taken[j] && matches(op, results.at(j).toObject()))
                found = j;
        if (found < 0 && i < results.size() && !taken[i] && op.bulkId.isEmpty())
            found = i;
        ScimResponse one;
        if (found < 0) {
            // Not answered: with failOnErrors left out, a service answers every operation; one that did not
            // may or may not have applied it.
            one.message = u"The cloud directory's bulk answer says nothing of this write."_s;
            op.done(one);
            continue;
        }
        taken[found] = true;
        const QJsonObject r = results.at(found).toObject();
        one.status = r.value(u"status"_s).isString() ? r.value(u"status"_s).toString().toInt()
                                                     : r.value(u"status"_s).toInt();
        one.body = r.value(u"response"_s).toObject();
        one.parsed = true;
        one.etag = r.value(u"version"_s).toString().toLatin1();
        const QString location = r.value(u"location"_s).toString();
        if (one.ok() && !one.body.contains(u"id"_s) && !location.isEmpty())
            one.body.insert(u"id"_s, location.section(u'/', -1));
        if (!one.ok()) {
            one.scimType = one.body.value(u"scimType"_s).toString();
            const QString detail = one.body.value(u"detail"_s).toString();
            one.message = u"The cloud directory refused the request (HTTP %1%2): %3"_s.arg(one.status)
                              .arg(one.scimType.isEmpty() ? QString() : u' ' + one.scimType, detail);
        }
        op.done(one);
    }
}

} // namespace Updraft::Scim
