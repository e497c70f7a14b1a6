// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Password hash sync end to end, against a real slapd and a real SCIM 2.0 service on loopback.
#include "syncfixture.h"

#include "sync/passwordhash.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QProcess>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

const QString Ext = u"urn:ietf:params:scim:schemas:extension:updraft:2.0:User"_s;

QString userDn(const QString &uid)
{
    const QString ou =
        uid == u"bob.smith"_s || uid == u"carol.jones"_s || uid == u"eve.adams"_s || uid == u"frank.ng"_s
            ? u"ou=Sales,ou=People"_s
            : u"ou=Engineering,ou=People"_s;
    return u"uid=%1,%2,dc=example,dc=com"_s.arg(uid, ou);
}

// {SSHA}: base64(SHA-1(password + salt) + salt).
bool sshaMatches(const QString &value, const QString &password)
{
    if (!value.startsWith(u"{SSHA}"_s))
        return false;
    const QByteArray raw = QByteArray::fromBase64(value.mid(6).toLatin1());
    const QByteArray salt = raw.mid(20);
    return raw.left(20) ==
           QCryptographicHash::hash(QByteArray(password.toUtf8() + salt), QCryptographicHash::Sha1);
}

// Everything the engine logs, at every level, while a test runs.
QStringList g_log;
void collect(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    g_log.append(QString::fromLatin1(context.category ? context.category : "") + u' ' + message);
}

} // namespace

class TestPasswordHashSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void firstRunSendsEveryHashInTheSameRun();
    void secondRunSendsNothing();
    void changedPasswordIsSentOnceAndOnlyThat();
    void mustChangeHoldsTheHashUntilChanged();
    void waitingPointsAtTheProvisioningFailure();
    void targetRejectionIsExplainedAndBacksOff();
    void resyncSendsEveryHashAgain();
    void cliListsProblems();
    void noHashInLogsOrStore();

private:
    Configuration hashConfig() const
    {
        QJsonObject json = f.peopleJson();
        json[u"passwordHashSync"_s] = QJsonObject{{u"enabled"_s, true}};
        return SyncFixture::config(json);
    }
    QJsonObject cloudUser(const QString &uid);
    PasswordHashState state(const QString &uid);
    int credentialWrites() { return f.scim().stats()[u"credentialWrites"_s].toInt(); }

    SyncFixture f;
};

void TestPasswordHashSync::initTestCase()
{
    QString error;
    QVERIFY2(f.startScim(&error), qPrintable(error));
}

void TestPasswordHashSync::init()
{
    QString error;
    QVERIFY2(f.startDirectory(&error), qPrintable(error));
}

void TestPasswordHashSync::cleanup()
{
    f.stopDirectory();
}

QJsonObject TestPasswordHashSync::cloudUser(const QString &uid)
{
    const QString userName = uid == u"li.lei"_s ? u"li.lei@example.com"_s : uid + u"@example.com"_s;
    for (const QJsonValue &v : f.scim().usersWithCredentials())
        if (v[u"userName"_s].toString() == userName)
            return v.toObject();
    return {};
}

PasswordHashState TestPasswordHashSync::state(const QString &uid)
{
    const auto config = f.store().configuration(u"example.com"_s);
    if (!config)
        return {};
    for (const PasswordHashState &s : f.store().passwordHashes(config->id))
        if (s.dn == userDn(uid))
            return s;
    return {};
}

