// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "entratoken.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMetaObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QUuid>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <algorithm>
#include <memory>
#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Entra {

namespace {

Q_LOGGING_CATEGORY(lcEntraToken, "updraft.engine.entra.token", QtInfoMsg)

constexpr auto JwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
constexpr int AssertionLifetimeSeconds = 10 * 60;
constexpr int PssSaltLength = 32; // RFC 7518 §3.5: the salt is as long as the hash (SHA-256)

// unique_ptr deleters for OpenSSL objects.
template <auto Free> struct FreeWith {
    template <typename T> void operator()(T *p) const { Free(p); }
};
using Bio = std::unique_ptr<BIO, FreeWith<BIO_free_all>>;
using PKey = std::unique_ptr<EVP_PKEY, FreeWith<EVP_PKEY_free>>;
using Certificate = std::unique_ptr<X509, FreeWith<X509_free>>;
using MdContext = std::unique_ptr<EVP_MD_CTX, FreeWith<EVP_MD_CTX_free>>;

// OpenSSL keeps failures in a per-thread queue that Qt's TLS backend reads too: leave it empty.
struct ClearOpenSslErrors {
    ~ClearOpenSslErrors() { ERR_clear_error(); }
};

// Never ask for a pass phrase (OpenSSL's default would prompt on the terminal): encrypted keys are refused.
int noPassphrase(char *, int, int, void *)
{
    return -1;
}

Bio readOnlyBio(const QByteArray &data)
{
    return Bio(BIO_new_mem_buf(data.constData(), int(data.size())));
}

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QDateTime toDateTime(const ASN1_TIME *time)
{
    tm t = {};
    if (!time || ASN1_TIME_to_tm(time, &t) != 1)
        return {};
    return QDateTime(QDate(t.tm_year + 1900, t.tm_mon + 1, t.tm_mday), QTime(t.tm_hour, t.tm_min, t.tm_sec),
                     Qt::UTC);
}

bool isLoopback(const QString &host)
{
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QByteArray formBody(const QList<std::pair<QByteArray, QByteArray>> &fields)
{
    // Every reserved character encoded: secrets may hold '+', '&' or '='.
    QByteArray body;
    for (const auto &[name, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += name + '=' + QUrl::toPercentEncoding(QString::fromUtf8(value));
    }
    return body;
}

// The first line of an error_description, without the Trace ID, Correlation ID and Timestamp that follow it.
QString firstLine(const QString &description)
{
    static const QRegularExpression lineEnd(u"[\\r\\n]"_s);
    QString line = description.section(lineEnd, 0, 0);
    const qsizetype trace = line.indexOf(u" Trace ID:"_s);
    if (trace >= 0)
        line.truncate(trace);
    line = line.trimmed();
    if (line.size() > 500)
        line = line.left(500) + u"…"_s;
    return line;
}

QString traceIds(const QString &description)
{
    static const QRegularExpression trace(u"Trace ID:\\s*([0-9A-Fa-f-]+)"_s);
    static const QRegularExpression correlation(u"Correlation ID:\\s*([0-9A-Fa-f-]+)"_s);
    QStringList ids;
    if (const auto m = trace.match(description); m.hasMatch())
        ids.append(u"Trace ID %1"_s.arg(m.captured(1)));
    if (const auto m = correlation.match(description); m.hasMatch())
        ids.append(u"Correlation ID %1"_s.arg(m.captured(1)));
    return ids.isEmpty() ? QString() : u" (%1)"_s.arg(ids.join(u", "_s));
}

QString advice(int code)
{
    switch (code) {
    case 7000215:
        return u"Microsoft Entra refused the client secret: check that Updraft has the secret's Value, not "
               u"its "
               u"Secret ID, and that the secret belongs to this app registration (client id)."_s;
    case 7000222:
        return u"The client secret has expired: create a new one under the app registration's Certificates & "
               u"secrets and store it in Updraft (or use a certificate instead)."_s;
    case 700016:
        return u"Microsoft Entra does not know this application in this tenant: check the client "
               u"(application) "
               u"id and the tenant, and that the app registration lives in that tenant."_s;
    case 90002:
        return u"Microsoft Entra does not know this tenant: check the tenant id or domain, and for a "
               u"sovereign "
               u"cloud (e.g. US Government or China) that the authority is that cloud's sign-in address."_s;
    case 700027:
        return u"Microsoft Entra could not verify the client assertion with a certificate registered on the "
               u"app: "
               u"check that this certificate is uploaded under the app registration's Certificates & "
               u"secrets, "
               u"that it has not expired, and that the private key is the certificate's."_s;
    case 700024:
        return u"The client assertion is not within its valid time range: check this machine's clock (time "
               u"and "
               u"time zone); it must be right to within a few minutes."_s;
    case 70011:
        return u"Microsoft Entra refused the scope: check the scope; for Microsoft Graph it is "
               u"https://graph.microsoft.com/.default, alone."_s;
    case 1002012:
        return u"Microsoft Entra refused the scope: the client credentials flow needs the resource followed "
               u"by "
               u"/.default (https://graph.microsoft.com/.default), not a single permission."_s;
    case 500011:
        return u"Microsoft Entra did not find the scope's resource in the tenant: check the scope "
               u"(https://graph.microsoft.com/.default, or the sovereign cloud's Graph address) and that the "
               u"authority is in the same cloud."_s;
    case 7000216:
    case 7000218:
        return u"No client credential reached Microsoft Entra: give Updraft the app registration's client "
               u"secret, "
               u"or a certificate and its private key."_s;
    case 700021:
        return u"The client assertion names another application: check the client (application) id."_s;
    case 9001023:
        return u"The tenant must be the tenant id or one of its verified domains, not common or consumers."_s;
    case 7000112:
        return u"The application is disabled in the tenant: an administrator has to enable it again."_s;
    case 53003:
        return u"A Conditional Access policy of the tenant blocks this application's sign-in: check the "
               u"policies "
               u"that apply to workload identities."_s;
    default:
        return {};
    }
}

} // namespace

QString explainAadsts(int code, const QString &description)
{
    const QString line = firstLine(description);
    const QString ids = traceIds(description);
    const QString known = advice(code);
    if (!known.isEmpty())
        return line.isEmpty() ? u"%1 (AADSTS%2)"_s.arg(known).arg(code)
                              : u"%1 Microsoft Entra said: %2%3"_s.arg(known, line, ids);
    if (code == 0)
        return line.isEmpty() ? u"Microsoft Entra refused the token request."_s
                              : u"Microsoft Entra refused the token request: %1%2"_s.arg(line, ids);
    // Without advice: Microsoft's words, with the code in front (once).
    QString text = line;
    static const QRegularExpression prefix(u"^AADSTS\\d+:\\s*"_s);
    text.remove(prefix);
    return text.isEmpty()
               ? u"Microsoft Entra refused the token request (AADSTS%1)."_s.arg(code)
               : u"Microsoft Entra refused the token request (AADSTS%1): %2%3"_s.arg(code).arg(text, ids);
}

TokenSource::TokenSource(Credentials credentials, QObject *parent)
    : QObject(parent)
    , m_credentials(std::move(credentials))
    , m_manager(new QNetworkAccessManager(this))
    , m_ownsManager(true)
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
{}

TokenSource::~TokenSource()
{
    // No callback from a request that outlives this object.
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void TokenSource::setNetworkAccessManager(QNetworkAccessManager *manager)
{
    if (m_ownsManager)
        m_manager->deleteLater();
    m_manager = manager;
    m_ownsManager = false;
}

void TokenSource::setClock(std::function<QDateTime()> now)
{
    m_now = std::move(now);
}

QUrl TokenSource::endpoint() const
{
    QUrl url = m_credentials.authority.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u'/' + m_credentials.tenant + u"/oauth2/v2.0/token"_s);
    return url;
}

bool TokenSource::fresh(const QDateTime &now) const
{
    if (!m_cached)
        return false;
    const qint64 margin = std::min<qint64>(RenewBeforeSeconds, m_cachedLifetime / 2);
    return now < m_cached->expiresAt.addSecs(-margin);
}

void TokenSource::token(Done done)
{
    if (fresh(m_now())) {
        QMetaObject::invokeMethod(
            this, [done = std::move(done), token = *m_cached] { done(token); }, Qt::QueuedConnection);
        return;
    }
    m_waiting.append(std::move(done));
    if (!m_reply)
        request();
}

void TokenSource::forget()
{
    m_cached.reset();
    m_cachedLifetime = 0;
}

void TokenSource::failLater(const Token &failure)
{
    qCInfo(lcEntraToken) << "no token request sent:" << failure.message;
    QMetaObject::invokeMethod(
        this,
        [waiting = std::exchange(m_waiting, {}), failure] {
            for (const Done &done : waiting)
                done(failure);
        },
        Qt::QueuedConnection);
}

void TokenSource::request()
{
    const Credentials &c = m_credentials;
    Token failure;
    failure.error = TargetReply::Error::Unauthorized;

    const QUrl authority = c.authority;
    if (!authority.isValid() || authority.host().isEmpty() ||
        (authority.scheme() != u"https"_s && authority.scheme() != u"http"_s)) {
        failure.message = u"The Microsoft Entra authority \"%1\" is not an https address (e.g. "
                          u"https://login.microsoftonline.com)."_s.arg(authority.toString());
        return failLater(failure);
    }
    if (authority.scheme() == u"http"_s && !isLoopback(authority.host())) {
        failure.message =
            u"The Microsoft Entra authority %1 must be https: credentials are not sent unencrypted "
            u"(http is only for a test service on this machine)."_s.arg(authority.toString());
        return failLater(failure);
    }
    static const QRegularExpression tenantForm(u"^[A-Za-z0-9][A-Za-z0-9.-]*$"_s);
    if (!tenantForm.match(c.tenant).hasMatch()) {
        failure.message =
            c.tenant.isEmpty()
                ? u"No Microsoft Entra tenant is set: give the tenant id or a verified domain."_s
                : u"The Microsoft Entra tenant \"%1\" is neither a tenant id nor a domain."_s.arg(c.tenant);
        return failLater(failure);
    }
    if (c.clientId.trimmed().isEmpty()) {
        failure.message =
            u"No client (application) id is set: give the app registration's Application (client) "
            u"ID."_s;
        return failLater(failure);
    }

    const QDateTime now = m_now().toUTC();
    QList<std::pair<QByteArray, QByteArray>> fields{{"grant_type", "client_credentials"},
                                                    {"client_id", c.clientId.toUtf8()},
                                                    {"scope", c.scope.toUtf8()}};
    const bool hasCertificate = !c.certificatePem.isEmpty() || !c.privateKeyPem.isEmpty();
    if (hasCertificate) {
        // The certificate wins when a secret is set too: Entra refuses both at once, and recommends
        // certificates.
        if (c.certificatePem.isEmpty() || c.privateKeyPem.isEmpty()) {
            failure.message =
                c.certificatePem.isEmpty()
                    ? u"A private key is set but no certificate: give both, the certificate (PEM) "
                      u"registered on the app registration and its private key."_s
                    : u"A certificate is set but no private key: give both, the certificate and its "
                      u"private key (PEM)."_s;
            return failLater(failure);
        }
        QString error;
        const QByteArray assertion = clientAssertion(c, endpoint(), now, &error);
        if (assertion.isEmpty()) {
            failure.message = error;
            return failLater(failure);
        }
        fields.emplaceBack("client_assertion_type", JwtBearer);
        fields.emplaceBack("client_assertion", assertion);
    } else if (!c.clientSecret.isEmpty()) {
        fields.emplaceBack("client_secret", c.clientSecret);
    } else {
        failure.message =
            u"No credential for Microsoft Entra is set: give the app registration's client secret, "
            u"or a certificate registered on it and the certificate's private key."_s;
        return failLater(failure);
    }

    const QByteArray requestId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    QNetworkRequest request(endpoint());
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    // Entra echoes it as the Correlation ID of its answer and its sign-in logs.
    request.setRawHeader("client-request-id", requestId);
    request.setRawHeader("return-client-request-id", "true");
    request.setTransferTimeout(c.timeoutSeconds * 1000);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    // The body holds the credential: it goes to the token endpoint and nowhere else.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);

    m_requestedAt = now;
    ++m_requests;
    qCDebug(lcEntraToken) << "requesting a token from" << request.url().toString() << "with"
                          << (hasCertificate ? "a client assertion" : "a client secret") << "request id"
                          << requestId;
    QNetworkReply *reply = m_manager->post(request, formBody(fields));
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { finished(reply); });
}

Token TokenSource::toToken(QNetworkReply *reply, const QByteArray &payload) const
{
    Token t;
    t.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString where = reply->url().adjusted(QUrl::RemoveQuery).toString();
    if (t.status == 0) {
        t.error = TargetReply::Error::Unreachable;
        t.message =
            reply->error() == QNetworkReply::OperationCanceledError
                ? u"No answer from Microsoft Entra's token endpoint at %1 within %2 seconds: check the "
                  u"network and any proxy between this machine and it."_s.arg(where)
                      .arg(m_credentials.timeoutSeconds)
                : u"Cannot reach Microsoft Entra's token endpoint at %1: %2."_s.arg(where,
                                                                                    reply->errorString());
        return t;
    }

    const QJsonDocument document = QJsonDocument::fromJson(payload);
    const QJsonObject body = document.object();
    if (t.status >= 200 && t.status < 300) {
        // Never quote a successful answer: it holds the token.
        const QString accessToken = body.value(u"access_token"_s).toString();
        const QJsonValue expiresIn = body.value(u"expires_in"_s);
        const qint64 seconds =
            expiresIn.isString() ? expiresIn.toString().toLongLong() : expiresIn.toInteger();
        const QString type = body.value(u"token_type"_s).toString();
        QString missing;
        if (!document.isObject())
            missing = u"the answer is not JSON"_s;
        else if (accessToken.isEmpty())
            missing = u"no access_token"_s;
        else if (seconds <= 0)
            missing = u"no valid expires_in"_s;
        else if (!type.isEmpty() && type.compare(u"Bearer"_s, Qt::CaseInsensitive) != 0)
            missing = u"token_type is %1, not Bearer"_s.arg(type.left(40));
        if (!missing.isEmpty()) {
            t.error = TargetReply::Error::Unreadable;
            t.message =
                u"Microsoft Entra's token endpoint at %1 answered HTTP %2 without a usable token (%3): "
                u"check that the authority is Microsoft Entra's sign-in address."_s.arg(where)
                    .arg(t.status)
                    .arg(missing);
            return t;
        }
        t.accessToken = accessToken.toUtf8();
        t.expiresAt = m_requestedAt.addSecs(seconds);
        return t;
    }

    // An OAuth 2.0 error answer (RFC 6749 §5.2) with Entra's error_codes.
    const QString oauthError = body.value(u"error"_s).toString();
    const bool isOAuthError = document.isObject() && !oauthError.isEmpty();
    const int code = body.value(u"error_codes"_s).toArray().at(0).toInt();
    QString description = body.value(u"error_description"_s).toString();
    if (description.isEmpty())
        description = oauthError;
    if (t.status >= 500) {
        t.error = TargetReply::Error::ServerError;
        t.message = u"Microsoft Entra's token endpoint failed (HTTP %1); try again later."_s.arg(t.status);
        if (isOAuthError)
            t.message += u' ' + explainAadsts(code, description);
        return t;
    }
    if (t.status == 429) {
        t.error = TargetReply::Error::ServerError;
        t.message = u"Microsoft Entra is throttling token requests (HTTP 429); try again later."_s;
        return t;
    }
    if (isOAuthError) {
        t.error = TargetReply::Error::Unauthorized;
        t.message = explainAadsts(code, description);
        return t;
    }
    if (t.status >= 300 && t.status < 400) {
        t.error = TargetReply::Error::Unreadable;
        const QString location = QString::fromUtf8(reply->rawHeader("Location").left(200));
        t.message = u"Microsoft Entra's token endpoint at %1 redirected the request (HTTP %2%3): check the "
                    u"authority."_s.arg(where)
                        .arg(t.status)
                        .arg(location.isEmpty() ? QString() : u" to "_s + location);
        return t;
    }
    if (t.status == 404) {
        t.error = TargetReply::Error::Unreachable;
        t.message = u"There is no token endpoint at %1 (HTTP 404): check the authority."_s.arg(where);
        return t;
    }
    t.error = TargetReply::Error::Unreadable;
    t.message =
        u"Microsoft Entra's token endpoint at %1 answered HTTP %2 with something other than an OAuth error: "
        u"check the authority, and any proxy in between."_s.arg(where)
            .arg(t.status);
    return t;
}

void TokenSource::finished(QNetworkReply *reply)
{
    reply->deleteLater();
    if (m_reply == reply)
        m_reply = nullptr;
    const Token t = toToken(reply, reply->isReadable() ? reply->readAll() : QByteArray());
    if (t.ok()) {
        m_cached = t;
        m_cachedLifetime = m_requestedAt.secsTo(t.expiresAt);
        qCDebug(lcEntraToken) << "token valid until" << t.expiresAt.toString(Qt::ISODate);
    } else {
        qCInfo(lcEntraToken) << "token request failed:" << t.status << t.message;
    }
    // A callback may ask again (or delete this object): hand out the waiting list first.
    const QList<Done> waiting = std::exchange(m_waiting, {});
    for (const Done &done : waiting)
        done(t);
}

QByteArray TokenSource::clientAssertion(const Credentials &credentials, const QUrl &audience,
                                        const QDateTime &now, QString *error)
{
    ClearOpenSslErrors clearErrors;
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return QByteArray();
    };

