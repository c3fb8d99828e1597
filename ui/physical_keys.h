#pragma once
// Layout-independent letter shortcuts: the key at a physical position is read
// as the key a US QWERTY keyboard has there, so "j" stays under the right
// index finger on AZERTY, QWERTZ, Cyrillic or Greek layouts alike.
//
// Uses the native scan code where its meaning is known (X11/xcb keycodes,
// Windows set-1 scan codes); elsewhere (macOS, Wayland, offscreen tests) it
// returns nullopt and the caller falls back to the logical key.

#include <QKeyCombination>
#include <QString>

#include <optional>

class QKeyEvent;

namespace zeiko::ui {

// The US-layout key for (platform, scan code); shifted picks the symbol a
// shifted US key gives ('/' -> '?'). Letters stay letters (Shift is a modifier).
std::optional<Qt::Key> usKeyForScanCode(const QString &platform, quint32 scanCode, bool shifted);

// The key combination a shortcut should match for this event: physical key
// when known, the logical key otherwise; Keypad is ignored and Shift is folded
// into symbols ('?' rather than Shift+/).
QKeyCombination shortcutCombination(const QKeyEvent *event);

} // namespace zeiko::ui
