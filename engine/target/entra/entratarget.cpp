// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "entratarget.h"

#include "entratoken.h"
#include "graphclient.h"
#include "provisioninglog.h"

#include <QJsonArray>
#include <QTimer>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Entra {

namespace {

const QString CoreUser = u"urn:ietf:params:scim:schemas:core:2.0:User"_s;
const QString EnterpriseUser = u"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"_s;
const QString BulkRequest = u"urn:ietf:params:scim:api:messages:2.0:BulkRequest"_s;
constexpr int LogPage = 1000;

template <typename Reply> void later(QObject *context, std::function<void(const Reply &)> done, Reply reply)
{
    QMetaObject::invokeMethod(
        context, [done = std::move(done), reply = std::move(reply)] { done(reply); }, Qt::QueuedConnection);
}

TargetReply refused(const QString &message)
{
    TargetReply r;
    r.error = TargetReply::Error::Refused;
    r.message = message;
    return r;
}

// What a Graph answer means for the run.
TargetReply replyOf(const GraphResponse &g)
{
    TargetReply r;
    r.status = g.status;
    r.message = g.message;
    using E = TargetReply::Error;
    if (g.ok())
        return r;
    if (g.unauthorized || g.status == 401)
        r.error = E::Unauthorized;
    else if (g.status == 403)
        r.error = E::Forbidden;
    else if (g.status == 404)
        r.error = E::NotFound;
    else if (g.status == 0)
        r.error = E::Unreachable;
    else if (g.status >= 500 || g.status == 429) // 429 here: throttled beyond waiting for (the daily cap)
        r.error = E::ServerError;
    else
        r.error = E::Refused;
    return r;
}

Credentials credentialsOf(const TargetSettings &s)
{
    Credentials c;
    c.authority = s.entra.authority;
    c.tenant = s.entra.tenant;
    c.clientId = s.entra.clientId;
    c.timeoutSeconds = s.timeoutSeconds;
    // A sovereign cloud's Graph (graph.microsoft.us, microsoftgraph.chinacloudapi.cn, …) is its own audience.
    if (s.url.scheme() == u"https"_s && s.url.host().contains(u"graph"_s) &&
        s.url.host() != u"graph.microsoft.com"_s)
        c.scope = u"https://%1/.default"_s.arg(s.url.host());
    if (s.entra.certificateFile.isEmpty()) {
        c.clientSecret = s.token;
    } else { // never sent as a secret, even when the certificate could not be read
        c.certificatePem = s.entra.certificatePem;
        c.privateKeyPem = s.token;
    }
    return c;
}

} // namespace

EntraTarget::EntraTarget(const TargetSettings &settings, QObject *parent)
    : Target(parent)
    , m_settings(settings)
    , m_tokens(std::make_unique<TokenSource>(credentialsOf(settings), this))
    , m_graph(std::make_unique<GraphClient>(settings.url, *m_tokens, settings.timeoutSeconds,
                                            settings.maxAttempts, this))
{
    m_graph->setPacing(settings.entra.callsPerWindow, settings.entra.windowSeconds);
    m_graph->setPacedBudget(qMax(0, settings.entra.dailyCallLimit - settings.entra.callsUsedToday));
    m_capabilities.writesDeferred = true;
    m_capabilities.groups = false;
    m_capabilities.deletes = false;
    m_capabilities.lookups = false;
    m_capabilities.referencesByExternalId = true;
    m_capabilities.nestedGroups = false;
    m_capabilities.passwordHashes = false;
    m_capabilities.ownerMark = false;
}

EntraTarget::~EntraTarget() = default;

QString EntraTarget::jobPath() const
{
    return u"v1.0/servicePrincipals/%1/synchronization/jobs/%2"_s.arg(
        QString::fromLatin1(QUrl::toPercentEncoding(m_settings.entra.servicePrincipalId)),
        QString::fromLatin1(QUrl::toPercentEncoding(m_settings.entra.jobId)));
}

int EntraTarget::callsLeftToday() const
{
    // Uploads count from when they are queued, so that a batch posted at once cannot overrun the budget.
    const int thisRun = qMax(m_stats.bulkRequests, m_graph->statistics().pacedCalls);
    return qMax(0, m_settings.entra.dailyCallLimit - m_settings.entra.callsUsedToday - thisRun);
}

// --- discovery: the job, its state, and whether the provisioning logs can be read ---

