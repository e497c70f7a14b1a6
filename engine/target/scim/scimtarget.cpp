// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "scimtarget.h"

#include "core/logging.h"
#include "core/resource.h"
#include "scimbulk.h"
#include "scimprotocol.h"

#include <QJsonArray>
#include <QSet>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Scim {

namespace {

constexpr int DefaultPageSize = 100;

// Whether the object read back holds the change from `before` to `after`: applying it changes nothing.
std::function<bool(const FetchedObject &)> holds(const QJsonObject &before, const QJsonObject &after)
{
    return [before, after](const FetchedObject &f) {
        return f.ok() && replaced(f.resource, before, after) == replaced(f.resource, {}, {});
    };
}

// Whether the group read back has the members added and not those removed.
std::function<bool(const FetchedObject &)> membersHold(const MembersChange &change)
{
    return [change](const FetchedObject &f) {
        if (!f.ok())
            return false;
        QSet<QString> present;
        for (const QJsonValue &m : f.resource.value(u"members"_s).toArray())
            present.insert(m.toObject().value(u"value"_s).toString());
        for (const MemberReference &m : change.add)
            if (!present.contains(m.id))
                return false;
        for (const QString &id : change.remove)
            if (present.contains(id))
                return false;
        return true;
    };
}

// Hands a reply to its callback on the next pass of the event loop, as a request's answer would come.
template <typename Reply> void later(QObject *context, std::function<void(const Reply &)> done, Reply reply)
{
    QTimer::singleShot(0, context, [done = std::move(done), reply = std::move(reply)] { done(reply); });
}

QString updraftPath(const char *attribute)
{
    return QLatin1StringView(Resource::UpdraftUserSchema) + u':' + QLatin1StringView(attribute);
}

} // namespace

ScimTarget::ScimTarget(const TargetSettings &settings, QObject *parent)
    : Target(parent)
    , m_settings(settings)
    , m_client(ScimSettings{settings.url, settings.token, settings.maxInFlight, settings.timeoutSeconds,
                            settings.maxAttempts, settings.caFile})
{}

ScimTarget::~ScimTarget() = default;

QString ScimTarget::path(ObjectKind kind, const QString &id) const
{
    const QString endpoint = m_caps.resourceType(kind).endpoint;
    return id.isEmpty() ? endpoint : endpoint + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(id));
}

TargetReply ScimTarget::reply(const ScimResponse &r, const QString &what) const
{
    TargetReply out;
    out.status = r.status;
    out.message = r.message;
    using E = TargetReply::Error;
    if (r.ok())
        return out;
    if (r.status == 0)
        out.error = E::Unreachable;
    else if (r.status == 401)
        out.error = E::Unauthorized;
    else if (r.status == 403)
        out.error = E::Forbidden;
    else if (r.status == 404)
        out.error = E::NotFound;
    else if (r.status == 409)
        out.error = E::Conflict;
    else if (r.status >= 500 || r.status == 429)
        out.error = E::ServerError;
    else
        out.error = E::Refused;
    if (out.message.isEmpty())
        out.message = u"The cloud directory answered %1 with HTTP %2."_s.arg(what).arg(r.status);
    return out;
}

void ScimTarget::confirmed(ObjectKind kind, const QString &id, const ScimResponse &r, const QString &what,
                           AppliedCheck applied, Done done)
{
    if (!r.ok() || r.status == 204 || r.parsed)
        return done(reply(r, what));
    const auto unknown = [=](const QString &why) {
        TargetReply out;
        out.status = r.status;
        out.error = TargetReply::Error::Unreadable;
        out.message =
            u"The cloud directory answered %1 of %2 with HTTP %3 but not with the resource RFC 7644 "
            u"requires, and %4; whether it was carried out is not known: it is looked at again on "
            u"the next run."_s.arg(what, id)
                .arg(r.status)
                .arg(why);
        done(out);
    };
    if (!applied)
        return unknown(u"it cannot be read back"_s);
    fetch(kind, id, [=](const FetchedObject &f) {
        if (applied(f))
            return done(TargetReply{});
        unknown(f.ok() || f.error == TargetReply::Error::NotFound
                    ? u"reading the object back shows it was not"_s
                    : u"reading the object back failed (%1)"_s.arg(f.message));
    });
}

