// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The mapping expression language, as an admin types it in the editor. The input's first line is the
// expression; the lines after it are the directory entry it is evaluated against ("name: value", LDIF-like).
// A refusal says where and why; an expression that parses evaluates on any entry, and names the attributes it
// reads.
#include "fuzzinput.h"

#include "config/expression.h"

#include <QJsonValue>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = Fuzz::bytes(data, size);
    const qsizetype newline = input.indexOf('\n');
    const QString text = QString::fromUtf8(newline < 0 ? input : input.left(newline));
    QString error;
    const auto expression = Expression::parse(text, &error);
    if (!expression) {
        Fuzz::require(!error.isEmpty(), "a refused expression says why");
        return 0;
    }
    QList<DirectoryEntry> entries = Fuzz::entries("dn: cn=Fuzz,dc=example,dc=com\n" +
                                                  (newline < 0 ? QByteArray() : input.mid(newline + 1)));
    ExpressionContext context;
    context.entry = &entries.first();
    context.variables = {{u"domain"_s, u"example.com"_s}, {u"immutableId"_s, u"AAECAwQFBgcICQoLDA0ODw=="_s}};
    expression->evaluate(context);
    QStringList attributes;
    expression->collectAttributes(attributes);
    for (const QString &attribute : attributes)
        Fuzz::require(!attribute.isEmpty(), "an expression reads named attributes");
    return 0;
}
