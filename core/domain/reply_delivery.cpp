#include "domain/reply_delivery.h"

#include "domain/ticket_rules.h"

namespace zeiko {

using namespace Qt::StringLiterals;

QString toString(ReplyDelivery delivery)
{
    switch (delivery) {
    case ReplyDelivery::Email: return u"email"_s;
    case ReplyDelivery::LiveChat: return u"live_chat"_s;
    case ReplyDelivery::ChatOnly: return u"chat_only"_s;
    }
    return {};
}

std::optional<ReplyDelivery> replyDeliveryFromString(QStringView text)
{
    for (const ReplyDelivery d : {ReplyDelivery::Email, ReplyDelivery::LiveChat, ReplyDelivery::ChatOnly})
        if (text == toString(d))
            return d;
    return std::nullopt;
}

std::optional<ReplyDelivery> replyDelivery(CommandType type, Source source, const QString &customerEmail)
{
    switch (type) {
    case CommandType::ChatReply: return ReplyDelivery::LiveChat;
    case CommandType::EmailReply:
        // A widget visitor who left no address can only read it in the chat.
        if (source == Source::Widget && customerEmail.trimmed().isEmpty())
            return ReplyDelivery::ChatOnly;
        return ReplyDelivery::Email;
    default: return std::nullopt;
    }
}

std::optional<ReplyDelivery> replyDelivery(CommandType type, const Ticket &ticket)
{
    return replyDelivery(type, ticket.source, ticket.customer.email);
}

std::optional<ReplyDelivery> recordedDelivery(const ThreadEntry &entry)
{
    if (entry.kind != EntryKind::HumanReply)
        return std::nullopt;
    return replyDeliveryFromString(entry.eventStatus);
}

CommandType replyCommandFor(const rules::TicketFacts &ticket, const QString &actorId)
{
    // Whether a live reply would be accepted is the command rules' to say (as the server will).
    Command chat;
    chat.type = CommandType::ChatReply;
    rules::ActorFacts actor;
    actor.id = actorId;
    const bool ownsLiveChat = !actorId.isEmpty()
        && !std::holds_alternative<rules::Refusal>(rules::apply(ticket, chat, actor));
    return ownsLiveChat ? CommandType::ChatReply : CommandType::EmailReply;
}

} // namespace zeiko