void ScimTarget::remember(const QString &id, const ScimResponse &r)
{
    if (!m_caps.etag || id.isEmpty())
        return;
    QByteArray version = r.etag;
    if (version.isEmpty())
        version = r.body.value(u"meta"_s).toObject().value(u"version"_s).toString().toLatin1();
    if (!version.isEmpty())
        m_versions.insert(id, version);
}

// --- discovery ---

void ScimTarget::discover(Done done)
{
    m_discovered = std::move(done);
    m_discoveryPending = 3;
    const auto ask = [this](const QString &endpoint, std::function<void(const ScimResponse &)> read) {
        ++m_stats.lookups;
        m_client.get(endpoint, {}, [this, endpoint, read = std::move(read)](const ScimResponse &r) {
            if (r.ok() && r.parsed) {
                read(r);
            } else if (r.status == 404 || r.status == 501 || (r.ok() && !r.parsed)) {
                m_caps.assumptions.append(
                    u"/%1: HTTP %2, not a SCIM document; RFC 7644's minimum is assumed"_s.arg(endpoint).arg(
                        r.status));
            } else if (m_discoveryError.ok()) {
                m_discoveryError = reply(r, u"/"_s + endpoint);
            }
            if (--m_discoveryPending == 0)
                discovered();
        });
    };
    ask(u"ServiceProviderConfig"_s,
        [this](const ScimResponse &r) { readServiceProviderConfig(r.body, m_caps); });
    ask(u"Schemas"_s, [this](const ScimResponse &r) { readSchemas(r.body, m_caps); });
    ask(u"ResourceTypes"_s, [this](const ScimResponse &r) { readResourceTypes(r.body, m_caps); });
}

void ScimTarget::discovered()
{
    if (!m_caps.configKnown)
        m_caps.assumptions.append(u"no PATCH, filters, bulk or ETags are assumed"_s);
    m_listing = {!m_caps.filter, !m_caps.filter};
    m_noFilters = m_listing; // the service says it has none
    if (m_caps.bulk && !m_bulk)
        m_bulk = new BulkQueue(m_client, qMin(m_caps.bulkMaxOperations, 1000), m_caps.bulkMaxPayload, this);
    const bool updraft =
        m_caps.hasExtension(ObjectKind::User, QLatin1StringView(Resource::UpdraftUserSchema)) &&
        (m_caps.schemasKnown || m_caps.resourceTypesKnown());
    m_public.nestedGroups = m_caps.nestedGroups();
    m_public.ownerMark = updraft;
    m_public.passwordHashes = updraft;
    m_public.summary = m_caps.summary();
    if (updraft)
        m_public.summary.append(u"takes Updraft's password hash extension"_s);
    m_public.assumptions = m_caps.assumptions;
    qCInfo(lcScim).noquote() << "the cloud directory supports:" << m_public.summary.join(u"; "_s);
    if (auto done = std::move(m_discovered))
        done(m_discoveryError);
}

Conformed ScimTarget::conform(ObjectKind kind, const QJsonObject &resource) const
{
    Conformed out;
    out.resource = Scim::conform(m_caps, kind, resource, &out.dropped, &out.missingRequired);
    return out;
}

// --- lookups ---

// Lookups one by one cost up to two requests an object; a listing costs one request a page. When many objects
// are to be matched (a first run), ask how many the service holds and list them if that is cheaper: then
// every create is known at once, and Bulk requests fill up.
void ScimTarget::prepareLookups(ObjectKind kind, int count, Done done)
{
    const size_t k = size_t(kind);
    const int perObject = kind == ObjectKind::User && m_settings.softMatch ? 2 : 1;
    if (m_listing[k] || count < 2 * DefaultPageSize)
        return later<TargetReply>(this, std::move(done), {});
    ++m_stats.lookups;
    m_client.get(path(kind), QUrlQuery{{u"startIndex"_s, u"1"_s}, {u"count"_s, u"1"_s}},
                 [this, k, count, perObject, done = std::move(done)](const ScimResponse &r) {
                     const int total = r.body.value(u"totalResults"_s).toInt(-1);
                     const int page = m_caps.maxResults > 0 ? m_caps.maxResults : DefaultPageSize;
                     if (r.ok() && total >= 0 && (total + page - 1) / page < count * perObject)
                         m_listing[k] = true;
                     done({}); // otherwise lookups one by one, as before
                 });
}

