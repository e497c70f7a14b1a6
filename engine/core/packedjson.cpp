// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "packedjson.h"

#include "resource.h"

#include <QJsonDocument>

#include <array>

namespace Updraft {

namespace {

// Marks a URN of the list below; compact JSON escapes every control character inside strings, and has none
// outside them.
constexpr char Mark = '\x01';
constexpr QByteArrayView Prefix = "urn:ietf:params:scim:";
// The numbers live in memory only (the store holds the text written out).
constexpr std::array<QByteArrayView, 5> Urns = {
    QByteArrayView(Resource::UserSchema),           QByteArrayView(Resource::GroupSchema),
    QByteArrayView(Resource::EnterpriseUserSchema), QByteArrayView(Resource::UpdraftUserSchema),
    QByteArrayView(Resource::UpdraftGroupSchema),
};

QByteArray pack(const QByteArray &compact)
{
    qsizetype at = compact.indexOf(Prefix);
    if (at < 0) {
        QByteArray out = compact;
        out.squeeze();
        return out;
    }
    QByteArray out;
    out.reserve(compact.size());
    qsizetype copied = 0;
    for (; at >= 0; at = compact.indexOf(Prefix, at + 1)) {
        // Only a whole string: "…" with nothing before or after the URN.
        if (at == 0 || compact.at(at - 1) != '"')
            continue;
        for (size_t i = 0; i < Urns.size(); ++i) {
            const qsizetype end = at + Urns[i].size();
            if (end < compact.size() && compact.at(end) == '"' &&
                QByteArrayView(compact).sliced(at, Urns[i].size()) == Urns[i]) {
                out.append(QByteArrayView(compact).sliced(copied, at - copied));
                out.append(Mark).append(char('0' + i));
                copied = end;
                at = end - 1;
                break;
            }
        }
    }
    out.append(QByteArrayView(compact).sliced(copied));
    out.squeeze();
    return out;
}

} // namespace

PackedJson::PackedJson(const QJsonObject &object)
{
    if (!object.isEmpty())
        m_packed = pack(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

PackedJson PackedJson::fromText(const QByteArray &compact)
{
    PackedJson out;
    if (!compact.isEmpty() && compact != "{}")
        out.m_packed = pack(compact);
    return out;
}

QByteArray PackedJson::text() const
{
    qsizetype at = m_packed.indexOf(Mark);
    if (at < 0)
        return m_packed;
    qsizetype size = m_packed.size();
    for (qsizetype i = at; i >= 0 && i + 1 < m_packed.size(); i = m_packed.indexOf(Mark, i + 2))
        size += Urns[size_t(m_packed.at(i + 1) - '0')].size() - 2;
    QByteArray out;
    out.reserve(size);
    qsizetype copied = 0;
    for (; at >= 0 && at + 1 < m_packed.size(); at = m_packed.indexOf(Mark, at)) {
        out.append(QByteArrayView(m_packed).sliced(copied, at - copied));
        out.append(Urns[size_t(m_packed.at(at + 1) - '0')]);
        at += 2;
        copied = at;
    }
    out.append(QByteArrayView(m_packed).sliced(copied));
    return out;
}

QJsonObject PackedJson::object() const
{
    return m_packed.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(text()).object();
}

} // namespace Updraft
