// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "screenshots.h"

#include "mainwindow.h"
#include "resultsmodel.h"
#include "runresultspane.h"
#include "runsmodel.h"
#include "runsview.h"

#include <QDir>
#include <QPixmap>
#include <QTableView>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

const QList<std::pair<MainWindow::Page, QString>> &pages()
{
    static const QList<std::pair<MainWindow::Page, QString>> list{
        {MainWindow::Page::Dashboard, u"dashboard.png"_s},
        {MainWindow::Page::Runs, u"runs.png"_s},
        {MainWindow::Page::PasswordHashes, u"password-hashes.png"_s},
        {MainWindow::Page::Configurations, u"configurations.png"_s},
    };
    return list;
}

} // namespace

Screenshots::Screenshots(MainWindow &window, QString directory, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_directory(std::move(directory))
{}

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

void Screenshots::takeNext()
{
    if (m_next > 0) {
        const QString path = QDir(m_directory).filePath(pages().at(m_next - 1).second);
        m_ok &= m_window.grab().save(path);
    }
    if (m_next == int(pages().size())) {
        Q_EMIT finished(m_ok);
        return;
    }
    const MainWindow::Page page = pages().at(m_next).first;
    m_window.showPage(page);
    if (page == MainWindow::Page::Runs)
        showAnUpdate();
    ++m_next;
    QTimer::singleShot(500, this, &Screenshots::takeNext);
}

} // namespace Updraft
