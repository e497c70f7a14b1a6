// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// updraft-cli explain NAME TEXT [--provision]: one object's way through a run, and provisioning it alone.
#include "clicommands.h"

#include "config/configuration.h"
#include "store/statestore.h"
#include "sync/explainer.h"
#include "sync/planner.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Cli {

namespace {

QString marker(ExplanationStep::Outcome outcome)
{
    switch (outcome) {
    case ExplanationStep::Outcome::Ok:
        return u"[ok]     "_s;
    case ExplanationStep::Outcome::Info:
        return u"[info]   "_s;
    case ExplanationStep::Outcome::Warning:
        return u"[warning]"_s;
    case ExplanationStep::Outcome::Stop:
        return u"[stop]   "_s;
    }
    return {};
}

void print(const Explanation &x)
{
    switch (x.status) {
    case Explanation::Status::Ambiguous:
        out(u"%1: %2"_s.arg(x.configuration, x.message));
        for (const ExplanationCandidate &c : x.candidates)
            out(u"  %1  %2  %3%4"_s.arg(Planner::kindName(c.kind), -5)
                    .arg(c.dn, c.name.isEmpty() ? QString() : u"(%1)"_s.arg(c.name))
                    .arg(c.synced ? QString() : u" — not synced by this directory type"_s));
        out(u"Explain one of them by its DN: updraft-cli explain %1 \"DN\""_s.arg(x.configuration));
        return;
    case Explanation::Status::NotFound:
        out(u"%1: %2"_s.arg(x.configuration, x.message));
        return;
    default:
        break;
    }
    if (!x.dn.isEmpty())
        out(u"%1: %2 %3 (%4)"_s.arg(x.configuration, Planner::kindName(x.kind), x.dn, x.displayName));
    for (const ExplanationStep &s : x.steps) {
        out(u"%1 %2: %3"_s.arg(marker(s.outcome), s.title, s.text));
        for (const auto &[key, value] : s.details)
            out(u"            %1: %2"_s.arg(key, value));
    }
    if (x.status == Explanation::Status::Failed) {
        err(u"updraft-cli: %1"_s.arg(x.message));
        return;
    }
    if (!x.provisioned)
        out(u"Provisioning it now would: %1"_s.arg(x.proposal));
}

} // namespace

int explainCommand(const Options &options, const QString &name, const QString &text, bool provision)
{
    const auto store = openStore(options);
    if (!store)
        return CouldNotRun;
    const auto stored = store->configuration(name);
    if (!stored) {
        err(u"updraft-cli: no configuration named \"%1\" in %2 (see: updraft-cli configs)"_s.arg(
            name, store->path()));
        return CouldNotRun;
    }
    Configuration config;
    QStringList errors;
    if (!Configuration::fromJson(stored->definition, config, &errors)) {
        for (const QString &e : std::as_const(errors))
            err(u"configuration %1: %2"_s.arg(name, e));
        return CouldNotRun;
    }
    Explainer explainer(config, *store, text, provision);
    if (!options.json) {
        QObject::connect(&explainer, &Explainer::progress, &explainer,
                         [](const QString &phase) { err(u"  %1…"_s.arg(phase)); });
    }
    Explanation result;
    QObject::connect(&explainer, &Explainer::finished, &explainer, [&result](const Explanation &x) {
        result = x;
        QCoreApplication::exit(0);
    });
    QMetaObject::invokeMethod(&explainer, &Explainer::start, Qt::QueuedConnection);
    QCoreApplication::exec();

    if (options.json)
        printJson(result.toJson());
    else
        print(result);
    if (result.status != Explanation::Status::Explained)
        return CouldNotRun;
    if (!result.provisioned)
        return Success;
    if (result.run.status == u"success"_s)
        return Success;
    if (result.run.status == u"warning"_s)
        return ObjectErrors;
    if (result.run.status == u"stopped"_s)
        return StoppedByGuard;
    return CouldNotRun;
}

} // namespace Updraft::Cli
