// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ldapfilter.h"

#include <QList>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Ldap {

namespace {

bool isAlpha(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isKeyChar(QChar c)
{
    return isAlpha(c) || isDigit(c) || c == u'-';
}

bool isHex(QChar c)
{
    return isDigit(c) || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

// Recursive descent over RFC 4515's grammar. Each rule consumes what it accepts or records the first problem
// and returns false; nothing is built.
class FilterChecker
{
public:
    explicit FilterChecker(QStringView text)
        : m_text(text)
    {}

    FilterCheck run()
    {
        if (m_text.isEmpty())
            return {false, 1, u"Filter: empty; write one such as (departmentNumber=Sales)"_s};
        if (!peek(u'(')) {
            if (!m_text.contains(u'(') && !m_text.contains(u')'))
                fail(
                    0,
                    u"Filter: missing \"(\" at position %1: a filter is enclosed in parentheses, as in (%2)"_s,
                    m_text.toString());
            else
                fail(0, u"Filter: expected \"(\" at position %1"_s);
            return m_result;
        }
        if (!filter())
            return m_result;
        if (m_pos < m_text.size()) {
            if (peek(u')'))
                fail(m_pos, u"Filter: unbalanced parenthesis at position %1 (a \")\" without its \"(\")"_s);
            else
                fail(m_pos, u"Filter: unexpected text after the filter at position %1"_s);
        }
        return m_result;
    }

private:
    static constexpr int MaxDepth = 100;

    bool filter()
    {
        if (m_open.size() >= MaxDepth)
            return fail(m_pos, u"Filter: nested more than %2 levels deep at position %1"_s,
                        QString::number(MaxDepth));
        m_open.append(m_pos++);
        if (atEnd())
            return unclosed();
        bool ok = false;
        if (peek(u'&') || peek(u'|'))
            ok = filterList();
        else if (peek(u'!'))
            ok = negation();
        else if (peek(u')'))
            return fail(m_open.last(), u"Filter: empty parentheses at position %1"_s);
        else
            ok = item();
        if (!ok)
            return false;
        if (atEnd())
            return unclosed();
        if (!peek(u')'))
            return fail(m_pos, u"Filter: expected \")\" at position %1"_s);
        ++m_pos;
        m_open.removeLast();
        return true;
    }

    bool filterList()
    {
        const QChar op = m_text[m_pos++];
        int count = 0;
        while (peek(u'(')) {
            if (!filter())
                return false;
            ++count;
        }
        if (atEnd())
            return unclosed();
        if (!peek(u')'))
            return fail(m_pos, u"Filter: expected \"(\" or \")\" at position %1"_s);
        if (count == 0)
            return fail(m_pos - 1,
                        u"Filter: \"%2\" at position %1 needs at least one filter in parentheses "
                        u"after it"_s,
                        QString(op));
        return true;
    }

    bool negation()
    {
        ++m_pos;
        if (atEnd())
            return unclosed();
        if (!peek(u'('))
            return fail(m_pos, u"Filter: expected \"(\" after \"!\" at position %1"_s);
        if (!filter())
            return false;
        if (peek(u'('))
            return fail(m_pos, u"Filter: \"!\" takes one filter; another begins at position %1"_s);
        return true;
    }

    bool item()
    {
        const qsizetype start = m_pos;
        const bool hasAttribute = !peek(u':');
        if (hasAttribute) {
            if (!isKeyChar(m_text[m_pos]))
                return fail(m_pos, u"Filter: attribute name expected at position %1"_s);
            if (!attributeDescription())
                return false;
        }
        if (atEnd())
            return unclosed();
        if (peek(u':'))
            return extensible(start, hasAttribute);
        if (take(u'='))
            return value(true);
        if ((peek(u'~') || peek(u'>') || peek(u'<')) && m_pos + 1 < m_text.size() &&
            m_text[m_pos + 1] == u'=') {
            m_pos += 2;
            return value(false);
        }
        if (peek(u')') || peek(u'~') || peek(u'>') || peek(u'<'))
            return fail(m_pos, u"Filter: \"=\" missing at position %1"_s);
        return fail(m_pos, u"Filter: invalid character \"%2\" in the attribute name at position %1"_s,
                    QString(m_text[m_pos]));
    }

    // attr [":dn"] [":" rule] ":=" value, or [":dn"] ":" rule ":=" value (RFC 4515 extensible match).
    bool extensible(qsizetype start, bool hasAttribute)
    {
        if (m_text.mid(m_pos).startsWith(u":dn:", Qt::CaseInsensitive))
            m_pos += 3;
        bool hasRule = false;
        if (peek(u':') && !(m_pos + 1 < m_text.size() && m_text[m_pos + 1] == u'=')) {
            ++m_pos;
            if (atEnd() || !isKeyChar(m_text[m_pos]))
                return fail(m_pos, u"Filter: matching rule expected at position %1"_s);
            if (!oid())
                return false;
            hasRule = true;
        }
        if (!m_text.mid(m_pos).startsWith(u":="))
            return fail(m_pos, u"Filter: expected \":=\" at position %1"_s);
        if (!hasAttribute && !hasRule)
            return fail(start,
                        u"Filter: an extensible match without an attribute needs a matching rule, as in "
                        u"(:caseExactMatch:=Sales), at position %1"_s);
        m_pos += 2;
        return value(false);
    }

    bool attributeDescription()
    {
        if (!oid())
            return false;
        while (take(u';')) {
            const qsizetype start = m_pos;
            while (!atEnd() && isKeyChar(m_text[m_pos]))
                ++m_pos;
            if (m_pos == start)
                return fail(m_pos, u"Filter: attribute option expected after \";\" at position %1"_s);
        }
        return true;
    }

    // A name (letter first, then letters, digits and "-") or a numeric OID such as 2.5.4.3.
    bool oid()
    {
        const qsizetype start = m_pos;
        if (isAlpha(m_text[m_pos])) {
            while (!atEnd() && isKeyChar(m_text[m_pos]))
                ++m_pos;
            return true;
        }
        int numbers = 0;
        do {
            if (atEnd() || !isDigit(m_text[m_pos]))
                return fail(m_pos, u"Filter: digit expected in the numeric OID at position %1"_s);
            while (!atEnd() && isDigit(m_text[m_pos]))
                ++m_pos;
            ++numbers;
        } while (take(u'.'));
        if (numbers < 2 || (!atEnd() && isKeyChar(m_text[m_pos])))
            return fail(start,
                        u"Filter: the name at position %1 must start with a letter, or be a numeric OID "
                        u"such as 2.5.4.3"_s);
        return true;
    }

    // The assertion value, up to the closing ")". With substrings, unescaped "*" separate the parts.
    bool value(bool substrings)
    {
        bool afterStar = false;
        while (!atEnd() && !peek(u')')) {
            const QChar c = m_text[m_pos];
            if (c == u'(')
                return fail(m_pos, u"Filter: unescaped \"(\" in the value at position %1 (write \\28)"_s);
            if (c == u'*') {
                if (!substrings)
                    return fail(m_pos,
                                u"Filter: \"*\" at position %1 is allowed only after \"=\" (write \\2a "
                                u"for an asterisk)"_s);
                if (afterStar)
                    return fail(m_pos, u"Filter: two \"*\" in a row at position %1"_s);
                afterStar = true;
                ++m_pos;
                continue;
            }
            afterStar = false;
            if (c == u'\\') {
                if (m_pos + 2 >= m_text.size() || !isHex(m_text[m_pos + 1]) || !isHex(m_text[m_pos + 2]))
                    return fail(m_pos,
                                u"Filter: invalid escape at position %1: \"\\\" must be followed by two "
                                u"hex digits, as in \\2a for \"*\""_s);
                m_pos += 3;
                continue;
            }
            ++m_pos;
        }
        return true;
    }

    bool unclosed()
    {
        return fail(m_open.last(),
                    u"Filter: unbalanced parenthesis at position %1 (this \"(\" is never closed)"_s);
    }

    // Records the first problem: `pattern` has %1 for the position and %2 for `detail`. One arg() call, so
    // that a "%" in the admin's text is never taken for a placeholder.
    bool fail(qsizetype position, const QString &pattern, const QString &detail = {})
    {
        const QString where = QString::number(position + 1);
        m_result = {false, position + 1, detail.isNull() ? pattern.arg(where) : pattern.arg(where, detail)};
        return false;
    }

    bool atEnd() const { return m_pos >= m_text.size(); }
    bool peek(QChar c) const { return m_pos < m_text.size() && m_text[m_pos] == c; }
    bool take(QChar c)
    {
        if (!peek(c))
            return false;
        ++m_pos;
        return true;
    }

    QStringView m_text;
    qsizetype m_pos = 0;
    QList<qsizetype> m_open; // positions of the "(" not closed yet
    FilterCheck m_result;
};

} // namespace

FilterCheck checkFilter(const QString &filter)
{
    return FilterChecker(filter).run();
}

} // namespace Updraft::Ldap
