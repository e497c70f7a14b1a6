// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/explanation.h"

#include <QDialog>

#include <functional>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTreeWidget;

namespace Updraft {

// "Provision on demand / explain": the admin names one user or group of a configuration (a name, uid, mail or
// DN), picks it among the candidates when several match, and sees its way through a run step by step: what
// was read, whether it is in scope and by which rule, its anchor, its cloud object, its mapped attributes,
// the action a run takes and its password hash. "Explain only" asks again; "Provision now" says exactly what
// will be written and, once confirmed, provisions that object alone.
//
// The dialog only asks and shows: `request(text, provision)` reaches the engine (SyncService::explain, on the
// engine's thread), and the answer comes back through show() (SyncService::explained; answers for other
// configurations are ignored).
class ExplainDialog : public QDialog
{
    Q_OBJECT
public:
    using Request = std::function<void(const QString &text, bool provision)>;

    ExplainDialog(const QString &configurationName, Request requestWork, QWidget *parent = nullptr);

    using QDialog::show;

    QString configurationName() const { return m_name; }
    const Explanation &explanation() const { return m_explanation; }
    // Asks for the explanation of `text` (as typing it and pressing Enter does).
    void explain(const QString &text);
    // The "Provision now" confirmation; a test answers it instead of a message box. Gets the question.
    void setConfirmation(std::function<bool(const QString &question)> confirm)
    {
        m_confirm = std::move(confirm);
    }

    QLineEdit *searchField() const { return m_search; }
    QListWidget *candidateList() const { return m_candidates; }
    QTreeWidget *stepTree() const { return m_steps; }
    QLabel *summaryLabel() const { return m_summary; }
    QPushButton *explainOnlyButton() const { return m_explainOnly; }
    QPushButton *provisionButton() const { return m_provision; }

public Q_SLOTS:
    // The engine's answer (SyncService::explained).
    void show(const Updraft::Explanation &explanation);

private:
    void request(const QString &text, bool provision);
    void provisionNow();
    void setBusy(bool busy);
    QString currentTarget() const; // the explained object's DN, or what was typed

    QString m_name;
    Request m_request;
    std::function<bool(const QString &)> m_confirm;
    Explanation m_explanation;
    bool m_busy = false;

    QLineEdit *m_search = nullptr;
    QPushButton *m_explain = nullptr;
    QListWidget *m_candidates = nullptr;
    QLabel *m_summary = nullptr;
    QTreeWidget *m_steps = nullptr;
    QPushButton *m_explainOnly = nullptr;
    QPushButton *m_provision = nullptr;
};

} // namespace Updraft
