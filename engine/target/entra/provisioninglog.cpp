// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "provisioninglog.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Entra {

namespace {

QString outcomeOf(const QString &status)
{
    const QString s = status.toLower();
    if (s == u"success"_s)
        return u"success"_s;
    if (s == u"skipped"_s)
        return u"skipped"_s;
    if (s == u"warning"_s)
        return u"warning"_s;
    return u"failed"_s; // "failure", and anything Updraft does not know: never taken as success
}

QString pastTense(const QString &action)
{
    const QString a = action.toLower();
    if (a == u"create"_s)
        return u"created in Entra"_s;
    if (a == u"update"_s)
        return u"updated in Entra"_s;
    if (a == u"disable"_s)
        return u"disabled in Entra"_s;
    if (a == u"delete"_s)
        return u"deleted in Entra"_s;
    return u"processed by Entra"_s;
}

// What the steps say beyond plain success, e.g. a manager that could not be resolved, or why a record was
// skipped.
QStringList stepNotes(const QJsonArray &steps)
{
    QStringList notes;
    for (const QJsonValue &v : steps) {
        const QJsonObject step = v.toObject();
        const QString status = step.value(u"status"_s).toString().toLower();
        if (status == u"success"_s || status.isEmpty())
            continue;
        QString note = step.value(u"description"_s).toString();
        const QJsonObject details = step.value(u"details"_s).toObject();
        if (const QString reason = details.value(u"SkipReason"_s).toString(); !reason.isEmpty())
            note += u" (%1)"_s.arg(reason);
        if (!note.trimmed().isEmpty() && !notes.contains(note))
            notes.append(note.trimmed());
    }
    return notes;
}

} // namespace

QUrlQuery provisioningLogQuery(const QString &jobId, const QDateTime &since, int top)
{
    QString filter = u"jobId eq '%1'"_s.arg(QString(jobId).replace(u'\'', u"''"_s));
    if (since.isValid())
        filter += u" and activityDateTime ge %1"_s.arg(since.toUTC().toString(Qt::ISODate));
    return QUrlQuery{{u"$filter"_s, filter}, {u"$top"_s, QString::number(top)}};
}

std::optional<DeferredResult> readProvisioningLogEntry(const QJsonObject &entry)
{
    DeferredResult r;
    r.entryId = entry.value(u"id"_s).toString();
    r.anchor = entry.value(u"sourceIdentity"_s).toObject().value(u"id"_s).toString();
    if (r.anchor.isEmpty())
        return std::nullopt;
    r.action = entry.value(u"provisioningAction"_s).toString().toLower();
    const QJsonObject status = entry.value(u"provisioningStatusInfo"_s).toObject();
    r.outcome = outcomeOf(status.value(u"status"_s).toString());
    r.cloudId = entry.value(u"targetIdentity"_s).toObject().value(u"id"_s).toString();
    r.at = QDateTime::fromString(entry.value(u"activityDateTime"_s).toString(), Qt::ISODateWithMs);
    const QJsonObject error = status.value(u"errorInformation"_s).toObject();
    QStringList said;
    for (const QString &key : {u"errorCode"_s, u"reason"_s, u"additionalDetails"_s})
        if (const QString v = error.value(key).toString().trimmed(); !v.isEmpty() && !said.contains(v))
            said.append(v);
    said += stepNotes(entry.value(u"provisioningSteps"_s).toArray());
    const QString detail = said.join(u"; "_s);
    if (r.outcome == u"success"_s)
        r.message = detail.isEmpty() ? pastTense(r.action) : u"%1 (%2)"_s.arg(pastTense(r.action), detail);
    else if (r.outcome == u"skipped"_s)
        r.message = u"skipped by Entra: %1"_s.arg(detail.isEmpty() ? u"no reason given"_s : detail);
    else if (r.outcome == u"warning"_s)
        r.message = u"%1, with a warning: %2"_s.arg(pastTense(r.action), detail);
    else
        r.message = u"Entra could not provision it: %1. It is sent again on the next run."_s.arg(
            detail.isEmpty() ? u"no reason given"_s : detail);
    return r;
}

} // namespace Updraft::Entra
