// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httpexchange.h"

namespace Updraft {

// Reads one HTTP/1.1 response (RFC 9112) from bytes as they arrive: the status line, the header fields, and a
// body framed by Content-Length, by chunked transfer coding, or by the connection's close. Interim 1xx
// responses are skipped. Lines may end in CRLF or a bare LF (§2.2).
class HttpResponseParser
{
public:
    enum class State { Incomplete, Complete, Failed };
    static constexpr qsizetype MaxHeadBytes = 64 * 1024;

    explicit HttpResponseParser(qint64 maxBodyBytes)
        : m_maxBody(maxBodyBytes)
    {}

    State feed(QByteArrayView bytes);
    // The peer closed the connection: a body that runs to the close ends here; anything else is cut short.
    State finish();

    State state() const { return m_state; }
    bool receivedAny() const { return m_receivedAny; }
    int status() const { return m_status; }
    const HttpHeaders &headers() const { return m_headers; }
    QByteArray takeBody() { return std::exchange(m_body, {}); }
    // Why the response could not be read; `oversized` when only its size was the trouble.
    const QString &error() const { return m_error; }
    bool oversized() const { return m_oversized; }
    // The connection may carry another request: HTTP/1.1 without "Connection: close", nothing after the
    // response, and a body that did not run to the close.
    bool keepAlive() const;

private:
    enum class Phase {
        StatusLine,
        Headers,
        Body,
        ChunkSize,
        ChunkData,
        ChunkEnd,
        Trailers,
        UntilClose,
        Done
    };
    State parse();
    // What the buffer holds of the body or the current chunk, then `then` once it is all there; false: wait
    // for more bytes, or the answer failed.
    bool takeBody(Phase then);
    bool takeLine(QByteArrayView *line);
    bool statusLine(QByteArrayView line);
    bool header(QByteArrayView line);
    bool headersDone();
    bool appendBody(QByteArrayView bytes);
    State fail(const QString &error);

    qint64 m_maxBody;
    State m_state = State::Incomplete;
    Phase m_phase = Phase::StatusLine;
    QByteArray m_buffer;
    qsizetype m_pos = 0;  // where parsing goes on in m_buffer
    qsizetype m_scan = 0; // where the search for the end of a line goes on
    bool m_extra = false; // bytes came after the answer
    bool m_untilClose = false;
    qsizetype m_headBytes = 0;
    bool m_receivedAny = false;
    int m_minorVersion = 1;
    int m_status = 0;
    HttpHeaders m_headers;
    qint64 m_remaining = 0; // of the body or the current chunk
    QByteArray m_body;
    QString m_error;
    bool m_oversized = false;
};

} // namespace Updraft
