// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Where the state store lives: a SQLite file, or a postgresql:// URL that never holds a password and verifies
// TLS unless told otherwise.
#include "store/storelocation.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

class TestStoreLocation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
};

void TestStoreLocation::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("shared");
    QTest::addColumn<QString>("where");    // file, or host:port/database as user
    QTest::addColumn<QString>("options");  // expected among the connect options
    QTest::addColumn<QString>("password"); // the reference's name
    QTest::addColumn<QString>("error");    // expected in the error; empty: parses

    QTest::newRow("a file") << u"/var/lib/updraft/updraft.sqlite"_s << false
                            << u"/var/lib/updraft/updraft.sqlite"_s << QString() << QString() << QString();
    QTest::newRow("a relative file") << u"state/updraft.sqlite"_s << false << u"state/updraft.sqlite"_s
                                     << QString() << QString() << QString();
    QTest::newRow("postgresql, TLS verified by default")
        << u"postgresql://updraft@db.corp.example/updraft"_s << true
        << u"db.corp.example:5432/updraft as updraft"_s << u"sslmode=verify-full"_s << QString() << QString();
    QTest::newRow("postgres scheme, port, CA, env password")
        << u"postgres://svc@10.0.0.5:6432/sync?sslrootcert=/etc/updraft/ca.pem&password=env:PGPASS"_s << true
        << u"10.0.0.5:6432/sync as svc"_s << u"sslrootcert='/etc/updraft/ca.pem'"_s << u"PGPASS"_s
        << QString();
    QTest::newRow("keychain password")
        << u"postgresql://u@h/d?password=keychain:store/password"_s << true << u"h:5432/d as u"_s
        << u"keepalives=1"_s << u"store/password"_s << QString();
    QTest::newRow("TLS off on request")
        << u"postgresql://u@h/d?sslmode=disable"_s << true << u"h:5432/d as u"_s << u"sslmode=disable"_s
        << QString() << QString();
    QTest::newRow("a CA path with a space and a quote")
        << u"postgresql://u@h/d?sslrootcert=/etc/my%20certs/it's.pem"_s << true << u"h:5432/d as u"_s
        << u"sslrootcert='/etc/my certs/it\\'s.pem'"_s << QString() << QString();
    QTest::newRow("a socket directory")
        << u"postgresql://u@localhost/d?host=/run/postgresql"_s << true << u"/run/postgresql:5432/d as u"_s
        << u"connect_timeout=10"_s << QString() << QString();
    QTest::newRow("a password in the URL") << u"postgresql://u:hunter2@h/d"_s << true << QString()
                                           << QString() << QString() << u"must not hold a password"_s;
    QTest::newRow("a literal password parameter")
        << u"postgresql://u@h/d?password=hunter2"_s << true << QString() << QString() << QString()
        << u"env:VARIABLE, file:PATH or keychain:KEY"_s;
    QTest::newRow("unknown sslmode") << u"postgresql://u@h/d?sslmode=maybe"_s << true << QString()
                                     << QString() << QString() << u"sslmode=maybe"_s;
    QTest::newRow("unknown parameter") << u"postgresql://u@h/d?options=-c%20x"_s << true << QString()
                                       << QString() << QString() << u"options: unknown parameter"_s;
    QTest::newRow("no database") << u"postgresql://u@h"_s << true << QString() << QString() << QString()
                                 << u"expected postgresql://USER@HOST[:PORT]/DATABASE"_s;
    QTest::newRow("another scheme") << u"mysql://u@h/d"_s << false << QString() << QString() << QString()
                                    << u"a SQLite file or a postgresql:// URL"_s;
}

void TestStoreLocation::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, shared);
    QFETCH(QString, where);
    QFETCH(QString, options);
    QFETCH(QString, password);
    QFETCH(QString, error);

    StoreLocation location;
    QString why;
    const bool parsed = StoreLocation::parse(text, location, &why);
    QCOMPARE(StoreLocation::isUrl(text), shared && !text.startsWith(u"mysql"_s));
    if (!error.isEmpty()) {
        QVERIFY(!parsed);
        QVERIFY2(why.contains(error), qPrintable(why));
        QVERIFY2(!why.contains(u"hunter2"_s) || text.contains(u"?password=hunter2"_s), qPrintable(why));
        return;
    }
    QVERIFY2(parsed, qPrintable(why));
    QCOMPARE(location.isShared(), shared);
    QCOMPARE(location.text, text);
    if (!shared) {
        QCOMPARE(location.file, where);
        return;
    }
    QCOMPARE(u"%1:%2/%3 as %4"_s.arg(location.host).arg(location.port).arg(location.database, location.user),
             where);
    QVERIFY2(location.connectOptions.split(u';').contains(options), qPrintable(location.connectOptions));
    QCOMPARE(location.password.name, password);
    QCOMPARE(location.password.isSet(), !password.isEmpty());
    QVERIFY(!location.connectOptions.contains(u"password"_s));
}

QTEST_GUILESS_MAIN(TestStoreLocation)
#include "tst_storelocation.moc"
