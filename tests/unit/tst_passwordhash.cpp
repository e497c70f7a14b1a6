// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "source/credential.h"
#include "source/dialect.h"
#include "sync/passwordhash.h"
#include "sync/passwordhashexport.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

using Attributes = QList<QPair<QString, QByteArray>>;

class TestPasswordHash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ntHash_data();
    void ntHash();
    void pph1Vectors_data();
    void pph1Vectors();
    void randomSaltPerCall();
    void verifyRejectsOtherPasswords();
    void userPassword_data();
    void userPassword();
    void ntHashAttributes_data();
    void ntHashAttributes();
    void times();
    void dialectCredentials_data();
    void dialectCredentials();
    void decisions_data();
    void decisions();
};

void TestPasswordHash::ntHash_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QByteArray>("hex");
    QTest::newRow("Pa$$w0rd") << u"Pa$$w0rd"_s << "92937945b518814341de3f726500d4ff"_ba;
    QTest::newRow("password") << u"password"_s << "8846f7eaee8fb117ad06bdd830b7586c"_ba;
    QTest::newRow("empty") << QString() << "31d6cfe0d16ae931b73c59d7e0c089c0"_ba;
    QTest::newRow("non-ASCII") << u"Müller"_s << QByteArray();
}

void TestPasswordHash::ntHash()
{
    QFETCH(QString, password);
    QFETCH(QByteArray, hex);
    const QByteArray hash = PasswordHash::ntHash(password);
    QCOMPARE(hash.size(), 16);
    if (!hex.isEmpty())
        QCOMPARE(hash.toHex(), hex);
    else // UTF-16LE, not UTF-8 or Latin-1
        QVERIFY(hash != PasswordHash::ntHash(u"M\u00c3\u00bcller"_s));
}

void TestPasswordHash::pph1Vectors_data()
{
    QTest::addColumn<QByteArray>("salt");
    QTest::addColumn<int>("iterations");
    QTest::addColumn<QString>("expected");
    QTest::newRow("1000 iterations")
        << "a42b92067e4b8123101a"_ba << 1000
        << u"v1;PPH1_MD4,a42b92067e4b8123101a,1000,f0fc762ea9051ef754652becd83ee5e54c1c857c1c0965abac5d85de9c143911;"_s;
    QTest::newRow("100 iterations")
        << "317ee9d1dec6508fa510"_ba << 100
        << u"v1;PPH1_MD4,317ee9d1dec6508fa510,100,f4a257ffec53809081a605ce8ddedfbc9df9777b80256763bc0a6dd895ef404f;"_s;
}

void TestPasswordHash::pph1Vectors()
{
    QFETCH(QByteArray, salt);
    QFETCH(int, iterations);
    QFETCH(QString, expected);
    const QByteArray nt = QByteArray::fromHex("92937945b518814341de3f726500d4ff");
    QCOMPARE(PasswordHash::pph1(nt, QByteArray::fromHex(salt), iterations), expected);
    QVERIFY(PasswordHash::verifyPph1(expected, nt));
    QVERIFY(PasswordHash::verifyPph1(expected, PasswordHash::ntHash(u"Pa$$w0rd"_s)));
}

void TestPasswordHash::randomSaltPerCall()
{
    const QByteArray nt = PasswordHash::ntHash(u"Pa$$w0rd"_s);
    const QString a = PasswordHash::pph1WithRandomSalt(nt);
    const QString b = PasswordHash::pph1WithRandomSalt(nt);
    QVERIFY(a != b);
    static const QRegularExpression form(u"^v1;PPH1_MD4,[0-9a-f]{20},1000,[0-9a-f]{64};$"_s);
    QVERIFY2(form.match(a).hasMatch(), qPrintable(a));
    QVERIFY(PasswordHash::verifyPph1(a, nt));
    QVERIFY(PasswordHash::verifyPph1(b, nt));
}

