// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Explainer: finding the object, and its steps in the directory (attributes, type, anchor, scope).
#include "explainer.h"

#include "core/logging.h"
#include "desiredstate.h"
#include "passwordhashadvice.h"
#include "source/anchor.h"
#include "source/hashreplication.h"
#include "source/ldapdn.h"
#include "store/statestore.h"

#include <QCoreApplication>
#include <QStringDecoder>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

using Outcome = ExplanationStep::Outcome;

// This file's text, translatable (Qt Linguist reads the context from the macro).
struct Text {
    Q_DECLARE_TR_FUNCTIONS(Updraft::Explainer)
};

QString kindWord(ObjectKind kind)
{
    return kind == ObjectKind::User ? Text::tr("user") : Text::tr("group");
}

// Attribute names as schemas spell them (entries keep them in lower case), for showing.
QString spelled(const QString &lower, const QStringList &known)
{
    for (const QString &k : known)
        if (k.compare(lower, Qt::CaseInsensitive) == 0)
            return k;
    return lower;
}

const QStringList CommonAttributes{u"objectClass"_s,
                                   u"cn"_s,
                                   u"sn"_s,
                                   u"givenName"_s,
                                   u"displayName"_s,
                                   u"uid"_s,
                                   u"mail"_s,
                                   u"title"_s,
                                   u"telephoneNumber"_s,
                                   u"mobile"_s,
                                   u"employeeNumber"_s,
                                   u"employeeID"_s,
                                   u"employeeType"_s,
                                   u"departmentNumber"_s,
                                   u"department"_s,
                                   u"manager"_s,
                                   u"member"_s,
                                   u"uniqueMember"_s,
                                   u"memberOf"_s,
                                   u"description"_s,
                                   u"entryUUID"_s,
                                   u"pwdReset"_s,
                                   u"pwdChangedTime"_s,
                                   u"pwdAccountLockedTime"_s,
                                   u"nsUniqueId"_s,
                                   u"nsAccountLock"_s,
                                   u"pwdUpdateTime"_s,
                                   u"modifyTimestamp"_s,
                                   u"userPrincipalName"_s,
                                   u"sAMAccountName"_s,
                                   u"objectGUID"_s,
                                   u"objectSid"_s,
                                   u"mS-DS-ConsistencyGuid"_s,
                                   u"userAccountControl"_s,
                                   u"isCriticalSystemObject"_s,
                                   u"pwdLastSet"_s,
                                   u"whenCreated"_s,
                                   u"whenChanged"_s,
                                   u"distinguishedName"_s,
                                   u"name"_s,
                                   u"groupType"_s,
                                   u"objectCategory"_s,
                                   u"sambaSID"_s,
                                   u"uidNumber"_s,
                                   u"gidNumber"_s,
                                   u"homeDirectory"_s,
                                   u"loginShell"_s,
                                   u"physicalDeliveryOfficeName"_s,
                                   u"company"_s,
                                   u"accountExpires"_s,
                                   u"primaryGroupID"_s};

QString shown(const QString &attribute, const QByteArray &value)
{
    if (value.size() == 16 && (attribute == u"objectguid"_s || attribute == u"ms-ds-consistencyguid"_s))
        return Text::tr("%1 (binary GUID)").arg(Anchor::guidBytesToText(value));
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8(value);
    bool printable = !utf8.hasError();
    for (const QChar c : text)
        printable &= !(c.unicode() < 0x20 && c != u'\t');
    if (!printable)
        return Text::tr("(binary, %n byte(s))", nullptr, int(value.size()));
    return text.size() > 300 ? text.left(300) + u'…' : text;
}

} // namespace

Explainer::Explainer(Configuration configuration, StateStore &store, QString text, bool provision,
                     QObject *parent)
    : QObject(parent)
    , m_config(std::move(configuration))
    , m_store(store)
    , m_text(std::move(text))
    , m_provision(provision)
{
    m_x.configuration = m_config.name;
    m_x.query = m_text.trimmed();
}

Explainer::~Explainer() = default;

RunOptions Explainer::provisionOptions(const Explanation &explanation)
{
    RunOptions options;
    options.trigger = u"on-demand"_s;
    options.only = {explanation.anchor};
    return options;
}

