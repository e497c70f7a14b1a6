// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "consolefixture.h"

#include <QProcess>

using namespace Qt::Literals::StringLiterals;

namespace ConsoleFixture {

bool generateDirectory(const QString &path, int users, int groups)
{
    QProcess gen;
    gen.start(u"python3"_s, {TestServers::sourceDir() + u"/tests/fixtures/gen-directory.py"_s, u"--users"_s,
                             QString::number(users), u"--groups"_s, QString::number(groups), u"-o"_s, path});
    return gen.waitForFinished(120000) && gen.exitStatus() == QProcess::NormalExit && gen.exitCode() == 0;
}

bool save(SyncFixture &f, const QJsonObject &json)
{
    qint64 id = 0;
    QString error;
    if (!f.store().saveConfiguration(json.value(u"name"_s).toString(), json, &id, &error)) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    return true;
}

} // namespace ConsoleFixture
