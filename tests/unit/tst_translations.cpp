// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The English translation the console and the CLI install: every string written with "%n …(s)" reads as a
// real singular and plural, and the messages the console shows most read as a person would write them.
#include "core/translations.h"

#include <QCoreApplication>
#include <QFile>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::Literals::StringLiterals;

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyPluralReads_data();
    void everyPluralReads();
    void sentences_data();
    void sentences();
};

void TestTranslations::initTestCase()
{
    QVERIFY(Updraft::installTranslations(*QCoreApplication::instance()));
}

void TestTranslations::everyPluralReads_data()
{
    QTest::addColumn<QByteArray>("context");
    QTest::addColumn<QByteArray>("source");
    QFile file(qEnvironmentVariable("UPDRAFT_SOURCE_DIR") + u"/resources/translations/updraft_en.ts"_s);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QXmlStreamReader xml(file.readAll());
    QByteArray context;
    bool numerus = false;
    int plurals = 0;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == u"name"_s) {
            context = xml.readElementText().toUtf8();
        } else if (xml.name() == u"message"_s) {
            numerus = xml.attributes().value(u"numerus"_s) == u"yes"_s;
        } else if (xml.name() == u"source"_s && numerus) {
            const QByteArray source = xml.readElementText().toUtf8();
            QTest::addRow("%s", source.left(60).constData()) << context << source;
            ++plurals;
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY2(plurals >= 40, "the .ts holds the console's plural strings");
}

void TestTranslations::everyPluralReads()
{
    QFETCH(QByteArray, context);
    QFETCH(QByteArray, source);
    for (const int n : {0, 1, 2, 1500}) {
        const QString text = QCoreApplication::translate(context.constData(), source.constData(), nullptr, n);
        QVERIFY2(!text.contains(u"(s)"_s) && !text.contains(u"(es)"_s), qPrintable(text));
    }
    QVERIFY(QCoreApplication::translate(context.constData(), source.constData(), nullptr, 1) !=
            QCoreApplication::translate(context.constData(), source.constData(), nullptr, 2));
}

void TestTranslations::sentences_data()
{
    QTest::addColumn<QByteArray>("context");
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<int>("n");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one failed object") << "Updraft::ConfigurationHealth"_ba
                                       << "%n object(s) could not be written in the last run."_ba << 1
                                       << u"1 object could not be written in the last run."_s;
    QTest::newRow("users with a hash problem")
        << "Updraft::ConfigurationHealth"_ba
        << "%n user(s) have a password hash problem."_ba << 1 << u"1 user has a password hash problem."_s;
    QTest::newRow("the last run") << "Updraft::RunCharts"_ba
                                  << "Last %n run(s): changes and duration"_ba << 1
                                  << u"The last run: changes and duration"_s;
    QTest::newRow("the last runs") << "Updraft::RunCharts"_ba
                                   << "Last %n run(s): changes and duration"_ba << 30
                                   << u"The last 30 runs: changes and duration"_s;
    QTest::newRow("users in a subtree, grouped digits")
        << "Updraft::OuTreeModel"_ba
        << "%Ln user(s) in this subtree"_ba << 12000
        << QLocale().toString(12000) + u" users in this subtree"_s;
}

void TestTranslations::sentences()
{
    QFETCH(QByteArray, context);
    QFETCH(QByteArray, source);
    QFETCH(int, n);
    QFETCH(QString, expected);
    QCOMPARE(QCoreApplication::translate(context.constData(), source.constData(), nullptr, n), expected);
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
