// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/logging.h"

Q_LOGGING_CATEGORY(lcLdap, "updraft.engine.ldap", QtInfoMsg)
Q_LOGGING_CATEGORY(lcScim, "updraft.engine.scim", QtInfoMsg)
Q_LOGGING_CATEGORY(lcEntra, "updraft.engine.entra", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSync, "updraft.engine.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "updraft.engine.store", QtInfoMsg)
