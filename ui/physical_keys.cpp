#include "ui/physical_keys.h"

#include <QGuiApplication>
#include <QKeyEvent>

#include <array>

namespace zeiko::ui {

namespace {

struct Position {
    quint32 xcb;      // X11 keycode (evdev + 8)
    quint32 windows;  // set-1 scan code
    char base;
    char shifted;
};

// The US QWERTY main block.
constexpr std::array<Position, 47> kPositions{{
    {10, 0x02, '1', '!'}, {11, 0x03, '2', '@'}, {12, 0x04, '3', '#'}, {13, 0x05, '4', '$'},
    {14, 0x06, '5', '%'}, {15, 0x07, '6', '^'}, {16, 0x08, '7', '&'}, {17, 0x09, '8', '*'},
    {18, 0x0A, '9', '('}, {19, 0x0B, '0', ')'}, {20, 0x0C, '-', '_'}, {21, 0x0D, '=', '+'},
    {24, 0x10, 'Q', 'Q'}, {25, 0x11, 'W', 'W'}, {26, 0x12, 'E', 'E'}, {27, 0x13, 'R', 'R'},
    {28, 0x14, 'T', 'T'}, {29, 0x15, 'Y', 'Y'}, {30, 0x16, 'U', 'U'}, {31, 0x17, 'I', 'I'},
    {32, 0x18, 'O', 'O'}, {33, 0x19, 'P', 'P'}, {34, 0x1A, '[', '{'}, {35, 0x1B, ']', '}'},
    {38, 0x1E, 'A', 'A'}, {39, 0x1F, 'S', 'S'}, {40, 0x20, 'D', 'D'}, {41, 0x21, 'F', 'F'},
    {42, 0x22, 'G', 'G'}, {43, 0x23, 'H', 'H'}, {44, 0x24, 'J', 'J'}, {45, 0x25, 'K', 'K'},
    {46, 0x26, 'L', 'L'}, {47, 0x27, ';', ':'}, {48, 0x28, '\'', '"'}, {49, 0x29, '`', '~'},
    {52, 0x2C, 'Z', 'Z'}, {53, 0x2D, 'X', 'X'}, {54, 0x2E, 'C', 'C'}, {55, 0x2F, 'V', 'V'},
    {56, 0x30, 'B', 'B'}, {57, 0x31, 'N', 'N'}, {58, 0x32, 'M', 'M'}, {59, 0x33, ',', '<'},
    {60, 0x34, '.', '>'}, {61, 0x35, '/', '?'}, {51, 0x2B, '\\', '|'},
}};

bool isLetterOrDigit(int key)
{
    return (key >= Qt::Key_A && key <= Qt::Key_Z) || (key >= Qt::Key_0 && key <= Qt::Key_9);
}

} // namespace

std::optional<Qt::Key> usKeyForScanCode(const QString &platform, quint32 scanCode, bool shifted)
{
    if (scanCode == 0)
        return std::nullopt;
    const bool xcb = platform == QLatin1String("xcb");
    const bool windows = platform == QLatin1String("windows");
    if (!xcb && !windows)
        return std::nullopt;
    for (const Position &p : kPositions) {
        if ((xcb ? p.xcb : p.windows) == scanCode)
            return Qt::Key(static_cast<unsigned char>(shifted ? p.shifted : p.base));
    }
    return std::nullopt;
}

QKeyCombination shortcutCombination(const QKeyEvent *event)
{
    Qt::KeyboardModifiers modifiers = event->modifiers()
        & (Qt::ShiftModifier | Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier);
    const bool shifted = modifiers & Qt::ShiftModifier;
    int key = event->key();
    if (const auto physical = usKeyForScanCode(QGuiApplication::platformName(), event->nativeScanCode(),
                                               shifted && !(modifiers & (Qt::ControlModifier | Qt::AltModifier)))) {
        key = *physical;
    }
    // '?' is what the operator sees and what the binding says; Shift is implied.
    if (shifted && key < 0x80 && key > 0x20 && !isLetterOrDigit(key))
        modifiers &= ~Qt::ShiftModifier;
    if (key == Qt::Key_Enter)
        key = Qt::Key_Return;
    return QKeyCombination(modifiers, Qt::Key(key));
}

} // namespace zeiko::ui
