// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "explaindialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

QIcon outcomeIcon(const QStyle *style, ExplanationStep::Outcome outcome)
{
    switch (outcome) {
    case ExplanationStep::Outcome::Ok:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    case ExplanationStep::Outcome::Info:
        return style->standardIcon(QStyle::SP_MessageBoxInformation);
    case ExplanationStep::Outcome::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case ExplanationStep::Outcome::Stop:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    }
    return {};
}

} // namespace

ExplainDialog::ExplainDialog(const QString &configurationName, Request requestWork, QWidget *parent)
    : QDialog(parent)
    , m_name(configurationName)
    , m_request(std::move(requestWork))
{
    setWindowTitle(tr("Explain or provision one object of %1").arg(m_name));

    auto *intro = new QLabel(
        tr("Name a user (name, uid, sAMAccountName, userPrincipalName, cn or mail), a group (cn) or any DN: "
           "its way through a run of %1 is shown step by step. Nothing is written unless you choose "
           "Provision now.")
            .arg(m_name),
        this);
    intro->setWordWrap(true);

    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(
        tr("e.g. jdoe, jane.doe@example.com or uid=jdoe,ou=People,dc=example,dc=com"));
    m_search->setClearButtonEnabled(true);
    m_explain = new QPushButton(tr("Explain"), this);
    m_explain->setDefault(true);
    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_explain);

    m_candidates = new QListWidget(this);
    m_candidates->setAccessibleName(tr("Matching objects"));
    m_candidates->hide();

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_steps = new QTreeWidget(this);
    m_steps->setColumnCount(2);
    m_steps->setHeaderLabels({tr("Step"), tr("What happens")});
    m_steps->setWordWrap(true);
    m_steps->setUniformRowHeights(false);
    m_steps->setAlternatingRowColors(true);
    m_steps->header()->setStretchLastSection(true);
    m_steps->setColumnWidth(0, 220);
    m_steps->setAccessibleName(tr("Steps"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_explainOnly = buttons->addButton(tr("Explain only"), QDialogButtonBox::ActionRole);
    m_provision = buttons->addButton(tr("Provision now…"), QDialogButtonBox::ActionRole);
    m_explainOnly->setEnabled(false);
    m_provision->setEnabled(false);
    m_provision->setAutoDefault(false);
    m_explainOnly->setAutoDefault(false);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_search, &QLineEdit::returnPressed, this, [this] { explain(m_search->text()); });
    connect(m_explain, &QPushButton::clicked, this, [this] { explain(m_search->text()); });
    connect(m_candidates, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QString dn = item->data(Qt::UserRole).toString();
        m_search->setText(dn);
        explain(dn);
    });
    connect(m_explainOnly, &QPushButton::clicked, this, [this] { request(currentTarget(), false); });
    connect(m_provision, &QPushButton::clicked, this, &ExplainDialog::provisionNow);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(searchRow);
    layout->addWidget(m_candidates);
    layout->addWidget(m_summary);
    layout->addWidget(m_steps, 1);
    layout->addWidget(buttons);
    resize(900, 640);
}

void ExplainDialog::explain(const QString &text)
{
    if (!text.trimmed().isEmpty())
        request(text.trimmed(), false);
}

QString ExplainDialog::currentTarget() const
{
    return m_explanation.dn.isEmpty() ? m_search->text().trimmed() : m_explanation.dn;
}

void ExplainDialog::request(const QString &text, bool provision)
{
    if (m_busy || text.isEmpty())
        return;
    setBusy(true);
    m_summary->setText(provision ? tr("Provisioning “%1”…").arg(text) : tr("Explaining “%1”…").arg(text));
    if (m_request)
        m_request(text, provision);
}

void ExplainDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_search->setEnabled(!busy);
    m_explain->setEnabled(!busy);
    m_candidates->setEnabled(!busy);
    m_explainOnly->setEnabled(!busy && m_explanation.status == Explanation::Status::Explained);
    m_provision->setEnabled(!busy && m_explanation.canProvision());
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

void ExplainDialog::provisionNow()
{
    if (!m_explanation.canProvision())
        return;
    const QString question =
        tr("Provision “%1” (%2) of %3 now?\n\n%4")
            .arg(m_explanation.displayName, m_explanation.dn, m_name, m_explanation.proposal);
    const bool confirmed = m_confirm ? m_confirm(question)
                                     : QMessageBox::question(this, tr("Provision now"), question,
                                                             QMessageBox::Yes | QMessageBox::Cancel,
                                                             QMessageBox::Cancel) == QMessageBox::Yes;
    if (confirmed)
        request(m_explanation.dn, true);
}

void ExplainDialog::show(const Explanation &explanation)
{
    if (explanation.configuration != m_name)
        return;
    m_explanation = explanation;
    m_steps->clear();
    m_candidates->clear();
    m_candidates->setVisible(explanation.status == Explanation::Status::Ambiguous);

    switch (explanation.status) {
    case Explanation::Status::Ambiguous:
        for (const ExplanationCandidate &c : explanation.candidates) {
            const QString kind = c.kind == ObjectKind::User ? tr("user") : tr("group");
            auto *item = new QListWidgetItem(c.name.isEmpty() ? u"%1 %2"_s.arg(kind, c.dn)
                                                              : tr("%1 “%2” — %3").arg(kind, c.name, c.dn),
                                             m_candidates);
            item->setData(Qt::UserRole, c.dn);
            if (!c.synced)
                item->setToolTip(tr("Not a user or group this directory type syncs"));
        }
        m_summary->setText(explanation.message + u' ' + tr("Double-click one to explain it."));
        break;
    case Explanation::Status::NotFound:
        m_summary->setText(explanation.message);
        break;
    case Explanation::Status::Failed:
        m_summary->setText(tr("The explanation could not be completed: %1").arg(explanation.message));
        break;
    case Explanation::Status::Explained: {
        const QString kind = explanation.kind == ObjectKind::User ? tr("User") : tr("Group");
        QString text = tr("%1 “%2” (%3): %4.")
                           .arg(kind, explanation.displayName, explanation.dn,
                                explanation.inScope ? tr("in scope") : tr("out of scope"));
        if (explanation.provisioned)
            text +=
                u' ' + tr("Provisioned by run %1: %2.").arg(explanation.run.id).arg(explanation.run.status);
        else if (!explanation.run.status.isEmpty())
            text += u' ' + tr("Not provisioned: %1").arg(explanation.run.message);
        else
            text += u' ' + tr("Provisioning it now: %1").arg(explanation.proposal);
        m_summary->setText(text);
        break;
    }
    }

    for (const ExplanationStep &step : explanation.steps) {
        auto *item = new QTreeWidgetItem(m_steps, {step.title, step.text});
        item->setIcon(0, outcomeIcon(style(), step.outcome));
        item->setToolTip(1, step.text);
        item->setData(0, Qt::UserRole, ExplanationStep::outcomeName(step.outcome));
        // What the icon says, for screen readers.
        const QString word = step.outcome == ExplanationStep::Outcome::Stop      ? tr("stops here")
                             : step.outcome == ExplanationStep::Outcome::Warning ? tr("warning")
                             : step.outcome == ExplanationStep::Outcome::Ok      ? tr("passes")
                                                                                 : tr("for the record");
        item->setData(0, Qt::AccessibleTextRole, u"%1 (%2)"_s.arg(step.title, word));
        for (const auto &[key, value] : step.details) {
            auto *detail = new QTreeWidgetItem(item, {key, value});
            detail->setToolTip(1, value);
        }
    }
    setBusy(false);
}

} // namespace Updraft
