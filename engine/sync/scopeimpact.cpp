// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "scopeimpact.h"

#include "source/ldapdirectory.h"
#include "store/statestore.h"

#include <QCoreApplication>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

// This file's text, translatable (Qt Linguist reads the context from the macro).
struct Text {
    Q_DECLARE_TR_FUNCTIONS(Updraft::ScopeImpact)
};

// immutableId -> object, users and groups together.
QHash<QString, const SourceObject *> byAnchor(const SourceSnapshot &snapshot)
{
    QHash<QString, const SourceObject *> out;
    for (const QList<SourceObject> *list : {&snapshot.users, &snapshot.groups})
        for (const SourceObject &o : *list)
            out.insert(o.immutableId, &o);
    return out;
}

void count(const SourceObject &o, ScopeImpact::Side &side)
{
    (o.kind == ObjectKind::User ? side.users : side.groups)++;
    if (side.sample.size() < ScopeImpact::SampleSize)
        side.sample.append(o.entry.dn);
}

} // namespace

ScopeImpact ScopeImpact::compute(const Configuration &config, const Scope &saved, const Scope &candidate,
                                 const QByteArray &password, const Provisioned &provisioned)
{
    ScopeImpact impact;
    const std::unique_ptr<Dialect> dialect =
        Dialect::create(config.source.type, config.source.anchorAttribute);
    const auto read = [&](const Scope &scope, SourceSnapshot &out) {
        if (scope.isEmpty())
            return true; // nothing in scope: nothing to read
        LdapDirectory directory(config.source.ldapSettings(password), config.source.baseDn, *dialect);
        if (directory.read(scope, out))
            return true;
        impact.error = directory.error().message;
        return false;
    };
    SourceSnapshot before;
    SourceSnapshot after;
    if (!read(saved, before) || !read(candidate, after))
        return impact;

    impact.usersInScope = int(after.users.size());
    impact.groupsInScope = int(after.groups.size());
    const auto was = byAnchor(before);
    const auto now = byAnchor(after);
    QStringList provisionedElsewhere;
    for (auto it = now.cbegin(); it != now.cend(); ++it) {
        if (!was.contains(it.key()))
            count(**it, impact.entering);
        if (const QString owner = provisioned.otherOwners.value(it.key()); !owner.isEmpty())
            provisionedElsewhere.append(
                Text::tr("%1 is already provisioned by %2.").arg(it.value()->entry.dn, owner));
        if ((*it)->kind == ObjectKind::Group && (*it)->members.size() > LargeGroupMembers)
            impact.warnings.append(
                Text::tr("%1 has %2 members: groups over %3 members are slow to provision and some "
                         "services refuse them.")
                    .arg((*it)->entry.dn)
                    .arg((*it)->members.size())
                    .arg(LargeGroupMembers));
    }
    for (auto it = was.cbegin(); it != was.cend(); ++it) {
        if (now.contains(it.key()))
            continue;
        count(**it, impact.leaving);
        if (provisioned.anchors.contains(it.key()))
            ++impact.deletes;
    }
    // Objects provisioned before but not in the saved scope's read (a scope narrowed earlier, not yet run)
    // are the next run's business either way; only what this change causes is counted.
    const SafetyConfiguration &safety = config.safety;
    const int base = int(provisioned.anchors.size());
    if (impact.deletes > safety.deleteThreshold)
        impact.warnings.prepend(
            Text::tr("%n cloud object(s) would be deleted: more than the delete threshold (%1), so "
                     "the next run will stop and stage them for approval.",
                     nullptr, impact.deletes)
                .arg(safety.deleteThreshold));
    else if (safety.deleteThresholdPercent > 0 && base > 0 &&
             impact.deletes * 100 > safety.deleteThresholdPercent * base)
        impact.warnings.prepend(
            Text::tr("%n cloud object(s) would be deleted: more than %1 % of the provisioned "
                     "objects, so the next run will stop and stage them for approval.",
                     nullptr, impact.deletes)
                .arg(safety.deleteThresholdPercent));
    if (provisionedElsewhere.size() > 3) {
        const qsizetype more = provisionedElsewhere.size() - 3;
        provisionedElsewhere = provisionedElsewhere.mid(0, 3);
        provisionedElsewhere.append(
            Text::tr("…and %n more already provisioned by another configuration.", nullptr, int(more)));
    }
    impact.warnings += provisionedElsewhere;
    return impact;
}

ScopeImpact::Provisioned ScopeImpact::provisioned(const StateStore &store, const QString &name)
{
    Provisioned out;
    for (const StoredConfiguration &stored : store.configurations())
        for (const Link &link : store.links(stored.id)) {
            if (stored.name == name)
                out.anchors.insert(link.anchor);
            else
                out.otherOwners.insert(link.anchor, stored.name);
        }
    return out;
}

} // namespace Updraft
