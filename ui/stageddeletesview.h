// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QTableView;

namespace Updraft {

class StagedDeletesModel;

// The deletes the delete threshold held back: each object with its cause, approved or rejected one by one, by
// selection, or every object of one cause. Approving asks once, with the count in the button.
class StagedDeletesView : public QWidget
{
    Q_OBJECT
public:
    explicit StagedDeletesView(StagedDeletesModel *model, QWidget *parent = nullptr);

    // How approvals are confirmed: given the question and the button's text, true to go on. A dialog by
    // default; tests answer themselves.
    using Confirmation = std::function<bool(const QString &question, const QString &button)>;
    void setConfirmation(Confirmation confirmation) { m_confirm = std::move(confirmation); }

    QTableView *table() const { return m_table; }
    void approveSelected();
    void rejectSelected();
    void selectSameCause();

Q_SIGNALS:
    void decided(const QString &configuration, const QList<qint64> &ids, const QString &decision);

private:
    // The selected pending deletes, by configuration.
    QHash<QString, QList<qint64>> selectedPending() const;
    void decide(const QString &decision);
    void updateState();

    StagedDeletesModel *m_model;
    QLabel *m_summary = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_approve = nullptr;
    QPushButton *m_reject = nullptr;
    QPushButton *m_sameCause = nullptr;
    Confirmation m_confirm;
};

} // namespace Updraft
