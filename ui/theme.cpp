// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "theme.h"

#include <QApplication>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Theme {

namespace {

struct Desktop {
    QString style;
    QPalette palette;
};

Desktop &desktop()
{
    static Desktop d{QApplication::style()->name(), QApplication::palette()};
    return d;
}

Choice &applied()
{
    static Choice c = Choice::System;
    return c;
}

// Fusion's dark palette: text 7:1 or more against its background (WCAG AAA), selected text and links
// 4.5:1 (AA).
QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30), base(0x1e, 0x1f, 0x22), text(0xe8, 0xea, 0xed);
    const QColor disabled(0x8a, 0x8f, 0x98);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x33, 0x36, 0x3a));
    p.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x3f, 0x44));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0xa8, 0xad, 0xb5));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x38, 0x3c));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4e, 0x54));
    p.setColor(QPalette::Midlight, QColor(0x3e, 0x42, 0x47));
    p.setColor(QPalette::Mid, QColor(0x50, 0x54, 0x5a));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, QColor(0x0d, 0x0e, 0x0f));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6b, 0xc0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    p.setColor(QPalette::LinkVisited, QColor(0xc5, 0x8a, 0xf9));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x50, 0x54, 0x5a));
    return p;
}

} // namespace

QStringList keys()
{
    return {u"system"_s, u"light"_s, u"dark"_s};
}

QString key(Choice choice)
{
    return keys().at(int(choice));
}

bool fromKey(const QString &key, Choice *choice)
{
    const int i = keys().indexOf(key.trimmed().toLower());
    if (i < 0)
        return false;
    *choice = Choice(i);
    return true;
}

QString title(Choice choice)
{
    switch (choice) {
    case Choice::System:
        return QApplication::translate("Theme", "As the &desktop");
    case Choice::Light:
        return QApplication::translate("Theme", "&Light");
    case Choice::Dark:
        return QApplication::translate("Theme", "D&ark");
    }
    return {};
}

void apply(Choice choice)
{
    const Desktop &d = desktop(); // remembered before the first change
    if (choice == Choice::System) {
        QApplication::setStyle(d.style);
        QApplication::setPalette(d.palette);
    } else {
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        QApplication::setPalette(choice == Choice::Dark ? darkPalette()
                                                        : QApplication::style()->standardPalette());
    }
    applied() = choice;
}

Choice current()
{
    return applied();
}

Choice saved()
{
    Choice c = Choice::System;
    fromKey(QSettings().value(u"view/theme"_s).toString(), &c);
    return c;
}

void save(Choice choice)
{
    QSettings().setValue(u"view/theme"_s, key(choice));
}

} // namespace Updraft::Theme
