#include "ui/facts_rail.h"

#include "models/labels.h"
#include "models/roles.h"
#include "ui/sla_clock.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QVBoxLayout>

namespace zeiko::ui {

namespace {
QString localTime(const QDateTime &utc)
{
    return utc.isValid() ? QLocale().toString(utc.toLocalTime(), QLocale::ShortFormat) : QString();
}

std::optional<QDateTime> dueAt(const QModelIndex &index, int role)
{
    const QVariant due = index.data(role);
    return due.isValid() ? std::optional<QDateTime>(due.toDateTime()) : std::nullopt;
}

QString handoffStateText(HandoffState state)
{
    switch (state) {
    case HandoffState::Requested: return FactsRail::tr("Requested — waiting for a human");
    case HandoffState::Assigned: return FactsRail::tr("Assigned, not joined yet");
    case HandoffState::Active: return FactsRail::tr("Active — a human is in the conversation");
    case HandoffState::Resolved: return FactsRail::tr("Resolved");
    }
    return {};
}
} // namespace

FactsRail::FactsRail(TicketCache &tickets, const TicketQueueModel &queue, QWidget *parent)
    : QScrollArea(parent)
    , m_tickets(tickets)
    , m_queue(queue)
{
    setObjectName(QStringLiteral("factsRail"));
    setAccessibleName(tr("Ticket facts"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(8, 8, 8, 8);

    m_title = new QLabel(content);
    m_title->setObjectName(QStringLiteral("factsTitle"));
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);
    m_pendingNote = new QLabel(tr("Shown with your changes that are not sent yet."), content);
    m_pendingNote->setObjectName(QStringLiteral("factsPendingNote"));
    m_pendingNote->setWordWrap(true);
    m_pendingNote->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_pendingNote);

    auto *ticketBox = new QGroupBox(tr("Ticket"), content);
    auto *form = new QFormLayout(ticketBox);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_status = addRow(form, tr("Status"), QStringLiteral("factsStatus"));
    m_priority = addRow(form, tr("Priority"), QStringLiteral("factsPriority"));
    m_owner = addRow(form, tr("Owner"), QStringLiteral("factsOwner"));
    m_assignee = addRow(form, tr("Assignee"), QStringLiteral("factsAssignee"));
    m_source = addRow(form, tr("Source"), QStringLiteral("factsSource"));
    m_customer = addRow(form, tr("Customer"), QStringLiteral("factsCustomer"));
    m_created = addRow(form, tr("Created"), QStringLiteral("factsCreated"));
    m_lastActivity = addRow(form, tr("Last activity"), QStringLiteral("factsLastActivity"));
    m_tags = addRow(form, tr("Tags"), QStringLiteral("factsTags"));
    layout->addWidget(ticketBox);

    auto *slaBox = new QGroupBox(tr("SLA"), content);
    auto *slaForm = new QFormLayout(slaBox);
    m_slaState = addRow(slaForm, tr("State"), QStringLiteral("factsSlaState"));
    m_firstDue = addRow(slaForm, tr("First response"), QStringLiteral("factsFirstResponseDue"));
    m_nextDue = addRow(slaForm, tr("Next response"), QStringLiteral("factsNextResponseDue"));
    m_resolutionDue = addRow(slaForm, tr("Resolution"), QStringLiteral("factsResolutionDue"));
    layout->addWidget(slaBox);

    m_shopifyBox = new QGroupBox(tr("Shopify order"), content);
    auto *shopifyLayout = new QVBoxLayout(m_shopifyBox);
    m_shopify = new QLabel(m_shopifyBox);
    m_shopify->setObjectName(QStringLiteral("factsShopify"));
    m_shopify->setWordWrap(true);
    m_shopify->setTextFormat(Qt::RichText);
    m_shopify->setOpenExternalLinks(false);
    m_shopify->setTextInteractionFlags(Qt::TextSelectableByMouse);
    shopifyLayout->addWidget(m_shopify);
    layout->addWidget(m_shopifyBox);

    auto *csatBox = new QGroupBox(tr("Customer satisfaction"), content);
    auto *csatLayout = new QVBoxLayout(csatBox);
    m_csat = new QLabel(csatBox);
    m_csat->setObjectName(QStringLiteral("factsCsat"));
    csatLayout->addWidget(m_csat);
    layout->addWidget(csatBox);

    m_handoffBox = new QGroupBox(tr("Handoff conversation"), content);
    auto *handoffLayout = new QVBoxLayout(m_handoffBox);
    m_handoff = new QLabel(m_handoffBox);
    m_handoff->setObjectName(QStringLiteral("factsHandoff"));
    m_handoff->setWordWrap(true);
    m_openHandoff = new QPushButton(tr("Open handoff conversation"), m_handoffBox);
    m_openHandoff->setObjectName(QStringLiteral("openHandoffButton"));
    m_openHandoff->setAccessibleName(tr("Open the linked handoff conversation"));
    connect(m_openHandoff, &QPushButton::clicked, this, &FactsRail::openHandoffRequested);
    handoffLayout->addWidget(m_handoff);
    handoffLayout->addWidget(m_openHandoff);
    layout->addWidget(m_handoffBox);
    layout->addStretch(1);
    setWidget(content);

    connect(&m_tickets, &TicketCache::ticketChanged, this, [this](TicketId id) {
        if (id == m_ticketId)
            refresh();
    });
    // A command queued, sent or refused changes the row, not the stored ticket.
    connect(&m_queue, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
        const int row = m_queue.rowOf(m_ticketId);
        if (m_ticketId != 0 && row >= from.row() && row <= to.row())
            refresh();
    });
    connect(&m_queue, &QAbstractItemModel::modelReset, this, &FactsRail::refresh);
    connect(&m_queue, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        const int row = m_queue.rowOf(m_ticketId);
        if (m_ticketId != 0 && row >= first && row <= last)
            refresh();
    });
    refresh();
}

