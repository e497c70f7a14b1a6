// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Updraft::Entra {

// The Entra ID user property a SCIM attribute path of a bulkUpload record becomes with the provisioning app's
// default attribute mapping (externalId is matched to employeeId, userName becomes the userPrincipalName);
// empty when the default mapping does not use it.
QString userPropertyFor(const QString &scimPath);

} // namespace Updraft::Entra
