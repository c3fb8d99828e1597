#include "domain/enums.h"

#include <QList>

#include <array>
#include <utility>

namespace zeiko {

namespace {

template<typename E, std::size_t N>
using Table = std::array<std::pair<E, const char16_t *>, N>;

constexpr Table<TicketStatus, 5> ticketStatusNames{{
    {TicketStatus::Open, u"open"},
    {TicketStatus::WaitingOnCustomer, u"waiting_on_customer"},
    {TicketStatus::WaitingOnTeam, u"waiting_on_team"},
    {TicketStatus::Resolved, u"resolved"},
    {TicketStatus::Closed, u"closed"},
}};
constexpr Table<Priority, 4> priorityNames{{
    {Priority::Low, u"low"},
    {Priority::Normal, u"normal"},
    {Priority::High, u"high"},
    {Priority::Urgent, u"urgent"},
}};
constexpr Table<Source, 4> sourceNames{{
    {Source::Widget, u"widget"},
    {Source::Handoff, u"handoff"},
    {Source::Email, u"email"},
    {Source::Shopify, u"shopify"},
}};
constexpr Table<OwnerMode, 2> ownerModeNames{{
    {OwnerMode::Agent, u"agent"},
    {OwnerMode::Human, u"human"},
}};
constexpr Table<SlaState, 5> slaStateNames{{
    {SlaState::OnTrack, u"on_track"},
    {SlaState::AtRisk, u"at_risk"},
    {SlaState::Breached, u"breached"},
    {SlaState::Paused, u"paused"},
    {SlaState::Met, u"met"},
}};
constexpr Table<EntryKind, 8> entryKindNames{{
    {EntryKind::CustomerMessage, u"customer_message"},
    {EntryKind::AgentReply, u"agent_reply"},
    {EntryKind::HumanReply, u"human_reply"},
    {EntryKind::InternalNote, u"internal_note"},
    {EntryKind::EmailEvent, u"email_event"},
    {EntryKind::HandoffEvent, u"handoff_event"},
    {EntryKind::AuditEvent, u"audit_event"},
    {EntryKind::ShopifyEvent, u"shopify_event"},
}};
constexpr Table<Visibility, 2> visibilityNames{{
    {Visibility::Public, u"public"},
    {Visibility::Internal, u"internal"},
}};
constexpr Table<ActorKind, 4> actorKindNames{{
    {ActorKind::Customer, u"customer"},
    {ActorKind::Agent, u"agent"},
    {ActorKind::Operator, u"operator"},
    {ActorKind::System, u"system"},
}};
constexpr Table<HandoffState, 4> handoffStateNames{{
    {HandoffState::Requested, u"requested"},
    {HandoffState::Assigned, u"assigned"},
    {HandoffState::Active, u"active"},
    {HandoffState::Resolved, u"resolved"},
}};
constexpr Table<CommandType, 12> commandTypeNames{{
    {CommandType::EmailReply, u"email_reply"},
    {CommandType::InternalNote, u"internal_note"},
    {CommandType::TakeOver, u"take_over"},
    {CommandType::Reopen, u"reopen"},
    {CommandType::Close, u"close"},
    {CommandType::ForceClose, u"force_close"},
    {CommandType::SetPriority, u"set_priority"},
    {CommandType::Assign, u"assign"},
    {CommandType::Unassign, u"unassign"},
    {CommandType::ChatReply, u"chat_reply"},
    {CommandType::ResolveHandoff, u"resolve_handoff"},
    {CommandType::UpdateHandoffSettings, u"update_handoff_settings"},
}};
constexpr Table<EventType, 5> eventTypeNames{{
    {EventType::TicketCreated, u"ticket_created"},
    {EventType::TicketUpdated, u"ticket_updated"},
    {EventType::EntryAdded, u"entry_added"},
    {EventType::HandoffUpdated, u"handoff_updated"},
    {EventType::HandoffSettingsUpdated, u"handoff_settings_updated"},
}};
constexpr Table<TargetKind, 3> targetKindNames{{
    {TargetKind::Ticket, u"ticket"},
    {TargetKind::Tenant, u"tenant"},
    {TargetKind::Operator, u"operator"},
}};
constexpr Table<OperatorRole, 2> operatorRoleNames{{
    {OperatorRole::Admin, u"admin"},
    {OperatorRole::Operator, u"operator"},
}};

template<typename E, std::size_t N>
QString nameOf(const Table<E, N> &table, E value)
{
    for (const auto &[v, name] : table) {
        if (v == value)
            return QString::fromUtf16(name);
    }
    Q_UNREACHABLE();
    return {};
}

template<typename E, std::size_t N>
std::optional<E> valueOf(const Table<E, N> &table, QStringView text)
{
    for (const auto &[v, name] : table) {
        if (text == QStringView(name))
            return v;
    }
    return std::nullopt;
}

template<typename E, std::size_t N>
QList<E> valuesOf(const Table<E, N> &table)
{
    QList<E> values;
    for (const auto &entry : table)
        values.append(entry.first);
    return values;
}

} // namespace

#define ZEIKO_ENUM_NAMES(Type, table)                                                \
    QString toString(Type v) { return nameOf(table, v); }                            \
    template<> std::optional<Type> enumFromString<Type>(QStringView text)            \
    {                                                                                \
        return valueOf(table, text);                                                 \
    }                                                                                \
    template<> QList<Type> allValues<Type>() { return valuesOf(table); }

ZEIKO_ENUM_NAMES(TicketStatus, ticketStatusNames)
ZEIKO_ENUM_NAMES(Priority, priorityNames)
ZEIKO_ENUM_NAMES(Source, sourceNames)
ZEIKO_ENUM_NAMES(OwnerMode, ownerModeNames)
ZEIKO_ENUM_NAMES(SlaState, slaStateNames)
ZEIKO_ENUM_NAMES(EntryKind, entryKindNames)
ZEIKO_ENUM_NAMES(Visibility, visibilityNames)
ZEIKO_ENUM_NAMES(ActorKind, actorKindNames)
ZEIKO_ENUM_NAMES(HandoffState, handoffStateNames)
ZEIKO_ENUM_NAMES(CommandType, commandTypeNames)
ZEIKO_ENUM_NAMES(EventType, eventTypeNames)
ZEIKO_ENUM_NAMES(OperatorRole, operatorRoleNames)
ZEIKO_ENUM_NAMES(TargetKind, targetKindNames)

#undef ZEIKO_ENUM_NAMES

bool isTicketCommand(CommandType type)
{
    return type != CommandType::UpdateHandoffSettings;
}

QList<CommandType> ticketCommandTypes()
{
    QList<CommandType> types = allValues<CommandType>();
    types.removeIf([](CommandType type) { return !isTicketCommand(type); });
    return types;
}

bool carriesBody(CommandType type)
{
    return type == CommandType::EmailReply || type == CommandType::ChatReply || type == CommandType::InternalNote;
}

EntryKind entryKindFor(CommandType type)
{
    switch (type) {
    case CommandType::EmailReply:
    case CommandType::ChatReply:
        return EntryKind::HumanReply;
    case CommandType::InternalNote:
        return EntryKind::InternalNote;
    case CommandType::ResolveHandoff:
        return EntryKind::HandoffEvent;
    default:
        return EntryKind::AuditEvent;
    }
}

} // namespace zeiko
