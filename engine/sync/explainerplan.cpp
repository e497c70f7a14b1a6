// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Explainer: the cloud object, the mapping, the action a run takes and the password hash.
#include "explainer.h"

#include "core/resource.h"
#include "desiredstate.h"
#include "passwordhashadvice.h"
#include "passwordhashexport.h"
#include "source/ldapdn.h"
#include "store/statestore.h"
#include "target/target.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

using Outcome = ExplanationStep::Outcome;
using Action = Explanation::Action;

// This file's text, translatable (Qt Linguist reads the context from the macro).
struct Text {
    Q_DECLARE_TR_FUNCTIONS(Updraft::Explainer)
};

QString kindWord(ObjectKind kind)
{
    return kind == ObjectKind::User ? Text::tr("user") : Text::tr("group");
}

QString collection(ObjectKind kind)
{
    return kind == ObjectKind::User ? u"Users"_s : u"Groups"_s;
}

// "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User" -> "enterprise".
QString shortKey(const QString &key)
{
    if (!key.startsWith(u"urn:"_s))
        return key;
    const QStringList parts = key.split(u':');
    const qsizetype i = parts.indexOf(u"extension"_s);
    return i >= 0 && i + 1 < parts.size() ? parts[i + 1] : key;
}

QString scalar(const QJsonValue &v)
{
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    if (v.isDouble())
        return QString::number(v.toDouble());
    return v.toString();
}

void flatten(const QString &path, const QJsonValue &value, QList<std::pair<QString, QString>> &out)
{
    if (path.contains(u"password"_s, Qt::CaseInsensitive)) {
        out.append({path, Text::tr("(secret, not shown)")});
    } else if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (path.isEmpty() && it.key() == u"schemas"_s)
                continue;
            if (path.endsWith(u']') && (it.key() == u"type"_s || it.key() == u"primary"_s))
                continue;
            const QString child = path.isEmpty() ? shortKey(it.key()) : QString(path + u'.' + it.key());
            flatten(child, it.value(), out);
        }
    } else if (value.isArray()) {
        const QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString type = a[i].toObject().value(u"type"_s).toString();
            flatten(u"%1[%2]"_s.arg(path, type.isEmpty() ? QString::number(i) : type), a[i], out);
        }
    } else {
        out.append({path, scalar(value)});
    }
}

QList<std::pair<QString, QString>> diffDetails(const QJsonArray &diff)
{
    QList<std::pair<QString, QString>> out;
    for (const QJsonValue &d : diff) {
        const QJsonObject o = d.toObject();
        const QString before = o.value(u"old"_s).toString();
        const QString after = o.value(u"new"_s).toString();
        out.append({o.value(u"attribute"_s).toString(),
                    Text::tr("%1 → %2").arg(before.isEmpty() ? Text::tr("(none)") : before,
                                            after.isEmpty() ? Text::tr("(none)") : after)});
    }
    return out;
}

} // namespace

