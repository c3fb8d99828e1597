#pragma once
// Every enum of the shared domain with its one wire spelling. Decoding an
// unknown spelling is an error (DecodeError), never a silent default.

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace zeiko {

enum class TicketStatus {
    Open,               // new or reopened, nobody waiting on anyone yet
    WaitingOnCustomer,  // we replied; SLA paused until the customer answers
    WaitingOnTeam,      // the customer answered; the team owes a reply
    Resolved,           // answered and done; a customer reply reopens it
    Closed,             // final; only an explicit reopen brings it back
};

enum class Priority { Low, Normal, High, Urgent };

enum class Source {
    Widget,   // website chat widget
    Handoff,  // an AI agent escalated a live conversation
    Email,    // support+slug@ alias
    Shopify,  // order issue that needs durable follow-up
};

enum class OwnerMode {
    Agent,  // the AI agent still answers
    Human,  // a human took over; automation stays quiet
};

enum class SlaState {
    OnTrack,   // due dates ahead
    AtRisk,    // within the warning window of a due date
    Breached,  // a due date passed unmet
    Paused,    // waiting on the customer
    Met,       // a human answered in time (or the ticket is done)
};

enum class EntryKind {
    CustomerMessage,  // from the customer (widget or email)
    AgentReply,       // from the AI agent, customer-visible
    HumanReply,       // from an operator, customer-visible (email reply)
    InternalNote,     // operator-only, never customer-visible
    EmailEvent,       // outbound mail sent / delivered / bounced / failed
    HandoffEvent,     // handoff requested / assigned / resolved
    AuditEvent,       // status, priority, assignment changes
    ShopifyEvent,     // order context arrived or changed
};

enum class Visibility {
    Public,    // the customer sees it
    Internal,  // operators only
};

enum class ActorKind { Customer, Agent, Operator, System };

enum class HandoffState {
    Requested,  // the AI agent asked for a human
    Assigned,   // routed to an operator, not yet joined
    Active,     // a human owns the live conversation
    Resolved,   // the human finished; CSAT may be asked
};

enum class CommandType {
    EmailReply,    // customer-visible reply by email
    InternalNote,  // private note
    TakeOver,      // agent -> human ownership
    Reopen,        // resolved/closed -> open
    Close,         // -> closed (refused while a handoff is open)
    ForceClose,    // -> closed even with an open handoff; needs a reason
    SetPriority,
    Assign,        // to an operator
    Unassign,
    ChatReply,     // live reply in the handoff's widget conversation (the owner only)
    ResolveHandoff,  // ends the open handoff: ticket resolved, CSAT asked of the visitor
    // Not about a ticket (isTicketCommand() is false; see domain/command_targets.h):
    UpdateHandoffSettings,  // the tenant's: one AI agent's handoff settings
};

enum class EventType {
    TicketCreated,  // carries the ticket (and its first entry, if any)
    TicketUpdated,  // carries the ticket after the change
    EntryAdded,     // carries the ticket and the new entry
    HandoffUpdated, // carries the handoff and its ticket
    // Tenant-level (no ticketId; Event::scope says whose):
    HandoffSettingsUpdated,  // carries the AI agent's handoff settings after the change
};

// What a command is about, and so which queue lane it waits in
// (domain/command_targets.h): one ticket, the tenant, or the signed-in operator.
enum class TargetKind { Ticket, Tenant, Operator };

enum class OperatorRole { Admin, Operator };

QString toString(TicketStatus v);
QString toString(Priority v);
QString toString(Source v);
QString toString(OwnerMode v);
QString toString(SlaState v);
QString toString(EntryKind v);
QString toString(Visibility v);
QString toString(ActorKind v);
QString toString(HandoffState v);
QString toString(CommandType v);
QString toString(EventType v);
QString toString(OperatorRole v);
QString toString(TargetKind v);

// Commands applied to one ticket (the status state machine's); the others
// name their targets (Command::targets) and go to POST /api/v1/commands.
bool isTicketCommand(CommandType type);
// The ticket commands, in declaration order (the rule tables cover exactly these).
QList<CommandType> ticketCommandTypes();

// Commands whose body becomes a thread entry (replies and notes).
bool carriesBody(CommandType type);
// The entry kind a command's thread row has: its text's kind, or an audit line.
EntryKind entryKindFor(CommandType type);

// Parse a wire spelling; std::nullopt when unknown. The codecs turn that
// into a DecodeError naming the field.
template<typename E> std::optional<E> enumFromString(QStringView text);

template<> std::optional<TicketStatus> enumFromString<TicketStatus>(QStringView);
template<> std::optional<Priority> enumFromString<Priority>(QStringView);
template<> std::optional<Source> enumFromString<Source>(QStringView);
template<> std::optional<OwnerMode> enumFromString<OwnerMode>(QStringView);
template<> std::optional<SlaState> enumFromString<SlaState>(QStringView);
template<> std::optional<EntryKind> enumFromString<EntryKind>(QStringView);
template<> std::optional<Visibility> enumFromString<Visibility>(QStringView);
template<> std::optional<ActorKind> enumFromString<ActorKind>(QStringView);
template<> std::optional<HandoffState> enumFromString<HandoffState>(QStringView);
template<> std::optional<CommandType> enumFromString<CommandType>(QStringView);
template<> std::optional<EventType> enumFromString<EventType>(QStringView);
template<> std::optional<OperatorRole> enumFromString<OperatorRole>(QStringView);
template<> std::optional<TargetKind> enumFromString<TargetKind>(QStringView);

// All values, in declaration order (for tests, generators and menus).
template<typename E> QList<E> allValues();
template<> QList<TicketStatus> allValues<TicketStatus>();
template<> QList<Priority> allValues<Priority>();
template<> QList<Source> allValues<Source>();
template<> QList<OwnerMode> allValues<OwnerMode>();
template<> QList<SlaState> allValues<SlaState>();
template<> QList<EntryKind> allValues<EntryKind>();
template<> QList<Visibility> allValues<Visibility>();
template<> QList<ActorKind> allValues<ActorKind>();
template<> QList<HandoffState> allValues<HandoffState>();
template<> QList<CommandType> allValues<CommandType>();
template<> QList<EventType> allValues<EventType>();
template<> QList<OperatorRole> allValues<OperatorRole>();
template<> QList<TargetKind> allValues<TargetKind>();

} // namespace zeiko
