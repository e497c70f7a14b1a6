// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// updraft: the console. Arguments and wiring only; the windows live in ui/, the engine in engine/.
#include "consolecontroller.h"
#include "core/allocator.h"
#include "core/translations.h"
#include "mainwindow.h"
#include "screenshots.h"
#include "store/statestore.h"
#include "theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

int main(int argc, char *argv[])
{
    Updraft::useOneAllocatorArena();
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"updraft"_s);
    QApplication::setOrganizationName(u"updraft"_s);
    QApplication::setApplicationVersion(QStringLiteral(UPDRAFT_VERSION));
    QApplication::setDesktopFileName(u"org.updraft.Updraft"_s);
    Updraft::installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Updraft console: provisioning runs, their results and password hash "
                                     u"status, from the same store as updraft-cli."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption state(
        u"state"_s, u"State directory (default: %1)."_s.arg(Updraft::StateStore::defaultDirectory()),
        u"DIR"_s);
    const QCommandLineOption noSchedule(u"no-schedule"_s,
                                        u"Run configurations only on demand (when the agent service runs "
                                        u"the schedules)."_s);
    const QCommandLineOption page(
        u"page"_s, u"Open on this page: dashboard, runs, password-hashes, deletes, configurations."_s,
        u"PAGE"_s);
    const QCommandLineOption screenshots(
        u"screenshots"_s, u"Save a PNG of each page into DIR, then quit (for the README)."_s, u"DIR"_s);
    const QCommandLineOption theme(
        u"theme"_s,
        u"Appearance for this session: system (the desktop's), light or dark (default: as chosen in View > "
        u"Appearance)."_s,
        u"THEME"_s);
    const QCommandLineOption store(
        u"store"_s,
        u"A store shared with agents: postgresql://USER@HOST/DATABASE?password=env:VAR (default: "
        u"$UPDRAFT_STORE, else the SQLite file in the state directory)."_s,
        u"LOCATION"_s);
    parser.addOptions({state, store, noSchedule, page, screenshots, theme});
    parser.process(app);
    Updraft::Theme::Choice appearance = Updraft::Theme::saved();
    if (parser.isSet(theme) && !Updraft::Theme::fromKey(parser.value(theme), &appearance)) {
        std::fprintf(stderr, "updraft: no theme \"%s\"; the themes are: %s\n",
                     qPrintable(parser.value(theme)), qPrintable(Updraft::Theme::keys().join(u", "_s)));
        return 64;
    }
    Updraft::Theme::apply(appearance);

    Updraft::ConsoleController controller(
        {parser.value(state), !parser.isSet(noSchedule),
         parser.isSet(store) ? parser.value(store) : qEnvironmentVariable("UPDRAFT_STORE")});
    QString error;
    if (!controller.open(&error)) {
        QMessageBox::critical(
            nullptr, QApplication::translate("main", "Updraft"),
            QApplication::translate("main", "The state store cannot be opened:\n%1").arg(error));
        return 2;
    }
    Updraft::MainWindow window(controller);
    window.restoreSettings();
    if (parser.isSet(page) && !window.showPage(parser.value(page))) {
        std::fprintf(stderr, "updraft: no page \"%s\"; the pages are: %s\n", qPrintable(parser.value(page)),
                     qPrintable(window.pageKeys().join(u", "_s)));
        return 64;
    }
    window.show();
    if (parser.isSet(screenshots)) {
        auto *shots = new Updraft::Screenshots(window, controller, parser.value(screenshots), &window);
        QObject::connect(shots, &Updraft::Screenshots::finished, &window, [&window](bool ok) {
            window.close();
            QApplication::exit(ok ? 0 : 1);
        });
        shots->start(2000);
    }
    return QApplication::exec();
}