    if (credentials.privateKeyPem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") ||
        credentials.privateKeyPem.contains("Proc-Type: 4,ENCRYPTED"))
        return fail(u"The certificate's private key is encrypted: give it unencrypted (PEM, PKCS#8 or "
                    u"traditional RSA), protected by the secret store instead."_s);
    PKey key;
    if (Bio bio = readOnlyBio(credentials.privateKeyPem))
        key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr));
    if (!key)
        return fail(u"The certificate's private key cannot be read: give it as PEM (\"-----BEGIN PRIVATE "
                    u"KEY-----\" or \"-----BEGIN RSA PRIVATE KEY-----\")."_s);
    if (!EVP_PKEY_is_a(key.get(), "RSA"))
        return fail(
            u"The certificate's private key is of type %1: Microsoft Entra client assertions are signed "
            u"with RSA (PS256 or RS256)."_s.arg(QString::fromLatin1(EVP_PKEY_get0_type_name(key.get()))));

    Certificate certificate;
    if (Bio bio = readOnlyBio(credentials.certificatePem))
        certificate.reset(PEM_read_bio_X509(bio.get(), nullptr, noPassphrase, nullptr));
    if (!certificate)
        return fail(u"The certificate cannot be read: give it as PEM (\"-----BEGIN CERTIFICATE-----\")."_s);
    const EVP_PKEY *publicKey = X509_get0_pubkey(certificate.get());
    if (!publicKey || EVP_PKEY_eq(publicKey, key.get()) != 1)
        return fail(
            u"The private key does not belong to the certificate (its public key is another one): give "
            u"the private key that was made with this certificate."_s);

    time_t seconds = time_t(now.toSecsSinceEpoch());
    if (X509_cmp_time(X509_get0_notAfter(certificate.get()), &seconds) < 0)
        return fail(u"The certificate expired on %1: make a new one, upload it under the app registration's "
                    u"Certificates & secrets and give it to Updraft."_s.arg(
                        toDateTime(X509_get0_notAfter(certificate.get())).toString(Qt::ISODate)));
    if (X509_cmp_time(X509_get0_notBefore(certificate.get()), &seconds) > 0)
        return fail(u"The certificate is valid only from %1: check this machine's clock."_s.arg(
            toDateTime(X509_get0_notBefore(certificate.get())).toString(Qt::ISODate)));

    const int derSize = i2d_X509(certificate.get(), nullptr);
    if (derSize <= 0)
        return fail(u"The certificate cannot be encoded (DER)."_s);
    QByteArray der(derSize, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    if (i2d_X509(certificate.get(), &out) != derSize)
        return fail(u"The certificate cannot be encoded (DER)."_s);

    const bool pss = credentials.algorithm == Credentials::Algorithm::PS256;
    QJsonObject header{{u"alg"_s, pss ? u"PS256"_s : u"RS256"_s}, {u"typ"_s, u"JWT"_s}};
    if (pss)
        header.insert(u"x5t#S256"_s, QString::fromLatin1(base64Url(
                                         QCryptographicHash::hash(der, QCryptographicHash::Sha256))));
    else
        header.insert(u"x5t"_s, QString::fromLatin1(
                                    base64Url(QCryptographicHash::hash(der, QCryptographicHash::Sha1))));
    const qint64 issuedAt = now.toSecsSinceEpoch();
    const QJsonObject claims{
        {u"aud"_s, audience.toString(QUrl::FullyEncoded)},
        {u"iss"_s, credentials.clientId},
        {u"sub"_s, credentials.clientId},
        {u"jti"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {u"iat"_s, issuedAt},
        {u"nbf"_s, issuedAt},
        {u"exp"_s, issuedAt + AssertionLifetimeSeconds},
    };
    const QByteArray signingInput = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
                                    base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));

    MdContext context(EVP_MD_CTX_new());
    EVP_PKEY_CTX *keyContext = nullptr; // owned by `context`
    if (!context || EVP_DigestSignInit(context.get(), &keyContext, EVP_sha256(), nullptr, key.get()) != 1)
        return fail(u"The client assertion cannot be signed with this private key."_s);
    const bool padded = pss ? EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) > 0 &&
                                  EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, PssSaltLength) > 0 &&
                                  EVP_PKEY_CTX_set_rsa_mgf1_md(keyContext, EVP_sha256()) > 0
                            : EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PADDING) > 0;
    if (!padded)
        return fail(u"The client assertion cannot be signed with %1 and this private key."_s.arg(
            pss ? u"PS256"_s : u"RS256"_s));
    const auto *input = reinterpret_cast<const unsigned char *>(signingInput.constData());
    size_t length = 0;
    if (EVP_DigestSign(context.get(), nullptr, &length, input, size_t(signingInput.size())) != 1)
        return fail(u"The client assertion cannot be signed with this private key."_s);
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &length, input,
                       size_t(signingInput.size())) != 1)
        return fail(u"The client assertion cannot be signed with this private key."_s);
    signature.truncate(qsizetype(length));
    if (error)
        error->clear();
    return signingInput + '.' + base64Url(signature);
}

} // namespace Updraft::Entra
