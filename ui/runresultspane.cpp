// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "runresultspane.h"

#include "format.h"
#include "resultsmodel.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

void fill(QComboBox *box, const QList<std::pair<QString, QString>> &items)
{
    for (const auto &[value, label] : items)
        box->addItem(label, value);
}

} // namespace

RunResultsPane::RunResultsPane(QWidget *parent)
    : QWidget(parent)
{
    m_model = new ResultsModel(this);
    m_proxy = new ResultsFilterProxy(this);
    m_proxy->setSourceModel(m_model);

    m_summary = new QLabel(tr("Select a run to see the objects it touched."), this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_action = new QComboBox(this);
    fill(m_action, {{QString(), tr("Every action")},
                    {u"create"_s, tr("Created")},
                    {u"update"_s, tr("Updated")},
                    {u"delete"_s, tr("Deleted")},
                    {u"match"_s, tr("Matched")},
                    {u"unchanged"_s, tr("Unchanged")},
                    {u"disable"_s, tr("Disabled")},
                    {u"skip"_s, tr("Skipped")}});
    m_outcome = new QComboBox(this);
    fill(m_outcome, {{QString(), tr("Every outcome")},
                     {u"success"_s, tr("Succeeded")},
                     {u"failed"_s, tr("Failed")},
                     {u"warning"_s, tr("Warning")},
                     {u"accepted"_s, tr("Accepted, outcome pending")},
                     {u"skipped"_s, tr("Skipped by the target")},
                     {u"planned"_s, tr("Planned")}});
    m_text = new QLineEdit(this);
    m_text->setPlaceholderText(tr("Filter objects: name, DN, message, attribute"));
    m_text->setClearButtonEnabled(true);
    m_exportCsv = new QPushButton(tr("Export CSV…"), this);
    m_exportJson = new QPushButton(tr("Export JSON…"), this);
    connect(m_action, &QComboBox::currentIndexChanged, this, &RunResultsPane::applyFilter);
    connect(m_outcome, &QComboBox::currentIndexChanged, this, &RunResultsPane::applyFilter);
    connect(m_text, &QLineEdit::textChanged, this, &RunResultsPane::applyFilter);
    connect(m_exportCsv, &QPushButton::clicked, this, [this] { exportInteractively(ExportFormat::Csv); });
    connect(m_exportJson, &QPushButton::clicked, this, [this] { exportInteractively(ExportFormat::Json); });

    m_table = new QTableView(this);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // the run's own order until a header is clicked
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setObjectName(u"results"_s);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RunResultsPane::showDetails);

    m_details = new QTextBrowser(this);
    m_details->setPlaceholderText(tr("Select an object to see what the run did to it."));

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_action);
    filters->addWidget(m_outcome);
    filters->addWidget(m_text, 1);
    filters->addWidget(m_exportCsv);
    filters->addWidget(m_exportJson);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(u"resultsSplitter"_s);
    split->addWidget(m_table);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addLayout(filters);
    layout->addWidget(split, 1);
    clear();
}

void RunResultsPane::showRun(const RunRecord &run, QList<RunResult> results)
{
    const int count = int(results.size());
    m_model->setResults(run, std::move(results));
    // A preview (a dry run) has no number: it is not in the history.
    const QString title = run.id > 0 ? tr("Run %1").arg(run.id) : tr("The plan");
    m_summary->setText(tr("<b>%1</b> of %2 · %3 · %4 · %5 · %n object(s) touched%6", nullptr, count)
                           .arg(title)
                           .arg(run.configurationName.toHtmlEscaped(), Format::statusWord(run.status),
                                Format::absolute(run.startedAt), Format::runDuration(run).toHtmlEscaped())
                           .arg(run.message.isEmpty() ? QString() : u"<br>"_s + run.message.toHtmlEscaped()));
    m_exportCsv->setEnabled(count > 0);
    m_exportJson->setEnabled(true);
    showDetails();
}

const RunRecord &RunResultsPane::run() const
{
    return m_model->run();
}

void RunResultsPane::clear()
{
    m_model->clear();
    m_summary->setText(tr("Select a run to see the objects it touched."));
    m_exportCsv->setEnabled(false);
    m_exportJson->setEnabled(false);
    m_details->clear();
}

void RunResultsPane::setFilter(const QString &action, const QString &outcome, const QString &text)
{
    const QSignalBlocker a(m_action), o(m_outcome), t(m_text);
    m_action->setCurrentIndex(std::max(0, m_action->findData(action)));
    m_outcome->setCurrentIndex(std::max(0, m_outcome->findData(outcome)));
    m_text->setText(text);
    applyFilter();
}

