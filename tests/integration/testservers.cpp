// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "testservers.h"

#include "store/storelocation.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QUrlQuery>
#include <QUuid>

#include <csignal>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace TestServers {

namespace {

bool runScript(const QString &script, const QStringList &arguments, QString *output, QString *error,
               int timeoutMs)
{
    QProcess process;
    process.start(u"bash"_s, QStringList{script} + arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        *error = u"%1 did not finish within %2 s"_s.arg(script).arg(timeoutMs / 1000);
        return false;
    }
    if (output)
        *output = QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = u"%1 failed (%2): %3"_s.arg(script)
                     .arg(process.exitCode())
                     .arg(QString::fromUtf8(process.readAllStandardError()));
        return false;
    }
    return true;
}

QString readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed() : QString();
}

// slapd.env holds POSIX-sh KEY='value' lines.
QHash<QString, QString> readEnv(const QString &path)
{
    QHash<QString, QString> env;
    for (const QString &line : readFile(path).split(u'\n')) {
        const qsizetype eq = line.indexOf(u'=');
        if (eq <= 0)
            continue;
        QString value = line.mid(eq + 1);
        if (value.size() >= 2 && value.startsWith(u'\'') && value.endsWith(u'\''))
            value = value.mid(1, value.size() - 2).replace(u"'\\''"_s, u"'"_s);
        env.insert(line.left(eq), value);
    }
    return env;
}

bool waitUntilGone(qint64 pid, int timeoutMs)
{
    for (int waited = 0; waited < timeoutMs; waited += 20) {
        if (::kill(static_cast<pid_t>(pid), 0) != 0)
            return true;
        QThread::msleep(20);
    }
    return false;
}

} // namespace

QString sourceDir()
{
    return qEnvironmentVariable("UPDRAFT_SOURCE_DIR");
}

bool makeOtherCa(const QString &path, QString *error)
{
    QProcess openssl;
    openssl.start(u"openssl"_s,
                  {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-days"_s, u"1"_s,
                   u"-subj"_s, u"/CN=Some Other CA"_s, u"-keyout"_s, path + u".key"_s, u"-out"_s, path});
    if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0) {
        *error = u"openssl could not make a CA: "_s + QString::fromLocal8Bit(openssl.readAllStandardError());
        return false;
    }
    return true;
}

Updraft::LdapSettings Slapd::syncSettings() const
{
    Updraft::LdapSettings s;
    s.url = QUrl(url());
    s.bindDn = syncDn();
    s.bindPassword = syncPassword().toUtf8();
    s.timeoutSeconds = 10;
    return s;
}

bool Slapd::runStart(const QStringList &arguments, QString *error)
{
    const QString script = sourceDir() + u"/tests/servers/%1/start.sh"_s.arg(m_server);
    if (!runScript(script, QStringList{m_stateDir} + arguments, nullptr, error, 60000))
        return false;
    m_env = readEnv(m_stateDir + u"/%1.env"_s.arg(m_server));
    m_running = true;
    return true;
}

bool Slapd::start(const QString &ldif, QString *error, const QStringList &options)
{
    return runStart(QStringList{u"--fresh"_s, u"--ldif"_s, ldif} + options, error);
}

bool Slapd::restart(QString *error)
{
    return runStart({}, error);
}

void Slapd::stop()
{
    if (!m_running)
        return;
    QString error;
    if (!runScript(sourceDir() + u"/tests/servers/%1/stop.sh"_s.arg(m_server), {m_stateDir}, nullptr, &error,
                   30000))
        qWarning("%s", qPrintable(error));
    m_running = false;
}

void Slapd::kill()
{
    const qint64 pid = readFile(m_stateDir + u"/%1.pid"_s.arg(m_server)).toLongLong();
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), SIGKILL) == 0 && !waitUntilGone(pid, 10000))
        qWarning("%s %lld did not go away after SIGKILL", qPrintable(m_server), pid);
    m_running = false;
}

bool Slapd::modify(const QString &ldif, QString *error) const
{
    QProcess process;
    process.start(u"ldapmodify"_s, {u"-x"_s, u"-H"_s, url(), u"-D"_s, m_env.value(u"UPDRAFT_LDAP_ADMIN_DN"_s),
                                    u"-w"_s, m_env.value(u"UPDRAFT_LDAP_ADMIN_PASSWORD"_s)});
    process.write(ldif.toUtf8());
    process.closeWriteChannel();
    if (!process.waitForFinished(30000) || process.exitCode() != 0) {
        *error = u"ldapmodify failed: %1"_s.arg(QString::fromUtf8(process.readAllStandardError()));
        return false;
    }
    return true;
}