void Explainer::askCloud()
{
    if (m_desired) {
        for (QList<DesiredObject> *list : {&m_desired->users(), &m_desired->groups()})
            for (DesiredObject &o : *list)
                if (o.anchor == m_x.anchor)
                    m_object = &o;
        for (const DesiredState::Failure &f : m_desired->failures())
            if (f.anchor == m_x.anchor)
                m_mappingError = f.message;
        if (m_object)
            m_desired->resolve(*m_object, m_links);
    }
    if (!m_object && !m_links.contains(m_x.anchor))
        return cloudAnswered(); // nothing the cloud could tell: not linked, and no resource to match
    QByteArray token;
    QString error;
    if (!m_config.target.token.resolve(token, m_config.target.secretKey(), &error)) {
        m_cloudError = error;
        return cloudAnswered();
    }
    m_target = createTarget(m_config.target.settings(token), &error);
    if (!m_target) {
        m_cloudError = error;
        return cloudAnswered();
    }
    Q_EMIT progress(Text::tr("Asking the cloud directory"));
    // As a run: what the target supports decides what is sent, and a target that takes Updraft's provenance
    // mark gets each object marked with its configuration, which is part of what is compared.
    m_target->discover([this](const TargetReply &r) {
        if (!r.ok()) {
            m_cloudError = r.message;
            return cloudAnswered();
        }
        const TargetCapabilities &can = m_target->capabilities();
        if (!can.nestedGroups)
            m_nested = m_config.target.nestedGroups == u"skip"_s ? DesiredState::NestedGroups::Skip
                                                                 : DesiredState::NestedGroups::Flatten;
        if (m_desired) {
            if (can.ownerMark)
                m_desired->setOwner(m_config.name);
            m_desired->setReferencesByAnchor(can.referencesByExternalId);
            m_desired->setConformer([target = m_target.get()](ObjectKind kind, const QJsonObject &resource) {
                return target->conform(kind, resource);
            });
            if (m_object) {
                m_desired->resolve(*m_object, m_links);
                if (!m_object->missingRequired.isEmpty())
                    m_mappingError =
                        Text::tr("the cloud directory requires %1, which is empty for this object")
                            .arg(m_object->missingRequired.join(u", "_s));
            }
        }
        const auto link = m_links.constFind(m_x.anchor);
        if (link != m_links.cend() && !can.lookups) {
            // A target that cannot be read back (Entra's inbound provisioning): what was last sent stands
            // for what it holds; the record that would be sent is compared with it.
            m_cloud = link->exported;
            cloudAnswered();
        } else if (link != m_links.cend()) {
            m_target->fetch(m_x.kind, link->cloudId, [this](const FetchedObject &answer) {
                m_cloudStatus = answer.status;
                if (answer.ok())
                    m_cloud = answer.resource;
                else if (answer.error != TargetReply::Error::NotFound)
                    m_cloudError = answer.message;
                cloudAnswered();
            });
        } else if (m_object) {
            const bool softMatch = m_x.kind == ObjectKind::User && m_config.target.softMatch;
            m_target->find(m_x.kind, m_object->anchor,
                           softMatch ? m_object->resource.value(u"userName"_s).toString() : QString(),
                           [this](const FoundObjects &answer) {
                               if (answer.ok()) {
                                   m_matched = true;
                                   m_match = answer;
                               } else {
                                   m_cloudError = answer.message;
                               }
                               cloudAnswered();
                           });
        } else {
            cloudAnswered();
        }
    });
}

void Explainer::cloudAnswered()
{
    stepCloudObject();
    if (m_x.inScope)
        stepMapping();
    stepAction();
    stepPasswordHash();
    writeProposal();
    done();
}

QString Explainer::ownerOf(const QJsonObject &cloud) const
{
    // As SyncRunner::adopt(): another configuration's object is never adopted.
    QString owner = m_store.linkOwner(cloud.value(u"id"_s).toString(), m_configurationId);
    const QString marked = Planner::markedConfiguration(cloud, m_x.kind);
    if (owner.isEmpty() && !marked.isEmpty() && marked != m_config.name)
        owner = marked;
    return owner;
}

