#include "ui/sla_clock.h"

#include "ui/palette.h"

#include <QCoreApplication>

namespace zeiko::ui {

QString formatCountdown(qint64 msecs)
{
    const bool negative = msecs < 0;
    qint64 s = (negative ? -msecs : msecs) / 1000;
    const qint64 days = s / 86400;
    const qint64 hours = (s % 86400) / 3600;
    const qint64 minutes = (s % 3600) / 60;
    const qint64 seconds = s % 60;
    QString text;
    if (days > 0)
        text = QCoreApplication::translate("zeiko::ui::Sla", "%1d %2h").arg(days).arg(hours);
    else if (hours > 0)
        text = QCoreApplication::translate("zeiko::ui::Sla", "%1h %2m").arg(hours).arg(minutes);
    else if (minutes > 0)
        text = QCoreApplication::translate("zeiko::ui::Sla", "%1m %2s").arg(minutes).arg(seconds, 2, 10, QLatin1Char('0'));
    else
        text = QCoreApplication::translate("zeiko::ui::Sla", "%1s").arg(seconds);
    return negative ? QStringLiteral("\u2212") + text : text;
}

QColor slaColour(SlaState state, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (state) {
    // Each at least 4.5:1 on Base and AlternateBase (tests/ui/test_ui_palette.cpp).
    case SlaState::OnTrack: return dark ? QColor(0x66, 0xbb, 0x6a) : QColor(0x2e, 0x7d, 0x32);
    case SlaState::AtRisk: return dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0x8f, 0x55, 0x00);
    case SlaState::Breached: return dark ? QColor(0xff, 0x6e, 0x6e) : QColor(0xc6, 0x28, 0x28);
    case SlaState::Paused: return mutedText(palette);
    case SlaState::Met: return dark ? QColor(0x90, 0xa4, 0xae) : QColor(0x54, 0x6e, 0x7a);
    }
    return palette.color(QPalette::Text);
}

QColor priorityColour(Priority priority, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (priority) {
    case Priority::Urgent: return dark ? QColor(0xff, 0x6e, 0x6e) : QColor(0xc6, 0x28, 0x28);
    case Priority::High: return dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0x8f, 0x55, 0x00);
    case Priority::Normal: return palette.color(QPalette::Text);
    case Priority::Low: return mutedText(palette);
    }
    return palette.color(QPalette::Text);
}

} // namespace zeiko::ui
