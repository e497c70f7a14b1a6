// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "target/target.h"

#include <memory>

namespace Updraft::Entra {

class GraphClient;
class TokenSource;

// Microsoft Entra ID through API-driven inbound provisioning: users go to a provisioning job's bulkUpload
// endpoint, at most 50 a request, paced under the job's limit and counted against the tenant's daily budget.
// Entra matches each record by externalId and decides itself whether to create, update or disable; it answers
// "accepted", and what it did appears later in the provisioning logs (deferredResults()). Users only; a
// leaver is disabled, never deleted; no password hashes.
class EntraTarget : public Target
{
    Q_OBJECT
public:
    static constexpr int MaxOperations = 50; // Microsoft's limit for one bulkUpload request

    explicit EntraTarget(const TargetSettings &settings, QObject *parent = nullptr);
    ~EntraTarget() override;

    void discover(Done done) override;
    const TargetCapabilities &capabilities() const override { return m_capabilities; }
    Conformed conform(ObjectKind kind, const QJsonObject &resource) const override;

    void prepareLookups(ObjectKind kind, int count, Done done) override;
    void find(ObjectKind kind, const QString &externalId, const QString &userName,
              Callback<FoundObjects> done) override;
    void fetch(ObjectKind kind, const QString &id, Callback<FetchedObject> done) override;
    void countUsers(Callback<FetchedObject> done) override;
    void create(ObjectKind kind, const QJsonObject &resource, Callback<CreatedObject> done) override;
    void update(ObjectKind kind, const QString &id, const QJsonObject &before, const QJsonObject &after,
                Done done) override;
    void remove(ObjectKind kind, const QString &id, const QJsonObject &lastExported, Done done) override;
    void changeMembers(const QString &groupId, const MembersChange &change, Done done) override;
    void sendPasswordHash(const QString &userId, const PasswordHashValue &hash, Done done) override;
    void deferredResults(const QDateTime &since, Callback<DeferredResults> done) override;
    int pending() const override;
    TargetStatistics statistics() const override;

    // Calls left of today's budget (UTC), counting this run's.
    int callsLeftToday() const;

private:
    struct Operation {
        QJsonObject data;
        Done done;
    };
    void queue(QJsonObject data, Done done);
    void flushSoon();
    void flush();
    void upload(QList<Operation> batch);
    void readLogPermission(Done done);
    void readLogs(const QString &pathOrLink, const QUrlQuery &query, std::shared_ptr<DeferredResults> out,
                  Callback<DeferredResults> done);
    QString jobPath() const;

    TargetSettings m_settings;
    std::unique_ptr<TokenSource> m_tokens;
    std::unique_ptr<GraphClient> m_graph;
    TargetCapabilities m_capabilities;
    QString m_jobState;
    QList<Operation> m_queued;
    bool m_flushScheduled = false;
    int m_uploading = 0;
    int m_bulkId = 0;
    TargetStatistics m_stats;
};

} // namespace Updraft::Entra
