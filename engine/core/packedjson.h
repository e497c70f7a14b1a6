// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace Updraft {

// A JSON object kept as its compact text, parsed (and not kept) each time it is read. A user's mapped
// resource takes about 500 bytes so instead of about 2,800 as a QJsonObject: a run holds one per object in
// scope until it is written. The text is canonical (QJsonObject sorts its keys): it is what a link stores and
// what its digest is taken of.
class PackedJson
{
public:
    PackedJson() = default;
    PackedJson(const QJsonObject &object); // NOLINT(google-explicit-constructor): packing is lossless

    QJsonObject object() const;
    operator QJsonObject() const { return object(); } // NOLINT(google-explicit-constructor)
    QJsonValue value(const QString &key) const { return object().value(key); }
    bool contains(const QString &key) const { return object().contains(key); }
    bool isEmpty() const { return m_text.isEmpty(); }
    // The compact text; empty for an empty object.
    const QByteArray &text() const { return m_text; }

    friend bool operator==(const PackedJson &a, const PackedJson &b) { return a.m_text == b.m_text; }

private:
    QByteArray m_text;
};

} // namespace Updraft
