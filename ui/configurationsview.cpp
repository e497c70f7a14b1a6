// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "configurationsview.h"

#include "configurationsmodel.h"
#include "format.h"
#include "icons.h"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QListView>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Updraft {

namespace {

QString text(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        return v.toBool() ? ConfigurationsView::tr("yes") : ConfigurationsView::tr("no");
    case QJsonValue::Double:
        return QString::number(v.toDouble());
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Array: {
        QStringList items;
        for (const QJsonValue &item : v.toArray())
            items.append(item.isObject() || item.isArray() ? QString() : text(item));
        items.removeAll(QString());
        return items.isEmpty() ? ConfigurationsView::tr("(none)") : items.join(u"<br>"_s);
    }
    default:
        return {};
    }
}

// key: value rows, nested objects as "a › b".
void rows(const QJsonObject &o, const QString &prefix, QString &html)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = prefix.isEmpty() ? it.key() : prefix + u" \u203A "_s + it.key();
        if (it.value().isObject()) {
            rows(it.value().toObject(), key, html);
            continue;
        }
        QString value = text(it.value());
        if (!it.value().isArray())
            value = value.toHtmlEscaped();
        else if (!it.value().toArray().isEmpty() && it.value().toArray().first().isObject())
            value = ConfigurationsView::tr("%n rule(s)", nullptr, int(it.value().toArray().size()));
        html += u"<tr><td><i>%1</i></td><td>%2</td></tr>"_s.arg(key.toHtmlEscaped(), value);
    }
}

// What the cloud directory said it supports when a run last asked it: part of how the configuration works.
QString cloudSaid(const QModelIndex &index)
{
    const QDateTime asked = index.data(ConfigurationsModel::CloudAskedRole).toDateTime();
    if (!asked.isValid())
        return ConfigurationsView::tr(
            "<p>What the service supports is read at the start of every run (and by "
            "Test connection in the editor); no run has asked it yet.</p>");
    const auto items = [](const QStringList &list) {
        QString html;
        for (const QString &item : list)
            html += u"<li>%1</li>"_s.arg(item.toHtmlEscaped());
        return html;
    };
    QString html =
        ConfigurationsView::tr("<p>What the service said it supports (asked %1, at %2):</p><ul>%3</ul>")
            .arg(Format::relative(asked, QDateTime::currentDateTimeUtc()), Format::absolute(asked),
                 items(index.data(ConfigurationsModel::CloudSupportsRole).toStringList()));
    const QStringList assumed = index.data(ConfigurationsModel::CloudAssumptionsRole).toStringList();
    if (!assumed.isEmpty())
        html += ConfigurationsView::tr("<p>It did not say everything; assumed:</p><ul>%1</ul>")
                    .arg(items(assumed));
    return html;
}

} // namespace

