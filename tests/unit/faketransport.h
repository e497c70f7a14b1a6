// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// For unit tests of the SCIM client and target: a transport that answers every request with a canned answer,
// from the event loop as HttpPool does.
#pragma once

#include "fakereply.h"
#include "target/scim/httpexchange.h"

#include <QObject>

class FakeTransport : public QObject, public Updraft::HttpTransport
{
public:
    std::function<Canned(const Updraft::HttpRequest &)> answer;

    void send(Updraft::HttpRequest request, Done done) override
    {
        const Canned canned = answer(request);
        Updraft::HttpReply reply;
        reply.status = canned.status;
        reply.headers = canned.headers;
        reply.body = canned.body;
        reply.error = canned.error;
        if (canned.error != QNetworkReply::NoError)
            reply.errorString = canned.error == QNetworkReply::OperationCanceledError
                                    ? QStringLiteral("Operation canceled")
                                    : QStringLiteral("Connection refused");
        QMetaObject::invokeMethod(
            this, [done = std::move(done), reply = std::move(reply)] { done(reply); }, Qt::QueuedConnection);
    }
};
