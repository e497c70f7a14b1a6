// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The password-hash panel's model: every user's status across configurations, filtered by remembered toggles.
#include "passwordhashmodel.h"
#include "store/statestore.h"

#include <QAbstractItemModelTester>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

class TestPasswordHashModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void listsEveryUser();
    void problemsFirst();
    void togglesAreRemembered();
    void searches();

private:
    QStringList shownUsers(const QAbstractItemModel &model) const;

    QTemporaryDir m_dir;
    std::unique_ptr<StateStore> m_store;
};

void TestPasswordHashModel::initTestCase()
{
    QCoreApplication::setOrganizationName(u"updraft-tests"_s);
    QCoreApplication::setApplicationName(u"tst_passwordhashmodel"_s);
    m_store = std::make_unique<StateStore>(m_dir.filePath(u"state.sqlite"_s));
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto add = [&](const QString &config, const QString &uid, const QString &status,
                         const QString &reason) {
        qint64 id = 0;
        QString e;
        m_store->saveConfiguration(config, {}, &id, &e);
        PasswordHashState s;
        s.anchor = uid.toUpper();
        s.dn = u"uid=%1,ou=People,dc=%2"_s.arg(uid, config.section(u'.', 0, 0));
        s.status = status;
        s.reason = reason;
        s.firstSeen = now.addSecs(-3600);
        s.runId = 7;
        QVERIFY(m_store->savePasswordHash(id, s));
    };
    add(u"a.example"_s, u"ann"_s, u"synced"_s, {});
    add(u"a.example"_s, u"bob"_s, u"held"_s, {});
    add(u"a.example"_s, u"cem"_s, u"target-rejected"_s, u"password too weak"_s);
    add(u"b.example"_s, u"dan"_s, u"waiting"_s,
        u"waits for the user, who could not be provisioned: userName taken"_s);
    add(u"b.example"_s, u"eve"_s, u"synced"_s, {});
}

void TestPasswordHashModel::init()
{
    QSettings().clear();
}

QStringList TestPasswordHashModel::shownUsers(const QAbstractItemModel &model) const
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.index(row, PasswordHashModel::UserColumn).data().toString());
    return out;
}

void TestPasswordHashModel::listsEveryUser()
{
    PasswordHashModel model(*m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(shownUsers(model), (QStringList{u"ann"_s, u"bob"_s, u"cem"_s, u"dan"_s, u"eve"_s}));
    QCOMPARE(model.statusCounts().value(u"synced"_s), 2);
    const QModelIndex dan = model.index(3, PasswordHashModel::ExplanationColumn);
    QVERIFY2(dan.data().toString().contains(u"userName taken"_s), qPrintable(dan.data().toString()));
    QVERIFY(dan.data().toString().contains(u"(run 7)"_s));
    QCOMPARE(dan.data(PasswordHashModel::ConfigurationRole).toString(), u"b.example"_s);
    QVERIFY(model.index(2, 0).data(PasswordHashModel::CanRetryRole).toBool());
    QVERIFY(!model.index(1, 0).data(PasswordHashModel::CanRetryRole).toBool());
}

void TestPasswordHashModel::problemsFirst()
{
    PasswordHashModel model(*m_store);
    PasswordHashFilterProxy proxy(u"hashes/statuses"_s);
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.sort(PasswordHashModel::StatusColumn, Qt::AscendingOrder);
    // By default the synced users are hidden; problems come in the engine's order.
    QCOMPARE(shownUsers(proxy), (QStringList{u"cem"_s, u"dan"_s, u"bob"_s}));
}

void TestPasswordHashModel::togglesAreRemembered()
{
    PasswordHashModel model(*m_store);
    {
        PasswordHashFilterProxy proxy(u"hashes/statuses"_s);
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setStatusShown(u"held"_s, false);
        proxy.setStatusShown(u"synced"_s, true);
        proxy.sort(PasswordHashModel::UserColumn, Qt::AscendingOrder);
        QCOMPARE(shownUsers(proxy), (QStringList{u"ann"_s, u"cem"_s, u"dan"_s, u"eve"_s}));
    }
    PasswordHashFilterProxy again(u"hashes/statuses"_s);
    again.setSourceModel(&model);
    again.sort(PasswordHashModel::UserColumn, Qt::AscendingOrder);
    QCOMPARE(shownUsers(again), (QStringList{u"ann"_s, u"cem"_s, u"dan"_s, u"eve"_s}));
    QVERIFY(!again.statuses().contains(u"held"_s));
}

void TestPasswordHashModel::searches()
{
    PasswordHashModel model(*m_store);
    PasswordHashFilterProxy proxy(u"hashes/statuses"_s);
    proxy.setSourceModel(&model);
    proxy.setStatusShown(u"synced"_s, true);
    proxy.setText(u"too weak"_s); // in the explanation
    QCOMPARE(shownUsers(proxy), QStringList{u"cem"_s});
    proxy.setText(u"dc=b"_s); // in the DN
    proxy.sort(PasswordHashModel::UserColumn, Qt::AscendingOrder);
    QCOMPARE(shownUsers(proxy), (QStringList{u"dan"_s, u"eve"_s}));
    proxy.setText(u"A.EXAMPLE"_s); // the configuration, any case
    QCOMPARE(shownUsers(proxy).size(), 3);
}

QTEST_MAIN(TestPasswordHashModel)
#include "tst_passwordhashmodel.moc"
