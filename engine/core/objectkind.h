// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Updraft {

// What a directory object becomes in the cloud.
enum class ObjectKind { User, Group };

} // namespace Updraft
