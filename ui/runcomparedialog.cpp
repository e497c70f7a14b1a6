// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "runcomparedialog.h"

#include "format.h"
#include "resultsmodel.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

RunCompareDialog::RunCompareDialog(const RunRecord &earlier, const RunRecord &later,
                                   const RunComparison &comparison, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Compare run %1 with run %2").arg(earlier.id).arg(later.id));
    auto *intro = new QLabel(tr("Run %1 (%2, %3) against the later run %4 (%5, %6).")
                                 .arg(earlier.id)
                                 .arg(Format::absolute(earlier.startedAt), Format::statusWord(earlier.status))
                                 .arg(later.id)
                                 .arg(Format::absolute(later.startedAt), Format::statusWord(later.status)),
                             this);
    intro->setWordWrap(true);
    m_tabs = new QTabWidget(this);
    const auto addTab = [this](const QList<RunResult> &rows, const RunRecord &run, const QString &title) {
        auto *model = new ResultsModel(this);
        model->setResults(run, rows);
        auto *view = new QTableView(m_tabs);
        view->setModel(model);
        view->verticalHeader()->hide();
        view->horizontalHeader()->setStretchLastSection(true);
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        m_tabs->addTab(view, title.arg(rows.size()));
    };
    addTab(comparison.newErrors, later, tr("New errors (%1)"));
    addTab(comparison.resolvedErrors, earlier, tr("Resolved errors (%1)"));
    addTab(comparison.changedInBoth, later, tr("Changed in both (%1)"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);
    resize(900, 500);
}

} // namespace Updraft
