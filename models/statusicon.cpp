// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "statusicon.h"

#include <QHash>
#include <QPainter>
#include <QPixmap>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::StatusIcon {

QColor color(const QString &status)
{
    static const QHash<QString, QColor> colors{
        {u"success"_s, QColor(0x2e, 0x9d, 0x4a)},
        {u"healthy"_s, QColor(0x2e, 0x9d, 0x4a)},
        {u"synced"_s, QColor(0x2e, 0x9d, 0x4a)},
        {u"warning"_s, QColor(0xd9, 0x8c, 0x10)},
        {u"warnings"_s, QColor(0xd9, 0x8c, 0x10)},
        {u"interrupted"_s, QColor(0xd9, 0x8c, 0x10)},
        {u"retrying"_s, QColor(0xd9, 0x8c, 0x10)},
        {u"waiting"_s, QColor(0xd9, 0x8c, 0x10)},
        {u"stopped"_s, QColor(0xc2, 0x41, 0x0c)},
        {u"waiting-for-approval"_s, QColor(0xc2, 0x41, 0x0c)},
        {u"failed"_s, QColor(0xd0, 0x2c, 0x2c)},
        {u"errors"_s, QColor(0xd0, 0x2c, 0x2c)},
        {u"target-rejected"_s, QColor(0xd0, 0x2c, 0x2c)},
        {u"missing"_s, QColor(0xd0, 0x2c, 0x2c)},
        {u"unsupported"_s, QColor(0xa0, 0x3c, 0xb0)},
        {u"quarantined"_s, QColor(0x8e, 0x24, 0xaa)},
        {u"running"_s, QColor(0x1e, 0x6f, 0xd9)},
        {u"held"_s, QColor(0x1e, 0x6f, 0xd9)},
        {u"accepted"_s, QColor(0x1e, 0x6f, 0xd9)},
    };
    return colors.value(status, QColor(0x80, 0x80, 0x80));
}

QIcon dot(const QString &status)
{
    static QHash<QString, QIcon> cache;
    const auto it = cache.constFind(status);
    if (it != cache.constEnd())
        return *it;
    QIcon icon;
    for (const int size : {16, 32}) { // 32 for 200 % scaling
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(color(status));
        const qreal margin = size * 0.2;
        p.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin));
        icon.addPixmap(pixmap);
    }
    cache.insert(status, icon);
    return icon;
}

} // namespace Updraft::StatusIcon
