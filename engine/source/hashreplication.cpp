// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "hashreplication.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

constexpr int Protocol = 1;
const QString HelperName = u"updraft-replication-helper"_s;

} // namespace

HashReplication::HashReplication(ReplicationSettings settings)
    : m_settings(std::move(settings))
{}

QString HashReplication::helperPath()
{
    if (const QString path = qEnvironmentVariable("UPDRAFT_REPLICATION_HELPER"); !path.isEmpty())
        return path;
    const QString installed = QCoreApplication::applicationDirPath() + u"/../libexec/updraft/"_s + HelperName;
    if (QFileInfo(installed).isExecutable())
        return QFileInfo(installed).canonicalFilePath();
    return QStringLiteral(UPDRAFT_BUILD_LIBEXEC_DIR) + u'/' + HelperName;
}

bool HashReplication::run(const QJsonObject &request, const std::function<bool(const QJsonObject &)> &line)
{
    m_error = {};
    const QString program = helperPath();
    if (!QFileInfo(program).isExecutable()) {
        m_error = {u"helper"_s, u"the replication helper %1 is not installed"_s.arg(program)};
        return false;
    }
    QProcess helper;
    helper.start(program, {});
    if (!helper.waitForStarted(10000)) {
        m_error = {u"helper"_s, u"the replication helper %1 could not be started: %2"_s.arg(
                                    program, helper.errorString())};
        return false;
    }
    // The request holds the password: written to the pipe, then overwritten.
    QJsonObject withSecret = request;
    withSecret.insert(u"protocol"_s, Protocol);
    withSecret.insert(u"server"_s, m_settings.server);
    withSecret.insert(u"address"_s, m_settings.address);
    withSecret.insert(u"namingContext"_s, m_settings.namingContext);
    withSecret.insert(u"account"_s, m_settings.account);
    withSecret.insert(u"kerberos"_s, m_settings.kerberos);
    if (!m_settings.kerberos && !m_settings.password.isEmpty())
        withSecret.insert(u"password"_s, QString::fromUtf8(m_settings.password));
    if (m_settings.kerberos && !m_settings.keytab.isEmpty())
        withSecret.insert(u"keytab"_s, m_settings.keytab);
    QByteArray bytes = QJsonDocument(withSecret).toJson(QJsonDocument::Compact) + '\n';
    helper.write(bytes);
    bytes.fill('\0');
    withSecret = {};
    helper.closeWriteChannel();

    bool greeted = false;
    bool ended = false;
    QByteArray pending;
    const auto stop = [this, &helper](const QString &kind, const QString &message) {
        helper.kill();
        helper.waitForFinished(5000);
        m_error = {kind, message};
        return false;
    };
    while (!ended) {
        if (!helper.canReadLine() && !helper.waitForReadyRead(m_settings.inactivitySeconds * 1000)) {
            if (helper.state() == QProcess::Running)
                return stop(u"unreachable"_s,
                            u"the replication helper said nothing for %1 s; it was stopped"_s.arg(
                                m_settings.inactivitySeconds));
            // Gone without its last line: killed, or out of memory.
            const QString stderrText = QString::fromUtf8(helper.readAllStandardError()).trimmed();
            m_error = {u"helper"_s,
                       u"the replication helper stopped without an answer (exit %1)%2"_s.arg(
                           helper.exitStatus() == QProcess::CrashExit ? u"by a signal"_s
                                                                      : QString::number(helper.exitCode()),
                           stderrText.isEmpty() ? QString() : u": "_s + stderrText.right(300))};
            return false;
        }
        while (helper.canReadLine()) {
            pending = helper.readLine();
            QJsonParseError parseError;
            const QJsonObject message = QJsonDocument::fromJson(pending, &parseError).object();
            pending.fill('\0');
            if (parseError.error != QJsonParseError::NoError)
                return stop(u"protocol"_s, u"the replication helper wrote a line that is not JSON"_s);
            if (message.contains(u"error"_s)) {
                const QJsonObject e = message.value(u"error"_s).toObject();
                m_error = {e.value(u"kind"_s).toString(), e.value(u"message"_s).toString()};
                helper.waitForFinished(5000);
                return false;
            }
            if (message.contains(u"protocol"_s)) {
                if (message.value(u"protocol"_s).toInt() != Protocol)
                    return stop(u"protocol"_s, u"the replication helper speaks protocol %1, not %2"_s
                                                   .arg(message.value(u"protocol"_s).toInt())
                                                   .arg(Protocol));
                greeted = true;
                continue;
            }
            if (!greeted || !line(message))
                return stop(u"protocol"_s, u"the replication helper answered out of order"_s);
            ended = message.contains(u"end"_s) || message.contains(u"check"_s);
        }
    }
    helper.waitForFinished(5000);
    return true;
}

bool HashReplication::replicate(const QByteArray &position, const QStringList &want,
                                const QSet<QString> &fetch, ReplicationPass &pass)
{
    return hashes({{u"op"_s, u"hashes"_s},
                   {u"position"_s, QString::fromLatin1(position)},
                   {u"want"_s, QJsonArray::fromStringList(want)},
                   {u"fetch"_s, QJsonArray::fromStringList(QStringList(fetch.cbegin(), fetch.cend()))}},
                  pass);
}

