// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// "Provision on demand / explain" against a real slapd and a real SCIM service: one object's way through a
// run, step by step, and provisioning exactly that object.
#include "syncfixture.h"

#include "explaindialog.h"
#include "store/statestore.h"
#include "sync/explainer.h"
#include "sync/syncservice.h"

#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

const QString Base = u"dc=example,dc=com"_s;
const QString PeopleOu = u"ou=People,dc=example,dc=com"_s;
const QString EngineeringOu = u"ou=Engineering,ou=People,dc=example,dc=com"_s;
const QString AllStaff = u"cn=All Staff,ou=People,dc=example,dc=com"_s;
const QString Engineers = u"cn=Engineers,ou=Engineering,ou=People,dc=example,dc=com"_s;

QString userDn(const QString &uid, const QString &ou)
{
    return u"uid=%1,%2,%3"_s.arg(uid, ou, Base);
}
const QString Engineering = u"ou=Engineering,ou=People"_s;
const QString Sales = u"ou=Sales,ou=People"_s;

const ExplanationStep *stepOf(const Explanation &x, const QString &title)
{
    for (const ExplanationStep &s : x.steps)
        if (s.title == title)
            return &s;
    return nullptr;
}

QString detail(const ExplanationStep *step, const QString &key)
{
    if (step)
        for (const auto &[k, v] : step->details)
            if (k == key)
                return v;
    return {};
}

QString describe(const Explanation &x)
{
    QString out = Explanation::statusName(x.status) + u": "_s + x.message + u'\n';
    for (const ExplanationStep &s : x.steps)
        out += u"[%1] %2: %3\n"_s.arg(ExplanationStep::outcomeName(s.outcome), s.title, s.text);
    return out;
}

} // namespace

class TestExplain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void userInScopeByOuIsCreatedWithItsAnchor();
    void userOutsideTheChosenOusSaysWhichOus();
    void nestedGroupMemberNamesTheChain();
    void filterExclusionNamesTheFilter();
    void unchangedThenChangedTitle();
    void groupIsExplainedWithItsMembers();
    void mustChangeUserHoldsTheHash();
    void provisionNowWritesExactlyThatUser();
    void provisionNowDeletesOnlyTheUserOutOfScope();
    void ambiguousTextListsCandidates();
    void unknownTextIsNotFound();
    void serviceProvisionsThroughTheScheduler();
    void dialogShowsTheOutOfScopeReason();
    void cliExplainsAndProvisions();

private:
    Configuration configWith(const QJsonObject &scope, bool hashes = false) const
    {
        QJsonObject json = f.configJson(u"example.com"_s, scope);
        if (hashes)
            json[u"passwordHashSync"_s] = QJsonObject{{u"enabled"_s, true}};
        return SyncFixture::config(json);
    }
    Configuration peopleConfig() const { return SyncFixture::config(f.peopleJson()); }
    Explanation explain(const Configuration &config, const QString &text, bool provision = false)
    {
        Explainer explainer(config, f.store(), text, provision);
        QSignalSpy finished(&explainer, &Explainer::finished);
        QElapsedTimer timer;
        timer.start();
        explainer.start();
        if (finished.isEmpty() && !finished.wait(120000))
            qFatal("the explanation did not finish within 120 s");
        qInfo().noquote() << "explained" << text << (provision ? "and provisioned" : "") << "in"
                          << timer.elapsed() << "ms";
        return finished.first().first().value<Explanation>();
    }
    bool import(const Configuration &config)
    {
        QString error;
        qint64 id = 0;
        return f.store().saveConfiguration(config.name, config.toJson(), &id, &error);
    }

    SyncFixture f;
};

void TestExplain::initTestCase()
{
    QString error;
    QVERIFY2(f.startScim(&error), qPrintable(error));
}

void TestExplain::init()
{
    QString error;
    QVERIFY2(f.startDirectory(&error), qPrintable(error));
}

