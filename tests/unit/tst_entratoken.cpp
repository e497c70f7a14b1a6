// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "target/entra/entratoken.h"

#include "fakereply.h"

#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>
#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;
using Entra::Credentials;
using Entra::Token;
using Entra::TokenSource;
using Error = TargetReply::Error;

Q_DECLARE_METATYPE(Credentials::Algorithm)
Q_DECLARE_METATYPE(TargetReply::Error)

namespace {

const QByteArray Secret = "s3cr+t&=/ %~Value";
const QByteArray AccessToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.opaque-access-token";
const QString Tenant = u"aaaabbbb-0000-cccc-1111-dddd2222eeee"_s;
const QString ClientId = u"00001111-aaaa-2222-bbbb-3333cccc4444"_s;
const QUrl Authority(u"http://127.0.0.1:4711"_s);
const QUrl Endpoint(u"http://127.0.0.1:4711/aaaabbbb-0000-cccc-1111-dddd2222eeee/oauth2/v2.0/token"_s);

// Answers requests from a queue of canned replies and records what was sent.
class FakeNetwork : public QNetworkAccessManager
{
public:
    struct Sent {
        Operation op = UnknownOperation;
        QNetworkRequest request;
        QByteArray body;
    };

    QList<Canned> replies; // taken in order; the last one repeats
    QList<Sent> sent;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override
    {
        Sent s{op, request, outgoingData ? outgoingData->readAll() : QByteArray()};
        sent.append(s);
        const Canned canned = replies.size() > 1 ? replies.takeFirst() : replies.value(0);
        return new FakeReply(request, op, canned, this);
    }
};

QByteArray tokenAnswer(int expiresIn = 3599, const QByteArray &accessToken = AccessToken)
{
    return QJsonDocument(QJsonObject{{u"token_type"_s, u"Bearer"_s},
                                     {u"expires_in"_s, expiresIn},
                                     {u"ext_expires_in"_s, expiresIn},
                                     {u"access_token"_s, QString::fromLatin1(accessToken)}})
        .toJson(QJsonDocument::Compact);
}

QByteArray aadError(const QString &error, int code, const QString &text)
{
    const QString description =
        u"AADSTS%1: %2\r\nTrace ID: 0000aaaa-11bb-cccc-dd22-eeeeee333333\r\nCorrelation ID: "
        u"aaaa0000-bb11-2222-33cc-444444dddddd\r\nTimestamp: 2026-01-09 02:02:12Z"_s.arg(code)
            .arg(text);
    return QJsonDocument(
               QJsonObject{{u"error"_s, error},
                           {u"error_description"_s, description},
                           {u"error_codes"_s, QJsonArray{code}},
                           {u"timestamp"_s, u"2026-01-09 02:02:12Z"_s},
                           {u"trace_id"_s, u"0000aaaa-11bb-cccc-dd22-eeeeee333333"_s},
                           {u"correlation_id"_s, u"aaaa0000-bb11-2222-33cc-444444dddddd"_s},
                           {u"error_uri"_s, u"https://login.microsoftonline.com/error?code=%1"_s.arg(code)}})
        .toJson(QJsonDocument::Compact);
}

QDateTime wholeSeconds(const QDateTime &t)
{
    return QDateTime::fromSecsSinceEpoch(t.toSecsSinceEpoch(), Qt::UTC);
}

// Waits for a token from `source`, checking that the callback did not run inside token().
std::optional<Token> fetch(TokenSource &source)
{
    std::optional<Token> result;
    bool returned = false;
    bool calledInside = false;
    source.token([&](const Token &t) {
        calledInside = !returned;
        result = t;
    });
    returned = true;
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 5000))
        return std::nullopt;
    if (calledInside)
        qWarning("the callback ran inside token()");
    return calledInside ? std::nullopt : result;
}

template <auto Free> struct FreeWith {
    template <typename T> void operator()(T *p) const { Free(p); }
};

// Verifies a JWT's signature with the certificate's public key, independently of the code under test.
bool verifySignature(const QByteArray &jwt, const QByteArray &certificatePem, bool pss)
{
    const QList<QByteArray> parts = jwt.split('.');
    if (parts.size() != 3)
        return false;
    const QByteArray input = parts[0] + '.' + parts[1];
    const QByteArray signature = QByteArray::fromBase64(parts[2], QByteArray::Base64UrlEncoding);
    std::unique_ptr<BIO, FreeWith<BIO_free_all>> bio(
        BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())));
    std::unique_ptr<X509, FreeWith<X509_free>> certificate(
        PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!certificate)
        return false;
    std::unique_ptr<EVP_PKEY, FreeWith<EVP_PKEY_free>> key(X509_get_pubkey(certificate.get()));
    std::unique_ptr<EVP_MD_CTX, FreeWith<EVP_MD_CTX_free>> context(EVP_MD_CTX_new());
    EVP_PKEY_CTX *keyContext = nullptr;
    bool ok = EVP_DigestVerifyInit(context.get(), &keyContext, EVP_sha256(), nullptr, key.get()) == 1;
    if (pss) // the salt must be exactly 32 bytes, as Entra (and RFC 7518) want it
        ok = ok && EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) > 0 &&
             EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, 32) > 0 &&
             EVP_PKEY_CTX_set_rsa_mgf1_md(keyContext, EVP_sha256()) > 0;
    else
        ok = ok && EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PADDING) > 0;
    ok = ok && EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                                size_t(signature.size()),
                                reinterpret_cast<const unsigned char *>(input.constData()),
                                size_t(input.size())) == 1;
    ERR_clear_error();
    return ok;
}

