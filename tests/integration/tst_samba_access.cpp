// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The Samba AD DC suite (see sambatest.h), its second half: binds verified against the DC's certificate and
// with Kerberos, NT hashes from the privileged socket, the must-change hold, change detection without
// DirSync, and what the console's scope pickers read of the domain.
#include "sambatest.h"

#include "sync/connectiontest.h"

using namespace SambaTest;

void TestSamba::bindsVerifyTheDc_data()
{
    QTest::addColumn<QString>("bind");
    QTest::addColumn<bool>("dcCa");
    QTest::addColumn<QString>("status");
    QTest::newRow("ldaps, the DC's CA") << u"ldaps"_s << true << u"success"_s;
    QTest::newRow("ldaps, another CA") << u"ldaps"_s << false << u"failed"_s;
    QTest::newRow("StartTLS, the DC's CA") << u"starttls"_s << true << u"success"_s;
    QTest::newRow("StartTLS, another CA") << u"starttls"_s << false << u"failed"_s;
    // Kerberos with the reader's keytab (samba-tool domain exportkeytab), KRB5_CONFIG = the DC's krb5.conf.
    QTest::newRow("GSSAPI, keytab") << u"gssapi"_s << true << u"success"_s;
    // The names AD resolves in a simple bind, as admins type them.
    QTest::newRow("user principal name") << u"upn"_s << true << u"success"_s;
    QTest::newRow("DOMAIN\\user") << u"downlevel"_s << true << u"success"_s;
    QTest::newRow("a UPN nobody has") << u"wrong-upn"_s << true << u"failed"_s;
}

void TestSamba::bindsVerifyTheDc()
{
    QFETCH(QString, bind);
    QFETCH(bool, dcCa);
    QFETCH(QString, status);

    QString caFile = m_dc.caFile();
    if (!dcCa) {
        // A throwaway CA that did not sign the DC's certificate.
        caFile = m_dir.filePath(u"wrong-ca/ca.pem"_s);
        if (!QFile::exists(caFile)) {
            QVERIFY(QDir().mkpath(m_dir.filePath(u"wrong-ca"_s)));
            QProcess openssl;
            openssl.start(u"openssl"_s,
                          {u"req"_s, u"-x509"_s, u"-new"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                           u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-keyout"_s,
                           m_dir.filePath(u"wrong-ca/ca.key"_s), u"-out"_s, caFile, u"-days"_s, u"1"_s,
                           u"-subj"_s, u"/CN=Wrong CA for "_s + m_dc.address()});
            QVERIFY(openssl.waitForFinished(30000));
            QVERIFY2(openssl.exitCode() == 0, openssl.readAllStandardError().constData());
        }
    }
    QString error;
    QVERIFY2(freshStore(&error), qPrintable(error));
    QJsonObject json = configJson({u"OU=Engineering,OU=Staff"_s});
    QJsonObject source = json[u"source"_s].toObject();
    if (bind == u"gssapi"_s) {
        const QString keytab = m_dir.filePath(u"svc-updraft.keytab"_s);
        if (!QFile::exists(keytab))
            QVERIFY2(
                m_dc.exportKeytab(m_dc.env(u"SAMBA_READER_UPN"_s).section(u'@', 0, 0) + u'@' + m_dc.realm(),
                                  keytab, &error),
                qPrintable(error));
        source.remove(u"bindDn"_s);
        source.remove(u"bindPassword"_s);
        source[u"sasl"_s] = u"GSSAPI"_s;
        source[u"keytab"_s] = keytab;
    } else {
        if (bind == u"starttls"_s)
            source[u"startTls"_s] = true;
        else
            source[u"url"_s] = m_dc.ldapsUrl();
        source[u"caFile"_s] = caFile;
    }
    const QString upn = m_dc.env(u"SAMBA_READER_UPN"_s);
    if (bind == u"upn"_s)
        source[u"bindDn"_s] = upn;
    else if (bind == u"downlevel"_s)
        source[u"bindDn"_s] = QString(m_dc.env(u"SAMBA_DOMAIN"_s) + u'\\' + upn.section(u'@', 0, 0));
    else if (bind == u"wrong-upn"_s)
        source[u"bindDn"_s] = QString(u"nobody-here@"_s + upn.section(u'@', 1));
    json[u"source"_s] = source;
    Configuration config;
    QVERIFY2(toConfiguration(json, config, &error), qPrintable(error));
    if (bind == u"upn"_s || bind == u"downlevel"_s) {
        // Test connection says whom the DC took the name for.
        const ConnectionReport report =
            ConnectionTest::source(config.source, m_dc.readerPassword().toUtf8(), false);
        QVERIFY2(report.ok(), qPrintable(report.failure()));
        QString signIn;
        for (const ConnectionStep &step : report.steps)
            if (step.name == u"Sign-in"_s)
                signIn = step.message;
        qInfo("%s", qPrintable(signIn));
        QVERIFY2(
            signIn.contains(u"which the directory resolved to"_s) &&
                signIn.contains(m_dc.readerDn().section(u',', 0, 0).section(u'=', 1), Qt::CaseInsensitive),
            qPrintable(signIn));
    }

    const RunRecord r = run(config);
    qInfo("%s: %s in %.1f s: %s", QTest::currentDataTag(), qPrintable(r.status), m_lastRunMs / 1000.0,
          qPrintable(r.message));
    QVERIFY2(r.status == status, qPrintable(r.status + u": "_s + r.message));
    if (status == u"failed"_s) {
        QVERIFY2(r.message.contains(bind == u"wrong-upn"_s ? u"refused the bind"_s : u"certificate"_s,
                                    Qt::CaseInsensitive),
                 qPrintable(r.message));
        QCOMPARE(f.scim().users().size(), 0);
    } else {
        int engineering = 0;
        for (const QString &key : staffKeys())
            engineering += fixtureUser(key)[u"dn"_s].toString().endsWith(dn(u"OU=Engineering,OU=Staff"_s));
        QCOMPARE(engineering, 14);
        QCOMPARE(r.users.created, engineering);
        QCOMPARE(f.scim().users().size(), engineering);
    }
}