void TestPasswordHash::verifyRejectsOtherPasswords()
{
    const QString value = PasswordHash::pph1WithRandomSalt(PasswordHash::ntHash(u"right"_s));
    QVERIFY(!PasswordHash::verifyPph1(value, PasswordHash::ntHash(u"wrong"_s)));
    QVERIFY(!PasswordHash::verifyPph1(u"v1;PPH1_MD4,zz,1000,00;"_s, PasswordHash::ntHash(u"right"_s)));
}

void TestPasswordHash::userPassword_data()
{
    QTest::addColumn<QList<QByteArray>>("values");
    QTest::addColumn<bool>("usable");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("problemMentions");
    using L = QList<QByteArray>;
    QTest::newRow("SSHA") << L{"{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g/TZ6Q"_ba} << true << u"SSHA"_s << QString();
    QTest::newRow("ssha lower case") << L{"{ssha}W6ph5Mm5Pz8GgiULbPgzG37mj9g/TZ6Q"_ba} << true << u"SSHA"_s
                                     << QString();
    QTest::newRow("SSHA256") << L{"{SSHA256}abc"_ba} << true << u"SSHA256"_s << QString();
    QTest::newRow("SSHA512") << L{"{SSHA512}abc"_ba} << true << u"SSHA512"_s << QString();
    QTest::newRow("CRYPT $5$") << L{"{CRYPT}$5$salt$hash"_ba} << true << u"CRYPT-SHA256"_s << QString();
    QTest::newRow("CRYPT $6$") << L{"{CRYPT}$6$salt$hash"_ba} << true << u"CRYPT-SHA512"_s << QString();
    QTest::newRow("PBKDF2-SHA256") << L{"{PBKDF2-SHA256}10000$c2FsdA$aGFzaA"_ba} << true << u"PBKDF2-SHA256"_s
                                   << QString();
    QTest::newRow("ARGON2") << L{"{ARGON2}$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA"_ba} << true
                            << u"ARGON2"_s << QString();
    QTest::newRow("CLEARTEXT refused") << L{"{CLEARTEXT}secret"_ba} << false << QString() << u"{CLEARTEXT}"_s;
    QTest::newRow("unprefixed refused") << L{"secret"_ba} << false << QString() << u"cleartext"_s;
    QTest::newRow("DES crypt refused")
        << L{"{CRYPT}abJnggxhB/yWI"_ba} << false << QString() << u"CRYPT-DES"_s;
    QTest::newRow("MD5 refused") << L{"{MD5}X03MO1qnZdYdgyfeuILPmQ=="_ba} << false << QString() << u"{MD5}"_s;
    QTest::newRow("389's CLEAR refused") << L{"{CLEAR}secret"_ba} << false << QString() << u"{CLEAR}"_s;
    QTest::newRow("389's own PBKDF2 layout refused")
        << L{"{PBKDF2_SHA256}AAAnEA=="_ba} << false << QString()
        << u"389 Directory Server's own PBKDF2 layout, which no cloud service reads"_s;
    QTest::newRow("cleartext then SSHA") << L{"secret"_ba, "{SSHA}abc"_ba} << true << u"SSHA"_s << QString();
    QTest::newRow("none") << L{} << false << QString() << u"no readable userPassword"_s;
}

void TestPasswordHash::userPassword()
{
    QFETCH(QList<QByteArray>, values);
    QFETCH(bool, usable);
    QFETCH(QString, scheme);
    QFETCH(QString, problemMentions);
    const SourceCredential c = Credential::fromUserPassword(values);
    QCOMPARE(c.usable(), usable);
    QCOMPARE(c.scheme, scheme);
    if (usable) {
        QCOMPARE(c.format, SourceCredential::Format::Rfc2307);
        QVERIFY(values.contains(c.value));
        QVERIFY(c.problem.isEmpty());
    } else {
        QVERIFY2(c.problem.contains(problemMentions), qPrintable(c.problem));
        QVERIFY(c.value.isEmpty());
        // The refused value itself never appears in the explanation.
        for (const QByteArray &v : values)
            QVERIFY(!c.problem.contains(QString::fromLatin1(v.mid(v.indexOf('}') + 1))));
    }
}

