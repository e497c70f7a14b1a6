// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpresponseparser.h"

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

// The comma-separated items of a header field's value, trimmed.
QList<QByteArrayView> items(QByteArrayView list)
{
    QList<QByteArrayView> result;
    while (!list.isEmpty()) {
        const qsizetype comma = list.indexOf(',');
        result.append((comma < 0 ? list : list.first(comma)).trimmed());
        list = comma < 0 ? QByteArrayView() : list.sliced(comma + 1);
    }
    return result;
}

bool containsToken(QByteArrayView list, QByteArrayView token)
{
    for (QByteArrayView item : items(list))
        if (item.compare(token, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

// The start of what a peer sent, to quote in a message.
QString excerpt(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes.first(std::min<qsizetype>(bytes.size(), 40))).simplified();
}

} // namespace

QByteArray headerValue(const HttpHeaders &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

HttpResponseParser::State HttpResponseParser::feed(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return m_state;
    if (m_state != State::Incomplete) {
        m_extra = true; // bytes past the answer: the connection is out of step
        return m_state;
    }
    m_receivedAny = true;
    if (m_phase == Phase::Body && m_pos == m_buffer.size()) {
        // The common case, a body under way: no copy through the buffer.
        const QByteArrayView part = bytes.first(std::min<qint64>(bytes.size(), m_remaining));
        if (!appendBody(part))
            return m_state;
        m_remaining -= part.size();
        bytes = bytes.sliced(part.size());
        if (m_remaining == 0)
            m_phase = Phase::Done;
        if (bytes.isEmpty())
            return m_phase == Phase::Done ? m_state = State::Complete : m_state;
    }
    m_buffer.append(bytes);
    parse();
    m_buffer.remove(0, m_pos);
    m_scan = std::max<qsizetype>(0, m_scan - m_pos);
    m_pos = 0;
    const bool inLine =
        m_phase == Phase::ChunkSize || m_phase == Phase::ChunkEnd || m_phase == Phase::Trailers;
    if (m_state == State::Incomplete && inLine && m_buffer.size() > MaxHeadBytes)
        return fail(u"a chunk line longer than 64 KiB"_s);
    return m_state;
}

HttpResponseParser::State HttpResponseParser::finish()
{
    if (m_state != State::Incomplete)
        return m_state;
    if (m_phase == Phase::UntilClose) {
        m_phase = Phase::Done;
        return m_state = State::Complete;
    }
    return fail(m_receivedAny ? u"the connection closed before the answer was complete"_s
                              : u"the connection closed without an answer"_s);
}

bool HttpResponseParser::keepAlive() const
{
    if (m_state != State::Complete || m_extra || m_untilClose || m_pos != m_buffer.size())
        return false;
    const QByteArray connection = headerValue(m_headers, "Connection");
    if (containsToken(connection, "close"))
        return false;
    return m_minorVersion >= 1 || containsToken(connection, "keep-alive");
}

HttpResponseParser::State HttpResponseParser::parse()
{
    QByteArrayView line;
    while (m_state == State::Incomplete) {
        switch (m_phase) {
        case Phase::StatusLine:
        case Phase::Headers:
            if (!takeLine(&line))
                return m_buffer.size() - m_pos > MaxHeadBytes ? fail(u"header fields larger than 64 KiB"_s)
                                                              : m_state;
            if (m_headBytes > MaxHeadBytes)
                return fail(u"header fields larger than 64 KiB"_s);
            if (m_phase == Phase::StatusLine ? !statusLine(line) : !header(line))
                return m_state;
            break;
        case Phase::Body:
            if (!takeBody(Phase::Done))
                return m_state;
            break;
        case Phase::ChunkSize: {
            if (!takeLine(&line))
                return m_state;
            if (const qsizetype semicolon = line.indexOf(';'); semicolon >= 0)
                line = line.first(semicolon); // chunk extensions mean nothing here
            bool ok = false;
            const QByteArrayView digits = line.trimmed();
            m_remaining = digits.size() <= 15 ? digits.toLongLong(&ok, 16) : 0;
            if (!ok || m_remaining < 0 || digits.startsWith('-') || digits.startsWith('+'))
                return fail(u"a chunk size that is not a hexadecimal number: %1"_s.arg(excerpt(digits)));
            m_phase = m_remaining == 0 ? Phase::Trailers : Phase::ChunkData;
            break;
        }
        case Phase::ChunkData:
            if (!takeBody(Phase::ChunkEnd))
                return m_state;
            break;
        case Phase::ChunkEnd:
            if (!takeLine(&line))
                return m_state;
            if (!line.isEmpty())
                return fail(u"a chunk longer than its size"_s);
            m_phase = Phase::ChunkSize;
            break;
        case Phase::Trailers:
            if (!takeLine(&line))
                return m_state;
            if (line.isEmpty())
                m_phase = Phase::Done;
            break;
        case Phase::UntilClose:
            if (!appendBody(QByteArrayView(m_buffer).sliced(m_pos)))
                return m_state;
            m_pos = m_buffer.size();
            return m_state;
        case Phase::Done:
            return m_state = State::Complete;
        }
    }
    return m_state;
}

bool HttpResponseParser::takeBody(Phase then)
{
    const qint64 n = std::min<qint64>(m_remaining, m_buffer.size() - m_pos);
    if (n == 0 && m_remaining > 0)
        return false;
    if (!appendBody(QByteArrayView(m_buffer).sliced(m_pos, n)))
        return false;
    m_pos += n;
    m_remaining -= n;
    if (m_remaining == 0)
        m_phase = then;
    return true;
}

bool HttpResponseParser::takeLine(QByteArrayView *line)
{
    const qsizetype newline = m_buffer.indexOf('\n', std::max(m_pos, m_scan));
    if (newline < 0) {
        m_scan = m_buffer.size(); // a line that drips in is searched once, not once per byte
        return false;
    }
    m_scan = 0;
    QByteArrayView l = QByteArrayView(m_buffer).sliced(m_pos, newline - m_pos);
    if (l.endsWith('\r'))
        l.chop(1);
    if (m_phase == Phase::StatusLine || m_phase == Phase::Headers)
        m_headBytes += newline + 1 - m_pos;
    m_pos = newline + 1;
    *line = l;
    return true;
}

bool HttpResponseParser::statusLine(QByteArrayView line)
{
    if (line.isEmpty()) // §2.2: empty lines before the status line are ignored
        return true;
    // HTTP-version SP status-code SP [reason-phrase]
    const bool shaped = line.size() >= 12 && line.startsWith("HTTP/1.") && line[7] >= '0' && line[7] <= '9' &&
                        line[8] == ' ' && (line.size() == 12 || line[12] == ' ');
    bool ok = false;
    const int status = shaped ? line.sliced(9, 3).toInt(&ok) : 0;
    if (!ok || status < 100) {
        fail(u"not an HTTP/1.1 response: %1"_s.arg(excerpt(line)));
        return false;
    }
    m_minorVersion = line[7] - '0';
    m_status = status;
    m_headers.clear();
    m_phase = Phase::Headers;
    return true;
}

bool HttpResponseParser::header(QByteArrayView line)
{
    if (line.isEmpty())
        return headersDone();
    if ((line.front() == ' ' || line.front() == '\t') && !m_headers.isEmpty()) {
        // obs-fold (§5.2): the line continues the previous field's value
        m_headers.last().second += ' ' + line.trimmed().toByteArray();
        return true;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || line.first(colon).contains(' ') || line.first(colon).contains('\t')) {
        fail(u"a header line that is not a field: %1"_s.arg(excerpt(line)));
        return false;
    }
    m_headers.emplaceBack(line.first(colon).toByteArray(), line.sliced(colon + 1).trimmed().toByteArray());
    return true;
}

bool HttpResponseParser::headersDone()
{
    m_headBytes = 0;
    if (m_status < 200) { // 1xx: an interim answer; the final one follows
        m_phase = Phase::StatusLine;
        return true;
    }
    if (m_status == 204 || m_status == 304) {
        m_phase = Phase::Done;
        return true;
    }
    const QByteArray coding = headerValue(m_headers, "Transfer-Encoding");
    if (!coding.isNull()) {
        if (!coding.trimmed().toLower().endsWith("chunked")) {
            fail(u"a transfer coding this client does not read: %1"_s.arg(excerpt(coding)));
            return false;
        }
        m_phase = Phase::ChunkSize;
        return true;
    }
    const QByteArray length = headerValue(m_headers, "Content-Length");
    if (length.isNull()) {
        m_phase = Phase::UntilClose;
        m_untilClose = true;
        return true;
    }
    // "5, 5" is allowed (§6.3); different values, or anything not digits, is not.
    qint64 value = -1;
    for (QByteArrayView digits : items(length)) {
        bool ok = false;
        const qint64 v = digits.size() <= 18 ? digits.toLongLong(&ok) : -1;
        if (!ok || v < 0 || digits.startsWith('+') || (value >= 0 && v != value)) {
            fail(u"a Content-Length that is not one number: %1"_s.arg(excerpt(length)));
            return false;
        }
        value = v;
    }
    if (value > m_maxBody) {
        m_oversized = true;
        fail(u"an answer larger than %1 MiB"_s.arg(m_maxBody >> 20));
        return false;
    }
    m_body.reserve(value);
    m_remaining = value;
    m_phase = value == 0 ? Phase::Done : Phase::Body;
    return true;
}

bool HttpResponseParser::appendBody(QByteArrayView bytes)
{
    if (m_body.size() + bytes.size() > m_maxBody) {
        m_oversized = true;
        fail(u"an answer larger than %1 MiB"_s.arg(m_maxBody >> 20));
        return false;
    }
    m_body.append(bytes);
    return true;
}

HttpResponseParser::State HttpResponseParser::fail(const QString &error)
{
    m_error = error;
    m_body.clear();
    return m_state = State::Failed;
}

} // namespace Updraft
