// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "previewdialog.h"

#include "resultsmodel.h"
#include "runresultspane.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

PreviewDialog::PreviewDialog(const QString &name, const RunRecord &record, QList<RunResult> plan,
                             QWidget *parent)
    : QDialog(parent)
    , m_name(name)
    , m_plan(std::move(plan))
{
    setWindowTitle(tr("Preview of a run of %1").arg(name));
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    const ObjectCounts &u = record.users;
    const ObjectCounts &g = record.groups;
    if (record.status != u"dry-run"_s) {
        m_summary->setText(tr("The plan could not be computed: %1").arg(record.message));
    } else {
        m_summary->setText(tr("Nothing has been written. A run now would create %1, update %2 and delete %3; "
                              "%4 stay as they are.")
                               .arg(tr("%n object(s)", nullptr, u.created + g.created),
                                    tr("%n object(s)", nullptr, u.updated + g.updated),
                                    tr("%n object(s)", nullptr, u.deleted + g.deleted),
                                    tr("%n object(s)", nullptr, u.unchanged + g.unchanged)) +
                           (record.message.isEmpty() ? QString() : u" "_s + record.message));
    }
    m_results = new RunResultsPane(this);
    RunRecord shown = record;
    shown.configurationName = name;
    m_results->showRun(shown, m_plan);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_apply = buttons->addButton(tr("Apply this plan"), QDialogButtonBox::AcceptRole);
    m_apply->setEnabled(record.status == u"dry-run"_s);
    m_runAnyway = buttons->addButton(tr("Run with the new plan"), QDialogButtonBox::ActionRole);
    m_runAnyway->hide();
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_apply, &QPushButton::clicked, this, [this] {
        m_apply->setEnabled(false);
        m_summary->setText(tr("Checking that the plan is still the same…"));
        Q_EMIT applyRequested(m_name, m_plan);
    });
    connect(m_runAnyway, &QPushButton::clicked, this, [this] {
        Q_EMIT runAnywayRequested(m_name);
        accept();
    });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_results, 1);
    layout->addWidget(buttons);
    resize(1000, 600);
}

void PreviewDialog::showDifferences(const QList<RunResult> &differences)
{
    QStringList lines;
    for (const RunResult &r : differences.mid(0, 10))
        lines.append(u"%1 %2 (%3)"_s.arg(r.action, r.displayName.isEmpty() ? r.dn : r.displayName, r.dn));
    m_summary->setText(
        tr("The directory changed since this preview: %n write(s) differ from the plan shown, so "
           "nothing was run. %1%2",
           nullptr, int(differences.size()))
            .arg(lines.join(u"; "_s), differences.size() > 10 ? u"…"_s : QString()));
    m_runAnyway->show();
}

} // namespace Updraft
