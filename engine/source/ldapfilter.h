// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Updraft::Ldap {

// The verdict on a filter an admin typed: ok, or one sentence naming the first problem and where it is
// ("Filter: unbalanced parenthesis at position 14"). Positions count characters from 1.
struct FilterCheck {
    bool ok = true;
    qsizetype position = 0; // of the first problem; 0 when ok
    QString message;
};

// Checks RFC 4515 filter syntax, strictly: the outer parentheses are required (the engine wraps scope.filter
// in "(&…)" as it is), no space between the parts, "\" only as in "\28", "*" only after "=", and "(&)"
// without operands is refused (RFC 4526's absolute true/false is not universally supported). Attribute
// names and matching rules are checked for form, not against a schema: the server decides whether they
// exist.
FilterCheck checkFilter(const QString &filter);

} // namespace Updraft::Ldap
