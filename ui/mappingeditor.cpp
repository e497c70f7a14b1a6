// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mappingeditor.h"

#include "core/resource.h"
#include "mappingmodel.h"
#include "statusicon.h"

#include <QComboBox>
#include <QCompleter>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

constexpr MappingModel::SourceKind SourceKinds[] = {MappingModel::SourceKind::Attribute,
                                                    MappingModel::SourceKind::Constant,
                                                    MappingModel::SourceKind::Expression};

// A combo box for the kind of source, a line edit for the value (completing directory attributes of the
// dialect when the source is an attribute) and for the target of an added row (completing SCIM paths).
class MappingDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override
    {
        const auto *model = qobject_cast<const MappingModel *>(index.model());
        if (!model)
            return QStyledItemDelegate::createEditor(parent, option, index);
        if (index.column() == MappingModel::SourceKindColumn) {
            auto *combo = new QComboBox(parent);
            for (const MappingModel::SourceKind kind : SourceKinds)
                combo->addItem(MappingModel::sourceKindName(kind), int(kind));
            return combo;
        }
        auto *edit = new QLineEdit(parent);
        QStringList completions;
        if (index.column() == MappingModel::TargetColumn)
            completions = MappingModel::knownTargets(model->objectKind());
        else if (index.data(MappingModel::SourceKindRole).value<MappingModel::SourceKind>() ==
                 MappingModel::SourceKind::Attribute)
            completions = MappingModel::knownSourceAttributes(model->directoryType(), model->objectKind());
        if (!completions.isEmpty()) {
            auto *completer = new QCompleter(completions, edit);
            completer->setCaseSensitivity(Qt::CaseInsensitive);
            completer->setFilterMode(Qt::MatchContains);
            edit->setCompleter(completer);
        }
        return edit;
    }

    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        if (auto *combo = qobject_cast<QComboBox *>(editor))
            combo->setCurrentIndex(combo->findData(
                int(index.data(MappingModel::SourceKindRole).value<MappingModel::SourceKind>())));
        else if (auto *edit = qobject_cast<QLineEdit *>(editor))
            edit->setText(index.data(Qt::EditRole).toString());
        else
            QStyledItemDelegate::setEditorData(editor, index);
    }

    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        if (auto *combo = qobject_cast<QComboBox *>(editor))
            model->setData(index, combo->currentData().toInt());
        else if (auto *edit = qobject_cast<QLineEdit *>(editor))
            model->setData(index, edit->text());
        else
            QStyledItemDelegate::setModelData(editor, model, index);
    }
};

