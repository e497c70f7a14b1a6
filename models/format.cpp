// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "format.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Format {

namespace {

// This file's text, translatable (Qt Linguist reads the context from the macro).
struct Text {
    Q_DECLARE_TR_FUNCTIONS(Updraft::Format)
};

} // namespace

QString relative(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return Text::tr("never");
    const qint64 seconds = when.secsTo(now);
    const qint64 magnitude = std::abs(seconds);
    QString amount;
    if (magnitude < 45)
        return seconds >= 0 ? Text::tr("just now") : Text::tr("in a moment");
    if (magnitude < 90 * 60)
        amount = Text::tr("%n min", nullptr, int((magnitude + 30) / 60));
    else if (magnitude < 36 * 3600)
        amount = Text::tr("%n h", nullptr, int((magnitude + 1800) / 3600));
    else
        amount = Text::tr("%n day(s)", nullptr, int((magnitude + 43200) / 86400));
    return seconds >= 0 ? Text::tr("%1 ago").arg(amount) : Text::tr("in %1").arg(amount);
}

QString absolute(const QDateTime &when)
{
    return when.isValid() ? when.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s) : QString();
}

QString duration(qint64 ms)
{
    if (ms < 0)
        return {};
    if (ms < 100)
        return Text::tr("< 0.1 s");
    if (ms < 10'000)
        return Text::tr("%1 s").arg(QString::number(double(ms) / 1000.0, 'f', 1));
    const qint64 s = (ms + 500) / 1000;
    if (s < 60)
        return Text::tr("%1 s").arg(s);
    if (s < 3600)
        return s % 60 ? Text::tr("%1 min %2 s").arg(s / 60).arg(s % 60) : Text::tr("%1 min").arg(s / 60);
    return Text::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

QString runDuration(const RunRecord &run)
{
    if (run.status == u"running"_s || !run.finishedAt.isValid())
        return Text::tr("running…");
    return duration(run.startedAt.msecsTo(run.finishedAt));
}

QString counts(const RunRecord &r)
{
    const int created = r.users.created + r.groups.created;
    const int updated = r.users.updated + r.groups.updated;
    const int deleted = r.users.deleted + r.groups.deleted;
    const int failed = r.users.failed + r.groups.failed;
    QString text = u"+%1 ~%2 \u2212%3"_s.arg(created).arg(updated).arg(deleted);
    if (failed)
        text += u" \u2717%1"_s.arg(failed);
    return text;
}

QString countsInWords(const RunRecord &r)
{
    QString text = Text::tr("%1 created, %2 updated, %3 deleted")
                       .arg(r.users.created + r.groups.created)
                       .arg(r.users.updated + r.groups.updated)
                       .arg(r.users.deleted + r.groups.deleted);
    if (const int failed = r.users.failed + r.groups.failed)
        text += Text::tr(", %1 failed").arg(failed);
    return text;
}

QString statusWord(const QString &status)
{
    if (status == u"success"_s)
        return Text::tr("Succeeded");
    if (status == u"warning"_s)
        return Text::tr("Succeeded with warnings");
    if (status == u"failed"_s)
        return Text::tr("Failed");
    if (status == u"stopped"_s)
        return Text::tr("Stopped by a guard");
    if (status == u"interrupted"_s)
        return Text::tr("Interrupted");
    if (status == u"running"_s)
        return Text::tr("Running");
    if (status == u"dry-run"_s)
        return Text::tr("Preview");
    return status;
}

} // namespace Updraft::Format
