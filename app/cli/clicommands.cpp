// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommands.h"

#include "config/configuration.h"
#include "store/recordjson.h"
#include "store/statestore.h"
#include "sync/decommission.h"
#include "sync/health.h"
#include "sync/passwordhashadvice.h"
#include "sync/syncrunner.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Cli {

void out(const QString &text)
{
    std::fputs(qPrintable(text + u'\n'), stdout);
}

void err(const QString &text)
{
    std::fputs(qPrintable(text + u'\n'), stderr);
}

void printJson(const QJsonValue &value)
{
    const QJsonDocument doc =
        value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    std::fputs(doc.toJson(QJsonDocument::Indented).constData(), stdout);
}

std::unique_ptr<StateStore> openStore(const Options &options)
{
    const QString dir = options.stateDir.isEmpty() ? defaultStatePath() : options.stateDir;
    auto store =
        std::make_unique<StateStore>(options.store.isEmpty() ? StateStore::fileIn(dir) : options.store, dir);
    QString error;
    if (!store->open(&error)) {
        err(u"updraft-cli: %1"_s.arg(error));
        return nullptr;
    }
    return store;
}

namespace {

bool loadConfiguration(const Options &options, StateStore &store, const QString &name, Configuration &config)
{
    QJsonObject json;
    QString origin;
    if (!options.configFile.isEmpty()) {
        QFile file(options.configFile);
        if (!file.open(QIODevice::ReadOnly)) {
            err(u"updraft-cli: cannot read %1: %2"_s.arg(options.configFile, file.errorString()));
            return false;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
        if (!doc.isObject()) {
            err(u"%1: not a JSON object%2"_s.arg(
                options.configFile,
                parseError.error
                    ? u" (%1 at offset %2)"_s.arg(parseError.errorString()).arg(parseError.offset)
                    : QString()));
            return false;
        }
        json = doc.object();
        origin = options.configFile;
    } else {
        const auto stored = store.configuration(name);
        if (!stored) {
            err(u"updraft-cli: no configuration named \"%1\" in %2 (see: updraft-cli configs)"_s.arg(
                name, store.path()));
            return false;
        }
        json = stored->definition;
        origin = u"configuration %1"_s.arg(name);
    }
    QStringList errors;
    if (!Configuration::fromJson(json, config, &errors)) {
        for (const QString &e : std::as_const(errors))
            err(u"%1: %2"_s.arg(origin, e));
        return false;
    }
    return true;
}

QString countsLine(const ObjectCounts &c)
{
    return u"created %1  updated %2  deleted %3  unchanged %4  failed %5"_s.arg(c.created)
        .arg(c.updated)
        .arg(c.deleted)
        .arg(c.unchanged)
        .arg(c.failed);
}

QString duration(const RunRecord &r)
{
    if (!r.startedAt.isValid() || !r.finishedAt.isValid())
        return u"-"_s;
    return u"%1 s"_s.arg(double(r.startedAt.msecsTo(r.finishedAt)) / 1000.0, 0, 'f', 1);
}

} // namespace

QString defaultStatePath()
{
    return StateStore::defaultDirectory();
}

int runCommand(const Options &options, const QString &name)
{
    const auto store = openStore(options);
    if (!store)
        return CouldNotRun;
    Configuration config;
    if (!loadConfiguration(options, *store, name, config))
        return CouldNotRun;
    return runConfiguration(options, *store, config, u"manual"_s);
}

int runConfiguration(const Options &options, StateStore &store, const Configuration &config,
                     const QString &trigger)
{
    // The run's successes are in the store; the command shows only what did not succeed.
    SyncRunner runner(
        config, store,
        RunOptions{.trigger = trigger, .dryRun = options.dryRun, .full = options.full, .keepResults = false});
    if (!options.json) {
        QObject::connect(&runner, &SyncRunner::progress, &runner,
                         [last = QString()](const QString &phase, int, int) mutable {
                             if (phase != last)
                                 err(u"  %1…"_s.arg(phase));
                             last = phase;
                         });
    }
    int code = CouldNotRun;
    QObject::connect(&runner, &SyncRunner::finished, &runner, [&](const RunRecord &record) {
        if (record.status == u"success"_s || record.status == u"dry-run"_s)
            code = Success;
        else if (record.status == u"warning"_s)
            code = ObjectErrors;
        else if (record.status == u"stopped"_s)
            code = StoppedByGuard;
        QCoreApplication::exit(code);
    });
    QMetaObject::invokeMethod(&runner, &SyncRunner::start, Qt::QueuedConnection);
    QCoreApplication::exec();

    const RunRecord &r = runner.record();
    if (options.json) {
        QJsonObject o = RecordJson::run(r);
        if (options.dryRun) {
            QJsonArray plan;
            for (const RunResult &result : runner.results())
                plan.append(RecordJson::result(result));
            o.insert(u"plan"_s, plan);
        }
        printJson(o);
        return code;
    }
    out(options.dryRun ? u"%1: dry run, nothing written"_s.arg(config.name)
                       : u"%1: run %2 %3 in %4"_s.arg(config.name).arg(r.id).arg(r.status, duration(r)));
    if (!r.message.isEmpty())
        out(u"  %1"_s.arg(r.message));
    out(u"  users:  "_s + countsLine(r.users));
    out(u"  groups: "_s + countsLine(r.groups));
    if (!r.passwordHashes.isEmpty()) {
        QStringList parts;
        for (auto it = r.passwordHashes.begin(); it != r.passwordHashes.end(); ++it)
            parts.append(u"%1 %2"_s.arg(it.key()).arg(it.value()));
        out(u"  password hashes: "_s + parts.join(u"  "_s));
    }
    int shown = 0;
    for (const RunResult &result : runner.results()) {
        // What did not succeed, and what the run read and why (only what changed, or everything).
        if (!options.dryRun && result.outcome == u"success"_s && result.action != u"read"_s)
            continue;
        if (++shown > 50) {
            out(u"  … see: updraft-cli results %1"_s.arg(r.id));
            break;
        }
        if (result.action == u"read"_s && result.outcome == u"success"_s)
            out(u"  read: %1"_s.arg(result.message));
        else
            out(u"  %1 %2 %3: %4%5"_s.arg(result.outcome, result.action, result.kind, result.dn,
                                          result.message.isEmpty() ? QString() : u" — "_s + result.message));
    }
    return code;
}

int importCommand(const Options &options)
{
    const auto store = openStore(options);
    if (!store)
        return CouldNotRun;
    Configuration config;
    if (!loadConfiguration(options, *store, {}, config))
        return CouldNotRun;
    qint64 id = 0;
    QString error;
    const bool existed = store->configuration(config.name).has_value();
    if (!store->saveConfiguration(config.name, config.toJson(), &id, &error)) {
        err(u"updraft-cli: %1"_s.arg(error));
        return CouldNotRun;
    }
    out(u"%1: configuration %2 in %3%4"_s.arg(
        config.name, existed ? u"updated"_s : u"imported"_s, store->path(),
        config.schedule.enabled ? u"; it runs every %1 s once the agent or the console is running"_s.arg(
                                      config.schedule.intervalSeconds)
                                : u"; it runs on demand"_s));
    return Success;
}

int configsCommand(const Options &options)
{
    const auto store = openStore(options);
    if (!store)
        return CouldNotRun;
    const QList<StoredConfiguration> configs = store->configurations();
    if (options.json) {
        QJsonArray list;
        for (const StoredConfiguration &c : configs) {
            // The health and last run the console's dashboard shows, from the same engine code.
            const auto facts = ConfigurationHealth::gather(*store, c.id, c.name, false);
            const ConfigurationHealth health = ConfigurationHealth::assess(facts);
            QJsonObject o{
                {u"name"_s, c.name},
                {u"updatedAt"_s, c.updatedAt.toString(Qt::ISODate)},
                {u"health"_s, QJsonObject{{u"level"_s, ConfigurationHealth::levelName(health.level)},
                                          {u"word"_s, health.word},
                                          {u"detail"_s, health.detail}}},
                {u"definition"_s, c.definition}};
            if (facts.lastRun)
                o.insert(u"lastRun"_s, RecordJson::run(*facts.lastRun));
            if (const auto cloud = store->discoveredTarget(c.id))
                o.insert(u"cloudSupports"_s,
                         QJsonObject{{u"askedAt"_s, cloud->discoveredAt.toString(Qt::ISODate)},
                                     {u"url"_s, cloud->url},
                                     {u"supports"_s, QJsonArray::fromStringList(cloud->supports)},
                                     {u"assumptions"_s, QJsonArray::fromStringList(cloud->assumptions)}});
            list.append(o);
        }
        printJson(list);
        return Success;
    }
    if (configs.isEmpty())
        out(u"No configurations yet: updraft-cli run --config FILE.json imports one."_s);
    for (const StoredConfiguration &c : configs) {
        const auto facts = ConfigurationHealth::gather(*store, c.id, c.name, false);
        const ConfigurationHealth health = ConfigurationHealth::assess(facts);
        out(u"%1  %2  last run: %3"_s.arg(
            c.name, c.definition.value(u"source"_s).toObject().value(u"url"_s).toString(),
            !facts.lastRun
                ? u"never"_s
                : u"%1 %2"_s.arg(facts.lastRun->startedAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s),
                                 facts.lastRun->status)));
        out(u"  %1: %2"_s.arg(health.word, health.detail));
        if (const auto cloud = store->discoveredTarget(c.id))
            out(u"  the cloud directory said (%1): %2%3"_s.arg(
                cloud->discoveredAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s),
                cloud->supports.join(u"; "_s),
                cloud->assumptions.isEmpty() ? QString()
                                             : u" (assumed: %1)"_s.arg(cloud->assumptions.join(u"; "_s))));
    }
    return Success;
}

