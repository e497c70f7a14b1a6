// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// For unit tests of one HTTP client class: a canned answer, and a finished QNetworkReply that gives it.
#pragma once

#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <cstring>

// What a fake network answers to one request.
struct Canned {
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    Canned(int httpStatus = 200, QByteArray payload = {}, Headers rawHeaders = {})
        : status(httpStatus)
        , body(std::move(payload))
        , headers(std::move(rawHeaders))
    {}
    // No HTTP answer at all: `networkError` instead (refused, timed out…).
    static Canned failure(QNetworkReply::NetworkError networkError)
    {
        Canned c(0);
        c.error = networkError;
        return c;
    }

    int status = 200; // 0: no HTTP answer, `error` instead
    QByteArray body;
    Headers headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
};

// A finished reply with a canned status, headers and body (or a network error); `finished` is emitted from
// the event loop, as a real reply does.
class FakeReply : public QNetworkReply
{
public:
    FakeReply(const QNetworkRequest &request, QNetworkAccessManager::Operation op, const Canned &canned,
              QObject *parent)
        : QNetworkReply(parent)
        , m_data(canned.body)
    {
        setRequest(request);
        setUrl(request.url());
        setOperation(op);
        open(QIODevice::ReadOnly); // before setError(): opening clears the error string
        if (canned.status)
            setAttribute(QNetworkRequest::HttpStatusCodeAttribute, canned.status);
        for (const auto &[name, value] : canned.headers)
            setRawHeader(name, value);
        if (canned.error != QNetworkReply::NoError)
            setError(canned.error, canned.error == QNetworkReply::OperationCanceledError
                                       ? QStringLiteral("Operation canceled")
                                       : QStringLiteral("Connection refused"));
        else if (canned.status >= 400)
            setError(canned.status >= 500 ? QNetworkReply::InternalServerError
                                          : QNetworkReply::ProtocolInvalidOperationError,
                     QStringLiteral("HTTP %1").arg(canned.status));
        QMetaObject::invokeMethod(
            this,
            [this] {
                setFinished(true);
                Q_EMIT metaDataChanged();
                Q_EMIT readyRead();
                Q_EMIT finished();
            },
            Qt::QueuedConnection);
    }

    void abort() override {}
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_data.size() - m_pos + QIODevice::bytesAvailable(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min<qint64>(maxSize, m_data.size() - m_pos);
        if (n <= 0)
            return -1;
        std::memcpy(data, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
};
