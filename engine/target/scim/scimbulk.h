// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scimclient.h"

#include <QObject>

namespace Updraft::Scim {

// Writes gathered into RFC 7644 §3.7 Bulk requests: what is added in one pass of the event loop goes out
// together, in requests within the service's maxOperations and maxPayloadSize, and each write's callback gets
// its own operation's outcome as if it had been sent alone. A service that refuses the bulk request itself
// (413, 400, 404, 405, 501) gets the writes one by one instead, and bulk is not used again.
class BulkQueue : public QObject
{
    Q_OBJECT
public:
    BulkQueue(ScimClient &client, int maxOperations, int maxPayload, QObject *parent = nullptr);

    void add(const QByteArray &verb, const QString &path, const QJsonObject &data, const QByteArray &version,
             ScimClient::Callback done);
    bool enabled() const { return m_enabled; }
    // Why bulk was given up, when it was.
    QString refusal() const { return m_refusal; }
    int pending() const { return int(m_waiting.size()) + m_inFlight; }
    int requests() const { return m_requests; }

private:
    struct Operation {
        QByteArray verb;
        QString path; // relative to the base URL: "Users", "Users/{id}"
        QJsonObject data;
        QByteArray version;
        ScimClient::Callback done;
        QString bulkId;
        qsizetype size = 0;
    };
    void schedule();
    void flush();
    void send(QList<Operation> batch);
    void sendAlone(Operation op);
    void answered(QList<Operation> batch, const ScimResponse &response);

    ScimClient &m_client;
    int m_maxOperations;
    int m_maxPayload;
    QList<Operation> m_waiting;
    bool m_scheduled = false;
    bool m_enabled = true;
    QString m_refusal;
    int m_inFlight = 0;
    int m_requests = 0;
    quint64 m_nextId = 0;
};

} // namespace Updraft::Scim
