#pragma once
// Builders for domain values used by the core suites (store, outbox, models).

#include "domain/types.h"

#include <QUuid>

namespace zeiko::testdata {

inline QDateTime at(int minute)
{
    return QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC).addSecs(qint64(minute) * 60);
}

inline Ticket ticket(TicketId id, qint64 version = 1, const QString &subject = QStringLiteral("Order never arrived"))
{
    Ticket t;
    t.id = id;
    t.number = 1000 + id;
    t.key = QStringLiteral("k%1").arg(id);
    t.subject = subject;
    t.customer = Customer{QStringLiteral("c%1").arg(id), QStringLiteral("Customer %1").arg(id),
                          QStringLiteral("customer%1@example.com").arg(id), {}, true};
    t.source = Source::Email;
    t.status = TicketStatus::Open;
    t.priority = Priority::Normal;
    t.createdAt = at(0);
    t.lastActivityAt = at(int(id));
    t.version = version;
    return t;
}

inline ThreadEntry entry(EntryId id, TicketId ticketId, const QString &body = QStringLiteral("Hello"),
                         const QString &requestId = {})
{
    ThreadEntry e;
    e.id = id;
    e.ticketId = ticketId;
    e.kind = EntryKind::CustomerMessage;
    e.author = Actor{ActorKind::Customer, QStringLiteral("c%1").arg(ticketId), QStringLiteral("Customer")};
    e.visibility = Visibility::Public;
    e.body = body;
    e.createdAt = at(int(id));
    e.requestId = requestId;
    return e;
}

inline Event ticketEvent(Seq seq, const Ticket &t, EventType type = EventType::TicketUpdated)
{
    Event e;
    e.seq = seq;
    e.type = type;
    e.ticketId = t.id;
    e.at = at(int(seq));
    e.ticket = t;
    return e;
}

inline Event entryEvent(Seq seq, const Ticket &t, const ThreadEntry &entry, const QString &requestId = {})
{
    Event e = ticketEvent(seq, t, EventType::EntryAdded);
    e.entry = entry;
    e.requestId = requestId;
    return e;
}

inline Command note(TicketId ticketId, const QString &body)
{
    Command c;
    c.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    c.type = CommandType::InternalNote;
    c.ticketId = ticketId;
    c.body = body;
    return c;
}

} // namespace zeiko::testdata
