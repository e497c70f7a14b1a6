// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "consolefixture.h"

#include "consolecontroller.h"
#include "mainwindow.h"

#include <QProcess>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace ConsoleFixture {

bool generateDirectory(const QString &path, int users, int groups)
{
    QProcess gen;
    gen.start(u"python3"_s, {TestServers::sourceDir() + u"/tests/fixtures/gen-directory.py"_s, u"--users"_s,
                             QString::number(users), u"--groups"_s, QString::number(groups), u"-o"_s, path});
    return gen.waitForFinished(120000) && gen.exitStatus() == QProcess::NormalExit && gen.exitCode() == 0;
}

bool openConsole(const QString &stateDir, std::unique_ptr<Updraft::ConsoleController> &controller,
                 std::unique_ptr<Updraft::MainWindow> &window, QString *error)
{
    controller = std::make_unique<Updraft::ConsoleController>(
        Updraft::ConsoleController::Options{stateDir, false, {}});
    if (!controller->open(error))
        return false;
    window = std::make_unique<Updraft::MainWindow>(*controller);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) {
        *error = u"the console's window was never shown"_s;
        return false;
    }
    if (!QTest::qWaitFor([&] { return window->engineStateText().startsWith(u"Idle"_s); }, 30000)) {
        *error = u"the engine is not idle after 30 s: "_s + window->engineStateText();
        return false;
    }
    return true;
}

bool save(SyncFixture &f, const QJsonObject &json)
{
    qint64 id = 0;
    QString error;
    if (!f.store().saveConfiguration(json.value(u"name"_s).toString(), json, &id, &error)) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    return true;
}

} // namespace ConsoleFixture
