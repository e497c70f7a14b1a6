// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "target/scim/retrypolicy.h"

#include <QTest>

#include <ctime>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;
using Ms = RetryPolicy::Ms;

namespace {

// 2015-10-21 07:28:00 UTC, a Wednesday.
const QDateTime Now(QDate(2015, 10, 21), QTime(7, 28, 0), Qt::UTC);

// Sets TZ for the lifetime of the object, so local-time handling can be checked.
class TimeZoneOverride
{
public:
    explicit TimeZoneOverride(const QByteArray &tz)
        : m_had(qEnvironmentVariableIsSet("TZ"))
        , m_old(qgetenv("TZ"))
    {
        qputenv("TZ", tz);
        tzset();
    }
    ~TimeZoneOverride()
    {
        if (m_had)
            qputenv("TZ", m_old);
        else
            qunsetenv("TZ");
        tzset();
    }

private:
    bool m_had;
    QByteArray m_old;
};

} // namespace

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isRetryableStatus_data();
    void isRetryableStatus();
    void backoff_data();
    void backoff();
    void givesUp_data();
    void givesUp();
    void parseRetryAfter_data();
    void parseRetryAfter();
    void retryAfterIgnoresLocalTimeZone_data();
    void retryAfterIgnoresLocalTimeZone();
    void retryAfterHonoured_data();
    void retryAfterHonoured();
};

void TestRetryPolicy::isRetryableStatus_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("retryable");

    for (int s : {408, 429, 500, 502, 503, 504})
        QTest::addRow("%d", s) << s << true;
    for (int s : {200, 201, 204, 400, 401, 403, 404, 409, 412, 501, 505})
        QTest::addRow("%d", s) << s << false;
}

void TestRetryPolicy::isRetryableStatus()
{
    QFETCH(int, status);
    QFETCH(bool, retryable);
    QCOMPARE(RetryPolicy::isRetryableStatus(status), retryable);
}

void TestRetryPolicy::backoff_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<int>("status");
    QTest::addColumn<qint64>("low");  // inclusive
    QTest::addColumn<qint64>("high"); // inclusive: base * 2^(attempt-1), capped, plus up to 20 % jitter

    // RetryPolicy(10, 500 ms, 30 s)
    QTest::newRow("1st, 500") << 1 << 500 << qint64(500) << qint64(600);
    QTest::newRow("2nd, 502") << 2 << 502 << qint64(1000) << qint64(1200);
    QTest::newRow("3rd, 504") << 3 << 504 << qint64(2000) << qint64(2400);
    QTest::newRow("4th, 408") << 4 << 408 << qint64(4000) << qint64(4800);
    QTest::newRow("6th") << 6 << 500 << qint64(16000) << qint64(19200);
    QTest::newRow("7th reaches the cap") << 7 << 500 << qint64(30000) << qint64(36000);
    QTest::newRow("9th stays at the cap") << 9 << 500 << qint64(30000) << qint64(36000);
    QTest::newRow("network error") << 2 << 0 << qint64(1000) << qint64(1200);
    QTest::newRow("429 without Retry-After") << 1 << 429 << qint64(500) << qint64(600);
}

void TestRetryPolicy::backoff()
{
    QFETCH(int, attempt);
    QFETCH(int, status);
    QFETCH(qint64, low);
    QFETCH(qint64, high);
    const RetryPolicy policy(10, Ms(500), Ms(30000));
    QSet<qint64> seen;
    for (int i = 0; i < 200; ++i) {
        const auto delay = policy.nextDelay(attempt, status, true, {}, Now);
        QVERIFY(delay);
        QVERIFY2(delay->count() >= low && delay->count() <= high,
                 qPrintable(QString::number(delay->count())));
        seen.insert(delay->count());
    }
    QVERIFY2(seen.size() > 1, "no jitter: parallel requests would retry in lockstep");
}

