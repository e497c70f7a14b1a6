// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "runsview.h"

#include "runcomparedialog.h"
#include "runresultspane.h"
#include "runsmodel.h"
#include "store/statestore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

// The status filter's choices: a label and the statuses it stands for.
const QList<std::pair<const char *, QStringList>> &statusChoices()
{
    static const QList<std::pair<const char *, QStringList>> choices{
        {QT_TRANSLATE_NOOP("Updraft::RunsView", "Every status"), {}},
        {QT_TRANSLATE_NOOP("Updraft::RunsView", "Needs attention"),
         {u"failed"_s, u"stopped"_s, u"warning"_s, u"interrupted"_s}},
        {QT_TRANSLATE_NOOP("Updraft::RunsView", "Failed"), {u"failed"_s}},
        {QT_TRANSLATE_NOOP("Updraft::RunsView", "Stopped by a guard"), {u"stopped"_s}},
        {QT_TRANSLATE_NOOP("Updraft::RunsView", "With warnings"), {u"warning"_s}},
        {QT_TRANSLATE_NOOP("Updraft::RunsView", "Interrupted"), {u"interrupted"_s}},
        {QT_TRANSLATE_NOOP("Updraft::RunsView", "Succeeded"), {u"success"_s}},
        {QT_TRANSLATE_NOOP("Updraft::RunsView", "Running"), {u"running"_s}},
    };
    return choices;
}

} // namespace

RunsView::RunsView(RunsModel *model, const StateStore &store, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_store(store)
{
    m_configuration = new QComboBox(this);
    m_configuration->addItem(tr("Every configuration"), QString());
    m_status = new QComboBox(this);
    for (const auto &[label, statuses] : statusChoices())
        m_status->addItem(tr(label), statuses);
    m_useDates = new QCheckBox(tr("Started between"), this);
    m_from = new QDateEdit(QDate::currentDate().addDays(-7), this);
    m_to = new QDateEdit(QDate::currentDate(), this);
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(u"yyyy-MM-dd"_s);
        edit->setEnabled(false);
    }
    m_text = new QLineEdit(this);
    m_text->setAccessibleName(tr("Filter runs"));
    m_text->setPlaceholderText(tr("Search runs: configuration, status, message, #id (Ctrl+F)"));
    m_text->setClearButtonEnabled(true);
    m_compare = new QPushButton(tr("Compare…"), this);
    m_compare->setToolTip(tr("Compare the two selected runs, or the selected run with the one before it"));

    connect(m_configuration, &QComboBox::currentIndexChanged, this, [this] {
        applyFilter();
        Q_EMIT configurationSelected(m_configuration->currentData().toString());
    });
    connect(m_status, &QComboBox::currentIndexChanged, this, &RunsView::applyFilter);
    connect(m_useDates, &QCheckBox::toggled, this, [this](bool on) {
        m_from->setEnabled(on);
        m_to->setEnabled(on);
        applyFilter();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &RunsView::applyFilter);
    connect(m_to, &QDateEdit::dateChanged, this, &RunsView::applyFilter);
    connect(m_text, &QLineEdit::textChanged, this, &RunsView::applyFilter);
    connect(m_compare, &QPushButton::clicked, this, &RunsView::compareSelected);

    m_table = new QTableView(this);
    m_table->setAccessibleName(tr("Runs"));
    m_table->setObjectName(u"runs"_s);
    m_table->setModel(m_model);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicator(RunsModel::StartedColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        showSelected();
        updateCompareButton();
    });
    connect(m_table, &QTableView::clicked, this, &RunsView::countClicked);
    // A refresh resets the model: keep the run the admin was looking at.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { m_shownRun = selectedRunId(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        const int row = m_model->rowOf(m_shownRun);
        if (row >= 0) {
            const QSignalBlocker block(m_table->selectionModel());
            m_table->selectRow(row);
        }
        showSelected();
        updateCompareButton();
    });

    m_results = new RunResultsPane(this);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_configuration);
    filters->addWidget(m_status);
    filters->addWidget(m_useDates);
    filters->addWidget(m_from);
    filters->addWidget(new QLabel(tr("and"), this));
    filters->addWidget(m_to);
    filters->addWidget(m_text, 1);
    filters->addWidget(m_compare);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(u"runsSplitter"_s);
    split->addWidget(m_table);
    split->addWidget(m_results);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(split, 1);
    updateCompareButton();
}

void RunsView::setConfigurations(const QStringList &names)
{
    const QString current = m_configuration->currentData().toString();
    const QSignalBlocker block(m_configuration);
    while (m_configuration->count() > 1)
        m_configuration->removeItem(1);
    for (const QString &name : names)
        m_configuration->addItem(name, name);
    m_configuration->setCurrentIndex(std::max(0, m_configuration->findData(current)));
}

void RunsView::applyFilter()
{
    RunQuery q = m_model->query();
    q.configuration = m_configuration->currentData().toString();
    q.statuses = m_status->currentData().toStringList();
    q.text = m_text->text();
    if (m_useDates->isChecked()) {
        q.from = m_from->date().startOfDay();
        q.to = m_to->date().addDays(1).startOfDay(); // the end day included
    } else {
        q.from = q.to = QDateTime();
    }
    m_model->setQuery(q);
}

