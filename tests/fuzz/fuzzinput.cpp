// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzzinput.h"

#include <cstdio>
#include <cstdlib>

namespace Fuzz {

QList<QByteArray> blocks(const QByteArray &input, const QByteArray &separator)
{
    QList<QByteArray> out{QByteArray()};
    for (const QByteArray &line : input.split('\n')) {
        if (line == separator) {
            out.append(QByteArray());
            continue;
        }
        if (!out.last().isEmpty())
            out.last() += '\n';
        out.last() += line;
    }
    return out;
}

QList<Updraft::DirectoryEntry> entries(const QByteArray &input)
{
    constexpr qsizetype MaxRepeat = qsizetype(1) << 20;
    QList<Updraft::DirectoryEntry> out;
    Updraft::DirectoryEntry *entry = nullptr;
    for (const QByteArray &line : input.split('\n')) {
        if (line.isEmpty()) {
            entry = nullptr;
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon);
        QByteArray rest = line.mid(colon + 1);
        QByteArray value;
        if (rest.startsWith(':')) {
            value = QByteArray::fromBase64(rest.mid(1).trimmed());
        } else if (rest.startsWith('*')) {
            const qsizetype space = rest.indexOf(' ');
            bool ok = false;
            const qsizetype n = space > 1 ? rest.mid(1, space - 1).toLongLong(&ok) : 0;
            if (ok && n > 0 && n <= MaxRepeat && space + 1 < rest.size())
                value = QByteArray(n, rest.at(space + 1));
        } else {
            value = rest.startsWith(' ') ? rest.mid(1) : rest;
        }
        if (name == "dn") {
            out.append(Updraft::DirectoryEntry{});
            entry = &out.last();
            entry->dn = QString::fromUtf8(value);
        } else if (entry) {
            entry->add(QString::fromUtf8(name), value);
        }
    }
    return out;
}

void require(bool holds, const char *what)
{
    if (holds)
        return;
    std::fprintf(stderr, "property broken: %s\n", what);
    std::abort();
}

} // namespace Fuzz