void RunResultsPane::selectAnchor(const QString &anchor)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (index.data(ResultsModel::AnchorRole).toString() == anchor) {
            m_table->selectRow(row);
            m_table->scrollTo(index);
            return;
        }
    }
}

void RunResultsPane::applyFilter()
{
    ResultFilter f;
    if (const QString a = m_action->currentData().toString(); !a.isEmpty())
        f.actions.insert(a);
    if (const QString o = m_outcome->currentData().toString(); !o.isEmpty())
        f.outcomes.insert(o);
    f.text = m_text->text();
    m_proxy->setFilter(f);
}

void RunResultsPane::showDetails()
{
    const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
    const RunResult *r = current.isValid() ? m_model->result(current.row()) : nullptr;
    if (!r) {
        m_details->clear();
        return;
    }
    QString html = u"<h3>%1</h3><p>%2</p><p><b>%3</b> · %4 · %5</p>"_s.arg(
        (r->displayName.isEmpty() ? r->anchor : r->displayName).toHtmlEscaped(), r->dn.toHtmlEscaped(),
        r->action.toHtmlEscaped(), r->kind.toHtmlEscaped(), r->outcome.toHtmlEscaped());
    if (!r->message.isEmpty())
        html += u"<p>%1</p>"_s.arg(r->message.toHtmlEscaped());
    if (!r->diff.isEmpty()) {
        html += u"<table cellpadding=\"3\"><tr><th align=\"left\">%1</th><th align=\"left\">%2</th>"
                u"<th align=\"left\">%3</th></tr>"_s.arg(tr("Attribute"), tr("Before"), tr("After"));
        for (const QJsonValue &v : r->diff) {
            const QJsonObject o = v.toObject();
            html += u"<tr><td>%1</td><td>%2</td><td>%3</td></tr>"_s.arg(
                o.value(u"attribute"_s).toString().toHtmlEscaped(),
                o.value(u"old"_s).toString().toHtmlEscaped(), o.value(u"new"_s).toString().toHtmlEscaped());
        }
        html += u"</table>"_s;
    } else if (!r->changes.isEmpty()) {
        html += u"<p>%1 %2</p>"_s.arg(tr("Changed:"), r->changes.join(u", "_s).toHtmlEscaped());
    }
    if (!r->anchor.isEmpty())
        html += u"<p><small>%1 %2</small></p>"_s.arg(tr("Source anchor:"), r->anchor.toHtmlEscaped());
    m_details->setHtml(html);
}

bool RunResultsPane::exportTo(const QString &path, ExportFormat format, QString *error) const
{
    const QList<RunResult> shown = m_proxy->shownResults();
    const QByteArray bytes =
        format == ExportFormat::Csv ? ResultExport::csv(shown) : ResultExport::json(m_model->run(), shown);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void RunResultsPane::exportInteractively(ExportFormat format)
{
    const bool csv = format == ExportFormat::Csv;
    const QString suggested = u"updraft-run-%1.%2"_s.arg(m_model->run().id).arg(csv ? u"csv"_s : u"json"_s);
    const QString path =
        QFileDialog::getSaveFileName(this, csv ? tr("Export results as CSV") : tr("Export results as JSON"),
                                     suggested, csv ? tr("CSV files (*.csv)") : tr("JSON files (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportTo(path, format, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
}

QString RunResultsPane::details() const
{
    return m_details->toPlainText();
}

QString RunResultsPane::summary() const
{
    return m_summary->text();
}

void RunResultsPane::saveSettings() const
{
    QSettings s;
    s.setValue(u"runs/resultsHeader"_s, m_table->horizontalHeader()->saveState());
    if (const auto *split = findChild<QSplitter *>(u"resultsSplitter"_s))
        s.setValue(u"runs/resultsSplitter"_s, split->saveState());
}

void RunResultsPane::restoreSettings()
{
    const QSettings s;
    if (!m_table->horizontalHeader()->restoreState(s.value(u"runs/resultsHeader"_s).toByteArray())) {
        m_table->setColumnWidth(ResultsModel::ActionColumn, 80);
        m_table->setColumnWidth(ResultsModel::KindColumn, 60);
        m_table->setColumnWidth(ResultsModel::NameColumn, 130);
        m_table->setColumnWidth(ResultsModel::DnColumn, 200);
        m_table->setColumnWidth(ResultsModel::OutcomeColumn, 90);
        m_table->setColumnWidth(ResultsModel::ChangesColumn, 150);
    }
    if (auto *split = findChild<QSplitter *>(u"resultsSplitter"_s))
        split->restoreState(s.value(u"runs/resultsSplitter"_s).toByteArray());
}

} // namespace Updraft
