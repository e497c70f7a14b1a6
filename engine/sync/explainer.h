// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/configuration.h"
#include "explanation.h"
#include "planner.h"
#include "source/ldapdirectory.h"
#include "syncrunner.h"

#include <QObject>

#include <memory>

namespace Updraft {

class DesiredState;
class StateStore;
class Target;

// "Provision on demand / explain": takes one user or group, named by a DN or a name, through a run of one
// configuration and says at each step what happens to it and why (Explanation). It goes the run's own way,
// so that an explanation cannot disagree with a run: the directory is read with LdapDirectory::read and the
// configuration's scope (the whole scope: the object's userName must be unique in it, and its references
// resolve only to objects in it), mapped by DesiredState, matched in the cloud with the run's filter, and
// planned by the Planner and the password hash decision table. Nothing is written unless `provision`: then an
// object with something to write is provisioned alone by a SyncRunner with RunOptions::only (trigger
// "on-demand"): the same writes, links and result rows as any run, and nothing else.
//
// Reading the directory blocks; the cloud is asked asynchronously. The explainer, its store and its client
// live in one thread (the console's engine thread, or the CLI's main thread). finished() is emitted exactly
// once.
class Explainer : public QObject
{
    Q_OBJECT
public:
    Explainer(Configuration configuration, StateStore &store, QString text, bool provision,
              QObject *parent = nullptr);
    ~Explainer() override;

    void start();
    const Explanation &explanation() const { return m_x; }

    // Beyond this many matches, the admin is asked to be more precise.
    static constexpr int MaxCandidates = 25;
    // The run that provisions an explained object on demand: only its anchor, trigger "on-demand".
    static RunOptions provisionOptions(const Explanation &explanation);

Q_SIGNALS:
    void progress(const QString &phase);
    void finished(const Updraft::Explanation &explanation);

private:
    // explainer.cpp: the directory.
    bool findObject(LdapDirectory &directory);
    void replicateHash(const QByteArray &bindPassword);
    void stepRead();
    bool stepType();
    bool stepAnchor();
    bool stepScope(LdapDirectory &directory);
    QString outOfScopeReason(LdapDirectory &directory, const SourceSnapshot &snapshot);
    // explainerplan.cpp: the cloud, the mapping, the plan.
    void askCloud();
    void cloudAnswered();
    void stepCloudObject();
    void stepMapping();
    void stepAction();
    void stepPasswordHash();
    void writeProposal();
    QString referenceText(const QString &dn) const;
    QString ownerOf(const QJsonObject &cloud) const; // another configuration that has this cloud object

    void step(const QString &title, ExplanationStep::Outcome outcome, const QString &text,
              const QList<std::pair<QString, QString>> &details = {});
    void fail(const QString &message);
    void done();

    Configuration m_config;
    StateStore &m_store;
    QString m_text;
    bool m_provision = false;
    std::unique_ptr<Dialect> m_dialect;

    Explanation m_x;
    FoundEntry m_found; // holds the user's credential (secret) until the password hash step
    QString m_ndn;
    qint64 m_configurationId = 0;
    QHash<QString, Link> m_links;
    SourceSnapshot m_snapshot;
    QHash<QString, QString> m_anchorByDn; // in scope: normalised DN -> immutableId
    std::unique_ptr<DesiredState> m_desired;
    DesiredObject *m_object = nullptr; // in m_desired, when in scope and mapped
    QString m_mappingError;
    QString m_scopeWhy; // why it is in scope, or not

    std::unique_ptr<Target> m_target;
    QString m_cloudError;  // the cloud could not be asked
    int m_cloudStatus = 0; // of the linked object's GET
    QJsonObject m_cloud;   // the linked object, as the cloud has it
    FoundObjects m_match;
    DesiredState::NestedGroups m_nested = DesiredState::NestedGroups::Keep;
    bool m_matched = false; // the match lookup answered
    QString m_blocked;      // why a run cannot write it
    QString m_cloudId;      // the cloud object a run would write to
    QJsonArray m_diff;      // [{attribute, old, new}] of what a run would write
    QStringList m_changed;  // the attribute names
    MembershipChange m_members;

    std::unique_ptr<SyncRunner> m_runner;
    bool m_finished = false;
};

} // namespace Updraft
