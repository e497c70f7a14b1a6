// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// What the fuzz targets share: turning the fuzzer's bytes into the inputs a reader takes, and failing loudly
// when a property that must hold does not.
#pragma once

#include "source/directoryentry.h"

#include <QByteArray>
#include <QList>

#include <cstdint>

namespace Fuzz {

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

// The input cut at each line that is exactly `separator` ("%%"): several documents in one input.
QList<QByteArray> blocks(const QByteArray &input, const QByteArray &separator = QByteArrayLiteral("%%"));

// Directory entries written like LDIF: "dn: …" starts an entry, "name: value" adds a value, "name:: base64"
// a binary one, and "name:*N c" a value of N times the byte c (N ≤ 1 MiB: long values without long seeds).
// Entries are separated by blank lines. Anything else is ignored, as a reader of a broken server would.
QList<Updraft::DirectoryEntry> entries(const QByteArray &input);

// Aborts with `what` when `holds` is false, so the fuzzer reports the input that broke a property.
void require(bool holds, const char *what);

} // namespace Fuzz
