#pragma once
// Colour arithmetic for readable text on any palette (WCAG 2 contrast), a
// dark palette like the desktops' dark themes, and ZEIKO_PALETTE=dark|light
// to force one (screenshots, checking the dark look on a light desktop).
// Without the variable the console follows the system palette.

#include <QColor>
#include <QPalette>

namespace zeiko::ui {

// WCAG 2 relative luminance of an opaque colour, 0 (black) .. 1 (white).
double relativeLuminance(const QColor &colour);
// WCAG 2 contrast ratio, 1 .. 21; 4.5 is the minimum for normal text.
double contrastRatio(const QColor &a, const QColor &b);
// `over` (with its alpha) painted on the opaque `under`.
QColor composite(const QColor &over, const QColor &under);

// Secondary text (timestamps, paused SLA, low priority): the palette's text
// blended towards its base, so it reads as muted yet keeps a 4.5:1 contrast
// (a system PlaceholderText is often 50 % alpha, about 3.9:1).
QColor mutedText(const QPalette &palette);

// True when the palette draws light text on dark backgrounds (`role` is the
// background the colours are chosen for).
bool isDark(const QPalette &palette, QPalette::ColorRole role = QPalette::Base);

// The window chrome's status colours: the connection dot, the offline
// banner, a failed outbox count. Kept here so dark mode and the contrast
// test (tests/ui/test_ui_palette.cpp) cover them.
enum class StatusTone {
    Good,      // live connection
    Warning,   // polling, degraded
    Danger     // offline, refused work
};
// Text in `tone` on the palette's Window background (the status bar), at
// least 4.5:1 on it in light and dark palettes.
QColor statusText(StatusTone tone, const QPalette &palette);
// A banner filled with `tone` and the text drawn on it (4.5:1 or more).
QColor statusFill(StatusTone tone);
QColor onStatusFill(StatusTone tone);

// A dark palette with the roles the console reads (close to KDE Breeze Dark).
QPalette darkPalette();
// Applies ZEIKO_PALETTE (dark / light) to the application, if set.
void applyPaletteOverride();

} // namespace zeiko::ui
