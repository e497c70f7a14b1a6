// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/records.h"

#include <QDateTime>
#include <QString>

// How the console writes times, durations and counts: relative times with the absolute one for tooltips,
// durations in seconds or minutes, counts as "+4 ~17 −0".
namespace Updraft::Format {

QString relative(const QDateTime &when, const QDateTime &now); // "3 min ago", "in 2 min", "just now"
QString absolute(const QDateTime &when);                       // local "2026-11-26 14:03:12"
QString duration(qint64 milliseconds);                         // "0.4 s", "12 s", "3 min 4 s", "2 h 5 min"
QString runDuration(const RunRecord &run);                     // "running…" while it runs
QString counts(const RunRecord &run);                          // "+4 ~17 −0", "+4 ~17 −0 ✗2"
QString
countsInWords(const RunRecord &run); // "4 created, 17 updated, 0 deleted, 2 failed": tooltips, screen readers
QString statusWord(const QString &status); // "Succeeded", "Stopped by a guard"…

} // namespace Updraft::Format
