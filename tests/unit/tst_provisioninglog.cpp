// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Entra's provisioning log entries (provisioningObjectSummary) read as what became of each record sent.
#include "target/entra/provisioninglog.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

class TestProvisioningLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void entry_data();
    void entry();
    void query();
};

void TestProvisioningLog::entry_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("anchor"); // empty: the entry is not read as a result
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QStringList>("messageHas");

    const auto entry = [](const QString &action, const QString &status, const QString &extra = {}) {
        return uR"({"id": "e1", "activityDateTime": "2026-12-05T10:00:00.123Z", "jobId": "API2AAD.x",
            "provisioningAction": "%1", "provisioningStatusInfo": {"status": "%2"%3},
            "sourceIdentity": {"id": "QUJDRA==", "displayName": "Ada"},
            "targetIdentity": {"id": "0f1e-obj", "identityType": "User"}})"_s.arg(action, status, extra);
    };
    QTest::newRow("created") << entry(u"create"_s, u"success"_s) << u"QUJDRA=="_s << u"success"_s
                             << u"create"_s << QStringList{u"created in Entra"_s};
    QTest::newRow("updated") << entry(u"update"_s, u"success"_s) << u"QUJDRA=="_s << u"success"_s
                             << u"update"_s << QStringList{u"updated in Entra"_s};
    QTest::newRow("disabled") << entry(u"disable"_s, u"success"_s) << u"QUJDRA=="_s << u"success"_s
                              << u"disable"_s << QStringList{u"disabled in Entra"_s};
    QTest::newRow("failed with its reason")
        << entry(
               u"create"_s, u"failure"_s,
               uR"(, "errorInformation": {"errorCode": "InvalidDomain", "reason": "The domain is not verified.",
                     "additionalDetails": "unverified.example"})"_s)
        << u"QUJDRA=="_s << u"failed"_s << u"create"_s
        << QStringList{u"InvalidDomain"_s, u"The domain is not verified."_s, u"unverified.example"_s,
                       u"sent again"_s};
    QTest::newRow("skipped, reason in the steps")
        << uR"({"activityDateTime": "2026-12-05T10:00:00Z", "provisioningAction": "other",
               "provisioningStatusInfo": {"status": "skipped", "errorInformation": null},
               "sourceIdentity": {"id": "A2"},
               "provisioningSteps": [{"name": "EntryImport", "status": "success", "description": "read"},
                                     {"name": "EntrySynchronizationSkip", "status": "skipped",
                                      "description": "The user has no changes", "details": {"SkipReason": "NoChange"}}]})"_s
        << u"A2"_s << u"skipped"_s << u"other"_s << QStringList{u"The user has no changes (NoChange)"_s};
    QTest::newRow("success with a manager not resolved")
        << uR"({"activityDateTime": "2026-12-05T10:00:00Z", "provisioningAction": "create",
               "provisioningStatusInfo": {"status": "success"}, "sourceIdentity": {"id": "A3"},
               "provisioningSteps": [{"name": "EntrySynchronizationSkip", "status": "skipped",
                    "description": "manager not found",
                    "details": {"SkipReason": "UnableToResolveReferenceAttributeValue"}}]})"_s
        << u"A3"_s << u"success"_s << u"create"_s
        << QStringList{u"created in Entra"_s, u"UnableToResolveReferenceAttributeValue"_s};
    QTest::newRow("unknown status is never success")
        << entry(u"create"_s, u"somethingNew"_s) << u"QUJDRA=="_s << u"failed"_s << u"create"_s
        << QStringList{u"no reason given"_s};
    QTest::newRow("no source identity")
        << uR"({"provisioningAction": "create"})"_s << QString() << QString() << QString() << QStringList();
}

void TestProvisioningLog::entry()
{
    QFETCH(QString, json);
    QFETCH(QString, anchor);
    QFETCH(QString, outcome);
    QFETCH(QString, action);
    QFETCH(QStringList, messageHas);
    const auto r = Entra::readProvisioningLogEntry(QJsonDocument::fromJson(json.toUtf8()).object());
    if (anchor.isEmpty()) {
        QVERIFY(!r);
        return;
    }
    QVERIFY(r);
    QCOMPARE(r->anchor, anchor);
    QCOMPARE(r->outcome, outcome);
    QCOMPARE(r->action, action);
    QVERIFY(r->at.isValid());
    for (const QString &part : messageHas)
        QVERIFY2(r->message.contains(part), qPrintable(r->message));
}

void TestProvisioningLog::query()
{
    const QUrlQuery q = Entra::provisioningLogQuery(
        u"API2AAD.it's"_s, QDateTime(QDate(2026, 12, 5), QTime(9, 15), Qt::UTC), 1000);
    QCOMPARE(q.queryItemValue(u"$filter"_s, QUrl::FullyDecoded),
             u"jobId eq 'API2AAD.it''s' and activityDateTime ge 2026-12-05T09:15:00Z"_s);
    QCOMPARE(q.queryItemValue(u"$top"_s), u"1000"_s);
    QCOMPARE(Entra::provisioningLogQuery(u"j"_s, {}, 50).queryItemValue(u"$filter"_s, QUrl::FullyDecoded),
             u"jobId eq 'j'"_s);
}

QTEST_GUILESS_MAIN(TestProvisioningLog)
#include "tst_provisioninglog.moc"