int historyCommand(const Options &options, const QString &name)
{
    const auto store = openStore(options);
    if (!store)
        return CouldNotRun;
    if (!name.isEmpty() && !store->configuration(name)) {
        err(u"updraft-cli: no configuration named \"%1\""_s.arg(name));
        return CouldNotRun;
    }
    const QList<RunRecord> runs = store->runs(name, options.limit);
    if (options.json) {
        QJsonArray list;
        for (const RunRecord &r : runs)
            list.append(RecordJson::run(r));
        printJson(list);
        return Success;
    }
    out(u"%1  %2  %3  %4  %5  %6  %7"_s.arg(u"RUN"_s, -6)
            .arg(u"STARTED"_s, -19)
            .arg(u"CONFIGURATION"_s, -24)
            .arg(u"STATUS"_s, -11)
            .arg(u"TIME"_s, 8)
            .arg(u"USERS +/~/-/=/!"_s, -22)
            .arg(u"GROUPS +/~/-/=/!"_s));
    for (const RunRecord &r : runs) {
        const auto c = [](const ObjectCounts &x) {
            return u"%1/%2/%3/%4/%5"_s.arg(x.created)
                .arg(x.updated)
                .arg(x.deleted)
                .arg(x.unchanged)
                .arg(x.failed);
        };
        out(u"%1  %2  %3  %4  %5  %6  %7"_s.arg(r.id, -6)
                .arg(r.startedAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s), -19)
                .arg(r.configurationName, -24)
                .arg(r.status, -11)
                .arg(duration(r), 8)
                .arg(c(r.users), -22)
                .arg(c(r.groups)));
    }
    return Success;
}

