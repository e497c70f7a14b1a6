// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "source/sourcesnapshot.h"
#include "store/records.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <utility>

namespace Updraft {

// One step of an object's way through a run, as an explanation shows it ("Scope", "Anchor", …).
struct ExplanationStep {
    enum class Outcome {
        Ok,      // this step lets the object through
        Info,    // nothing to judge: what is, for the record
        Warning, // it goes on, but something needs a look
        Stop,    // the object goes no further here: out of scope, excluded, cannot be mapped…
    };
    QString title;
    Outcome outcome = Outcome::Info;
    QString text;                               // one or two sentences for the admin
    QList<std::pair<QString, QString>> details; // key -> value, in order. Never a secret, never a hash.

    static QString outcomeName(Outcome outcome); // "ok" | "info" | "warning" | "stop"
};

// One of several directory objects a search text named; the admin picks one (by its DN).
struct ExplanationCandidate {
    ObjectKind kind = ObjectKind::User;
    QString dn;
    QString name;        // display name or cn, for recognising it
    bool synced = false; // a user or group this directory type syncs at all
};

// "Provision on demand / explain": one user or group taken through a run of one configuration, step by step,
// by the engine's own code (Explainer), and optionally provisioned alone. A value type; travels by queued
// signals.
struct Explanation {
    enum class Status {
        Explained, // one object was found and explained (steps); it may be out of scope
        Ambiguous, // several objects match the text: `candidates`
        NotFound,  // nothing matches: `message` says where it looked
        Failed,    // the directory or the configuration could not be used: `message`, steps so far
    };
    // What provisioning it now writes, as the planner of a run decides.
    enum class Action {
        None,    // nothing: unchanged, or out of scope and not provisioned
        Create,  // a new cloud object
        Adopt,   // an existing cloud object matched on first sight (externalId or userName), then linked
        Update,  // attributes (and, for a group, members) that differ from what was last exported
        Delete,  // out of scope but provisioned: the cloud object goes
        Blocked, // cannot be provisioned: see the step that stops it
    };

    QString configuration;
    QString query;
    Status status = Status::Failed;
    QString message;
    QList<ExplanationCandidate> candidates;

    ObjectKind kind = ObjectKind::User;
    QString dn;
    QString displayName;
    QString anchor; // immutableId; empty if the object has no usable anchor
    bool inScope = false;
    QList<ExplanationStep> steps;

    Action action = Action::None;
    bool sendsPasswordHash = false; // provisioning it now also sends its password hash
    QString proposal;               // exactly what "Provision now" writes, in words, for the confirmation

    // With provisioning: the run (trigger "on-demand") that wrote it, and its result rows.
    bool provisioned = false;
    RunRecord run;
    QList<RunResult> results;

    bool canProvision() const
    {
        return status == Status::Explained && !anchor.isEmpty() &&
               (sendsPasswordHash || (action != Action::None && action != Action::Blocked));
    }
    // Adds the run that provisioned the object, as the last step.
    void addRun(const RunRecord &record, const QList<RunResult> &results);

    static QString statusName(Status status); // "explained" | "ambiguous" | "not-found" | "failed"
    static QString actionName(Action action); // "none" | "create" | "adopt" | "update" | "delete" | "blocked"
    QJsonObject toJson() const;
};

} // namespace Updraft
