// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "retrypolicy.h"

#include <QLocale>
#include <QRandomGenerator>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

RetryPolicy::RetryPolicy(int maxAttempts, Ms base, Ms cap)
    : m_maxAttempts(maxAttempts)
    , m_base(base)
    , m_cap(cap)
{}

bool RetryPolicy::isRetryableStatus(int status)
{
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

std::optional<RetryPolicy::Ms> RetryPolicy::parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = v.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? std::nullopt : std::optional<Ms>(Ms(seconds * 1000));
    // An HTTP-date (RFC 9110 5.6.7): IMF-fixdate, and the obsolete RFC 850 and asctime forms a recipient must
    // accept. Date and time are parsed apart and joined in UTC, so the local time zone (and its DST gaps)
    // play no part.
    static const QRegularExpression forms[] = {
        QRegularExpression(uR"(^[A-Za-z]{3}, (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}:\d{2}:\d{2}) GMT$)"_s),
        QRegularExpression(uR"(^[A-Za-z]+, (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}:\d{2}:\d{2}) GMT$)"_s),
        QRegularExpression(uR"(^[A-Za-z]{3} ([A-Za-z]{3}) ([ \d]\d) (\d{2}:\d{2}:\d{2}) (\d{4})$)"_s),
    };
    const QString text = QString::fromLatin1(v);
    QString day, month, year, time;
    if (const auto m = forms[0].match(text); m.hasMatch()) {
        day = m.captured(1), month = m.captured(2), year = m.captured(3), time = m.captured(4);
    } else if (const auto m1 = forms[1].match(text); m1.hasMatch()) {
        // Two-digit years: RFC 9110 says to read a year more than 50 years ahead as the past century.
        const int yy = m1.captured(3).toInt();
        const int century = now.date().year() / 100 * 100;
        const int y = century + yy > now.date().year() + 50 ? century - 100 + yy : century + yy;
        day = m1.captured(1), month = m1.captured(2), year = QString::number(y), time = m1.captured(4);
    } else if (const auto m2 = forms[2].match(text); m2.hasMatch()) {
        month = m2.captured(1), day = m2.captured(2).trimmed(), time = m2.captured(3), year = m2.captured(4);
    } else {
        return std::nullopt;
    }
    static const QStringList months{u"Jan"_s, u"Feb"_s, u"Mar"_s, u"Apr"_s, u"May"_s, u"Jun"_s,
                                    u"Jul"_s, u"Aug"_s, u"Sep"_s, u"Oct"_s, u"Nov"_s, u"Dec"_s};
    const QDate date(year.toInt(), int(months.indexOf(month)) + 1, day.toInt());
    const QTime clock = QTime::fromString(time, u"HH:mm:ss"_s);
    if (!date.isValid() || !clock.isValid())
        return std::nullopt;
    const QDateTime when(date, clock, Qt::UTC);
    return Ms(std::max<qint64>(0, now.msecsTo(when)));
}

std::optional<RetryPolicy::Ms> RetryPolicy::nextDelay(int attempt, int status, bool transientNetworkError,
                                                      const QByteArray &retryAfter,
                                                      const QDateTime &now) const
{
    if (attempt >= m_maxAttempts)
        return std::nullopt;
    if (status == 0 ? !transientNetworkError : !isRetryableStatus(status))
        return std::nullopt;
    if (status == 429 || status == 503)
        if (const auto asked = parseRetryAfter(retryAfter, now))
            return std::min(*asked, Ms(3600 * 1000)); // at most an hour: a later date is a broken header
    const qint64 exponential = m_base.count() << std::min(attempt - 1, 16);
    const qint64 capped = std::min<qint64>(exponential, m_cap.count());
    // Up to 20 % jitter so parallel requests do not retry in lockstep.
    const qint64 jitter = capped > 5 ? QRandomGenerator::global()->bounded(capped / 5) : 0;
    return Ms(capped + jitter);
}

bool RetryPolicy::isTransient(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // the transfer timeout
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownNetworkError:
        return true;
    default:
        return false;
    }
}

} // namespace Updraft