bool Slapd::changePassword(const QString &dn, const QString &oldPassword, const QString &newPassword,
                           QString *error) const
{
    // 389 DS takes a password change only over a secure connection, which its ldapi socket is.
    const QString server = m_server == u"dirsrv"_s ? m_env.value(u"UPDRAFT_LDAP_LDAPI_URL"_s) : url();
    QStringList args{u"-x"_s, u"-H"_s, server, u"-s"_s, newPassword};
    if (oldPassword.isEmpty())
        args << u"-D"_s << m_env.value(u"UPDRAFT_LDAP_ADMIN_DN"_s) << u"-w"_s
             << m_env.value(u"UPDRAFT_LDAP_ADMIN_PASSWORD"_s) << dn;
    else
        args << u"-D"_s << dn << u"-w"_s << oldPassword << u"-a"_s << oldPassword;
    QProcess process;
    process.start(u"ldappasswd"_s, args);
    if (!process.waitForFinished(30000) || process.exitCode() != 0) {
        *error = u"ldappasswd failed: %1 %2"_s.arg(QString::fromUtf8(process.readAllStandardOutput()),
                                                   QString::fromUtf8(process.readAllStandardError()));
        return false;
    }
    return true;
}

QString Slapd::attribute(const QString &dn, const QString &attribute) const
{
    QProcess process;
    process.start(u"ldapsearch"_s,
                  {u"-x"_s, u"-LLL"_s, u"-o"_s, u"ldif-wrap=no"_s, u"-H"_s, url(), u"-D"_s, syncDn(), u"-w"_s,
                   syncPassword(), u"-s"_s, u"base"_s, u"-b"_s, dn, attribute});
    process.waitForFinished(30000);
    const QString prefix = attribute + u": "_s;
    for (const QString &line : QString::fromUtf8(process.readAllStandardOutput()).split(u'\n')) {
        if (line.startsWith(prefix, Qt::CaseInsensitive))
            return line.mid(prefix.size());
    }
    return {};
}

// ---- Samba AD DC

namespace {

// /usr/sbin is often not on a user's PATH, where samba and samba-tool are.
QString findTool(const QString &name)
{
    QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(name, {u"/usr/sbin"_s, u"/usr/local/sbin"_s, u"/sbin"_s});
    return path;
}

// The ldap* tools must read neither ~/.ldaprc nor /etc/ldap/ldap.conf.
QProcessEnvironment ldapToolEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"LDAPNOINIT"_s, u"1"_s);
    return env;
}

// ldapsearch -LLL -o ldif-wrap=no output: "attr: text", "attr:: base64", blank lines between entries.
QList<LdapEntry> parseLdif(const QByteArray &ldif)
{
    QList<LdapEntry> entries;
    LdapEntry current;
    const auto flush = [&] {
        if (!current.dn.isEmpty())
            entries.append(current);
        current = {};
    };
    for (const QByteArray &line : ldif.split('\n')) {
        if (line.isEmpty()) {
            flush();
            continue;
        }
        if (line.startsWith('#'))
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QString name = QString::fromUtf8(line.left(colon)).toLower();
        QByteArray value = line.mid(colon + 1);
        if (value.startsWith(':'))
            value = QByteArray::fromBase64(value.mid(1).trimmed());
        else if (value.startsWith(' '))
            value = value.mid(1);
        if (name == u"dn"_s)
            current.dn = QString::fromUtf8(value);
        else
            current.values[name].append(value);
    }
    flush();
    return entries;
}

} // namespace

bool Samba::available(QString *why)
{
    if (::geteuid() != 0) {
        *why = u"the Samba AD DC tests need root (samba refuses to run an AD DC otherwise)"_s;
        return false;
    }
    QStringList missing;
    for (const QString &tool : {u"samba"_s, u"samba-tool"_s, u"ldapsearch"_s, u"ldapmodify"_s, u"openssl"_s})
        if (findTool(tool).isEmpty())
            missing.append(tool);
    if (!QFileInfo::exists(u"/usr/share/samba/setup/ad-schema"_s))
        missing.append(u"the AD schema (samba-ad-provision)"_s);
    if (!missing.isEmpty()) {
        *why = u"Samba AD DC not installed (missing: %1; scripts/install-deps.sh installs samba-ad-dc "
               u"samba-ad-provision ldap-utils)"_s.arg(missing.join(u", "_s));
        return false;
    }
    return true;
}

