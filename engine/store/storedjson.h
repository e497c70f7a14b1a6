// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/packedjson.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

namespace Updraft {

// A JSON object kept as the compact text it is stored as, and parsed the first time it is looked into: a run
// holds every link of a configuration, and looks into few of them (those that changed).
class StoredJson
{
public:
    StoredJson() = default;
    StoredJson(const QJsonObject &object) // NOLINT(google-explicit-constructor): a stored object is an object
        : m_object(object)
        , m_parsed(true)
    {}
    static StoredJson fromText(const QByteArray &compact);
    // Shares what `packed` holds (a resource just written becomes what a link stores, without a copy).
    static StoredJson fromPacked(const PackedJson &packed);

    const QJsonObject &object() const;
    operator const QJsonObject &() const { return object(); } // NOLINT(google-explicit-constructor)
    QJsonValue value(const QString &key) const { return object().value(key); }
    bool isEmpty() const { return m_parsed ? m_object.isEmpty() : m_packed.isEmpty(); }
    // The compact text, as stored.
    QByteArray text() const;
    // The string values of every member named `key`, at any depth, read from the text without parsing it
    // (a parse where the text has escapes): a quick look at 100,000 links for their userName or references.
    QStringList strings(QLatin1StringView key) const;

    friend bool operator==(const StoredJson &a, const StoredJson &b) { return a.object() == b.object(); }

private:
    mutable QJsonObject m_object;
    mutable PackedJson m_packed;
    mutable bool m_parsed = false;
};

} // namespace Updraft
