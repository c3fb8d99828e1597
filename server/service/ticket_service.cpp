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
#include "store/ticket_store.h"

namespace zeiko::service {

using namespace Qt::StringLiterals;

namespace {

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
    , m_pipeline(database, std::move(onCommitted))
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

WriteResponse TicketService::create(const Session &session, const QString &key, const QByteArray &requestBytes)
{
    CommandPipeline::requireKey(key);
    const NewTicketRequest request = NewTicketRequest::decode(requestBytes);
    const QByteArray hash = CommandPipeline::requestHash("POST /tickets", requestBytes);
    return m_pipeline.run(session, key, hash, m_now().toMSecsSinceEpoch(), [&](QSqlDatabase &db, Seq seq) {
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
    CommandPipeline::requireKey(key);
    Command command = decode<Command>(requestBytes);
    if (!isTicketCommand(command.type))
        throw errors::wrongCommandRoute(
            u"%1 is not a ticket command: it names its targets (POST /api/v1/commands)"_s.arg(toString(command.type)));
    command.requestId = key;
    command.ticketId = id;
    command.targets.clear();   // the URL names the one target
    const QByteArray route = "POST /tickets/" + QByteArray::number(id) + "/commands";
    const QByteArray hash = CommandPipeline::requestHash(route, requestBytes);
    return m_pipeline.run(session, key, hash, m_now().toMSecsSinceEpoch(), [&](QSqlDatabase &db, Seq seq) {
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
