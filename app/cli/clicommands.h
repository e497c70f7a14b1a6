// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonValue>
#include <QString>

#include <QStringList>
#include <memory>

namespace Updraft {
class StateStore;
struct Configuration;
} // namespace Updraft

namespace Updraft::Cli {

// Exit codes, as documented in README.md.
enum ExitCode {
    Success = 0,
    CouldNotRun = 1,    // connection, credentials, configuration
    ObjectErrors = 2,   // finished, but some objects failed
    StoppedByGuard = 3, // a safety guard stopped the run
    UsageError = 64,
};

struct Options {
    QString stateDir;
    QString store; // a store location (StoreLocation); empty: the SQLite file in stateDir
    QString configFile;
    bool dryRun = false;
    bool json = false;
    int limit = 50;
    bool errorsOnly = false;   // hashes --errors
    bool resyncHashes = false; // hashes --resync
    QString decision;          // deletes --approve ("approved") or --reject ("rejected")
    bool all = false;          // deletes --all
    bool full = false;         // run --full
    bool deprovision = false;  // remove --deprovision
    bool request = false;      // run --request: ask the agent that leads the configuration
    int leaseSeconds = 30;     // agent --lease-seconds (shared store)
};

QString defaultStatePath();

// Shared by the commands (clicommands.cpp).
void out(const QString &text);
void err(const QString &text);
void printJson(const QJsonValue &value);
std::unique_ptr<StateStore> openStore(const Options &options);

int agentCommand(const Options &options);
int requestRunCommand(const Options &options, const QString &name);
int storeMigrateCommand(const Options &options, const QString &to);
int runConfiguration(const Options &options, StateStore &store, const Configuration &config,
                     const QString &trigger);
int runCommand(const Options &options, const QString &name);
int configsCommand(const Options &options);
int importCommand(const Options &options);
int historyCommand(const Options &options, const QString &name);
int deletesCommand(const Options &options, const QString &name, const QList<qint64> &ids);
int removeCommand(const Options &options, const QString &name);
int hashesCommand(const Options &options, const QString &name);
int resultsCommand(const Options &options, qint64 runId);
// explain NAME TEXT [--provision]: one object's way through a run; with --provision, provisioned alone
// (explaincommand.cpp).
int explainCommand(const Options &options, const QString &name, const QString &text, bool provision);
// secret set|remove NAME FIELD: a password or token in the OS keychain (secretcommand.cpp).
int secretCommand(const QString &action, const QString &name, const QString &field);

} // namespace Updraft::Cli