QJsonObject jwtPart(const QByteArray &jwt, int index)
{
    return QJsonDocument::fromJson(
               QByteArray::fromBase64(jwt.split('.').value(index), QByteArray::Base64UrlEncoding))
        .object();
}

} // namespace

Q_DECLARE_METATYPE(Canned)

class TestEntraToken : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void endpoint_data();
    void endpoint();
    void assertion_data();
    void assertion();
    void assertionRefused_data();
    void assertionRefused();
    void requestBody_data();
    void requestBody();
    void configurationRefused_data();
    void configurationRefused();
    void cachedAndShared();
    void renewal_data();
    void renewal();
    void aadsts_data();
    void aadsts();
    void answers_data();
    void answers();
    void realTimeout();
    void connectionRefused();
    void destroyedWhileRequesting();

private:
    bool openssl(const QStringList &arguments, QByteArray *output = nullptr);
    QByteArray file(const QString &name) const;
    Credentials secretCredentials() const;
    Credentials certificateCredentials(Credentials::Algorithm algorithm) const;

    QTemporaryDir m_dir;
    QByteArray m_sha1; // the certificate's thumbprints, from the openssl command
    QByteArray m_sha256;
};

bool TestEntraToken::openssl(const QStringList &arguments, QByteArray *output)
{
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.start(u"openssl"_s, arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        qWarning().noquote() << "openssl" << arguments.join(u' ') << "failed:" << process.errorString()
                             << process.readAllStandardError();
        return false;
    }
    if (output)
        *output = process.readAllStandardOutput();
    return true;
}

