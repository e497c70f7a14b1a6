// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

// The source anchor ties a directory object to its cloud object for life. It is read, never written back, and
// a rename or move keeps it. Its cloud form, the immutableId, is base64 of the anchor's 16 bytes as the
// directory stores them.
namespace Updraft::Anchor {

// RFC 4122 text ("f81d4fae-7dec-11d0-a765-00a0c91e6bf6", as OpenLDAP's entryUUID) to its 16 bytes in network
// order. Empty for malformed text.
QByteArray uuidTextToBytes(const QString &text);

// AD's GUID as stored (first three fields little-endian) to its registry-style text form, for display.
QString guidBytesToText(const QByteArray &stored);

// base64 of the 16 anchor bytes. Empty unless there are exactly 16 bytes.
QString immutableId(const QByteArray &anchorBytes);

} // namespace Updraft::Anchor
