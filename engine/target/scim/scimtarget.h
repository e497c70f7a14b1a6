// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scimcapabilities.h"
#include "scimclient.h"
#include "target/target.h"

#include <QSet>

#include <array>

namespace Updraft::Scim {

class BulkQueue;

// A SCIM 2.0 service (RFC 7643, RFC 7644), used the way it says it can be: discovery first
// (/ServiceProviderConfig, /Schemas, /ResourceTypes), then filters or one listing to match, PATCH or PUT to
// change, Bulk when offered, If-Match when it keeps ETags. Only eq filters, two lookups rather than an `or`.
class ScimTarget : public Target
{
    Q_OBJECT
public:
    explicit ScimTarget(const TargetSettings &settings, QObject *parent = nullptr);
    ~ScimTarget() override;

    void setTransport(HttpTransport *transport) { m_client.setTransport(transport); } // for unit tests

    void discover(Done done) override;
    const TargetCapabilities &capabilities() const override { return m_public; }
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
    int pending() const override;
    TargetStatistics statistics() const override;

    // What the service said, for tests and the connection test.
    const Capabilities &scimCapabilities() const { return m_caps; }

private:
    // One listing of a collection (id, externalId, userName / displayName), built once when the service has
    // no filters or refused one; then lookups are answered from it.
    struct Index {
        enum class State { None, Loading, Ready } state = State::None;
        QHash<QString, QString> byExternalId;
        QHash<QString, QString> byUserName; // lower case
        QList<std::function<void()>> waiting;
        TargetReply error;
        int startIndex = 1;
        QString firstIdOfLastPage;
        // Objects whose create got no usable answer (the service may have made them): the listing, taken
        // before, cannot tell, so their lookup asks the service itself.
        QSet<QString> unsure; // externalIds
    };

    QString path(ObjectKind kind, const QString &id = {}) const;
    void discovered();
    void findByFilter(ObjectKind kind, const QString &externalId, const QString &userName,
                      Callback<FoundObjects> done);
    void findInIndex(ObjectKind kind, const QString &externalId, const QString &userName,
                     Callback<FoundObjects> done);
    void loadIndex(ObjectKind kind);
    void loadPage(ObjectKind kind, bool withAttributes);
    void replaceWhole(ObjectKind kind, const QString &id, const QJsonObject &before, const QJsonObject &after,
                      Done done);
    void write(const QByteArray &verb, const QString &path, const QJsonObject &body, const QString &id,
               ScimClient::Callback done);
    void remember(const QString &id, const ScimResponse &r);
    TargetReply reply(const ScimResponse &r, const QString &what) const;
    // The reply to a write. RFC 7644 answers a write with 204 or with the resource; a 2xx with anything else
    // (an HTML page, an empty or broken body) leaves its outcome unknown, so the object is read back and
    // `applied` decides; what cannot be confirmed is an Unreadable failure, looked at again by the next run.
    using AppliedCheck = std::function<bool(const FetchedObject &)>;
    void confirmed(ObjectKind kind, const QString &id, const ScimResponse &r, const QString &what,
                   AppliedCheck applied, Done done);

    TargetSettings m_settings;
    ScimClient m_client;
    Capabilities m_caps;
    TargetCapabilities m_public;
    BulkQueue *m_bulk = nullptr;
    std::array<bool, 2>
        m_listing{}; // by kind: match from a listing (no filters, a filter refused, or cheaper)
    std::array<Index, 2> m_index;
    std::array<bool, 2> m_noFilters{};     // by kind: the service has none (it says so, or refused one)
    QHash<QString, QByteArray> m_versions; // cloud id -> ETag, with etag support
    int m_discoveryPending = 0;
    TargetReply m_discoveryError;
    Done m_discovered;
    TargetStatistics m_stats;
};

} // namespace Updraft::Scim