QModelIndex FactsRail::queueIndex() const
{
    const int row = m_ticketId ? m_queue.rowOf(m_ticketId) : -1;
    return row >= 0 ? m_queue.index(row, 0) : QModelIndex();
}

QLabel *FactsRail::addRow(QFormLayout *form, const QString &label, const QString &objectName)
{
    auto *value = new QLabel(form->parentWidget());
    value->setObjectName(objectName);
    value->setAccessibleName(label);
    value->setWordWrap(true);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(label, value);
    return value;
}

void FactsRail::setTicket(TicketId id)
{
    m_ticketId = id;
    refresh();
}

QString FactsRail::dueText(const std::optional<QDateTime> &due) const
{
    if (!due)
        return tr("—");
    const qint64 left = QDateTime::currentDateTimeUtc().msecsTo(*due);
    return tr("%1 (%2)").arg(localTime(*due),
                             left >= 0 ? tr("in %1").arg(formatCountdown(left))
                                       : tr("%1 overdue").arg(formatCountdown(-left)));
}

void FactsRail::tick()
{
    const Ticket *t = m_ticketId ? m_tickets.ticket(m_ticketId) : nullptr;
    const QModelIndex row = queueIndex();
    if (!t || !row.isValid())
        return;
    // The state and dates as the queue shows them: pending commands applied.
    const auto status = TicketStatus(row.data(StatusRole).toInt());
    const auto sla = SlaState(row.data(SlaStateRole).toInt());
    const auto firstDue = dueAt(row, FirstResponseDueRole);
    const auto nextDue = dueAt(row, NextResponseDueRole);
    const auto resolutionDue = dueAt(row, ResolutionDueRole);
    // Countdowns only while the clock runs: not when met, paused or done.
    const bool running = (sla == SlaState::OnTrack || sla == SlaState::AtRisk || sla == SlaState::Breached)
        && status != TicketStatus::Resolved && status != TicketStatus::Closed;
    auto shown = [this, running](const std::optional<QDateTime> &due) {
        return running ? dueText(due) : due ? localTime(*due) : tr("—");
    };
    m_firstDue->setText(t->sla.firstRespondedAt ? tr("Met at %1").arg(localTime(*t->sla.firstRespondedAt)) : shown(firstDue));
    m_nextDue->setText(shown(nextDue));
    m_resolutionDue->setText(shown(resolutionDue));
}

