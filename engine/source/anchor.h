// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

// The source anchor ties a directory object to its cloud object for life. It is read, never written back, and
// a rename or move keeps it. Its cloud form, the immutableId, is base64 of the anchor's bytes: the 16 bytes
// of a GUID or UUID as the directory stores them, or the value of another attribute chosen as the anchor.
namespace Updraft::Anchor {

// How an anchor attribute's value becomes the anchor's bytes, and back into a search filter.
enum class Form {
    Uuid,       // RFC 4122 text, as OpenLDAP's and 389 DS's entryUUID: its 16 bytes
    NsUniqueId, // 389 Directory Server's nsUniqueId, "66a8a981-3c1a11e1-80a6c8c9-3c0e4c67": its 16 bytes
    Binary,     // a 16-byte binary GUID (AD's objectGUID, ms-DS-ConsistencyGuid), as stored
    Text,       // any other attribute: its value's bytes (at most MaxTextBytes)
};
constexpr qsizetype MaxTextBytes = 256;

Form formOf(const QString &attribute);
// The anchor bytes of one value; empty when the value does not have the form.
QByteArray bytesFromValue(Form form, const QByteArray &value);
// The value to put in an equality filter for these anchor bytes, escaped as RFC 4515 wants.
QString filterValue(Form form, const QByteArray &bytes);

// RFC 4122 text ("f81d4fae-7dec-11d0-a765-00a0c91e6bf6", as OpenLDAP's entryUUID) to its 16 bytes in network
// order. Empty for malformed text.
QByteArray uuidTextToBytes(const QString &text);

// AD's GUID as stored (first three fields little-endian) to its registry-style text form, for display.
QString guidBytesToText(const QByteArray &stored);

// base64 of the anchor bytes. Empty when there are none or more than MaxTextBytes.
QString immutableId(const QByteArray &anchorBytes);

} // namespace Updraft::Anchor
