#pragma once
// How a human reply reaches the customer — decided in one place for the
// server (which records it on the reply's entry and mails only what goes by
// email) and the console (the composer says it before sending, the thread
// and the handoff window label a reply by what it recorded).
//
// A widget ticket's customer reads replies in the website chat while they are
// in it live (a chat_reply from the operator who owns the active handoff);
// afterwards an email_reply is a follow-up email to the address the visitor
// left, and without one it waits in the chat history for them to come back.

#include "domain/types.h"

#include <QStringView>

#include <optional>

namespace zeiko {

enum class ReplyDelivery {
    Email,     // "email": mailed to the customer's address (a widget visitor's too: a follow-up)
    LiveChat,  // "live_chat": in the widget conversation the operator is in live
    ChatOnly,  // "chat_only": a widget visitor who left no address; only in the chat, read if they return
};

QString toString(ReplyDelivery delivery);
std::optional<ReplyDelivery> replyDeliveryFromString(QStringView text);

// Where the text of `type` reaches the customer of a ticket from `source`
// whose customer's address is `customerEmail`; nullopt for a command that is
// not a customer-visible reply.
std::optional<ReplyDelivery> replyDelivery(CommandType type, Source source, const QString &customerEmail);
std::optional<ReplyDelivery> replyDelivery(CommandType type, const Ticket &ticket);

// What a human reply recorded (its eventStatus); nullopt for other entries
// and for replies stored before deliveries were recorded.
std::optional<ReplyDelivery> recordedDelivery(const ThreadEntry &entry);

namespace rules {
struct TicketFacts;
}

// The reply command the operator `actorId` sends to the customer of a ticket
// with these facts (pending commands applied, in the console): chat_reply
// while the command rules let them speak in its live conversation (the
// handoff is active and theirs), else email_reply.
CommandType replyCommandFor(const rules::TicketFacts &ticket, const QString &actorId);

} // namespace zeiko