bool Samba::start(QString *error, const QStringList &options)
{
    stop();
    // Samba's unix socket paths limit the directory to 60 bytes; a test's TMPDIR can be longer than that.
    QString parent = QDir::tempPath();
    if (parent.size() + 22 > 60)
        parent = u"/tmp"_s;
    QTemporaryDir dir(parent + u"/updraft-samba-XXXXXX"_s);
    if (!dir.isValid()) {
        *error = u"cannot create a directory for the DC in %1: %2"_s.arg(parent, dir.errorString());
        return false;
    }
    dir.setAutoRemove(false); // stop.sh removes it
    QString output;
    if (!runScript(sourceDir() + u"/tests/servers/samba/start.sh"_s, QStringList{dir.path()} + options,
                   &output, error, 300000)) {
        // start.sh has stopped the DC and left the directory for inspection; its log tail is in `error`.
        QDir(dir.path()).removeRecursively();
        return false;
    }
    m_env = readEnv(dir.path() + u"/samba.env"_s);
    m_running = true;
    QFile fixture(fixtureJsonPath());
    QJsonParseError parseError;
    if (fixture.open(QIODevice::ReadOnly))
        m_fixture = QJsonDocument::fromJson(fixture.readAll(), &parseError).object();
    if (m_fixture.isEmpty()) {
        *error = u"cannot read the fixture %1: %2"_s.arg(fixtureJsonPath(), parseError.errorString());
        return false;
    }
    return true;
}

void Samba::stop()
{
    if (!m_running)
        return;
    QString error;
    if (!runScript(sourceDir() + u"/tests/servers/samba/stop.sh"_s, {dir()}, nullptr, &error, 60000))
        qWarning("%s", qPrintable(error));
    m_running = false;
}

bool Samba::modify(const QString &ldif, QString *error) const
{
    QProcess process;
    process.setProcessEnvironment(ldapToolEnvironment());
    process.start(u"ldapmodify"_s,
                  {u"-x"_s, u"-H"_s, ldapiUrl(), u"-D"_s, adminDn(), u"-w"_s, adminPassword()});
    process.write(ldif.toUtf8());
    process.closeWriteChannel();
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        *error = u"ldapmodify failed: %1"_s.arg(QString::fromUtf8(process.readAllStandardError()));
        return false;
    }
    return true;
}

bool Samba::setPassword(const QString &dn, const QString &password, QString *error) const
{
    // unicodePwd: the password in double quotes, UTF-16LE.
    const QString quoted = u'"' + password + u'"';
    const QByteArray utf16(reinterpret_cast<const char *>(quoted.utf16()), quoted.size() * 2);
    return modify(u"dn: %1\nchangetype: modify\nreplace: unicodePwd\nunicodePwd:: %2\n-\n"_s.arg(
                      dn, QString::fromLatin1(utf16.toBase64())),
                  error);
}

QList<LdapEntry> Samba::search(const QString &base, const QString &filter, const QStringList &attributes,
                               QString *error, const QString &scope) const
{
    QProcess process;
    process.setProcessEnvironment(ldapToolEnvironment());
    process.start(u"ldapsearch"_s,
                  QStringList{u"-x"_s, u"-LLL"_s, u"-o"_s, u"ldif-wrap=no"_s, u"-E"_s, u"pr=1000/noprompt"_s,
                              u"-H"_s, url(), u"-D"_s, adminDn(), u"-w"_s, adminPassword(), u"-s"_s, scope,
                              u"-b"_s, base, filter} +
                      attributes);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        if (error)
            *error = u"ldapsearch -b \"%1\" \"%2\" failed: %3"_s.arg(
                base, filter, QString::fromUtf8(process.readAllStandardError()));
        return {};
    }
    return parseLdif(process.readAllStandardOutput());
}

