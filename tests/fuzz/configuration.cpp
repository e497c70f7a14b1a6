// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The configuration reader: any JSON an admin (or a broken editor) writes. A configuration it accepts must
// write itself out and read back to the same configuration, and every refusal must say what it refuses.
#include "fuzzinput.h"

#include "config/configuration.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Updraft;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument document = QJsonDocument::fromJson(Fuzz::bytes(data, size));
    if (!document.isObject())
        return 0;
    Configuration config;
    QStringList errors;
    if (!Configuration::fromJson(document.object(), config, &errors)) {
        Fuzz::require(!errors.isEmpty(), "a refused configuration says why");
        for (const QString &error : errors)
            Fuzz::require(!error.trimmed().isEmpty(), "no refusal is an empty message");
        return 0;
    }
    const QJsonObject written = config.toJson();
    Configuration again;
    QStringList againErrors;
    Fuzz::require(Configuration::fromJson(written, again, &againErrors),
                  "a configuration written by toJson() is read back");
    Fuzz::require(again.toJson() == written, "reading back what toJson() wrote changes nothing");
    return 0;
}
