// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "explanation.h"

#include "planner.h"
#include "store/recordjson.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

// This file's text, translatable (Qt Linguist reads the context from the macro).
struct Text {
    Q_DECLARE_TR_FUNCTIONS(Updraft::Explanation)
};

} // namespace

QString ExplanationStep::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Ok:
        return u"ok"_s;
    case Outcome::Info:
        return u"info"_s;
    case Outcome::Warning:
        return u"warning"_s;
    case Outcome::Stop:
        return u"stop"_s;
    }
    return {};
}

QString Explanation::statusName(Status status)
{
    switch (status) {
    case Status::Explained:
        return u"explained"_s;
    case Status::Ambiguous:
        return u"ambiguous"_s;
    case Status::NotFound:
        return u"not-found"_s;
    case Status::Failed:
        return u"failed"_s;
    }
    return {};
}

QString Explanation::actionName(Action action)
{
    switch (action) {
    case Action::None:
        return u"none"_s;
    case Action::Create:
        return u"create"_s;
    case Action::Adopt:
        return u"adopt"_s;
    case Action::Update:
        return u"update"_s;
    case Action::Delete:
        return u"delete"_s;
    case Action::Blocked:
        return u"blocked"_s;
    }
    return {};
}

void Explanation::addRun(const RunRecord &record, const QList<RunResult> &rows)
{
    provisioned = record.id != 0;
    run = record;
    results = rows;
    ExplanationStep step;
    step.title = Text::tr("Provisioned on demand");
    if (record.status == u"success"_s)
        step.outcome = ExplanationStep::Outcome::Ok;
    else if (record.status == u"warning"_s)
        step.outcome = ExplanationStep::Outcome::Warning;
    else
        step.outcome = ExplanationStep::Outcome::Stop;

    QStringList done;
    for (const RunResult &r : rows) {
        QString line = u"%1 %2"_s.arg(r.action, r.outcome);
        if (!r.changes.isEmpty())
            line += u" (%1)"_s.arg(r.changes.join(u", "_s));
        if (!r.message.isEmpty())
            line += u": "_s + r.message;
        done.append(line);
    }
    const ObjectCounts &c = kind == ObjectKind::User ? record.users : record.groups;
    if (!record.id) {
        step.text = Text::tr("Nothing was provisioned: %1").arg(record.message);
    } else if (rows.isEmpty()) {
        step.text = c.unchanged
                        ? Text::tr("Run %1 (on demand) found nothing to write: the cloud object is as it "
                                   "should be.")
                              .arg(record.id)
                        : Text::tr("Run %1 (on demand) ended %2 without writing to this object. %3")
                              .arg(record.id)
                              .arg(record.status, record.message);
    } else {
        step.text = Text::tr("Run %1 (on demand) ended %2: %3.")
                        .arg(record.id)
                        .arg(record.status, done.join(u"; "_s)) +
                    (record.message.isEmpty() ? QString() : u' ' + record.message);
    }
    step.details.append({Text::tr("Run"), QString::number(record.id)});
    step.details.append({Text::tr("Trigger"), record.trigger});
    step.details.append({Text::tr("Status"), record.status});
    for (const RunResult &r : rows) {
        step.details.append({r.action, r.message.isEmpty() ? r.outcome : r.outcome + u": "_s + r.message});
        for (const QJsonValue &d : r.diff) {
            const QJsonObject o = d.toObject();
            step.details.append(
                {u"  "_s + o.value(u"attribute"_s).toString(),
                 Text::tr("%1 → %2").arg(o.value(u"old"_s).toString(), o.value(u"new"_s).toString())});
        }
    }
    steps.append(step);
}

QJsonObject Explanation::toJson() const
{
    QJsonObject o{
        {u"configuration"_s, configuration}, {u"query"_s, query}, {u"status"_s, statusName(status)}};
    if (!message.isEmpty())
        o.insert(u"message"_s, message);
    if (!candidates.isEmpty()) {
        QJsonArray list;
        for (const ExplanationCandidate &c : candidates)
            list.append(QJsonObject{{u"kind"_s, Planner::kindName(c.kind)},
                                    {u"dn"_s, c.dn},
                                    {u"name"_s, c.name},
                                    {u"synced"_s, c.synced}});
        o.insert(u"candidates"_s, list);
    }
    if (!dn.isEmpty()) {
        o.insert(u"kind"_s, Planner::kindName(kind));
        o.insert(u"dn"_s, dn);
        o.insert(u"displayName"_s, displayName);
        o.insert(u"anchor"_s, anchor);
        o.insert(u"inScope"_s, inScope);
        o.insert(u"action"_s, actionName(action));
        o.insert(u"sendsPasswordHash"_s, sendsPasswordHash);
        o.insert(u"proposal"_s, proposal);
    }
    QJsonArray list;
    for (const ExplanationStep &s : steps) {
        QJsonArray details;
        for (const auto &[key, value] : s.details)
            details.append(QJsonObject{{u"key"_s, key}, {u"value"_s, value}});
        list.append(QJsonObject{{u"title"_s, s.title},
                                {u"outcome"_s, ExplanationStep::outcomeName(s.outcome)},
                                {u"text"_s, s.text},
                                {u"details"_s, details}});
    }
    o.insert(u"steps"_s, list);
    if (provisioned || run.status.size()) {
        QJsonObject r = RecordJson::run(run);
        QJsonArray rows;
        for (const RunResult &row : results)
            rows.append(RecordJson::result(row));
        r.insert(u"results"_s, rows);
        o.insert(u"run"_s, r);
    }
    return o;
}

} // namespace Updraft
