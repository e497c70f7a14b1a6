// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "target.h"

#include "entra/entraattributes.h"
#include "entra/entratarget.h"
#include "scim/scimtarget.h"

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

void Target::deferredResults(const QDateTime &since, Callback<DeferredResults> done)
{
    DeferredResults none;
    none.checkedUntil = since;
    QMetaObject::invokeMethod(
        this, [done = std::move(done), none] { done(none); }, Qt::QueuedConnection);
}

QString cloudPropertyFor(const QString &type, const QString &attribute)
{
    return type == u"entra-inbound"_s ? Entra::userPropertyFor(attribute) : QString();
}

std::unique_ptr<Target> createTarget(const TargetSettings &settings, QString *error)
{
    if (settings.type == u"scim"_s)
        return std::make_unique<Scim::ScimTarget>(settings);
    if (settings.type == u"entra-inbound"_s)
        return std::make_unique<Entra::EntraTarget>(settings);
    if (error)
        *error = u"target.type \"%1\" is not supported"_s.arg(settings.type);
    return nullptr;
}

} // namespace Updraft
