// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Keychain round trip against a real Secret Service: CTest runs this through tests/servers/keyring/run.sh (a
// private dbus-run-session with an unlocked gnome-keyring-daemon). Outside it, the tests that need a keyring
// are skipped; the one without a keychain runs anyway.
#include "config/keychain.h"
#include "config/secretreference.h"
#include "store/statestore.h"
#include "sync/decommission.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>
#include <vector>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

// Every message anything in the process logs, to prove that no secret is among them.
QMutex logMutex;
QStringList logLines;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        const QMutexLocker lock(&logMutex);
        logLines.append(message);
    }
    previousHandler(type, context, message);
}

const char NeedsKeyring[] = "needs a keyring: run through tests/servers/keyring/run.sh (CTest does)";

bool inKeyring()
{
    return qEnvironmentVariable("UPDRAFT_TEST_KEYRING") == u"1"_s;
}

// What a process without any keychain sees: no session bus at all.
QProcessEnvironment withoutKeychain(const QString &dir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=%1/no-bus-here"_s.arg(dir));
    env.insert(u"XDG_RUNTIME_DIR"_s, dir);
    env.insert(u"XDG_CONFIG_HOME"_s, dir + u"/config"_s);
    env.insert(u"XDG_DATA_HOME"_s, dir + u"/data"_s);
    env.remove(u"DISPLAY"_s);
    env.remove(u"UPDRAFT_TEST_KEYRING"_s);
    return env;
}

} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void keyFor();
    void available();
    void roundTrip();
    void configurationsDoNotCollide();
    void binarySecret();
    void fromOtherThreads();
    void noKeychain();
    void noKeychainChild();
    void cliStoresSecret();
    void cliResolvesReference();
    void cliWithoutKeychain();
    void removingAConfigurationForgetsItsSecrets();

private:
    int cli(const QStringList &args, QString *output, const QByteArray &input = {},
            const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

    QTemporaryDir m_dir;
    QStringList m_secrets; // every secret a test stored, looked for in the logs at the end
};

void TestKeychain::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Let every category speak, QtKeychain's included, so that a leak would show.
    QLoggingCategory::setFilterRules(u"*.debug=true"_s);
    previousHandler = qInstallMessageHandler(captureMessage);
}

void TestKeychain::cleanupTestCase()
{
    qInstallMessageHandler(previousHandler);
    const QString log = logLines.join(u'\n');
    for (const QString &secret : std::as_const(m_secrets))
        QVERIFY2(!log.contains(secret), "a secret reached the log");
}

int TestKeychain::cli(const QStringList &args, QString *output, const QByteArray &input,
                      const QProcessEnvironment &env)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(UPDRAFT_CLI), args);
    if (!process.waitForStarted())
        return -1;
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return -1;
    }
    *output = QString::fromUtf8(process.readAll());
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

void TestKeychain::keyFor()
{
    QCOMPARE(Keychain::keyFor(u"corp.example.com"_s, u"source.bindPassword"_s),
             u"corp.example.com/source.bindPassword"_s);
}

void TestKeychain::available()
{
    if (!inKeyring())
        QSKIP(NeedsKeyring);
    QString why;
    QVERIFY2(Keychain::available(&why), qPrintable(why));
}