QString valueText(const MappingPreview::Attribute &a)
{
    if (!a.hasValue)
        return MappingEditor::tr("(no value)");
    if (a.value.isString())
        return a.value.toString();
    if (a.value.isBool())
        return a.value.toBool() ? u"true"_s : u"false"_s;
    const QByteArray json = QJsonDocument(QJsonArray{a.value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

void setProblemStyle(QWidget *widget)
{
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, StatusIcon::color(u"failed"_s));
    widget->setPalette(palette);
}

} // namespace

MappingEditor::MappingEditor(QWidget *parent)
    : QWidget(parent)
    , m_users(new MappingModel(this))
    , m_groups(new MappingModel(this))
{
    m_groups->load(m_type, ObjectKind::Group, {});

    m_kinds = new QTabBar(this);
    m_users->setObjectName(u"users"_s);
    m_groups->setObjectName(u"groups"_s);
    m_kinds->setObjectName(u"mappingKinds"_s);
    m_kinds->addTab(tr("Users"));
    m_kinds->addTab(tr("Groups"));
    m_kinds->setDrawBase(false);

    m_table = new QTableView(this);
    m_table->setObjectName(u"mappingTable"_s);
    m_table->setItemDelegate(new MappingDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(false);

    m_newTarget = new QLineEdit(this);
    m_newTarget->setObjectName(u"mappingNewTarget"_s);
    m_newTarget->setPlaceholderText(tr("Target attribute to add, e.g. nickName"));
    m_newTarget->setClearButtonEnabled(true);
    m_add = new QPushButton(tr("Add"), this);
    m_add->setObjectName(u"mappingAdd"_s);
    m_add->setToolTip(tr("Add a rule for this SCIM attribute"));
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setObjectName(u"mappingRemove"_s);
    m_remove->setToolTip(tr("Remove the selected rules: added rules go, default rules are no longer mapped"));
    m_reset = new QPushButton(tr("Reset"), this);
    m_reset->setObjectName(u"mappingReset"_s);
    m_reset->setToolTip(tr("Put the dialect's default rule back in the selected rows"));
    m_message = new QLabel(this);
    m_message->setObjectName(u"mappingMessage"_s);
    m_message->setWordWrap(true);
    m_message->hide();
    setProblemStyle(m_message);
    m_problems = new QLabel(this);
    m_problems->setObjectName(u"mappingProblems"_s);
    m_problems->setWordWrap(true);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems->hide();
    setProblemStyle(m_problems);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_newTarget, 1);
    buttons->addWidget(m_add);
    buttons->addSpacing(12);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_reset);

    auto *rules = new QWidget(this);
    auto *rulesLayout = new QVBoxLayout(rules);
    rulesLayout->setContentsMargins(0, 0, 0, 0);
    rulesLayout->addWidget(m_kinds);
    rulesLayout->addWidget(m_table, 1);
    rulesLayout->addWidget(m_problems);
    rulesLayout->addLayout(buttons);
    rulesLayout->addWidget(m_message);

    m_previewFor = new QLabel(this);
    m_search = new QLineEdit(this);
    m_search->setObjectName(u"mappingPreviewSearch"_s);
    m_search->setPlaceholderText(
        tr("uid, sAMAccountName, userPrincipalName, cn or mail (* for any text), or a DN"));
    m_search->setClearButtonEnabled(true);
    m_previewFor->setBuddy(m_search);
    m_previewButton = new QPushButton(tr("Preview"), this);
    m_previewButton->setObjectName(u"mappingPreviewButton"_s);
    m_previewStatus = new QLabel(this);
    m_previewStatus->setObjectName(u"mappingPreviewStatus"_s);
    m_previewStatus->setWordWrap(true);
    m_previewStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_previewTree = new QTreeWidget(this);
    m_previewTree->setObjectName(u"mappingPreviewAttributes"_s);
    m_previewTree->setRootIsDecorated(false);
    m_previewTree->setHeaderLabels({tr("Target attribute"), tr("Value"), tr("Note")});
    m_previewTree->setWordWrap(false);
    m_previewJson = new QPlainTextEdit(this);
    m_previewJson->setObjectName(u"mappingPreviewJson"_s);
    m_previewJson->setReadOnly(true);
    m_previewJson->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_previewJson->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *results = new QTabWidget(this);
    results->setDocumentMode(true);
    results->addTab(m_previewTree, tr("Attributes"));
    results->addTab(m_previewJson, tr("SCIM resource"));

    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(m_previewFor);
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_previewButton);
    auto *preview = new QWidget(this);
    auto *previewLayout = new QVBoxLayout(preview);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    previewLayout->addLayout(searchRow);
    previewLayout->addWidget(m_previewStatus);
    previewLayout->addWidget(results, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(u"mappingSplitter"_s);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(rules);
    splitter->addWidget(preview);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    for (MappingModel *model : {m_users, m_groups}) {
        connect(model, &QAbstractItemModel::dataChanged, this, &MappingEditor::edited);
        connect(model, &QAbstractItemModel::rowsInserted, this, &MappingEditor::edited);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &MappingEditor::edited);
        connect(model, &QAbstractItemModel::modelReset, this, &MappingEditor::edited);
    }
    connect(m_kinds, &QTabBar::currentChanged, this, &MappingEditor::showKind);
    connect(m_add, &QPushButton::clicked, this, &MappingEditor::addRule);
    connect(m_newTarget, &QLineEdit::returnPressed, this, &MappingEditor::addRule);
    connect(m_remove, &QPushButton::clicked, this, &MappingEditor::removeSelected);
    connect(m_reset, &QPushButton::clicked, this, &MappingEditor::resetSelected);
    connect(m_previewButton, &QPushButton::clicked, this, &MappingEditor::startPreview);
    connect(m_search, &QLineEdit::returnPressed, this, &MappingEditor::startPreview);
    showKind();
}