void TestPasswordHash::ntHashAttributes_data()
{
    QTest::addColumn<QByteArray>("hex");
    QTest::addColumn<bool>("usable");
    QTest::newRow("upper hex") << "92937945B518814341DE3F726500D4FF"_ba << true;
    QTest::newRow("lower hex") << "92937945b518814341de3f726500d4ff"_ba << true;
    QTest::newRow("short") << "92937945b5188143"_ba << false;
    QTest::newRow("not hex") << "zz937945b518814341de3f726500d4ff"_ba << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestPasswordHash::ntHashAttributes()
{
    QFETCH(QByteArray, hex);
    QFETCH(bool, usable);
    const SourceCredential c = Credential::fromNtHashHex(hex);
    QCOMPARE(c.usable(), usable);
    if (usable) {
        QCOMPARE(c.format, SourceCredential::Format::NtHash);
        QCOMPARE(c.value, QByteArray::fromHex("92937945b518814341de3f726500d4ff"));
    } else {
        QVERIFY(!c.problem.isEmpty());
    }
    QCOMPARE(Credential::fromNtHashBytes(QByteArray(16, 'x')).usable(), true);
    QCOMPARE(Credential::fromNtHashBytes(QByteArray(15, 'x')).usable(), false);
}

void TestPasswordHash::times()
{
    // 2026-11-26T00:00:00Z as a Windows FILETIME.
    QCOMPARE(Credential::fromFileTime(Q_INT64_C(134401248000000000)),
             QDateTime(QDate(2026, 11, 26), QTime(0, 0), Qt::UTC));
    QVERIFY(!Credential::fromFileTime(0).isValid());
    QCOMPARE(Credential::fromGeneralizedTime(u"20261126014500Z"_s),
             QDateTime(QDate(2026, 11, 26), QTime(1, 45), Qt::UTC));
    QVERIFY(!Credential::fromGeneralizedTime(u"yesterday"_s).isValid());
}

void TestPasswordHash::dialectCredentials_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<Attributes>("attributes");
    QTest::addColumn<bool>("usable");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<bool>("mustChange");
    QTest::addColumn<QDateTime>("changedAt");
    using A = Attributes;
    const int openLdap = int(DirectoryType::OpenLdap);
    const int ad = int(DirectoryType::ActiveDirectory);
    const QByteArray nt = QByteArray::fromHex("92937945b518814341de3f726500d4ff");
    const QDateTime t(QDate(2026, 11, 26), QTime(0, 0), Qt::UTC);
    QTest::newRow("OpenLDAP userPassword")
        << openLdap << A{{u"userPassword"_s, "{SSHA}abc"_ba}} << true << u"SSHA"_s << false << QDateTime();
    QTest::newRow("OpenLDAP NT hash preferred")
        << openLdap << A{{u"userPassword"_s, "{SSHA}abc"_ba}, {u"sambaNTPassword"_s, nt.toHex().toUpper()}}
        << true << u"NT"_s << false << QDateTime();
    QTest::newRow("OpenLDAP pwdReset") << openLdap
                                       << A{{u"userPassword"_s, "{SSHA}abc"_ba},
                                            {u"pwdReset"_s, "TRUE"_ba},
                                            {u"pwdChangedTime"_s, "20261126000000Z"_ba}}
                                       << true << u"SSHA"_s << true << t;
    QTest::newRow("OpenLDAP nothing") << openLdap << A{} << false << QString() << false << QDateTime();
    QTest::newRow("Samba AD unicodePwd")
        << ad << A{{u"unicodePwd"_s, nt}, {u"pwdLastSet"_s, "134401248000000000"_ba}} << true << u"NT"_s
        << false << t;
    QTest::newRow("Samba AD must change") << ad << A{{u"unicodePwd"_s, nt}, {u"pwdLastSet"_s, "0"_ba}} << true
                                          << u"NT"_s << true << QDateTime();
    QTest::newRow("AD over plain LDAP")
        << ad << A{{u"pwdLastSet"_s, "134401248000000000"_ba}} << false << QString() << false << t;
    // 389 Directory Server: its default scheme, its pwdReset and pwdUpdateTime; older servers flag a reset by
    // expiring the password at the epoch, and a changed one may get the epoch's next second.
    const int ds = int(DirectoryType::Dirsrv);
    QTest::newRow("389 PBKDF2-SHA512") << ds
                                       << A{{u"userPassword"_s, "{PBKDF2-SHA512}10000$c2FsdA$aGFzaA"_ba},
                                            {u"pwdUpdateTime"_s, "20261126000000Z"_ba}}
                                       << true << u"PBKDF2-SHA512"_s << false << t;
    QTest::newRow("389 pwdReset") << ds
                                  << A{{u"userPassword"_s, "{SSHA512}abc"_ba}, {u"pwdReset"_s, "TRUE"_ba}}
                                  << true << u"SSHA512"_s << true << QDateTime();
    QTest::newRow("389 pwdReset FALSE") << ds
                                        << A{{u"userPassword"_s, "{SSHA512}abc"_ba},
                                             {u"pwdReset"_s, "FALSE"_ba},
                                             {u"passwordExpirationTime"_s, "19700101000001Z"_ba}}
                                        << true << u"SSHA512"_s << false << QDateTime();
    QTest::newRow("389 expired at the epoch")
        << ds
        << A{{u"userPassword"_s, "{SSHA512}abc"_ba}, {u"passwordExpirationTime"_s, "19700101000000Z"_ba}}
        << true << u"SSHA512"_s << true << QDateTime();
    QTest::newRow("389 its own PBKDF2 layout") << ds << A{{u"userPassword"_s, "{PBKDF2_SHA256}AAAnEA=="_ba}}
                                               << false << QString() << false << QDateTime();
}

