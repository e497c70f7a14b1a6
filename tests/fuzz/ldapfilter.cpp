// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The scope filter checker (RFC 4515), which the editor runs on every keystroke: a problem's position lies in
// the text and comes with a message; a value escaped for a filter is accepted inside any filter.
#include "fuzzinput.h"

#include "source/ldapdn.h"
#include "source/ldapfilter.h"

using namespace Updraft;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(Fuzz::bytes(data, size));
    const Ldap::FilterCheck check = Ldap::checkFilter(text);
    if (check.ok) {
        Fuzz::require(check.message.isEmpty() && check.position == 0, "an accepted filter has no problem");
    } else {
        Fuzz::require(!check.message.isEmpty(), "a refused filter says why");
        // Positions count from 1, as the editor shows them; one past the end: something is missing there.
        Fuzz::require(check.position >= 1 && check.position <= text.size() + 1,
                      "the problem lies in the text");
    }
    const Ldap::FilterCheck escaped =
        Ldap::checkFilter(u"(description=" + Ldap::escapeFilterValue(text) + u')');
    Fuzz::require(escaped.ok, "any value escaped for a filter makes a valid equality filter");
    return 0;
}
