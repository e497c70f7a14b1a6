// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// SyncRunner: Active Directory NT hashes by replication (MS-DRSR) for the users a run read, when the
// configuration's source.passwordHashes.method is "replication" (docs/password-hash-sync.md).
#include "syncrunner.h"

#include "core/logging.h"
#include "passwordhashadvice.h"
#include "source/anchor.h"
#include "source/hashreplication.h"
#include "store/statestore.h"

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

// The users read this run: want every one; fetch those whose hash is needed even if it did not change (not
// synced yet, or synced without a digest). A delta pass leaves out the users whose password did not change:
// they are marked unchanged and keep their status. On demand, only the chosen users are fetched, one by one.
void SyncRunner::replicateHashes(const QByteArray &bindPassword)
{
    const qint64 id = m_record.configurationId;
    const bool onDemand = !m_options.only.isEmpty();
    const ReplicationState state = id ? m_store.replicationState(id) : ReplicationState();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const bool fullDue = state.position.isEmpty() || m_options.full || !state.fullPassAt.isValid() ||
                         state.fullPassAt.addSecs(qint64(m_config.schedule.fullReadHours) * 3600) <= now;
    const QHash<QString, PasswordHashState> states = id ? m_store.passwordHashes(id) : decltype(states)();
    QStringList want;
    QSet<QString> fetch;
    for (auto it = m_credentials.cbegin(); it != m_credentials.cend(); ++it) {
        if (it->objectGuid.size() != 16 || (onDemand && !m_options.only.contains(it.key())))
            continue;
        const QString guid = Anchor::guidBytesToText(it->objectGuid);
        want.append(guid);
        const auto previous = states.constFind(it.key());
        if (onDemand || previous == states.cend() ||
            previous->status != QLatin1StringView(PasswordHashState::Synced) || previous->digest.isEmpty())
            fetch.insert(guid);
    }

    ReplicationSettings settings;
    QString error;
    ReplicationPass pass;
    bool ok = m_config.source.replicationSettings(bindPassword, settings, &error);
    if (ok) {
        HashReplication replication(settings);
        settings.password.fill('\0');
        ok = onDemand ? replication.fetch(want, pass)
                      : replication.replicate(fullDue ? QByteArray() : state.position, want, fetch, pass);
        if (!ok)
            error = replication.explainError();
    }
    if (!ok) {
        // Every user read this run fails its hash, and is tried again on the next run.
        const QString reason = PasswordHashAdvice::replicationFailure(settings.server, error);
        qCWarning(lcSync).noquote() << m_config.name << ":" << reason;
        result(ObjectKind::User, {}, {}, m_config.name, u"password-hash"_s, u"failed"_s, reason);
        for (SourceCredential &c : m_credentials) {
            c.value.clear();
            c.format = SourceCredential::Format::None;
            c.problem = reason;
            c.retry = true;
        }
        return;
    }
    for (SourceCredential &c : m_credentials) {
        c.problem.clear();
        const QString guid = c.objectGuid.size() == 16 ? Anchor::guidBytesToText(c.objectGuid) : QString();
        if (const auto hash = pass.hashes.constFind(guid); hash != pass.hashes.cend())
            HashReplication::apply(c, *hash);
        else if (pass.full || fetch.contains(guid) || guid.isEmpty())
            c.problem = guid.isEmpty() ? u"objectGUID could not be read, so the user cannot be replicated"_s
                                       : u"replication did not return this user"_s;
        else
            c.unchanged = true;
    }
    for (QByteArray &h : pass.hashes)
        h.fill('\0');
    m_replication = {pass.position, pass.full ? now : state.fullPassAt};
    result(ObjectKind::User, {}, {}, m_config.name, u"password-hash"_s, u"success"_s,
           (onDemand ? u"Password hashes replicated from %1 for the chosen users (%2 users, %3 s)%4."_s
            : pass.full
                ? u"Password hashes replicated from %1: a full pass (%2 users in this run, %3 s)%4."_s
                : u"Password hashes replicated from %1: only what changed since the last pass (%2 users "
                  u"read again, %3 s)%4."_s)
               .arg(settings.server)
               .arg(pass.returned + pass.fetched)
               .arg(pass.seconds, 0, 'f', 1)
               .arg(pass.fallback.isEmpty() ? QString() : u"; a full pass because "_s + pass.fallback));
    qCInfo(lcSync).noquote() << m_config.name << ": replicated" << pass.returned << "hashes," << pass.fetched
                             << "one by one," << pass.discarded << "others dropped unread";
}

} // namespace Updraft