MappingEditor::~MappingEditor()
{
    // An editor still open in the table commits when ~QWidget closes the window, after this object's members
    // are gone: its edit must not reach them.
    for (QObject *sender :
         {static_cast<QObject *>(m_users), static_cast<QObject *>(m_groups),
          static_cast<QObject *>(m_table->selectionModel()), static_cast<QObject *>(m_kinds)})
        disconnect(sender, nullptr, this, nullptr);
}

MappingModel *MappingEditor::currentModel() const
{
    return currentKind() == ObjectKind::User ? m_users : m_groups;
}

ObjectKind MappingEditor::currentKind() const
{
    return m_kinds->currentIndex() == 1 ? ObjectKind::Group : ObjectKind::User;
}

void MappingEditor::setDirectory(const LdapSettings &settings, const QString &baseDn, DirectoryType type,
                                 const QString &domain)
{
    const bool sameDirectory = settings.url == m_settings.url && settings.bindDn == m_settings.bindDn &&
                               settings.bindPassword == m_settings.bindPassword &&
                               settings.saslMechanism == m_settings.saslMechanism && baseDn == m_baseDn &&
                               type == m_type;
    m_settings = settings;
    m_baseDn = baseDn;
    m_domain = domain;
    if (type != m_type) {
        // The overrides stay; the defaults under them are the other dialect's.
        const QJsonObject mapping = overrides();
        m_type = type;
        setOverrides(mapping);
    }
    if (!sameDirectory) {
        ++m_searchId; // a search on its way is for the other directory
        m_searching = false;
        m_hasEntry = false;
        m_entry = {};
        clearPreview({});
    } else if (m_hasEntry) {
        showPreview(); // $domain may have changed
    }
}

void MappingEditor::setOverrides(const QJsonObject &mappingJson)
{
    m_loading = true;
    m_unknown = {};
    m_loadProblems.clear();
    for (auto it = mappingJson.begin(); it != mappingJson.end(); ++it) {
        const bool known = it.key() == u"users"_s || it.key() == u"groups"_s;
        if (!known)
            m_loadProblems.append(
                tr("mapping.%1: unknown key (expected one of: users, groups)").arg(it.key()));
        else if (!it.value().isObject())
            m_loadProblems.append(tr("mapping.%1: expected an object").arg(it.key()));
        if (!known || !it.value().isObject())
            m_unknown.insert(it.key(), it.value());
    }
    m_users->load(m_type, ObjectKind::User, mappingJson.value(u"users"_s).toObject());
    m_groups->load(m_type, ObjectKind::Group, mappingJson.value(u"groups"_s).toObject());
    m_loading = false;
    m_table->resizeColumnsToContents();
    showProblems();
    updateButtons();
    if (m_hasEntry)
        showPreview();
}

QJsonObject MappingEditor::overrides() const
{
    QJsonObject out = m_unknown;
    if (const QJsonObject users = m_users->overrides(); !users.isEmpty())
        out.insert(u"users"_s, users);
    if (const QJsonObject groups = m_groups->overrides(); !groups.isEmpty())
        out.insert(u"groups"_s, groups);
    return out;
}

QStringList MappingEditor::problems() const
{
    return m_loadProblems + m_users->problems() + m_groups->problems();
}

void MappingEditor::setTargetType(const QString &type)
{
    m_targetType = type;
    m_users->setTargetType(type);
    m_groups->setTargetType(type);
    showKind();
}

