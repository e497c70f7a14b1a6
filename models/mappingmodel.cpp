// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mappingmodel.h"

#include "core/resource.h"
#include "statusicon.h"
#include "sync/mappingpreview.h"
#include "target/target.h"

#include <QFont>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaEnum>
#include <QPalette>

#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

QString compact(const QJsonValue &v)
{
    const QByteArray a = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(a.mid(1, a.size() - 2));
}

// Constants are typed as text: true and false are booleans, "…" in double quotes is text as JSON writes it
// (for the text "true"), anything else is text as it stands.
QString constantText(const QJsonValue &v)
{
    if (v.isString()) {
        const QString s = v.toString();
        return s == u"true"_s || s == u"false"_s || s.startsWith(u'"') ? compact(v) : s;
    }
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    return compact(v);
}

QJsonValue constantOf(const QString &text)
{
    if (text == u"true"_s || text == u"false"_s)
        return text == u"true"_s;
    if (text.size() >= 2 && text.startsWith(u'"') && text.endsWith(u'"')) {
        const QJsonArray a = QJsonDocument::fromJson(u"[%1]"_s.arg(text).toUtf8()).array();
        if (a.size() == 1 && a.first().isString())
            return a.first();
    }
    return text;
}

// Members Updraft computes itself (docs/configuration.md, "What Updraft sets itself"). The engine does not
// refuse rules for them yet; the editor does not offer to write one.
bool isComputed(const QString &target)
{
    const QString attribute = target.section(u':', -1).section(u'.', 0, 0).section(u'[', 0, 0);
    for (const QString &computed : {u"schemas"_s, u"members"_s, u"meta"_s})
        if (attribute.compare(computed, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

constexpr MappingModel::SourceKind AllKinds[] = {MappingModel::SourceKind::Attribute,
                                                 MappingModel::SourceKind::Constant,
                                                 MappingModel::SourceKind::Expression};

// A source kind as a delegate or a test may hand it over: the enum, its number, or its (shown) name.
std::optional<MappingModel::SourceKind> sourceKindOf(const QVariant &value)
{
    using SourceKind = MappingModel::SourceKind;
    if (value.metaType() == QMetaType::fromType<SourceKind>())
        return value.value<SourceKind>();
    if (value.metaType() == QMetaType::fromType<int>()) {
        const int n = value.toInt();
        return n >= 0 && n <= int(SourceKind::Expression) ? std::optional(SourceKind(n)) : std::nullopt;
    }
    const QString name = value.toString();
    const QMetaEnum meta = QMetaEnum::fromType<SourceKind>();
    for (const SourceKind k : AllKinds)
        if (name.compare(MappingModel::sourceKindName(k), Qt::CaseInsensitive) == 0 ||
            name.compare(QLatin1StringView(meta.valueToKey(int(k))), Qt::CaseInsensitive) == 0)
            return k;
    return std::nullopt;
}

} // namespace

MappingModel::MappingModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    load(m_type, m_kind, {});
}

QString MappingModel::keyPath() const
{
    return m_kind == ObjectKind::User ? u"mapping.users"_s : u"mapping.groups"_s;
}

void MappingModel::load(DirectoryType type, ObjectKind kind, const QJsonObject &overrides)
{
    beginResetModel();
    m_type = type;
    m_kind = kind;
    m_rows.clear();
    const Mapping defaultMapping = Mapping::defaults(type, kind);
    const QJsonObject defaults = defaultMapping.toJson();
    // In the default table's order, as Mapping keeps it.
    for (const MappingRule &rule : defaultMapping.rules()) {
        Row row;
        row.target = rule.target;
        row.defaultSpec = rule.spec;
        row.spec = overrides.contains(rule.target) ? overrides.value(rule.target) : rule.spec;
        if (row.spec.isNull())
            row.spec = QJsonValue::Undefined; // removed
        describe(row.spec.isUndefined() ? row.defaultSpec : row.spec, row.kind, row.value);
        check(row);
        m_rows.append(row);
    }
    // Rows of the configuration's own, in the order Mapping::applyOverrides appends them. A null for a target
    // without a default removes nothing and is dropped.
    for (auto it = overrides.begin(); it != overrides.end(); ++it) {
        if (defaults.contains(it.key()) || it.value().isNull())
            continue;
        Row row;
        row.target = it.key();
        row.spec = it.value();
        describe(row.spec, row.kind, row.value);
        check(row);
        m_rows.append(row);
    }
    endResetModel();
}

MappingModel::RuleState MappingModel::stateOf(const Row &row)
{
    if (row.defaultSpec.isUndefined())
        return RuleState::Added;
    if (row.spec.isUndefined())
        return RuleState::Removed;
    return row.spec == row.defaultSpec ? RuleState::Default : RuleState::Changed;
}

void MappingModel::describe(const QJsonValue &spec, SourceKind &kind, QString &value)
{
    const QJsonObject o = spec.toObject();
    if (spec.isObject() && o.size() == 1) {
        const QString key = o.begin().key();
        const QJsonValue v = o.begin().value();
        if (key == u"attribute"_s && v.isString()) {
            kind = SourceKind::Attribute;
            value = v.toString();
            return;
        }
        if (key == u"expression"_s && v.isString()) {
            kind = SourceKind::Expression;
            value = v.toString();
            return;
        }
        if (key == u"constant"_s && !v.isObject() && !v.isArray()) {
            kind = SourceKind::Constant;
            value = constantText(v);
            return;
        }
    }
    // A shape the engine refuses: shown as written, flagged, to be typed again.
    kind = SourceKind::Expression;
    value = compact(spec);
}

QJsonValue MappingModel::specOf(SourceKind kind, const QString &value)
{
    switch (kind) {
    case SourceKind::Attribute:
        return QJsonObject{{u"attribute"_s, value.trimmed()}};
    case SourceKind::Constant:
        return QJsonObject{{u"constant"_s, constantOf(value)}};
    case SourceKind::Expression:
        break;
    }
    return QJsonObject{{u"expression"_s, value}};
}

void MappingModel::setRule(Row &row, SourceKind kind, const QString &value)
{
    row.kind = kind;
    row.value = value;
    row.spec = specOf(kind, value);
    check(row);
}

void MappingModel::check(Row &row) const
{
    row.error.clear();
    if (row.spec.isUndefined())
        return;
    if (row.spec == QJsonValue(QJsonObject{{u"attribute"_s, QString()}})) {
        row.error = tr("type the name of a directory attribute");
        return;
    }
    Mapping mapping = Mapping::defaults(m_type, m_kind);
    row.error = engineError(row.target, row.spec, mapping);
}

QString MappingModel::engineError(const QString &target, const QJsonValue &spec, Mapping &mapping) const
{
    // The engine's parser, exactly as a configuration is loaded; its message without the
    // "mapping.users.<target>: " that problems() puts back.
    QString why;
    if (mapping.applyOverrides(QJsonObject{{target, spec}}, keyPath(), &why))
        return {};
    const QString prefix = keyPath() + u'.' + target + u": "_s;
    return why.startsWith(prefix) ? why.mid(prefix.size()) : why;
}

QString MappingModel::targetProblem(const QString &target, int exceptRow) const
{
    if (target.isEmpty())
        return tr("Type the SCIM attribute to map, e.g. nickName or %1:costCenter.")
            .arg(QLatin1StringView(Resource::EnterpriseUserSchema));
    if (isComputed(target))
        return tr("Updraft computes %1 itself; it cannot be mapped.").arg(target);
    const int existing = rowOf(target);
    if (existing >= 0 && existing != exceptRow && stateOf(m_rows[existing]) != RuleState::Removed)
        return tr("%1 is mapped already, in row %2.").arg(target).arg(existing + 1);
    return {};
}

QJsonObject MappingModel::overrides() const
{
    QJsonObject out;
    for (const Row &row : m_rows) {
        switch (stateOf(row)) {
        case RuleState::Default:
            break;
        case RuleState::Removed:
            out.insert(row.target, QJsonValue::Null);
            break;
        case RuleState::Changed:
        case RuleState::Added:
            out.insert(row.target, row.spec);
            break;
        }
    }
    return out;
}

Mapping MappingModel::mapping() const
{
    QJsonObject valid;
    for (const Row &row : m_rows) {
        const RuleState state = stateOf(row);
        if (state == RuleState::Removed || !row.error.isEmpty())
            valid.insert(row.target, QJsonValue::Null);
        else if (state != RuleState::Default)
            valid.insert(row.target, row.spec);
    }
    Mapping mapping = Mapping::defaults(m_type, m_kind);
    QString why;
    mapping.applyOverrides(valid, keyPath(), &why); // every rule in `valid` passed check()
    Q_ASSERT_X(why.isEmpty(), "MappingModel::mapping", qPrintable(why));
    return mapping;
}

QStringList MappingModel::problems() const
{
    QStringList out;
    for (const Row &row : m_rows)
        if (!row.error.isEmpty())
            out.append(u"%1.%2: %3"_s.arg(keyPath(), row.target, row.error));
    return out;
}

bool MappingModel::hasProblems() const
{
    return std::any_of(m_rows.cbegin(), m_rows.cend(), [](const Row &r) { return !r.error.isEmpty(); });
}

int MappingModel::addRule(const QString &target, SourceKind kind, const QString &value, QString *error)
{
    const QString t = target.trimmed();
    if (const QString problem = targetProblem(t, -1); !problem.isEmpty()) {
        if (error)
            *error = problem;
        return -1;
    }
    // The path, by the engine's rules (a known form; not externalId or id).
    Mapping probe = Mapping::defaults(m_type, m_kind);
    if (const QString why = engineError(t, QJsonObject{{u"constant"_s, QString()}}, probe); !why.isEmpty()) {
        if (error)
            *error = why;
        return -1;
    }
    if (const int existing = rowOf(t); existing >= 0) {
        setRule(m_rows[existing], kind, value);
        rowChanged(existing);
        return existing;
    }
    Row row;
    row.target = t;
    setRule(row, kind, value);
    const int at = int(m_rows.size());
    beginInsertRows({}, at, at);
    m_rows.append(row);
    endInsertRows();
    return at;
}

void MappingModel::removeRule(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    Row &r = m_rows[row];
    switch (stateOf(r)) {
    case RuleState::Added:
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
        return;
    case RuleState::Removed:
        return;
    case RuleState::Default:
    case RuleState::Changed:
        r.spec = QJsonValue::Undefined;
        describe(r.defaultSpec, r.kind, r.value);
        r.error.clear();
        rowChanged(row);
        return;
    }
}

void MappingModel::resetRule(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    Row &r = m_rows[row];
    const RuleState state = stateOf(r);
    if (state == RuleState::Added || (state == RuleState::Default && r.error.isEmpty()))
        return;
    r.spec = r.defaultSpec;
    describe(r.spec, r.kind, r.value);
    check(r);
    rowChanged(row);
}

void MappingModel::resetAll()
{
    load(m_type, m_kind, {});
}

int MappingModel::rowOf(const QString &target) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].target == target)
            return i;
    return -1;
}