void TestPasswordHash::dialectCredentials()
{
    QFETCH(int, type);
    QFETCH(Attributes, attributes);
    QFETCH(bool, usable);
    QFETCH(QString, scheme);
    QFETCH(bool, mustChange);
    QFETCH(QDateTime, changedAt);
    const auto dialect = Dialect::create(DirectoryType(type));
    DirectoryEntry entry;
    entry.dn = u"cn=someone,dc=example,dc=com"_s;
    for (const auto &[name, value] : attributes) {
        QVERIFY(dialect->credentialAttributes().contains(name, Qt::CaseInsensitive));
        entry.add(name, value);
    }
    const SourceCredential c = dialect->credential(entry);
    QCOMPARE(c.usable(), usable);
    QCOMPARE(c.scheme, scheme);
    QCOMPARE(c.mustChange, mustChange);
    QCOMPARE(c.changedAt, changedAt);
    if (!usable && type == int(DirectoryType::ActiveDirectory))
        QVERIFY2(c.problem.contains(u"ldapi"_s), qPrintable(c.problem));
}

void TestPasswordHash::decisions_data()
{
    QTest::addColumn<bool>("linked");
    // "", "ok", "refused", "none", "held"; replication's "unchanged", "retry" (+ " held": must change)
    QTest::addColumn<QString>("credential");
    QTest::addColumn<QString>("previousStatus");
    QTest::addColumn<QString>("previousDigest");
    QTest::addColumn<int>("nextAttemptInSeconds");
    QTest::addColumn<bool>("send");
    QTest::addColumn<QString>("status");
    QTest::addColumn<bool>("keep");
    // The digest of the credential now is always "d2".
    QTest::newRow("new user, created this run")
        << true << u"ok"_s << QString() << QString() << 0 << true << QString() << false;
    QTest::newRow("not provisioned") << false << u"ok"_s << QString() << QString() << 0 << false
                                     << u"waiting"_s << false;
    QTest::newRow("nothing read") << true << QString() << QString() << QString() << 0 << false << u"missing"_s
                                  << false;
    QTest::newRow("no hash") << true << u"none"_s << QString() << QString() << 0 << false << u"missing"_s
                             << false;
    QTest::newRow("cleartext") << true << u"refused"_s << QString() << QString() << 0 << false
                               << u"unsupported"_s << false;
    QTest::newRow("must change") << true << u"held"_s << u"synced"_s << u"d1"_s << 0 << false << u"held"_s
                                 << false;
    QTest::newRow("unchanged") << true << u"ok"_s << u"synced"_s << u"d2"_s << 0 << false << u"synced"_s
                               << true;
    QTest::newRow("changed") << true << u"ok"_s << u"synced"_s << u"d1"_s << 0 << true << QString() << false;
    QTest::newRow("after resync") << true << u"ok"_s << u"synced"_s << QString() << 0 << true << QString()
                                  << false;
    QTest::newRow("held, then changed")
        << true << u"ok"_s << u"held"_s << QString() << 0 << true << QString() << false;
    QTest::newRow("rejected, backing off")
        << true << u"ok"_s << u"target-rejected"_s << u"d2"_s << 300 << false << u"target-rejected"_s << true;
    QTest::newRow("rejected, due again")
        << true << u"ok"_s << u"target-rejected"_s << u"d2"_s << -1 << true << QString() << false;
    QTest::newRow("rejected, password changed")
        << true << u"ok"_s << u"target-rejected"_s << u"d1"_s << 300 << true << QString() << false;
    QTest::newRow("retrying, backing off")
        << true << u"ok"_s << u"retrying"_s << u"d2"_s << 60 << false << u"retrying"_s << true;
    // Replication (MS-DRSR): a delta pass that did not return the user; a pass that failed.
    QTest::newRow("not replicated again, synced before")
        << true << u"unchanged"_s << u"synced"_s << u"d1"_s << 0 << false << u"synced"_s << true;
    QTest::newRow("not replicated again, never synced")
        << true << u"unchanged"_s << u"waiting"_s << QString() << 0 << false << u"missing"_s << false;
    QTest::newRow("not replicated again, must change now")
        << true << u"unchanged held"_s << u"synced"_s << u"d1"_s << 0 << false << u"held"_s << false;
    QTest::newRow("replication failed")
        << true << u"retry"_s << u"synced"_s << u"d1"_s << 0 << false << u"retrying"_s << false;
    QTest::newRow("replication failed, must change")
        << true << u"retry held"_s << QString() << QString() << 0 << false << u"held"_s << false;
}