void TestPasswordHashSync::firstRunSendsEveryHashInTheSameRun()
{
    const RunRecord r = f.run(hashConfig());
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.users.created, 7);
    const QMap<QString, int> expected{{u"synced"_s, 5}, {u"unsupported"_s, 1}, {u"missing"_s, 1}};
    QCOMPARE(r.passwordHashes, expected); // no waiting, no errors: hashes go after the users exist
    QCOMPARE(credentialWrites(), 5);

    // What reached the cloud verifies against each user's known password.
    const QJsonObject jose = cloudUser(u"jose.muller"_s)[Ext].toObject();
    QCOMPARE(jose[u"passwordHashFormat"_s].toString(), u"RFC2307"_s);
    QVERIFY(sshaMatches(jose[u"passwordHash"_s].toString(), u"Jose-Secret-1"_s));
    QVERIFY(!sshaMatches(jose[u"passwordHash"_s].toString(), u"Jose-Secret-2"_s));
    const QJsonObject li = cloudUser(u"li.lei"_s)[Ext].toObject();
    QCOMPARE(li[u"passwordHashFormat"_s].toString(), u"PPH1_MD4"_s);
    QVERIFY(
        PasswordHash::verifyPph1(li[u"passwordHash"_s].toString(), PasswordHash::ntHash(u"李雷-Secret-1"_s)));
    const QJsonObject frank = cloudUser(u"frank.ng"_s)[Ext].toObject();
    QVERIFY(PasswordHash::verifyPph1(frank[u"passwordHash"_s].toString(),
                                     PasswordHash::ntHash(u"Frank-Secret-1"_s)));
    QVERIFY(!PasswordHash::verifyPph1(frank[u"passwordHash"_s].toString(), PasswordHash::ntHash(u"frank"_s)));
    const QJsonObject ada = cloudUser(u"ada.lovelace"_s)[Ext].toObject();
    QVERIFY(ada[u"passwordHash"_s].toString().startsWith(u"{CRYPT}$6$updraftsalt$"_s));

    // The others are explained, and nothing is sent for them.
    QVERIFY(!cloudUser(u"carol.jones"_s)[Ext].toObject().contains(u"passwordHash"_s));
    QVERIFY(!cloudUser(u"eve.adams"_s)[Ext].toObject().contains(u"passwordHash"_s));
    const PasswordHashState carol = state(u"carol.jones"_s);
    QCOMPARE(carol.status, u"unsupported"_s);
    QVERIFY2(carol.reason.contains(u"cleartext"_s), qPrintable(carol.reason));
    QCOMPARE(state(u"eve.adams"_s).status, u"missing"_s);
    QCOMPARE(state(u"li.lei"_s).scheme, u"NT"_s);
    QVERIFY(state(u"jose.muller"_s).syncedAt.isValid());
}

void TestPasswordHashSync::secondRunSendsNothing()
{
    QCOMPARE(f.run(hashConfig()).status, u"success"_s);
    f.scim().resetStats();
    const RunRecord r = f.run(hashConfig());
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(r.passwordHashes.value(u"synced"_s), 5);
    QCOMPARE(f.scim().writes(), 0);
    QVERIFY(f.lastResults().isEmpty()); // nothing happened, so nothing to report
}

void TestPasswordHashSync::changedPasswordIsSentOnceAndOnlyThat()
{
    QCOMPARE(f.run(hashConfig()).status, u"success"_s);
    QString error;
    QVERIFY2(
        f.slapd().changePassword(userDn(u"jose.muller"_s), u"Jose-Secret-1"_s, u"Jose-Secret-2"_s, &error),
        qPrintable(error));
    f.scim().resetStats();
    const RunRecord r = f.run(hashConfig());
    QCOMPARE(r.status, u"success"_s);
    QCOMPARE(credentialWrites(), 1);
    QCOMPARE(f.scim().writes(), 1);
    const QString sent = cloudUser(u"jose.muller"_s)[Ext][u"passwordHash"_s].toString();
    QVERIFY(sshaMatches(sent, u"Jose-Secret-2"_s));
    const QList<RunResult> rows = f.resultsFor(userDn(u"jose.muller"_s));
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().action, u"password-hash"_s);
    QCOMPARE(rows.first().outcome, u"success"_s);
}

void TestPasswordHashSync::mustChangeHoldsTheHashUntilChanged()
{
    QCOMPARE(f.run(hashConfig()).status, u"success"_s);
    // An administrator resets bob's password: ppolicy sets pwdReset, "must change at next logon".
    QString error;
    QVERIFY2(f.slapd().changePassword(userDn(u"bob.smith"_s), {}, u"Temp-Reset-1"_s, &error),
             qPrintable(error));
    QCOMPARE(f.slapd().attribute(userDn(u"bob.smith"_s), u"pwdReset"_s), u"TRUE"_s);
    f.scim().resetStats();
    RunRecord r = f.run(hashConfig());
    QCOMPARE(r.passwordHashes.value(u"held"_s), 1);
    QCOMPARE(credentialWrites(), 0);
    PasswordHashState bob = state(u"bob.smith"_s);
    QCOMPARE(bob.status, u"held"_s);
    QVERIFY2(bob.reason.contains(u"must change password at next logon"_s), qPrintable(bob.reason));
    // The cloud keeps the old password; the temporary one never leaves.
    QVERIFY(sshaMatches(cloudUser(u"bob.smith"_s)[Ext][u"passwordHash"_s].toString(), u"Bob-Secret-1"_s));

    // Held again while nothing changes, without a new result row.
    r = f.run(hashConfig());
    QCOMPARE(r.passwordHashes.value(u"held"_s), 1);
    QVERIFY(f.resultsFor(userDn(u"bob.smith"_s)).isEmpty());

    // Bob changes it himself: the flag clears, the new hash goes out.
    QVERIFY2(f.slapd().changePassword(userDn(u"bob.smith"_s), u"Temp-Reset-1"_s, u"Bob-Secret-2"_s, &error),
             qPrintable(error));
    QVERIFY(f.slapd().attribute(userDn(u"bob.smith"_s), u"pwdReset"_s).isEmpty());
    f.scim().resetStats();
    r = f.run(hashConfig());
    QCOMPARE(r.passwordHashes.value(u"held"_s), 0);
    QCOMPARE(credentialWrites(), 1);
    QCOMPARE(state(u"bob.smith"_s).status, u"synced"_s);
    QVERIFY(sshaMatches(cloudUser(u"bob.smith"_s)[Ext][u"passwordHash"_s].toString(), u"Bob-Secret-2"_s));
}

