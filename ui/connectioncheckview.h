// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/connectiontest.h"

#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace Updraft {

// A "Test connection" button and, below it, the steps of the last test: each with a sign for passed, warning
// or failed, what it found, and what the server said as a tooltip. The test runs off the GUI thread.
class ConnectionCheckView : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionCheckView(QWidget *parent = nullptr);

    // What the button runs, on a worker thread: it gets what the form holds when the button is pressed.
    using Test = std::function<ConnectionReport()>;
    void setTestFactory(std::function<Test()> factory) { m_factory = std::move(factory); }

    QPushButton *button() const { return m_button; }
    const ConnectionReport &report() const { return m_report; }
    bool isTesting() const;
    // Forgets the last report (the form changed since).
    void clear();

Q_SIGNALS:
    void finished(const Updraft::ConnectionReport &report);

private:
    void start();
    void show(const ConnectionReport &report);

    std::function<Test()> m_factory;
    QPushButton *m_button = nullptr;
    QLabel *m_summary = nullptr;
    QTreeWidget *m_steps = nullptr;
    ConnectionReport m_report;
    int m_generation = 0;
    bool m_testing = false;
};

} // namespace Updraft
