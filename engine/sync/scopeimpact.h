// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/configuration.h"

#include <QHash>
#include <QSet>
#include <QStringList>

namespace Updraft {

class StateStore;

// What changing a configuration's scope would do, before it is saved: who enters and who leaves compared
// with the saved scope, how many cloud objects would then be deleted, and what to worry about.
struct ScopeImpact {
    struct Side {
        int users = 0;
        int groups = 0;
        QStringList sample; // the first DNs, for the admin to recognise
    };
    int usersInScope = 0;
    int groupsInScope = 0;
    Side entering;
    Side leaving;
    int deletes = 0; // leaving objects this configuration provisioned: the next run deletes them
    QStringList warnings;
    QString error; // the directory could not be read: nothing above is known

    // What the store knows, read on the caller's thread (the store is not shared across threads).
    struct Provisioned {
        QSet<QString> anchors;               // this configuration's linked objects
        QHash<QString, QString> otherOwners; // anchor -> the other configuration that provisions it
    };
    // What every configuration in the store provisions, seen from `name` (empty: a new configuration). Reads
    // every link: call it off the GUI thread, with a store connection of that thread's own.
    static Provisioned provisioned(const StateStore &store, const QString &name);

    // Reads the directory with the saved scope and with `candidate` (blocking; call it off the GUI thread).
    // `config` holds the saved configuration as edited (connection, safety), `saved` the scope now in force
    // (empty for a new configuration).
    static ScopeImpact compute(const Configuration &config, const Scope &saved, const Scope &candidate,
                               const QByteArray &password, const Provisioned &provisioned);

    static constexpr int LargeGroupMembers = 50000;
    static constexpr int SampleSize = 20;
};

} // namespace Updraft
