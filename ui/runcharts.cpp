// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "runcharts.h"

#include "recentruns.h"
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
#include <QLabel>
#include <QLineSeries>
#include <QStackedWidget>
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

RunCharts::RunCharts(const RecentRuns *runs, QWidget *parent)
    : QWidget(parent)
    , m_recent(runs)
{
    const auto stacked = [this](QChartView *&view, QLabel *&note, const QString &name) {
        auto *stack = new QStackedWidget(this);
        view = makeView(stack);
        view->setAccessibleName(name);
        note = new QLabel(stack);
        note->setAlignment(Qt::AlignCenter);
        note->setWordWrap(true);
        note->setMargin(12);
        note->setAccessibleName(name);
        stack->addWidget(view);
        stack->addWidget(note);
        return stack;
    };
    m_changesStack = stacked(m_changes, m_changesNote, tr("Changes and duration of the last runs"));
    m_errorsStack = stacked(m_errors, m_errorsNote, tr("Errors over time"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_changesStack);
    layout->addWidget(m_errorsStack);
    connect(m_recent, &RecentRuns::changed, this, &RunCharts::redraw);
    if (m_recent->loaded())
        redraw();
    else
        showNote(m_changesStack, m_changesNote, tr("Reading the last runs…"));
}

QString RunCharts::changesNote() const
{
    return m_changesStack->currentWidget() == m_changesNote ? m_changesNote->text() : QString();
}

QString RunCharts::errorsNote() const
{
    return m_errorsStack->currentWidget() == m_errorsNote ? m_errorsNote->text() : QString();
}

void RunCharts::showChart(QStackedWidget *stack, QChartView *view, QChart *chart)
{
    styleChart(chart, this);
    QChart *old = view->chart();
    view->setChart(chart);
    delete old;
    stack->setCurrentWidget(view);
}

void RunCharts::showNote(QStackedWidget *stack, QLabel *note, const QString &text)
{
    note->setText(text);
    stack->setCurrentWidget(note);
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

void RunCharts::redraw()
{
    const QList<RunRecord> &runs = m_recent->runs(); // oldest first: on the left
    m_points = int(runs.size());

    if (runs.isEmpty()) {
        showNote(m_changesStack, m_changesNote,
                 tr("No run has finished yet. The changes and durations of the last runs are drawn here."));
        showNote(m_errorsStack, m_errorsNote, tr("No run has finished yet, so there are no errors to show."));
        return;
    }
    if (runs.size() == 1) {
        const RunRecord &r = runs.first();
        const double seconds = r.finishedAt.isValid() ? r.startedAt.msecsTo(r.finishedAt) / 1000.0 : 0;
        showNote(
            m_changesStack, m_changesNote,
            tr("One run so far (#%1): %2 created, %3 updated, %4 deleted, in %5 s. A chart is drawn from "
               "the second run on.")
                .arg(r.id)
                .arg(r.users.created + r.groups.created)
                .arg(r.users.updated + r.groups.updated)
                .arg(r.users.deleted + r.groups.deleted)
                .arg(QLocale().toString(seconds, 'f', 1)));
    } else {
        showChart(m_changesStack, m_changes, changesChart(runs));
    }
    showErrors(runs);
}

QChart *RunCharts::changesChart(const QList<RunRecord> &runs) const
{
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
    seconds->setGridLineVisible(false); // one grid, the objects'
    changes->addAxis(x, Qt::AlignBottom);
    changes->addAxis(count, Qt::AlignLeft);
    changes->addAxis(seconds, Qt::AlignRight);
    bars->attachAxis(x);
    bars->attachAxis(count);
    duration->attachAxis(x);
    duration->attachAxis(seconds);
    return changes;
}

void RunCharts::showErrors(const QList<RunRecord> &runs)
{
    int notWrittenTotal = 0, hashesTotal = 0, failedTotal = 0;
    for (const RunRecord &r : runs) {
        notWrittenTotal += r.users.failed + r.groups.failed;
        hashesTotal += RunCounts::hashesFailed(r);
        failedTotal += r.status == u"failed"_s || r.status == u"stopped"_s;
    }
    if (notWrittenTotal + hashesTotal + failedTotal == 0)
        return showNote(m_errorsStack, m_errorsNote,
                        tr("No errors in the last %n run(s).", nullptr, int(runs.size())));
    if (runs.size() == 1)
        return showNote(m_errorsStack, m_errorsNote,
                        tr("One run so far: %1, %2; it %3.")
                            .arg(tr("%n object(s) not written", nullptr, notWrittenTotal),
                                 tr("%n password hash(es) refused or retried", nullptr, hashesTotal),
                                 failedTotal ? tr("failed") : tr("finished")));

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
    // The date as well when the runs shown span days; seconds when they span a few minutes (else the five
    // ticks would read the same minute twice).
    m_timeFormat = first.toLocalTime().date() != last.toLocalTime().date() ? u"MMM d HH:mm"_s
                   : first.secsTo(last) < 600                              ? u"HH:mm:ss"_s
                                                                           : u"HH:mm"_s;
    time->setFormat(m_timeFormat);
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
    showChart(m_errorsStack, m_errors, errors);
}

} // namespace Updraft
