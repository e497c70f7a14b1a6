// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "decommission.h"

#include "config/configuration.h"
#include "config/keychain.h"
#include "store/statestore.h"
#include "syncrunner.h"

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

// The keychain entries of a removed configuration's secrets that no other configuration refers to (a
// duplicate may share them) are removed with it. Returns what the admin should know: empty, or the entries it
// could not remove.
QString forgetSecrets(const StateStore &store, const QJsonObject &definition)
{
    QStringList keys;
    for (const auto &[section, key] :
         {std::pair{u"source"_s, u"bindPassword"_s}, {u"target"_s, u"token"_s}}) {
        SecretReference reference;
        QString ignored;
        if (SecretReference::fromJson(definition[section][key], reference, &ignored) &&
            reference.kind == SecretReference::Kind::Keychain)
            keys.append(reference.name);
    }
    for (const StoredConfiguration &other : store.configurations())
        for (const QString &section : {u"source"_s, u"target"_s})
            for (const QJsonValue &value : other.definition[section].toObject())
                keys.removeAll(value[u"keychain"_s].toString());
    QStringList problems;
    for (const QString &key : std::as_const(keys)) {
        QString error;
        if (!Keychain::remove(key, &error))
            problems.append(error);
    }
    return problems.isEmpty()
               ? QString()
               : Decommission::tr(" Its secrets stay in the keychain: %1").arg(problems.join(u' '));
}

} // namespace

Decommission::Decommission(StateStore &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{}

Decommission::~Decommission() = default;

void Decommission::done(Result result)
{
    // Never from inside start(): whoever started it connects first.
    QMetaObject::invokeMethod(
        this, [this, result = std::move(result)] { Q_EMIT finished(result); }, Qt::QueuedConnection);
}

void Decommission::start(const QString &name, bool deprovision)
{
    const auto stored = m_store.configuration(name);
    if (!stored)
        return done({false, 0, 0, tr("There is no configuration named %1.").arg(name), {}});
    const int linked = int(m_store.links(stored->id).size());
    QString error;
    if (!deprovision) {
        if (!m_store.removeConfiguration(name, &error))
            return done({false, 0, 0, error, {}});
        return done(
            {true,
             linked,
             0,
             tr("%1 removed. Its %n cloud object(s) were left as they are.", nullptr, linked).arg(name) +
                 forgetSecrets(m_store, stored->definition),
             {}});
    }
    Configuration config;
    QStringList errors;
    if (!Configuration::fromJson(stored->definition, config, &errors))
        return done({false, 0, 0, tr("%1 cannot run: %2").arg(name, errors.join(u"; "_s)), {}});
    config.scope = {}; // nothing in scope: every object it provisioned is planned as a delete
    m_runner = std::make_unique<SyncRunner>(config, m_store, RunOptions{u"deprovision"_s});
    connect(m_runner.get(), &SyncRunner::progress, this, &Decommission::progress);
    connect(m_runner.get(), &SyncRunner::finished, this,
            [this, name, id = stored->id, definition = stored->definition, linked](const RunRecord &record) {
                cleanedUp(name, id, definition, linked, record);
            });
    QMetaObject::invokeMethod(m_runner.get(), &SyncRunner::start, Qt::QueuedConnection);
}

void Decommission::cleanedUp(const QString &name, qint64 configurationId, const QJsonObject &definition,
                             int before, const RunRecord &record)
{
    Result r;
    r.run = record;
    r.deleted = record.users.deleted + record.groups.deleted;
    if (record.status != u"success"_s) {
        r.message =
            record.status == u"stopped"_s
                ? tr("%1 was not removed: the clean-up would delete more objects than the delete threshold. "
                     "Approve the deletes, then remove it again.")
                      .arg(name)
                : tr("%1 was not removed: the clean-up run did not finish cleanly (%2: %3).")
                      .arg(name, record.status, record.message);
        return done(r);
    }
    const qsizetype left = m_store.links(configurationId).size();
    if (left > 0) {
        r.message = tr("%1 was not removed: %n of its object(s) are still in the cloud directory.", nullptr,
                       int(left))
                        .arg(name);
        return done(r);
    }
    QString error;
    if (!m_store.removeConfiguration(name, &error)) {
        r.message = error;
        return done(r);
    }
    r.removed = true;
    r.message = tr("%1 deprovisioned: %n cloud object(s) deleted, none left; the configuration is removed.",
                   nullptr, before)
                    .arg(name) +
                forgetSecrets(m_store, definition);
    return done(r);
}

} // namespace Updraft