void TestRetryPolicy::givesUp_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("transient");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<bool>("retried");

    QTest::newRow("5th of 6") << 5 << 500 << false << QByteArray() << true;
    QTest::newRow("6th of 6") << 6 << 500 << false << QByteArray() << false;
    QTest::newRow("beyond the maximum") << 9 << 503 << false << QByteArray() << false;
    QTest::newRow("429 at the maximum, even with Retry-After")
        << 6 << 429 << false << QByteArray("1") << false;
    QTest::newRow("400") << 1 << 400 << false << QByteArray() << false;
    QTest::newRow("401") << 1 << 401 << false << QByteArray() << false;
    QTest::newRow("404") << 1 << 404 << false << QByteArray() << false;
    QTest::newRow("409") << 1 << 409 << false << QByteArray() << false;
    QTest::newRow("400 with Retry-After") << 1 << 400 << false << QByteArray("1") << false;
    QTest::newRow("transient network error") << 1 << 0 << true << QByteArray() << true;
    QTest::newRow("permanent network error") << 1 << 0 << false << QByteArray() << false;
}

void TestRetryPolicy::givesUp()
{
    QFETCH(int, attempt);
    QFETCH(int, status);
    QFETCH(bool, transient);
    QFETCH(QByteArray, retryAfter);
    QFETCH(bool, retried);
    const RetryPolicy policy(6);
    QCOMPARE(policy.maxAttempts(), 6);
    QCOMPARE(policy.nextDelay(attempt, status, transient, retryAfter, Now).has_value(), retried);
}

void TestRetryPolicy::parseRetryAfter_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<qint64>("expected"); // ms; -1 for none

    QTest::newRow("seconds") << QByteArray("5") << Now << qint64(5000);
    QTest::newRow("zero") << QByteArray("0") << Now << qint64(0);
    QTest::newRow("long") << QByteArray("3600") << Now << qint64(3600000);
    QTest::newRow("blanks") << QByteArray(" 7 ") << Now << qint64(7000);
    QTest::newRow("negative") << QByteArray("-5") << Now << qint64(-1);
    QTest::newRow("fraction") << QByteArray("1.5") << Now << qint64(-1);
    QTest::newRow("empty") << QByteArray() << Now << qint64(-1);
    QTest::newRow("garbage") << QByteArray("soon") << Now << qint64(-1);
    QTest::newRow("HTTP-date in 30 s") << QByteArray("Wed, 21 Oct 2015 07:28:30 GMT") << Now << qint64(30000);
    QTest::newRow("HTTP-date next day")
        << QByteArray("Thu, 22 Oct 2015 07:28:00 GMT") << Now << qint64(86400000);
    QTest::newRow("HTTP-date in the past") << QByteArray("Wed, 21 Oct 2015 07:27:00 GMT") << Now << qint64(0);
    QTest::newRow("HTTP-date, now in another offset")
        << QByteArray("Wed, 21 Oct 2015 07:28:30 GMT")
        << QDateTime(QDate(2015, 10, 21), QTime(9, 28), Qt::OffsetFromUTC, 7200) << qint64(30000);
    QTest::newRow("HTTP-date, now in local time")
        << QByteArray("Wed, 21 Oct 2015 07:28:30 GMT") << Now.toLocalTime() << qint64(30000);
    // RFC 9110 §5.6.7: a recipient MUST accept the two obsolete HTTP-date formats as well.
    QTest::newRow("obsolete RFC 850 date")
        << QByteArray("Wednesday, 21-Oct-15 07:28:30 GMT") << Now << qint64(30000);
    QTest::newRow("obsolete asctime date") << QByteArray("Wed Oct 21 07:28:30 2015") << Now << qint64(30000);
    QTest::newRow("HTTP-date without zone") << QByteArray("Wed, 21 Oct 2015 07:28:30") << Now << qint64(-1);
}