void ScimTarget::find(ObjectKind kind, const QString &externalId, const QString &userName,
                      Callback<FoundObjects> done)
{
    const size_t k = size_t(kind);
    if (!m_listing[k])
        return findByFilter(kind, externalId, userName, std::move(done));
    Index &index = m_index[k];
    if (index.unsure.remove(externalId)) {
        if (!m_noFilters[k])
            return findByFilter(kind, externalId, userName, std::move(done));
        if (index.state == Index::State::Ready)
            index = Index{}; // no filters: list again
    }
    findInIndex(kind, externalId, userName, std::move(done));
}

void ScimTarget::findByFilter(ObjectKind kind, const QString &externalId, const QString &userName,
                              Callback<FoundObjects> done)
{
    // Two requests, never one with `or`: by externalId, then (soft matching) by userName.
    const auto lookup = [this,
                         kind](const QString &attribute, const QString &value,
                               std::function<void(const ScimResponse &, const QJsonArray &, bool)> then) {
        ++m_stats.lookups;
        m_client.get(path(kind), QUrlQuery{{u"filter"_s, eqFilter(attribute, value)}},
                     [then = std::move(then)](const ScimResponse &r) {
                         const QJsonValue resources = r.body.value(u"Resources"_s);
                         const int total = r.body.value(u"totalResults"_s).toInt(-1);
                         // An answer that cannot be read is never "not there": that would make duplicates.
                         const bool readable = r.parsed && (resources.isArray() || total == 0) && total >= 0;
                         then(r, resources.toArray(), readable);
                     });
    };
    const auto refusedFilter = [](const ScimResponse &r) {
        return r.status == 501 ||
               (r.status == 400 && r.scimType.compare(u"invalidFilter"_s, Qt::CaseInsensitive) == 0);
    };
    lookup(
        u"externalId"_s, externalId,
        [=, this](const ScimResponse &r, const QJsonArray &found, bool readable) {
            if (!r.ok() && refusedFilter(r)) {
                m_caps.assumptions.append(
                    u"filters: refused (%1); objects are matched from a listing"_s.arg(r.message));
                m_public.assumptions = m_caps.assumptions;
                m_listing[size_t(kind)] = true;
                m_noFilters[size_t(kind)] = true;
                if (Index &index = m_index[size_t(kind)]; index.state == Index::State::Ready)
                    index = Index{}; // listed before the object was perhaps created: list again
                return findInIndex(kind, externalId, userName, done);
            }
            FoundObjects out;
            static_cast<TargetReply &>(out) = reply(r, u"a lookup by externalId"_s);
            if (r.ok() && !readable) {
                out.error = TargetReply::Error::Unreadable;
                out.message =
                    u"The cloud directory's answer to a lookup by externalId could not be read "
                    u"(HTTP %1, no list of resources); nothing was created, to avoid a duplicate."_s.arg(
                        r.status);
            }
            if (!out.ok())
                return done(out);
            for (const QJsonValue &v : found) {
                if (v.toObject().value(u"externalId"_s).toString() == externalId) {
                    out.byExternalId = v.toObject();
                    remember(out.byExternalId.value(u"id"_s).toString(), r);
                }
            }
            if (!out.byExternalId.isEmpty() || userName.isEmpty())
                return done(out);
            lookup(
                u"userName"_s, userName,
                [=, this](const ScimResponse &r2, const QJsonArray &found2, bool readable2) {
                    FoundObjects second;
                    static_cast<TargetReply &>(second) = reply(r2, u"a lookup by userName"_s);
                    if (r2.ok() && !readable2) {
                        second.error = TargetReply::Error::Unreadable;
                        second.message =
                            u"The cloud directory's answer to a lookup by userName could not be read "
                            u"(HTTP %1, no list of resources); nothing was created, to avoid a duplicate."_s
                                .arg(r2.status);
                    }
                    if (second.ok())
                        for (const QJsonValue &v : found2)
                            if (v.toObject()
                                    .value(u"userName"_s)
                                    .toString()
                                    .compare(userName, Qt::CaseInsensitive) == 0)
                                second.byUserName = v.toObject();
                    done(second);
                });
        });
}

