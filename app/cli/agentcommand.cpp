// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// updraft-cli agent: the scheduler, headless, until SIGTERM or SIGINT.
#include "clicommands.h"

#include "store/statestore.h"
#include "sync/leadership.h"
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
    // On a shared store this agent runs only what it leads; the others stand by and take over.
    std::unique_ptr<Leadership> leadership;
    if (store->isShared()) {
        leadership = std::make_unique<Leadership>(
            store->path(), store->localDirectory(),
            Leadership::Settings{.leaseMs = options.leaseSeconds * 1000LL, .lead = true});
        scheduler.setLeadership(leadership.get());
        // Named as the store last listed them: when the lease is lost, the store may be out of reach.
        auto names = std::make_shared<QHash<qint64, QString>>();
        const auto name = [&store, names](qint64 id) {
            for (const StoredConfiguration &c : store->configurations())
                names->insert(c.id, c.name);
            return names->value(id, u"configuration %1"_s.arg(id));
        };
        QObject::connect(leadership.get(), &Leadership::leaseTaken, &scheduler, [name](qint64 id) {
            out(u"updraft-cli agent: leading %1"_s.arg(name(id)));
            std::fflush(stdout);
        });
        QObject::connect(leadership.get(), &Leadership::leaseLost, &scheduler, [name](qint64 id) {
            out(u"updraft-cli agent: no longer leading %1"_s.arg(name(id)));
            std::fflush(stdout);
        });
    }
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
    out(u"updraft-cli agent: running the configurations in %1 on their schedules%2 (SIGTERM stops)"_s.arg(
        store->path(), leadership ? u" as %1, those it leads"_s.arg(leadership->holder()) : QString()));
    std::fflush(stdout);
    scheduler.start();
    const int exit = QCoreApplication::exec();
    leadership.reset(); // its leases given up now: another agent takes over at once
    return exit;
}

int requestRunCommand(const Options &options, const QString &name)
{
    const auto store = openStore(options);
    if (!store)
        return CouldNotRun;
    const auto stored = store->configuration(name);
    if (!stored) {
        err(u"updraft-cli: no configuration named \"%1\" in %2"_s.arg(name, store->path()));
        return CouldNotRun;
    }
    QString leader;
    for (const LeaseRecord &l : store->leases())
        if (l.configurationId == stored->id && l.live)
            leader = l.holder;
    const qint64 id =
        store->requestRun(stored->id, u"updraft-cli on %1"_s.arg(Leadership::processHolder()), options.full);
    if (!id) {
        err(u"updraft-cli: cannot ask for a run of %1: %2"_s.arg(name, store->lastError()));
        return CouldNotRun;
    }
    out(leader.isEmpty()
            ? u"Asked for a run of %1 (request %2); no agent leads it now: the first to take it over "
              u"runs it."_s.arg(name)
                  .arg(id)
            : u"Asked %1 to run %2 (request %3)."_s.arg(leader, name).arg(id));
    return Success;
}

} // namespace Updraft::Cli