QByteArray Samba::attribute(const QString &dn, const QString &attribute) const
{
    const QList<LdapEntry> entries = search(dn, u"(objectClass=*)"_s, {attribute}, nullptr, u"base"_s);
    return entries.isEmpty() ? QByteArray() : entries.first().value(attribute);
}

bool Samba::exportKeytab(const QString &principal, const QString &file, QString *error) const
{
    QProcess process;
    process.start(findTool(u"samba-tool"_s), {u"domain"_s, u"exportkeytab"_s, file, u"--principal"_s,
                                              principal, u"-s"_s, dir() + u"/etc/smb.conf"_s});
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0 || !QFile::exists(file)) {
        *error = u"samba-tool domain exportkeytab failed: %1%2"_s.arg(
            QString::fromUtf8(process.readAllStandardError()),
            QString::fromUtf8(process.readAllStandardOutput()));
        return false;
    }
    return QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);
}

// ---- SCIM

QStringList Scim::modeOptions()
{
    return qEnvironmentVariable("UPDRAFT_TEST_SCIM_OPTIONS").split(u' ', Qt::SkipEmptyParts);
}

bool Scim::start(QString *error, const QStringList &options)
{
    QString url;
    const QStringList all = m_server == u"scim"_s ? modeOptions() + options : options;
    QStringList arguments{m_stateDir};
    if (!all.isEmpty())
        arguments << u"updraft-test-token"_s << all;
    if (!runScript(sourceDir() + u"/tests/servers/"_s + m_server + u"/start.sh"_s, arguments, &url, error,
                   120000))
        return false;
    m_url = QUrl(url);
    m_token = readFile(m_stateDir + u"/scim.token"_s);
    const qsizetype cert = all.indexOf(u"--tls-cert"_s);
    m_trusted = cert >= 0 && cert + 1 < all.size() ? QSslCertificate::fromPath(all.at(cert + 1))
                                                   : QList<QSslCertificate>();
    m_running = true;
    return true;
}

void Scim::stop()
{
    if (!m_running)
        return;
    QString error;
    if (!runScript(sourceDir() + u"/tests/servers/"_s + m_server + u"/stop.sh"_s, {m_stateDir}, nullptr,
                   &error, 30000))
        qWarning("%s", qPrintable(error));
    m_running = false;
}

QByteArray Scim::call(const QByteArray &verb, const QUrl &url, const QByteArray &body, bool authorized,
                      int *status)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/scim+json"_ba);
    if (!m_trusted.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_trusted);
        request.setSslConfiguration(tls);
    }
    if (authorized)
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    QNetworkReply *reply = m_manager.sendCustomRequest(request, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    if (status)
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray data = reply->readAll();
    reply->deleteLater();
    return data;
}

static QUrl controlUrl(const QUrl &scimUrl, const QString &path)
{
    QUrl url = scimUrl;
    url.setPath(u"/_test/"_s + path);
    return url;
}

void Scim::reset()
{
    call("POST", controlUrl(m_url, u"reset"_s), {}, false, nullptr);
}

void Scim::resetStats()
{
    call("POST", controlUrl(m_url, u"stats/reset"_s), {}, false, nullptr);
}

QJsonObject Scim::stats()
{
    return QJsonDocument::fromJson(call("GET", controlUrl(m_url, u"stats"_s), {}, false, nullptr)).object();
}

int Scim::writes()
{
    const QJsonObject requests = stats().value(u"requests"_s).toObject();
    int total = 0;
    for (const char *verb : {"POST", "PATCH", "PUT", "DELETE"})
        total += requests.value(QLatin1StringView(verb)).toInt();
    return total;
}

void Scim::addFault(const QJsonObject &rule)
{
    call("POST", controlUrl(m_url, u"faults"_s), QJsonDocument(rule).toJson(), false, nullptr);
}

void Scim::setOption(const QString &name, const QJsonValue &value)
{
    call("POST", controlUrl(m_url, u"options"_s), QJsonDocument(QJsonObject{{name, value}}).toJson(), false,
         nullptr);
}

QJsonArray Scim::usersWithCredentials()
{
    QUrl url = controlUrl(m_url, u"dump"_s);
    url.setQuery(u"passwords=1"_s);
    return QJsonDocument::fromJson(call("GET", url, {}, false, nullptr)).object().value(u"Users"_s).toArray();
}

