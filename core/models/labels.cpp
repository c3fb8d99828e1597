#include "models/labels.h"

#include <QCoreApplication>

namespace zeiko::labels {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("zeiko::labels", text);
}
} // namespace

QString status(TicketStatus value)
{
    switch (value) {
    case TicketStatus::Open: return tr("Open");
    case TicketStatus::WaitingOnCustomer: return tr("Waiting on customer");
    case TicketStatus::WaitingOnTeam: return tr("Waiting on team");
    case TicketStatus::Resolved: return tr("Resolved");
    case TicketStatus::Closed: return tr("Closed");
    }
    return {};
}

QString priority(Priority value)
{
    switch (value) {
    case Priority::Low: return tr("Low");
    case Priority::Normal: return tr("Normal");
    case Priority::High: return tr("High");
    case Priority::Urgent: return tr("Urgent");
    }
    return {};
}

QString slaState(SlaState value)
{
    switch (value) {
    case SlaState::OnTrack: return tr("On track");
    case SlaState::AtRisk: return tr("At risk");
    case SlaState::Breached: return tr("Breached");
    case SlaState::Paused: return tr("Paused");
    case SlaState::Met: return tr("Met");
    }
    return {};
}

QString source(Source value)
{
    switch (value) {
    case Source::Widget: return tr("Widget");
    case Source::Handoff: return tr("Handoff");
    case Source::Email: return tr("Email");
    case Source::Shopify: return tr("Shopify");
    }
    return {};
}

QString ownerMode(OwnerMode value)
{
    switch (value) {
    case OwnerMode::Agent: return tr("AI agent");
    case OwnerMode::Human: return tr("Human");
    }
    return {};
}

QString entryKind(EntryKind value)
{
    switch (value) {
    case EntryKind::CustomerMessage: return tr("Customer message");
    case EntryKind::AgentReply: return tr("AI agent reply");
    case EntryKind::HumanReply: return tr("Reply");
    case EntryKind::InternalNote: return tr("Internal note");
    case EntryKind::EmailEvent: return tr("Email");
    case EntryKind::HandoffEvent: return tr("Handoff");
    case EntryKind::AuditEvent: return tr("Change");
    case EntryKind::ShopifyEvent: return tr("Shopify");
    }
    return {};
}

QString command(const Command &command)
{
    switch (command.type) {
    case CommandType::EmailReply: return tr("Email reply");
    case CommandType::ChatReply: return tr("Live chat reply");
    case CommandType::InternalNote: return tr("Internal note");
    case CommandType::TakeOver: return tr("Take over from the AI agent");
    case CommandType::Reopen: return tr("Reopen");
    case CommandType::Close: return tr("Close");
    case CommandType::ForceClose:
        return command.reason.isEmpty() ? tr("Force close") : tr("Force close: %1").arg(command.reason);
    case CommandType::SetPriority:
        return tr("Set priority to %1").arg(command.priority ? priority(*command.priority) : QString());
    case CommandType::Assign: return tr("Assign");
    case CommandType::Unassign: return tr("Unassign");
    case CommandType::ResolveHandoff: return tr("Resolve the handoff");
    case CommandType::UpdateHandoffSettings: return tr("Change the handoff settings of %1").arg(command.agentId);
    }
    return {};
}

QString reply(std::optional<ReplyDelivery> delivery, ReplyProgress progress)
{
    // Only what the server confirmed has left; a confirmed email is queued
    // for sending (its sent / failed line follows in the thread).
    if (!delivery) {
        switch (progress) {
        case ReplyProgress::Pending: return tr("Reply · not sent yet");
        case ReplyProgress::Failed: return tr("Reply · not sent");
        case ReplyProgress::Confirmed: return tr("Reply · to the customer");
        }
        return {};
    }
    switch (*delivery) {
    case ReplyDelivery::Email:
        switch (progress) {
        case ReplyProgress::Pending: return tr("Email reply · not sent yet");
        case ReplyProgress::Failed: return tr("Email reply · not sent");
        case ReplyProgress::Confirmed: return tr("Email reply · emailed to the customer");
        }
        break;
    case ReplyDelivery::LiveChat:
        switch (progress) {
        case ReplyProgress::Pending: return tr("Live reply · not sent yet");
        case ReplyProgress::Failed: return tr("Live reply · not sent");
        case ReplyProgress::Confirmed: return tr("Live reply · in the customer's chat");
        }
        break;
    case ReplyDelivery::ChatOnly:
        switch (progress) {
        case ReplyProgress::Pending: return tr("Chat reply · not sent yet");
        case ReplyProgress::Failed: return tr("Chat reply · not sent");
        case ReplyProgress::Confirmed: return tr("Chat reply · in the website chat only, not emailed");
        }
        break;
    }
    return {};
}

} // namespace zeiko::labels