bool MappingModel::isDefaultRow(int row) const
{
    return row >= 0 && row < m_rows.size() && !m_rows[row].defaultSpec.isUndefined();
}

void MappingModel::rowChanged(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

QStringList MappingModel::knownTargets(ObjectKind kind)
{
    if (kind == ObjectKind::Group)
        return {u"displayName"_s};
    const QString enterprise = QLatin1StringView(Resource::EnterpriseUserSchema) + u':';
    return {u"userName"_s,
            u"displayName"_s,
            u"nickName"_s,
            u"name.givenName"_s,
            u"name.familyName"_s,
            u"name.middleName"_s,
            u"name.honorificPrefix"_s,
            u"name.honorificSuffix"_s,
            u"name.formatted"_s,
            u"title"_s,
            u"userType"_s,
            u"preferredLanguage"_s,
            u"locale"_s,
            u"timezone"_s,
            u"profileUrl"_s,
            u"active"_s,
            u"emails[type eq \"work\"].value"_s,
            u"emails[type eq \"home\"].value"_s,
            u"emails[type eq \"other\"].value"_s,
            u"phoneNumbers[type eq \"work\"].value"_s,
            u"phoneNumbers[type eq \"mobile\"].value"_s,
            u"phoneNumbers[type eq \"home\"].value"_s,
            u"phoneNumbers[type eq \"fax\"].value"_s,
            u"addresses[type eq \"work\"].streetAddress"_s,
            u"addresses[type eq \"work\"].locality"_s,
            u"addresses[type eq \"work\"].region"_s,
            u"addresses[type eq \"work\"].postalCode"_s,
            u"addresses[type eq \"work\"].country"_s,
            enterprise + u"employeeNumber"_s,
            enterprise + u"costCenter"_s,
            enterprise + u"organization"_s,
            enterprise + u"division"_s,
            enterprise + u"department"_s,
            enterprise + u"manager"_s};
}

QStringList MappingModel::knownSourceAttributes(DirectoryType type, ObjectKind kind)
{
    QStringList out;
    if (type == DirectoryType::ActiveDirectory) {
        out = kind == ObjectKind::Group
                  ? QStringList{u"cn"_s,          u"name"_s,       u"sAMAccountName"_s, u"displayName"_s,
                                u"description"_s, u"mail"_s,       u"info"_s,           u"managedBy"_s,
                                u"groupType"_s,   u"objectGUID"_s, u"objectSid"_s}
                  : QStringList{u"sAMAccountName"_s,
                                u"userPrincipalName"_s,
                                u"cn"_s,
                                u"name"_s,
                                u"sn"_s,
                                u"givenName"_s,
                                u"initials"_s,
                                u"displayName"_s,
                                u"mail"_s,
                                u"mailNickname"_s,
                                u"proxyAddresses"_s,
                                u"telephoneNumber"_s,
                                u"mobile"_s,
                                u"homePhone"_s,
                                u"facsimileTelephoneNumber"_s,
                                u"ipPhone"_s,
                                u"pager"_s,
                                u"title"_s,
                                u"description"_s,
                                u"department"_s,
                                u"company"_s,
                                u"division"_s,
                                u"employeeID"_s,
                                u"employeeNumber"_s,
                                u"employeeType"_s,
                                u"manager"_s,
                                u"physicalDeliveryOfficeName"_s,
                                u"streetAddress"_s,
                                u"l"_s,
                                u"st"_s,
                                u"postalCode"_s,
                                u"c"_s,
                                u"co"_s,
                                u"wWWHomePage"_s,
                                u"preferredLanguage"_s,
                                u"userAccountControl"_s,
                                u"accountExpires"_s,
                                u"objectGUID"_s,
                                u"objectSid"_s,
                                u"whenCreated"_s};
        if (kind == ObjectKind::User)
            for (int i = 1; i <= 15; ++i)
                out.append(u"extensionAttribute%1"_s.arg(i));
    } else {
        out = kind == ObjectKind::Group
                  ? QStringList{u"cn"_s,    u"description"_s,      u"ou"_s,       u"o"_s,
                                u"owner"_s, u"businessCategory"_s, u"entryUUID"_s}
                  : QStringList{u"uid"_s,
                                u"cn"_s,
                                u"sn"_s,
                                u"givenName"_s,
                                u"initials"_s,
                                u"displayName"_s,
                                u"mail"_s,
                                u"telephoneNumber"_s,
                                u"mobile"_s,
                                u"homePhone"_s,
                                u"facsimileTelephoneNumber"_s,
                                u"pager"_s,
                                u"title"_s,
                                u"description"_s,
                                u"employeeNumber"_s,
                                u"employeeType"_s,
                                u"departmentNumber"_s,
                                u"o"_s,
                                u"ou"_s,
                                u"manager"_s,
                                u"secretary"_s,
                                u"roomNumber"_s,
                                u"physicalDeliveryOfficeName"_s,
                                u"street"_s,
                                u"l"_s,
                                u"st"_s,
                                u"postalCode"_s,
                                u"preferredLanguage"_s,
                                u"labeledURI"_s,
                                u"businessCategory"_s,
                                u"carLicense"_s,
                                u"entryUUID"_s,
                                u"pwdAccountLockedTime"_s};
        if (type == DirectoryType::Dirsrv) // 389 Directory Server's own
            out << u"nsUniqueId"_s << u"nsAccountLock"_s << u"nsRoleDN"_s;
    }
    for (const QString &a : Mapping::defaults(type, kind).sourceAttributes())
        if (!out.contains(a, Qt::CaseInsensitive))
            out.append(a);
    out.removeIf([](const QString &a) { return Mapping::isSecretAttribute(a); });
    std::sort(out.begin(), out.end(),
              [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    return out;
}

QString MappingModel::sourceKindName(SourceKind kind)
{
    switch (kind) {
    case SourceKind::Attribute:
        return tr("Attribute");
    case SourceKind::Constant:
        return tr("Constant");
    case SourceKind::Expression:
        break;
    }
    return tr("Expression");
}

int MappingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MappingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MappingModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const RuleState state = stateOf(row);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case TargetColumn:
            return row.target;
        case SourceKindColumn:
            return sourceKindName(row.kind);
        case ValueColumn:
            return row.value;
        case CloudColumn:
            return m_kind == ObjectKind::User ? cloudPropertyFor(m_targetType, row.target) : QString();
        case StateColumn:
            switch (state) {
            case RuleState::Default:
                return tr("Default");
            case RuleState::Changed:
                return tr("Changed");
            case RuleState::Removed:
                return tr("Removed");
            case RuleState::Added:
                return tr("Added");
            }
        }
        return {};
    case Qt::ToolTipRole: {
        if (!row.error.isEmpty())
            return tr("Not valid: %1").arg(row.error);
        if (index.column() == ValueColumn && row.kind == SourceKind::Constant)
            return tr("true and false are sent as booleans, anything else as text (\"true\" in double "
                      "quotes for the text true).");
        if (index.column() == ValueColumn && row.kind == SourceKind::Expression)
            return tr("Functions: coalesce, concat, lower, upper, trim, replace, present, not, flag, ref; "
                      "attributes by name, $domain, $immutableId, \"text\".");
        if (index.column() != StateColumn)
            return {};
        SourceKind kind = SourceKind::Attribute;
        QString value;
        describe(row.defaultSpec, kind, value);
        switch (state) {
        case RuleState::Default:
            return tr("The default rule.");
        case RuleState::Changed:
            return tr("Changed from the default: %1 %2.").arg(sourceKindName(kind), value);
        case RuleState::Removed:
            return tr("Not mapped: this configuration removes the default rule (%1 %2). Reset brings it "
                      "back.")
                .arg(sourceKindName(kind), value);
        case RuleState::Added:
            return tr("A rule of this configuration's own.");
        }
        return {};
    }
    case Qt::DecorationRole:
        if (index.column() == ValueColumn && !row.error.isEmpty())
            return StatusIcon::dot(u"failed"_s);
        return {};
    case Qt::FontRole:
        if (state == RuleState::Removed) {
            QFont font;
            font.setStrikeOut(true);
            return font;
        }
        if (index.column() == StateColumn && state != RuleState::Default) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        if (state == RuleState::Removed)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case TargetRole:
        return row.target;
    case SourceKindRole:
        return QVariant::fromValue(row.kind);
    case ValueRole:
        return row.value;
    case RuleStateRole:
        return QVariant::fromValue(state);
    case ErrorRole:
        return row.error;
    case SpecRole:
        return row.spec.toVariant();
    case DefaultSpecRole:
        return row.defaultSpec.toVariant();
    }
    return {};
}