void TestExplain::cleanup()
{
    f.stopDirectory();
}

void TestExplain::userInScopeByOuIsCreatedWithItsAnchor()
{
    f.scim().resetStats();
    const Explanation x = explain(peopleConfig(), u"bob.smith"_s);
    QVERIFY2(x.status == Explanation::Status::Explained, qPrintable(describe(x)));
    QCOMPARE(x.dn, userDn(u"bob.smith"_s, Sales));
    QCOMPARE(x.kind, ObjectKind::User);
    QVERIFY(x.inScope);

    const ExplanationStep *read = stepOf(x, u"Read from the directory"_s);
    QVERIFY(read);
    QCOMPARE(detail(read, u"mail"_s), u"bob.smith@example.com"_s);
    QCOMPARE(detail(read, u"userPassword"_s), u"present (SSHA)"_s);

    const ExplanationStep *scope = stepOf(x, u"Scope"_s);
    QVERIFY(scope);
    QCOMPARE(scope->outcome, ExplanationStep::Outcome::Ok);
    QVERIFY2(scope->text.contains(u"under ou=People,dc=example,dc=com, which the scope lists"_s),
             qPrintable(scope->text));

    const ExplanationStep *anchor = stepOf(x, u"Source anchor"_s);
    QVERIFY(anchor);
    QCOMPARE(detail(anchor, u"Attribute"_s), u"entryUUID"_s);
    QCOMPARE(x.anchor, f.entryUuidImmutableId(x.dn));
    QCOMPARE(detail(anchor, u"externalId (immutableId)"_s), x.anchor);

    const ExplanationStep *mapped = stepOf(x, u"Mapped attributes"_s);
    QVERIFY(mapped);
    QCOMPARE(detail(mapped, u"userName"_s), u"bob.smith@example.com"_s);
    QCOMPARE(detail(mapped, u"title"_s), u"Account Executive"_s);
    // The manager is in scope, but not provisioned yet.
    QVERIFY2(detail(mapped, u"manager (reference)"_s).contains(u"in scope but not provisioned yet"_s),
             qPrintable(detail(mapped, u"manager (reference)"_s)));

    QCOMPARE(x.action, Explanation::Action::Create);
    QVERIFY(stepOf(x, u"Cloud object"_s)->text.contains(u"a run creates it"_s));
    QVERIFY2(x.proposal.contains(u"POST Users"_s), qPrintable(x.proposal));
    QVERIFY(x.canProvision());
    QVERIFY(!x.provisioned);

    // An explanation reads; it never writes. And no secret in it.
    QCOMPARE(f.scim().writes(), 0);
    QVERIFY(f.store().runs(u"example.com"_s, 10).isEmpty());
    const QByteArray json = QJsonDocument(x.toJson()).toJson();
    QVERIFY(!json.contains("WrAR2hkm1wn4uTJBRCoQJALNDqZ1cGRyYWZ0IQ"));
    QVERIFY(!json.contains("sync-secret"));
}

void TestExplain::userOutsideTheChosenOusSaysWhichOus()
{
    const Explanation x =
        explain(configWith({{u"organizationalUnits"_s, QJsonArray{EngineeringOu}}}), u"bob.smith"_s);
    QVERIFY2(x.status == Explanation::Status::Explained, qPrintable(describe(x)));
    QVERIFY(!x.inScope);
    const ExplanationStep *scope = stepOf(x, u"Scope"_s);
    QVERIFY(scope);
    QCOMPARE(scope->outcome, ExplanationStep::Outcome::Stop);
    QVERIFY2(scope->text.contains(u"not under any of the scope's OUs (%1)"_s.arg(EngineeringOu)),
             qPrintable(scope->text));
    QCOMPARE(x.action, Explanation::Action::None);
    QVERIFY(!x.canProvision());
    QVERIFY(!stepOf(x, u"Mapped attributes"_s));
}