void MappingEditor::showKind()
{
    const bool user = currentKind() == ObjectKind::User;
    if (m_table->model() != currentModel()) {
        m_table->setModel(currentModel());
        QHeaderView *header = m_table->horizontalHeader();
        header->setSectionResizeMode(MappingModel::SourceKindColumn, QHeaderView::ResizeToContents);
        header->setSectionResizeMode(MappingModel::ValueColumn, QHeaderView::Stretch);
        header->setSectionResizeMode(MappingModel::StateColumn, QHeaderView::ResizeToContents);
        header->setSectionResizeMode(MappingModel::CloudColumn, QHeaderView::ResizeToContents);
        m_table->resizeColumnsToContents();
        connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
                &MappingEditor::updateButtons);
    }
    // Only a cloud directory that names attributes otherwise gets the column.
    m_table->setColumnHidden(MappingModel::CloudColumn, m_targetType != u"entra-inbound"_s || !user);
    auto *completer = new QCompleter(MappingModel::knownTargets(currentKind()), m_newTarget);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    delete m_newTarget->completer();
    m_newTarget->setCompleter(completer);
    m_previewFor->setText(user ? tr("Preview for &user:") : tr("Preview for &group:"));
    m_message->hide();
    updateButtons();
    if (m_hasEntry)
        showPreview();
    else if (!m_searching)
        clearPreview({});
}

void MappingEditor::addRule()
{
    MappingModel *model = currentModel();
    const QString target = m_newTarget->text().trimmed();
    QString error;
    int row = model->rowOf(target);
    if (row >= 0 && model->index(row, 0).data(MappingModel::RuleStateRole).value<MappingModel::RuleState>() ==
                        MappingModel::RuleState::Removed) {
        model->resetRule(row); // a removed default row: back, with its default to start from
    } else {
        // An attribute rule without its attribute is flagged until the admin types one, right below.
        row = model->addRule(target, MappingModel::SourceKind::Attribute, {}, &error);
    }
    if (row < 0) {
        m_message->setText(error);
        m_message->show();
        return;
    }
    m_message->hide();
    m_newTarget->clear();
    const QModelIndex value = model->index(row, MappingModel::ValueColumn);
    m_table->setCurrentIndex(value);
    m_table->scrollTo(value);
    m_table->edit(value);
}

void MappingEditor::removeSelected()
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (const int row : std::as_const(rows))
        currentModel()->removeRule(row);
}

void MappingEditor::resetSelected()
{
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        currentModel()->resetRule(index.row());
}

void MappingEditor::updateButtons()
{
    bool removable = false;
    bool resettable = false;
    if (m_table->selectionModel()) {
        for (const QModelIndex &index : m_table->selectionModel()->selectedRows()) {
            const auto state = index.data(MappingModel::RuleStateRole).value<MappingModel::RuleState>();
            removable |= state != MappingModel::RuleState::Removed;
            resettable |=
                state == MappingModel::RuleState::Changed || state == MappingModel::RuleState::Removed;
        }
    }
    m_remove->setEnabled(removable);
    m_reset->setEnabled(resettable);
}

void MappingEditor::edited()
{
    if (m_loading)
        return;
    showProblems();
    updateButtons();
    if (m_hasEntry)
        showPreview();
    Q_EMIT changed();
}

void MappingEditor::showProblems()
{
    const QStringList all = problems();
    m_problems->setText(all.join(u'\n'));
    m_problems->setVisible(!all.isEmpty());
}

void MappingEditor::startPreview()
{
    search(m_search->text().trimmed());
}

void MappingEditor::search(const QString &text)
{
    if (m_baseDn.isEmpty() || m_settings.url.isEmpty()) {
        clearPreview(tr("Fill in the directory section first: the preview reads an entry from it."));
        Q_EMIT previewFinished();
        return;
    }
    const ObjectKind kind = currentKind();
    m_searching = true;
    m_previewStatus->setPalette(palette());
    m_previewStatus->setText(text.isEmpty() ? tr("Reading the directory…")
                                            : tr("Reading “%1” from the directory…").arg(text));
    auto *watcher = new QFutureWatcher<PreviewEntry>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, text, id = ++m_searchId] {
        watcher->deleteLater();
        if (id != m_searchId)
            return; // another search, or another directory, since
        m_searching = false;
        m_entry = watcher->result();
        m_entryText = text;
        m_hasEntry = true;
        showPreview();
    });
    watcher->setFuture(QtConcurrent::run([settings = m_settings, baseDn = m_baseDn, type = m_type, kind, text,
                                          attributes = currentModel()->mapping().sourceAttributes()] {
        return PreviewEntry::find(settings, baseDn, type, kind, text, attributes);
    }));
}

