#pragma once
// Layout-independent letter shortcuts: the key at a physical position is read
// as the key a US QWERTY keyboard has there, so "j" stays under the right
// index finger on AZERTY, QWERTZ, Cyrillic or Greek layouts alike.
//
// Which native code names the position depends on the platform plugin:
//   xcb, wayland  QKeyEvent::nativeScanCode() = xkb keycode (Linux evdev + 8)
//   windows       QKeyEvent::nativeScanCode() = set-1 scan code
//   cocoa (macOS) QKeyEvent::nativeVirtualKey() = kVK_ANSI_* virtual key code
// Elsewhere (offscreen tests, unknown plugins) there is no physical key and
// the caller falls back to the logical key.

#include <QKeyCombination>
#include <QString>

#include <optional>

class QKeyEvent;

namespace zeiko::ui {

enum class NativeKeyCode {
    None,             // nothing portable: use the logical key
    XkbKeycode,       // X11 and Wayland
    WindowsScanCode,  // Windows
    MacVirtualKey,    // macOS
};

// What the platform plugin's native key codes mean ("xcb", "wayland-egl", ...).
NativeKeyCode nativeKeyCodeFor(const QString &platform);

// The US-layout key at the position `code` names; shifted picks the symbol a
// shifted US key gives ('/' -> '?'). Letters stay letters (Shift is a modifier).
std::optional<Qt::Key> usKeyFor(NativeKeyCode kind, quint32 code, bool shifted);
// Shorthand for the platforms whose code is the scan code (xcb, wayland, windows).
std::optional<Qt::Key> usKeyForScanCode(const QString &platform, quint32 scanCode, bool shifted);

// The US-layout key of a key event on `platform`, if its native code says.
std::optional<Qt::Key> physicalUsKey(const QKeyEvent *event, const QString &platform, bool shifted);

// The key combination a shortcut should match for this event: physical key
// when known, the logical key otherwise; Keypad is ignored and Shift is folded
// into symbols ('?' rather than Shift+/). The platform defaults to the running one.
QKeyCombination shortcutCombination(const QKeyEvent *event);
QKeyCombination shortcutCombination(const QKeyEvent *event, const QString &platform);

} // namespace zeiko::ui