void TestExplain::nestedGroupMemberNamesTheChain()
{
    const Explanation x = explain(configWith({{u"groups"_s, QJsonArray{AllStaff}}}), u"jose.muller"_s);
    QVERIFY2(x.status == Explanation::Status::Explained, qPrintable(describe(x)));
    QVERIFY(x.inScope);
    const QString text = stepOf(x, u"Scope"_s)->text;
    QVERIFY2(text.contains(u"member of group %1 through %2 (nested)"_s.arg(AllStaff, Engineers)),
             qPrintable(text));

    // A direct member, and someone in no scoping group.
    QVERIFY(stepOf(explain(configWith({{u"groups"_s, QJsonArray{AllStaff}}}), u"carol.jones"_s), u"Scope"_s)
                ->text.contains(u"member of group %1, which the scope lists"_s.arg(AllStaff)));
    const Explanation out = explain(configWith({{u"groups"_s, QJsonArray{AllStaff}}}), u"eve.adams"_s);
    QVERIFY(!out.inScope);
    QVERIFY2(stepOf(out, u"Scope"_s)->text.contains(u"not a member of its groups (%1)"_s.arg(AllStaff)),
             qPrintable(stepOf(out, u"Scope"_s)->text));
}

void TestExplain::filterExclusionNamesTheFilter()
{
    const Explanation x = explain(
        configWith({{u"organizationalUnits"_s, QJsonArray{PeopleOu}}, {u"filter"_s, u"(title=Engineer)"_s}}),
        u"bob.smith"_s);
    QVERIFY(!x.inScope);
    const QString text = stepOf(x, u"Scope"_s)->text;
    QVERIFY2(
        text.contains(
            u"under %1, which the scope lists, but excluded by the filter (title=Engineer)"_s.arg(PeopleOu)),
        qPrintable(text));
}

void TestExplain::unchangedThenChangedTitle()
{
    QCOMPARE(f.run(peopleConfig()).status, u"success"_s);
    Explanation x = explain(peopleConfig(), u"bob.smith"_s);
    QVERIFY2(x.status == Explanation::Status::Explained, qPrintable(describe(x)));
    QCOMPARE(x.action, Explanation::Action::None);
    QVERIFY2(stepOf(x, u"Proposed action"_s)->text.startsWith(u"No change"_s), qPrintable(describe(x)));
    QVERIFY(stepOf(x, u"Cloud object"_s)->text.contains(u"which this configuration created"_s));
    QVERIFY(!x.canProvision());
    // Now that li.lei is provisioned, bob's manager resolves.
    QVERIFY(
        detail(stepOf(x, u"Mapped attributes"_s), u"manager (reference)"_s).contains(u"the cloud object"_s));

    QString error;
    QVERIFY2(f.slapd().modify(
                 u"dn: %1\nchangetype: modify\nreplace: title\ntitle: Sales Director\n"_s.arg(x.dn), &error),
             qPrintable(error));
    x = explain(peopleConfig(), u"bob.smith"_s);
    QCOMPARE(x.action, Explanation::Action::Update);
    const ExplanationStep *action = stepOf(x, u"Proposed action"_s);
    QVERIFY2(action->text.contains(u"title"_s), qPrintable(action->text));
    QCOMPARE(detail(action, u"title"_s), u"Account Executive → Sales Director"_s);
    QVERIFY2(x.proposal.startsWith(u"PATCH Users/"_s) && x.proposal.contains(u": title."_s),
             qPrintable(x.proposal));
}

void TestExplain::groupIsExplainedWithItsMembers()
{
    Explanation x = explain(peopleConfig(), u"Engineers"_s);
    QVERIFY2(x.status == Explanation::Status::Explained, qPrintable(describe(x)));
    QCOMPARE(x.kind, ObjectKind::Group);
    QCOMPARE(x.action, Explanation::Action::Create);
    QCOMPARE(detail(stepOf(x, u"Mapped attributes"_s), u"Members in scope"_s), u"3"_s);
    QCOMPARE(detail(stepOf(x, u"Mapped attributes"_s), u"displayName"_s), u"Engineers"_s);

    QCOMPARE(f.run(peopleConfig()).status, u"success"_s);
    x = explain(peopleConfig(), Engineers);
    QCOMPARE(x.action, Explanation::Action::None);
    QCOMPARE(detail(stepOf(x, u"Mapped attributes"_s), u"Members provisioned"_s), u"3"_s);
}