bool MappingModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid())
        return {};
    if (role != Qt::EditRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    Row &row = m_rows[index.row()];
    const bool removed = stateOf(row) == RuleState::Removed;
    switch (index.column()) {
    case TargetColumn: {
        const QString target = value.toString().trimmed();
        if (stateOf(row) != RuleState::Added)
            return false; // a default row keeps its target: remove it and add another
        if (target == row.target)
            return true;
        // Not a computed member, and no other row's (a removed default row too: reset that one instead).
        if (!targetProblem(target, index.row()).isEmpty() || rowOf(target) >= 0)
            return false;
        row.target = target;
        check(row);
        break;
    }
    case SourceKindColumn: {
        const std::optional<SourceKind> kind = sourceKindOf(value);
        if (!kind)
            return false;
        if (*kind == row.kind && !removed)
            return true;
        setRule(row, *kind, row.value);
        break;
    }
    case ValueColumn: {
        const QString text = value.toString();
        if (text == row.value && !removed)
            return true;
        setRule(row, row.kind, text);
        break;
    }
    default:
        return false;
    }
    rowChanged(index.row());
    return true;
}

void MappingModel::setTargetType(const QString &type)
{
    if (type == m_targetType)
        return;
    m_targetType = type;
    Q_EMIT headerDataChanged(Qt::Horizontal, CloudColumn, CloudColumn);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, CloudColumn), index(int(m_rows.size()) - 1, CloudColumn));
}

Qt::ItemFlags MappingModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const bool added = stateOf(m_rows.at(index.row())) == RuleState::Added;
    if (index.column() == SourceKindColumn || index.column() == ValueColumn ||
        (index.column() == TargetColumn && added))
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant MappingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TargetColumn:
        return tr("Target attribute");
    case SourceKindColumn:
        return tr("Source");
    case ValueColumn:
        return tr("Value");
    case StateColumn:
        return tr("Status");
    case CloudColumn:
        return m_targetType == u"entra-inbound"_s ? tr("In Entra ID (default mapping)") : tr("In the cloud");
    }
    return {};
}

} // namespace Updraft
