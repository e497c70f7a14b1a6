// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/configuration.h"

#include <QList>
#include <QString>

namespace Updraft {

// One step of a connection test: what was checked, how it went, and for the admin what to do about it.
struct ConnectionStep {
    enum class Outcome { Passed, Warning, Failed, Skipped };
    QString name; // "Server name", "Connection", "Encryption", "Sign-in", "Base DN"…
    Outcome outcome = Outcome::Skipped;
    QString message; // one or two sentences naming the configuration key to check
    QString detail;  // what the server or the system said, verbatim
};

struct ConnectionReport {
    QList<ConnectionStep> steps;
    bool ok() const;
    // The first failed step's message, empty when none failed.
    QString failure() const;
};

// Checks a connection step by step so that the admin learns exactly what is wrong: the name does not resolve
// (DNS), nothing listens (TCP), the certificate is not trusted or TLS is not offered, the credentials are
// refused, the base DN does not exist, or the account cannot read what a run needs. Blocking (up to the
// configured timeout per step): the console calls them off the GUI thread. Secrets are used, never reported.
namespace ConnectionTest {

// `replicationPassword`: the replication account's password as typed in the editor, not saved yet.
ConnectionReport source(const SourceConfiguration &source, const QByteArray &password, bool passwordHashSync,
                        const QByteArray &replicationPassword = {});
ConnectionReport target(const TargetConfiguration &target, const QByteArray &token);

} // namespace ConnectionTest

} // namespace Updraft