void Explainer::stepCloudObject()
{
    const QString title = Text::tr("Cloud object");
    const QString what = kindWord(m_x.kind);
    const auto link = m_links.constFind(m_x.anchor);
    if (link != m_links.cend()) {
        m_cloudId = link->cloudId;
        QList<std::pair<QString, QString>> details{
            {Text::tr("Cloud id"), link->cloudId},
            {Text::tr("Linked by"),
             link->origin == u"matched"_s ? Text::tr("a match on first sight") : Text::tr("creating it")},
            {Text::tr("DN when last exported"), link->dn}};
        if (!m_cloud.isEmpty())
            details.append(
                {m_x.kind == ObjectKind::User ? u"userName"_s : u"displayName"_s,
                 m_cloud.value(m_x.kind == ObjectKind::User ? u"userName"_s : u"displayName"_s).toString()});
        if (m_cloudStatus == 404) {
            step(
                title, Outcome::Warning,
                Text::tr(
                    "Linked to the cloud %1 %2, but it is gone from the cloud (deleted outside Updraft). The "
                    "next write to it finds it gone and forgets the link; the run after that creates it "
                    "again.")
                    .arg(what, link->cloudId),
                details);
        } else if (!m_cloudError.isEmpty()) {
            step(title, Outcome::Info,
                 Text::tr("Linked to the cloud %1 %2. The cloud could not be asked about it now: %3")
                     .arg(what, link->cloudId, m_cloudError),
                 details);
        } else {
            step(title, Outcome::Ok,
                 link->origin == u"matched"_s
                     ? Text::tr(
                           "Linked to the cloud %1 %2, which this configuration matched on first sight and "
                           "adopted.")
                           .arg(what, link->cloudId)
                     : Text::tr("Linked to the cloud %1 %2, which this configuration created.")
                           .arg(what, link->cloudId),
                 details);
        }
        return;
    }
    if (!m_x.inScope) {
        step(title, Outcome::Info,
             Text::tr("Not provisioned by this configuration: there is no link for this anchor."));
        return;
    }
    if (!m_object) {
        step(title, Outcome::Info,
             Text::tr("Not linked. The cloud is not asked: the object cannot be mapped."));
        return;
    }
    if (!m_cloudError.isEmpty()) {
        step(title, Outcome::Warning,
             Text::tr(
                 "Not linked, and the cloud could not be asked for a match (%1). A run looks again before it "
                 "creates anything.")
                 .arg(m_cloudError));
        return;
    }
    const bool softMatch = m_x.kind == ObjectKind::User && m_config.target.softMatch;
    const QString userName = m_object->resource.value(u"userName"_s).toString();
    const auto blockedByOwner = [&](const QJsonObject &cloud, const QString &how) {
        const QString owner = ownerOf(cloud);
        if (owner.isEmpty())
            return false;
        m_blocked = Text::tr("the cloud object %1 (%2) belongs to configuration “%3”; it is not adopted. Two "
                             "configurations must not provision the same object: narrow one of their scopes.")
                        .arg(cloud.value(u"id"_s).toString(), how, owner);
        step(title, Outcome::Stop, Text::tr("Not linked, and %1").arg(m_blocked),
             {{Text::tr("Cloud id"), cloud.value(u"id"_s).toString()}, {Text::tr("Provisioned by"), owner}});
        return true;
    };
    if (!m_match.byExternalId.isEmpty()) {
        const QJsonObject &cloud = m_match.byExternalId;
        m_cloudId = cloud.value(u"id"_s).toString();
        if (blockedByOwner(cloud, Text::tr("matched by externalId")))
            return;
        step(title, Outcome::Ok,
             Text::tr("Not linked yet, but the cloud holds the %1 %2 with this externalId: a run adopts it "
                      "(matched by externalId) instead of creating a duplicate.")
                 .arg(what, m_cloudId),
             {{Text::tr("Cloud id"), m_cloudId}, {Text::tr("Matched by"), u"externalId"_s}});
        return;
    }
    if (!m_match.byUserName.isEmpty()) {
        const QJsonObject &cloud = m_match.byUserName;
        m_cloudId = cloud.value(u"id"_s).toString();
        const QString other = cloud.value(u"externalId"_s).toString();
        if (!other.isEmpty()) {
            m_blocked =
                Text::tr(
                    "userName “%1” already belongs to the cloud user %2 with another externalId (%3); it "
                    "is not adopted. Resolve the duplicate in the directory or the cloud.")
                    .arg(userName, m_cloudId, other);
            step(title, Outcome::Stop, Text::tr("Not linked, and the %1").arg(m_blocked),
                 {{Text::tr("Cloud id"), m_cloudId}, {Text::tr("Its externalId"), other}});
            return;
        }
        if (blockedByOwner(cloud, Text::tr("matched by userName (soft match)")))
            return;
        step(
            title, Outcome::Ok,
            Text::tr(
                "Not linked yet, but the cloud user %1 has the userName “%2” and no externalId: a run adopts "
                "it (soft match by userName).")
                .arg(m_cloudId, userName),
            {{Text::tr("Cloud id"), m_cloudId}, {Text::tr("Matched by"), Text::tr("userName (soft match)")}});
        return;
    }
    QString text =
        softMatch ? Text::tr("Not linked, and the cloud holds no %1 with externalId %2 or userName “%3”: a "
                             "run creates it.")
                        .arg(what, m_x.anchor, userName)
                  : Text::tr("Not linked, and the cloud holds no %1 with externalId %2: a run creates it.")
                        .arg(what, m_x.anchor);
    if (m_x.kind == ObjectKind::User && !softMatch)
        text += u' ' + Text::tr("Soft matching by userName is off (target.softMatch).");
    step(title, Outcome::Info, text);
}

