#include "ui/palette.h"

#include <QApplication>
#include <QStyle>

#include <cmath>

namespace zeiko::ui {

namespace {

double linear(double channel)
{
    return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

} // namespace

double relativeLuminance(const QColor &colour)
{
    const QColor c = colour.toRgb();
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor composite(const QColor &over, const QColor &under)
{
    const QColor o = over.toRgb();
    const QColor u = under.toRgb();
    const double a = o.alphaF();
    return QColor::fromRgbF(float(o.redF() * a + u.redF() * (1 - a)), float(o.greenF() * a + u.greenF() * (1 - a)),
                            float(o.blueF() * a + u.blueF() * (1 - a)));
}

QColor mutedText(const QPalette &palette)
{
    QColor text = palette.color(QPalette::Text);
    text.setAlphaF(0.62f);
    return composite(text, palette.color(QPalette::Base));
}

QColor statusText(StatusTone tone, const QPalette &palette)
{
    const bool dark = isDark(palette, QPalette::Window);
    QColor colour;
    switch (tone) {
    case StatusTone::Good: colour = dark ? QColor(0x81, 0xc7, 0x84) : QColor(0x2e, 0x7d, 0x32); break;
    case StatusTone::Warning: colour = dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0x9a, 0x5b, 0x00); break;
    case StatusTone::Danger: colour = dark ? QColor(0xef, 0x9a, 0x9a) : QColor(0xc6, 0x28, 0x28); break;
    }
    // An unusual system palette: move towards its text colour until readable.
    const QColor background = palette.color(QPalette::Window);
    const QColor text = palette.color(QPalette::WindowText);
    for (int step = 1; step <= 10 && contrastRatio(colour, background) < 4.5; ++step) {
        QColor over = text;
        over.setAlphaF(float(step) / 10.0f);
        colour = composite(over, colour);
    }
    return colour;
}

QColor statusFill(StatusTone tone)
{
    switch (tone) {
    case StatusTone::Good: return QColor(0x2e, 0x7d, 0x32);
    case StatusTone::Warning: return QColor(0x8a, 0x50, 0x00);
    case StatusTone::Danger: return QColor(0xc6, 0x28, 0x28);
    }
    return {};
}

QColor onStatusFill(StatusTone)
{
    return QColor(Qt::white);
}

bool isDark(const QPalette &palette, QPalette::ColorRole role)
{
    return palette.color(role).lightness() < 128;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x31, 0x36, 0x3b), base(0x1b, 0x1e, 0x20), text(0xfc, 0xfc, 0xfc);
    const QColor button(0x29, 0x2c, 0x30), highlight(0x3d, 0xae, 0xe9), link(0x1d, 0x99, 0xf3);
    for (const auto group : {QPalette::Active, QPalette::Inactive}) {
        p.setColor(group, QPalette::Window, window);
        p.setColor(group, QPalette::WindowText, text);
        p.setColor(group, QPalette::Base, base);
        p.setColor(group, QPalette::AlternateBase, QColor(0x23, 0x26, 0x29));
        p.setColor(group, QPalette::Text, text);
        p.setColor(group, QPalette::PlaceholderText, QColor(0xa1, 0xa9, 0xb1));
        p.setColor(group, QPalette::Button, button);
        p.setColor(group, QPalette::ButtonText, text);
        p.setColor(group, QPalette::BrightText, Qt::white);
        p.setColor(group, QPalette::Highlight, highlight);
        p.setColor(group, QPalette::HighlightedText, QColor(0x10, 0x10, 0x10));
        p.setColor(group, QPalette::ToolTipBase, window);
        p.setColor(group, QPalette::ToolTipText, text);
        p.setColor(group, QPalette::Link, link);
        p.setColor(group, QPalette::LinkVisited, QColor(0x9b, 0x59, 0xb6));
        p.setColor(group, QPalette::Light, QColor(0x40, 0x46, 0x4c));
        p.setColor(group, QPalette::Midlight, QColor(0x36, 0x3b, 0x40));
        p.setColor(group, QPalette::Mid, QColor(0x24, 0x28, 0x2b));
        p.setColor(group, QPalette::Dark, QColor(0x18, 0x1b, 0x1d));
        p.setColor(group, QPalette::Shadow, QColor(0x0f, 0x10, 0x11));
    }
    const QColor disabled(0x6e, 0x71, 0x75);
    p.setColor(QPalette::Disabled, QPalette::Window, window);
    p.setColor(QPalette::Disabled, QPalette::Base, base);
    p.setColor(QPalette::Disabled, QPalette::Button, button);
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::PlaceholderText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

void applyPaletteOverride()
{
    const QByteArray wanted = qgetenv("ZEIKO_PALETTE").toLower();
    if (wanted == "dark")
        QApplication::setPalette(darkPalette());
    else if (wanted == "light")
        QApplication::setPalette(QApplication::style()->standardPalette());
}

} // namespace zeiko::ui