void Explainer::step(const QString &title, Outcome outcome, const QString &text,
                     const QList<std::pair<QString, QString>> &details)
{
    m_x.steps.append(ExplanationStep{title, outcome, text, details});
}

void Explainer::fail(const QString &message)
{
    m_x.status = Explanation::Status::Failed;
    m_x.message = message;
    m_x.action = Explanation::Action::Blocked;
    m_found.credential = {};
    m_finished = true;
    Q_EMIT finished(m_x);
}

void Explainer::start()
{
    QByteArray bindPassword;
    QString error;
    if (!m_config.source.bindPassword.resolve(bindPassword, u"source.bindPassword"_s, &error))
        return fail(error);
    if (const auto stored = m_store.configuration(m_config.name)) {
        m_configurationId = stored->id;
        m_links = m_store.links(m_configurationId);
    }
    m_dialect = Dialect::create(m_config.source.type, m_config.source.anchorAttribute);
    // Configured as a run configures it, so that the read is the run's.
    LdapDirectory directory(m_config.source.ldapSettings(bindPassword), m_config.source.baseDn, *m_dialect);
    directory.setUserAttributes(m_config.userMapping.sourceAttributes());
    directory.setGroupAttributes(m_config.groupMapping.sourceAttributes());
    directory.setReadCredentials(false);

    Q_EMIT progress(Text::tr("Searching the directory"));
    if (!findObject(directory))
        return;
    if (m_config.passwordHashSync && m_config.source.passwordHashes.replication() &&
        m_x.kind == ObjectKind::User) {
        Q_EMIT progress(Text::tr("Replicating the password hash"));
        replicateHash(bindPassword);
    }
    stepRead();
    const bool synced = stepType();
    if (!stepAnchor())
        return done();
    if (!synced) {
        m_x.inScope = false;
        return askCloud();
    }
    Q_EMIT progress(Text::tr("Reading the scope"));
    if (!stepScope(directory))
        return;
    askCloud();
}

// The user's NT hash by replication (MS-DRSR), this user only: what a run would send is compared with what
// was sent, and never shown.
void Explainer::replicateHash(const QByteArray &bindPassword)
{
    SourceCredential &c = m_found.credential;
    ReplicationSettings settings;
    QString error;
    ReplicationPass pass;
    bool ok =
        c.objectGuid.size() == 16 && m_config.source.replicationSettings(bindPassword, settings, &error);
    if (ok) {
        HashReplication replication(settings);
        settings.password.fill('\0');
        ok = replication.fetch({Anchor::guidBytesToText(c.objectGuid)}, pass);
        if (!ok)
            error = replication.explainError();
    }
    const QByteArray hash = pass.hashes.value(Anchor::guidBytesToText(c.objectGuid));
    for (QByteArray &h : pass.hashes)
        h.fill('\0');
    if (!ok) {
        c.problem = PasswordHashAdvice::replicationFailure(
            settings.server, error.isEmpty() ? u"objectGUID could not be read"_s : error);
        c.retry = true;
        return;
    }
    HashReplication::apply(c, hash);
    if (c.usable())
        m_found.secrets.insert(u"unicodePwd"_s, Text::tr("(replicated from %1)").arg(settings.server));
}