void TestKeychain::roundTrip()
{
    if (!inKeyring())
        QSKIP(NeedsKeyring);
    const QString key = Keychain::keyFor(u"corp.example.com"_s, u"target.token"_s);
    const QByteArray token = "tok-Round-Trip-7f3a·ü";
    m_secrets << QString::fromUtf8(token);
    QString error;
    QVERIFY2(Keychain::write(key, token, &error), qPrintable(error));

    QByteArray read;
    QVERIFY2(Keychain::read(key, read, &error), qPrintable(error));
    QCOMPARE(read, token);

    // What the engine does with a configuration's reference.
    SecretReference ref;
    QVERIFY2(SecretReference::fromJson(QJsonObject{{u"keychain"_s, key}}, ref, &error), qPrintable(error));
    QCOMPARE(ref.kind, SecretReference::Kind::Keychain);
    QCOMPARE(ref.toJson(), QJsonValue(QJsonObject{{u"keychain"_s, key}}));
    QByteArray resolved;
    QVERIFY2(ref.resolve(resolved, u"target.token"_s, &error), qPrintable(error));
    QCOMPARE(resolved, token);

    // Writing again replaces it.
    const QByteArray rotated = "tok-Rotated-91c2";
    m_secrets << QString::fromUtf8(rotated);
    QVERIFY2(Keychain::write(key, rotated, &error), qPrintable(error));
    QVERIFY2(Keychain::read(key, read, &error), qPrintable(error));
    QCOMPARE(read, rotated);

    QVERIFY2(Keychain::remove(key, &error), qPrintable(error));
    QVERIFY(!Keychain::read(key, read, &error));
    QVERIFY(read.isEmpty());
    QVERIFY2(error.contains(u"\"corp.example.com/target.token\" was not found in the keychain"_s),
             qPrintable(error));
    QVERIFY2(error.contains(u"updraft-cli secret set corp.example.com target.token"_s), qPrintable(error));

    QVERIFY(!ref.resolve(resolved, u"target.token"_s, &error));
    QVERIFY2(error.startsWith(u"target.token: \"corp.example.com/target.token\" was not found"_s),
             qPrintable(error));
    QVERIFY(resolved.isEmpty());

    // Removing what is not there is no error.
    QVERIFY2(Keychain::remove(key, &error), qPrintable(error));
    // An empty secret is refused rather than stored.
    QVERIFY(!Keychain::write(key, {}, &error));
    QVERIFY2(error.contains(u"empty"_s), qPrintable(error));
}

void TestKeychain::configurationsDoNotCollide()
{
    if (!inKeyring())
        QSKIP(NeedsKeyring);
    const QString a = Keychain::keyFor(u"a.example.com"_s, u"source.bindPassword"_s);
    const QString b = Keychain::keyFor(u"b.example.com"_s, u"source.bindPassword"_s);
    const QString aToken = Keychain::keyFor(u"a.example.com"_s, u"target.token"_s);
    QVERIFY(a != b && a != aToken);
    m_secrets << u"bind-A-5521"_s << u"bind-B-8830"_s << u"token-A-1207"_s;
    QString error;
    QVERIFY2(Keychain::write(a, "bind-A-5521", &error), qPrintable(error));
    QVERIFY2(Keychain::write(b, "bind-B-8830", &error), qPrintable(error));
    QVERIFY2(Keychain::write(aToken, "token-A-1207", &error), qPrintable(error));
    QByteArray value;
    QVERIFY2(Keychain::read(a, value, &error), qPrintable(error));
    QCOMPARE(value, "bind-A-5521");
    QVERIFY2(Keychain::read(b, value, &error), qPrintable(error));
    QCOMPARE(value, "bind-B-8830");
    QVERIFY2(Keychain::read(aToken, value, &error), qPrintable(error));
    QCOMPARE(value, "token-A-1207");

    // Removing one configuration's secret leaves the other's.
    QVERIFY2(Keychain::remove(a, &error), qPrintable(error));
    QVERIFY(!Keychain::read(a, value, &error));
    QVERIFY2(Keychain::read(b, value, &error), qPrintable(error));
    QCOMPARE(value, "bind-B-8830");
    QVERIFY2(Keychain::remove(b, &error), qPrintable(error));
    QVERIFY2(Keychain::remove(aToken, &error), qPrintable(error));
}

void TestKeychain::binarySecret()
{
    if (!inKeyring())
        QSKIP(NeedsKeyring);
    const QString key = Keychain::keyFor(u"binary.example.com"_s, u"target.token"_s);
    const QByteArray secret("\xff\x00\xfe-not-utf8", 13);
    QString error;
    QVERIFY2(Keychain::write(key, secret, &error), qPrintable(error));
    QByteArray read;
    QVERIFY2(Keychain::read(key, read, &error), qPrintable(error));
    QCOMPARE(read, secret);
    QVERIFY2(Keychain::remove(key, &error), qPrintable(error));
}

