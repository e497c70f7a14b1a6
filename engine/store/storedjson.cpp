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
    out.m_text = compact;
    return out;
}

const QJsonObject &StoredJson::object() const
{
    if (!m_parsed) {
        m_object = QJsonDocument::fromJson(m_text).object();
        m_text.clear();
        m_parsed = true;
    }
    return m_object;
}

QByteArray StoredJson::text() const
{
    return m_parsed ? QJsonDocument(m_object).toJson(QJsonDocument::Compact) : m_text;
}

QStringList StoredJson::strings(QLatin1StringView key) const
{
    QStringList out;
    if (m_parsed || m_text.contains('\\')) {
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
    for (qsizetype at = m_text.indexOf(needle); at >= 0; at = m_text.indexOf(needle, at)) {
        at += needle.size();
        const qsizetype end = m_text.indexOf('"', at);
        if (end < 0)
            break;
        out.append(QString::fromUtf8(m_text.constData() + at, end - at));
        at = end;
    }
    return out;
}

} // namespace Updraft
