#include "demo/demo_generator.h"

#include "domain/codecs.h"
#include "domain/reply_delivery.h"
#include "service/auth_service.h"
#include "service/sla_policy.h"
#include "store/database.h"
#include "store/event_log.h"
#include "store/ticket_store.h"

#include <QRandomGenerator>

namespace zeiko::demo {

using namespace Qt::StringLiterals;

namespace {

struct Persona {
    const char *email;
    const char *name;
    OperatorRole role;
    const char *skills;
    int maxOpen;
};

const Persona personas[] = {
    {demoEmail, "Alex Rivera", OperatorRole::Admin, "billing,returns", 0},
    {"sam@demo.zeiko.test", "Sam Okafor", OperatorRole::Operator, "shipping,returns", 25},
    {"priya@demo.zeiko.test", "Priya Natarajan", OperatorRole::Operator, "billing,refunds", 25},
    {"jordan@demo.zeiko.test", "Jordan Lee", OperatorRole::Operator, "technical,integrations", 20},
    {"mei@demo.zeiko.test", "Mei Tanaka", OperatorRole::Operator, "shipping,vip", 15},
};

const char *firstNames[] = {"Ana", "Ben", "Chloé", "Dmitri", "Ebru", "Farah", "Gustavo", "Hana", "Ivan", "Jia",
                            "Kofi", "Lena", "Mateo", "Nia", "Oskar", "Pia", "Quinn", "Rosa", "Sven", "Tara"};
const char *lastNames[] = {"Alvarez", "Becker", "Chen", "Dubois", "Eriksen", "Fischer", "García", "Haddad",
                           "Ivanova", "Jensen", "Kowalski", "López", "Moreau", "Novak", "Okoye", "Petrov"};
const char *subjects[] = {
    "Where is my order?", "Refund for damaged item", "Wrong size delivered", "Can I change my shipping address?",
    "Discount code not working", "Charged twice", "Package marked delivered but not here",
    "Exchange for a different colour", "Invoice for my company", "Cancel my subscription",
    "Product stopped working after a week", "Question about warranty", "Missing item in my parcel",
    "How do I return a gift?", "Login link never arrives", "Bulk order quote", "", "Tracking number is invalid",
    "Allergic reaction — ingredients list?", "Delivery to a pickup point"};
const char *agents[][2] = {{"agent-returns", "Returns Agent"}, {"agent-orders", "Order Assistant"},
                           {"agent-billing", "Billing Bot"}};

template<typename T, std::size_t N> const T &pick(QRandomGenerator &rng, const T (&items)[N])
{
    return items[rng.bounded(int(N))];
}

QString customerBody(QRandomGenerator &rng, int orderNumber)
{
    switch (rng.bounded(4)) {
    case 0:
        return u"Hi, I ordered **#%1** ten days ago and it still hasn't arrived. Can you check?"_s.arg(orderNumber);
    case 1:
        return u"Hello,\n\nThe item arrived broken. Photos: [box](https://example.com/photos/%1.jpg)\n\n"
               "| Item | Qty | Problem |\n|---|---|---|\n| Ceramic mug | 2 | cracked |\n| Saucer | 1 | fine |\n"_s
            .arg(orderNumber);
    case 2:
        return u"I was charged twice:\n\n- 49.90 EUR on Monday\n- 49.90 EUR on Tuesday\n\nPlease refund one."_s;
    default:
        return u"Your checkout shows this error:\n\n```\nError 502: upstream payment gateway timeout (ref %1)\n```\n"
               "What should I do?"_s.arg(orderNumber);
    }
}

QString agentBody(QRandomGenerator &rng)
{
    return rng.bounded(2) ? u"I'm sorry about that! I've looked up your order. Our [returns policy](https://demo.zeiko.test/returns) "
                            "allows exchanges within *30 days*. Would you like a prepaid label?"_s
                          : u"Thanks for waiting. Tracking shows the parcel at the local depot:\n\n"
                            "| Step | Status |\n|---|---|\n| Shipped | ✅ |\n| In transit | ✅ |\n| Out for delivery | ⏳ |\n"_s;
}

QString humanBody(QRandomGenerator &rng, const QString &customerName)
{
    return rng.bounded(2) ? u"Hi %1,\n\nI've issued the refund; it will show in **3–5 business days**. "
                            "Anything else I can help with?\n\n— Demo Store support"_s.arg(customerName)
                          : u"Hi %1,\n\nA replacement is on its way. Run this to track it:\n\n"
                            "```sh\ncurl https://demo.zeiko.test/track/ABC123\n```\n"_s.arg(customerName);
}

ShopifyOrder orderFor(QRandomGenerator &rng, int number, const QDateTime &at)
{
    ShopifyOrder o;
    o.orderId = QString::number(5'000'000'000LL + number);
    o.orderNumber = u"#%1"_s.arg(number);
    static const char *financial[] = {"paid", "refunded", "pending", "partially_refunded"};
    static const char *fulfillment[] = {"fulfilled", "partial", "unfulfilled"};
    o.financialStatus = QString::fromLatin1(pick(rng, financial));
    o.fulfillmentStatus = QString::fromLatin1(pick(rng, fulfillment));
    o.currency = u"EUR"_s;
    const int items = 1 + rng.bounded(3);
    double total = 0;
    static const char *titles[] = {"Ceramic mug", "Linen apron", "Cast-iron pan", "Tea sampler", "Oak board"};
    for (int i = 0; i < items; ++i) {
        const int cents = 990 + rng.bounded(9000);
        const int qty = 1 + rng.bounded(2);
        total += qty * cents / 100.0;
        o.lineItems.append({QString::fromUtf8(pick(rng, titles)), u"SKU-%1"_s.arg(rng.bounded(9000) + 1000), qty,
                            QString::number(cents / 100.0, 'f', 2)});
    }
    o.totalPrice = QString::number(total, 'f', 2);
    if (o.fulfillmentStatus != u"unfulfilled"_s) {
        o.trackingNumber = u"1Z%1"_s.arg(rng.bounded(99'999'999) + 10'000'000);
        o.trackingUrl = u"https://tracking.example.com/%1"_s.arg(o.trackingNumber);
    }
    o.createdAt = at.addDays(-1);
    return o;
}

// The demo shows only states the product can reach (docs/api.md, Widget,
// agents and handoffs): an open handoff follows the ticket's assignee — a
// requested one waits unassigned with the agent still in charge, an assigned
// one belongs to the ticket's operator, an active one is that operator's and
// the ticket is human-owned. `fallback` is who gets it when the ticket has no
// operator yet.
void keepHandoffInvariants(Ticket &t, Handoff &h, const Assignee &fallback)
{
    const Assignee owner = t.assignee && t.assignee->kind == ActorKind::Operator ? *t.assignee : fallback;
    switch (h.state) {
    case HandoffState::Requested:
        h.assignee.reset();
        t.assignee.reset();
        t.ownerMode = OwnerMode::Agent;
        break;
    case HandoffState::Assigned:
        h.assignee = owner;
        t.assignee = owner;
        t.ownerMode = OwnerMode::Agent;
        break;
    case HandoffState::Active:
        h.assignee = owner;
        t.assignee = owner;
        t.ownerMode = OwnerMode::Human;
        break;
    case HandoffState::Resolved:
        h.assignee = owner;
        break;
    }
}

} // namespace

DemoSummary generateDemo(store::Database &database, const DemoOptions &options)
{
    QRandomGenerator rng(quint32(options.seed ^ (options.seed >> 32)));
    QDateTime anchor = options.anchor.isValid() ? options.anchor : QDateTime::currentDateTimeUtc();
    anchor = QDateTime::fromSecsSinceEpoch(anchor.toSecsSinceEpoch() / 60 * 60, Qt::UTC);

    service::AuthService auth(database, {});
    const Tenant tenant = auth.createTenant(QString::fromLatin1(demoAccount), u"Demo Store"_s);
    const qint64 tenantId = tenant.id.toLongLong();
    QList<Operator> operators;
    for (const Persona &p : personas) {
        service::NewOperatorInput input{QString::fromUtf8(p.email), QString::fromUtf8(p.name),
                                        QString::fromLatin1(demoPassword), p.role,
                                        QString::fromLatin1(p.skills).split(u','), p.maxOpen};
        operators.append(auth.createOperator(tenant.slug, input));
    }

    const QList<TicketStatus> statuses = allValues<TicketStatus>();
    const QList<Priority> priorities = allValues<Priority>();
    const QList<Source> sources = allValues<Source>();
    DemoSummary summary;

    for (int start = 0; start < options.tickets; start += options.batchSize) {
        const int end = std::min(options.tickets, start + options.batchSize);
        database.write([&](QSqlDatabase &db) {
            for (int i = start; i < end; ++i) {
                // The first tickets walk every combination so even a small demo covers all states.
                const TicketStatus status = i < 40 ? statuses[i % 5] : statuses[rng.bounded(int(statuses.size()))];
                const Priority priority = i < 40 ? priorities[(i / 5) % 4] : priorities[rng.bounded(4)];
                const Source source = i < 40 ? sources[(i / 10) % 4] : sources[rng.bounded(4)];
                // Spread creation over the last 12 days, denser recently.
                const qint64 ageMinutes = i < 40 ? (i % 3 == 0 ? 60 * 24 * 3 : 10 + i)
                                                 : qint64(rng.bounded(60 * 24 * 12)) * rng.bounded(1, 3) / 2 + 5;
                const QDateTime created = anchor.addSecs(-ageMinutes * 60);
                const int orderNumber = 1000 + i;

                const QString first = QString::fromUtf8(pick(rng, firstNames));
                const QString last = QString::fromUtf8(pick(rng, lastNames));
                const QString email = source == Source::Widget && rng.bounded(5) == 0
                                          ? QString()
                                          : u"%1.%2.%3@example.com"_s.arg(first.toLower(), last.toLower()).arg(i);
                Ticket t;
                t.customer = store::findOrCreateCustomer(db, tenantId, email, first + u' ' + last, created.toMSecsSinceEpoch());
                t.subject = QString::fromUtf8(pick(rng, subjects));
                t.source = source;
                t.status = status;
                t.priority = priority;
                t.createdAt = created;
                quint32 keyWords[4];
                rng.fillRange(keyWords);
                t.key = QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(keyWords), 16).toHex());
                service::startSla(t, created);
                const bool humanOwned = status != TicketStatus::Open || rng.bounded(3) == 0;
                const auto &agent = agents[rng.bounded(3)];
                if (humanOwned) {
                    const Operator &op = operators[rng.bounded(int(operators.size()))];
                    if (rng.bounded(6) != 0)
                        t.assignee = Assignee{ActorKind::Operator, op.id, op.displayName};
                    t.ownerMode = OwnerMode::Human;
                } else {
                    t.assignee = Assignee{ActorKind::Agent, QString::fromLatin1(agent[0]), QString::fromLatin1(agent[1])};
                    t.ownerMode = OwnerMode::Agent;
                }
                if (source == Source::Shopify || rng.bounded(4) == 0)
                    t.shopifyOrder = orderFor(rng, orderNumber, created);
                if (status == TicketStatus::Resolved || status == TicketStatus::Closed) {
                    t.sla.state = SlaState::Met;
                    if (rng.bounded(2))
                        t.csat = 1 + rng.bounded(5);
                } else if (status == TicketStatus::WaitingOnCustomer) {
                    t.sla.state = SlaState::Paused;
                }
                if (rng.bounded(3) == 0)
                    t.tags = QStringList{u"vip"_s, u"repeat"_s}.mid(rng.bounded(2));
                t.lastActivityAt = created;
                t = store::insertTicket(db, tenantId, t);

                // The thread: customer, agent, optional handoff, human replies, notes, email events...
                QList<ThreadEntry> thread;
                QDateTime at = created;
                auto add = [&](EntryKind kind, Actor author, Visibility visibility, QString body, QString eventStatus = {}) {
                    at = at.addSecs(60 + rng.bounded(1800));
                    if (at > anchor)
                        at = anchor;
                    ThreadEntry e;
                    e.ticketId = t.id;
                    e.kind = kind;
                    e.author = std::move(author);
                    e.visibility = visibility;
                    e.body = std::move(body);
                    e.createdAt = at;
                    e.eventStatus = std::move(eventStatus);
                    thread.append(store::insertEntry(db, tenantId, e));
                };
                const Actor customer{ActorKind::Customer, t.customer.id, t.customer.name};
                const Actor agentActor{ActorKind::Agent, QString::fromLatin1(agent[0]), QString::fromLatin1(agent[1])};
                const Actor system{ActorKind::System, {}, {}};
                const Operator &op = operators[rng.bounded(int(operators.size()))];
                const Actor human{ActorKind::Operator, op.id, op.displayName};
                add(EntryKind::CustomerMessage, customer, Visibility::Public, customerBody(rng, orderNumber));
                if (t.shopifyOrder)
                    add(EntryKind::ShopifyEvent, system, Visibility::Internal,
                        u"Order %1 linked: %2, %3 %4"_s.arg(t.shopifyOrder->orderNumber, t.shopifyOrder->financialStatus,
                                                            t.shopifyOrder->totalPrice, t.shopifyOrder->currency));
                if (source != Source::Email)
                    add(EntryKind::AgentReply, agentActor, Visibility::Public, agentBody(rng));
                if (source == Source::Handoff || (source == Source::Widget && rng.bounded(3) == 0)) {
                    Handoff h;
                    h.ticketId = t.id;
                    h.agentId = QString::fromLatin1(agent[0]);
                    h.conversationId = u"conv-%1"_s.arg(100000 + i);
                    h.requestedAt = at;
                    h.updatedAt = at;
                    if (status == TicketStatus::Resolved || status == TicketStatus::Closed)
                        h.state = HandoffState::Resolved;
                    else
                        h.state = allValues<HandoffState>()[rng.bounded(3)];
                    keepHandoffInvariants(t, h, Assignee{ActorKind::Operator, op.id, op.displayName});
                    h = store::insertHandoff(db, tenantId, h);
                    t.handoffId = h.id;
                    add(EntryKind::HandoffEvent, agentActor, Visibility::Internal,
                        u"%1 asked for a human: the customer wants to talk to a person."_s.arg(agentActor.name),
                        toString(h.state));
                    ++summary.handoffs;
                }
                if (status != TicketStatus::Open && status != TicketStatus::WaitingOnTeam ? true : rng.bounded(2) == 0) {
                    if (status != TicketStatus::Open) {
                        // Delivered the way the server delivers an email_reply (domain/reply_delivery.h).
                        const ReplyDelivery delivery = *replyDelivery(CommandType::EmailReply, t);
                        add(EntryKind::HumanReply, human, Visibility::Public, humanBody(rng, customer.name),
                            toString(delivery));
                        t.sla.firstRespondedAt = at;
                        static const char *mailStates[] = {"sent", "delivered", "delivered", "bounced"};
                        if (delivery == ReplyDelivery::Email)
                            add(EntryKind::EmailEvent, system, Visibility::Internal,
                                u"Reply emailed to %1"_s.arg(email.isEmpty() ? u"(no address)"_s : email),
                                QString::fromLatin1(pick(rng, mailStates)));
                    }
                }
                if (rng.bounded(3) == 0)
                    add(EntryKind::InternalNote, human, Visibility::Internal,
                        u"Checked the warehouse log — *do not* refund before the return scan. See [wiki](https://wiki.demo.zeiko.test/returns)."_s);
                if (status == TicketStatus::WaitingOnTeam)
                    add(EntryKind::CustomerMessage, customer, Visibility::Public, u"Any update on this?"_s);
                if (status == TicketStatus::Closed || status == TicketStatus::Resolved || rng.bounded(4) == 0)
                    add(EntryKind::AuditEvent, human, Visibility::Internal,
                        u"%1 changed the status to %2"_s.arg(op.displayName, toString(status)));

                t.lastActivityAt = at;
                store::updateTicket(db, tenantId, t);
                summary.entries += int(thread.size());

                Event event;
                event.seq = store::nextSeq(db, tenantId);
                event.type = EventType::TicketCreated;
                event.ticketId = t.id;
                event.at = at;
                event.ticket = t;
                event.entry = thread.first();
                store::appendEvent(db, tenantId, event);
                summary.headSeq = event.seq;
                ++summary.tickets;
            }
        });
    }
    return summary;
}

} // namespace zeiko::demo