QByteArray TestEntraToken::file(const QString &name) const
{
    QFile f(m_dir.filePath(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Credentials TestEntraToken::secretCredentials() const
{
    Credentials c;
    c.authority = Authority;
    c.tenant = Tenant;
    c.clientId = ClientId;
    c.clientSecret = Secret;
    return c;
}

Credentials TestEntraToken::certificateCredentials(Credentials::Algorithm algorithm) const
{
    Credentials c = secretCredentials();
    c.clientSecret.clear();
    c.certificatePem = file(u"a.crt"_s);
    c.privateKeyPem = file(u"a.key"_s);
    c.algorithm = algorithm;
    return c;
}

void TestEntraToken::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const auto makePair = [this](const QString &name, const QStringList &keyOptions) {
        return openssl(QStringList{u"req"_s, u"-x509"_s, u"-newkey"_s} + keyOptions +
                       QStringList{u"-nodes"_s, u"-sha256"_s, u"-days"_s, u"2"_s, u"-subj"_s,
                                   u"/CN=updraft-test-"_s + name, u"-keyout"_s, name + u".key"_s, u"-out"_s,
                                   name + u".crt"_s});
    };
    QVERIFY2(makePair(u"a"_s, {u"rsa:2048"_s}),
             "the openssl command is needed (scripts/install-deps.sh installs it)");
    QVERIFY(makePair(u"b"_s, {u"rsa:2048"_s}));
    QVERIFY(makePair(u"ec"_s, {u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s}));
    QVERIFY(openssl({u"rsa"_s, u"-in"_s, u"a.key"_s, u"-traditional"_s, u"-out"_s, u"a-traditional.key"_s}));
    QVERIFY(openssl({u"pkcs8"_s, u"-topk8"_s, u"-in"_s, u"a.key"_s, u"-passout"_s, u"pass:secret"_s,
                     u"-out"_s, u"a-encrypted.key"_s}));
    QVERIFY(file(u"a.key"_s).startsWith("-----BEGIN PRIVATE KEY-----"));
    QVERIFY(file(u"a-traditional.key"_s).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
    QVERIFY(file(u"a-encrypted.key"_s).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));

    // "SHA1 Fingerprint=AB:CD:…" (the label's case differs between OpenSSL versions)
    const auto fingerprint = [this](const QString &digest, QByteArray *out) {
        QByteArray text;
        if (!openssl({u"x509"_s, u"-in"_s, u"a.crt"_s, u"-noout"_s, u"-fingerprint"_s, digest}, &text))
            return false;
        *out = QByteArray::fromHex(text.mid(text.indexOf('=') + 1).trimmed().replace(':', ""));
        return true;
    };
    QVERIFY(fingerprint(u"-sha1"_s, &m_sha1));
    QVERIFY(fingerprint(u"-sha256"_s, &m_sha256));
    QCOMPARE(m_sha1.size(), 20);
    QCOMPARE(m_sha256.size(), 32);
}

void TestEntraToken::endpoint_data()
{
    QTest::addColumn<QString>("authority");
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("endpoint");

    QTest::newRow("global") << u"https://login.microsoftonline.com"_s << Tenant
                            << u"https://login.microsoftonline.com/%1/oauth2/v2.0/token"_s.arg(Tenant);
    QTest::newRow("trailing slash, domain")
        << u"https://login.microsoftonline.com/"_s << u"contoso.com"_s
        << u"https://login.microsoftonline.com/contoso.com/oauth2/v2.0/token"_s;
    QTest::newRow("US Government") << u"https://login.microsoftonline.us"_s << Tenant
                                   << u"https://login.microsoftonline.us/%1/oauth2/v2.0/token"_s.arg(Tenant);
    QTest::newRow("test service") << u"http://127.0.0.1:4711"_s << Tenant << Endpoint.toString();
    QTest::newRow("with a path") << u"https://sts.test/base/"_s << Tenant
                                 << u"https://sts.test/base/%1/oauth2/v2.0/token"_s.arg(Tenant);
}

void TestEntraToken::endpoint()
{
    QFETCH(QString, authority);
    QFETCH(QString, tenant);
    QFETCH(QString, endpoint);

    Credentials c = secretCredentials();
    c.authority = QUrl(authority);
    c.tenant = tenant;
    QCOMPARE(TokenSource(c).endpoint().toString(), endpoint);
}

void TestEntraToken::assertion_data()
{
    QTest::addColumn<Credentials::Algorithm>("algorithm");
    QTest::addColumn<QString>("keyFile");

    QTest::newRow("PS256, PKCS#8 key") << Credentials::Algorithm::PS256 << u"a.key"_s;
    QTest::newRow("RS256, PKCS#8 key") << Credentials::Algorithm::RS256 << u"a.key"_s;
    QTest::newRow("PS256, traditional RSA key") << Credentials::Algorithm::PS256 << u"a-traditional.key"_s;
    QTest::newRow("RS256, traditional RSA key") << Credentials::Algorithm::RS256 << u"a-traditional.key"_s;
}

void TestEntraToken::assertion()
{
    QFETCH(Credentials::Algorithm, algorithm);
    QFETCH(QString, keyFile);
    const bool pss = algorithm == Credentials::Algorithm::PS256;

    Credentials c = certificateCredentials(algorithm);
    c.privateKeyPem = file(keyFile);
    const QDateTime now = wholeSeconds(QDateTime::currentDateTimeUtc());
    QString error = u"stale"_s;
    const QByteArray jwt = TokenSource::clientAssertion(c, Endpoint, now, &error);
    QVERIFY2(!jwt.isEmpty(), qPrintable(error));
    QVERIFY(error.isEmpty());

    // Three base64url parts without padding.
    static const QRegularExpression form(u"^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$"_s);
    QVERIFY2(form.match(QString::fromLatin1(jwt)).hasMatch(), jwt.constData());

    const QJsonObject header = jwtPart(jwt, 0);
    QCOMPARE(header.value(u"alg"_s).toString(), pss ? u"PS256"_s : u"RS256"_s);
    QCOMPARE(header.value(u"typ"_s).toString(), u"JWT"_s);
    const QByteArray sha1 = m_sha1.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QByteArray sha256 =
        m_sha256.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    if (pss) {
        QCOMPARE(header.value(u"x5t#S256"_s).toString().toLatin1(), sha256);
        QVERIFY(!header.contains(u"x5t"_s));
    } else {
        QCOMPARE(header.value(u"x5t"_s).toString().toLatin1(), sha1);
        QVERIFY(!header.contains(u"x5t#S256"_s));
    }
    QCOMPARE(header.size(), 3);

    const QJsonObject claims = jwtPart(jwt, 1);
    const qint64 t = now.toSecsSinceEpoch();
    QCOMPARE(claims.value(u"aud"_s).toString(), Endpoint.toString());
    QCOMPARE(claims.value(u"iss"_s).toString(), ClientId);
    QCOMPARE(claims.value(u"sub"_s).toString(), ClientId);
    QVERIFY(!QUuid::fromString(claims.value(u"jti"_s).toString()).isNull());
    QCOMPARE(claims.value(u"iat"_s).toInteger(), t);
    QCOMPARE(claims.value(u"nbf"_s).toInteger(), t);
    QCOMPARE(claims.value(u"exp"_s).toInteger(), t + 600);
    QCOMPARE(claims.size(), 7);
    // NumericDate: whole numbers, not 1.7e+09.
    const QByteArray rawClaims = QByteArray::fromBase64(jwt.split('.').at(1), QByteArray::Base64UrlEncoding);
    QVERIFY2(rawClaims.contains(QByteArray("\"exp\":" + QByteArray::number(t + 600))), rawClaims.constData());

    QVERIFY(verifySignature(jwt, c.certificatePem, pss));
    QVERIFY(!verifySignature(jwt, c.certificatePem, !pss)); // signed with the other padding: not valid
    QVERIFY(!verifySignature(jwt, file(u"b.crt"_s), pss));

    // Each assertion is new (jti).
    const QByteArray again = TokenSource::clientAssertion(c, Endpoint, now, nullptr);
    QVERIFY(verifySignature(again, c.certificatePem, pss));
    QVERIFY(jwtPart(again, 1).value(u"jti"_s) != claims.value(u"jti"_s));
}

void TestEntraToken::assertionRefused_data()
{
    QTest::addColumn<QString>("certificateFile");
    QTest::addColumn<QString>("keyFile");
    QTest::addColumn<QByteArray>("keyPem"); // instead of keyFile when not empty
    QTest::addColumn<int>("shiftDays");
    QTest::addColumn<QString>("expected");

    QTest::newRow("key of another certificate")
        << u"a.crt"_s << u"b.key"_s << QByteArray() << 0 << u"does not belong to the certificate"_s;
    QTest::newRow("encrypted key") << u"a.crt"_s << u"a-encrypted.key"_s << QByteArray() << 0
                                   << u"encrypted"_s;
    QTest::newRow("EC key") << u"ec.crt"_s << u"ec.key"_s << QByteArray() << 0 << u"signed with RSA"_s;
    QTest::newRow("not a key") << u"a.crt"_s << QString()
                               << QByteArray("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
                               << 0 << u"private key cannot be read"_s;
    QTest::newRow("certificate given as key")
        << u"a.crt"_s << u"a.crt"_s << QByteArray() << 0 << u"private key cannot be read"_s;
    QTest::newRow("key given as certificate")
        << u"a.key"_s << u"a.key"_s << QByteArray() << 0 << u"certificate cannot be read"_s;
    QTest::newRow("expired certificate") << u"a.crt"_s << u"a.key"_s << QByteArray() << 3 << u"expired on"_s;
    QTest::newRow("certificate not yet valid")
        << u"a.crt"_s << u"a.key"_s << QByteArray() << -1 << u"check this machine's clock"_s;
}

void TestEntraToken::assertionRefused()
{
    QFETCH(QString, certificateFile);
    QFETCH(QString, keyFile);
    QFETCH(QByteArray, keyPem);
    QFETCH(int, shiftDays);
    QFETCH(QString, expected);

    Credentials c = certificateCredentials(Credentials::Algorithm::PS256);
    c.certificatePem = file(certificateFile);
    c.privateKeyPem = keyPem.isEmpty() ? file(keyFile) : keyPem;
    const QDateTime now = QDateTime::currentDateTimeUtc().addDays(shiftDays);
    QString error;
    QVERIFY(TokenSource::clientAssertion(c, Endpoint, now, &error).isEmpty());
    QVERIFY2(error.contains(expected), qPrintable(error));
    // Nothing of the key in the message.
    const QByteArray keyLine = c.privateKeyPem.split('\n').value(1);
    QVERIFY(keyLine.size() < 8 || !error.contains(QString::fromLatin1(keyLine)));
    QCOMPARE(ERR_peek_error(), 0ul); // OpenSSL's error queue left empty

    // A token source says the same, and sends nothing.
    FakeNetwork network;
    network.replies = {{200, tokenAnswer()}};
    TokenSource source(c);
    source.setNetworkAccessManager(&network);
    source.setClock([now] { return now; });
    const std::optional<Token> token = fetch(source);
    QVERIFY(token);
    QCOMPARE(token->error, Error::Unauthorized);
    QCOMPARE(token->message, error);
    QVERIFY(token->accessToken.isEmpty());
    QCOMPARE(source.requests(), 0);
    QVERIFY(network.sent.isEmpty());
}

void TestEntraToken::requestBody_data()
{
    QTest::addColumn<bool>("certificate");
    QTest::addColumn<Credentials::Algorithm>("algorithm");
    QTest::addColumn<bool>("alsoSecret");

    QTest::newRow("client secret") << false << Credentials::Algorithm::PS256 << true;
    QTest::newRow("assertion PS256") << true << Credentials::Algorithm::PS256 << false;
    QTest::newRow("assertion RS256") << true << Credentials::Algorithm::RS256 << false;
    QTest::newRow("certificate and secret: the certificate") << true << Credentials::Algorithm::PS256 << true;
}

void TestEntraToken::requestBody()
{
    QFETCH(bool, certificate);
    QFETCH(Credentials::Algorithm, algorithm);
    QFETCH(bool, alsoSecret);

    Credentials c = certificate ? certificateCredentials(algorithm) : secretCredentials();
    if (alsoSecret)
        c.clientSecret = Secret;
    FakeNetwork network;
    network.replies = {{200, tokenAnswer(3599)}};
    TokenSource source(c);
    source.setNetworkAccessManager(&network);
    const QDateTime now = wholeSeconds(QDateTime::currentDateTimeUtc());
    source.setClock([now] { return now; });

    const std::optional<Token> token = fetch(source);
    QVERIFY(token);
    QVERIFY2(token->ok(), qPrintable(token->message));
    QCOMPARE(token->status, 200);
    QCOMPARE(token->accessToken, AccessToken);
    QCOMPARE(token->expiresAt, now.addSecs(3599));
    QCOMPARE(token->expiresAt.timeSpec(), Qt::UTC);
    QVERIFY(token->message.isEmpty());
    QCOMPARE(source.requests(), 1);

    QCOMPARE(network.sent.size(), 1);
    const FakeNetwork::Sent &s = network.sent.first();
    QCOMPARE(s.op, QNetworkAccessManager::PostOperation);
    QCOMPARE(s.request.url(), Endpoint);
    QCOMPARE(s.request.header(QNetworkRequest::ContentTypeHeader).toByteArray(),
             QByteArray("application/x-www-form-urlencoded"));
    QCOMPARE(s.request.rawHeader("Accept"), QByteArray("application/json"));
    QVERIFY(!QUuid::fromString(QString::fromLatin1(s.request.rawHeader("client-request-id"))).isNull());
    QCOMPARE(s.request.transferTimeout(), 30000);
    QVERIFY(!s.request.hasRawHeader("Authorization"));

    // Every reserved character percent-encoded: a '+' in the secret must not become a space.
    QVERIFY2(!s.body.contains(' ') && !s.body.contains('+'), s.body.constData());
    const QUrlQuery form(QString::fromLatin1(s.body));
    const auto field = [&form](const QString &name) {
        return form.queryItemValue(name, QUrl::FullyDecoded);
    };
    QCOMPARE(field(u"grant_type"_s), u"client_credentials"_s);
    QCOMPARE(field(u"client_id"_s), ClientId);
    QCOMPARE(field(u"scope"_s), u"https://graph.microsoft.com/.default"_s);
    if (!certificate) {
        QCOMPARE(field(u"client_secret"_s).toUtf8(), Secret);
        QVERIFY(s.body.contains(QUrl::toPercentEncoding(QString::fromUtf8(Secret))));
        QVERIFY(!form.hasQueryItem(u"client_assertion"_s));
        QVERIFY(!form.hasQueryItem(u"client_assertion_type"_s));
        QCOMPARE(form.queryItems().size(), 4);
    } else {
        QVERIFY(!form.hasQueryItem(u"client_secret"_s));
        QVERIFY(!s.body.contains(QUrl::toPercentEncoding(QString::fromUtf8(Secret))));
        QCOMPARE(field(u"client_assertion_type"_s),
                 u"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"_s);
        const QByteArray jwt = field(u"client_assertion"_s).toLatin1();
        QVERIFY(verifySignature(jwt, c.certificatePem, algorithm == Credentials::Algorithm::PS256));
        const QJsonObject claims = jwtPart(jwt, 1);
        QCOMPARE(claims.value(u"aud"_s).toString(), Endpoint.toString());
        QCOMPARE(claims.value(u"iat"_s).toInteger(), now.toSecsSinceEpoch());
        QCOMPARE(form.queryItems().size(), 5);
    }
}

void TestEntraToken::configurationRefused_data()
{
    QTest::addColumn<QString>("authority");
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<bool>("secret");
    QTest::addColumn<QString>("certificateFile");
    QTest::addColumn<QString>("keyFile");
    QTest::addColumn<QString>("expected");

    const QString a = Authority.toString();
    QTest::newRow("no credential") << a << Tenant << ClientId << false << QString() << QString()
                                   << u"No credential for Microsoft Entra is set"_s;
    QTest::newRow("certificate without key")
        << a << Tenant << ClientId << false << u"a.crt"_s << QString() << u"no private key"_s;
    QTest::newRow("key without certificate")
        << a << Tenant << ClientId << true << QString() << u"a.key"_s << u"no certificate"_s;
    QTest::newRow("no tenant") << a << QString() << ClientId << true << QString() << QString()
                               << u"No Microsoft Entra tenant is set"_s;
    QTest::newRow("tenant with a slash") << a << u"contoso.com/x"_s << ClientId << true << QString()
                                         << QString() << u"neither a tenant id nor a domain"_s;
    QTest::newRow("no client id") << a << Tenant << QString() << true << QString() << QString()
                                  << u"No client (application) id"_s;
    QTest::newRow("no authority") << QString() << Tenant << ClientId << true << QString() << QString()
                                  << u"not an https address"_s;
    QTest::newRow("http to another machine") << u"http://login.test"_s << Tenant << ClientId << true
                                             << QString() << QString() << u"must be https"_s;
}

void TestEntraToken::configurationRefused()
{
    QFETCH(QString, authority);
    QFETCH(QString, tenant);
    QFETCH(QString, clientId);
    QFETCH(bool, secret);
    QFETCH(QString, certificateFile);
    QFETCH(QString, keyFile);
    QFETCH(QString, expected);

    Credentials c;
    c.authority = QUrl(authority);
    c.tenant = tenant;
    c.clientId = clientId;
    if (secret)
        c.clientSecret = Secret;
    if (!certificateFile.isEmpty())
        c.certificatePem = file(certificateFile);
    if (!keyFile.isEmpty())
        c.privateKeyPem = file(keyFile);
    FakeNetwork network;
    network.replies = {{200, tokenAnswer()}};
    TokenSource source(c);
    source.setNetworkAccessManager(&network);

    const std::optional<Token> token = fetch(source);
    QVERIFY(token);
    QCOMPARE(token->error, Error::Unauthorized);
    QCOMPARE(token->status, 0);
    QVERIFY2(token->message.contains(expected), qPrintable(token->message));
    QVERIFY(!token->message.contains(QString::fromUtf8(Secret)));
    QCOMPARE(source.requests(), 0);
    QVERIFY(network.sent.isEmpty());
}

void TestEntraToken::cachedAndShared()
{
    FakeNetwork network;
    network.replies = {{200, tokenAnswer(3599, "first")},
                       {200, tokenAnswer(3599, "second")},
                       {400, aadError(u"invalid_request"_s, 90002, u"Tenant 'x' not found."_s)},
                       {200, tokenAnswer(3599, "third")}};
    TokenSource source(secretCredentials());
    source.setNetworkAccessManager(&network);
    const QDateTime start = wholeSeconds(QDateTime::currentDateTimeUtc());
    QDateTime now = start;
    source.setClock([&now] { return now; });

    std::optional<Token> token = fetch(source);
    QVERIFY(token && token->ok());
    QCOMPARE(token->accessToken, QByteArray("first"));
    QCOMPARE(source.requests(), 1);

    // The cached token: no request.
    now = start.addSecs(1000);
    token = fetch(source);
    QVERIFY(token && token->ok());
    QCOMPARE(token->accessToken, QByteArray("first"));
    QCOMPARE(token->expiresAt, start.addSecs(3599));
    QCOMPARE(source.requests(), 1);
    QCOMPARE(network.sent.size(), 1);

    // After Graph answered 401: a new one. Callers meanwhile share that request.
    source.forget();
    QList<Token> tokens;
    for (int i = 0; i < 3; ++i)
        source.token([&tokens](const Token &t) { tokens.append(t); });
    QVERIFY(source.requesting());
    QCOMPARE(source.requests(), 2);
    QTRY_COMPARE(tokens.size(), 3);
    for (const Token &t : std::as_const(tokens)) {
        QVERIFY(t.ok());
        QCOMPARE(t.accessToken, QByteArray("second"));
        QCOMPARE(t.expiresAt, start.addSecs(1000 + 3599));
    }
    QCOMPARE(source.requests(), 2);
    QCOMPARE(network.sent.size(), 2);
    QVERIFY(!source.requesting());

    // A failure goes to every waiting caller and is not cached: the next call asks again.
    source.forget();
    tokens.clear();
    source.token([&tokens](const Token &t) { tokens.append(t); });
    source.token([&tokens](const Token &t) { tokens.append(t); });
    QTRY_COMPARE(tokens.size(), 2);
    QCOMPARE(tokens.at(0).error, Error::Unauthorized);
    QCOMPARE(tokens.at(1).error, Error::Unauthorized);
    QCOMPARE(source.requests(), 3);
    token = fetch(source);
    QVERIFY(token && token->ok());
    QCOMPARE(token->accessToken, QByteArray("third"));
    QCOMPARE(source.requests(), 4);

    // A caller asking again from its callback gets the cached token.
    std::optional<Token> nested;
    source.token([&](const Token &) { source.token([&](const Token &t) { nested = t; }); });
    QTRY_VERIFY(nested);
    QCOMPARE(nested->accessToken, QByteArray("third"));
    QCOMPARE(source.requests(), 4);
}

void TestEntraToken::renewal_data()
{
    QTest::addColumn<int>("expiresIn");
    QTest::addColumn<int>("elapsed");
    QTest::addColumn<bool>("renewed");

    QTest::newRow("1 h token, 5 min 1 s before expiry") << 3600 << 3299 << false;
    QTest::newRow("1 h token, 5 min before expiry") << 3600 << 3300 << true;
    QTest::newRow("1 h token, expired") << 3600 << 4000 << true;
    QTest::newRow("24 h token, 5 min 1 s before expiry") << 86400 << 86099 << false;
    QTest::newRow("24 h token, 5 min before expiry") << 86400 << 86100 << true;
    // Shorter than 10 minutes: kept for half its lifetime.
    QTest::newRow("60 s token, at 29 s") << 60 << 29 << false;
    QTest::newRow("60 s token, at 30 s") << 60 << 30 << true;
    QTest::newRow("clock turned back") << 3600 << -600 << false;
}

void TestEntraToken::renewal()
{
    QFETCH(int, expiresIn);
    QFETCH(int, elapsed);
    QFETCH(bool, renewed);

    FakeNetwork network;
    network.replies = {{200, tokenAnswer(expiresIn, "old")}, {200, tokenAnswer(expiresIn, "new")}};
    TokenSource source(secretCredentials());
    source.setNetworkAccessManager(&network);
    const QDateTime start = wholeSeconds(QDateTime::currentDateTimeUtc());
    QDateTime now = start;
    source.setClock([&now] { return now; });

    std::optional<Token> token = fetch(source);
    QVERIFY(token && token->ok());
    now = start.addSecs(elapsed);
    token = fetch(source);
    QVERIFY(token && token->ok());
    QCOMPARE(token->accessToken, renewed ? QByteArray("new") : QByteArray("old"));
    QCOMPARE(source.requests(), renewed ? 2 : 1);
    QCOMPARE(token->expiresAt, renewed ? now.addSecs(expiresIn) : start.addSecs(expiresIn));
}

void TestEntraToken::aadsts_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    // Descriptions as Microsoft words them (reference-error-codes, and answers quoted in public issues).
    QTest::newRow("7000215 wrong secret")
        << 7000215
        << u"Invalid client secret provided. Ensure the secret being sent in the request is the client "
           u"secret "
           u"value, not the client secret ID, for a secret added to app 'x'."_s
        << QStringList{u"the secret's Value, not its Secret ID"_s};
    QTest::newRow("7000222 expired secret")
        << 7000222
        << u"The provided client secret keys for app 'x' are expired. Visit the Azure portal to create new "
           u"keys "
           u"for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for "
           u"added "
           u"security: https://aka.ms/certCreds"_s
        << QStringList{u"client secret has expired"_s, u"Certificates & secrets"_s, u"store it in Updraft"_s};
    QTest::newRow("700016 application not found")
        << 700016
        << u"Application with identifier 'x' was not found in the directory 'y'. This can happen if the "
           u"application has not been installed by the administrator of the tenant."_s
        << QStringList{u"client (application) id"_s, u"tenant"_s};
    QTest::newRow("90002 tenant not found")
        << 90002
        << u"Tenant 'x' not found. Check to make sure you have the correct tenant ID and are signing into "
           u"the "
           u"correct cloud."_s
        << QStringList{u"tenant id or domain"_s, u"sovereign cloud"_s, u"authority"_s};
    QTest::newRow("700027 signature / certificate not registered")
        << 700027
        << u"The certificate with identifier used to sign the client assertion is not registered on "
           u"application."_s
        << QStringList{u"uploaded under the app registration's Certificates & secrets"_s};
    QTest::newRow("700024 time range")
        << 700024
        << u"Client assertion is not within its valid time range. Current time: "
           u"2026-01-01T00:00:00.0000000Z, "
           u"assertion valid from 2026-01-01T01:00:00.0000000Z, expiry time of assertion "
           u"2026-01-01T01:10:00.0000000Z."_s
        << QStringList{u"this machine's clock"_s};
    QTest::newRow("70011 scope")
        << 70011
        << u"The provided value for the input parameter 'scope' isn't valid. The scope x isn't valid."_s
        << QStringList{u"scope"_s, u"https://graph.microsoft.com/.default"_s};
    QTest::newRow("1002012 scope without .default")
        << 1002012
        << u"The provided value for scope User.Read is not valid. Client credential flows must have a scope "
           u"value "
           u"with /.default suffixed to the resource identifier (application ID URI)."_s
        << QStringList{u"/.default"_s, u"not a single permission"_s};
    QTest::newRow("500011 resource not in tenant")
        << 500011
        << u"The resource principal named https://graph.microsoft.us was not found in the tenant named x."_s
        << QStringList{u"scope"_s, u"same cloud"_s};
    QTest::newRow("7000216 no credential")
        << 7000216
        << u"'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant "
           u"type."_s
        << QStringList{u"client secret"_s, u"certificate and its private key"_s};
    QTest::newRow("unknown code") << 1234567 << u"Something new happened."_s
                                  << QStringList{u"AADSTS1234567"_s, u"Something new happened."_s};
}

void TestEntraToken::aadsts()
{
    QFETCH(int, code);
    QFETCH(QString, text);
    QFETCH(QStringList, expected);

    const QString description = QJsonDocument::fromJson(aadError(u"invalid_client"_s, code, text))
                                    .object()
                                    .value(u"error_description"_s)
                                    .toString();
    const QString message = Entra::explainAadsts(code, description);
    for (const QString &part : std::as_const(expected))
        QVERIFY2(message.contains(part), qPrintable(message));
    // Microsoft's first line, once, and the IDs to quote to support; not the rest.
    QCOMPARE(message.count(text), 1);
    QVERIFY2(message.contains(u"Trace ID 0000aaaa-11bb-cccc-dd22-eeeeee333333"_s), qPrintable(message));
    QVERIFY2(message.contains(u"Correlation ID aaaa0000-bb11-2222-33cc-444444dddddd"_s), qPrintable(message));
    QVERIFY(!message.contains(u"Timestamp"_s));
    QVERIFY(!message.contains(u'\n'));
    QCOMPARE(message.count(u"AADSTS%1"_s.arg(code)), 1);

    // The same on one line, as the test service words it.
    QString oneLine = description;
    oneLine.replace(u"\r\n"_s, u" "_s);
    QCOMPARE(Entra::explainAadsts(code, oneLine), message);
    // Without a description: the advice and the code.
    const QString bare = Entra::explainAadsts(code, QString());
    QVERIFY2(bare.contains(u"AADSTS%1"_s.arg(code)), qPrintable(bare));
    if (code != 1234567)
        QVERIFY2(bare.contains(expected.first()), qPrintable(bare));
}

void TestEntraToken::answers_data()
{
    QTest::addColumn<Canned>("answer");
    QTest::addColumn<Error>("error");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("expected");

    const auto explained = [](int code, const QString &text) {
        const QByteArray body = aadError(u"invalid_client"_s, code, text);
        return Entra::explainAadsts(
            code, QJsonDocument::fromJson(body).object().value(u"error_description"_s).toString());
    };
    QTest::newRow("401 wrong secret")
        << Canned{401, aadError(u"invalid_client"_s, 7000215, u"Invalid client secret provided."_s)}
        << Error::Unauthorized << 401 << explained(7000215, u"Invalid client secret provided."_s);
    QTest::newRow("401 expired secret")
        << Canned{401,
                  aadError(u"invalid_client"_s, 7000222, u"The provided client secret keys are expired."_s)}
        << Error::Unauthorized << 401
        << explained(7000222, u"The provided client secret keys are expired."_s);
    QTest::newRow("400 unknown tenant")
        << Canned{400, aadError(u"invalid_request"_s, 90002, u"Tenant 'x' not found."_s)}
        << Error::Unauthorized << 400 << explained(90002, u"Tenant 'x' not found."_s);
    QTest::newRow("400 without error_codes")
        << Canned{400, R"({"error":"invalid_request","error_description":"Something is missing."})"}
        << Error::Unauthorized << 400
        << u"Microsoft Entra refused the token request: Something is missing."_s;
    QTest::newRow("500 with an AADSTS error")
        << Canned{500, aadError(u"server_error"_s, 50000, u"There was an error issuing a token."_s)}
        << Error::ServerError << 500 << u"failed (HTTP 500); try again later. "_s;
    QTest::newRow("503 HTML") << Canned{503, "<html>Service Unavailable</html>"} << Error::ServerError << 503
                              << u"failed (HTTP 503)"_s;
    QTest::newRow("429") << Canned{429, "{}"} << Error::ServerError << 429 << u"throttling"_s;
    QTest::newRow("200 HTML") << Canned{200, "<html>Sign in to the proxy</html>"} << Error::Unreadable << 200
                              << u"the answer is not JSON"_s;
    QTest::newRow("200 without access_token") << Canned{200, R"({"token_type":"Bearer","expires_in":3599})"}
                                              << Error::Unreadable << 200 << u"no access_token"_s;
    QTest::newRow("200 without expires_in") << Canned{200, R"({"token_type":"Bearer","access_token":"x"})"}
                                            << Error::Unreadable << 200 << u"no valid expires_in"_s;
    QTest::newRow("200 another token type")
        << Canned{200, R"({"token_type":"pop","expires_in":3599,"access_token":"x"})"} << Error::Unreadable
        << 200 << u"token_type is pop"_s;
    QTest::newRow("400 HTML") << Canned{400, "<html>Bad Request</html>"} << Error::Unreadable << 400
                              << u"something other than an OAuth error"_s;
    QTest::newRow("404") << Canned{404, "Not Found"} << Error::Unreachable << 404
                         << u"no token endpoint at http://127.0.0.1:4711/"_s;
    QTest::newRow("302") << Canned{302, ""} << Error::Unreadable << 302 << u"redirected"_s;
    QTest::newRow("connection refused")
        << Canned::failure(QNetworkReply::ConnectionRefusedError) << Error::Unreachable << 0
        << u"Cannot reach Microsoft Entra's token endpoint at %1: Connection refused."_s.arg(
               Endpoint.toString());
    QTest::newRow("timeout") << Canned::failure(QNetworkReply::OperationCanceledError) << Error::Unreachable
                             << 0 << u"No answer from Microsoft Entra's token endpoint"_s;
}

void TestEntraToken::answers()
{
    QFETCH(Canned, answer);
    QFETCH(Error, error);
    QFETCH(int, status);
    QFETCH(QString, expected);

    FakeNetwork network;
    network.replies = {answer, {200, tokenAnswer()}};
    TokenSource source(secretCredentials());
    source.setNetworkAccessManager(&network);

    std::optional<Token> token = fetch(source);
    QVERIFY(token);
    QCOMPARE(token->error, error);
    QCOMPARE(token->status, status);
    QVERIFY2(token->message.contains(expected), qPrintable(token->message));
    QVERIFY(token->accessToken.isEmpty());
    QVERIFY(!token->message.contains(QString::fromUtf8(Secret)));
    QVERIFY(!token->message.contains(QString::fromUtf8(QUrl::toPercentEncoding(QString::fromUtf8(Secret)))));
    QCOMPARE(source.requests(), 1);

    // Not cached: the next call asks again.
    token = fetch(source);
    QVERIFY(token && token->ok());
    QCOMPARE(source.requests(), 2);
}

// A real QNetworkAccessManager against a local port that accepts and never answers: the transfer timeout.
void TestEntraToken::realTimeout()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QList<QTcpSocket *> connections;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *socket = server.nextPendingConnection())
            connections.append(socket);
    });
    Credentials c = secretCredentials();
    c.authority = QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort()));
    c.timeoutSeconds = 1;
    TokenSource source(c);

    std::optional<Token> token;
    source.token([&](const Token &t) { token = t; });
    QTRY_VERIFY_WITH_TIMEOUT(token, 10000);
    QCOMPARE(token->error, Error::Unreachable);
    QCOMPARE(token->status, 0);
    QVERIFY2(token->message.contains(u"within 1 seconds"_s), qPrintable(token->message));
    QCOMPARE(connections.size(), 1);
}