bool Explainer::findObject(LdapDirectory &directory)
{
    const QString &text = m_x.query;
    const QString base = m_config.source.baseDn;
    if (text.isEmpty()) {
        m_x.status = Explanation::Status::NotFound;
        m_x.message = Text::tr("Type a user's name, uid, mail or DN, or a group's name.");
        m_finished = true;
        Q_EMIT finished(m_x);
        return false;
    }
    const QString ndn = Ldap::normalizeDn(text);
    if (text.contains(u'=') && !ndn.isEmpty() && !Ldap::isWithin(ndn, Ldap::normalizeDn(base))) {
        m_x.status = Explanation::Status::NotFound;
        m_x.message =
            Text::tr("%1 is not under the base DN %2 of %3: only objects under it can be provisioned by "
                     "this configuration.")
                .arg(text, base, m_config.name);
        m_finished = true;
        Q_EMIT finished(m_x);
        return false;
    }
    QList<FoundEntry> found;
    if (!directory.find(text, MaxCandidates + 1, found)) {
        fail(Text::tr("The directory could not be searched: %1").arg(directory.error().message));
        return false;
    }
    if (found.isEmpty()) {
        m_x.status = Explanation::Status::NotFound;
        m_x.message =
            m_config.source.type == DirectoryType::ActiveDirectory
                ? Text::tr(
                      "Nothing under %1 is named “%2” (searched sAMAccountName, userPrincipalName, cn, mail "
                      "and displayName; a DN works too).")
                      .arg(base, text)
                : Text::tr(
                      "Nothing under %1 is named “%2” (searched uid, cn, mail and displayName; a DN works "
                      "too).")
                      .arg(base, text);
        m_finished = true;
        Q_EMIT finished(m_x);
        return false;
    }
    if (found.size() > 1) {
        m_x.status = Explanation::Status::Ambiguous;
        for (FoundEntry &f : found.mid(0, MaxCandidates)) {
            const QString name = f.entry.text(u"displayName"_s).isEmpty() ? f.entry.text(u"cn"_s)
                                                                          : f.entry.text(u"displayName"_s);
            m_x.candidates.append({f.kind, f.entry.dn, name, f.synced});
            f.credential = {};
        }
        m_x.message =
            found.size() > MaxCandidates
                ? Text::tr("More than %1 objects match “%2”; the first %1 are listed. Pick one, or be "
                           "more precise.")
                      .arg(MaxCandidates)
                      .arg(text)
                : Text::tr("%n objects match “%1”; pick one.", nullptr, int(found.size())).arg(text);
        m_finished = true;
        Q_EMIT finished(m_x);
        return false;
    }
    m_found = std::move(found.first());
    m_ndn = Ldap::normalizeDn(m_found.entry.dn);
    m_x.status = Explanation::Status::Explained;
    m_x.kind = m_found.kind;
    m_x.dn = m_found.entry.dn;
    m_x.displayName = m_found.entry.text(u"displayName"_s);
    if (m_x.displayName.isEmpty())
        m_x.displayName = m_found.entry.text(u"cn"_s);
    if (m_x.displayName.isEmpty())
        m_x.displayName = Ldap::firstRdnValue(m_x.dn);
    return true;
}

void Explainer::stepRead()
{
    const DirectoryEntry &e = m_found.entry;
    QStringList known = CommonAttributes + m_config.userMapping.sourceAttributes() +
                        m_config.groupMapping.sourceAttributes() + m_dialect->userAttributes() +
                        m_dialect->groupAttributes() + m_dialect->credentialAttributes();
    QMap<QString, QString> rows; // case-insensitively sorted by name
    for (auto it = e.attributes.cbegin(); it != e.attributes.cend(); ++it) {
        QStringList values;
        constexpr int MaxValues = 10;
        for (const QByteArray &v : it.value().mid(0, MaxValues))
            values.append(shown(it.key(), v));
        if (it.value().size() > MaxValues)
            values.append(Text::tr("… and %n more", nullptr, int(it.value().size() - MaxValues)));
        rows.insert(it.key(), values.join(u"; "_s));
    }
    for (auto it = m_found.secrets.cbegin(); it != m_found.secrets.cend(); ++it)
        rows.insert(it.key().toLower(), it.value());
    QList<std::pair<QString, QString>> details;
    details.append({Text::tr("DN"), e.dn});
    for (auto it = rows.cbegin(); it != rows.cend(); ++it)
        details.append({spelled(it.key(), known + m_found.secrets.keys()), it.value()});
    step(Text::tr("Read from the directory"), Outcome::Ok,
         Text::tr("Found the %1 “%2” at %3: %n attribute(s) read. Secrets and password hashes are never "
                  "shown, only "
                  "whether they are there.",
                  nullptr, int(rows.size()))
             .arg(kindWord(m_x.kind), m_x.displayName, e.dn),
         details);
}

