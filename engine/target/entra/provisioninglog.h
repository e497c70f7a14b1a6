// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "target/target.h"

#include <QUrlQuery>

#include <optional>

namespace Updraft::Entra {

// The query for a job's provisioning log entries (Microsoft Graph /auditLogs/provisioning) processed since
// `since`, a page of `top`.
QUrlQuery provisioningLogQuery(const QString &jobId, const QDateTime &since, int top);

// One provisioningObjectSummary as what became of the record sent with externalId `sourceIdentity.id`;
// nothing when the entry names no source identity.
std::optional<DeferredResult> readProvisioningLogEntry(const QJsonObject &entry);

} // namespace Updraft::Entra
