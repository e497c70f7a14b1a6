// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ldapdn.h"

#include <QRegularExpression>

#include <ldap.h>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Ldap {

QString escapeDnValue(const QString &value)
{
    QString out;
    out.reserve(value.size() + 8);
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        const bool edgeSpace = c == u' ' && (i == 0 || i == value.size() - 1);
        const bool leadingHash = c == u'#' && i == 0;
        if (c.unicode() < 0x20 || c.unicode() == 0x7f) {
            // Control characters as hex pairs (RFC 4514 allows any): visible, and no trimming takes them.
            out += u'\\' + QString::number(c.unicode(), 16).rightJustified(2, u'0').toUpper();
        } else if (edgeSpace || leadingHash || QStringView(u",+\"\\<>;=").contains(c)) {
            out += u'\\';
            out += c;
        } else {
            out += c;
        }
    }
    return out;
}

QString escapeFilterValue(const QString &value)
{
    QString out;
    out.reserve(value.size() + 8);
    for (const QChar c : value) {
        switch (c.unicode()) {
        case u'*':
            out += u"\\2a";
            break;
        case u'(':
            out += u"\\28";
            break;
        case u')':
            out += u"\\29";
            break;
        case u'\\':
            out += u"\\5c";
            break;
        case 0:
            out += u"\\00";
            break;
        default:
            out += c;
        }
    }
    return out;
}

namespace {

// Blanks around a DN as it is pasted: ASCII only. Other Unicode spaces (U+0085, U+00A0…) belong to the value.
bool isBlank(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r';
}

// The DN without surrounding blanks, except a trailing space an escape keeps ("cn=x\\ " ends in a space). A
// DN with a raw NUL is none: libldap would read it only up to the NUL, as another DN.
QByteArray trimmedDn(const QString &dn)
{
    if (dn.contains(QChar(0)))
        return {};
    qsizetype begin = 0, end = dn.size();
    while (begin < end && isBlank(dn.at(begin)))
        ++begin;
    while (end > begin && isBlank(dn.at(end - 1))) {
        qsizetype backslashes = 0;
        while (end - 2 - backslashes >= begin && dn.at(end - 2 - backslashes) == u'\\')
            ++backslashes;
        if (backslashes % 2)
            break; // this space is escaped: it is part of the value
        --end;
    }
    return QStringView(dn).mid(begin, end - begin).toUtf8();
}

// libldap takes "#" followed by blanks (and whatever follows them) as an empty BER value, and writes it back
// as "uid=#", which it then refuses: RFC 4514 wants at least one hex pair after the "#".
bool hasEmptyBerValue(LDAPDN dn)
{
    for (LDAPRDN *rdn = dn; rdn && *rdn; ++rdn)
        for (LDAPAVA **ava = *rdn; *ava; ++ava)
            if (((*ava)->la_flags & LDAP_AVA_BINARY) && (*ava)->la_value.bv_len == 0)
                return true;
    return false;
}

} // namespace

QString normalizeDn(const QString &dn)
{
    const QByteArray in = trimmedDn(dn);
    if (in.isEmpty())
        return {};
    LDAPDN parsed = nullptr;
    if (ldap_str2dn(in.constData(), &parsed, LDAP_DN_FORMAT_LDAP) != LDAP_SUCCESS)
        return {};
    if (hasEmptyBerValue(parsed)) {
        ldap_dnfree(parsed);
        return {};
    }
    char *text = nullptr;
    const int rc = ldap_dn2str(parsed, &text, LDAP_DN_FORMAT_LDAPV3 | LDAP_DN_PRETTY);
    ldap_dnfree(parsed);
    if (rc != LDAP_SUCCESS || !text)
        return {};
    QString folded = QString::fromUtf8(text).toCaseFolded();
    ldap_memfree(text);
    // libldap writes control characters in values as they are; as hex pairs they stay visible and no
    // trimming takes them, so the canonical form is one normalising again gives.
    const auto isControl = [](QChar c) {
        return c.unicode() < 0x20 || c.unicode() == 0x7f;
    };
    if (std::any_of(folded.cbegin(), folded.cend(), isControl)) {
        QString escaped;
        for (const QChar c : std::as_const(folded)) {
            if (isControl(c))
                escaped += u'\\' + QString::number(c.unicode(), 16).rightJustified(2, u'0');
            else
                escaped += c;
        }
        folded = std::move(escaped);
    }
    // A run holds a DN for every object and member: the text takes its own size, no more.
    folded.squeeze();
    return folded;
}

QString firstRdnValue(const QString &dn)
{
    const QByteArray in = trimmedDn(dn);
    LDAPDN parsed = nullptr;
    if (in.isEmpty() || ldap_str2dn(in.constData(), &parsed, LDAP_DN_FORMAT_LDAP) != LDAP_SUCCESS || !parsed)
        return dn;
    QString out = dn;
    if (parsed[0] && parsed[0][0]) {
        const LDAPAVA *ava = parsed[0][0];
        if (ava->la_flags & LDAP_AVA_BINARY)
            out = dn; // a BER value (#04…) is no name to show
        else
            out = QString::fromUtf8(ava->la_value.bv_val, qsizetype(ava->la_value.bv_len));
    }
    ldap_dnfree(parsed);
    return out;
}

bool parseRangeOption(const QString &description, const QString &attribute, qint64 *low, qint64 *high)
{
    const QString prefix = attribute + QStringLiteral(";range=");
    if (!description.startsWith(prefix, Qt::CaseInsensitive))
        return false;
    const QStringView bounds = QStringView(description).mid(prefix.size());
    const qsizetype dash = bounds.indexOf(u'-');
    if (dash <= 0 || dash == bounds.size() - 1)
        return false;
    bool ok = false;
    const qint64 from = bounds.left(dash).toLongLong(&ok);
    if (!ok || from < 0)
        return false;
    const QStringView upper = bounds.mid(dash + 1);
    qint64 to = -1;
    if (upper != u"*") {
        to = upper.toLongLong(&ok);
        if (!ok || to < from)
            return false;
    }
    *low = from;
    *high = to;
    return true;
}

bool isWithin(const QString &normalizedDn, const QString &normalizedBase)
{
    if (normalizedBase.isEmpty())
        return true; // the root DSE holds everything
    if (normalizedDn.size() == normalizedBase.size())
        return normalizedDn == normalizedBase;
    return normalizedDn.endsWith(normalizedBase) &&
           normalizedDn.at(normalizedDn.size() - normalizedBase.size() - 1) == u',';
}

BindName classifyBindName(const QString &name)
{
    if (!normalizeDn(name).isEmpty())
        return BindName::Dn;
    // A UPN: one "@" between a name and a suffix, no spaces (the suffix need not be a DNS domain).
    static const QRegularExpression upn(u"^[^@\\s\\\\/]+@[^@\\s\\\\/]+$"_s);
    if (upn.match(name).hasMatch())
        return BindName::UserPrincipalName;
    // A NetBIOS domain name (at most 15 characters) and a sAMAccountName (at most 20 characters, none of
    // "/\[]:;|=,+*?<>@).
    static const QRegularExpression downLevel(
        u"^[A-Za-z0-9][A-Za-z0-9.\\-_]{0,14}\\\\[^\\s\"/\\\\\\[\\]:;|=,+*?<>@]{1,20}$"_s);
    if (downLevel.match(name).hasMatch())
        return BindName::DownLevel;
    return BindName::Invalid;
}

} // namespace Updraft::Ldap