int hashesCommand(const Options &options, const QString &name)
{
    const auto store = openStore(options);
    if (!store)
        return CouldNotRun;
    QList<StoredConfiguration> configs;
    if (name.isEmpty()) {
        configs = store->configurations();
    } else if (const auto c = store->configuration(name)) {
        configs.append(*c);
    } else {
        err(u"updraft-cli: no configuration named \"%1\""_s.arg(name));
        return CouldNotRun;
    }
    if (options.resyncHashes) {
        if (name.isEmpty()) {
            err(u"updraft-cli: hashes --resync needs a configuration NAME"_s);
            return UsageError;
        }
        const int n = store->requestHashResync(configs.first().id);
        if (n < 0) {
            err(u"updraft-cli: %1"_s.arg(store->lastError()));
            return CouldNotRun;
        }
        out(u"%1: the next run sends the password hashes of all users in scope again (%2 known now)."_s
                .arg(name)
                .arg(n));
        return Success;
    }
    // Problems first, then by DN.
    const QStringList order = PasswordHashAdvice::statusOrder();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QJsonArray list;
    int problems = 0;
    for (const StoredConfiguration &c : configs) {
        QList<PasswordHashState> states = store->passwordHashes(c.id).values();
        std::sort(states.begin(), states.end(), [&](const PasswordHashState &a, const PasswordHashState &b) {
            const qsizetype x = order.indexOf(a.status), y = order.indexOf(b.status);
            return x != y ? x < y : a.dn < b.dn;
        });
        for (const PasswordHashState &s : std::as_const(states)) {
            const bool problem = s.status != u"synced"_s;
            problems += problem;
            if (options.errorsOnly && !problem)
                continue;
            if (options.json) {
                QJsonObject o = RecordJson::passwordHash(s);
                o.insert(u"configuration"_s, c.name);
                list.append(o);
                continue;
            }
            QString line = u"%1  %2  %3"_s.arg(s.status, -16).arg(c.name, -20).arg(s.dn);
            if (!s.reason.isEmpty())
                line += u"\n    "_s + s.reason;
            if (s.httpStatus >= 300)
                line += u" (HTTP %1)"_s.arg(s.httpStatus);
            if (problem && s.attempts)
                line += u"\n    since %1, %2 attempts, last %3%4"_s
                            .arg(s.firstSeen.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s))
                            .arg(s.attempts)
                            .arg(s.lastAttempt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s))
                            .arg(s.nextAttempt.isValid()
                                     ? u", next not before "_s +
                                           s.nextAttempt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s)
                                     : QString());
            else if (problem)
                line += u"\n    since %1"_s.arg(s.firstSeen.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s));
            if (problem)
                line += u"\n    next: "_s + PasswordHashAdvice::of(s, now).nextStep;
            out(line);
        }
    }
    if (options.json)
        printJson(list);
    else if (list.isEmpty() && problems == 0 && options.errorsOnly)
        out(u"No password hash problems."_s);
    return Success;
}

