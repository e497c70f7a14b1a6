// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "resultfilter.h"

#include "recordjson.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

bool ResultFilter::matches(const RunResult &r) const
{
    if (!actions.isEmpty() && !actions.contains(r.action))
        return false;
    if (!outcomes.isEmpty() && !outcomes.contains(r.outcome))
        return false;
    const QString t = text.trimmed();
    if (t.isEmpty())
        return true;
    for (const QString *field : {&r.displayName, &r.dn, &r.anchor, &r.message})
        if (field->contains(t, Qt::CaseInsensitive))
            return true;
    for (const QString &c : r.changes)
        if (c.contains(t, Qt::CaseInsensitive))
            return true;
    return false;
}

namespace {

// One object across runs: its anchor, or its DN for results without one.
QString key(const RunResult &r)
{
    return r.kind + u':' + (r.anchor.isEmpty() ? r.dn : r.anchor);
}

bool isWrite(const RunResult &r)
{
    return r.outcome == u"success"_s && (r.action == u"create"_s || r.action == u"update"_s ||
                                         r.action == u"delete"_s || r.action == u"match"_s);
}

} // namespace

RunComparison RunComparison::of(const QList<RunResult> &earlier, const QList<RunResult> &later)
{
    QSet<QString> failedBefore, failedAfter, writtenBefore, seenAfter;
    for (const RunResult &r : earlier) {
        if (r.outcome == u"failed"_s)
            failedBefore.insert(key(r));
        else if (isWrite(r))
            writtenBefore.insert(key(r));
    }
    for (const RunResult &r : later)
        if (r.outcome == u"failed"_s)
            failedAfter.insert(key(r));
    RunComparison c;
    for (const RunResult &r : later) {
        const QString k = key(r);
        if (seenAfter.contains(k))
            continue;
        seenAfter.insert(k);
        if (r.outcome == u"failed"_s && !failedBefore.contains(k))
            c.newErrors.append(r);
        else if (isWrite(r) && writtenBefore.contains(k))
            c.changedInBoth.append(r);
    }
    QSet<QString> reported;
    for (const RunResult &r : earlier) {
        const QString k = key(r);
        if (r.outcome == u"failed"_s && !failedAfter.contains(k) && !reported.contains(k)) {
            reported.insert(k);
            c.resolvedErrors.append(r);
        }
    }
    return c;
}

QList<RunResult> RunComparison::planDifferences(const QList<RunResult> &reviewed,
                                                const QList<RunResult> &fresh)
{
    // A write as the plan shows it: the object, what is done, and exactly what changes.
    const auto writeOf = [](const RunResult &r) -> QString {
        return key(r) + u'|' + r.action + u'|' +
               QString::fromUtf8(QJsonDocument(r.diff).toJson(QJsonDocument::Compact)) + u'|' +
               r.changes.join(u',');
    };
    const auto isPlannedWrite = [](const RunResult &r) {
        return r.action != u"unchanged"_s;
    };
    QSet<QString> before, after;
    for (const RunResult &r : reviewed)
        if (isPlannedWrite(r))
            before.insert(writeOf(r));
    for (const RunResult &r : fresh)
        if (isPlannedWrite(r))
            after.insert(writeOf(r));
    QList<RunResult> out;
    for (const RunResult &r : fresh)
        if (isPlannedWrite(r) && !before.contains(writeOf(r)))
            out.append(r);
    for (const RunResult &r : reviewed)
        if (isPlannedWrite(r) && !after.contains(writeOf(r)))
            out.append(r);
    return out;
}

namespace ResultExport {

namespace {

QByteArray cell(QString value)
{
    // A cell a spreadsheet would evaluate: keep it text.
    if (!value.isEmpty() && QStringView(u"=+-@").contains(value.front()))
        value.prepend(u'\'');
    QByteArray bytes = value.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r')) {
        bytes.replace('"', "\"\"");
        bytes = '"' + bytes + '"';
    }
    return bytes;
}

QString diffText(const RunResult &r)
{
    QStringList parts;
    for (const QJsonValue &v : r.diff) {
        const QJsonObject o = v.toObject();
        parts.append(u"%1: %2 -> %3"_s.arg(o.value(u"attribute"_s).toString(), o.value(u"old"_s).toString(),
                                           o.value(u"new"_s).toString()));
    }
    return parts.join(u"; "_s);
}

} // namespace

QByteArray csv(const QList<RunResult> &results)
{
    QByteArray out = "kind,action,outcome,name,dn,anchor,message,changed attributes,changes\r\n";
    for (const RunResult &r : results) {
        const QList<QByteArray> cells{
            cell(r.kind),     cell(r.action), cell(r.outcome), cell(r.displayName),
            cell(r.dn),       cell(r.anchor), cell(r.message), cell(r.changes.join(u' ')),
            cell(diffText(r))};
        out += cells.join(',') + "\r\n";
    }
    return out;
}

QByteArray json(const RunRecord &run, const QList<RunResult> &results)
{
    QJsonArray list;
    for (const RunResult &r : results)
        list.append(RecordJson::result(r));
    return QJsonDocument(QJsonObject{{u"run"_s, RecordJson::run(run)}, {u"results"_s, list}})
        .toJson(QJsonDocument::Indented);
}

} // namespace ResultExport

} // namespace Updraft