ConfigurationsView::ConfigurationsView(ConfigurationsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    m_list = new QListView(this);
    m_list->setAccessibleName(tr("Configurations"));
    m_list->setModel(m_model);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_details = new QTextBrowser(this);
    m_details->setAccessibleName(tr("The selected configuration"));
    auto *run = new QPushButton(Icons::get(u"media-playback-start"_s), tr("Run now"), this);
    auto *full = new QPushButton(tr("Full sync"), this);
    auto *runs = new QPushButton(tr("Show runs"), this);
    auto *preview = new QPushButton(tr("Preview run…"), this);
    preview->setObjectName(u"previewRun"_s);
    preview->setToolTip(tr("What a run would do now, object by object, without writing anything"));
    connect(preview, &QPushButton::clicked, this, [this] {
        if (!selected().isEmpty())
            Q_EMIT previewRequested(selected());
    });
    auto *remove = new QPushButton(Icons::get(u"edit-delete"_s), tr("Remove…"), this);
    remove->setObjectName(u"removeConfiguration"_s);
    connect(remove, &QPushButton::clicked, this, [this] {
        if (!selected().isEmpty())
            Q_EMIT removeRequested(selected());
    });
    connect(run, &QPushButton::clicked, this, [this] {
        if (!selected().isEmpty())
            Q_EMIT runRequested(selected(), false);
    });
    connect(full, &QPushButton::clicked, this, [this] {
        if (!selected().isEmpty())
            Q_EMIT runRequested(selected(), true);
    });
    connect(runs, &QPushButton::clicked, this, [this] {
        if (!selected().isEmpty())
            Q_EMIT runsRequested(selected());
    });
    const auto forSelected = [this](QPushButton *button,
                                    void (ConfigurationsView::*signal)(const QString &)) {
        connect(button, &QPushButton::clicked, this, [this, signal] {
            if (!selected().isEmpty())
                Q_EMIT(this->*signal)(selected());
        });
    };
    auto *explain = new QPushButton(tr("Explain…"), this);
    explain->setObjectName(u"explainObject"_s);
    explain->setToolTip(
        tr("One user's or group's way through a run, step by step; provision it alone on demand"));
    forSelected(explain, &ConfigurationsView::explainRequested);
    auto *edit = new QPushButton(tr("Edit…"), this);
    edit->setObjectName(u"editConfiguration"_s);
    forSelected(edit, &ConfigurationsView::editRequested);
    auto *duplicate = new QPushButton(tr("Duplicate…"), this);
    duplicate->setToolTip(tr("A new configuration for another domain, starting from this one's settings"));
    forSelected(duplicate, &ConfigurationsView::duplicateRequested);
    auto *exportButton = new QPushButton(tr("Export…"), this);
    exportButton->setToolTip(tr("Save as JSON, with secrets as references only"));
    forSelected(exportButton, &ConfigurationsView::exportRequested);
    auto *create = new QPushButton(tr("New…"), this);
    create->setObjectName(u"newConfiguration"_s);
    connect(create, &QPushButton::clicked, this, &ConfigurationsView::newRequested);
    auto *importButton = new QPushButton(tr("Import…"), this);
    connect(importButton, &QPushButton::clicked, this, &ConfigurationsView::importRequested);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        showSelected();
        Q_EMIT configurationSelected(selected());
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &ConfigurationsView::showSelected);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ConfigurationsView::showSelected);

    auto *right = new QWidget(this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(run);
    buttons->addWidget(full);
    buttons->addWidget(preview);
    buttons->addWidget(explain);
    buttons->addWidget(runs);
    buttons->addStretch(1);
    buttons->addWidget(edit);
    buttons->addWidget(duplicate);
    buttons->addWidget(exportButton);
    buttons->addWidget(remove);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(buttons);
    rightLayout->addWidget(m_details, 1);

    auto *left = new QWidget(this);
    auto *leftButtons = new QHBoxLayout;
    leftButtons->addWidget(create);
    leftButtons->addWidget(importButton);
    leftButtons->addStretch(1);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(leftButtons);
    leftLayout->addWidget(m_list, 1);

    auto *split = new QSplitter(this);
    split->setObjectName(u"configurationsSplitter"_s);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);
    showSelected();
}

void ConfigurationsView::select(const QString &name)
{
    const int row = m_model->rowOf(name);
    if (row >= 0)
        m_list->setCurrentIndex(m_model->index(row));
}

QString ConfigurationsView::selected() const
{
    return m_list->currentIndex().data(ConfigurationsModel::NameRole).toString();
}

QString ConfigurationsView::detailsText() const
{
    return m_details->toPlainText();
}

void ConfigurationsView::showSelected()
{
    if (!m_list->currentIndex().isValid() && m_model->rowCount() > 0) {
        // Something to read at once; not a choice of the admin's, so the toolbar's target stays as it is.
        const QSignalBlocker block(m_list->selectionModel());
        m_list->setCurrentIndex(m_model->index(0));
        m_list->viewport()->update();
    }
    const QModelIndex index = m_list->currentIndex();
    if (!index.isValid()) {
        m_details->setHtml(m_model->rowCount() ? tr("<p>Select a configuration to see how it is set up.</p>")
                                               : tr("<p>No configuration in this state directory yet.</p>"));
        return;
    }
    const QJsonObject definition = index.data(ConfigurationsModel::DefinitionRole).toJsonObject();
    QString html = u"<h2>%1</h2><p><b>%2</b> — %3</p>"_s.arg(
        index.data(ConfigurationsModel::NameRole).toString().toHtmlEscaped(),
        index.data(ConfigurationsModel::HealthWordRole).toString().toHtmlEscaped(),
        index.data(ConfigurationsModel::HealthDetailRole).toString().toHtmlEscaped());
    const QList<std::pair<QString, QString>> sections{{u"source"_s, tr("Directory")},
                                                      {u"scope"_s, tr("Scope")},
                                                      {u"target"_s, tr("Cloud")},
                                                      {u"mapping"_s, tr("Mapping")},
                                                      {u"passwordHashSync"_s, tr("Password hash sync")},
                                                      {u"schedule"_s, tr("Schedule")},
                                                      {u"safety"_s, tr("Safety")}};
    for (const auto &[key, title] : sections) {
        html += u"<h3>%1</h3>"_s.arg(title);
        const QJsonValue v = definition.value(key);
        if (v.isUndefined()) {
            html += tr("<p>Defaults.</p>");
            continue;
        }
        html += u"<table cellpadding=\"2\">"_s;
        if (v.isObject())
            rows(v.toObject(), {}, html);
        else
            html += u"<tr><td>%1</td></tr>"_s.arg(text(v).toHtmlEscaped());
        html += u"</table>"_s;
        if (key == u"target"_s)
            html += cloudSaid(index);
    }
    m_details->setHtml(html);
}

} // namespace Updraft
