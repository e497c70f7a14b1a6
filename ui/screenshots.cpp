// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "screenshots.h"

#include "configurationeditor.h"
#include "configurationsmodel.h"
#include "connectioncheckview.h"
#include "consolecontroller.h"
#include "explaindialog.h"
#include "mainwindow.h"
#include "outreemodel.h"
#include "previewdialog.h"
#include "resultsmodel.h"
#include "runresultspane.h"
#include "runsmodel.h"
#include "runsview.h"
#include "scopeimpactview.h"
#include "store/statestore.h"

#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QPixmap>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

constexpr int PollMs = 250;
constexpr int MaxPolls = 120;

} // namespace

Screenshots::Screenshots(MainWindow &window, ConsoleController &controller, QString directory,
                         QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_controller(controller)
    , m_directory(std::move(directory))
{
    const auto always = [] {
        return true;
    };
    const auto windowItself = [this]() -> QWidget * {
        return &m_window;
    };
    for (const QString &page : m_window.pageKeys()) {
        m_shots.append({page + u".png"_s,
                        [this, page] {
                            m_window.showPage(page);
                            if (page == u"runs"_s)
                                showAnUpdate();
                        },
                        always, windowItself});
    }
    const auto editor = [this] {
        return m_window.findChild<ConfigurationEditor *>();
    };
    m_shots.append({u"editor-directory.png"_s,
                    [this, editor] {
                        const QStringList names = m_controller.configurations()->names();
                        const auto stored = names.isEmpty()
                                                ? std::nullopt
                                                : m_controller.store().configuration(names.first());
                        if (!stored)
                            return;
                        ConfigurationEditor *e =
                            m_window.openEditor(ConfigurationEditor::Mode::Edit, stored->definition);
                        e->tabs()->setCurrentIndex(1);
                        e->sourceCheck()->button()->click();
                    },
                    [editor] { return editor() && !editor()->sourceCheck()->report().steps.isEmpty(); },
                    [editor]() -> QWidget * {
                        return editor();
                    }});
    m_shots.append({u"editor-scope.png"_s,
                    [editor] {
                        if (editor())
                            editor()->tabs()->setCurrentIndex(2);
                    },
                    [this, editor] {
                        // Once the tree is there, one more OU is checked so that the impact shows who would
                        // enter.
                        if (!editor() || !editor()->scopeImpact()->summaryText().startsWith(u"In scope"_s))
                            return false;
                        widenScope();
                        return editor()->scopeImpact()->summaryText().contains(u"Entering: 0 user"_s) ==
                                   false &&
                               editor()->scopeImpact()->summaryText().startsWith(u"In scope"_s);
                    },
                    [editor]() -> QWidget * {
                        return editor();
                    }});
    m_shots.append({u"editor-cloud.png"_s,
                    [editor] {
                        if (!editor())
                            return;
                        editor()->tabs()->setCurrentIndex(3);
                        editor()->targetCheck()->button()->click();
                    },
                    [editor] { return editor() && !editor()->targetCheck()->report().steps.isEmpty(); },
                    [editor]() -> QWidget * {
                        return editor();
                    }});
    // The same tab with Microsoft Entra ID chosen, filled in as an admin would (nothing is saved).
    m_shots.append(
        {u"editor-cloud-entra.png"_s,
         [editor] {
             auto *kind = editor() ? editor()->findChild<QComboBox *>(u"target.type"_s) : nullptr;
             if (!kind)
                 return;
             kind->setCurrentIndex(1);
             Q_EMIT kind->activated(1);
             if (auto *storage = editor()->findChild<QComboBox *>(u"target.privateKey.storage"_s))
                 storage->setCurrentIndex(2); // a file only its owner can read
             for (const auto &[key, value] :
                  {std::pair{u"target.tenant"_s, u"contoso.onmicrosoft.com"_s},
                   {u"target.clientId"_s, u"00001111-aaaa-2222-bbbb-3333cccc4444"_s},
                   {u"target.certificate"_s, u"/etc/updraft/entra-upload.crt"_s},
                   {u"target.privateKey"_s, u"/etc/updraft/entra-upload.key"_s},
                   {u"target.servicePrincipalId"_s, u"11112222-bbbb-3333-cccc-4444dddd5555"_s},
                   {u"target.jobId"_s,
                    u"API2AAD.aaaabbbb0000cccc1111dddd2222eeee.22223333-cccc-4444-dddd-5555eeee6666"_s}})
                 if (auto *edit = editor()->findChild<QLineEdit *>(key)) {
                     edit->setText(value);
                     Q_EMIT edit->textEdited(value); // as typed: the form checks it
                 }
         },
         [] { return true; },
         [editor]() -> QWidget * {
             return editor();
         }});
    const auto explain = [this] {
        return m_window.findChild<ExplainDialog *>();
    };
    m_shots.append({u"explain.png"_s,
                    [this, editor] {
                        if (editor())
                            editor()->reject();
                        const QStringList names = m_controller.configurations()->names();
                        if (!names.isEmpty())
                            m_window.openExplain(names.first())->explain(u"lei.li"_s);
                    },
                    [explain] { return explain() && !explain()->explanation().steps.isEmpty(); },
                    [explain]() -> QWidget * {
                        return explain();
                    }});
    const auto preview = [this] {
        return m_window.findChild<PreviewDialog *>();
    };
    m_shots.append({u"preview.png"_s,
                    [this, explain] {
                        if (explain())
                            explain()->reject();
                        const QStringList names = m_controller.configurations()->names();
                        if (!names.isEmpty())
                            m_controller.preview(names.first());
                    },
                    [preview] { return preview() != nullptr; },
                    [preview]() -> QWidget * {
                        return preview();
                    }});
}

void Screenshots::start(int settleMs)
{
    QDir().mkpath(m_directory);
    QTimer::singleShot(settleMs, this, &Screenshots::takeNext);
}

void Screenshots::showAnUpdate()
{
    // The newest run that updated something, with the update's diff beside it.
    QTableView *runs = m_window.runs()->table();
    for (int row = 0; row < runs->model()->rowCount(); ++row) {
        if (runs->model()->index(row, RunsModel::UpdatedColumn).data().toInt() > 0) {
            runs->selectRow(row);
            break;
        }
    }
    QTableView *results = m_window.runs()->results()->table();
    for (int row = 0; row < results->model()->rowCount(); ++row) {
        if (results->model()->index(row, 0).data(ResultsModel::ActionRole).toString() == u"update"_s) {
            results->selectRow(row);
            return;
        }
    }
}

void Screenshots::widenScope()
{
    if (m_widened)
        return;
    auto *editor = m_window.findChild<ConfigurationEditor *>();
    auto *tree = editor ? editor->findChild<OuTreeModel *>() : nullptr;
    if (!tree || tree->rowCount() == 0)
        return;
    // The first OU below the base that is not checked yet, if the base's level is loaded.
    const QModelIndex base = tree->index(0, 0);
    for (int row = 0; row < tree->rowCount(base); ++row) {
        const QModelIndex ou = tree->index(row, 0, base);
        if (ou.data(Qt::CheckStateRole).toInt() == Qt::Unchecked &&
            ou.flags().testFlag(Qt::ItemIsUserCheckable)) {
            m_widened = tree->setData(ou, Qt::Checked, Qt::CheckStateRole);
            return;
        }
    }
}

void Screenshots::takeNext()
{
    if (m_next == int(m_shots.size())) {
        Q_EMIT finished(m_ok);
        return;
    }
    const Shot &shot = m_shots.at(m_next);
    if (m_polls == 0)
        shot.prepare();
    if (!shot.ready() && ++m_polls < MaxPolls) {
        QTimer::singleShot(PollMs, this, &Screenshots::takeNext);
        return;
    }
    // Let the last change paint, then take it.
    QTimer::singleShot(500, this, [this] {
        const Shot &current = m_shots.at(m_next);
        QWidget *widget = current.widget();
        const bool saved = widget && widget->grab().save(QDir(m_directory).filePath(current.file));
        if (!saved)
            qWarning("screenshot %s not taken", qPrintable(current.file));
        m_ok &= saved;
        ++m_next;
        m_polls = 0;
        takeNext();
    });
}

} // namespace Updraft