void TestExplain::mustChangeUserHoldsTheHash()
{
    const Configuration config = configWith({{u"organizationalUnits"_s, QJsonArray{PeopleOu}}}, true);
    QCOMPARE(f.run(config).status, u"success"_s);
    Explanation x = explain(config, u"bob.smith"_s);
    QCOMPARE(stepOf(x, u"Password hash"_s)->outcome, ExplanationStep::Outcome::Ok);
    QVERIFY2(stepOf(x, u"Password hash"_s)->text.startsWith(u"In sync"_s), qPrintable(describe(x)));

    // An administrator resets bob's password: ppolicy sets pwdReset, "must change at next logon".
    QString error;
    QVERIFY2(f.slapd().changePassword(x.dn, {}, u"Temp-Reset-1"_s, &error), qPrintable(error));
    x = explain(config, u"bob.smith"_s);
    const ExplanationStep *hash = stepOf(x, u"Password hash"_s);
    QVERIFY(hash);
    QCOMPARE(hash->outcome, ExplanationStep::Outcome::Info);
    QVERIFY2(hash->text.startsWith(u"Held until the password is changed"_s), qPrintable(hash->text));
    QCOMPARE(detail(hash, u"Must change at next logon"_s), u"yes"_s);
    QVERIFY(!x.sendsPasswordHash);
    QVERIFY(!x.canProvision());
}

void TestExplain::provisionNowWritesExactlyThatUser()
{
    const Configuration config = peopleConfig();
    QCOMPARE(f.run(config).status, u"success"_s);
    const qint64 configId = f.store().configuration(config.name)->id;
    const int linksBefore = int(f.store().links(configId).size());
    const int cloudUsersBefore = int(f.scim().users().size());

    // A newcomer, and other changes a full run would carry out: none of them may happen.
    QString error;
    QVERIFY2(
        f.slapd().modify(u"dn: %1\nchangetype: add\nobjectClass: inetOrgPerson\nuid: nina.new\ncn: Nina New\n"
                         u"sn: New\ngivenName: Nina\nmail: nina.new@example.com\ntitle: Analyst\n\n"
                         u"dn: %2\nchangetype: modify\nreplace: title\ntitle: Sales Director\n\n"
                         u"dn: %3\nchangetype: delete\n"_s.arg(userDn(u"nina.new"_s, Sales),
                                                               userDn(u"carol.jones"_s, Sales),
                                                               userDn(u"frank.ng"_s, Sales)),
                         &error),
        qPrintable(error));
    f.scim().resetStats();
    const Explanation x = explain(config, u"nina.new"_s, true);
    QVERIFY2(x.status == Explanation::Status::Explained, qPrintable(describe(x)));
    QCOMPARE(x.action, Explanation::Action::Create);
    QVERIFY(x.provisioned);
    QCOMPARE(x.run.trigger, u"on-demand"_s);
    QCOMPARE(x.run.status, u"success"_s);
    QCOMPARE(x.run.users.created, 1);
    QCOMPARE(x.run.users.total() + x.run.groups.total(), 1);
    QCOMPARE(x.steps.last().title, u"Provisioned on demand"_s);
    QCOMPARE(x.steps.last().outcome, ExplanationStep::Outcome::Ok);

    // Exactly one write: the POST of that user. Nothing else changed or deleted.
    QCOMPARE(f.scim().writes(), 1);
    QCOMPARE(f.scim().stats()[u"requests"_s][u"POST"_s].toInt(), 1);
    QCOMPARE(int(f.scim().users().size()), cloudUsersBefore + 1);
    bool frankStillThere = false;
    for (const QJsonValue &u : f.scim().users()) {
        frankStillThere |= u[u"userName"_s].toString() == u"frank.ng@example.com"_s;
        if (u[u"userName"_s].toString() == u"carol.jones@example.com"_s)
            QCOMPARE(u[u"title"_s].toString(), u"Sales Lead"_s);
    }
    QVERIFY(frankStillThere);

    // Recorded as a run with one result row, and linked like any run's object.
    const RunRecord last = f.store().runs(config.name, 1).first();
    QCOMPARE(last.id, x.run.id);
    QCOMPARE(last.trigger, u"on-demand"_s);
    const QList<RunResult> rows = f.store().results(last.id);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().dn, userDn(u"nina.new"_s, Sales));
    QCOMPARE(rows.first().action, u"create"_s);
    QCOMPARE(int(f.store().links(configId).size()), linksBefore + 1);
    QVERIFY(f.store().links(configId).contains(x.anchor));

    // The next full run does the rest, and finds nina as provisioned.
    f.scim().resetStats();
    const RunRecord next = f.run(config);
    QCOMPARE(next.status, u"success"_s);
    QCOMPARE(next.users.created, 0);
    QCOMPARE(next.users.updated, 1);
    QCOMPARE(next.users.deleted, 1);
}

