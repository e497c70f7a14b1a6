// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// How fast the console's run history opens, pages, sorts and filters over a long history: N runs (default
// 10,000) of two configurations, each with 20 result rows, in a fresh store.
//   build/release/tests/benchmarks/bench_history [N]
#include "passwordhashmodel.h"
#include "runsmodel.h"
#include "store/statestore.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const int runs = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 10000;
    QTemporaryDir dir;
    StateStore store(dir.filePath(u"state.sqlite"_s));
    QString error;
    if (!store.open(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    QElapsedTimer t;
    t.start();
    qint64 ids[2] = {};
    store.saveConfiguration(u"a.example"_s, {}, &ids[0], &error);
    store.saveConfiguration(u"b.example"_s, {}, &ids[1], &error);
    store.transaction();
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-30);
    for (int i = 0; i < runs; ++i) {
        RunRecord r;
        r.configurationId = ids[i % 2];
        r.id = store.startRun(r.configurationId, u"schedule"_s);
        r.status = i % 17 ? u"success"_s : u"warning"_s;
        r.users.unchanged = 5000;
        r.users.updated = i % 9;
        r.users.failed = i % 17 ? 0 : 2;
        store.finishRun(r);
        for (int k = 0; k < 20; ++k)
            store.addResult(r.id, {u"user"_s,
                                   u"A%1"_s.arg(k),
                                   u"uid=u%1,ou=People,dc=example"_s.arg(k),
                                   u"User %1"_s.arg(k),
                                   u"update"_s,
                                   u"success"_s,
                                   {},
                                   {u"title"_s},
                                   {}});
    }
    QSqlQuery q(store.database());
    q.exec(
        u"UPDATE runs SET started_at = strftime('%Y-%m-%dT%H:%M:%fZ', '%1', '+' || (id * 2) || ' minutes'),"
        u" finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', '%1', '+' || (id * 2) || ' minutes', '+3 seconds')"_s
            .arg(start.toString(Qt::ISODate)));
    store.commit();
    std::printf("store: %d runs, %d results written in %.2f s\n", runs, runs * 20, t.elapsed() / 1000.0);

    const auto measure = [&](const char *what, auto &&work) {
        QElapsedTimer timer;
        timer.start();
        work();
        std::printf("%-46s %8.2f ms\n", what, timer.nsecsElapsed() / 1e6);
    };
    std::unique_ptr<RunsModel> model;
    measure("open the history (first page)", [&] { model = std::make_unique<RunsModel>(store); });
    measure("next page", [&] { model->fetchMore({}); });
    measure("sort by duration", [&] { model->sort(RunsModel::DurationColumn, Qt::DescendingOrder); });
    measure("sort by failed objects", [&] { model->sort(RunsModel::FailedColumn, Qt::DescendingOrder); });
    measure("filter: one configuration, with warnings", [&] {
        RunQuery query;
        query.configuration = u"b.example"_s;
        query.statuses = {u"warning"_s};
        model->setQuery(query);
    });
    measure("filter: text in the message", [&] {
        RunQuery query;
        query.text = u"nothing matches this"_s;
        model->setQuery(query);
    });
    model->setQuery({});
    model->fetchMore({});
    measure("refresh after a run (400 rows loaded)", [&] { model->refresh(); });
    measure("one run's results", [&] { (void)store.results(runs / 2); });
    std::printf("rows loaded %d of %d\n", model->rowCount(), model->totalCount());
    return 0;
}
