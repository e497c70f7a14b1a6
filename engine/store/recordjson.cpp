// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordjson.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::RecordJson {

QJsonObject counts(const ObjectCounts &c)
{
    return {{u"created"_s, c.created},
            {u"updated"_s, c.updated},
            {u"deleted"_s, c.deleted},
            {u"unchanged"_s, c.unchanged},
            {u"failed"_s, c.failed}};
}

QJsonObject run(const RunRecord &r)
{
    QJsonObject o{{u"run"_s, r.id},
                  {u"configuration"_s, r.configurationName},
                  {u"status"_s, r.status},
                  {u"trigger"_s, r.trigger},
                  {u"objectsRead"_s, r.objectsRead},
                  {u"users"_s, counts(r.users)},
                  {u"groups"_s, counts(r.groups)}};
    if (!r.passwordHashes.isEmpty()) {
        QJsonObject hashes;
        for (auto it = r.passwordHashes.begin(); it != r.passwordHashes.end(); ++it)
            hashes.insert(it.key(), it.value());
        o.insert(u"passwordHashes"_s, hashes);
    }
    if (r.startedAt.isValid())
        o.insert(u"startedAt"_s, r.startedAt.toString(Qt::ISODateWithMs));
    if (r.finishedAt.isValid())
        o.insert(u"finishedAt"_s, r.finishedAt.toString(Qt::ISODateWithMs));
    if (!r.message.isEmpty())
        o.insert(u"message"_s, r.message);
    if (!r.agent.isEmpty())
        o.insert(u"agent"_s, r.agent);
    return o;
}

QJsonObject result(const RunResult &r)
{
    QJsonObject o{{u"kind"_s, r.kind},     {u"anchor"_s, r.anchor},
                  {u"dn"_s, r.dn},         {u"displayName"_s, r.displayName},
                  {u"action"_s, r.action}, {u"outcome"_s, r.outcome}};
    if (!r.message.isEmpty())
        o.insert(u"message"_s, r.message);
    if (!r.changes.isEmpty())
        o.insert(u"changes"_s, QJsonArray::fromStringList(r.changes));
    if (!r.diff.isEmpty())
        o.insert(u"diff"_s, r.diff);
    return o;
}

QJsonObject passwordHash(const PasswordHashState &s)
{
    QJsonObject o{{u"anchor"_s, s.anchor}, {u"dn"_s, s.dn},         {u"status"_s, s.status},
                  {u"reason"_s, s.reason}, {u"scheme"_s, s.scheme}, {u"attempts"_s, s.attempts}};
    if (s.httpStatus)
        o.insert(u"httpStatus"_s, s.httpStatus);
    const std::pair<const char *, QDateTime> times[] = {{"firstSeen", s.firstSeen},
                                                        {"lastAttempt", s.lastAttempt},
                                                        {"nextAttempt", s.nextAttempt},
                                                        {"syncedAt", s.syncedAt}};
    for (const auto &[key, time] : times)
        if (time.isValid())
            o.insert(QLatin1StringView(key), time.toUTC().toString(Qt::ISODateWithMs));
    return o;
}

} // namespace Updraft::RecordJson
