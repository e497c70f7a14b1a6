// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storedjson.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <functional>

namespace Updraft {

StoredJson StoredJson::fromText(const QByteArray &compact)
{
    StoredJson out;
    out.m_packed = PackedJson::fromText(compact);
    return out;
}

StoredJson StoredJson::fromPacked(const PackedJson &packed)
{
    StoredJson out;
    out.m_packed = packed;
    return out;
}

const QJsonObject &StoredJson::object() const
{
    if (!m_parsed) {
        m_object = m_packed.object();
        m_packed = {};
        m_parsed = true;
    }
    return m_object;
}

QByteArray StoredJson::text() const
{
    if (m_parsed)
        return QJsonDocument(m_object).toJson(QJsonDocument::Compact);
    return m_packed.isEmpty() ? QByteArrayLiteral("{}") : m_packed.text();
}

QStringList StoredJson::strings(QLatin1StringView key) const
{
    QStringList out;
    const QByteArray text = m_parsed ? QByteArray() : m_packed.text();
    if (m_parsed || text.contains('\\')) {
        const std::function<void(const QJsonValue &)> walk = [&](const QJsonValue &v) {
            if (v.isArray()) {
                for (const QJsonValue &item : v.toArray())
                    walk(item);
                return;
            }
            if (!v.isObject())
                return;
            const QJsonObject o = v.toObject();
            for (auto it = o.begin(); it != o.end(); ++it) {
                if (it.key() == key && it.value().isString())
                    out.append(it.value().toString());
                walk(it.value());
            }
        };
        walk(object());
        return out;
    }
    // Compact text without escapes: "key":"value", and a value ends at the next quote.
    const QByteArray needle = '"' + QByteArray(key.data(), key.size()) + "\":\"";
    for (qsizetype at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at)) {
        at += needle.size();
        const qsizetype end = text.indexOf('"', at);
        if (end < 0)
            break;
        out.append(QString::fromUtf8(text.constData() + at, end - at));
        at = end;
    }
    return out;
}

} // namespace Updraft
