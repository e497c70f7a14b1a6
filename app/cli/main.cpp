// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommands.h"
#include "core/allocator.h"
#include "core/translations.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

int usage(const QCommandLineParser &parser, const QString &problem)
{
    std::fprintf(stderr, "updraft-cli: %s\n\n%s", qPrintable(problem), qPrintable(parser.helpText()));
    return Cli::UsageError;
}

} // namespace

int main(int argc, char *argv[])
{
    useOneAllocatorArena();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"updraft"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(UPDRAFT_VERSION));
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Provisions users and groups from an LDAP directory to a SCIM 2.0 cloud directory.\n\n"
        u"Commands:\n"
        u"  run --config FILE.json   import or update the configuration, then run one cycle\n"
        u"  run NAME                 run a configuration already in the store\n"
        u"  import --config FILE     check a configuration and store it without running it (the agent\n"
        u"                           and the console then run it on its schedule or on demand)\n"
        u"  configs                  list the configurations in the store\n"
        u"  history [NAME]           list runs, newest first\n"
        u"  results RUN_ID           list what one run did to each object\n"
        u"  hashes [NAME]            each user's password hash status (--errors: problems only;\n"
        u"                           --resync: send every hash again on the next run)\n"
        u"  deletes NAME             deletes staged by the delete threshold; decide with\n"
        u"                           --approve ID… | --reject ID… | --approve --all\n"
        u"  explain NAME TEXT        how the user or group TEXT (a DN, uid, sAMAccountName, UPN, cn or\n"
        u"                           mail) goes through a run of NAME, step by step; writes nothing\n"
        u"                           (--provision: then provision exactly that object now, alone)\n"
        u"  run NAME --request       on a shared store: ask the agent that leads NAME to run it\n"
        u"  agent                    run every configuration on its schedule until SIGTERM; on a shared\n"
        u"                           store, those this agent leads (--lease-seconds N: takeover bound)\n"
        u"  store migrate --to URL   copy this store into an empty shared PostgreSQL store\n"
        u"  remove NAME              remove a configuration; its cloud objects stay (--deprovision: delete\n"
        u"                           them first, through the delete threshold, then remove it)\n"
        u"  secret set NAME FIELD    store a password or token in the OS keychain (FIELD:\n"
        u"                           source.bindPassword or target.token), read from stdin without echo;\n"
        u"                           prints the reference {\"keychain\": \"NAME/FIELD\"} to use\n"
        u"  secret remove NAME FIELD remove it from the keychain\n\n"
        u"Exit codes: 0 success, 1 could not run, 2 finished with object errors, 3 stopped by a safety "
        u"guard, "
        u"64 usage error."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"command"_s, u"run, configs, history or results"_s);
    const QCommandLineOption state(
        u"state"_s, u"State directory (default: %1)."_s.arg(Cli::defaultStatePath()), u"DIR"_s);
    const QCommandLineOption store(
        u"store"_s,
        u"The state store: a postgresql://USER@HOST/DATABASE?password=env:VAR URL that several agents and "
        u"consoles share (default: $UPDRAFT_STORE, else a SQLite file in the state directory, which then "
        u"keeps "
        u"only what is local to this machine)."_s,
        u"LOCATION"_s);
    const QCommandLineOption config(u"config"_s, u"Configuration file to import and run."_s, u"FILE"_s);
    const QCommandLineOption dryRun(u"dry-run"_s,
                                    u"Print the plan; write nothing to the target or the store."_s);
    const QCommandLineOption json(u"json"_s, u"Machine-readable output."_s);
    const QCommandLineOption limit(u"limit"_s, u"How many runs history lists (default 50)."_s, u"N"_s,
                                   u"50"_s);
    const QCommandLineOption verbose(u"verbose"_s,
                                     u"Log what the engine does (connections, counts, retries)."_s);
    const QCommandLineOption errors(u"errors"_s, u"hashes: list only users whose hash is not synced."_s);
    const QCommandLineOption resync(u"resync"_s,
                                    u"hashes NAME: send every user's hash again on the next run."_s);
    const QCommandLineOption full(u"full"_s,
                                  u"run: read the whole scope even if the directory reports no change."_s);
    const QCommandLineOption approve(u"approve"_s, u"deletes: approve the given staged deletes."_s);
    const QCommandLineOption reject(u"reject"_s, u"deletes: reject the given staged deletes."_s);
    const QCommandLineOption all(u"all"_s, u"deletes: every pending staged delete."_s);
    const QCommandLineOption deprovision(u"deprovision"_s,
                                         u"remove: delete the configuration's cloud objects first."_s);
    parser.addOptions({state, store, config, dryRun, json, limit, verbose, errors, resync, full, approve,
                       reject, all, deprovision});
    const QCommandLineOption provision(u"provision"_s,
                                       u"explain: provision the explained object now, and nothing else."_s);
    parser.addOption(provision);
    const QCommandLineOption request(
        u"request"_s,
        u"run NAME: on a shared store, ask the agent that leads the configuration to run it."_s);
    const QCommandLineOption leaseSeconds(
        u"lease-seconds"_s,
        u"agent: on a shared store, how long a configuration's lease lasts unless renewed, which bounds how "
        u"soon another agent takes over from one that died (default 30)."_s,
        u"N"_s, u"30"_s);
    const QCommandLineOption to(u"to"_s, u"store migrate: the postgresql:// store to copy this store into."_s,
                                u"URL"_s);
    parser.addOptions({request, leaseSeconds, to});
    if (!parser.parse(QCoreApplication::arguments()))
        return usage(parser, parser.errorText());
    if (parser.isSet(u"help"_s)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return Cli::Success;
    }
    if (parser.isSet(u"version"_s)) {
        parser.showVersion();
    }

    // Warnings always reach stderr; the engine's informational log only with --verbose (or QT_LOGGING_RULES).
    if (!parser.isSet(verbose))
        QLoggingCategory::setFilterRules(u"updraft.*.info=false"_s);

    Cli::Options options;
    options.stateDir = parser.value(state);
    options.store = parser.isSet(store) ? parser.value(store) : qEnvironmentVariable("UPDRAFT_STORE");
    options.configFile = parser.value(config);
    options.dryRun = parser.isSet(dryRun);
    options.json = parser.isSet(json);
    options.errorsOnly = parser.isSet(errors);
    options.resyncHashes = parser.isSet(resync);
    if (parser.isSet(approve) && parser.isSet(reject))
        return usage(parser, u"--approve and --reject exclude each other"_s);
    options.decision = parser.isSet(approve)  ? u"approved"_s
                       : parser.isSet(reject) ? u"rejected"_s
                                              : QString();
    options.all = parser.isSet(all);
    options.full = parser.isSet(full);
    options.deprovision = parser.isSet(deprovision);
    options.request = parser.isSet(request);
    bool leaseOk = false;
    options.leaseSeconds = parser.value(leaseSeconds).toInt(&leaseOk);
    if (!leaseOk || options.leaseSeconds < 2 || options.leaseSeconds > 3600)
        return usage(parser, u"--lease-seconds takes a whole number of seconds from 2 to 3600"_s);
    bool limitOk = false;
    options.limit = parser.value(limit).toInt(&limitOk);
    if (!limitOk || options.limit < 1)
        return usage(parser, u"--limit takes a positive whole number"_s);

    const QStringList args = parser.positionalArguments();
    if (args.isEmpty())
        return usage(parser, u"a command is required"_s);
    const QString command = args.first();
    if (command == u"run"_s) {
        if (args.size() > 2 || (args.size() == 2) == !options.configFile.isEmpty())
            return usage(parser, u"run takes either --config FILE or a configuration NAME"_s);
        if (options.request && args.size() != 2)
            return usage(parser, u"run --request takes a configuration NAME"_s);
        return options.request ? Cli::requestRunCommand(options, args[1])
                               : Cli::runCommand(options, args.value(1));
    }
    if (command == u"import"_s) {
        if (args.size() != 1 || options.configFile.isEmpty())
            return usage(parser, u"import takes --config FILE"_s);
        return Cli::importCommand(options);
    }
    if (command == u"configs"_s && args.size() == 1)
        return Cli::configsCommand(options);
    if (command == u"history"_s && args.size() <= 2)
        return Cli::historyCommand(options, args.value(1));
    if (command == u"deletes"_s && args.size() >= 2) {
        QList<qint64> ids;
        for (const QString &a : args.mid(2)) {
            bool ok = false;
            ids.append(a.toLongLong(&ok));
            if (!ok || ids.last() <= 0)
                return usage(parser,
                             u"deletes takes staged delete IDs (positive numbers), not \"%1\""_s.arg(a));
        }
        return Cli::deletesCommand(options, args[1], ids);
    }
    if (command == u"explain"_s && args.size() == 3)
        return Cli::explainCommand(options, args[1], args[2], parser.isSet(provision));
    if (command == u"store"_s && args.size() == 2 && args[1] == u"migrate"_s) {
        if (!parser.isSet(to))
            return usage(parser,
                         u"store migrate takes --to postgresql://USER@HOST/DATABASE?password=env:VAR"_s);
        return Cli::storeMigrateCommand(options, parser.value(to));
    }
    if (command == u"agent"_s && args.size() == 1)
        return Cli::agentCommand(options);
    if (command == u"remove"_s && args.size() == 2)
        return Cli::removeCommand(options, args[1]);
    if (command == u"hashes"_s && args.size() <= 2)
        return Cli::hashesCommand(options, args.value(1));
    if (command == u"results"_s && args.size() == 2) {
        bool ok = false;
        const qint64 id = args[1].toLongLong(&ok);
        if (!ok || id <= 0)
            return usage(parser, u"results takes a run id (a positive number)"_s);
        return Cli::resultsCommand(options, id);
    }
    if (command == u"secret"_s && args.size() == 4 && (args[1] == u"set"_s || args[1] == u"remove"_s))
        return Cli::secretCommand(args[1], args[2], args[3]);
    return usage(parser, u"unknown command or wrong arguments: %1"_s.arg(args.join(u' ')));
}
