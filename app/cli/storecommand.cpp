// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// updraft-cli store migrate --to URL: this machine's store copied into a shared PostgreSQL store.
#include "clicommands.h"

#include "store/statestore.h"
#include "store/storecopy.h"

#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Cli {

int storeMigrateCommand(const Options &options, const QString &to)
{
    const auto from = openStore(options);
    if (!from)
        return CouldNotRun;
    StateStore target(to, from->localDirectory());
    QString error;
    if (!target.isShared()) {
        err(u"updraft-cli store migrate: --to takes a postgresql:// URL, not %1"_s.arg(to));
        return UsageError;
    }
    if (!target.open(&error)) {
        err(u"updraft-cli: %1"_s.arg(error));
        return CouldNotRun;
    }
    QList<std::pair<QString, qint64>> counts;
    if (!StoreCopy::copy(*from, target, &counts, &error)) {
        err(u"updraft-cli store migrate: nothing was copied: %1"_s.arg(error));
        return CouldNotRun;
    }
    out(u"Copied %1 into %2:"_s.arg(from->path(), target.path()));
    const QLocale locale;
    for (const auto &[table, rows] : std::as_const(counts))
        out(u"  %1 %2"_s.arg(table, -20).arg(locale.toString(rows)));
    out(u"Point every agent and console at it (--store or UPDRAFT_STORE). This machine's %1 stays where it "
        u"is: "
        u"copy credential-digest.key from %2 into each agent's state directory, or each agent sends every "
        u"password hash once more on its first run."_s.arg(from->path(), from->localDirectory()));
    return Success;
}

} // namespace Updraft::Cli