void EntraTarget::discover(Done done)
{
    if (!m_settings.entra.certificateFile.isEmpty() &&
        !m_settings.entra.certificatePem.contains("-----BEGIN CERTIFICATE-----")) {
        TargetReply r;
        r.error = TargetReply::Error::Unauthorized;
        r.message =
            u"target.certificate: \"%1\" is not a readable PEM certificate file (for the account this "
            u"runs as)"_s.arg(m_settings.entra.certificateFile);
        return later<TargetReply>(this, std::move(done), r);
    }
    ++m_stats.lookups;
    m_graph->get(jobPath(), {}, [this, done = std::move(done)](const GraphResponse &job) mutable {
        if (job.status == 403) {
            // Reading the job needs Synchronization.Read.All, which uploading does not: go on without its
            // state.
            m_capabilities.assumptions.append(
                u"the provisioning job's state cannot be read (%1): grant Synchronization.Read.All to have a "
                u"paused or quarantined job reported before anything is sent"_s.arg(job.message));
            return readLogPermission(std::move(done));
        }
        if (!job.ok()) {
            TargetReply r = replyOf(job);
            if (job.status == 404)
                r.message = u"The provisioning job %1 of service principal %2 was not found (%3). Check the "
                            u"service principal's object id and the job id on the provisioning app's "
                            u"Provisioning page."_s.arg(m_settings.entra.jobId,
                                                        m_settings.entra.servicePrincipalId, job.message);
            if (r.error == TargetReply::Error::NotFound || r.error == TargetReply::Error::Refused)
                r.error = TargetReply::Error::Forbidden; // the target cannot be used as configured
            return done(r);
        }
        const QJsonObject status = job.body.value(u"status"_s).toObject();
        m_jobState = status.value(u"code"_s).toString();
        if (m_jobState.compare(u"Quarantine"_s, Qt::CaseInsensitive) == 0 ||
            m_jobState.compare(u"Paused"_s, Qt::CaseInsensitive) == 0) {
            const QJsonObject q = status.value(u"quarantine"_s).toObject();
            const QString reason = q.value(u"reason"_s).toString();
            TargetReply r;
            r.error = TargetReply::Error::Forbidden;
            r.message =
                m_jobState.compare(u"Paused"_s, Qt::CaseInsensitive) == 0
                    ? u"The provisioning job is paused: Entra would accept the records and process none. "
                      u"Start "
                      u"provisioning on the app's Provisioning page, then run again."_s
                    : u"The provisioning job is in quarantine%1: Entra would accept the records and process "
                      u"none. Fix the cause, restart provisioning on the app's Provisioning page, then run "
                      u"again."_s.arg(reason.isEmpty() ? QString() : u" (%1)"_s.arg(reason));
            return done(r);
        }
        readLogPermission(std::move(done));
    });
}

// Whether the provisioning logs can be read (a query of one entry), and the summary of what the target does.
void EntraTarget::readLogPermission(Done done)
{
    ++m_stats.lookups;
    m_graph->get(
        u"v1.0/auditLogs/provisioning"_s,
        provisioningLogQuery(m_settings.entra.jobId, QDateTime::currentDateTimeUtc(), 1),
        [this, done = std::move(done)](const GraphResponse &logs) {
            m_capabilities.deferredResults = logs.ok();
            QStringList &s = m_capabilities.summary;
            s = {u"provisioning job %1"_s.arg(m_jobState.isEmpty() ? u"state not read"_s : m_jobState),
                 u"users only: groups and password hashes are not provisioned to Entra this way"_s,
                 u"a user who leaves the scope is disabled, never deleted"_s,
                 u"at most %1 users a request, %2 requests in any %3 s"_s.arg(MaxOperations)
                     .arg(m_settings.entra.callsPerWindow)
                     .arg(m_settings.entra.windowSeconds),
                 u"%1 of today's %2 calls left (UTC)"_s.arg(callsLeftToday())
                     .arg(m_settings.entra.dailyCallLimit)};
            if (logs.ok())
                s.append(u"reads the provisioning logs: each user's outcome is attached when Entra has "
                         u"processed it"_s);
            else
                m_capabilities.assumptions.append(
                    u"the provisioning logs cannot be read (%1): grant ProvisioningLog.Read.All (or "
                    u"AuditLog.Read.All), or Updraft cannot tell what Entra did with each user"_s.arg(
                        logs.message));
            done({});
        });
}