bool Explainer::stepType()
{
    const QString filter = m_x.kind == ObjectKind::User ? m_dialect->userFilter() : m_dialect->groupFilter();
    const QString excluded = m_dialect->exclusionReason(m_found.entry);
    const QList<std::pair<QString, QString>> details{{Text::tr("Filter of this directory type"), filter}};
    if (!excluded.isEmpty()) {
        step(Text::tr("Object type"), Outcome::Stop,
             Text::tr("Never synced: it is %1. Such accounts are left out of every scope.").arg(excluded),
             details);
        m_scopeWhy = Text::tr("never synced: %1").arg(excluded);
        return false;
    }
    if (!m_found.synced) {
        step(Text::tr("Object type"), Outcome::Stop,
             Text::tr(
                 "Not a user or group this directory type syncs: it matches neither its user filter nor its "
                 "group filter."),
             {{Text::tr("User filter"), m_dialect->userFilter()},
              {Text::tr("Group filter"), m_dialect->groupFilter()}});
        m_scopeWhy = Text::tr("not a user or group this directory type syncs");
        return false;
    }
    step(Text::tr("Object type"), Outcome::Ok,
         m_config.source.type == DirectoryType::ActiveDirectory
             ? Text::tr(
                   "A %1 this directory type syncs: it matches its %1 filter and is not a system object, a "
                   "computer or a trust account.")
                   .arg(kindWord(m_x.kind))
             : Text::tr("A %1 this directory type syncs: it matches its %1 filter.").arg(kindWord(m_x.kind)),
         details);
    return true;
}

bool Explainer::stepAnchor()
{
    const DirectoryEntry &e = m_found.entry;
    const QByteArray anchor = m_dialect->anchor(e);
    const QString attribute = m_dialect->anchorAttribute(e);
    if (anchor.isEmpty()) {
        m_x.action = Explanation::Action::Blocked;
        step(Text::tr("Source anchor"), Outcome::Stop,
             Text::tr("No usable anchor: %1. Every run counts this object as failed until it has one.")
                 .arg(m_dialect->anchorProblem(e)));
        m_x.proposal = Text::tr("Nothing can be written: the object has no usable anchor.");
        return false;
    }
    m_x.anchor = Anchor::immutableId(anchor);
    QList<std::pair<QString, QString>> details{{Text::tr("Attribute"), attribute}};
    QString text;
    if (m_config.source.type == DirectoryType::ActiveDirectory) {
        const QString guid = Anchor::guidBytesToText(anchor);
        details.append({Text::tr("Value"), guid});
        if (attribute.compare(u"mS-DS-ConsistencyGuid"_s, Qt::CaseInsensitive) == 0) {
            details.append({u"objectGUID"_s, Anchor::guidBytesToText(e.value(u"objectGUID"_s))});
            text =
                Text::tr("mS-DS-ConsistencyGuid is set (%1), so it is the anchor rather than objectGUID: an "
                         "object moved between forests keeps its cloud object.")
                    .arg(guid);
        } else {
            text =
                Text::tr("mS-DS-ConsistencyGuid is not set, so objectGUID (%1) is the anchor. Updraft never "
                         "writes to the directory, so it is not written back.")
                    .arg(guid);
        }
    } else {
        details.append({Text::tr("Value"), e.text(attribute)});
        text = Text::tr("%1 %2 ties it to its cloud object for life; a rename or move keeps it.")
                   .arg(attribute, e.text(attribute));
    }
    details.append({Text::tr("externalId (immutableId)"), m_x.anchor});
    step(Text::tr("Source anchor"), Outcome::Ok,
         text + u' ' + Text::tr("The cloud object's externalId is %1.").arg(m_x.anchor), details);
    return true;
}