// On the DC, through its privileged socket (source.url "ldapi://%2F…%2Fprivate%2Fldap_priv%2Fldapi"): NT
// hashes arrive as PPH1_MD4 and verify against the users' passwords.
void TestSamba::ntHashesFromTheLdapiSocketArriveAsPph1()
{
    QString error;
    QVERIFY2(freshStore(&error), qPrintable(error));
    Configuration config;
    QVERIFY2(toConfiguration(ldapiJson(), config, &error), qPrintable(error));
    const RunRecord r = run(config);
    QVERIFY2(r.status == u"success"_s, qPrintable(r.status + u": "_s + r.message));
    const QStringList staff = staffKeys();
    QCOMPARE(staff.size(), 27);
    QCOMPARE(r.users.created, 27);
    const QMap<QString, int> expected{{u"synced"_s, 26}, {u"held"_s, 1}};
    QCOMPARE(r.passwordHashes, expected);
    QCOMPARE(f.scim().stats()[u"credentialWrites"_s].toInt(), 26);

    // What reached the cloud verifies against each user's known password, and only against it.
    for (const QString &key : staff) {
        const QJsonObject sent = cloudUserWithCredentials(key)[Ext].toObject();
        if (fixtureUser(key)[u"mustChangePassword"_s].toBool()) {
            QVERIFY2(!sent.contains(u"passwordHash"_s), qPrintable(key));
            continue;
        }
        QCOMPARE(sent[u"passwordHashFormat"_s].toString(), u"PPH1_MD4"_s);
        const QString hash = sent[u"passwordHash"_s].toString();
        QVERIFY2(hash.startsWith(u"v1;PPH1_MD4,"_s), qPrintable(key));
        QVERIFY2(
            PasswordHash::verifyPph1(hash, PasswordHash::ntHash(fixtureUser(key)[u"password"_s].toString())),
            qPrintable(key));
        QVERIFY(!PasswordHash::verifyPph1(hash, PasswordHash::ntHash(u"Pw-99-Updraft!"_s)));
        QCOMPARE(hashState(key).status, u"synced"_s);
        QCOMPARE(hashState(key).scheme, u"NT"_s);
    }
    const PasswordHashState nina = hashState(u"nina.neumann"_s);
    QCOMPARE(nina.status, u"held"_s);
    QVERIFY2(nina.reason.contains(u"must change"_s, Qt::CaseInsensitive), qPrintable(nina.reason));
}

