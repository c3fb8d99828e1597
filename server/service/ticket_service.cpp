#include "service/ticket_service.h"

#include "domain/codecs.h"
#include "domain/json_reader.h"
#include "domain/mailbox.h"
#include "service/command_rules.h"
#include "service/sla_policy.h"
#include "service/ticket_creation.h"
#include "store/account_store.h"
#include "store/database.h"
#include "store/event_log.h"
#include "store/idempotency_store.h"
#include "store/ticket_store.h"

#include <QCryptographicHash>

namespace zeiko::service {

using namespace Qt::StringLiterals;

namespace {

// Thrown inside the write transaction to roll it back (releasing the seq it
// took) and answer with the response stored for the key.
struct StoredReplay {
    WriteResponse response;
};

QByteArray requestHash(const QByteArray &route, const QByteArray &body)
{
    return QCryptographicHash::hash(route + '\n' + body, QCryptographicHash::Sha256).toHex();
}

QString encodeCursor(qint64 activityMs, qint64 id)
{
    return QString::fromLatin1(QByteArray::number(activityMs).append(':').append(QByteArray::number(id))
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::pair<qint64, qint64> decodeCursor(const QString &cursor)
{
    const auto decoded = QByteArray::fromBase64Encoding(cursor.toLatin1(), QByteArray::Base64UrlEncoding |
                                                                                QByteArray::AbortOnBase64DecodingErrors);
    const QList<QByteArray> parts = decoded.decoded.split(':');
    bool okA = false, okB = false;
    if (decoded.decodingStatus == QByteArray::Base64DecodingStatus::Ok && parts.size() == 2) {
        const qint64 a = parts[0].toLongLong(&okA);
        const qint64 b = parts[1].toLongLong(&okB);
        if (okA && okB)
            return {a, b};
    }
    throw errors::invalidField(u"cursor"_s, u"not a cursor this server issued"_s);
}

void validateKey(const QString &key)
{
    if (key.isEmpty())
        throw ServiceError(400, "bad_request", u"The Idempotency-Key header is required for commands"_s);
    if (key.size() > 200)
        throw errors::invalidField(u"Idempotency-Key"_s, u"longer than 200 characters"_s);
}

QByteArray resultBody(const CommandResult &result)
{
    return encode(result);
}

} // namespace

NewTicketRequest NewTicketRequest::decode(const QByteArray &json)
{
    const JsonReader r(parseJsonObject(json));
    NewTicketRequest n;
    n.subject = r.requiredString("subject"_L1);
    const JsonReader customer(r.requiredObject("customer"_L1), r.fieldPath("customer"_L1));
    n.customerEmail = customer.optionalString("email"_L1).trimmed();
    if (!n.customerEmail.isEmpty())
        if (const QString problem = mailboxProblem(n.customerEmail); !problem.isEmpty())
            customer.fail("email"_L1, problem);
    n.customerName = customer.optionalString("name"_L1).trimmed();
    n.source = r.requiredEnum<Source>("source"_L1);
    n.priority = r.optionalEnum<Priority>("priority"_L1).value_or(Priority::Normal);
    n.body = r.requiredString("body"_L1);
    if (n.subject.size() > 1000)
        r.fail("subject"_L1, u"longer than 1000 characters"_s);
    return n;
}

TicketService::TicketService(store::Database &database, std::function<void(qint64)> onCommitted)
    : m_db(database)
    , m_onCommitted(std::move(onCommitted))
{
}

TicketListPage TicketService::list(const Session &session, const TicketListQuery &query)
{
    store::TicketFilter filter;
    filter.status = query.status;
    filter.limit = query.limit + 1;
    if (query.assignee == u"me"_s) {
        filter.assigneeMode = store::TicketFilter::AssigneeMode::Operator;
        filter.assigneeId = session.op.id;
    } else if (query.assignee == u"none"_s) {
        filter.assigneeMode = store::TicketFilter::AssigneeMode::None;
    } else if (!query.assignee.isEmpty()) {
        filter.assigneeMode = store::TicketFilter::AssigneeMode::Operator;
        filter.assigneeId = query.assignee;
    }
    if (!query.cursor.isEmpty()) {
        const auto [activity, id] = decodeCursor(query.cursor);
        filter.afterActivityMs = activity;
        filter.afterId = id;
    }
    TicketListPage page;
    page.tickets = m_db.read([&](QSqlDatabase &db) { return store::listTickets(db, session.tenantId, filter); });
    if (page.tickets.size() > query.limit) {
        page.tickets.resize(query.limit);
        const Ticket &last = page.tickets.last();
        page.nextCursor = encodeCursor(last.lastActivityAt.toMSecsSinceEpoch(), last.id);
    }
    const QDateTime now = m_now();
    for (Ticket &t : page.tickets)
        t.sla = effectiveSla(t, now);
    return page;
}

TicketDetail TicketService::get(const Session &session, TicketId id)
{
    return m_db.read([&](QSqlDatabase &db) {
        const auto ticket = store::findTicket(db, session.tenantId, id);
        if (!ticket)
            throw errors::notFound(u"No such ticket"_s);
        TicketDetail detail;
        detail.ticket = withEffectiveSla(*ticket, m_now());
        detail.entries = store::listEntries(db, session.tenantId, id, 0, 1000);
        detail.handoff = store::findHandoff(db, session.tenantId, ticket->handoffId);
        return detail;
    });
}

QList<ThreadEntry> TicketService::entries(const Session &session, TicketId id, EntryId after, int limit)
{
    return m_db.read([&](QSqlDatabase &db) {
        if (!store::findTicket(db, session.tenantId, id))
            throw errors::notFound(u"No such ticket"_s);
        return store::listEntries(db, session.tenantId, id, after, limit);
    });
}

template<typename F>
WriteResponse TicketService::idempotent(const Session &session, const QString &key, const QByteArray &hash,
                                        F &&command)
{
    try {
        WriteResponse response = m_db.write([&](QSqlDatabase &db) {
            // FIRST: the seq row lock serialises this tenant's writers, so the
            // key lookup below cannot race another request with the same key.
            const Seq seq = store::nextSeq(db, session.tenantId);
            const qint64 now = m_now().toMSecsSinceEpoch();
            if (const auto stored = store::findIdempotent(db, session.tenantId, key)) {
                if (stored->requestHash != hash || stored->operatorId != session.operatorId)
                    throw ServiceError(422, "idempotency_key_reused",
                                       u"This Idempotency-Key was used for a different request"_s);
                throw StoredReplay{{stored->status, stored->body, true}};
            }
            store::insertIdempotencyPlaceholder(db, session.tenantId, key, session.operatorId, hash, now);
            WriteResponse r = command(db, seq);
            store::completeIdempotent(db, session.tenantId, key, r.status, r.body);
            store::notifyCommitted(db, m_db.isPostgres(), session.tenantId);
            return r;
        });
        if (m_onCommitted)
            m_onCommitted(session.tenantId);
        return response;
    } catch (const StoredReplay &replay) {
        return replay.response;
    }
}

WriteResponse TicketService::create(const Session &session, const QString &key, const QByteArray &requestBytes)
{
    validateKey(key);
    const NewTicketRequest request = NewTicketRequest::decode(requestBytes);
    return idempotent(session, key, requestHash("POST /tickets", requestBytes), [&](QSqlDatabase &db, Seq seq) {
        NewTicket n;
        n.subject = request.subject;
        n.customerEmail = request.customerEmail;
        n.customerName = request.customerName;
        n.source = request.source;
        n.priority = request.priority;
        ThreadEntry first;
        first.kind = EntryKind::CustomerMessage;
        first.visibility = Visibility::Public;
        first.body = request.body;
        first.requestId = key;
        CreatedTicket created = insertNewTicket(db, session.tenantId, n, first, m_now());
        created.event.seq = seq;
        store::appendEvent(db, session.tenantId, created.event);
        return WriteResponse{201, resultBody({*created.event.ticket, created.entry, seq}), false};
    });
}

WriteResponse TicketService::execute(const Session &session, TicketId id, const QString &key,
                                     const QByteArray &requestBytes)
{
    validateKey(key);
    Command command = decode<Command>(requestBytes);
    command.requestId = key;
    command.ticketId = id;
    const QByteArray route = "POST /tickets/" + QByteArray::number(id) + "/commands";
    return idempotent(session, key, requestHash(route, requestBytes), [&](QSqlDatabase &db, Seq seq) {
        const QDateTime now = m_now();
        const auto before = store::findTicket(db, session.tenantId, id);
        if (!before)
            throw errors::notFound(u"No such ticket"_s);

        CommandContext context;
        context.actor = session.op;
        context.now = now;
        context.requestId = key;
        context.handoff = store::findHandoff(db, session.tenantId, before->handoffId);
        if (command.type == CommandType::TakeOver && isHandoffOpen(context.handoff) && m_claimLimits)
            context.claimLimits = m_claimLimits(db, session.tenantId, *context.handoff, session.op);
        if (command.type == CommandType::Assign) {
            bool ok = false;
            const qint64 assigneeId = command.assigneeId.toLongLong(&ok);
            if (ok)
                context.assignTo = store::findOperator(db, session.tenantId, assigneeId);
        }
        CommandOutcome outcome;
        try {
            outcome = applyCommand(*before, command, context);
        } catch (ServiceError &e) {
            if (e.currentTicket)
                e.currentTicket = withEffectiveSla(*e.currentTicket, now);
            throw;
        }

        store::updateTicket(db, session.tenantId, outcome.ticket);
        if (outcome.ticket.status == TicketStatus::WaitingOnCustomer && before->status != TicketStatus::WaitingOnCustomer)
            store::setSlaPausedAt(db, session.tenantId, id, now.toMSecsSinceEpoch());
        else if (outcome.ticket.status != TicketStatus::WaitingOnCustomer)
            store::setSlaPausedAt(db, session.tenantId, id, std::nullopt);
        if (entryKindFor(command.type) == EntryKind::HumanReply)
            store::clearSlaAnnouncement(db, session.tenantId, id);   // the response target is met
        if (outcome.handoff) {
            store::updateHandoff(db, session.tenantId, *outcome.handoff);
            if (outcome.handoff->state == HandoffState::Requested && !outcome.handoff->assignee)
                store::markHandoffWaiting(db, session.tenantId, outcome.handoff->id, now.toMSecsSinceEpoch());
        }
        if (command.type == CommandType::ResolveHandoff)   // the visitor is asked to rate the chat
            store::requestCsat(db, session.tenantId, id);
        const ThreadEntry entry = store::insertEntry(db, session.tenantId, outcome.entry);
        const Ticket ticket = withEffectiveSla(outcome.ticket, now);

        Event event;
        event.seq = seq;
        event.type = outcome.eventType;
        event.ticketId = id;
        event.at = now;
        event.requestId = key;
        event.ticket = ticket;
        event.entry = entry;
        event.handoff = outcome.handoff;
        store::appendEvent(db, session.tenantId, event);
        return WriteResponse{200, resultBody({ticket, entry, seq}), false};
    });
}

} // namespace zeiko::service
