// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "icons.h"

#include <QBuffer>
#include <QFile>
#include <QGuiApplication>
#include <QHash>
#include <QIconEngine>
#include <QImageReader>
#include <QPainter>
#include <QPalette>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Icons {

namespace {

// The one colour the bundled icons are drawn in (resources/icons/*.svg).
constexpr auto kDrawnIn = "#5b6b7f";

// A bundled icon drawn in the application palette's text colour when painted, so that it reads on a light and
// on a dark palette, and follows a palette changed while the console runs.
class PaletteIconEngine final : public QIconEngine
{
public:
    explicit PaletteIconEngine(QByteArray svg)
        : m_svg(std::move(svg))
    {}

    QIconEngine *clone() const override { return new PaletteIconEngine(m_svg); }
    QString key() const override { return u"updraft-palette"_s; }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        QPixmap p = scaledPixmap(rect.size(), mode, state, ratio);
        painter->drawPixmap(rect, p);
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State, qreal scale) override
    {
        const QPalette palette = QGuiApplication::palette();
        QColor colour = palette.color(mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active,
                                      QPalette::WindowText);
        // Softer than text, as the icons were drawn: three quarters of the way from the window colour to the
        // text.
        const QColor window = palette.color(QPalette::Window);
        colour = QColor::fromRgbF(window.redF() + (colour.redF() - window.redF()) * 0.75,
                                  window.greenF() + (colour.greenF() - window.greenF()) * 0.75,
                                  window.blueF() + (colour.blueF() - window.blueF()) * 0.75);
        const QSize pixels = size * scale;
        const QString cacheKey = u"%1 %2x%3"_s.arg(colour.name()).arg(pixels.width()).arg(pixels.height());
        if (const auto it = m_cache.constFind(cacheKey); it != m_cache.constEnd())
            return *it;
        QByteArray svg = m_svg;
        svg.replace(kDrawnIn, colour.name().toLatin1());
        QBuffer buffer(&svg);
        QImageReader reader(&buffer, "svg");
        reader.setScaledSize(pixels);
        QPixmap result = QPixmap::fromImage(reader.read());
        result.setDevicePixelRatio(scale);
        m_cache.insert(cacheKey, result);
        return result;
    }

private:
    QByteArray m_svg;
    QHash<QString, QPixmap> m_cache;
};

} // namespace

QIcon get(const QString &name)
{
    QFile bundled(u":/updraft/icons/%1.svg"_s.arg(name));
    if (!bundled.open(QIODevice::ReadOnly))
        return QIcon::fromTheme(name);
    return QIcon::fromTheme(name, QIcon(new PaletteIconEngine(bundled.readAll())));
}

} // namespace Updraft::Icons
