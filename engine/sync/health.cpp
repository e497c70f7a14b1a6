// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "health.h"

#include "passwordhashadvice.h"
#include "store/statestore.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

// This file's text, translatable (Qt Linguist reads the context from the macro).
struct Text {
    Q_DECLARE_TR_FUNCTIONS(Updraft::ConfigurationHealth)
};

} // namespace

QString ConfigurationHealth::levelName(Level level)
{
    switch (level) {
    case Level::NotRunYet:
        return u"not-run-yet"_s;
    case Level::Healthy:
        return u"healthy"_s;
    case Level::Warnings:
        return u"warnings"_s;
    case Level::Errors:
        return u"errors"_s;
    case Level::WaitingForApproval:
        return u"waiting-for-approval"_s;
    case Level::Quarantined:
        return u"quarantined"_s;
    }
    return {};
}

ConfigurationHealth::Facts ConfigurationHealth::gather(const StateStore &store, qint64 configurationId,
                                                       const QString &name, bool running)
{
    Facts f;
    f.running = running;
    // The last whole run's: a run still going, or one object provisioned on demand, says nothing about the
    // rest.
    for (const RunRecord &r : store.runs(name, 20)) {
        if (r.status != u"running"_s && r.trigger != u"on-demand"_s) {
            f.lastRun = r;
            break;
        }
    }
    f.schedule = store.scheduleState(configurationId);
    const QMap<QString, int> hashes = store.passwordHashCounts(configurationId);
    for (auto it = hashes.begin(); it != hashes.end(); ++it)
        if (PasswordHashAdvice::isProblem(it.key()))
            f.hashProblems += it.value();
    for (const StagedDelete &d : store.stagedDeletes(configurationId))
        f.pendingDeletes += d.decision == u"pending"_s;
    return f;
}

ConfigurationHealth ConfigurationHealth::assess(const Facts &f)
{
    ConfigurationHealth h;
    const auto set = [&h](Level newLevel, const QString &newWord, const QString &newDetail) {
        h.level = newLevel;
        h.word = newWord;
        h.detail = newDetail;
    };
    if (f.schedule && f.schedule->quarantined()) {
        set(Level::Quarantined, Text::tr("Quarantined"),
            Text::tr("%n run(s) in a row failed; runs are spaced out until one succeeds. Last error: %1",
                     nullptr, f.schedule->consecutiveFailures)
                .arg(f.schedule->quarantineReason));
        return h;
    }
    if (f.pendingDeletes > 0) {
        set(Level::WaitingForApproval, Text::tr("Waiting for approval"),
            Text::tr("The delete threshold held back %n delete(s); approve or reject them.", nullptr,
                     f.pendingDeletes));
        return h;
    }
    if (!f.lastRun) {
        set(Level::NotRunYet, Text::tr("Not run yet"),
            f.running ? Text::tr("The first run is in progress.")
                      : Text::tr("This configuration has not run yet."));
        return h;
    }
    const RunRecord &r = *f.lastRun;
    const int failedObjects = r.users.failed + r.groups.failed;
    if (r.status == u"failed"_s) {
        set(Level::Errors, Text::tr("Errors"), Text::tr("The last run failed: %1").arg(r.message));
    } else if (r.status == u"stopped"_s) {
        set(Level::Errors, Text::tr("Stopped by a guard"),
            Text::tr("The last run was stopped before any delete: %1").arg(r.message));
    } else if (failedObjects > 0) {
        set(Level::Errors, Text::tr("Errors"),
            Text::tr("%n object(s) could not be written in the last run.", nullptr, failedObjects));
    } else if (r.status == u"interrupted"_s) {
        set(Level::Warnings, Text::tr("Interrupted"),
            Text::tr("The last run was interrupted; the next one picks up where it stopped."));
    } else if (f.hashProblems > 0) {
        set(Level::Warnings, Text::tr("Warnings"),
            Text::tr("%n user(s) have a password hash problem.", nullptr, f.hashProblems));
    } else if (r.status == u"warning"_s) {
        set(Level::Warnings, Text::tr("Warnings"), r.message);
    } else {
        set(Level::Healthy, Text::tr("Healthy"), Text::tr("The last run succeeded."));
    }
    return h;
}

} // namespace Updraft