// A plain domain user as the bind account, watching uSNChanged against the DC's highestCommittedUSN (and its
// invocationId) instead of DirSync: what runs where DirSync is refused.
void TestSamba::withoutDirSyncTheUsnWatermarkSeesChanges()
{
    QString error;
    QVERIFY2(freshStore(&error), qPrintable(error));
    const QJsonObject emma = fixtureUser(u"emma.wilson"_s);
    QVERIFY(!emma.isEmpty());
    qputenv("UPDRAFT_TEST_SAMBA_PLAIN_PASSWORD", emma[u"password"_s].toString().toUtf8());
    QJsonObject json = configJson({u"OU=Staff"_s});
    QJsonObject source = json[u"source"_s].toObject();
    source[u"bindDn"_s] = emma[u"dn"_s].toString();
    source[u"bindPassword"_s] = QJsonObject{{u"env"_s, u"UPDRAFT_TEST_SAMBA_PLAIN_PASSWORD"_s}};
    source[u"changeDetection"_s] = u"usn"_s;
    json[u"source"_s] = source;
    Configuration config;
    QVERIFY2(toConfiguration(json, config, &error), qPrintable(error));

    const RunRecord first = run(config);
    QVERIFY2(first.status == u"success"_s, qPrintable(first.status + u": "_s + first.message));
    QVERIFY(first.users.created > 20);
    f.scim().resetStats();
    const RunRecord idle = run(config);
    QCOMPARE(idle.status, u"success"_s);
    QCOMPARE(idle.objectsRead, 0);
    QCOMPARE(f.scim().writes(), 0);

    const QString ahmed = fixtureUser(u"ahmed.hassan"_s)[u"dn"_s].toString();
    QVERIFY(!ahmed.isEmpty());
    QVERIFY2(
        m_dc.modify(u"dn: %1\nchangetype: modify\nreplace: title\ntitle: Watermark Tester\n"_s.arg(ahmed),
                    &error),
        qPrintable(error));
    const RunRecord changed = run(config);
    QCOMPARE(changed.users.updated, 1);
    QCOMPARE(f.scim().writes(), 1);
    const RunRecord again = run(config);
    QCOMPARE(again.objectsRead, 0);
    QCOMPARE(f.scim().writes(), 1);
}