// Threads without an event loop, while the main thread blocks in wait() and spins none either.
void TestKeychain::fromOtherThreads()
{
    if (!inKeyring())
        QSKIP(NeedsKeyring);
    std::vector<std::unique_ptr<QThread>> threads;
    QMutex mutex;
    QStringList failures;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back(QThread::create([t, &mutex, &failures] {
            for (int i = 0; i < 3; ++i) {
                const QString key = Keychain::keyFor(u"thread%1.example.com"_s.arg(t), u"target.token"_s);
                const QByteArray secret =
                    "thread-secret-" + QByteArray::number(t) + '-' + QByteArray::number(i);
                QString error;
                QByteArray read;
                if (!Keychain::write(key, secret, &error) || !Keychain::read(key, read, &error) ||
                    read != secret || !Keychain::remove(key, &error)) {
                    const QMutexLocker lock(&mutex);
                    failures << u"thread %1, round %2: %3"_s.arg(t).arg(i).arg(error);
                }
            }
        }));
        threads.back()->start();
    }
    for (const auto &thread : threads)
        QVERIFY(thread->wait(120000));
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
}

// The test binary again, in a process with no session bus.
void TestKeychain::noKeychain()
{
    QProcessEnvironment env = withoutKeychain(m_dir.path());
    env.insert(u"UPDRAFT_TEST_NO_KEYCHAIN_CHILD"_s, u"1"_s);
    QProcess child;
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(), {u"noKeychainChild"_s});
    QVERIFY(child.waitForFinished(60000));
    const QString output = QString::fromUtf8(child.readAll());
    QVERIFY2(child.exitCode() == 0 && output.contains(u"PASS   : TestKeychain::noKeychainChild()"_s),
             qPrintable(output));
}

void TestKeychain::noKeychainChild()
{
    if (qEnvironmentVariable("UPDRAFT_TEST_NO_KEYCHAIN_CHILD") != u"1"_s)
        QSKIP("runs in the child process of noKeychain()");
    const QString key = Keychain::keyFor(u"corp.example.com"_s, u"source.bindPassword"_s);
    const auto saysWhatToDo = [](const QString &message) {
        return message.contains(u"No keychain is available (no D-Bus session bus"_s) &&
               message.contains(u"environment variable ({\"env\": \"VARIABLE\"})"_s) &&
               message.contains(u"a file only its owner can read ({\"file\": \"PATH\"})"_s);
    };
    QString why;
    QVERIFY(!Keychain::available(&why));
    QVERIFY2(saysWhatToDo(why), qPrintable(why));

    QString error;
    QVERIFY(!Keychain::write(key, "must-not-land-anywhere", &error));
    QVERIFY2(saysWhatToDo(error) && error.contains(key), qPrintable(error));

    QByteArray secret = "stale";
    QVERIFY(!Keychain::read(key, secret, &error));
    QVERIFY(secret.isEmpty());
    QVERIFY2(saysWhatToDo(error) && error.contains(key), qPrintable(error));

    SecretReference ref;
    QVERIFY(SecretReference::fromJson(QJsonObject{{u"keychain"_s, key}}, ref, &error));
    QVERIFY(!ref.resolve(secret, u"source.bindPassword"_s, &error));
    QVERIFY2(error.startsWith(u"source.bindPassword: "_s) && saysWhatToDo(error), qPrintable(error));

    // No plaintext fallback: nothing was written where QtKeychain would put one (QSettings under
    // XDG_CONFIG_HOME), nor anywhere else under the child's directories.
    QDirIterator files(QDir(qEnvironmentVariable("XDG_RUNTIME_DIR")).absolutePath(),
                       QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains("must-not-land-anywhere"), qPrintable(file.fileName()));
    }
}

