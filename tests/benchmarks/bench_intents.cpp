// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The cost of the write-ahead intent journal on a first run: the store calls a run of N new objects (default
// 10,000) makes, timed with and without the journal in a fresh SQLite store each. With it, the intents of a
// phase are recorded before its first write, and each flush (every 100 objects: a link and a result each)
// clears the intents it settles in the same transaction, as SyncRunner does.
//   build/release/tests/benchmarks/bench_intents [N]
#include "store/statestore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTemporaryDir>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

struct Timing {
    qint64 recordMs = 0; // writing the intents
    qint64 totalMs = 0;  // the whole run's store work
};

Timing run(int objects, bool journal)
{
    QTemporaryDir dir;
    StateStore store(dir.filePath(u"state.sqlite"_s));
    QString error;
    qint64 configuration = 0;
    if (!store.open(&error) || !store.saveConfiguration(u"example.com"_s, {}, &configuration, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        std::exit(1);
    }
    const qint64 runId = store.startRun(configuration, u"manual"_s);
    QElapsedTimer total;
    total.start();
    if (journal) {
        QList<WriteIntent> intents;
        for (int i = 0; i < objects; ++i)
            intents.append({u"user"_s, u"anchor-%1"_s.arg(i), u"create"_s,
                            u"uid=user%1,ou=People,dc=example,dc=com"_s.arg(i), runId});
        if (!store.recordIntents(configuration, intents))
            std::exit(1);
    }
    Timing timing;
    timing.recordMs = total.elapsed();
    constexpr int FlushObjects = 100; // a link and a result each: SyncRunner flushes every 200 rows
    bool ok = true;
    for (int first = 0; first < objects; first += FlushObjects) {
        ok &= store.transaction();
        QStringList settled;
        for (int i = first; i < std::min(objects, first + FlushObjects); ++i) {
            const QString anchor = u"anchor-%1"_s.arg(i);
            const QString dn = u"uid=user%1,ou=People,dc=example,dc=com"_s.arg(i);
            settled.append(anchor);
            Link link;
            link.kind = u"user"_s;
            link.anchor = anchor;
            link.cloudId = u"cloud-%1"_s.arg(i);
            link.dn = dn;
            link.displayName = u"User %1"_s.arg(i);
            link.origin = u"created"_s;
            link.exported = QJsonObject{{u"userName"_s, u"user%1@example.com"_s.arg(i)}, {u"active"_s, true}};
            link.digest = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
            ok &= store.saveLink(configuration, link);
            ok &= store.addResult(
                runId, {u"user"_s, anchor, dn, link.displayName, u"create"_s, u"success"_s, {}, {}, {}});
        }
        if (journal)
            ok &= store.clearIntents(configuration, settled);
        ok &= store.commit();
    }
    timing.totalMs = total.elapsed();
    if (!ok || (journal && !store.intents(configuration).isEmpty())) {
        std::fprintf(stderr, "the store refused a write: %s\n", qPrintable(store.lastError()));
        std::exit(1);
    }
    return timing;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"updraft.*.info=false"_s);
    const int objects = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 10000;
    // Alternate, three times each, and keep the best: the first store on a cold disk pays for it otherwise.
    Timing best[2] = {{1 << 30, 1 << 30}, {1 << 30, 1 << 30}};
    for (int round = 0; round < 3; ++round)
        for (const bool journal : {false, true}) {
            const Timing t = run(objects, journal);
            Timing &b = best[journal];
            b.recordMs = std::min(b.recordMs, t.recordMs);
            b.totalMs = std::min(b.totalMs, t.totalMs);
        }
    std::printf("intent journal, first run of %d objects (best of 3, SQLite)\n", objects);
    std::printf("  store work without the journal: %lld ms\n", static_cast<long long>(best[0].totalMs));
    std::printf("  store work with the journal:    %lld ms (recording the intents: %lld ms)\n",
                static_cast<long long>(best[1].totalMs), static_cast<long long>(best[1].recordMs));
    std::printf("  cost of the journal:            %lld ms\n",
                static_cast<long long>(best[1].totalMs - best[0].totalMs));
    return 0;
}