bool Explainer::stepScope(LdapDirectory &directory)
{
    const Scope &scope = m_config.scope;
    if (!directory.read(scope, m_snapshot)) {
        step(Text::tr("Scope"), Outcome::Stop,
             Text::tr("The scope could not be read: %1").arg(directory.error().message));
        fail(directory.error().message);
        return false;
    }
    const SourceObject *object = nullptr;
    for (const QList<SourceObject> *list : {&m_snapshot.users, &m_snapshot.groups})
        for (const SourceObject &o : *list)
            if (o.normalizedDn == m_ndn)
                object = &o;
    QList<std::pair<QString, QString>> details;
    details.append({Text::tr("Scope OUs"), scope.organizationalUnits.isEmpty()
                                               ? Text::tr("none")
                                               : scope.organizationalUnits.join(u"; "_s)});
    details.append(
        {Text::tr("Scope groups"), scope.groups.isEmpty() ? Text::tr("none") : scope.groups.join(u"; "_s)});
    details.append({Text::tr("Filter"), scope.filter.isEmpty() ? Text::tr("none") : scope.filter});
    details.append(
        {Text::tr("In scope now"),
         Text::tr("%1 users, %2 groups").arg(m_snapshot.users.size()).arg(m_snapshot.groups.size())});
    if (object) {
        m_x.inScope = true;
        m_scopeWhy = object->scopeReason;
        QString text = Text::tr("In scope: %1.").arg(object->scopeReason);
        if (m_x.kind == ObjectKind::User && !scope.filter.isEmpty())
            text += u' ' + Text::tr("It matches the scope's filter %1.").arg(scope.filter);
        details.prepend({Text::tr("Rule"), object->scopeReason});
        step(Text::tr("Scope"), Outcome::Ok, text, details);
    } else {
        m_x.inScope = false;
        m_scopeWhy = outOfScopeReason(directory, m_snapshot);
        details.prepend({Text::tr("Rule"), m_scopeWhy});
        step(Text::tr("Scope"), Outcome::Stop, Text::tr("Out of scope: %1.").arg(m_scopeWhy), details);
    }
    for (const QList<SourceObject> *list : {&m_snapshot.users, &m_snapshot.groups})
        for (const SourceObject &o : *list)
            m_anchorByDn.insert(o.normalizedDn, o.immutableId);
    if (m_x.inScope)
        m_desired = std::make_unique<DesiredState>(m_snapshot, m_config.userMapping, m_config.groupMapping,
                                                   QHash<QString, QString>{{u"domain"_s, m_config.domain}},
                                                   QSet<QString>(m_links.keyBegin(), m_links.keyEnd()));
    return true;
}

QString Explainer::outOfScopeReason(LdapDirectory &directory, const SourceSnapshot &snapshot)
{
    const Scope &scope = m_config.scope;
    for (const auto &[dn, reason] : snapshot.skipped)
        if (Ldap::normalizeDn(dn) == m_ndn)
            return reason;
    if (scope.isEmpty())
        return Text::tr("the configuration's scope is empty (no OUs and no groups), so nothing is in scope");
    QStringList ous;
    for (const QString &ou : scope.organizationalUnits)
        if (Ldap::isWithin(m_ndn, Ldap::normalizeDn(ou)))
            ous.append(ou);
    const QStringList chain = directory.groupChain(m_ndn);
    if (!ous.isEmpty() || !chain.isEmpty()) {
        const QString where = !ous.isEmpty() ? Text::tr("under %1, which the scope lists").arg(ous.first())
                                             : LdapDirectory::membershipReason(chain);
        bool matches = true;
        if (m_x.kind == ObjectKind::User && !scope.filter.isEmpty() &&
            directory.matches(m_found.entry.dn, directory.scopeUserFilter(scope), &matches) && !matches)
            return Text::tr("%1, but excluded by the filter %2").arg(where, scope.filter);
        return Text::tr("%1, but the directory did not return it when the scope was read (did it change "
                        "meanwhile?); explain it again")
            .arg(where);
    }
    QStringList parts;
    if (!scope.organizationalUnits.isEmpty())
        parts.append(
            Text::tr("not under any of the scope's OUs (%1)").arg(scope.organizationalUnits.join(u"; "_s)));
    if (!scope.groups.isEmpty())
        parts.append(m_x.kind == ObjectKind::User
                         ? Text::tr("not a member of its groups (%1), directly or through nested groups")
                               .arg(scope.groups.join(u"; "_s))
                         : Text::tr("neither one of its groups (%1) nor nested in them")
                               .arg(scope.groups.join(u"; "_s)));
    return parts.join(Text::tr(" and "));
}

void Explainer::done()
{
    m_found.credential = {};
    if (m_finished)
        return;
    if (!m_provision || !m_x.canProvision()) {
        if (m_provision)
            step(Text::tr("Provisioned on demand"), Outcome::Info,
                 Text::tr("Nothing was provisioned: there is nothing to write for this object."));
        m_finished = true;
        Q_EMIT finished(m_x);
        return;
    }
    Q_EMIT progress(Text::tr("Provisioning"));
    m_runner = std::make_unique<SyncRunner>(m_config, m_store, provisionOptions(m_x));
    connect(m_runner.get(), &SyncRunner::finished, this, [this](const RunRecord &record) {
        m_x.addRun(record, m_runner->results());
        m_finished = true;
        Q_EMIT finished(m_x);
    });
    m_runner->start();
}

} // namespace Updraft