int deletesCommand(const Options &options, const QString &name, const QList<qint64> &ids)
{
    const auto store = openStore(options);
    if (!store)
        return CouldNotRun;
    const auto config = store->configuration(name);
    if (!config) {
        err(u"updraft-cli: no configuration named \"%1\""_s.arg(name));
        return CouldNotRun;
    }
    if (!options.decision.isEmpty()) {
        if (ids.isEmpty() && !options.all) {
            err(u"updraft-cli: deletes --%1 needs staged delete IDs, or --all"_s.arg(
                options.decision == u"approved"_s ? u"approve"_s : u"reject"_s));
            return UsageError;
        }
        const int n = store->decideDeletes(config->id, options.all ? QList<qint64>() : ids, options.decision);
        out(u"%1: %2 staged deletes %3. %4"_s.arg(name).arg(n).arg(
            options.decision, options.decision == u"approved"_s ? u"The next run carries them out."_s
                                                                : u"They are kept and not proposed again "
                                                                  u"unless their cause changes."_s));
        return Success;
    }
    const QList<StagedDelete> staged = store->stagedDeletes(config->id);
    if (options.json) {
        QJsonArray list;
        for (const StagedDelete &d : staged)
            list.append(QJsonObject{{u"id"_s, d.id},
                                    {u"kind"_s, d.kind},
                                    {u"dn"_s, d.dn},
                                    {u"displayName"_s, d.displayName},
                                    {u"cloudId"_s, d.cloudId},
                                    {u"cause"_s, d.cause},
                                    {u"decision"_s, d.decision},
                                    {u"stagedAt"_s, d.stagedAt.toString(Qt::ISODateWithMs)},
                                    {u"run"_s, d.runId}});
        printJson(list);
        return Success;
    }
    if (staged.isEmpty())
        out(u"%1: no staged deletes."_s.arg(name));
    for (const StagedDelete &d : staged)
        out(u"%1  %2  %3  %4  %5"_s.arg(d.id, 6).arg(d.decision, -9).arg(d.kind, -5).arg(d.dn, d.cause));
    if (!staged.isEmpty())
        out(u"Decide with: updraft-cli deletes %1 --approve ID… | --reject ID… | --approve --all"_s.arg(
            name));
    return Success;
}

int removeCommand(const Options &options, const QString &name)
{
    const auto store = openStore(options);
    if (!store)
        return CouldNotRun;
    if (!store->configuration(name)) {
        err(u"updraft-cli: no configuration named \"%1\""_s.arg(name));
        return CouldNotRun;
    }
    Decommission decommission(*store);
    QObject::connect(&decommission, &Decommission::progress, &decommission,
                     [last = QString()](const QString &phase, int, int) mutable {
                         if (phase != last)
                             err(u"  %1…"_s.arg(phase));
                         last = phase;
                     });
    Decommission::Result result;
    QObject::connect(&decommission, &Decommission::finished, &decommission,
                     [&](const Decommission::Result &r) {
                         result = r;
                         QCoreApplication::exit(0);
                     });
    decommission.start(name, options.deprovision);
    QCoreApplication::exec();
    if (result.removed) {
        out(options.deprovision ? result.message
                                : result.message + u" To delete them, use remove --deprovision instead."_s);
        return Success;
    }
    err(u"updraft-cli: "_s + result.message);
    if (result.run.status == u"stopped"_s)
        return StoppedByGuard;
    return result.run.id ? ObjectErrors : CouldNotRun;
}

int resultsCommand(const Options &options, qint64 runId)
{
    const auto store = openStore(options);
    if (!store)
        return CouldNotRun;
    const auto run = store->run(runId);
    if (!run) {
        err(u"updraft-cli: there is no run %1"_s.arg(runId));
        return CouldNotRun;
    }
    const QList<RunResult> results = store->results(runId);
    if (options.json) {
        QJsonArray list;
        for (const RunResult &r : results)
            list.append(RecordJson::result(r));
        QJsonObject o = RecordJson::run(*run);
        o.insert(u"results"_s, list);
        printJson(o);
        return Success;
    }
    out(u"run %1 of %2: %3, %4 objects touched"_s.arg(runId)
            .arg(run->configurationName, run->status)
            .arg(results.size()));
    for (const RunResult &r : results)
        out(u"%1  %2  %3  %4%5%6"_s.arg(r.outcome, -8)
                .arg(r.action, -9)
                .arg(r.kind, -5)
                .arg(r.dn)
                .arg(r.changes.isEmpty() ? QString() : u" ["_s + r.changes.join(u", "_s) + u']')
                .arg(r.message.isEmpty() ? QString() : u" — "_s + r.message));
    return Success;
}

} // namespace Updraft::Cli
