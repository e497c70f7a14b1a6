// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace Updraft {

class PasswordHashFilterProxy;
class PasswordHashModel;

// Users whose password hash is not (yet) in the cloud, each with what happened and what happens next, and
// "Retry now" and "Open provisioning result". Toggles per status, remembered; an empty list says it is good.
class PasswordHashView : public QWidget
{
    Q_OBJECT
public:
    explicit PasswordHashView(PasswordHashModel *model, QWidget *parent = nullptr);

    void setStatusShown(const QString &status, bool shown);
    void setSearch(const QString &text);
    void focusFilter();
    QTableView *table() const { return m_table; }
    PasswordHashFilterProxy *proxy() const { return m_proxy; }
    QToolButton *toggle(const QString &status) const { return m_toggles.value(status); }
    bool showsEmptyState() const;
    QString emptyStateText() const;

    void saveSettings() const;
    void restoreSettings();

Q_SIGNALS:
    void retryRequested(const QString &configuration, const QString &anchor);
    void provisioningResultRequested(qint64 runId, const QString &anchor);

private:
    void updateCounts();
    void updateState();

    PasswordHashModel *m_model;
    PasswordHashFilterProxy *m_proxy = nullptr;
    QHash<QString, QToolButton *> m_toggles;
    QLineEdit *m_search = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_empty = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_open = nullptr;
};

} // namespace Updraft
