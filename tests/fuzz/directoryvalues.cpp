// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// What a directory server sends, as the run takes it in: entries (LDIF-like, see fuzzinput.h) with odd DNs,
// invalid UTF-8, control characters, 64 KB values, binary anchors, AD range options and password attributes.
// Each entry goes through every directory type's dialect (exclusion, anchor, credential) and the default
// mappings, as a read does, into the desired state the planner takes.
#include "fuzzinput.h"

#include "source/anchor.h"
#include "source/dialect.h"
#include "source/ldapdn.h"
#include "source/sourcesnapshot.h"
#include "sync/desiredstate.h"

#include <QJsonDocument>

#include <array>

using namespace Qt::Literals::StringLiterals;
using namespace Updraft;

namespace {

bool isGroup(const DirectoryEntry &entry)
{
    for (const QString &objectClass : entry.texts(u"objectClass"_s))
        if (objectClass.contains(u"group"_s, Qt::CaseInsensitive))
            return true;
    return false;
}

SourceSnapshot read(const Dialect &dialect, const QList<DirectoryEntry> &entries)
{
    SourceSnapshot snapshot;
    for (const DirectoryEntry &entry : entries) {
        const ObjectKind kind = isGroup(entry) ? ObjectKind::Group : ObjectKind::User;
        const QString ndn = Ldap::normalizeDn(entry.dn);
        if (ndn.isEmpty() || !dialect.exclusionReason(entry).isEmpty())
            continue;
        const QByteArray anchor = dialect.anchor(entry);
        if (anchor.isEmpty()) {
            Fuzz::require(!dialect.anchorProblem(entry).isEmpty(), "an entry without an anchor is told why");
            continue;
        }
        SourceObject object;
        object.kind = kind;
        object.normalizedDn = ndn;
        object.immutableId = Anchor::immutableId(anchor);
        Fuzz::require(!object.immutableId.isEmpty(), "an anchor the dialect accepts has an immutableId");
        object.entry = entry;
        if (kind == ObjectKind::Group) {
            for (auto it = entry.attributes.cbegin(); it != entry.attributes.cend(); ++it) {
                qint64 low = 0, high = 0;
                if (Ldap::parseRangeOption(it.key(), u"member"_s, &low, &high))
                    for (const QByteArray &v : it.value())
                        object.members.append(Ldap::normalizeDn(QString::fromUtf8(v)));
            }
            for (const QString &attribute : dialect.memberAttributes())
                for (const QString &member : entry.texts(attribute))
                    object.members.append(Ldap::normalizeDn(member));
            object.members.removeAll(QString());
            snapshot.groups.append(object);
        } else {
            dialect.credential(entry);
            snapshot.users.append(object);
        }
    }
    return snapshot;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // The dialects and default mappings do not change: made once, as a run makes them once.
    struct Type {
        DirectoryType type;
        std::unique_ptr<Dialect> dialect;
        Mapping users, groups;
    };
    static const std::array<Type, 3> types = [] {
        const auto make = [](DirectoryType type) {
            return Type{type, Dialect::create(type), Mapping::defaults(type, ObjectKind::User),
                        Mapping::defaults(type, ObjectKind::Group)};
        };
        return std::array<Type, 3>{make(DirectoryType::OpenLdap), make(DirectoryType::ActiveDirectory),
                                   make(DirectoryType::Dirsrv)};
    }();
    const QList<DirectoryEntry> entries = Fuzz::entries(Fuzz::bytes(data, size));
    for (const Type &type : types) {
        const SourceSnapshot snapshot = read(*type.dialect, entries);
        DesiredState desired(snapshot, type.users, type.groups, {{u"domain"_s, u"example.com"_s}});
        for (const DesiredObject &user : desired.users()) {
            Fuzz::require(!user.anchor.isEmpty(), "every desired user has its anchor");
            QJsonDocument(user.resource).toJson(QJsonDocument::Compact);
        }
        for (const DesiredObject &group : desired.groups())
            desired.members(group, {}, DesiredState::NestedGroups::Flatten);
        for (const DesiredState::Failure &failure : desired.failures())
            Fuzz::require(!failure.message.isEmpty(), "a mapping failure says why");
    }
    return 0;
}