Conformed EntraTarget::conform(ObjectKind kind, const QJsonObject &resource) const
{
    Conformed out;
    out.resource = resource;
    if (kind != ObjectKind::User)
        return out;
    // Entra's bulkUpload wants both the core and the enterprise schema named on every record.
    QStringList schemas;
    for (const QJsonValue &v : resource.value(u"schemas"_s).toArray())
        schemas.append(v.toString());
    for (const QString &s : {CoreUser, EnterpriseUser})
        if (!schemas.contains(s))
            schemas.append(s);
    for (auto it = out.resource.begin(); it != out.resource.end();) {
        // An extension of Updraft's own (the owner mark, password hashes) means nothing to Entra.
        if (it.key().startsWith(u"urn:"_s) && it.key() != EnterpriseUser && it.key().contains(u"updraft"_s)) {
            out.dropped.append(it.key());
            schemas.removeAll(it.key());
            it = out.resource.erase(it);
        } else {
            ++it;
        }
    }
    out.resource.insert(u"schemas"_s, QJsonArray::fromStringList(schemas));
    out.resource.remove(u"id"_s);
    out.resource.remove(u"meta"_s);
    for (const QString &required : {u"externalId"_s, u"userName"_s})
        if (out.resource.value(required).toString().isEmpty())
            out.missingRequired.append(required);
    return out;
}

// --- no reads: Entra matches each record itself, by externalId ---

void EntraTarget::prepareLookups(ObjectKind, int, Done done)
{
    later<TargetReply>(this, std::move(done), {});
}

void EntraTarget::find(ObjectKind, const QString &, const QString &, Callback<FoundObjects> done)
{
    later<FoundObjects>(this, std::move(done),
                        {}); // nothing to adopt: a record with a known externalId updates
}

void EntraTarget::fetch(ObjectKind, const QString &, Callback<FetchedObject> done)
{
    FetchedObject r;
    static_cast<TargetReply &>(r) =
        refused(u"Entra's inbound provisioning API does not read users back; what "
                u"Entra did with a user is in its provisioning log."_s);
    later<FetchedObject>(this, std::move(done), r);
}

void EntraTarget::countUsers(Callback<FetchedObject> done)
{
    fetch(ObjectKind::User, {}, std::move(done));
}

// --- writes: records for the job, 50 to a request ---

void EntraTarget::create(ObjectKind kind, const QJsonObject &resource, Callback<CreatedObject> done)
{
    if (kind != ObjectKind::User) {
        CreatedObject r;
        static_cast<TargetReply &>(r) = refused(u"Entra's inbound provisioning takes users only"_s);
        return later<CreatedObject>(this, std::move(done), r);
    }
    // Entra knows the user by its externalId: that is the id the engine links it with (and what a manager
    // reference carries).
    const QString id = resource.value(u"externalId"_s).toString();
    QJsonObject data = resource;
    if (!data.contains(u"active"_s))
        data.insert(u"active"_s, true);
    queue(data, [done = std::move(done), id](const TargetReply &r) {
        CreatedObject created;
        static_cast<TargetReply &>(created) = r;
        if (r.ok())
            created.id = id;
        done(created);
    });
}

void EntraTarget::update(ObjectKind kind, const QString &id, const QJsonObject &, const QJsonObject &after,
                         Done done)
{
    if (kind != ObjectKind::User)
        return later<TargetReply>(this, std::move(done),
                                  refused(u"Entra's inbound provisioning takes users only"_s));
    // A record is the whole user: Entra compares it with what it holds and changes what differs.
    QJsonObject data = after;
    data.insert(u"externalId"_s, id);
    if (!data.contains(u"active"_s))
        data.insert(u"active"_s, true);
    queue(data, std::move(done));
}

void EntraTarget::remove(ObjectKind kind, const QString &id, const QJsonObject &lastExported, Done done)
{
    if (kind != ObjectKind::User)
        return later<TargetReply>(this, std::move(done), {}); // never sent, so nothing to remove
    // Entra ignores deletes from this API: the user is disabled with the record last sent.
    QJsonObject data = conform(ObjectKind::User, lastExported).resource;
    data.insert(u"externalId"_s, id);
    data.insert(u"active"_s, false);
    queue(data, std::move(done));
}

void EntraTarget::changeMembers(const QString &, const MembersChange &, Done done)
{
    later<TargetReply>(this, std::move(done), refused(u"Entra's inbound provisioning takes users only"_s));
}

void EntraTarget::sendPasswordHash(const QString &, const PasswordHashValue &, Done done)
{
    later<TargetReply>(this, std::move(done),
                       refused(u"Entra's inbound provisioning does not take password hashes"_s));
}