void TestExplain::provisionNowDeletesOnlyTheUserOutOfScope()
{
    const Configuration config = peopleConfig();
    QCOMPARE(f.run(config).status, u"success"_s);
    QString error;
    QVERIFY2(f.slapd().modify(u"dn: %1\nchangetype: modrdn\nnewrdn: uid=eve.adams\ndeleteoldrdn: 1\n"
                              u"newsuperior: ou=Contractors,%2\n\n"
                              u"dn: %3\nchangetype: delete\n"_s.arg(userDn(u"eve.adams"_s, Sales), Base,
                                                                    userDn(u"frank.ng"_s, Sales)),
                              &error),
             qPrintable(error));
    Explanation x = explain(config, u"eve.adams"_s);
    QVERIFY(!x.inScope);
    QCOMPARE(x.action, Explanation::Action::Delete);
    QVERIFY2(stepOf(x, u"Proposed action"_s)
                 ->text.contains(u"moved out of scope, to uid=eve.adams,ou=Contractors"_s),
             qPrintable(describe(x)));
    QVERIFY2(x.proposal.startsWith(u"DELETE Users/"_s), qPrintable(x.proposal));

    f.scim().resetStats();
    x = explain(config, u"eve.adams"_s, true);
    QVERIFY(x.provisioned);
    QCOMPARE(x.run.users.deleted, 1);
    QCOMPARE(f.scim().writes(), 1);
    QCOMPARE(f.scim().stats()[u"requests"_s][u"DELETE"_s].toInt(), 1);
    QSet<QString> names;
    for (const QJsonValue &u : f.scim().users())
        names.insert(u[u"userName"_s].toString());
    QVERIFY(!names.contains(u"eve.adams@example.com"_s));
    QVERIFY(names.contains(u"frank.ng@example.com"_s)); // deleted in the directory, left to the next run
}

void TestExplain::ambiguousTextListsCandidates()
{
    QString error;
    QVERIFY2(
        f.slapd().modify(u"dn: uid=bsmith,ou=Contractors,%1\nchangetype: add\nobjectClass: inetOrgPerson\n"
                         u"uid: bsmith\ncn: Bob Smith\nsn: Smith\n"_s.arg(Base),
                         &error),
        qPrintable(error));
    const Explanation x = explain(peopleConfig(), u"Bob Smith"_s);
    QVERIFY2(x.status == Explanation::Status::Ambiguous, qPrintable(describe(x)));
    QCOMPARE(x.candidates.size(), 2);
    QSet<QString> dns;
    for (const ExplanationCandidate &c : x.candidates)
        dns.insert(c.dn);
    QCOMPARE(dns,
             (QSet<QString>{userDn(u"bob.smith"_s, Sales), u"uid=bsmith,ou=Contractors,%1"_s.arg(Base)}));
    QVERIFY(x.steps.isEmpty());

    // Picked by its DN, the contractor is explained: out of scope.
    const Explanation picked = explain(peopleConfig(), u"uid=bsmith,ou=Contractors,%1"_s.arg(Base));
    QVERIFY2(picked.status == Explanation::Status::Explained, qPrintable(describe(picked)));
    QVERIFY(!picked.inScope);
}

