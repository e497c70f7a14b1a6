// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "packedjson.h"

#include <QJsonDocument>

namespace Updraft {

PackedJson::PackedJson(const QJsonObject &object)
{
    if (object.isEmpty())
        return;
    m_text = QJsonDocument(object).toJson(QJsonDocument::Compact);
    m_text.squeeze(); // the serializer leaves up to twice the text's size unused
}

QJsonObject PackedJson::object() const
{
    return m_text.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(m_text).object();
}

} // namespace Updraft
