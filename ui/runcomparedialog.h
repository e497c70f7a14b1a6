// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/resultfilter.h"

#include <QDialog>

class QTabWidget;

namespace Updraft {

// Two runs side by side: errors the later run has and the earlier had not, errors it no longer has, and
// objects written by both.
class RunCompareDialog : public QDialog
{
    Q_OBJECT
public:
    RunCompareDialog(const RunRecord &earlier, const RunRecord &later, const RunComparison &comparison,
                     QWidget *parent = nullptr);
    QTabWidget *tabs() const { return m_tabs; }

private:
    QTabWidget *m_tabs = nullptr;
};

} // namespace Updraft