QString Explainer::referenceText(const QString &dn) const
{
    const QString anchor = m_anchorByDn.value(dn);
    if (anchor.isEmpty()) {
        const QString base = m_config.source.baseDn;
        if (!Ldap::isWithin(dn, Ldap::normalizeDn(base)))
            return Text::tr(
                       "%1 is in another domain or forest (outside %2): left empty, since references resolve "
                       "only within one configuration")
                .arg(dn, base);
        return Text::tr("%1 is not in this configuration's scope: left empty").arg(dn);
    }
    const auto link = m_links.constFind(anchor);
    if (link == m_links.cend())
        return Text::tr("%1 is in scope but not provisioned yet: left out until it is").arg(dn);
    return Text::tr("%1, the cloud object %2").arg(dn, link->cloudId);
}

void Explainer::stepMapping()
{
    const QString title = Text::tr("Mapped attributes");
    if (!m_object) {
        m_blocked = m_mappingError.isEmpty() ? Text::tr("it could not be mapped") : m_mappingError;
        step(title, Outcome::Stop,
             Text::tr("It cannot be mapped, so a run records a failure for it and writes nothing: %1")
                 .arg(m_blocked));
        return;
    }
    if (!m_object->missingRequired.isEmpty()) {
        m_blocked = m_mappingError;
        step(title, Outcome::Stop,
             Text::tr(
                 "The cloud directory cannot take it as mapped, so a run records a failure for it and writes "
                 "nothing: %1. Map it in the configuration's mapping, or fill it in the directory.")
                 .arg(m_blocked));
        return;
    }
    QList<std::pair<QString, QString>> details;
    flatten({}, m_object->resource.object(), details);
    const int attributes = int(details.size());

    // The references as the mapping gives them, before they are resolved, and what became of each.
    for (const SourceObject &o : m_x.kind == ObjectKind::User ? m_snapshot.users : m_snapshot.groups) {
        if (o.immutableId != m_x.anchor)
            continue;
        const Mapping &mapping = m_x.kind == ObjectKind::User ? m_config.userMapping : m_config.groupMapping;
        QJsonObject raw =
            mapping.apply(o, {{u"domain"_s, m_config.domain}, {u"immutableId"_s, o.immutableId}});
        Resource::resolveReferences(raw, [&](const QString &attribute, const QString &dn) {
            details.append({Text::tr("%1 (reference)").arg(attribute), referenceText(dn)});
            return QJsonValue(QJsonValue::Undefined);
        });
    }
    if (m_x.kind == ObjectKind::Group) {
        int inScope = 0;
        int provisioned = 0;
        for (const QString &dn : m_object->memberDns) {
            const QString anchor = m_anchorByDn.value(dn);
            if (anchor.isEmpty() || anchor == m_x.anchor)
                continue;
            ++inScope;
            provisioned += m_links.contains(anchor);
        }
        details.append({Text::tr("Members listed"), QString::number(m_object->memberDns.size())});
        details.append({Text::tr("Members in scope"), QString::number(inScope)});
        details.append({Text::tr("Members provisioned"), QString::number(provisioned)});
    }
    QString text = Text::tr("The mapping gives this SCIM %1 (%n attribute(s)).", nullptr, attributes)
                       .arg(kindWord(m_x.kind));
    if (!m_object->warnings.isEmpty())
        text += u' ' + m_object->warnings.join(u' ');
    if (m_object->pendingReferences)
        text +=
            u' ' +
            Text::tr(
                "A referenced object is in scope but has no cloud object yet: the reference is set once it "
                "is provisioned.");
    step(title, m_object->warnings.isEmpty() && !m_object->pendingReferences ? Outcome::Ok : Outcome::Warning,
         text, details);
}

