// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QIcon>

// The colours and dots the console uses for statuses, readable in light and dark palettes.
namespace Updraft::StatusIcon {

// "success", "warning", "failed", "stopped", "interrupted", "running", "dry-run"; health levels ("healthy",
// "errors", "quarantined", "waiting-for-approval", "warnings", "not-run-yet"); hash statuses.
QColor color(const QString &status);
QIcon dot(const QString &status);

} // namespace Updraft::StatusIcon
