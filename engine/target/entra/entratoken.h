// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "target/target.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

// Access tokens for Microsoft Graph from the Microsoft identity platform (Microsoft Entra ID): the OAuth 2.0
// client credentials grant, authenticated with a client secret or with a client assertion signed by the
// private key of a certificate registered on the app registration (private_key_jwt).
namespace Updraft::Entra {

struct Credentials {
    QUrl authority; // e.g. https://login.microsoftonline.com, a sovereign cloud's, or a local test service
    QString tenant; // tenant id (GUID) or a verified domain
    QString clientId;
    QByteArray clientSecret;   // secret, never logged; empty when a certificate is used
    QByteArray certificatePem; // with privateKeyPem: authenticate with a client assertion (private_key_jwt)
    QByteArray privateKeyPem;  // secret, never logged; unencrypted PKCS#8 or traditional RSA PEM
    // PS256 with x5t#S256 (recommended), RS256 with x5t
    enum class Algorithm { PS256, RS256 } algorithm = Algorithm::PS256;
    QString scope = QStringLiteral("https://graph.microsoft.com/.default");
    int timeoutSeconds = 30;
};

struct Token : TargetReply {
    QByteArray accessToken; // secret
    QDateTime expiresAt;    // UTC
};

// Gets and caches the access token. Lives in one thread; callbacks run in that thread.
class TokenSource : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const Token &)>;
    // A cached token is renewed this long before it expires (or at half its lifetime, when that is shorter).
    static constexpr int RenewBeforeSeconds = 5 * 60;

    explicit TokenSource(Credentials credentials, QObject *parent = nullptr);
    ~TokenSource() override;

    void setNetworkAccessManager(QNetworkAccessManager *manager); // not owned; default: an own one
    void setClock(std::function<QDateTime()> now);                // for tests; default currentDateTimeUtc

    // A valid token: the cached one until 5 minutes before it expires, else a new one. Concurrent callers
    // while a request is in flight share that one request. `done` runs in this object's thread, always from
    // its event loop (never inside this call), and not at all once this object is gone. A failure is not
    // cached: the next call asks again.
    void token(Done done);
    void forget();                                        // drop the cached token (after Graph answered 401)
    int requests() const { return m_requests; }           // token requests sent
    bool requesting() const { return !m_reply.isNull(); } // a token request is in flight
    QUrl endpoint() const;                                // {authority}/{tenant}/oauth2/v2.0/token

    // The signed client assertion (a JWT): header {alg, typ:"JWT", x5t or x5t#S256}, claims aud = endpoint,
    // iss = sub = clientId, jti (random UUID), nbf = iat = now, exp = now + 10 min. Empty with `error` set
    // when the key or certificate cannot be read or do not belong together (EVP_PKEY_eq), the key is not RSA,
    // or the certificate is not valid at `now`.
    static QByteArray clientAssertion(const Credentials &credentials, const QUrl &audience,
                                      const QDateTime &now, QString *error);

private:
    void request();
    void finished(QNetworkReply *reply);
    void failLater(const Token &failure);
    Token toToken(QNetworkReply *reply, const QByteArray &payload) const;
    bool fresh(const QDateTime &now) const;

    Credentials m_credentials;
    QNetworkAccessManager *m_manager = nullptr;
    bool m_ownsManager = false;
    std::function<QDateTime()> m_now;
    std::optional<Token> m_cached;
    qint64 m_cachedLifetime = 0; // seconds, as Entra gave it
    QList<Done> m_waiting;
    QPointer<QNetworkReply> m_reply;
    QDateTime m_requestedAt;
    int m_requests = 0;
};

// For the admin: what an AADSTS error means and what to check. `code` is the number from error_codes
// (e.g. 7000222), `description` Microsoft's error_description. Known codes: the advice, then the first line
// of Microsoft's description and its Trace and Correlation IDs; unknown codes: the first line and the code.
QString explainAadsts(int code, const QString &description);

} // namespace Updraft::Entra
