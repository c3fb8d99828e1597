#include "ui/physical_keys.h"

#include <QGuiApplication>
#include <QKeyEvent>

#include <array>

namespace zeiko::ui {

namespace {

struct Position {
    quint32 xkb;      // X11/Wayland xkb keycode (Linux evdev code + 8)
    quint32 windows;  // set-1 scan code
    quint32 mac;      // kVK_ANSI_* virtual key code (Carbon Events.h)
    char base;
    char shifted;
};

// The US QWERTY main block.
constexpr std::array<Position, 47> kPositions{{
    {10, 0x02, 0x12, '1', '!'}, {11, 0x03, 0x13, '2', '@'}, {12, 0x04, 0x14, '3', '#'}, {13, 0x05, 0x15, '4', '$'},
    {14, 0x06, 0x17, '5', '%'}, {15, 0x07, 0x16, '6', '^'}, {16, 0x08, 0x1A, '7', '&'}, {17, 0x09, 0x1C, '8', '*'},
    {18, 0x0A, 0x19, '9', '('}, {19, 0x0B, 0x1D, '0', ')'}, {20, 0x0C, 0x1B, '-', '_'}, {21, 0x0D, 0x18, '=', '+'},
    {24, 0x10, 0x0C, 'Q', 'Q'}, {25, 0x11, 0x0D, 'W', 'W'}, {26, 0x12, 0x0E, 'E', 'E'}, {27, 0x13, 0x0F, 'R', 'R'},
    {28, 0x14, 0x11, 'T', 'T'}, {29, 0x15, 0x10, 'Y', 'Y'}, {30, 0x16, 0x20, 'U', 'U'}, {31, 0x17, 0x22, 'I', 'I'},
    {32, 0x18, 0x1F, 'O', 'O'}, {33, 0x19, 0x23, 'P', 'P'}, {34, 0x1A, 0x21, '[', '{'}, {35, 0x1B, 0x1E, ']', '}'},
    {38, 0x1E, 0x00, 'A', 'A'}, {39, 0x1F, 0x01, 'S', 'S'}, {40, 0x20, 0x02, 'D', 'D'}, {41, 0x21, 0x03, 'F', 'F'},
    {42, 0x22, 0x05, 'G', 'G'}, {43, 0x23, 0x04, 'H', 'H'}, {44, 0x24, 0x26, 'J', 'J'}, {45, 0x25, 0x28, 'K', 'K'},
    {46, 0x26, 0x25, 'L', 'L'}, {47, 0x27, 0x29, ';', ':'}, {48, 0x28, 0x27, '\'', '"'}, {49, 0x29, 0x32, '`', '~'},
    {52, 0x2C, 0x06, 'Z', 'Z'}, {53, 0x2D, 0x07, 'X', 'X'}, {54, 0x2E, 0x08, 'C', 'C'}, {55, 0x2F, 0x09, 'V', 'V'},
    {56, 0x30, 0x0B, 'B', 'B'}, {57, 0x31, 0x2D, 'N', 'N'}, {58, 0x32, 0x2E, 'M', 'M'}, {59, 0x33, 0x2B, ',', '<'},
    {60, 0x34, 0x2F, '.', '>'}, {61, 0x35, 0x2C, '/', '?'}, {51, 0x2B, 0x2A, '\\', '|'},
}};

bool isLetterOrDigit(int key)
{
    return (key >= Qt::Key_A && key <= Qt::Key_Z) || (key >= Qt::Key_0 && key <= Qt::Key_9);
}

} // namespace

NativeKeyCode nativeKeyCodeFor(const QString &platform)
{
    if (platform == QLatin1String("xcb") || platform.startsWith(QLatin1String("wayland")))
        return NativeKeyCode::XkbKeycode;
    if (platform == QLatin1String("windows"))
        return NativeKeyCode::WindowsScanCode;
    if (platform == QLatin1String("cocoa"))
        return NativeKeyCode::MacVirtualKey;
    return NativeKeyCode::None;
}

std::optional<Qt::Key> usKeyFor(NativeKeyCode kind, quint32 code, bool shifted)
{
    if (kind == NativeKeyCode::None)
        return std::nullopt;
    // 0 means "no code" for scan codes; on macOS it is kVK_ANSI_A (see physicalUsKey).
    if (code == 0 && kind != NativeKeyCode::MacVirtualKey)
        return std::nullopt;
    for (const Position &p : kPositions) {
        const quint32 positionCode = kind == NativeKeyCode::XkbKeycode ? p.xkb
            : kind == NativeKeyCode::WindowsScanCode                  ? p.windows
                                                                       : p.mac;
        if (positionCode == code)
            return Qt::Key(static_cast<unsigned char>(shifted ? p.shifted : p.base));
    }
    return std::nullopt;
}

std::optional<Qt::Key> usKeyForScanCode(const QString &platform, quint32 scanCode, bool shifted)
{
    const NativeKeyCode kind = nativeKeyCodeFor(platform);
    if (kind == NativeKeyCode::MacVirtualKey)
        return std::nullopt;   // macOS identifies keys by virtual key code, not scan code
    return usKeyFor(kind, scanCode, shifted);
}

std::optional<Qt::Key> physicalUsKey(const QKeyEvent *event, const QString &platform, bool shifted)
{
    const NativeKeyCode kind = nativeKeyCodeFor(platform);
    if (kind != NativeKeyCode::MacVirtualKey)
        return usKeyFor(kind, event->nativeScanCode(), shifted);
    // kVK_ANSI_A is 0, which is also what an event without native data
    // carries; Cocoa key events always have modifier flags (the device bits
    // are set even with no modifier held), synthesized ones have none.
    if (event->nativeVirtualKey() == 0 && event->nativeModifiers() == 0)
        return std::nullopt;
    return usKeyFor(kind, event->nativeVirtualKey(), shifted);
}

QKeyCombination shortcutCombination(const QKeyEvent *event)
{
    return shortcutCombination(event, QGuiApplication::platformName());
}

QKeyCombination shortcutCombination(const QKeyEvent *event, const QString &platform)
{
    Qt::KeyboardModifiers modifiers = event->modifiers()
        & (Qt::ShiftModifier | Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier);
    const bool shifted = modifiers & Qt::ShiftModifier;
    int key = event->key();
    if (const auto physical = physicalUsKey(event, platform, shifted && !(modifiers & (Qt::ControlModifier | Qt::AltModifier))))
        key = *physical;
    // '?' is what the operator sees and what the binding says; Shift is implied.
    if (shifted && key < 0x80 && key > 0x20 && !isLetterOrDigit(key))
        modifiers &= ~Qt::ShiftModifier;
    if (key == Qt::Key_Enter)
        key = Qt::Key_Return;
    return QKeyCombination(modifiers, Qt::Key(key));
}

} // namespace zeiko::ui
