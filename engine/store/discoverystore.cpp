// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StateStore: what the cloud directory said it supports.
#include "statestore.h"
#include "storetime.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

QString toText(const QStringList &list)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QStringList fromText(const QVariant &text)
{
    QStringList list;
    for (const QJsonValue &v : QJsonDocument::fromJson(text.toString().toUtf8()).array())
        list.append(v.toString());
    return list;
}

} // namespace

std::optional<DiscoveredTarget> StateStore::discoveredTarget(qint64 configurationId) const
{
    QSqlQuery q(database());
    q.prepare(u"SELECT url, supports, assumptions, discovered_at FROM target_capabilities"
              u" WHERE configuration_id = ?"_s);
    q.addBindValue(configurationId);
    if (!exec(q) || !q.next())
        return std::nullopt;
    return DiscoveredTarget{q.value(0).toString(), fromText(q.value(1)), fromText(q.value(2)),
                            StoreTime::read(q.value(3))};
}

bool StateStore::saveDiscoveredTarget(qint64 configurationId, const DiscoveredTarget &t)
{
    QSqlQuery q(database());
    q.prepare(SqlDialect::upsert(
        u"target_capabilities"_s,
        {u"configuration_id"_s, u"url"_s, u"supports"_s, u"assumptions"_s, u"discovered_at"_s},
        {u"configuration_id"_s}));
    q.addBindValue(configurationId);
    q.addBindValue(t.url);
    q.addBindValue(toText(t.supports));
    q.addBindValue(toText(t.assumptions));
    q.addBindValue(StoreTime::value(t.discoveredAt));
    return exec(q);
}

} // namespace Updraft