void TestExplain::unknownTextIsNotFound()
{
    Explanation x = explain(peopleConfig(), u"nobody.here"_s);
    QCOMPARE(x.status, Explanation::Status::NotFound);
    QVERIFY2(x.message.contains(u"nobody.here"_s), qPrintable(x.message));
    x = explain(peopleConfig(), u"uid=someone,dc=elsewhere,dc=org"_s);
    QCOMPARE(x.status, Explanation::Status::NotFound);
    QVERIFY2(x.message.contains(u"not under the base DN"_s), qPrintable(x.message));
}

void TestExplain::serviceProvisionsThroughTheScheduler()
{
    const Configuration config = peopleConfig();
    QVERIFY(import(config));
    SyncService service(f.store().path(), f.stateDir());
    QSignalSpy opened(&service, &SyncService::opened);
    QSignalSpy explained(&service, &SyncService::explained);
    QSignalSpy finished(&service, &SyncService::runFinished);
    service.open(false);
    QVERIFY(opened.first().first().toBool());

    service.explain(config.name, u"frank.ng"_s, false);
    QVERIFY(explained.wait(60000));
    Explanation x = explained.takeFirst().at(1).value<Explanation>();
    QCOMPARE(x.action, Explanation::Action::Create);
    QVERIFY(!x.provisioned);
    QVERIFY(finished.isEmpty());

    f.scim().resetStats();
    service.explain(config.name, u"frank.ng"_s, true);
    QVERIFY(explained.wait(60000));
    x = explained.takeFirst().at(1).value<Explanation>();
    QVERIFY2(x.provisioned, qPrintable(describe(x)));
    QCOMPARE(x.run.trigger, u"on-demand"_s);
    QCOMPARE(x.results.size(), 1);
    QCOMPARE(x.results.first().action, u"create"_s);
    QCOMPARE(finished.size(), 1); // the console sees it as any run
    QCOMPARE(f.scim().writes(), 1);

    QSignalSpy down(&service, &SyncService::shutDown);
    service.shutdown();
    QVERIFY(!down.isEmpty() || down.wait(10000));
}

