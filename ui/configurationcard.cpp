// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "configurationcard.h"

#include "configurationsmodel.h"
#include "format.h"
#include "icons.h"
#include "statusicon.h"

#include <QGridLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QProgressBar>
#include <QPushButton>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

ConfigurationCard::ConfigurationCard(QWidget *parent)
    : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    setMinimumWidth(320);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);

    m_title = new QLabel(this);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_title->setFont(big);
    m_health = new QLabel(this);
    m_health->setTextFormat(Qt::RichText);
    m_detail = new QLabel(this);
    m_detail->setWordWrap(true);
    m_detail->setForegroundRole(QPalette::PlaceholderText);
    m_lastRun = new QLabel(this);
    m_lastRun->setTextFormat(Qt::RichText);
    connect(m_lastRun, &QLabel::linkActivated, this, [this] { Q_EMIT lastRunRequested(m_lastRunId); });
    m_nextRun = new QLabel(this);
    m_hashes = new QLabel(this);
    m_hashes->setTextFormat(Qt::RichText);
    connect(m_hashes, &QLabel::linkActivated, this, [this] { Q_EMIT hashProblemsRequested(m_name); });
    m_leaderLabel = new QLabel(tr("Agent"), this);
    m_leader = new QLabel(this);
    m_leader->setToolTip(
        tr("The agent that runs this configuration, and when it last reported to the store"));
    m_progress = new QProgressBar(this);
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_run = new QPushButton(Icons::get(u"media-playback-start"_s), tr("Run now"), this);
    connect(m_run, &QPushButton::clicked, this, [this] { Q_EMIT runRequested(m_name); });

    auto *grid = new QGridLayout(this);
    grid->addWidget(m_title, 0, 0);
    grid->addWidget(m_health, 0, 1, Qt::AlignRight);
    grid->addWidget(m_detail, 1, 0, 1, 2);
    grid->addWidget(new QLabel(tr("Last run"), this), 2, 0);
    grid->addWidget(m_lastRun, 2, 1, Qt::AlignRight);
    grid->addWidget(new QLabel(tr("Next run"), this), 3, 0);
    grid->addWidget(m_nextRun, 3, 1, Qt::AlignRight);
    grid->addWidget(new QLabel(tr("Password hashes"), this), 4, 0);
    grid->addWidget(m_hashes, 4, 1, Qt::AlignRight);
    grid->addWidget(m_leaderLabel, 5, 0);
    grid->addWidget(m_leader, 5, 1, Qt::AlignRight);
    grid->addWidget(m_progress, 6, 0, 1, 2);
    grid->addWidget(m_run, 7, 1, Qt::AlignRight);
    grid->setColumnStretch(0, 1);
}

void ConfigurationCard::show(const QModelIndex &index)
{
    using M = ConfigurationsModel;
    m_name = index.data(M::NameRole).toString();
    m_lastRunId = index.data(M::LastRunIdRole).toLongLong();
    const bool running = index.data(M::RunningRole).toBool();
    const QString level = index.data(M::HealthLevelRole).toString();
    m_title->setText(m_name);
    const QString word = running ? tr("Running") : index.data(M::HealthWordRole).toString();
    m_health->setText(u"<span style=\"color:%1\">\u25CF</span> <b>%2</b>"_s.arg(
        StatusIcon::color(running ? u"running"_s : level).name(), word.toHtmlEscaped()));
    m_health->setAccessibleName(tr("Health: %1").arg(word)); // the coloured dot says it again
    m_detail->setText(index.data(M::HealthDetailRole).toString());
    const QString summary = index.data(M::LastRunSummaryRole).toString();
    m_lastRun->setText(m_lastRunId ? u"<a href=\"run\">%1</a>"_s.arg(summary.toHtmlEscaped()) : summary);
    // The symbols (+ created, ~ updated, − deleted, ✗ failed) in words, for the tooltip and screen readers.
    const QString inWords = index.data(M::LastRunSummaryInWordsRole).toString();
    m_lastRun->setAccessibleName(tr("Last run"));
    m_lastRun->setAccessibleDescription(inWords);
    m_lastRun->setToolTip(
        m_lastRunId ? tr("Run %1, started %2: %3. Click to open its results.")
                          .arg(m_lastRunId)
                          .arg(Format::absolute(index.data(M::LastRunStartedRole).toDateTime()), inWords)
                    : QString());
    m_nextRun->setText(index.data(M::NextRunTextRole).toString());
    // Only on a shared store: which agent runs it.
    const QString leader = index.data(M::LeaderRole).toString();
    m_leader->setText(leader);
    m_leader->setVisible(!leader.isEmpty());
    m_leaderLabel->setVisible(!leader.isEmpty());
    m_nextRun->setToolTip(Format::absolute(index.data(M::NextRunRole).toDateTime()));
    const int problems = index.data(M::HashProblemsRole).toInt();
    m_hashes->setText(problems ? u"<a href=\"hashes\">%1</a>"_s.arg(tr("%n problem(s)", nullptr, problems))
                               : tr("no problems"));
    m_progress->setVisible(running);
    if (running) {
        const int total = index.data(M::ProgressTotalRole).toInt();
        const QString phase = index.data(M::PhaseRole).toString();
        m_progress->setRange(0, std::max(total, 0));
        m_progress->setValue(index.data(M::ProgressDoneRole).toInt());
        m_progress->setFormat(phase.isEmpty() ? tr("starting…")
                              : total > 0     ? tr("%1: %v of %m").arg(phase)
                                              : phase);
    }
    m_run->setEnabled(!running);
    setToolTip(index.data(M::HealthDetailRole).toString());
}

void ConfigurationCard::setSelected(bool selected)
{
    setBackgroundRole(selected ? QPalette::AlternateBase : QPalette::Base);
    setFrameShadow(selected ? QFrame::Sunken : QFrame::Plain);
    setLineWidth(selected ? 2 : 1);
}

QString ConfigurationCard::healthText() const
{
    return m_health->text();
}

QString ConfigurationCard::lastRunText() const
{
    return m_lastRun->text();
}

void ConfigurationCard::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        Q_EMIT selected(m_name);
    QFrame::mousePressEvent(event);
}

} // namespace Updraft
