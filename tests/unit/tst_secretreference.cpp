// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The forms of a secret reference and the two that need no keychain; the keychain itself is tst_keychain.
#include "config/secretreference.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

Q_DECLARE_METATYPE(Updraft::SecretReference::Kind)

class TestSecretReference : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void refuse_data();
    void refuse();
    void environment();
    void file();

private:
    QTemporaryDir m_dir;
};

void TestSecretReference::parse_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<SecretReference::Kind>("kind");
    QTest::addColumn<QString>("name");
    QTest::newRow("keychain") << uR"({"keychain": "corp.example.com/target.token"})"_s
                              << SecretReference::Kind::Keychain << u"corp.example.com/target.token"_s;
    QTest::newRow("env") << uR"({"env": "UPDRAFT_TOKEN"})"_s << SecretReference::Kind::Environment
                         << u"UPDRAFT_TOKEN"_s;
    QTest::newRow("file") << uR"({"file": "/etc/updraft/token"})"_s << SecretReference::Kind::File
                          << u"/etc/updraft/token"_s;
}

void TestSecretReference::parse()
{
    QFETCH(QString, json);
    QFETCH(SecretReference::Kind, kind);
    QFETCH(QString, name);
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    SecretReference ref;
    QString error;
    QVERIFY2(SecretReference::fromJson(object, ref, &error), qPrintable(error));
    QCOMPARE(ref.kind, kind);
    QCOMPARE(ref.name, name);
    QVERIFY(ref.isSet());
    // Stored and exported exactly as read: the reference, never a secret.
    QCOMPARE(ref.toJson(), QJsonValue(object));
}

void TestSecretReference::refuse_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("error");
    const QString expected =
        u"expected {\"env\": \"VARIABLE\"} or {\"file\": \"PATH\"} or {\"keychain\": \"KEY\"}"_s;
    QTest::newRow("inline secret")
        << uR"("s3cret")"_s
        << u"a secret is never written into the configuration; use {\"keychain\": "
           u"\"KEY\"} (updraft-cli secret set), {\"env\": \"VARIABLE\"} or {\"file\": "
           u"\"PATH\"}"_s;
    QTest::newRow("unknown form") << uR"({"vault": "x"})"_s << expected;
    QTest::newRow("two forms") << uR"({"keychain": "a/b", "env": "X"})"_s << expected;
    QTest::newRow("empty keychain key") << uR"({"keychain": ""})"_s << expected;
    QTest::newRow("keychain key a number") << uR"({"keychain": 5})"_s << expected;
    QTest::newRow("empty object") << uR"({})"_s << expected;
    QTest::newRow("a list") << uR"([{"env": "X"}])"_s << expected;
}

void TestSecretReference::refuse()
{
    QFETCH(QString, json);
    QFETCH(QString, error);
    // Wrapped so that a bare string parses.
    const QJsonValue value =
        QJsonDocument::fromJson(u"{\"v\": %1}"_s.arg(json).toUtf8()).object().value(u"v"_s);
    SecretReference ref;
    QString why;
    QVERIFY(!SecretReference::fromJson(value, ref, &why));
    QCOMPARE(why, error);
    QVERIFY(!ref.isSet());
}

void TestSecretReference::environment()
{
    const SecretReference ref{SecretReference::Kind::Environment, u"UPDRAFT_TEST_SECRET_REF"_s};
    qputenv("UPDRAFT_TEST_SECRET_REF", "from-env");
    QByteArray secret;
    QString error;
    QVERIFY2(ref.resolve(secret, u"target.token"_s, &error), qPrintable(error));
    QCOMPARE(secret, "from-env");
    qunsetenv("UPDRAFT_TEST_SECRET_REF");
    QVERIFY(!ref.resolve(secret, u"target.token"_s, &error));
    QCOMPARE(error, u"target.token: the environment variable UPDRAFT_TEST_SECRET_REF is not set or empty."_s);
}

void TestSecretReference::file()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(u"token"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("from-file\n");
    f.close();
    const SecretReference ref{SecretReference::Kind::File, path};
    QByteArray secret;
    QString error;

    QVERIFY(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));
    QVERIFY(!ref.resolve(secret, u"target.token"_s, &error));
    QVERIFY2(error.endsWith(u"is readable or writable by others; run chmod 600 on it."_s), qPrintable(error));

    QVERIFY(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    QVERIFY2(ref.resolve(secret, u"target.token"_s, &error), qPrintable(error));
    QCOMPARE(secret, "from-file"); // one trailing newline dropped
}

QTEST_GUILESS_MAIN(TestSecretReference)
#include "tst_secretreference.moc"