void TestExplain::dialogShowsTheOutOfScopeReason()
{
    const Configuration config = configWith({{u"organizationalUnits"_s, QJsonArray{EngineeringOu}}});
    QList<std::pair<QString, bool>> requests;
    ExplainDialog dialog(config.name, [&](const QString &text, bool provision) {
        requests.append({text, provision});
    });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    dialog.searchField()->setText(u"bob.smith"_s);
    QTest::keyClick(dialog.searchField(), Qt::Key_Return);
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first(), std::make_pair(u"bob.smith"_s, false));
    QVERIFY(!dialog.searchField()->isEnabled()); // busy until the answer comes

    dialog.show(explain(config, u"bob.smith"_s));
    QVERIFY(dialog.searchField()->isEnabled());
    QTreeWidget *tree = dialog.stepTree();
    QTreeWidgetItem *scope = nullptr;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        if (tree->topLevelItem(i)->text(0) == u"Scope"_s)
            scope = tree->topLevelItem(i);
    QVERIFY(scope);
    QVERIFY2(scope->text(1).contains(u"not under any of the scope's OUs (%1)"_s.arg(EngineeringOu)),
             qPrintable(scope->text(1)));
    QCOMPARE(scope->data(0, Qt::UserRole).toString(), u"stop"_s);
    QVERIFY(scope->childCount() > 0);
    QVERIFY(dialog.summaryLabel()->text().contains(u"out of scope"_s));
    QVERIFY(!dialog.provisionButton()->isEnabled()); // nothing to write

    // In scope: Provision now asks with exactly what will be written, then requests it by DN.
    const Explanation inScope = explain(peopleConfig(), u"bob.smith"_s);
    dialog.show(inScope);
    QVERIFY(dialog.provisionButton()->isEnabled());
    QString question;
    dialog.setConfirmation([&](const QString &q) {
        question = q;
        return true;
    });
    dialog.provisionButton()->click();
    QVERIFY2(question.contains(inScope.proposal), qPrintable(question));
    QCOMPARE(requests.last(), std::make_pair(inScope.dn, true));

    // Several matches: a list to pick from; double-click asks for that DN.
    Explanation ambiguous;
    ambiguous.configuration = config.name;
    ambiguous.status = Explanation::Status::Ambiguous;
    ambiguous.message = u"2 objects match “Bob Smith”; pick one."_s;
    ambiguous.candidates = {
        {ObjectKind::User, userDn(u"bob.smith"_s, Sales), u"Bob Smith"_s, true},
        {ObjectKind::User, u"uid=bsmith,ou=Contractors,%1"_s.arg(Base), u"Bob Smith"_s, true}};
    dialog.show(ambiguous);
    QVERIFY(dialog.candidateList()->isVisible());
    QCOMPARE(dialog.candidateList()->count(), 2);
    Q_EMIT dialog.candidateList()->itemActivated(dialog.candidateList()->item(1));
    QCOMPARE(requests.last(), std::make_pair(u"uid=bsmith,ou=Contractors,%1"_s.arg(Base), false));

    // Answers for another configuration are not this dialog's.
    Explanation other = inScope;
    other.configuration = u"other.example"_s;
    dialog.show(other);
    QCOMPARE(dialog.explanation().configuration, config.name);
}

void TestExplain::cliExplainsAndProvisions()
{
    const Configuration config = peopleConfig();
    QVERIFY(import(config));
    const auto cli = [&](const QStringList &arguments, QByteArray *out) {
        QProcess p;
        p.start(QStringLiteral(UPDRAFT_CLI), arguments + QStringList{u"--state"_s, f.stateDir()});
        if (!p.waitForFinished(120000))
            return -1;
        *out = p.readAllStandardOutput();
        return p.exitCode();
    };
    QByteArray out;
    QCOMPARE(cli({u"explain"_s, config.name, u"ada.lovelace"_s}, &out), 0);
    QVERIFY2(out.contains("[ok]      Scope: In scope: under ou=People,dc=example,dc=com"), out.constData());
    // ada's manager is a contractor, outside the scope.
    QVERIFY2(out.contains("is not in this configuration's scope: left empty"), out.constData());
    QVERIFY(out.contains("Provisioning it now would: POST Users"));

    f.scim().resetStats();
    QCOMPARE(cli({u"explain"_s, config.name, u"ada.lovelace"_s, u"--provision"_s, u"--json"_s}, &out), 0);
    const QJsonObject o = QJsonDocument::fromJson(out).object();
    QCOMPARE(o[u"status"_s].toString(), u"explained"_s);
    QCOMPARE(o[u"action"_s].toString(), u"create"_s);
    QCOMPARE(o[u"run"_s][u"trigger"_s].toString(), u"on-demand"_s);
    QCOMPARE(o[u"run"_s][u"results"_s].toArray().size(), 1);
    QCOMPARE(f.scim().writes(), 1);

    QCOMPARE(cli({u"explain"_s, config.name, u"nobody.here"_s}, &out), 1);
}

QTEST_MAIN(TestExplain)
#include "tst_explain.moc"