void Explainer::stepAction()
{
    const QString title = Text::tr("Proposed action");
    const QString what = kindWord(m_x.kind);
    const auto link = m_links.constFind(m_x.anchor);
    const Link *linked = link == m_links.cend() ? nullptr : &*link;
    if (!m_x.inScope) {
        if (!linked) {
            m_x.action = Action::None;
            step(title, Outcome::Info,
                 Text::tr("Nothing: it is out of scope, and this configuration has not provisioned it."));
            return;
        }
        m_x.action = Action::Delete;
        m_cloudId = linked->cloudId;
        const QString cause = Ldap::normalizeDn(linked->dn) != m_ndn
                                  ? Text::tr("moved out of scope, to %1").arg(m_x.dn)
                                  : Text::tr("no longer in scope");
        QList<std::pair<QString, QString>> details{{Text::tr("Cloud id"), linked->cloudId},
                                                   {Text::tr("Cause"), cause}};
        QString staged;
        if (m_configurationId)
            for (const StagedDelete &s : m_store.stagedDeletes(m_configurationId))
                if (s.anchor == m_x.anchor) {
                    staged = Text::tr(" The delete threshold holds it back (%1 since run %2).")
                                 .arg(s.decision)
                                 .arg(s.runId);
                    details.append({Text::tr("Staged delete"), s.decision});
                }
        step(
            title, Outcome::Warning,
            Text::tr("Delete: the cloud %1 %2 is deleted by the next run (%3). Deletes go through the delete "
                     "threshold (safety.deleteThreshold: %4).")
                    .arg(what, linked->cloudId, cause)
                    .arg(m_config.safety.deleteThreshold) +
                staged,
            details);
        return;
    }
    if (!m_object || !m_blocked.isEmpty()) {
        m_x.action = Action::Blocked;
        step(title, Outcome::Stop, Text::tr("Nothing can be written: %1.").arg(m_blocked));
        return;
    }

    const PlannedChange change = Planner::plan(*m_object, linked);
    QString text;
    switch (change.action) {
    case PlannedAction::Create: {
        const QJsonObject cloud = !m_match.byExternalId.isEmpty() ? m_match.byExternalId : m_match.byUserName;
        if (cloud.isEmpty()) {
            m_x.action = Action::Create;
            text = Text::tr("Create: POST a new cloud %1 with the mapped attributes.").arg(what);
            break;
        }
        m_x.action = Action::Adopt;
        const QJsonObject managed = Planner::managedPart(cloud, m_object->resource);
        m_diff = Resource::attributeChanges(managed, m_object->resource);
        m_changed = Resource::changedAttributes(managed, m_object->resource);
        text = m_changed.isEmpty()
                   ? Text::tr("Adopt: link the cloud %1 %2 to this object. Its attributes already match, so "
                              "nothing is "
                              "written to it.")
                         .arg(what, m_cloudId)
                   : Text::tr("Adopt: link the cloud %1 %2 and PATCH the %n attribute(s) that differ: %3.",
                              nullptr, int(m_changed.size()))
                         .arg(what, m_cloudId, m_changed.join(u", "_s));
        break;
    }
    case PlannedAction::Update:
        m_x.action = Action::Update;
        m_diff = Resource::attributeChanges(linked->exported, m_object->resource);
        m_changed = change.changed;
        text = Text::tr("Update: PATCH the %n attribute(s) that differ from what was last exported: %1.",
                        nullptr, int(m_changed.size()))
                   .arg(m_changed.join(u", "_s));
        break;
    default:
        m_x.action = Action::None;
        text =
            Text::tr("No change: the cloud %1 is as last exported, so a run writes nothing to it.").arg(what);
        break;
    }
    if (m_x.kind == ObjectKind::Group) {
        bool pending = false;
        QStringList desired;
        for (const MemberReference &m : m_desired->members(*m_object, m_links, m_nested, &pending))
            desired.append(m.id);
        m_members = Planner::planMembers(desired, linked ? linked->members : QStringList());
        if (pending)
            m_members.remove.clear();
        if (!m_members.isEmpty()) {
            if (m_x.action == Action::None)
                m_x.action = Action::Update;
            text += u' ' + Text::tr("Members: %1 to add, %2 to remove.")
                               .arg(m_members.add.size())
                               .arg(m_members.remove.size());
        }
        if (pending)
            text += u' ' + Text::tr("The directory sent only part of the member list: members are added, and "
                                    "nobody is removed until the whole list is read.");
    }
    if (m_object->pendingReferences)
        text +=
            u' ' +
            Text::tr("The reference to an object not provisioned yet is set by the run that provisions it.");
    QList<std::pair<QString, QString>> details = diffDetails(m_diff);
    if (!m_members.add.isEmpty())
        details.append({Text::tr("Members to add"), QString::number(m_members.add.size())});
    if (!m_members.remove.isEmpty())
        details.append({Text::tr("Members to remove"), QString::number(m_members.remove.size())});
    step(title, Outcome::Ok, text, details);
}

