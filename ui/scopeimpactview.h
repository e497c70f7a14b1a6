// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/scopeimpact.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace Updraft {

// The live impact of a scope being edited: counts entering and leaving against the saved scope, the deletes
// that would follow, warnings first, and the objects themselves to look through.
class ScopeImpactView : public QWidget
{
    Q_OBJECT
public:
    explicit ScopeImpactView(QWidget *parent = nullptr);

    void showComputing();
    void showImpact(const ScopeImpact &impact);
    void showMessage(const QString &text);
    QString summaryText() const;

private:
    QLabel *m_summary = nullptr;
    QTreeWidget *m_details = nullptr;
};

} // namespace Updraft
