// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

bool installTranslations(QCoreApplication &app)
{
    auto *translator = new QTranslator(&app);
    // updraft_de_AT, updraft_de, … for each of the user's languages; then English.
    if (!translator->load(QLocale(), u"updraft"_s, u"_"_s, u":/i18n"_s) &&
        !translator->load(u"updraft_en"_s, u":/i18n"_s)) {
        delete translator;
        return false;
    }
    return app.installTranslator(translator);
}

} // namespace Updraft