void Explainer::stepPasswordHash()
{
    if (m_x.kind != ObjectKind::User || m_x.anchor.isEmpty())
        return;
    const QString title = Text::tr("Password hash");
    if (!m_config.passwordHashSync) {
        step(title, Outcome::Info,
             Text::tr(
                 "Password hash sync is off for this configuration (passwordHashSync), so no hash is sent."));
        return;
    }
    if (!m_x.inScope) {
        step(title, Outcome::Info, Text::tr("No hash is sent for a user out of scope."));
        return;
    }
    const SourceCredential &credential = m_found.credential;
    const QHash<QString, PasswordHashState> states =
        m_configurationId ? m_store.passwordHashes(m_configurationId) : QHash<QString, PasswordHashState>();
    const auto previous = states.constFind(m_x.anchor);
    const QDateTime now = QDateTime::currentDateTimeUtc();

    HashInput in;
    in.credential = &credential;
    // The hash phase comes after the users: a user created or adopted by the run is linked by then.
    in.linked = m_links.contains(m_x.anchor) || m_x.action == Action::Create || m_x.action == Action::Adopt;
    in.provisioningError = m_blocked;
    in.previous = previous == states.cend() ? nullptr : &*previous;
    if (in.previous && credential.usable()) {
        QString error;
        const QByteArray key = m_store.digestKey(&error);
        if (!key.isEmpty())
            in.digest = PasswordHashExport::digest(key, credential);
    }
    in.now = now;
    const HashDecision decision = decideHash(in);
    m_x.sendsPasswordHash = decision.send;

    QList<std::pair<QString, QString>> details;
    QStringList read;
    for (auto it = m_found.secrets.cbegin(); it != m_found.secrets.cend(); ++it)
        read.append(u"%1 %2"_s.arg(it.key(), it.value()));
    details.append({Text::tr("In the directory"),
                    read.isEmpty() ? Text::tr("no password hash read") : read.join(u"; "_s)});
    if (!credential.scheme.isEmpty())
        details.append({Text::tr("Scheme"), credential.scheme});
    details.append(
        {Text::tr("Must change at next logon"), credential.mustChange ? Text::tr("yes") : Text::tr("no")});
    if (credential.changedAt.isValid())
        details.append(
            {Text::tr("Password set"), credential.changedAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s)});
    details.append({Text::tr("Status now"),
                    in.previous
                        ? (previous->reason.isEmpty() ? previous->status
                                                      : u"%1: %2"_s.arg(previous->status, previous->reason))
                        : Text::tr("none yet")});

    if (decision.send) {
        step(title, Outcome::Ok,
             m_links.contains(m_x.anchor)
                 ? Text::tr(
                       "The hash (%1) is sent by the next run: it was never sent, or changed since it was.")
                       .arg(credential.scheme)
                 : Text::tr("The hash (%1) is sent in the same run that creates the user.")
                       .arg(credential.scheme),
             details);
        return;
    }
    PasswordHashState state = in.previous ? *previous : PasswordHashState();
    if (!decision.keep) {
        state.status = decision.status;
        state.reason = decision.reason;
        state.runId = 0;
        state.attempts = 0;
    }
    const PasswordHashAdvice advice = PasswordHashAdvice::of(state, now);
    const Outcome outcome = state.status == QLatin1StringView(PasswordHashState::Held) ? Outcome::Info
                            : advice.problem                                           ? Outcome::Warning
                                                                                       : Outcome::Ok;
    step(title, outcome, u"%1: %2 %3"_s.arg(advice.title, advice.explanation, advice.nextStep), details);
}

