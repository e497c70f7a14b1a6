// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QListView;
class QTextBrowser;

namespace Updraft {

class ConfigurationsModel;

// The configurations in the store, each shown section by section (directory, scope, cloud, mapping, schedule,
// safety) as the engine reads it; secrets appear only as the names of where they are kept.
class ConfigurationsView : public QWidget
{
    Q_OBJECT
public:
    explicit ConfigurationsView(ConfigurationsModel *model, QWidget *parent = nullptr);

    void select(const QString &name);
    QString selected() const;
    QString detailsText() const;
    QListView *list() const { return m_list; }

Q_SIGNALS:
    void configurationSelected(const QString &name);
    void runRequested(const QString &name, bool fullRead);
    void runsRequested(const QString &name);
    void removeRequested(const QString &name);
    void previewRequested(const QString &name);
    void explainRequested(const QString &name);
    void newRequested();
    void importRequested();
    void editRequested(const QString &name);
    void duplicateRequested(const QString &name);
    void exportRequested(const QString &name);

private:
    void showSelected();

    ConfigurationsModel *m_model;
    QListView *m_list = nullptr;
    QTextBrowser *m_details = nullptr;
};

} // namespace Updraft
