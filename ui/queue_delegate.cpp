#include "ui/queue_delegate.h"

#include "models/labels.h"
#include "models/roles.h"
#include "models/ticket_queue_model.h"
#include "ui/palette.h"
#include "ui/sla_clock.h"

#include <QApplication>
#include <QPainter>

namespace zeiko::ui {

QueueDelegate::QueueDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QueueDelegate::QueueDelegate(TicketCache &, QObject *parent)
    : QueueDelegate(parent)
{
}

QString QueueDelegate::slaText(const QModelIndex &index) const
{
    const auto state = SlaState(index.data(SlaStateRole).toInt());
    QString text = labels::slaState(state);
    if (state == SlaState::OnTrack || state == SlaState::AtRisk || state == SlaState::Breached) {
        const QVariant due = index.data(SlaDueRole);
        if (due.isValid())
            text += QStringLiteral(" · ") + formatCountdown(QDateTime::currentDateTimeUtc().msecsTo(due.toDateTime()));
    }
    return text;
}

QString QueueDelegate::ownerText(const QModelIndex &index) const
{
    if (OwnerMode(index.data(OwnerModeRole).toInt()) == OwnerMode::Human)
        return tr("Human");
    if (index.data(HandoffWaitingRole).toBool())
        return tr("Handoff waiting");
    return tr("AI agent");
}

QColor ownerBadgeColour(OwnerBadge badge, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (badge) {
    case OwnerBadge::Human: return dark ? QColor(0x6f, 0xd4, 0x9a) : QColor(0x1e, 0x6b, 0x40);
    case OwnerBadge::HandoffWaiting: return dark ? QColor(0xd3, 0x9e, 0x00) : QColor(0x7a, 0x56, 0x00);
    case OwnerBadge::Agent: return dark ? QColor(0xc0, 0xa8, 0xff) : QColor(0x5e, 0x3f, 0xa8);
    }
    return palette.color(QPalette::Text);
}

void QueueDelegate::paintBadge(QPainter *painter, const QRect &rect, const QString &text, const QColor &colour) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor fill = colour;
    fill.setAlpha(40);
    painter->setPen(colour);
    painter->setBrush(fill);
    painter->drawRoundedRect(rect, 4, 4);
    painter->drawText(rect, Qt::AlignCenter, text);
    painter->restore();
}

void QueueDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const bool unread = index.data(UnreadRole).toBool();
    if (unread)
        opt.font.setBold(true);
    const int column = index.column();
    if (column != TicketQueueModel::NumberColumn && column != TicketQueueModel::SlaColumn
        && column != TicketQueueModel::AssigneeColumn && column != TicketQueueModel::PriorityColumn) {
        QStyledItemDelegate::paint(painter, opt, index);
        return;
    }

    // Background and selection from the style; our own text on top.
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette &palette = opt.palette;
    const QColor textColour = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    QRect r = opt.rect.adjusted(4, 0, -4, 0);
    painter->save();
    painter->setFont(opt.font);
    const QFontMetrics fm(opt.font);

    switch (column) {
    case TicketQueueModel::NumberColumn: {
        const int dot = 7;
        if (unread) {
            painter->setRenderHint(QPainter::Antialiasing);
            painter->setPen(Qt::NoPen);
            painter->setBrush(selected ? textColour : palette.color(QPalette::Highlight));
            painter->drawEllipse(QRect(r.left(), r.center().y() - dot / 2, dot, dot));
        }
        r.setLeft(r.left() + dot + 5);
        QString text = index.data(Qt::DisplayRole).toString();
        if (index.data(FailedRole).toBool())
            text += QStringLiteral(" \u26A0");
        else if (index.data(PendingRole).toBool())
            text += QStringLiteral(" \u2026");
        painter->setPen(index.data(FailedRole).toBool() && !selected ? slaColour(SlaState::Breached, palette) : textColour);
        painter->drawText(r, Qt::AlignVCenter | Qt::AlignLeft, text);
        break;
    }
    case TicketQueueModel::PriorityColumn: {
        const auto priority = Priority(index.data(PriorityRole).toInt());
        QFont font = opt.font;
        font.setBold(priority == Priority::Urgent || unread);
        painter->setFont(font);
        painter->setPen(selected ? textColour : priorityColour(priority, palette));
        painter->drawText(r, Qt::AlignVCenter | Qt::AlignLeft, index.data(Qt::DisplayRole).toString());
        break;
    }
    case TicketQueueModel::SlaColumn: {
        const auto state = SlaState(index.data(SlaStateRole).toInt());
        const QColor colour = slaColour(state, palette);
        const int dot = 8;
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(colour);
        painter->drawEllipse(QRect(r.left(), r.center().y() - dot / 2, dot, dot));
        r.setLeft(r.left() + dot + 5);
        painter->setPen(selected ? textColour : colour);
        painter->drawText(r, Qt::AlignVCenter | Qt::AlignLeft, fm.elidedText(slaText(index), Qt::ElideRight, r.width()));
        break;
    }
    case TicketQueueModel::AssigneeColumn: {
        const QString owner = ownerText(index);
        const bool human = OwnerMode(index.data(OwnerModeRole).toInt()) == OwnerMode::Human;
        const bool waiting = !human && owner == tr("Handoff waiting");
        const QString badge = human ? tr("Human") : waiting ? tr("Handoff") : tr("AI");
        const QColor colour = ownerBadgeColour(
            human ? OwnerBadge::Human : waiting ? OwnerBadge::HandoffWaiting : OwnerBadge::Agent, palette);
        QFont small = opt.font;
        small.setPointSizeF(small.pointSizeF() * 0.85);
        painter->setFont(small);
        const int badgeWidth = QFontMetrics(small).horizontalAdvance(badge) + 10;
        const QRect badgeRect(r.left(), r.center().y() - fm.height() / 2, badgeWidth, fm.height());
        paintBadge(painter, badgeRect, badge, selected ? textColour : colour);
        painter->setFont(opt.font);
        painter->setPen(textColour);
        r.setLeft(badgeRect.right() + 6);
        painter->drawText(r, Qt::AlignVCenter | Qt::AlignLeft,
                          fm.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight, r.width()));
        break;
    }
    }
    painter->restore();
}

QSize QueueDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(qMax(size.height(), option.fontMetrics.height() + 10));
    if (index.column() == TicketQueueModel::SlaColumn)
        size.setWidth(qMax(size.width(), option.fontMetrics.horizontalAdvance(QStringLiteral("At risk · 59m 59s")) + 24));
    return size;
}

} // namespace zeiko::ui