void ScimTarget::findInIndex(ObjectKind kind, const QString &externalId, const QString &userName,
                             Callback<FoundObjects> done)
{
    Index &index = m_index[size_t(kind)];
    if (index.state != Index::State::Ready) {
        index.waiting.append([=, this] { findInIndex(kind, externalId, userName, done); });
        if (index.state == Index::State::None)
            loadIndex(kind);
        return;
    }
    if (!index.error.ok()) {
        FoundObjects failed;
        static_cast<TargetReply &>(failed) = index.error;
        return later<FoundObjects>(this, done, failed);
    }
    const QString byExternalId = index.byExternalId.value(externalId);
    const QString byUserName = userName.isEmpty() ? QString() : index.byUserName.value(userName.toLower());
    const QString id = byExternalId.isEmpty() ? byUserName : byExternalId;
    if (id.isEmpty())
        return later<FoundObjects>(this, done, FoundObjects{});
    // The listing holds only the keys: the object itself, to compare with.
    fetch(kind, id, [=](const FetchedObject &f) {
        FoundObjects out;
        static_cast<TargetReply &>(out) = f;
        if (f.error == TargetReply::Error::NotFound)
            out = FoundObjects{}; // deleted since the listing
        else if (byExternalId.isEmpty())
            out.byUserName = f.resource;
        else
            out.byExternalId = f.resource;
        done(out);
    });
}

void ScimTarget::loadIndex(ObjectKind kind)
{
    Index &index = m_index[size_t(kind)];
    index.state = Index::State::Loading;
    index.startIndex = 1;
    loadPage(kind, true);
}

void ScimTarget::loadPage(ObjectKind kind, bool withAttributes)
{
    const int count = m_caps.maxResults > 0 ? m_caps.maxResults : DefaultPageSize;
    QUrlQuery query{{u"startIndex"_s, QString::number(m_index[size_t(kind)].startIndex)},
                    {u"count"_s, QString::number(count)}};
    if (withAttributes)
        query.addQueryItem(u"attributes"_s,
                           kind == ObjectKind::User ? u"externalId,userName"_s : u"externalId,displayName"_s);
    ++m_stats.lookups;
    m_client.get(path(kind), query, [this, kind, withAttributes](const ScimResponse &r) {
        Index &index = m_index[size_t(kind)];
        const auto finish = [&index](TargetReply error) {
            index.error = std::move(error);
            index.state = Index::State::Ready;
            const auto waiting = std::exchange(index.waiting, {});
            for (const auto &w : waiting)
                w();
        };
        if (!r.ok() && withAttributes && r.status == 400)
            return loadPage(kind, false); // a service that does not take `attributes`
        const QJsonArray page = r.body.value(u"Resources"_s).toArray();
        const int total = r.body.value(u"totalResults"_s).toInt(-1);
        if (!r.ok() || !r.parsed || total < 0 || (total > 0 && !r.body.value(u"Resources"_s).isArray())) {
            TargetReply failed = reply(r, u"a listing"_s);
            if (r.ok()) {
                failed.error = TargetReply::Error::Unreadable;
                failed.message = u"The cloud directory's listing of %1 could not be read (no totalResults or "
                                 u"Resources)."_s.arg(path(kind));
            }
            return finish(failed);
        }
        const QString firstId =
            page.isEmpty() ? QString() : page.first().toObject().value(u"id"_s).toString();
        if (!firstId.isEmpty() && firstId == index.firstIdOfLastPage) {
            TargetReply failed;
            failed.error = TargetReply::Error::Unreadable;
            failed.message = u"The cloud directory sent the same page twice while listing %1 (it ignores "
                             u"startIndex); objects cannot be matched."_s.arg(path(kind));
            return finish(failed);
        }
        index.firstIdOfLastPage = firstId;
        for (const QJsonValue &v : page) {
            const QJsonObject o = v.toObject();
            const QString id = o.value(u"id"_s).toString();
            if (id.isEmpty())
                continue;
            if (const QString e = o.value(u"externalId"_s).toString(); !e.isEmpty())
                index.byExternalId.insert(e, id);
            if (const QString n = o.value(u"userName"_s).toString(); !n.isEmpty())
                index.byUserName.insert(n.toLower(), id);
        }
        // Never assume the page size asked for: go on from what came.
        index.startIndex += int(page.size());
        if (page.isEmpty() || index.startIndex > total)
            return finish({});
        loadPage(kind, withAttributes);
    });
}

