// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace Updraft {

// What a configuration provisions. Users under any listed OU (subtree), plus users that are members (directly
// or through nested groups) of any listed group; the optional filter narrows users further. Groups located
// under a listed OU, the listed groups and the groups nested in them are provisioned too. Listing the base DN
// means "all users". No OUs and no groups means nothing is in scope, which is how a configuration is cleaned
// up.
struct Scope {
    QStringList organizationalUnits;
    QStringList groups;
    QString filter;

    bool isEmpty() const { return organizationalUnits.isEmpty() && groups.isEmpty(); }
    bool operator==(const Scope &) const = default;
};

} // namespace Updraft
