// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/records.h"

#include <QObject>

#include <memory>

namespace Updraft {

class StateStore;
class SyncRunner;

// Removing a configuration. By default as the seed system does: the configuration goes, its cloud objects
// stay. With `deprovision`, the documented clean-up in one step: the configuration is scoped to nothing and
// run (through the delete guard: more deletes than its threshold wait for approval, and nothing is removed),
// then removed only if none of its objects is left in the cloud. Its secrets in the keychain go with it,
// unless another configuration refers to them. Lives in the thread of its store; finished() comes once.
class Decommission : public QObject
{
    Q_OBJECT
public:
    struct Result {
        bool removed = false;
        int kept = 0;    // cloud objects left as they are (removal without deprovisioning)
        int deleted = 0; // cloud objects deleted first
        QString message; // for the admin: what happened, or why the configuration is still there
        RunRecord run;   // the clean-up run, when there was one
    };

    explicit Decommission(StateStore &store, QObject *parent = nullptr);
    ~Decommission() override;

    void start(const QString &name, bool deprovision);

Q_SIGNALS:
    void progress(const QString &phase, int done, int total);
    void finished(const Updraft::Decommission::Result &result);

private:
    void done(Result result);
    void cleanedUp(const QString &name, qint64 configurationId, const QJsonObject &definition, int before,
                   const RunRecord &record);

    StateStore &m_store;
    std::unique_ptr<SyncRunner> m_runner;
};

} // namespace Updraft