void ScimTarget::fetch(ObjectKind kind, const QString &id, Callback<FetchedObject> done)
{
    ++m_stats.lookups;
    m_client.get(path(kind, id), {}, [this, id, done = std::move(done)](const ScimResponse &r) {
        FetchedObject out;
        static_cast<TargetReply &>(out) = reply(r, u"a read of %1"_s.arg(id));
        if (r.ok() && !r.parsed) {
            out.error = TargetReply::Error::Unreadable;
            out.message = u"The cloud directory's answer to a read of %1 could not be read."_s.arg(id);
        }
        out.resource = r.body;
        remember(id, r);
        done(out);
    });
}

void ScimTarget::countUsers(Callback<FetchedObject> done)
{
    ++m_stats.lookups;
    m_client.get(path(ObjectKind::User), QUrlQuery{{u"startIndex"_s, u"1"_s}, {u"count"_s, u"1"_s}},
                 [this, done = std::move(done)](const ScimResponse &r) {
                     FetchedObject out;
                     static_cast<TargetReply &>(out) = reply(r, u"a listing of users"_s);
                     if (r.ok() && (!r.parsed || !r.body.value(u"totalResults"_s).isDouble())) {
                         out.error = TargetReply::Error::Unreadable;
                         out.message =
                             u"The answer to a listing of users is not a SCIM list (no totalResults)."_s;
                     }
                     out.resource = r.body;
                     done(out);
                 });
}

// --- writes ---

void ScimTarget::write(const QByteArray &verb, const QString &path, const QJsonObject &body,
                       const QString &id, ScimClient::Callback done)
{
    ++m_stats.writes;
    const QByteArray version = m_versions.value(id);
    if (m_bulk && m_bulk->enabled())
        return m_bulk->add(verb, path, body, version, std::move(done));
    ScimClient::Headers headers;
    if (!version.isEmpty())
        headers.append({"If-Match", version});
    if (verb == "POST")
        m_client.post(path, body, std::move(done));
    else if (verb == "PATCH")
        m_client.patch(path, body, std::move(done), headers);
    else if (verb == "PUT")
        m_client.put(path, body, std::move(done), headers);
    else
        m_client.remove(path, std::move(done), headers);
}

void ScimTarget::create(ObjectKind kind, const QJsonObject &resource, Callback<CreatedObject> done)
{
    // What this run creates is linked, and never looked up again, so it does not go into the listing's index:
    // a first run of 100,000 users would hold every id twice. Only an object whose create got no usable
    // answer is looked up again, and then not in the index.
    write("POST", path(kind), resource, {},
          [this, kind, externalId = resource.value(u"externalId"_s).toString(),
           done = std::move(done)](const ScimResponse &r) {
              CreatedObject out;
              static_cast<TargetReply &>(out) = reply(r, u"a create"_s);
              out.id = r.body.value(u"id"_s).toString();
              if (r.ok() && out.id.isEmpty()) {
                  out.error = TargetReply::Error::Unreadable;
                  out.message = u"The cloud directory accepted the object but returned no id."_s;
              }
              if (out.ok())
                  remember(out.id, r);
              else if (m_listing[size_t(kind)] && !externalId.isEmpty() &&
                       (r.status == 0 || r.status >= 500 || r.ok()))
                  m_index[size_t(kind)].unsure.insert(externalId); // no answer, or none to go by
              done(out);
          });
}

void ScimTarget::update(ObjectKind kind, const QString &id, const QJsonObject &before,
                        const QJsonObject &after, Done done)
{
    const QJsonArray ops = patchOperations(before, after);
    if (ops.isEmpty())
        return later<TargetReply>(this, std::move(done), {});
    if (!m_caps.patch)
        return replaceWhole(kind, id, before, after, std::move(done));
    write("PATCH", path(kind, id), patchRequest(ops), id,
          [this, kind, id, before, after, done = std::move(done)](const ScimResponse &r) {
              remember(id, r);
              confirmed(kind, id, r, u"a change"_s, holds(before, after), done);
          });
}

// Without PATCH: read the object, change what differs, and put it back whole, so that attributes Updraft does
// not manage stay as they are.
void ScimTarget::replaceWhole(ObjectKind kind, const QString &id, const QJsonObject &before,
                              const QJsonObject &after, Done done)
{
    fetch(kind, id, [=, this](const FetchedObject &f) {
        if (!f.ok())
            return done(f);
        write("PUT", path(kind, id), replaced(f.resource, before, after), id,
              [this, kind, id, before, after, done](const ScimResponse &r) {
                  remember(id, r);
                  confirmed(kind, id, r, u"a replacement"_s, holds(before, after), done);
              });
    });
}