QJsonArray Scim::users()
{
    return QJsonDocument::fromJson(call("GET", controlUrl(m_url, u"dump"_s), {}, false, nullptr))
        .object()
        .value(u"Users"_s)
        .toArray();
}

QJsonArray Scim::groups()
{
    return QJsonDocument::fromJson(call("GET", controlUrl(m_url, u"dump"_s), {}, false, nullptr))
        .object()
        .value(u"Groups"_s)
        .toArray();
}

QJsonArray Scim::list(const QString &collection)
{
    QJsonArray out;
    for (int start = 1;;) {
        QUrl url = m_url;
        url.setPath(m_url.path() + u'/' + collection);
        url.setQuery(u"startIndex=%1&count=100"_s.arg(start));
        const QJsonObject page = QJsonDocument::fromJson(call("GET", url, {}, true, nullptr)).object();
        const QJsonArray resources = page.value(u"Resources"_s).toArray();
        for (const QJsonValue &r : resources)
            out.append(r);
        start += int(resources.size());
        if (resources.isEmpty() || start > page.value(u"totalResults"_s).toInt())
            return out;
    }
}

QJsonObject Scim::post(const QString &collection, const QJsonObject &body, int *status)
{
    QUrl url = m_url;
    url.setPath(m_url.path() + u'/' + collection);
    return QJsonDocument::fromJson(call("POST", url, QJsonDocument(body).toJson(), true, status)).object();
}

int Scim::remove(const QString &path)
{
    QUrl url = m_url;
    url.setPath(m_url.path() + u'/' + path);
    int status = 0;
    call("DELETE", url, {}, true, &status);
    return status;
}

int Scim::patch(const QString &path, const QJsonArray &operations)
{
    QUrl url = m_url;
    url.setPath(m_url.path() + u'/' + path);
    const QJsonObject body{{u"schemas"_s, QJsonArray{u"urn:ietf:params:scim:api:messages:2.0:PatchOp"_s}},
                           {u"Operations"_s, operations}};
    int status = 0;
    call("PATCH", url, QJsonDocument(body).toJson(), true, &status);
    return status;
}

bool Entra::start(QString *error, const QStringList &options)
{
    QString url;
    if (!runScript(sourceDir() + u"/tests/servers/entra/start.sh"_s, QStringList{m_stateDir} + options, &url,
                   error, 60000))
        return false;
    m_url = QUrl(readFile(m_stateDir + u"/entra.url"_s).trimmed());
    m_running = true;
    return true;
}

void Entra::stop()
{
    if (!m_running)
        return;
    QString error;
    if (!runScript(sourceDir() + u"/tests/servers/entra/stop.sh"_s, {m_stateDir}, nullptr, &error, 30000))
        qWarning("%s", qPrintable(error));
    m_running = false;
}

QString Entra::file(const QString &name) const
{
    return readFile(m_stateDir + u"/entra."_s + name).trimmed();
}

QJsonObject Entra::control(const QByteArray &verb, const QString &path, const QJsonObject &body)
{
    QUrl url = m_url;
    url.setPath(u"/_test/"_s + path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    QNetworkReply *reply = m_manager.sendCustomRequest(
        request, verb, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson());
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return answer;
}

QJsonObject Entra::stats()
{
    return control("GET", u"stats"_s);
}

QJsonObject Entra::users()
{
    return control("GET", u"users"_s).value(u"users"_s).toObject();
}

QJsonObject Entra::flush()
{
    return control("POST", u"flush"_s);
}

void Entra::reset()
{
    control("POST", u"reset"_s);
}

void Entra::setJobState(const QString &code)
{
    control("POST", u"job-state"_s, {{u"code"_s, code}});
}

void Entra::expireSecret(bool expired)
{
    control("POST", u"expire-secret"_s, {{u"expired"_s, expired}});
}

bool Postgres::start(QString *error)
{
    if (qEnvironmentVariableIsEmpty("UPDRAFT_TEST_PG_PASSWORD"))
        qputenv("UPDRAFT_TEST_PG_PASSWORD", "store-secret");
    if (!runScript(sourceDir() + u"/tests/servers/postgresql/start.sh"_s, {m_stateDir, u"--fresh"_s},
                   &m_baseUrl, error, 120000))
        return false;
    m_running = true;
    return true;
}

void Postgres::stop()
{
    if (!m_running)
        return;
    QString error;
    if (!runScript(sourceDir() + u"/tests/servers/postgresql/stop.sh"_s, {m_stateDir}, nullptr, &error,
                   60000))
        qWarning("%s", qPrintable(error));
    m_running = false;
}

void Postgres::kill()
{
    const qint64 pid = readFile(m_stateDir + u"/data/postmaster.pid"_s).section(u'\n', 0, 0).toLongLong();
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), SIGKILL) == 0 && !waitUntilGone(pid, 10000))
        qWarning("postgres %lld did not go away after SIGKILL", pid);
    m_running = false;
}

