// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "runcharts.h"

#include "statusicon.h"
#include "store/statestore.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QEvent>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

QChartView *makeView(QWidget *parent)
{
    auto *view = new QChartView(parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220);
    return view;
}

// A whole-number step giving at most about five ticks: 1, 2, 5, 10, 20, 50…
int niceStep(int maximum)
{
    int step = 1;
    for (int scale = 1;; scale *= 10) {
        for (const int m : {1, 2, 5}) {
            step = m * scale;
            if (maximum / step <= 5)
                return step;
        }
    }
}

void styleChart(QChart *chart, const QWidget *widget)
{
    const QPalette palette = widget->palette();
    chart->setBackgroundBrush(palette.base());
    chart->setTitleBrush(palette.text());
    chart->legend()->setLabelColor(palette.text().color());
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsBrush(palette.text());
        axis->setTitleBrush(palette.text());
        axis->setGridLineColor(palette.mid().color());
    }
}

} // namespace

RunCharts::RunCharts(const StateStore &store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
{
    m_changes = makeView(this);
    m_errors = makeView(this);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_changes);
    layout->addWidget(m_errors);
    reload();
}

void RunCharts::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        for (QChartView *view : {m_changes, m_errors})
            if (view->chart())
                styleChart(view->chart(), this);
    }
}

void RunCharts::reload()
{
    QList<RunRecord> runs = m_store.queryRuns(RunQuery{}, 0, RunsShown);
    runs.erase(
        std::remove_if(runs.begin(), runs.end(), [](const RunRecord &r) { return r.status == u"running"_s; }),
        runs.end());
    std::reverse(runs.begin(), runs.end()); // oldest on the left
    m_points = int(runs.size());

    // Changes per run (bars) and duration (line, right axis).
    auto *changes = new QChart;
    changes->setTitle(tr("Last %n run(s): changes and duration", nullptr, int(runs.size())));
    auto *created = new QBarSet(tr("Created"));
    auto *updated = new QBarSet(tr("Updated"));
    auto *deleted = new QBarSet(tr("Deleted"));
    created->setColor(StatusIcon::color(u"success"_s));
    updated->setColor(StatusIcon::color(u"running"_s));
    deleted->setColor(StatusIcon::color(u"stopped"_s));
    auto *duration = new QLineSeries;
    duration->setName(tr("Duration in seconds"));
    duration->setPointsVisible(true);
    QStringList categories;
    double longest = 1;
    int most = 1;
    for (int i = 0; i < runs.size(); ++i) {
        const RunRecord &r = runs.at(i);
        categories.append(u"#%1"_s.arg(r.id));
        *created << r.users.created + r.groups.created;
        *updated << r.users.updated + r.groups.updated;
        *deleted << r.users.deleted + r.groups.deleted;
        most = std::max(most, r.users.created + r.groups.created + r.users.updated + r.groups.updated +
                                  r.users.deleted + r.groups.deleted);
        const double seconds = r.finishedAt.isValid() ? r.startedAt.msecsTo(r.finishedAt) / 1000.0 : 0;
        longest = std::max(longest, seconds);
        duration->append(i, seconds);
    }
    auto *bars = new QBarSeries;
    bars->append(created);
    bars->append(updated);
    bars->append(deleted);
    changes->addSeries(bars);
    changes->addSeries(duration);
    auto *x = new QBarCategoryAxis;
    x->append(categories);
    x->setLabelsAngle(-60);
    auto *count = new QValueAxis;
    count->setTitleText(tr("objects"));
    count->setLabelFormat(u"%d"_s);
    count->setRange(0, most);
    count->setTickType(QValueAxis::TicksDynamic);
    count->setTickAnchor(0);
    count->setTickInterval(niceStep(most));
    auto *seconds = new QValueAxis;
    seconds->setTitleText(tr("seconds"));
    seconds->setRange(0, longest * 1.1);
    changes->addAxis(x, Qt::AlignBottom);
    changes->addAxis(count, Qt::AlignLeft);
    changes->addAxis(seconds, Qt::AlignRight);
    bars->attachAxis(x);
    bars->attachAxis(count);
    duration->attachAxis(x);
    duration->attachAxis(seconds);
    styleChart(changes, this);
    QChart *old = m_changes->chart();
    m_changes->setChart(changes);
    delete old;

    // Errors over time.
    auto *errors = new QChart;
    errors->setTitle(tr("Errors over time"));
    auto *objects = new QLineSeries;
    objects->setName(tr("Objects not written"));
    objects->setColor(StatusIcon::color(u"failed"_s));
    objects->setPointsVisible(true);
    auto *hashes = new QLineSeries;
    hashes->setName(tr("Password hashes refused or retried"));
    hashes->setColor(StatusIcon::color(u"warning"_s));
    hashes->setPointsVisible(true);
    auto *failedRuns = new QLineSeries;
    failedRuns->setName(tr("Failed or stopped runs"));
    failedRuns->setColor(StatusIcon::color(u"quarantined"_s));
    failedRuns->setPointsVisible(true);
    int worst = 1;
    int failedSoFar = 0;
    QDateTime first, last;
    for (const RunRecord &r : std::as_const(runs)) {
        const qreal t = qreal(r.startedAt.toMSecsSinceEpoch());
        const int notWritten = r.users.failed + r.groups.failed;
        const int hashFailures = RunCounts::hashesFailed(r);
        failedSoFar += r.status == u"failed"_s || r.status == u"stopped"_s;
        objects->append(t, notWritten);
        hashes->append(t, hashFailures);
        failedRuns->append(t, failedSoFar);
        worst = std::max({worst, notWritten, hashFailures, failedSoFar});
        if (!first.isValid())
            first = r.startedAt;
        last = r.startedAt;
    }
    errors->addSeries(objects);
    errors->addSeries(hashes);
    errors->addSeries(failedRuns);
    auto *time = new QDateTimeAxis;
    time->setFormat(u"HH:mm"_s);
    if (first.isValid())
        time->setRange(first.toLocalTime().addSecs(-30), last.toLocalTime().addSecs(30));
    auto *value = new QValueAxis;
    value->setLabelFormat(u"%d"_s);
    value->setRange(0, worst);
    value->setTickType(QValueAxis::TicksDynamic);
    value->setTickAnchor(0);
    value->setTickInterval(niceStep(worst));
    errors->addAxis(time, Qt::AlignBottom);
    errors->addAxis(value, Qt::AlignLeft);
    for (QLineSeries *series : {objects, hashes, failedRuns}) {
        series->attachAxis(time);
        series->attachAxis(value);
    }
    styleChart(errors, this);
    old = m_errors->chart();
    m_errors->setChart(errors);
    delete old;
}

} // namespace Updraft