void ScimTarget::remove(ObjectKind kind, const QString &id, const QJsonObject &, Done done)
{
    write("DELETE", path(kind, id), {}, id, [this, kind, id, done = std::move(done)](const ScimResponse &r) {
        confirmed(
            kind, id, r, u"a delete"_s,
            [](const FetchedObject &f) { return f.error == TargetReply::Error::NotFound; }, done);
    });
}

void ScimTarget::changeMembers(const QString &groupId, const MembersChange &change, Done done)
{
    if (change.isEmpty())
        return later<TargetReply>(this, std::move(done), {});
    if (m_caps.patch) {
        return write("PATCH", path(ObjectKind::Group, groupId), patchRequest(memberOperations(change)),
                     groupId, [this, groupId, change, done = std::move(done)](const ScimResponse &r) {
                         remember(groupId, r);
                         confirmed(ObjectKind::Group, groupId, r, u"a membership change"_s,
                                   membersHold(change), done);
                     });
    }
    fetch(ObjectKind::Group, groupId, [=, this](const FetchedObject &f) {
        if (!f.ok())
            return done(f);
        QJsonArray members;
        QSet<QString> present;
        for (const QJsonValue &m : f.resource.value(u"members"_s).toArray()) {
            const QString id = m.toObject().value(u"value"_s).toString();
            if (change.remove.contains(id) || present.contains(id))
                continue;
            present.insert(id);
            QJsonObject kept{{u"value"_s, id}};
            if (m.toObject().contains(u"type"_s))
                kept.insert(u"type"_s, m.toObject().value(u"type"_s));
            members.append(kept);
        }
        for (const MemberReference &m : change.add)
            if (!present.contains(m.id))
                members.append(member(m));
        const QJsonObject before{{u"members"_s, f.resource.value(u"members"_s)}};
        const QJsonObject after{{u"members"_s, members}};
        write("PUT", path(ObjectKind::Group, groupId), replaced(f.resource, before, after), groupId,
              [this, groupId, change, done](const ScimResponse &r) {
                  remember(groupId, r);
                  confirmed(ObjectKind::Group, groupId, r, u"a membership change"_s, membersHold(change),
                            done);
              });
    });
}

void ScimTarget::sendPasswordHash(const QString &userId, const PasswordHashValue &hash, Done done)
{
    QJsonObject credential{{u"passwordHashFormat"_s, hash.format}, {u"passwordHash"_s, hash.value}};
    if (hash.changedAt.isValid())
        credential.insert(u"passwordChangedAt"_s, hash.changedAt.toString(Qt::ISODate));
    // A hash cannot be read back: an answer that is not a resource leaves the hash to be sent again.
    const auto answered = [this, userId, done = std::move(done)](const ScimResponse &r) {
        remember(userId, r);
        confirmed(ObjectKind::User, userId, r, u"a password hash"_s, {}, done);
    };
    if (!m_caps.patch) {
        const QJsonObject after{{QLatin1StringView(Resource::UpdraftUserSchema), credential}};
        return fetch(ObjectKind::User, userId, [=, this](const FetchedObject &f) {
            if (!f.ok())
                return answered(ScimResponse{f.status, {}, false, {}, f.message, {}, 0});
            write("PUT", path(ObjectKind::User, userId), replaced(f.resource, {}, after), userId, answered);
        });
    }
    QJsonArray ops;
    for (auto it = credential.begin(); it != credential.end(); ++it)
        ops.append(QJsonObject{{u"op"_s, u"replace"_s},
                               {u"path"_s, updraftPath(it.key().toLatin1().constData())},
                               {u"value"_s, it.value()}});
    write("PATCH", path(ObjectKind::User, userId), patchRequest(ops), userId, answered);
}

int ScimTarget::pending() const
{
    return m_client.pending() + (m_bulk ? m_bulk->pending() : 0);
}

TargetStatistics ScimTarget::statistics() const
{
    TargetStatistics s = m_stats;
    const ScimClient::Statistics c = m_client.statistics();
    s.requests = c.requests;
    s.retries = c.retries;
    s.throttled = c.throttled;
    s.bulkRequests = m_bulk ? m_bulk->requests() : 0;
    return s;
}

} // namespace Updraft::Scim
