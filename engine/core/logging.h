// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// Every logging category of the engine, declared in one place. Run history and per-object results are data in
// the store, not log lines; secrets and password hashes never reach a log.
Q_DECLARE_LOGGING_CATEGORY(lcLdap)
Q_DECLARE_LOGGING_CATEGORY(lcScim)
Q_DECLARE_LOGGING_CATEGORY(lcEntra)
Q_DECLARE_LOGGING_CATEGORY(lcSync)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