void TestPasswordHashSync::waitingPointsAtTheProvisioningFailure()
{
    // Someone else's cloud user holds jose's userName, so jose cannot be provisioned.
    int status = 0;
    f.scim().post(u"Users"_s,
                  {{u"schemas"_s, QJsonArray{u"urn:ietf:params:scim:schemas:core:2.0:User"_s}},
                   {u"userName"_s, u"jose.muller@example.com"_s},
                   {u"emails"_s, QJsonArray{QJsonObject{{u"value"_s, u"jose.muller@example.com"_s}}}},
                   {u"externalId"_s, u"not-from-this-directory"_s}},
                  &status);
    QCOMPARE(status, 201);
    const RunRecord r = f.run(hashConfig());
    QCOMPARE(r.status, u"warning"_s);
    QCOMPARE(r.users.failed, 1);
    QCOMPARE(r.passwordHashes.value(u"waiting"_s), 1);
    QCOMPARE(r.passwordHashes.value(u"synced"_s), 4);
    const PasswordHashState jose = state(u"jose.muller"_s);
    QCOMPARE(jose.status, u"waiting"_s);
    QVERIFY2(jose.reason.contains(u"could not be provisioned"_s) &&
                 jose.reason.contains(u"jose.muller@example.com"_s),
             qPrintable(jose.reason));
    // The other user never gets jose's hash.
    QVERIFY(!cloudUser(u"jose.muller"_s)[Ext].toObject().contains(u"passwordHash"_s));
}

void TestPasswordHashSync::targetRejectionIsExplainedAndBacksOff()
{
    f.scim().setOption(u"rejectCredentials"_s, true);
    RunRecord r = f.run(hashConfig());
    QCOMPARE(r.status, u"warning"_s);
    QCOMPARE(r.users.created, 7); // the users themselves are fine
    QCOMPARE(r.passwordHashes.value(u"target-rejected"_s), 5);
    const PasswordHashState li = state(u"li.lei"_s);
    QCOMPARE(li.status, u"target-rejected"_s);
    QCOMPARE(li.httpStatus, 400);
    QVERIFY2(li.reason.contains(u"does not accept password hashes"_s), qPrintable(li.reason));
    QCOMPARE(li.attempts, 1);
    QVERIFY(li.nextAttempt > QDateTime::currentDateTimeUtc());

    // The next run does not hammer the target with the same refused hashes before their next attempt.
    f.scim().resetStats();
    r = f.run(hashConfig());
    QCOMPARE(f.scim().stats()[u"requests"_s][u"PATCH"_s].toInt(), 0);
    QCOMPARE(r.passwordHashes.value(u"target-rejected"_s), 5);
}

void TestPasswordHashSync::resyncSendsEveryHashAgain()
{
    QCOMPARE(f.run(hashConfig()).status, u"success"_s);
    const QString before = cloudUser(u"li.lei"_s)[Ext][u"passwordHash"_s].toString();
    const auto config = f.store().configuration(u"example.com"_s);
    QVERIFY(config);
    QCOMPARE(f.store().requestHashResync(config->id), 7);
    f.scim().resetStats();
    QCOMPARE(f.run(hashConfig()).status, u"success"_s);
    QCOMPARE(credentialWrites(), 5);
    const QString after = cloudUser(u"li.lei"_s)[Ext][u"passwordHash"_s].toString();
    QVERIFY(after != before); // a fresh salt per send
    QVERIFY(PasswordHash::verifyPph1(after, PasswordHash::ntHash(u"李雷-Secret-1"_s)));
}

