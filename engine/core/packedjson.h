// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace Updraft {

// A JSON object kept as its compact text, parsed (and not kept) each time it is read. A user's mapped
// resource takes about 470 bytes this way, instead of about 2,800 as a QJsonObject: a run holds one per
// object in scope until it is written, and one per link. The text is canonical (QJsonObject sorts its keys):
// it is what a link stores and what its digest is taken of.
//
// The SCIM schema URNs every resource repeats ("urn:ietf:params:scim:schemas:…", a third of a user's text)
// are held as two bytes each: a control character no compact JSON text contains, and the URN's number.
class PackedJson
{
public:
    PackedJson() = default;
    PackedJson(const QJsonObject &object); // NOLINT(google-explicit-constructor): packing is lossless
    // From compact text as QJsonDocument writes it (what the store holds).
    static PackedJson fromText(const QByteArray &compact);

    QJsonObject object() const;
    operator QJsonObject() const { return object(); } // NOLINT(google-explicit-constructor)
    QJsonValue value(const QString &key) const { return object().value(key); }
    bool contains(const QString &key) const { return object().contains(key); }
    bool isEmpty() const { return m_packed.isEmpty(); }
    // The compact text (the URNs written out); empty for an empty object.
    QByteArray text() const;
    // What is held, for measuring: the text with its URNs as two bytes each.
    qsizetype packedSize() const { return m_packed.size(); }

    friend bool operator==(const PackedJson &a, const PackedJson &b) { return a.m_packed == b.m_packed; }

private:
    QByteArray m_packed;
};

} // namespace Updraft
