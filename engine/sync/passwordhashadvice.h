// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/records.h"

namespace Updraft {

// What one user's password hash status means for the admin, in plain words: the console's hash panel and
// `updraft-cli hashes` say the same thing.
struct PasswordHashAdvice {
    QString title;         // "Held until the password is changed"
    QString explanation;   // what happened, to this user, why
    QString nextStep;      // what happens next, or what to do
    bool problem = false;  // something for the admin to look at (not synced, not held by policy)
    bool canRetry = false; // "Retry now" makes sense

    static PasswordHashAdvice of(const PasswordHashState &state, const QDateTime &now);
    // The statuses in the order the panel lists them: what needs the admin first.
    static QStringList statusOrder();
    // Whether users in this status need the admin (every status but synced and held).
    static bool isProblem(const QString &status);
    static QString statusTitle(const QString &status);
    static QString statusShortTitle(const QString &status); // one or two words, for toggles and columns
    // The reason a user's hash could not be replicated (MS-DRSR) from `server`: `error` says what happened
    // and what to do. of() knows it by its beginning.
    static QString replicationFailure(const QString &server, const QString &error);
};

} // namespace Updraft