void TestPasswordHashSync::cliListsProblems()
{
    QCOMPARE(f.run(hashConfig()).status, u"success"_s);
    const QString state = QFileInfo(f.store().path()).absolutePath();
    QProcess p;
    p.start(QStringLiteral(UPDRAFT_CLI),
            {u"hashes"_s, u"example.com"_s, u"--errors"_s, u"--json"_s, u"--state"_s, state});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    const QJsonArray problems = QJsonDocument::fromJson(p.readAllStandardOutput()).array();
    QCOMPARE(problems.size(), 2);
    QCOMPARE(problems[0][u"status"_s].toString(), u"missing"_s); // problems sorted by kind, then DN
    QCOMPARE(problems[0][u"dn"_s].toString(), userDn(u"eve.adams"_s));
    QCOMPARE(problems[1][u"status"_s].toString(), u"unsupported"_s);
    QCOMPARE(problems[1][u"dn"_s].toString(), userDn(u"carol.jones"_s));

    p.start(QStringLiteral(UPDRAFT_CLI), {u"hashes"_s, u"example.com"_s, u"--resync"_s, u"--state"_s, state});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    f.scim().resetStats();
    QCOMPARE(f.run(hashConfig()).status, u"success"_s);
    QCOMPARE(credentialWrites(), 5);
}

void TestPasswordHashSync::noHashInLogsOrStore()
{
    QLoggingCategory::setFilterRules(u"updraft.*=true"_s);
    g_log.clear();
    const QtMessageHandler previous = qInstallMessageHandler(collect);
    QString error;
    QCOMPARE(f.run(hashConfig()).status, u"success"_s);
    QVERIFY(f.slapd().changePassword(userDn(u"frank.ng"_s), {}, u"Frank-Reset-1"_s, &error)); // held
    f.scim().setOption(u"rejectCredentials"_s, true);
    QVERIFY(
        f.slapd().changePassword(userDn(u"jose.muller"_s), u"Jose-Secret-1"_s, u"Jose-Secret-3"_s, &error));
    f.run(hashConfig()); // a refused hash: its error text is stored
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());
    QVERIFY(!g_log.isEmpty());

    // Every secret there is: what the directory holds, what the cloud got, and the passwords themselves.
    QStringList secrets{u"Carol-Plain-1"_s, u"Jose-Secret-1"_s, u"Jose-Secret-3"_s, u"Frank-Reset-1"_s};
    for (const QString &uid : {u"jose.muller"_s, u"ada.lovelace"_s, u"bob.smith"_s, u"carol.jones"_s}) {
        const QString value = f.slapd().attribute(userDn(uid), u"userPassword"_s);
        if (!value.isEmpty())
            secrets << value << QString::fromLatin1(QByteArray::fromBase64(value.toLatin1()));
    }
    for (const QString &uid : {u"li.lei"_s, u"frank.ng"_s})
        secrets << f.slapd().attribute(userDn(uid), u"sambaNTPassword"_s);
    for (const QJsonValue &u : f.scim().usersWithCredentials()) {
        const QString sent = u[Ext][u"passwordHash"_s].toString();
        secrets << sent;
        if (sent.startsWith(u"v1;PPH1_MD4,"_s)) // the derived hash and its salt, each on its own
            secrets << sent.section(u',', 3, 3).chopped(1) << sent.section(u',', 1, 1);
    }
    secrets.removeAll(QString());
    QVERIFY(secrets.size() >= 12);

    const QByteArray files = TestServers::storeContents(f.store().path());
    QVERIFY(files.size() > 4096);
    const QString log = g_log.join(u'\n');
    for (const QString &secret : std::as_const(secrets)) {
        QVERIFY2(!log.contains(secret, Qt::CaseInsensitive),
                 qPrintable(u"the log holds "_s + secret.left(12)));
        QVERIFY2(!files.contains(secret.toUtf8()), qPrintable(u"the store holds "_s + secret.left(12)));
        QVERIFY2(!files.contains(secret.toLower().toUtf8()),
                 qPrintable(u"the store holds "_s + secret.left(12)));
    }
}

QTEST_GUILESS_MAIN(TestPasswordHashSync)
#include "tst_passwordhashsync.moc"
