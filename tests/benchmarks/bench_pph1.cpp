// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// PPH1_MD4 derivation rate: N NT hashes (default 10,000) turned into the cloud format on one core and on all.
//   build/release/tests/benchmarks/bench_pph1 [N]
#include "sync/passwordhash.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

static double run(const std::vector<QByteArray> &hashes, unsigned threads)
{
    std::atomic<size_t> next{0};
    std::atomic<size_t> bytes{0};
    const auto work = [&] {
        size_t local = 0;
        for (size_t i; (i = next++) < hashes.size();)
            local += size_t(PasswordHash::pph1WithRandomSalt(hashes[i]).size());
        bytes += local;
    };
    QElapsedTimer timer;
    timer.start();
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back(work);
    work();
    for (std::thread &t : pool)
        t.join();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (bytes != hashes.size() * 103) // "v1;PPH1_MD4," + 20 + "," + "1000" + "," + 64 + ";"
        std::fprintf(stderr, "unexpected output size\n");
    return seconds;
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const size_t n = argc > 1 ? size_t(QByteArray(argv[1]).toULongLong()) : 10000;
    std::vector<QByteArray> hashes;
    hashes.reserve(n);
    for (size_t i = 0; i < n; ++i)
        hashes.push_back(PasswordHash::ntHash(u"Pw-user%1-1!"_s.arg(i)));
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    for (unsigned threads : {1u, cores}) {
        const double s = run(hashes, threads);
        std::printf("PPH1_MD4 (PBKDF2-HMAC-SHA256 x%d): %zu hashes on %u core(s) in %.2f s = %.0f hashes/s\n",
                    PasswordHash::Pph1Iterations, n, threads, s, double(n) / s);
    }
    return 0;
}