void FactsRail::refresh()
{
    const Ticket *t = m_ticketId ? m_tickets.ticket(m_ticketId) : nullptr;
    const QModelIndex row = queueIndex();
    widget()->setEnabled(t != nullptr && row.isValid());
    if (!t || !row.isValid()) {
        m_title->setText(tr("No ticket selected"));
        m_pendingNote->hide();
        for (QLabel *label : {m_status, m_priority, m_owner, m_assignee, m_source, m_customer, m_created,
                              m_lastActivity, m_tags, m_slaState, m_firstDue, m_nextDue, m_resolutionDue})
            label->clear();
        m_shopifyBox->hide();
        m_handoffBox->hide();
        m_csat->clear();
        return;
    }
    m_title->setText(tr("#%1 %2").arg(t->number).arg(t->subject.isEmpty() ? tr("(no subject)") : t->subject));
    // What queued commands change: from the queue's row, as the queue and the title show it.
    const rules::TicketFacts facts = ticketFactsAt(row);
    m_pendingNote->setVisible(row.data(PendingRole).toBool());
    m_status->setText(labels::status(facts.status));
    m_priority->setText(labels::priority(facts.priority));
    m_owner->setText(facts.ownerMode == OwnerMode::Human ? tr("Human (taken over)")
                     : row.data(HandoffWaitingRole).toBool() ? tr("AI agent — handoff waiting for a human")
                                                             : tr("AI agent"));
    const QString assigneeName = row.data(AssigneeNameRole).toString();
    m_assignee->setText(!facts.assignee ? tr("Unassigned")
                        : row.data(AssigneeIsAgentRole).toBool() ? tr("%1 (AI agent)").arg(assigneeName)
                                                                  : assigneeName);
    m_source->setText(labels::source(t->source));
    QString customer = t->customer.name;
    if (!t->customer.email.isEmpty()) {
        // A widget visitor's address is their claim: say so in words, next to it.
        // On a line of its own: a wrapped last line gets clipped in the form.
        const QString email = t->customer.emailVerified
                                  ? t->customer.email
                                  : t->customer.email + QStringLiteral("\n") + tr("(unverified: typed into the chat)");
        customer += customer.isEmpty() ? email : QStringLiteral("\n") + email;
    }
    if (customer.isEmpty())
        customer = tr("Anonymous visitor");
    // Not colour alone: the words say that replies will not reach them by mail, and why (the server's reason).
    if (!t->customer.emailProblem.isEmpty())
        customer += QStringLiteral("\n") + tr("⚠ Replies cannot be emailed to this address: %1").arg(t->customer.emailProblem);
    m_customer->setText(customer);
    m_created->setText(localTime(t->createdAt));
    m_lastActivity->setText(localTime(t->lastActivityAt));
    m_tags->setText(t->tags.isEmpty() ? tr("—") : t->tags.join(QStringLiteral(", ")));
    m_slaState->setText(labels::slaState(facts.slaState));
    m_slaState->setStyleSheet(QStringLiteral("color: %1; font-weight: bold").arg(slaColour(facts.slaState, palette()).name()));
    tick();

    if (t->shopifyOrder) {
        const ShopifyOrder &o = *t->shopifyOrder;
        QString html = QStringLiteral("<b>%1</b> · %2 %3<br>%4: %5<br>%6: %7")
                           .arg(o.orderNumber.toHtmlEscaped(), o.totalPrice.toHtmlEscaped(), o.currency.toHtmlEscaped(),
                                tr("Payment").toHtmlEscaped(), o.financialStatus.toHtmlEscaped(),
                                tr("Fulfilment").toHtmlEscaped(), o.fulfillmentStatus.toHtmlEscaped());
        for (const ShopifyLineItem &item : o.lineItems)
            html += QStringLiteral("<br>%1 × %2 (%3)").arg(item.quantity).arg(item.title.toHtmlEscaped(), item.price.toHtmlEscaped());
        if (!o.trackingNumber.isEmpty())
            html += QStringLiteral("<br>%1: %2").arg(tr("Tracking").toHtmlEscaped(), o.trackingNumber.toHtmlEscaped());
        m_shopify->setText(html);
        m_shopifyBox->show();
    } else {
        m_shopifyBox->hide();
    }
    m_csat->setText(t->csat ? tr("%1 of 5 %2").arg(*t->csat).arg(QString(*t->csat, QChar(0x2605)))
                            : tr("Not rated yet"));

    if (!t->handoffId.isEmpty()) {
        // The live handoff with queued commands applied (a pending take-over makes it active).
        const bool synced = m_tickets.handoff(t->id).has_value();
        m_handoff->setText(synced && facts.handoff ? handoffStateText(facts.handoff->state)
                                                   : tr("Linked handoff %1").arg(t->handoffId));
        m_handoffBox->show();
    } else {
        m_handoffBox->hide();
    }
}

} // namespace zeiko::ui
