// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include <functional>

class QWidget;

namespace Updraft {

class ConsoleController;
class MainWindow;

// Saves PNGs of the console into a directory, then says finished(): each page of the window (dashboard.png,
// runs.png, password-hashes.png, configurations.png), then the first configuration's editor (its directory
// tested, editor-directory.png; its scope with one more OU checked and the impact, editor-scope.png), the
// explanation of the demo's user lei.li (explain.png) and the preview of its next run (preview.png). For the
// README's screenshots (tests/screenshots.sh), under Xvfb.
class Screenshots : public QObject
{
    Q_OBJECT
public:
    Screenshots(MainWindow &window, ConsoleController &controller, QString directory,
                QObject *parent = nullptr);
    // Waits `settleMs` for the engine and the models, then takes one picture after the other.
    void start(int settleMs);

Q_SIGNALS:
    void finished(bool ok);

private:
    // One picture: `prepare` sets the scene, `ready` says when it is worth taking (polled up to 30 s), then
    // `widget()` is saved as `file`.
    struct Shot {
        QString file;
        std::function<void()> prepare;
        std::function<bool()> ready;
        std::function<QWidget *()> widget;
    };
    void takeNext();
    void showAnUpdate();
    void widenScope();

    MainWindow &m_window;
    ConsoleController &m_controller;
    QString m_directory;
    QList<Shot> m_shots;
    int m_next = 0;
    int m_polls = 0;
    bool m_ok = true;
    bool m_widened = false;
};

} // namespace Updraft