QString Postgres::url(const QString &name) const
{
    QUrl url(m_baseUrl);
    url.setPath(u"/"_s + name);
    QUrlQuery query(url);
    query.addQueryItem(u"password"_s, u"env:UPDRAFT_TEST_PG_PASSWORD"_s);
    url.setQuery(query);
    return url.toString();
}

QStringList Postgres::query(const QString &database, const QString &sql, QString *error) const
{
    QStringList rows;
    const QString connection = u"test-postgres-%1"_s.arg(QUuid::createUuid().toString(QUuid::Id128));
    {
        Updraft::StoreLocation location;
        if (!Updraft::StoreLocation::parse(url(database), location, error))
            return rows;
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connection);
        db.setHostName(location.host);
        db.setPort(location.port);
        db.setDatabaseName(location.database);
        db.setUserName(location.user);
        db.setPassword(qEnvironmentVariable("UPDRAFT_TEST_PG_PASSWORD"));
        db.setConnectOptions(location.connectOptions);
        if (!db.open()) {
            *error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            if (!q.exec(sql))
                *error = q.lastError().text();
            while (q.next())
                rows << q.value(0).toString();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return rows;
}

bool Postgres::createDatabase(const QString &name, QString *error)
{
    QString why;
    query(u"updraft"_s, u"CREATE DATABASE \"%1\""_s.arg(name), &why);
    if (!why.isEmpty())
        *error = u"cannot create database %1: %2"_s.arg(name, why);
    return why.isEmpty();
}

Postgres *Postgres::shared(QString *error)
{
    static QTemporaryDir *dir = nullptr;
    static Postgres *server = nullptr;
    if (server)
        return server;
    // Not under TMPDIR: the server's socket path must stay short (about 100 bytes at most).
    dir = new QTemporaryDir(u"/tmp/updraft-pg-XXXXXX"_s);
    auto started = std::make_unique<Postgres>(dir->path());
    if (!started->start(error)) {
        delete dir;
        dir = nullptr;
        return nullptr;
    }
    server = started.release();
    qAddPostRoutine([] {
        delete server;
        server = nullptr;
        delete dir;
        dir = nullptr;
    });
    return server;
}

QByteArray storeContents(const QString &location)
{
    QByteArray contents;
    if (!Updraft::StoreLocation::isUrl(location)) {
        const QFileInfo info(location);
        for (const QString &name : info.absoluteDir().entryList(QDir::Files)) {
            QFile file(info.absoluteDir().filePath(name));
            if (name.startsWith(info.fileName()) && file.open(QIODevice::ReadOnly))
                contents += file.readAll();
        }
        return contents;
    }
    QString error;
    Postgres *server = Postgres::shared(&error);
    const QString database = QUrl(location).path().mid(1);
    const QStringList tables =
        server
            ? server->query(
                  database,
                  u"SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"_s, &error)
            : QStringList();
    for (const QString &table : tables)
        contents += server->query(database, u"SELECT row_to_json(t)::text FROM \"%1\" t"_s.arg(table), &error)
                        .join(u'\n')
                        .toUtf8();
    if (!error.isEmpty())
        qWarning("cannot read the store %s: %s", qPrintable(location), qPrintable(error));
    return contents;
}

bool storeOnPostgres()
{
    return qEnvironmentVariable("UPDRAFT_TEST_STORE") == u"postgresql"_s;
}

QString newStoreLocation(const QString &dir, QString *error)
{
    if (!storeOnPostgres())
        return dir + u"/updraft.sqlite"_s;
    Postgres *server = Postgres::shared(error);
    if (!server)
        return {};
    const QString name = u"store_%1"_s.arg(QUuid::createUuid().toString(QUuid::Id128).left(16));
    return server->createDatabase(name, error) ? server->url(name) : QString();
}

} // namespace TestServers