void TestEntraToken::connectionRefused()
{
    quint16 port = 0;
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        port = server.serverPort();
    }
    Credentials c = secretCredentials();
    c.authority = QUrl(u"http://127.0.0.1:%1"_s.arg(port));
    TokenSource source(c);
    const std::optional<Token> token = fetch(source);
    QVERIFY(token);
    QCOMPARE(token->error, Error::Unreachable);
    QVERIFY2(token->message.contains(u"Cannot reach"_s), qPrintable(token->message));
}

void TestEntraToken::destroyedWhileRequesting()
{
    FakeNetwork network;
    network.replies = {{200, tokenAnswer()}};
    bool called = false;
    {
        TokenSource source(secretCredentials());
        source.setNetworkAccessManager(&network);
        source.token([&called](const Token &) { called = true; });
        QVERIFY(source.requesting());
    }
    QTest::qWait(100);
    QVERIFY(!called);
    QCOMPARE(network.sent.size(), 1);

    // Nor does a cached token reach a caller after its source is gone.
    auto source = std::make_unique<TokenSource>(secretCredentials());
    source->setNetworkAccessManager(&network);
    QVERIFY(fetch(*source));
    source->token([&called](const Token &) { called = true; });
    source.reset();
    QTest::qWait(50);
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestEntraToken)
#include "tst_entratoken.moc"
