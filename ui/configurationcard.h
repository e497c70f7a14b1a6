// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>
#include <QPersistentModelIndex>

class QLabel;
class QProgressBar;
class QPushButton;

namespace Updraft {

// One configuration on the dashboard: health, last run, next run, hash problems, Run now. Shows one row of
// the ConfigurationsModel and emits what the admin asks for.
class ConfigurationCard : public QFrame
{
    Q_OBJECT
public:
    explicit ConfigurationCard(QWidget *parent = nullptr);

    void show(const QModelIndex &index);
    QString name() const { return m_name; }
    void setSelected(bool selected);

    QPushButton *runButton() const { return m_run; }
    QString healthText() const;
    QString lastRunText() const;

Q_SIGNALS:
    void runRequested(const QString &name);
    void selected(const QString &name);
    void lastRunRequested(qint64 runId);
    void hashProblemsRequested(const QString &name);

protected:
    void mousePressEvent(QMouseEvent *event) override;

private:
    QString m_name;
    qint64 m_lastRunId = 0;
    QLabel *m_title = nullptr;
    QLabel *m_health = nullptr;
    QLabel *m_detail = nullptr;
    QLabel *m_lastRun = nullptr;
    QLabel *m_nextRun = nullptr;
    QLabel *m_leaderLabel = nullptr;
    QLabel *m_leader = nullptr;
    QLabel *m_hashes = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_run = nullptr;
};

} // namespace Updraft
