#pragma once
// Reply shapes of docs/api.md that are envelopes around domain types.

#include "domain/types.h"

#include <QJsonObject>

namespace zeiko {

struct Session {
    Operator self;
    Tenant tenant;
};

struct SignInResult {
    QString token;   // never logged
    Session session;
};

struct TicketDetail {
    Ticket ticket;
    QList<ThreadEntry> entries;
    std::optional<Handoff> handoff;
};

struct TicketListPage {
    QList<Ticket> tickets;
    QString nextCursor;   // empty on the last page
};

// GET /tickets filter; empty fields are left out of the query.
struct TicketQuery {
    QString status;     // wire spelling, e.g. "open"
    QString assignee;   // "me", "none" or an operator id
    int limit = 0;
    QString cursor;
};

struct NewTicket {
    QString subject;
    Customer customer;
    Source source = Source::Email;
    std::optional<Priority> priority;
    QString body;
};

// Strict decoders (throw DecodeError naming the field).
Session decodeSession(const QJsonObject &object);
SignInResult decodeSignIn(const QJsonObject &object);
TicketDetail decodeTicketDetail(const QJsonObject &object);
TicketListPage decodeTicketList(const QJsonObject &object);
QList<Operator> decodeOperators(const QJsonObject &object);
QJsonObject toJson(const NewTicket &value);

} // namespace zeiko