void Explainer::writeProposal()
{
    const QString what = kindWord(m_x.kind);
    const QString target = u"%1/%2"_s.arg(collection(m_x.kind), m_cloudId);
    QString p;
    switch (m_x.action) {
    case Action::None:
        p = m_x.sendsPasswordHash ? Text::tr("PATCH %1: its password hash, and nothing else.").arg(target)
                                  : Text::tr("Nothing to write.");
        break;
    case Action::Create:
        p = m_x.kind == ObjectKind::User ? Text::tr("POST %1: create the cloud user “%2” (userName %3).")
                                               .arg(collection(m_x.kind), m_x.displayName,
                                                    m_object->resource.value(u"userName"_s).toString())
                                         : Text::tr("POST %1: create the cloud group “%2”.")
                                               .arg(collection(m_x.kind), m_x.displayName);
        break;
    case Action::Adopt:
        p = m_changed.isEmpty() ? Text::tr("Link the existing cloud %1 %2 to “%3”; nothing is written to it.")
                                      .arg(what, m_cloudId, m_x.displayName)
                                : Text::tr("Link the existing cloud %1 %2 to “%3” and PATCH %4: %5.")
                                      .arg(what, m_cloudId, m_x.displayName, target, m_changed.join(u", "_s));
        break;
    case Action::Update:
        p = m_changed.isEmpty() ? QString()
                                : Text::tr("PATCH %1 (the cloud %2 “%3”): %4.")
                                      .arg(target, what, m_x.displayName, m_changed.join(u", "_s));
        break;
    case Action::Delete:
        p = Text::tr("DELETE %1: the cloud %2 “%3” is deleted, as it is out of scope.")
                .arg(target, what, m_x.displayName);
        break;
    case Action::Blocked:
        p = Text::tr("Nothing can be written: %1")
                .arg(m_blocked.isEmpty() ? Text::tr("see the steps") : m_blocked);
        break;
    }
    if (m_x.action != Action::None && m_x.action != Action::Blocked && m_x.sendsPasswordHash)
        p += u' ' + Text::tr("Then PATCH its password hash.");
    if (!m_members.isEmpty())
        p += u' ' + Text::tr("Then PATCH its members: %1 added, %2 removed.")
                        .arg(m_members.add.size())
                        .arg(m_members.remove.size());
    if (m_x.kind == ObjectKind::User && m_x.action != Action::Blocked && m_x.action != Action::Delete &&
        m_x.canProvision())
        p += u' ' + Text::tr("Its group memberships are left to the next run.");
    if (m_x.canProvision())
        p += u' ' +
             Text::tr("Nothing else is written, deleted or staged; the run is recorded with the trigger "
                      "“on-demand”.");
    m_x.proposal = p.trimmed();
}

} // namespace Updraft
