// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// updraft-cli agent: the scheduler, headless, until SIGTERM or SIGINT.
#include "clicommands.h"

#include "store/statestore.h"
#include "sync/scheduler.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Cli {

namespace {

int g_signalFds[2] = {-1, -1};

// Only async-signal-safe work here: one byte into the pipe the event loop watches.
void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalFds[0], &byte, 1);
}

} // namespace

int agentCommand(const Options &options)
{
    const auto store = openStore(options);
    if (!store)
        return CouldNotRun;
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0) {
        err(u"updraft-cli agent: cannot set up signal handling"_s);
        return CouldNotRun;
    }
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);

    Scheduler scheduler(*store);
    QSocketNotifier notifier(g_signalFds[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &scheduler, [&] {
        char byte = 0;
        [[maybe_unused]] const auto read = ::read(g_signalFds[1], &byte, 1);
        err(u"updraft-cli agent: stopping after the batch in progress…"_s);
        notifier.setEnabled(false);
        scheduler.stop();
    });
    QObject::connect(&scheduler, &Scheduler::runFinished, &scheduler, [](const RunRecord &r) {
        out(u"%1 run %2 %3 (%4): users +%5 ~%6 -%7 !%8, groups +%9 ~%10 -%11 !%12%13"_s
                .arg(r.configurationName, QString::number(r.id), r.status, r.trigger,
                     QString::number(r.users.created), QString::number(r.users.updated),
                     QString::number(r.users.deleted), QString::number(r.users.failed),
                     QString::number(r.groups.created))
                .arg(r.groups.updated)
                .arg(r.groups.deleted)
                .arg(r.groups.failed)
                .arg(r.message.isEmpty() ? QString() : u" — "_s + r.message));
        std::fflush(stdout);
    });
    QObject::connect(&scheduler, &Scheduler::stopped, qApp, [] { QCoreApplication::exit(Success); });
    out(u"updraft-cli agent: running the configurations in %1 on their schedules (SIGTERM stops)"_s.arg(
        store->path()));
    std::fflush(stdout);
    scheduler.start();
    return QCoreApplication::exec();
}

} // namespace Updraft::Cli