void EntraTarget::queue(QJsonObject data, Done done)
{
    m_queued.append({std::move(data), std::move(done)});
    if (m_queued.size() >= MaxOperations)
        flush();
    else
        flushSoon();
}

// Records written in one turn of the event loop go out together.
void EntraTarget::flushSoon()
{
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_flushScheduled = false;
        flush();
    });
}

void EntraTarget::flush()
{
    while (!m_queued.isEmpty()) {
        const qsizetype n = qMin<qsizetype>(MaxOperations, m_queued.size());
        upload(m_queued.mid(0, n));
        m_queued.remove(0, n);
    }
}

void EntraTarget::upload(QList<Operation> batch)
{
    if (batch.isEmpty())
        return;
    // Stop before the tenant's daily cap rather than be cut off by it: what is not sent is sent on a later
    // run.
    if (callsLeftToday() <= 0) {
        const TargetReply notSent = refused(
            u"not sent: today's budget of %1 bulkUpload calls for the tenant is used (%2 made today, UTC); "
            u"it is sent on the first run after midnight UTC"_s.arg(m_settings.entra.dailyCallLimit)
                .arg(m_settings.entra.dailyCallLimit - callsLeftToday()));
        for (const Operation &op : batch)
            later<TargetReply>(this, op.done, notSent);
        return;
    }
    QJsonArray operations;
    for (const Operation &op : std::as_const(batch))
        operations.append(QJsonObject{{u"method"_s, u"POST"_s},
                                      {u"bulkId"_s, QString::number(++m_bulkId)},
                                      {u"path"_s, u"/Users"_s},
                                      {u"data"_s, op.data}});
    const QJsonObject body{{u"schemas"_s, QJsonArray{BulkRequest}}, {u"Operations"_s, operations}};
    ++m_uploading;
    ++m_stats.bulkRequests;
    m_stats.writes += int(batch.size());
    m_graph->postScim(jobPath() + u"/bulkUpload"_s, body, true,
                      [this, batch = std::move(batch)](const GraphResponse &g) mutable {
                          --m_uploading;
                          const TargetReply r = replyOf(g);
                          if (r.error == TargetReply::Error::Refused && batch.size() > 1) {
                              // One bad record refuses the whole request: halve it until the bad one is
                              // alone, so that only it fails.
                              const qsizetype half = batch.size() / 2;
                              upload(batch.mid(0, half));
                              upload(batch.mid(half));
                              return;
                          }
                          for (const Operation &op : std::as_const(batch))
                              op.done(r);
                      });
}

// --- results: the provisioning logs ---

void EntraTarget::deferredResults(const QDateTime &since, Callback<DeferredResults> done)
{
    if (!m_capabilities.deferredResults)
        return Target::deferredResults(since, std::move(done));
    auto out = std::make_shared<DeferredResults>();
    out->checkedUntil = QDateTime::currentDateTimeUtc(); // what was there when asked has been read
    ++m_stats.lookups;
    readLogs(u"v1.0/auditLogs/provisioning"_s, provisioningLogQuery(m_settings.entra.jobId, since, LogPage),
             out, std::move(done));
}

void EntraTarget::readLogs(const QString &pathOrLink, const QUrlQuery &query,
                           std::shared_ptr<DeferredResults> out, Callback<DeferredResults> done)
{
    m_graph->get(pathOrLink, query, [this, out, done = std::move(done)](const GraphResponse &g) mutable {
        if (!g.ok()) {
            static_cast<TargetReply &>(*out) = replyOf(g);
            return done(*out);
        }
        for (const QJsonValue &v : g.body.value(u"value"_s).toArray())
            if (auto r = readProvisioningLogEntry(v.toObject()))
                out->results.append(std::move(*r));
        if (const QString next = g.body.value(u"@odata.nextLink"_s).toString(); !next.isEmpty()) {
            ++m_stats.lookups;
            return readLogs(next, {}, out, std::move(done));
        }
        std::stable_sort(out->results.begin(), out->results.end(),
                         [](const DeferredResult &a, const DeferredResult &b) { return a.at < b.at; });
        done(*out);
    });
}

int EntraTarget::pending() const
{
    return int(m_queued.size()) + m_uploading + m_graph->pending();
}

TargetStatistics EntraTarget::statistics() const
{
    const GraphClient::Statistics g = m_graph->statistics();
    TargetStatistics s = m_stats;
    s.requests = g.requests + m_tokens->requests();
    s.retries = g.retries;
    s.throttled = g.throttled;
    s.budgetedCalls = g.pacedCalls;
    return s;
}

} // namespace Updraft::Entra