// pwdLastSet = 0 holds the hash until the password is changed.
void TestSamba::mustChangeUserGetsItsHashOnceChanged()
{
    const QString key = u"nina.neumann"_s;
    const QString ninaDn = fixtureUser(key)[u"dn"_s].toString();
    QVERIFY(fixtureUser(key)[u"mustChangePassword"_s].toBool());
    QString error;
    QVERIFY2(freshStore(&error), qPrintable(error));
    Configuration config;
    QVERIFY2(toConfiguration(ldapiJson(), config, &error), qPrintable(error));

    // pwdLastSet = 0: held, nothing sent.
    QCOMPARE(m_dc.attribute(ninaDn, u"pwdLastSet"_s), "0"_ba);
    RunRecord r = run(config);
    QVERIFY2(r.status == u"success"_s, qPrintable(r.status + u": "_s + r.message));
    QCOMPARE(r.passwordHashes.value(u"held"_s), 1);
    QCOMPARE(hashState(key).status, u"held"_s);
    QVERIFY(!cloudUserWithCredentials(key)[Ext].toObject().contains(u"passwordHash"_s));

    // The password is set (by an administrator, as the helpdesk would): pwdLastSet becomes now.
    const QString newPassword = u"Nina-Changed-1!"_s;
    QVERIFY2(m_dc.setPassword(ninaDn, newPassword, &error), qPrintable(error));
    const QByteArray pwdLastSet = m_dc.attribute(ninaDn, u"pwdLastSet"_s);
    QVERIFY2(pwdLastSet.toLongLong() > 0, pwdLastSet.constData());
    f.scim().resetStats();
    r = run(config);
    QVERIFY2(r.status == u"success"_s, qPrintable(r.status + u": "_s + r.message));
    QCOMPARE(r.passwordHashes.value(u"held"_s), 0);
    QCOMPARE(r.passwordHashes.value(u"synced"_s), 27);
    QCOMPARE(f.scim().stats()[u"credentialWrites"_s].toInt(), 1);
    QCOMPARE(f.scim().writes(), 1);
    QCOMPARE(hashState(key).status, u"synced"_s);
    const QJsonObject sent = cloudUserWithCredentials(key)[Ext].toObject();
    QCOMPARE(sent[u"passwordHashFormat"_s].toString(), u"PPH1_MD4"_s);
    QVERIFY(PasswordHash::verifyPph1(sent[u"passwordHash"_s].toString(), PasswordHash::ntHash(newPassword)));
    QVERIFY(!PasswordHash::verifyPph1(sent[u"passwordHash"_s].toString(),
                                      PasswordHash::ntHash(fixtureUser(key)[u"password"_s].toString())));
}

// A title changes, a member leaves a group, a user is deleted: one PATCH of the user, one PATCH of the group,
// one DELETE. The deleted user is a member of the same group (everyone in the fixture is in some group, and

void TestSamba::scopePickersBrowseTheDomain()
{
    LdapSettings settings;
    settings.url = QUrl(m_dc.url());
    settings.bindDn = m_dc.readerDn();
    settings.bindPassword = m_dc.readerPassword().toUtf8();
    DirectoryBrowser browser(settings, m_dc.baseDn(), DirectoryType::ActiveDirectory);
    const QJsonObject counts = m_dc.fixture()[u"counts"_s].toObject();

    DirectoryLevel top;
    QVERIFY2(browser.children(m_dc.baseDn(), top), qPrintable(browser.error().message));
    QHash<QString, qint64> users;
    for (const DirectoryContainer &c : std::as_const(top.containers))
        users.insert(c.name, c.users);
    QVERIFY2(users.contains(u"Staff"_s) && users.contains(u"Bulk"_s) && users.contains(u"Users"_s),
             qPrintable(QStringList(users.keys()).join(u", "_s)));
    QCOMPARE(users.value(u"Bulk"_s), counts[u"bulk_users"_s].toInteger());
    QVERIFY(users.value(u"Staff"_s) >= counts[u"people_in_staff"_s].toInteger());

    DirectoryLevel staff;
    QVERIFY(browser.children(dn(u"OU=Staff"_s), staff));
    QStringList below;
    for (const DirectoryContainer &c : std::as_const(staff.containers))
        below.append(c.name);
    QCOMPARE(below, (QStringList{u"Engineering"_s, u"Sales"_s}));

    QList<DirectoryGroup> groups;
    bool truncated = false;
    QVERIFY(browser.findGroups(u"Staff Large"_s, 10, groups, &truncated));
    QCOMPARE(groups.size(), 1);
    QCOMPARE(Ldap::normalizeDn(groups.first().dn),
             Ldap::normalizeDn(m_dc.fixture()[u"special"_s][u"large_group"_s].toString()));
    const qint64 large = counts[u"large_group_members"_s].toInteger();
    QVERIFY2(groups.first().members == large ||
                 (groups.first().moreMembers && groups.first().members == 1500),
             qPrintable(QString::number(groups.first().members)));

    qint64 count = 0;
    QVERIFY(browser.countUsers(Scope{{dn(u"OU=Bulk"_s)}, {}, {}}, count));
    QCOMPARE(count, counts[u"bulk_users"_s].toInteger());
}
