// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/mapping.h"

#include <QAbstractTableModel>

namespace Updraft {

// One object kind's mapping table as the admin edits it: the dialect's default rows, changed, removed or
// joined by rows of their own. Every edit is checked by the engine's own parser (Mapping::applyOverrides),
// and a rule it refuses is kept as typed and flagged on its row with the engine's message, so that nothing is
// lost and nothing invalid passes unnoticed. overrides() gives back what differs from the defaults, in the
// form the configuration's "mapping.users" / "mapping.groups" take.
class MappingModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // CloudColumn: what the cloud directory calls the target attribute, where it names it otherwise (Entra
    // ID).
    enum Column { TargetColumn, SourceKindColumn, ValueColumn, StateColumn, CloudColumn, ColumnCount };
    Q_ENUM(Column)
    enum class SourceKind { Attribute, Constant, Expression };
    Q_ENUM(SourceKind)
    enum class RuleState {
        Default, // as the dialect's default table has it
        Changed, // a default row with another rule
        Removed, // a default row the configuration removes (null): kept in view, so it can be reset
        Added    // a row of the configuration's own
    };
    Q_ENUM(RuleState)
    enum Role {
        TargetRole = Qt::UserRole + 1,
        SourceKindRole, // SourceKind
        ValueRole,      // the value as edited: attribute name, constant or expression text
        RuleStateRole,  // RuleState
        ErrorRole,      // why the rule is refused (the engine's message); empty when it is valid
        SpecRole,       // the rule as JSON ({"attribute": …}); undefined for a removed row
        DefaultSpecRole // the default rule as JSON; undefined for an added row
    };
    Q_ENUM(Role)

    explicit MappingModel(QObject *parent = nullptr);

    // The default table of `type` and `kind` with `overrides` (the configuration's "mapping.users" or
    // "mapping.groups") applied. Refused rules are loaded too, flagged.
    void load(DirectoryType type, ObjectKind kind, const QJsonObject &overrides);
    DirectoryType directoryType() const { return m_type; }
    ObjectKind objectKind() const { return m_kind; }
    // The configuration's target.type, for CloudColumn.
    void setTargetType(const QString &type);
    // "mapping.users" or "mapping.groups": where the rows live in a configuration.
    QString keyPath() const;

    // What differs from the defaults: changed and added rules, null for removed defaults. Refused rules are
    // included as typed, so that a configuration saved in spite of problems() fails its check rather than
    // losing them.
    QJsonObject overrides() const;
    // The rules in force, built by the engine as a run builds them; a refused rule's target is left out.
    Mapping mapping() const;
    // "mapping.users.title: expression \"lower(\": at character 7: an expression is missing", one per refused
    // row, as Configuration::fromJson words them.
    QStringList problems() const;
    bool hasProblems() const;

    // A new row for `target`. Returns its row, or -1 with `error` set when the target cannot be mapped or is
    // mapped already. A removed default row of that target comes back with this rule instead.
    int addRule(const QString &target, SourceKind kind, const QString &value, QString *error);
    // An added row goes; a default row stays, marked Removed (a configuration removes it with null).
    void removeRule(int row);
    // Back to the default rule: a changed or removed default row. Added rows have no default.
    void resetRule(int row);
    void resetAll();
    int rowOf(const QString &target) const;
    bool isDefaultRow(int row) const;

    // Target paths worth offering for completion: the SCIM core and enterprise attributes this engine can
    // set.
    static QStringList knownTargets(ObjectKind kind);
    // Directory attributes worth offering for completion, without credentials.
    static QStringList knownSourceAttributes(DirectoryType type, ObjectKind kind);
    static QString sourceKindName(SourceKind kind);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString target;
        QJsonValue spec{QJsonValue::Undefined};        // as written or edited; undefined when removed
        QJsonValue defaultSpec{QJsonValue::Undefined}; // undefined for an added row
        SourceKind kind = SourceKind::Attribute;
        QString value; // what the admin sees and edits
        QString error;
    };
    static RuleState stateOf(const Row &row);
    static void describe(const QJsonValue &spec, SourceKind &kind, QString &value);
    static QJsonValue specOf(SourceKind kind, const QString &value);
    void setRule(Row &row, SourceKind kind, const QString &value);
    void check(Row &row) const;
    // Applies {target: spec} to `mapping`; the engine's message when it refuses, else empty.
    QString engineError(const QString &target, const QJsonValue &spec, Mapping &mapping) const;
    QString targetProblem(const QString &target, int exceptRow) const;
    void rowChanged(int row);

    DirectoryType m_type = DirectoryType::OpenLdap;
    ObjectKind m_kind = ObjectKind::User;
    QString m_targetType;
    QList<Row> m_rows;
};

} // namespace Updraft