void TestKeychain::cliStoresSecret()
{
    if (!inKeyring())
        QSKIP(NeedsKeyring);
    const QString key = u"cli.example.com/source.bindPassword"_s;
    m_secrets << u"Piped-Bind-Secret-42"_s;
    QString output;
    QCOMPARE(cli({u"secret"_s, u"set"_s, u"cli.example.com"_s, u"source.bindPassword"_s}, &output,
                 "Piped-Bind-Secret-42\n"),
             0);
    QVERIFY2(output.contains(u"{\"keychain\":\"cli.example.com/source.bindPassword\"}"_s),
             qPrintable(output));
    QVERIFY(!output.contains(u"Piped-Bind-Secret-42"_s));
    QByteArray read;
    QString error;
    QVERIFY2(Keychain::read(key, read, &error), qPrintable(error));
    QCOMPARE(read, "Piped-Bind-Secret-42"); // the newline is not part of it

    QCOMPARE(cli({u"secret"_s, u"set"_s, u"cli.example.com"_s, u"target.tokn"_s}, &output, "x"), 64);
    QCOMPARE(cli({u"secret"_s, u"set"_s, u"cli.example.com"_s, u"target.token"_s}, &output, ""), 1);
    QVERIFY2(output.contains(u"no secret given"_s), qPrintable(output));

    QCOMPARE(cli({u"secret"_s, u"remove"_s, u"cli.example.com"_s, u"source.bindPassword"_s}, &output), 0);
    QVERIFY(!Keychain::read(key, read, &error));
}

// The CLI resolves the same references: a dry run gets past the secrets and fails only at the directory
// (nothing listens on port 1); with the entry gone it fails at the secret, naming the key.
void TestKeychain::cliResolvesReference()
{
    if (!inKeyring())
        QSKIP(NeedsKeyring);
    const QString bindKey = Keychain::keyFor(u"cli.example.com"_s, u"source.bindPassword"_s);
    const QString tokenKey = Keychain::keyFor(u"cli.example.com"_s, u"target.token"_s);
    m_secrets << u"Cli-Bind-Secret-3141"_s << u"Cli-Token-Secret-2718"_s;
    QString error;
    QVERIFY2(Keychain::write(bindKey, "Cli-Bind-Secret-3141", &error), qPrintable(error));
    QVERIFY2(Keychain::write(tokenKey, "Cli-Token-Secret-2718", &error), qPrintable(error));

    const QJsonObject config{
        {u"name"_s, u"cli.example.com"_s},
        {u"source"_s, QJsonObject{{u"type"_s, u"openldap"_s},
                                  {u"url"_s, u"ldap://127.0.0.1:1"_s},
                                  {u"bindDn"_s, u"cn=admin,dc=example,dc=com"_s},
                                  {u"bindPassword"_s, QJsonObject{{u"keychain"_s, bindKey}}},
                                  {u"baseDn"_s, u"dc=example,dc=com"_s},
                                  {u"timeoutSeconds"_s, 5}}},
        {u"scope"_s, QJsonObject{{u"organizationalUnits"_s, QJsonArray{u"dc=example,dc=com"_s}}}},
        {u"target"_s, QJsonObject{{u"type"_s, u"scim"_s},
                                  {u"url"_s, u"http://127.0.0.1:1/scim/v2"_s},
                                  {u"token"_s, QJsonObject{{u"keychain"_s, tokenKey}}}}}};
    const QString configFile = m_dir.filePath(u"cli.json"_s);
    QFile file(configFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(config).toJson());
    file.close();
    const QString state = m_dir.filePath(u"state"_s);
    const QStringList run{u"--state"_s, state,          u"run"_s,      u"--config"_s,
                          configFile,   u"--dry-run"_s, u"--verbose"_s};

    QString output;
    QCOMPARE(cli(run, &output), 1);
    QVERIFY2(output.contains(u"Cannot reach the directory server"_s) &&
                 !output.contains(u"in the keychain"_s) && !output.contains(u"source.bindPassword:"_s) &&
                 !output.contains(u"target.token:"_s),
             qPrintable(output));
    QVERIFY(!output.contains(u"Cli-Bind-Secret-3141"_s) && !output.contains(u"Cli-Token-Secret-2718"_s));

    QVERIFY2(Keychain::remove(tokenKey, &error), qPrintable(error));
    QCOMPARE(cli(run, &output), 1);
    QVERIFY2(
        output.contains(u"target.token: \"cli.example.com/target.token\" was not found in the keychain"_s),
        qPrintable(output));
    QVERIFY2(Keychain::remove(bindKey, &error), qPrintable(error));

    // The store keeps only the reference.
    QDirIterator files(state, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile stored(files.next());
        QVERIFY(stored.open(QIODevice::ReadOnly));
        const QByteArray bytes = stored.readAll();
        QVERIFY2(!bytes.contains("Cli-Bind-Secret-3141") && !bytes.contains("Cli-Token-Secret-2718"),
                 qPrintable(stored.fileName()));
    }
}