void TestPasswordHash::decisions()
{
    QFETCH(bool, linked);
    QFETCH(QString, credential);
    QFETCH(QString, previousStatus);
    QFETCH(QString, previousDigest);
    QFETCH(int, nextAttemptInSeconds);
    QFETCH(bool, send);
    QFETCH(QString, status);
    QFETCH(bool, keep);
    const QDateTime now(QDate(2026, 11, 26), QTime(12, 0), Qt::UTC);
    SourceCredential c;
    if (credential == u"ok"_s || credential == u"held"_s)
        c = Credential::fromUserPassword({"{SSHA}abc"_ba});
    else if (credential == u"refused"_s)
        c = Credential::fromUserPassword({"plain"_ba});
    else if (credential == u"none"_s)
        c = Credential::fromUserPassword({});
    c.mustChange = credential.endsWith(u"held"_s);
    c.unchanged = credential.startsWith(u"unchanged"_s);
    c.retry = credential.startsWith(u"retry"_s);
    if (c.retry)
        c.problem = u"password hashes could not be replicated from dc1: unreachable"_s;
    PasswordHashState previous;
    previous.status = previousStatus;
    previous.digest = previousDigest;
    previous.reason = u"earlier reason"_s;
    if (nextAttemptInSeconds)
        previous.nextAttempt = now.addSecs(nextAttemptInSeconds);

    HashInput in;
    in.credential = credential.isEmpty() ? nullptr : &c;
    in.linked = linked;
    in.provisioningError = u"userName taken"_s;
    in.previous = previousStatus.isEmpty() ? nullptr : &previous;
    in.digest = c.usable() ? u"d2"_s : QString();
    in.now = now;
    const HashDecision d = decideHash(in);
    QCOMPARE(d.send, send);
    QCOMPARE(d.keep, keep);
    if (!send)
        QCOMPARE(d.status, status);
    if (status == u"waiting"_s)
        QVERIFY(d.reason.contains(u"userName taken"_s));
    if (!send && !keep)
        QVERIFY(!d.reason.isEmpty());
}

QTEST_GUILESS_MAIN(TestPasswordHash)
#include "tst_passwordhash.moc"