void TestRetryPolicy::parseRetryAfter()
{
    QFETCH(QByteArray, value);
    QFETCH(QDateTime, now);
    QFETCH(qint64, expected);
    const auto parsed = RetryPolicy::parseRetryAfter(value, now);
    QCOMPARE(parsed ? parsed->count() : qint64(-1), expected);
}

void TestRetryPolicy::retryAfterIgnoresLocalTimeZone_data()
{
    QTest::addColumn<QByteArray>("tz");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<qint64>("expected");

    QTest::newRow("UTC") << QByteArray("UTC") << QByteArray("Sun, 08 Mar 2015 02:30:10 GMT")
                         << QDateTime(QDate(2015, 3, 8), QTime(2, 30), Qt::UTC) << qint64(10000);
    QTest::newRow("Berlin") << QByteArray("Europe/Berlin") << QByteArray("Sun, 08 Mar 2015 02:30:10 GMT")
                            << QDateTime(QDate(2015, 3, 8), QTime(2, 30), Qt::UTC) << qint64(10000);
    QTest::newRow("New York, repeated hour")
        << QByteArray("America/New_York") << QByteArray("Sun, 01 Nov 2015 01:30:10 GMT")
        << QDateTime(QDate(2015, 11, 1), QTime(1, 30), Qt::UTC) << qint64(10000);
    // 02:30 on 8 March 2015 does not exist as New York local time (clocks jumped from 02:00 to 03:00).
    QTest::newRow("New York, skipped hour")
        << QByteArray("America/New_York") << QByteArray("Sun, 08 Mar 2015 02:30:10 GMT")
        << QDateTime(QDate(2015, 3, 8), QTime(2, 30), Qt::UTC) << qint64(10000);
}

void TestRetryPolicy::retryAfterIgnoresLocalTimeZone()
{
    QFETCH(QByteArray, tz);
    QFETCH(QByteArray, value);
    QFETCH(QDateTime, now);
    QFETCH(qint64, expected);
    const TimeZoneOverride zone(tz);
    const auto parsed = RetryPolicy::parseRetryAfter(value, now);
    QCOMPARE(parsed ? parsed->count() : qint64(-1), expected);
}

void TestRetryPolicy::retryAfterHonoured_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<qint64>("low");
    QTest::addColumn<qint64>("high");

    QTest::newRow("429 seconds") << 429 << QByteArray("5") << qint64(5000) << qint64(5000);
    QTest::newRow("503 seconds") << 503 << QByteArray("2") << qint64(2000) << qint64(2000);
    QTest::newRow("429 beyond the cap") << 429 << QByteArray("120") << qint64(120000) << qint64(120000);
    QTest::newRow("429 zero") << 429 << QByteArray("0") << qint64(0) << qint64(0);
    QTest::newRow("503 HTTP-date") << 503 << QByteArray("Wed, 21 Oct 2015 07:28:45 GMT") << qint64(45000)
                                   << qint64(45000);
    QTest::newRow("429 HTTP-date past")
        << 429 << QByteArray("Wed, 21 Oct 2015 07:00:00 GMT") << qint64(0) << qint64(0);
    QTest::newRow("429 unparsable falls back") << 429 << QByteArray("soon") << qint64(1000) << qint64(1200);
    QTest::newRow("500 ignores Retry-After") << 500 << QByteArray("5") << qint64(1000) << qint64(1200);
    QTest::newRow("502 ignores Retry-After") << 502 << QByteArray("5") << qint64(1000) << qint64(1200);
}

void TestRetryPolicy::retryAfterHonoured()
{
    QFETCH(int, status);
    QFETCH(QByteArray, retryAfter);
    QFETCH(qint64, low);
    QFETCH(qint64, high);
    const RetryPolicy policy(6, Ms(500), Ms(30000));
    const auto delay = policy.nextDelay(2, status, false, retryAfter, Now);
    QVERIFY(delay);
    QVERIFY2(delay->count() >= low && delay->count() <= high, qPrintable(QString::number(delay->count())));
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