void TestKeychain::cliWithoutKeychain()
{
    QString output;
    QCOMPARE(cli({u"secret"_s, u"set"_s, u"cli.example.com"_s, u"target.token"_s}, &output, "Not-Stored-77\n",
                 withoutKeychain(m_dir.path())),
             1);
    QVERIFY2(output.contains(u"No keychain is available"_s) &&
                 output.contains(u"{\"env\": \"VARIABLE\"}"_s) && output.contains(u"{\"file\": \"PATH\"}"_s),
             qPrintable(output));
    QVERIFY(!output.contains(u"Not-Stored-77"_s));
}

void TestKeychain::removingAConfigurationForgetsItsSecrets()
{
    if (!inKeyring())
        QSKIP(NeedsKeyring);
    // a.example.com has its own password and token; its duplicate b.example.com shares a's token.
    const QString password = Keychain::keyFor(u"a.example.com"_s, u"source.bindPassword"_s);
    const QString token = Keychain::keyFor(u"a.example.com"_s, u"target.token"_s);
    m_secrets << u"bind-A-7731"_s << u"token-A-7732"_s;
    QString error;
    QVERIFY2(Keychain::write(password, "bind-A-7731", &error), qPrintable(error));
    QVERIFY2(Keychain::write(token, "token-A-7732", &error), qPrintable(error));
    const auto definition = [](const QString &name, const QJsonObject &source, const QString &tokenKey) {
        return QJsonObject{{u"name"_s, name},
                           {u"source"_s, source},
                           {u"target"_s, QJsonObject{{u"token"_s, QJsonObject{{u"keychain"_s, tokenKey}}}}}};
    };
    StateStore store(m_dir.filePath(u"forget.db"_s));
    QVERIFY2(store.open(&error), qPrintable(error));
    qint64 id = 0;
    QVERIFY(store.saveConfiguration(
        u"a.example.com"_s,
        definition(u"a.example.com"_s, {{u"bindPassword"_s, QJsonObject{{u"keychain"_s, password}}}}, token),
        &id, &error));
    QVERIFY(store.saveConfiguration(
        u"b.example.com"_s,
        definition(u"b.example.com"_s, {{u"bindPassword"_s, QJsonObject{{u"env"_s, u"B"_s}}}}, token), &id,
        &error));

    Decommission decommission(store);
    QSignalSpy finished(&decommission, &Decommission::finished);
    decommission.start(u"a.example.com"_s, false);
    QVERIFY(finished.wait(30000));
    const auto result = finished.first().first().value<Decommission::Result>();
    QVERIFY2(result.removed, qPrintable(result.message));
    QByteArray value;
    QVERIFY(!Keychain::read(password, value, &error));                 // only a's: gone with it
    QVERIFY2(Keychain::read(token, value, &error), qPrintable(error)); // b still needs it
    QCOMPARE(value, "token-A-7732");
    QVERIFY(Keychain::remove(token, &error));
}

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
