#include "ui/facts_rail.h"

#include "models/labels.h"
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

FactsRail::FactsRail(TicketCache &tickets, QWidget *parent)
    : QScrollArea(parent)
    , m_tickets(tickets)
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
    refresh();
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
    if (const Ticket *t = m_ticketId ? m_tickets.ticket(m_ticketId) : nullptr) {
        // Countdowns only while the clock runs: not when met, paused or done.
        const bool running = (t->sla.state == SlaState::OnTrack || t->sla.state == SlaState::AtRisk
                               || t->sla.state == SlaState::Breached)
            && t->status != TicketStatus::Resolved && t->status != TicketStatus::Closed;
        if (!running) {
            auto plain = [](const std::optional<QDateTime> &due) { return due ? localTime(*due) : tr("—"); };
            m_firstDue->setText(t->sla.firstRespondedAt ? tr("Met at %1").arg(localTime(*t->sla.firstRespondedAt))
                                                        : plain(t->sla.firstResponseDue));
            m_nextDue->setText(plain(t->sla.nextResponseDue));
            m_resolutionDue->setText(plain(t->sla.resolutionDue));
            return;
        }
        m_firstDue->setText(t->sla.firstRespondedAt ? tr("Met at %1").arg(localTime(*t->sla.firstRespondedAt))
                                                    : dueText(t->sla.firstResponseDue));
        m_nextDue->setText(dueText(t->sla.nextResponseDue));
        m_resolutionDue->setText(dueText(t->sla.resolutionDue));
    }
}

void FactsRail::refresh()
{
    const Ticket *t = m_ticketId ? m_tickets.ticket(m_ticketId) : nullptr;
    widget()->setEnabled(t != nullptr);
    if (!t) {
        m_title->setText(tr("No ticket selected"));
        for (QLabel *label : {m_status, m_priority, m_owner, m_assignee, m_source, m_customer, m_created,
                              m_lastActivity, m_tags, m_slaState, m_firstDue, m_nextDue, m_resolutionDue})
            label->clear();
        m_shopifyBox->hide();
        m_handoffBox->hide();
        m_csat->clear();
        return;
    }
    m_title->setText(tr("#%1 %2").arg(t->number).arg(t->subject.isEmpty() ? tr("(no subject)") : t->subject));
    m_status->setText(labels::status(t->status));
    m_priority->setText(labels::priority(t->priority));
    m_owner->setText(t->ownerMode == OwnerMode::Human ? tr("Human (taken over)")
                     : m_tickets.isHandoffWaiting(t->id) ? tr("AI agent — handoff waiting for a human")
                                                          : tr("AI agent"));
    m_assignee->setText(!t->assignee ? tr("Unassigned")
                        : t->assignee->kind == ActorKind::Agent ? tr("%1 (AI agent)").arg(t->assignee->name)
                                                                : t->assignee->name);
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
    m_slaState->setText(labels::slaState(t->sla.state));
    m_slaState->setStyleSheet(QStringLiteral("color: %1; font-weight: bold").arg(slaColour(t->sla.state, palette()).name()));
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
        const auto handoff = m_tickets.handoff(t->id);
        m_handoff->setText(handoff ? handoffStateText(handoff->state)
                                   : tr("Linked handoff %1").arg(t->handoffId));
        m_handoffBox->show();
    } else {
        m_handoffBox->hide();
    }
}

} // namespace zeiko::ui