bool HashReplication::fetch(const QStringList &guids, ReplicationPass &pass)
{
    return hashes({{u"op"_s, u"fetch"_s}, {u"fetch"_s, QJsonArray::fromStringList(guids)}}, pass);
}

bool HashReplication::hashes(const QJsonObject &request, ReplicationPass &pass)
{
    pass = {};
    const bool ok = run(request, [&pass](const QJsonObject &message) {
        if (message.contains(u"hash"_s)) {
            const QJsonObject h = message.value(u"hash"_s).toObject();
            QByteArray hex = h.value(u"nt"_s).toString().toLatin1();
            pass.hashes.insert(h.value(u"guid"_s).toString(), QByteArray::fromHex(hex));
            hex.fill('\0');
            return true;
        }
        if (!message.contains(u"end"_s))
            return false;
        const QJsonObject end = message.value(u"end"_s).toObject();
        pass.position = end.value(u"position"_s).toString().toLatin1();
        pass.full = end.value(u"pass"_s).toString() == u"full"_s;
        pass.fallback = end.value(u"fallback"_s).toString();
        pass.returned = end.value(u"returned"_s).toInt();
        pass.fetched = end.value(u"fetched"_s).toInt();
        pass.discarded = end.value(u"discarded"_s).toInt();
        pass.seconds = end.value(u"seconds"_s).toDouble();
        return true;
    });
    if (!ok)
        pass.hashes.clear();
    return ok;
}

bool HashReplication::checkRights(ReplicationRights &rights)
{
    rights = {};
    return run({{u"op"_s, u"check"_s}}, [&rights](const QJsonObject &message) {
        if (!message.contains(u"check"_s))
            return false;
        const QJsonObject check = message.value(u"check"_s).toObject();
        rights.getChanges = check.value(u"getChanges"_s).toBool();
        rights.getChangesAllKnown = check.value(u"getChangesAll"_s).isBool();
        rights.getChangesAll = check.value(u"getChangesAll"_s).toBool();
        return true;
    });
}

QStringList HashReplication::grants(const ReplicationRights &rights, const ReplicationSettings &settings)
{
    const QString account = settings.account.isEmpty() ? u"DOMAIN\\account"_s : settings.account;
    QStringList lines;
    const auto grant = [&](const QString &right) {
        lines.append(u"dsacls \"%1\" /G \"%2:CA;%3\""_s.arg(settings.namingContext, account, right));
    };
    if (!rights.getChanges)
        grant(u"Replicating Directory Changes"_s);
    if (!rights.getChangesAll)
        grant(u"Replicating Directory Changes All"_s);
    return lines;
}

QStringList HashReplication::missingRights(const ReplicationRights &rights)
{
    QStringList missing;
    if (!rights.getChanges)
        missing.append(u"\"Replicating Directory Changes\""_s);
    if (rights.getChangesAllKnown && !rights.getChangesAll)
        missing.append(u"\"Replicating Directory Changes All\""_s);
    return missing;
}

void HashReplication::apply(SourceCredential &credential, const QByteArray &hash)
{
    const SourceCredential replicated = Credential::fromNtHashBytes(hash);
    credential.format = replicated.format;
    credential.value = replicated.value;
    credential.scheme = replicated.scheme;
    credential.problem =
        hash.isEmpty() ? u"the user has no password (replication returned no NT hash)"_s : replicated.problem;
}

QString HashReplication::explainError()
{
    const ReplicationError failure = m_error;
    QString advice;
    if (failure.kind == u"rights"_s) {
        ReplicationRights rights;
        if (checkRights(rights)) {
            advice =
                u"The account lacks %1 on %2. On a Windows domain, a domain admin grants it with: %3"_s.arg(
                    missingRights(rights).join(u" and "_s), m_settings.namingContext,
                    grants(rights, m_settings).join(u" ; "_s));
        }
        m_error = failure;
    } else if (failure.kind == u"unreachable"_s) {
        advice =
            u"Check that %1 answers from this machine on TCP port 135 (the RPC endpoint mapper) and on the "
            u"dynamic RPC ports (49152-65535)."_s.arg(m_settings.server);
    } else if (failure.kind == u"logon"_s) {
        advice = u"Check the account and its password (source.passwordHashes, or the bind account)."_s;
    } else if (failure.kind == u"sealing"_s) {
        advice = u"Replication needs an encrypted (sealed) RPC connection; check the domain controller's "
                 u"policy for NTLM and RPC, or use Kerberos."_s;
    } else if (failure.kind == u"kerberos"_s) {
        advice =
            u"Check the Kerberos ticket (kinit) or keytab, and that the domain controller has the service "
            u"principal ldap/%1."_s.arg(m_settings.server);
    } else if (failure.kind == u"samba-missing"_s) {
        advice = u"Install Samba's Python bindings: sudo apt install python3-samba."_s;
    } else if (failure.kind == u"helper"_s && failure.message.contains(u"stopped"_s)) {
        advice = u"It stopped unexpectedly (killed, or out of memory); the next run tries again."_s;
    } else {
        advice = u"Reinstall Updraft: its replication helper is missing or does not match this version."_s;
    }
    QString text = failure.message;
    if (!text.endsWith(u'.'))
        text += u'.';
    return text + u' ' + advice;
}

} // namespace Updraft
