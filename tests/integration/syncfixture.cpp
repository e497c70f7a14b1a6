// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncfixture.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

static QString withMail(const QString &ldif, const QString &copy);

QString SyncFixture::fixture() const
{
    return TestServers::Scim::strict()
               ? fixtureWithMail()
               : TestServers::sourceDir() + u"/tests/integration/data/directory.ldif"_s;
}

QString SyncFixture::fixtureWithMail() const
{
    return withMail(TestServers::sourceDir() + u"/tests/integration/data/directory.ldif"_s,
                    m_dir.filePath(u"directory-with-mail.ldif"_s));
}

bool SyncFixture::startScim(QString *error, const QStringList &options, const QString &server)
{
    if (!m_dir.isValid()) {
        *error = u"no temporary directory"_s;
        return false;
    }
    m_scim.reset(); // stops the one before
    m_scim = std::make_unique<TestServers::Scim>(
        m_dir.filePath(m_scimNumber++ ? u"scim-%1"_s.arg(m_scimNumber) : u"scim"_s), server);
    if (!m_scim->start(error, options))
        return false;
    qputenv("UPDRAFT_TEST_BIND_PASSWORD", "sync-secret");
    qputenv("UPDRAFT_TEST_TOKEN", m_scim->token().toUtf8());
    return true;
}

bool SyncFixture::startDirectory(QString *error, const QStringList &options)
{
    return startDirectory(fixture(), options, error);
}

bool SyncFixture::startDirectoryWith(const QString &ldif, QString *error)
{
    return startDirectory(ldif, {}, error);
}

QString SyncFixture::stateDir() const
{
    return m_store->localDirectory();
}

// A service that requires an email gets people who have one: every person of `ldif` without a mail gets
// uid@example.com (which is the userName the default mapping gives them anyway).
static QString withMail(const QString &ldif, const QString &copy)
{
    QFile in(ldif);
    QFile out(copy);
    if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return ldif;
    QStringList entries = QString::fromUtf8(in.readAll()).split(u"\n\n"_s);
    for (QString &entry : entries) {
        const QRegularExpression uid(u"^uid: (\\S+)$"_s, QRegularExpression::MultilineOption);
        const auto m = uid.match(entry);
        if (m.hasMatch() && entry.contains(u"objectClass: inetOrgPerson"_s) &&
            !entry.contains(u"\nmail:"_s) && !entry.contains(u"changetype:"_s))
            entry = entry.trimmed() + u"\nmail: "_s + m.captured(1) + u"@example.com"_s;
    }
    out.write(entries.join(u"\n\n"_s).toUtf8());
    return copy;
}

bool SyncFixture::startDirsrv(const QString &ldif, QString *error, const QStringList &options)
{
    return startDirectory(ldif, options, error, u"dirsrv"_s);
}

bool SyncFixture::startDirectory(const QString &ldif, const QStringList &options, QString *error,
                                 const QString &server)
{
    if (m_scim)
        m_scim->reset();
    m_slapd.reset(); // stops the one before
    m_slapd = std::make_unique<TestServers::Slapd>(m_dir.filePath(server), server);
    const QString data =
        TestServers::Scim::strict()
            ? withMail(ldif, m_dir.filePath(u"%1-with-mail.ldif"_s.arg(QFileInfo(ldif).baseName())))
            : ldif;
    if (!m_slapd->start(data, error, options))
        return false;
    const QString storeDir = m_dir.filePath(u"store-%1"_s.arg(++m_storeNumber));
    const QString location = TestServers::newStoreLocation(storeDir, error);
    if (location.isEmpty())
        return false;
    m_store = std::make_unique<StateStore>(location, storeDir);
    // The CLI the suites start keeps its state in the same store (on PostgreSQL, the --state directory keeps
    // only what is local).
    if (TestServers::storeOnPostgres())
        qputenv("UPDRAFT_STORE", location.toUtf8());
    return m_store->open(error);
}

QString SyncFixture::generateDirectory(int users, int groups) const
{
    const QString ldif = m_dir.filePath(u"generated-%1-%2.ldif"_s.arg(users).arg(groups));
    QProcess gen;
    gen.start(u"python3"_s, {TestServers::sourceDir() + u"/tests/fixtures/gen-directory.py"_s, u"--users"_s,
                             QString::number(users), u"--groups"_s, QString::number(groups), u"-o"_s, ldif});
    return gen.waitForFinished(120000) && gen.exitCode() == 0 ? ldif : QString();
}

void SyncFixture::stopDirectory()
{
    m_store.reset();
    m_slapd.reset(); // stops it
}

QJsonObject SyncFixture::configJson(const QString &name, const QJsonObject &scope) const
{
    return {{u"name"_s, name},
            {u"source"_s,
             QJsonObject{{u"type"_s, u"openldap"_s},
                         {u"url"_s, m_slapd->url()},
                         {u"bindDn"_s, m_slapd->syncDn()},
                         {u"bindPassword"_s, QJsonObject{{u"env"_s, u"UPDRAFT_TEST_BIND_PASSWORD"_s}}},
                         {u"baseDn"_s, BaseDn}}},
            {u"scope"_s, scope},
            {u"target"_s, QJsonObject{{u"type"_s, u"scim"_s},
                                      {u"url"_s, m_scim->url().toString()},
                                      {u"token"_s, QJsonObject{{u"env"_s, u"UPDRAFT_TEST_TOKEN"_s}}}}}};
}

QJsonObject SyncFixture::peopleJson() const
{
    return configJson(u"example.com"_s,
                      {{u"organizationalUnits"_s, QJsonArray{u"ou=People,dc=example,dc=com"_s}}});
}

Configuration SyncFixture::config(const QJsonObject &json)
{
    Configuration c;
    QStringList errors;
    if (!Configuration::fromJson(json, c, &errors))
        qFatal("test configuration rejected: %s", qPrintable(errors.join(u"; "_s)));
    return c;
}

RunRecord SyncFixture::run(const Configuration &config, RunOptions options,
                           const std::function<void(SyncRunner &)> &prepare)
{
    SyncRunner runner(config, *m_store, options);
    if (prepare)
        prepare(runner);
    QSignalSpy finished(&runner, &SyncRunner::finished);
    runner.start();
    if (finished.isEmpty() && !finished.wait(120000))
        qFatal("the run did not finish within 120 s");
    m_lastResults = runner.results();
    return runner.record();
}

QList<RunResult> SyncFixture::resultsFor(const QString &dn) const
{
    QList<RunResult> out;
    for (const RunResult &r : m_lastResults)
        if (r.dn == dn)
            out.append(r);
    return out;
}

QString SyncFixture::entryUuidImmutableId(const QString &dn) const
{
    const QUuid uuid = QUuid::fromString(m_slapd->attribute(dn, u"entryUUID"_s));
    return QString::fromLatin1(uuid.toRfc4122().toBase64());
}