void MappingEditor::clearPreview(const QString &status)
{
    m_previewStatus->setPalette(palette());
    m_previewStatus->setText(
        status.isEmpty() ? (currentKind() == ObjectKind::User
                                ? tr("Type a user to see what the mapping makes of them, as a run would.")
                                : tr("Type a group to see what the mapping makes of it, as a run would."))
                         : status);
    m_previewTree->clear();
    m_previewJson->clear();
}

void MappingEditor::showPreview()
{
    if (!m_hasEntry || m_searching)
        return;
    if (!m_entry.error.isEmpty()) {
        clearPreview(m_entry.error);
        setProblemStyle(m_previewStatus);
        Q_EMIT previewFinished();
        return;
    }
    if (m_entry.object.kind != currentKind()) {
        clearPreview({});
        return;
    }
    const MappingModel *model = currentModel();
    const Mapping mapping = model->mapping();
    if (!m_entry.covers(mapping)) {
        search(m_entryText); // a rule reads an attribute that was not read
        return;
    }
    const MappingPreview preview = MappingPreview::map(m_entry, m_type, mapping, m_domain);

    QStringList status;
    if (m_entry.moreMatches)
        status.append(tr("More than %1 entries match “%2”; this is the first of them: %3")
                          .arg(QLocale().toString(m_entry.matches), m_entryText, preview.dn));
    else if (m_entry.matches > 1)
        status.append(tr("%1 entries match “%2”; this is the first of them: %3")
                          .arg(QLocale().toString(m_entry.matches), m_entryText, preview.dn));
    else
        status.append(preview.dn);
    if (Resource::hasReferences(preview.resource))
        status.append(tr("References show the DN of the object they name; a run sends that object's cloud id "
                         "instead (resolved at run time)."));
    status += preview.problems;
    m_previewStatus->setText(status.join(u'\n'));
    if (preview.problems.isEmpty())
        m_previewStatus->setPalette(palette());
    else
        setProblemStyle(m_previewStatus);

    // In the table's order: the admin finds each row where they edit it. A rule the parser refused is in no
    // run; it says so where its value would be.
    m_previewTree->clear();
    const QColor failed = StatusIcon::color(u"failed"_s);
    QHash<QString, const MappingPreview::Attribute *> byTarget;
    for (const MappingPreview::Attribute &a : preview.attributes)
        byTarget.insert(a.target, &a);
    const auto add = [&](const QString &target, const QString &value, const QString &note, bool noValue,
                         bool error) {
        auto *item = new QTreeWidgetItem(m_previewTree, {target, value, note});
        item->setToolTip(0, target);
        item->setToolTip(1, value);
        item->setToolTip(2, note);
        if (noValue)
            item->setForeground(1, palette().brush(QPalette::Disabled, QPalette::Text));
        if (error) {
            item->setIcon(0, StatusIcon::dot(u"failed"_s));
            item->setForeground(2, failed);
        }
    };
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString target = model->index(row, 0).data(MappingModel::TargetRole).toString();
        const QString error = model->index(row, 0).data(MappingModel::ErrorRole).toString();
        if (!error.isEmpty()) {
            add(target, tr("(no value)"), tr("Not applied: %1").arg(error), true, true);
        } else if (const MappingPreview::Attribute *a = byTarget.take(target)) {
            add(a->target, valueText(*a), a->error.isEmpty() ? a->note : a->error, !a->hasValue,
                !a->error.isEmpty());
        }
    }
    m_previewTree->resizeColumnToContents(0);
    m_previewTree->resizeColumnToContents(1);
    // Long values must not push the notes out of sight; the tooltip has the whole value.
    m_previewTree->setColumnWidth(
        1, std::min(m_previewTree->columnWidth(1), m_previewTree->viewport()->width() / 3));
    m_previewJson->setPlainText(
        QString::fromUtf8(QJsonDocument(preview.resource).toJson(QJsonDocument::Indented)));
    Q_EMIT previewFinished();
}

} // namespace Updraft
