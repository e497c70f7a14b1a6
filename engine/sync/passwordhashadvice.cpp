// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "passwordhashadvice.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

using S = PasswordHashState;

// This file's text, translatable (Qt Linguist reads the context from the macro).
struct Text {
    Q_DECLARE_TR_FUNCTIONS(Updraft::PasswordHashAdvice)
};

QString when(const QDateTime &t)
{
    return t.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s);
}

QString withRun(const QString &text, qint64 runId)
{
    return runId ? Text::tr("%1 (run %2)").arg(text).arg(runId) : text;
}

QString sentence(QString text)
{
    if (text.isEmpty())
        return text;
    text[0] = text[0].toUpper();
    if (!text.endsWith(u'.') && !text.endsWith(u')'))
        text += u'.';
    return text;
}

} // namespace

QStringList PasswordHashAdvice::statusOrder()
{
    return {QLatin1StringView(S::TargetRejected), QLatin1StringView(S::Retrying),
            QLatin1StringView(S::Waiting),        QLatin1StringView(S::Missing),
            QLatin1StringView(S::Unsupported),    QLatin1StringView(S::Held),
            QLatin1StringView(S::Synced)};
}

bool PasswordHashAdvice::isProblem(const QString &status)
{
    return status != QLatin1StringView(S::Synced) && status != QLatin1StringView(S::Held);
}

QString PasswordHashAdvice::statusTitle(const QString &status)
{
    if (status == QLatin1StringView(S::Synced))
        return Text::tr("In sync");
    if (status == QLatin1StringView(S::Held))
        return Text::tr("Held until the password is changed");
    if (status == QLatin1StringView(S::Waiting))
        return Text::tr("Waiting for the user to be provisioned");
    if (status == QLatin1StringView(S::Unsupported))
        return Text::tr("Not sent: unsupported hash");
    if (status == QLatin1StringView(S::Missing))
        return Text::tr("No hash could be read");
    if (status == QLatin1StringView(S::TargetRejected))
        return Text::tr("Refused by the cloud");
    if (status == QLatin1StringView(S::Retrying))
        return Text::tr("Failed, will be retried");
    return status;
}

QString PasswordHashAdvice::statusShortTitle(const QString &status)
{
    if (status == QLatin1StringView(S::Synced))
        return Text::tr("In sync");
    if (status == QLatin1StringView(S::Held))
        return Text::tr("Held");
    if (status == QLatin1StringView(S::Waiting))
        return Text::tr("Waiting");
    if (status == QLatin1StringView(S::Unsupported))
        return Text::tr("Unsupported");
    if (status == QLatin1StringView(S::Missing))
        return Text::tr("Unreadable");
    if (status == QLatin1StringView(S::TargetRejected))
        return Text::tr("Refused");
    if (status == QLatin1StringView(S::Retrying))
        return Text::tr("Retrying");
    return status;
}

QString PasswordHashAdvice::replicationFailure(const QString &server, const QString &error)
{
    return u"%1 %2: %3"_s.arg(QLatin1StringView(S::ReplicationFailed), server, error);
}

PasswordHashAdvice PasswordHashAdvice::of(const PasswordHashState &s, const QDateTime &now)
{
    PasswordHashAdvice a;
    a.title = statusTitle(s.status);
    const QString reason = sentence(s.reason);
    if (s.status == QLatin1StringView(S::Synced)) {
        a.explanation =
            s.syncedAt.isValid()
                ? Text::tr("The cloud has this user's current password hash, sent %1.").arg(when(s.syncedAt))
                : Text::tr("The cloud has this user's current password hash.");
        a.nextStep = Text::tr("Nothing to do. A new password is sent on the next run after it is set.");
    } else if (s.status == QLatin1StringView(S::Held)) {
        a.explanation =
            Text::tr("The user must change the password at next logon, so the current password is "
                     "temporary and is not sent.");
        a.nextStep =
            Text::tr("Nothing to do: the hash is sent on the first run after the user changes the password.");
    } else if (s.status == QLatin1StringView(S::Waiting)) {
        a.explanation = withRun(
            reason.isEmpty() ? Text::tr("The user is not provisioned in the cloud yet.") : reason, s.runId);
        a.nextStep =
            s.reason.contains(u"could not be provisioned"_s)
                ? Text::tr("Fix the provisioning error shown in that run's results; the hash follows on the "
                           "run that provisions the user.")
                : Text::tr("Nothing to do: the hash is sent on the run that provisions the user.");
    } else if (s.status == QLatin1StringView(S::Unsupported)) {
        a.explanation = reason.isEmpty()
                            ? Text::tr("The directory stores this password in a form that is never sent.")
                            : reason;
        a.nextStep =
            Text::tr("Store the password in a supported form (an NT hash, or a salted SHA or PBKDF2 scheme), "
                     "for instance by having the user set it again. See docs/password-hash-sync.md.");
    } else if (s.status == QLatin1StringView(S::Missing)) {
        a.explanation = reason.isEmpty() ? Text::tr("No password hash was read for this user.") : reason;
        a.nextStep =
            Text::tr("Check that the bind account may read the password attributes (for Active Directory: "
                     "that password hashes are read by replication, or that Updraft runs on a Samba domain "
                     "controller), and that the user has a password.");
        a.canRetry = true;
    } else if (s.status == QLatin1StringView(S::TargetRejected)) {
        a.explanation =
            s.httpStatus ? sentence(Text::tr("%1 (HTTP %2)").arg(s.reason).arg(s.httpStatus)) : reason;
        a.nextStep =
            s.nextAttempt.isValid() && s.nextAttempt > now
                ? Text::tr("Check the cloud's password policy and the user. Tried again after %1, or now "
                           "with Retry.")
                      .arg(when(s.nextAttempt))
                : Text::tr("Check the cloud's password policy and the user, then retry.");
        a.canRetry = true;
    } else if (s.status == QLatin1StringView(S::Retrying) &&
               s.reason.startsWith(QLatin1StringView(S::ReplicationFailed))) {
        // Replication (MS-DRSR) failed for the whole run: the reason says why and what to do.
        a.explanation = reason;
        a.nextStep = Text::tr("Do what the explanation says (Test connection on the source checks it); the "
                              "hashes are replicated again on the next run.");
        a.canRetry = true;
    } else if (s.status == QLatin1StringView(S::Retrying)) {
        a.explanation =
            s.httpStatus ? sentence(Text::tr("%1 (HTTP %2)").arg(s.reason).arg(s.httpStatus)) : reason;
        a.nextStep = s.nextAttempt.isValid() && s.nextAttempt > now
                         ? Text::tr("Nothing to do unless it persists: next attempt after %1.")
                               .arg(when(s.nextAttempt))
                         : Text::tr("Nothing to do unless it persists: it is tried again on the next run.");
        a.canRetry = true;
    } else {
        a.explanation = reason;
    }
    a.problem = isProblem(s.status);
    if (a.problem && s.attempts > 1)
        a.nextStep += u' ' + Text::tr("%n attempt(s) since %1.", nullptr, s.attempts).arg(when(s.firstSeen));
    return a;
}

} // namespace Updraft
