// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordjson.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::RecordJson {

QJsonObject counts(const ObjectCounts &c) {
    return {{u"created"_s, c.created},
            {u"updated"_s, c.updated},
            {u"deleted"_s, c.deleted},
            {u"unchanged"_s, c.unchanged},
            {u"failed"_s, c.failed}};
}

QJsonObject run(const RunRecord &r) {
    QJsonObject o{{u"run"_s, r.id},
                  {u"configuration"_s, r.configurationName},
                  {u"status"_s, r.status},
                  {u"trigger"_s, r.trigger},
                  {u"objectsRead"_s, r.objectsRead},
                  {u"users"_s, counts(r.users)},
                  {u"groups"_s, counts(r.groups)}};
    if (r.startedAt.isValid())
        o.insert(u"startedAt"_s, r.startedAt.toString(Qt::ISODateWithMs));
    if (r.finishedAt.isValid())
        o.insert(u"finishedAt"_s, r.finishedAt.toString(Qt::ISODateWithMs));
    if (!r.message.isEmpty())
        o.insert(u"message"_s, r.message);
    return o;
}

QJsonObject result(const RunResult &r) {
    QJsonObject o{{u"kind"_s, r.kind},     {u"anchor"_s, r.anchor},
                  {u"dn"_s, r.dn},         {u"displayName"_s, r.displayName},
                  {u"action"_s, r.action}, {u"outcome"_s, r.outcome}};
    if (!r.message.isEmpty())
        o.insert(u"message"_s, r.message);
    if (!r.changes.isEmpty())
        o.insert(u"changes"_s, QJsonArray::fromStringList(r.changes));
    return o;
}

} // namespace Updraft::RecordJson