qint64 RunsView::selectedRunId() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const QModelIndex index = current.isValid() && m_table->selectionModel()->isRowSelected(current.row())
                                  ? current
                                  : (rows.isEmpty() ? QModelIndex() : rows.first());
    return index.isValid() ? index.data(RunsModel::RunIdRole).toLongLong() : 0;
}

void RunsView::showSelected()
{
    const qint64 id = selectedRunId();
    if (!id) {
        m_results->clear();
        m_shownRun = 0;
        return;
    }
    m_shownRun = id;
    const auto run = m_store.run(id);
    // Read the results again only for another run, or for one that has moved on (it was running).
    if (run && (run->id != m_results->run().id || run->status != m_results->run().status ||
                run->finishedAt != m_results->run().finishedAt))
        m_results->showRun(*run, m_store.results(id));
}

bool RunsView::openRun(qint64 runId, const QString &anchor)
{
    int row = m_model->rowOf(runId);
    if (row < 0) {
        // Not among the loaded runs: widen the filter, then page until it is there.
        m_configuration->setCurrentIndex(0);
        m_status->setCurrentIndex(0);
        m_useDates->setChecked(false);
        m_text->setText(u"#%1"_s.arg(runId));
        row = m_model->rowOf(runId);
    }
    if (row < 0)
        return false;
    m_table->selectRow(row);
    m_table->scrollTo(m_model->index(row, 0));
    showSelected();
    if (!anchor.isEmpty()) {
        m_results->setFilter({}, {});
        m_results->selectAnchor(anchor);
    }
    return true;
}

void RunsView::countClicked(const QModelIndex &index)
{
    static const QHash<int, std::pair<QString, QString>> filters{
        {RunsModel::CreatedColumn, {u"create"_s, {}}},
        {RunsModel::UpdatedColumn, {u"update"_s, {}}},
        {RunsModel::DeletedColumn, {u"delete"_s, {}}},
        {RunsModel::UnchangedColumn, {u"unchanged"_s, {}}},
        {RunsModel::FailedColumn, {QString(), u"failed"_s}},
    };
    const auto it = filters.constFind(index.column());
    if (it == filters.cend())
        return;
    m_results->setFilter(it->first, it->second);
}

void RunsView::updateCompareButton()
{
    const int selected = int(m_table->selectionModel()->selectedRows().size());
    m_compare->setEnabled(selected == 1 || selected == 2);
}

void RunsView::compareSelected()
{
    QList<qint64> ids;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        ids.append(index.data(RunsModel::RunIdRole).toLongLong());
    std::sort(ids.begin(), ids.end());
    if (ids.size() == 1) {
        // The run before it, of the same configuration.
        const auto later = m_store.run(ids.first());
        if (!later)
            return;
        RunQuery q;
        q.configuration = later->configurationName;
        for (const RunRecord &r : m_store.queryRuns(q, 0, 1000)) {
            if (r.id < later->id && r.status != u"running"_s) {
                ids.prepend(r.id);
                break;
            }
        }
    }
    if (ids.size() != 2)
        return;
    const auto earlier = m_store.run(ids.at(0));
    const auto later = m_store.run(ids.at(1));
    if (!earlier || !later)
        return;
    auto *dialog = new RunCompareDialog(
        *earlier, *later, RunComparison::of(m_store.results(earlier->id), m_store.results(later->id)), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void RunsView::focusFilter()
{
    m_text->setFocus();
    m_text->selectAll();
}

void RunsView::saveSettings() const
{
    QSettings s;
    s.setValue(u"runs/header"_s, m_table->horizontalHeader()->saveState());
    if (const auto *split = findChild<QSplitter *>(u"runsSplitter"_s))
        s.setValue(u"runs/splitter"_s, split->saveState());
    s.setValue(u"runs/filter/configuration"_s, m_configuration->currentData());
    s.setValue(u"runs/filter/status"_s, m_status->currentIndex());
    s.setValue(u"runs/filter/text"_s, m_text->text());
    s.setValue(u"runs/filter/useDates"_s, m_useDates->isChecked());
    s.setValue(u"runs/filter/from"_s, m_from->date());
    s.setValue(u"runs/filter/to"_s, m_to->date());
    m_results->saveSettings();
}

void RunsView::restoreSettings()
{
    const QSettings s;
    if (!m_table->horizontalHeader()->restoreState(s.value(u"runs/header"_s).toByteArray()))
        m_table->resizeColumnsToContents();
    if (auto *split = findChild<QSplitter *>(u"runsSplitter"_s))
        split->restoreState(s.value(u"runs/splitter"_s).toByteArray());
    m_configuration->setCurrentIndex(
        std::max(0, m_configuration->findData(s.value(u"runs/filter/configuration"_s).toString())));
    m_status->setCurrentIndex(
        std::clamp(s.value(u"runs/filter/status"_s, 0).toInt(), 0, m_status->count() - 1));
    m_text->setText(s.value(u"runs/filter/text"_s).toString());
    if (s.contains(u"runs/filter/from"_s)) {
        m_from->setDate(s.value(u"runs/filter/from"_s).toDate());
        m_to->setDate(s.value(u"runs/filter/to"_s).toDate());
    }
    m_useDates->setChecked(s.value(u"runs/filter/useDates"_s, false).toBool());
    m_results->restoreSettings();
    // The header's saved sort order is the model's order too.
    const QHeaderView *header = m_table->horizontalHeader();
    m_model->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
}

} // namespace Updraft
