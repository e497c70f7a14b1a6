// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "source/directoryentry.h"

#include <QHash>
#include <QJsonValue>

#include <memory>

namespace Updraft {

struct ExpressionContext {
    const DirectoryEntry *entry = nullptr;
    QHash<QString, QString> variables; // $domain, $immutableId, …
};

// The small language of mapping rules:
//   expr := "string" | number | true | false | null | attributeName | $variable | function(expr, …)
// An attribute yields its first value as text, or null when absent. Functions: coalesce, concat (null if any
// argument is null), lower, upper, trim, replace(s, from, to), present(attr), not(x), flag(x, mask) (bit test
// on an integer attribute such as userAccountControl), ref(attr) (a DN reference resolved to the referenced
// object's cloud id, within the same configuration only).
class Expression
{
public:
    virtual ~Expression() = default;
    // Returns null with `error` set (position and reason) when the text does not parse.
    static std::shared_ptr<const Expression> parse(const QString &text, QString *error);
    static std::shared_ptr<const Expression> attribute(const QString &name);
    static std::shared_ptr<const Expression> constant(const QJsonValue &value);

    virtual QJsonValue evaluate(const ExpressionContext &context) const = 0;
    // The directory attributes the expression reads, so the reader can fetch exactly those.
    virtual void collectAttributes(QStringList &into) const = 0;
};

} // namespace Updraft
