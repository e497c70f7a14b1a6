// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

namespace Updraft {

class MainWindow;

// Saves a PNG of each page of the window (dashboard.png, runs.png, password-hashes.png, configurations.png)
// into a directory, then says finished(). For the README's screenshots (tests/screenshots.sh), under Xvfb.
class Screenshots : public QObject
{
    Q_OBJECT
public:
    Screenshots(MainWindow &window, QString directory, QObject *parent = nullptr);
    // Waits `settleMs` for the engine and the models, then takes one page every half second.
    void start(int settleMs);

Q_SIGNALS:
    void finished(bool ok);

private:
    void takeNext();
    void showAnUpdate();

    MainWindow &m_window;
    QString m_directory;
    int m_next = 0;
    bool m_ok = true;
};

} // namespace Updraft
