#include "simulate/traffic_simulator.h"

#include "channels/shopify_webhook_signature.h"
#include "channels/svix_signature.h"
#include "simulate/received_email_standin.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>

#include <cstdio>

namespace zeiko::simulate {

using namespace Qt::StringLiterals;

namespace {

const char *const firstNames[] = {"Ana", "Ben", "Chloé", "Dmitri", "Ebru", "Farah", "Gustavo", "Hana",
                                  "Ivan", "Jia", "Kofi", "Lena", "Mateo", "Nora", "Omar", "Priti"};
const char *const lastNames[] = {"Alvarez", "Becker", "Chen", "Dubois", "Eriksen", "Fischer",
                                 "Haddad", "Ito", "Jansen", "Kowalski", "Larsen", "Moreau"};
// Agent ids of the demo tenant (server/demo), so handoff settings apply.
const char *const agents[][2] = {{"agent-returns", "Returns Agent"}, {"agent-orders", "Order Assistant"},
                                 {"agent-billing", "Billing Bot"}};
struct Topic {
    const char *topic;
    const char *opening;
};
const Topic topics[] = {
    {"shipping", "Hi! My order hasn't arrived yet and the tracking page hasn't changed in **four days**. Can you check?"},
    {"returns", "Hello, the shoes I ordered are too small. How do I return them?"},
    {"billing", "I was charged twice for my last order — can someone look at this?"},
    {"refunds", "I returned a jacket two weeks ago and still have no refund."},
    {"technical", "The discount code `WELCOME10` says it is invalid at checkout."},
    {"vip", "I'd like to change the delivery address of my order, it is a gift."},
};
const char *const visitorLines[] = {
    "Thanks. The order number is in my confirmation email, one second…",
    "It says *label created* but nothing since then.",
    "Is there a way to speed this up? I need it by Friday.",
    "I already tried that, it didn't help.",
    "Can I talk to a person please?",
    "Ok, here is a screenshot description: the page shows an error after payment.",
    "Great, thank you!",
    "Still waiting — any news?",
};
const char *const agentLines[] = {
    "Thanks for reaching out! I'm looking at your order now.",
    "I can see the parcel is with the carrier. Deliveries usually take **2–4 business days**.",
    "You can start a return from *Orders → Return item* in your account; the label is free.",
    "I've checked the payment: there is one capture and one temporary authorisation that will drop off.",
    "Let me check that for you — one moment please.",
    "Here is what I found:\n\n- order received\n- payment confirmed\n- waiting for the warehouse",
};
const char *const handoffReasons[] = {"Customer asked for a human", "Refund above the agent's limit",
                                      "Carrier claim needed", "Payment dispute", "Low confidence answer"};
const char *const emailSubjects[] = {"Question about my order", "Wrong size delivered", "Invoice request",
                                     "Package damaged", ""};
const char *const emailBodies[] = {
    "Hello,\n\nI ordered a kettle last week and it arrived with a broken lid. What can I do?\n\nBest regards",
    "Hi team,\n\ncould you send me an invoice with my company address for my last order?\n\nThanks!",
    "Hi,\n\nmy parcel shows delivered but it is not here. My neighbours have not seen it either.\n",
    "Hello, I'd like to exchange the blue sweater for a green one. Is that possible?\n\nOn Mon, Shop wrote:\n> Thanks for your order",
};
const char *const products[][3] = {{"Kettle", "KET-1", "29.90"},  {"Wool sweater", "SW-BLUE-M", "59.00"},
                                   {"Trail shoes", "TS-42", "89.50"}, {"Coffee beans 1kg", "CB-1000", "18.40"},
                                   {"Desk lamp", "DL-2", "39.99"}};

template<typename T, std::size_t N> const T &any(QRandomGenerator &rng, const T (&items)[N])
{
    return items[rng.bounded(int(N))];
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

TrafficSimulator::TrafficSimulator(SimulatorConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_rng(m_config.seed)
{
    m_tick.setInterval(std::max(1, int(60000.0 / std::max(0.01, m_config.ratePerMinute))));
    connect(&m_tick, &QTimer::timeout, this, &TrafficSimulator::tick);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] { stop(u"duration reached"_s); });
    m_drainLimit.setSingleShot(true);
    connect(&m_drainLimit, &QTimer::timeout, this, [this] {
        for (QNetworkReply *reply : m_inFlight.keys())
            reply->abort();
    });
}

void TrafficSimulator::start()
{
    log(u"start account=%1 rate=%2/min seed=%3 run=%4 agent=%5 shopify=%6 email=%7"_s.arg(m_config.account)
            .arg(m_config.ratePerMinute)
            .arg(m_config.seed)
            .arg(m_config.runId, m_config.agentToken.isEmpty() ? u"off"_s : u"on"_s,
                 m_config.shopifySecret.isEmpty() ? u"off"_s : u"on"_s,
                 m_config.emailStandIn && !m_config.resendSecret.isEmpty() ? u"on"_s : u"off"_s));
    if (m_config.durationSeconds > 0)
        m_deadline.start(m_config.durationSeconds * 1000);
    m_tick.start();
    tick();
}

void TrafficSimulator::stop(const QString &why)
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_tick.stop();
    m_deadline.stop();
    log(u"stopping (%1); %2 request(s) in flight"_s.arg(why).arg(m_inFlight.size()));
    m_drainLimit.start(10000);
    maybeFinish();
}

void TrafficSimulator::maybeFinish()
{
    if (!m_stopping || !m_inFlight.isEmpty() || m_finished)
        return;
    m_finished = true;
    m_drainLimit.stop();
    log(u"done: %1 action(s), %2 failed"_s.arg(m_actions).arg(m_failures));
    emit finished();
}

void TrafficSimulator::log(const QString &line)
{
    std::printf("%s simulate: %s\n", qPrintable(QDateTime::currentDateTime().toString(u"hh:mm:ss.zzz"_s)),
                qPrintable(line));
    std::fflush(stdout);
}

QString TrafficSimulator::requestId()
{
    ++m_counter;   // also numbers the run's customers and orders
    return unguessableId();
}

QString TrafficSimulator::unguessableId()
{
    // From the system generator, not the seeded one: ids a real widget would
    // send are secrets, and a seed must still replay the same story.
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), sizeof(words)).toHex());
}

TrafficSimulator::ConversationPtr TrafficSimulator::pick(const std::function<bool(const Conversation &)> &eligible)
{
    QList<ConversationPtr> candidates;
    for (const ConversationPtr &c : std::as_const(m_conversations))
        if (!c->busy && eligible(*c))
            candidates.append(c);
    return candidates.isEmpty() ? nullptr : candidates.at(m_rng.bounded(int(candidates.size())));
}

void TrafficSimulator::tick()
{
    if (m_stopping)
        return;
    if (m_inFlight.size() >= m_config.maxInFlight) {
        log(u"skip: %1 requests in flight (server slower than the rate)"_s.arg(m_inFlight.size()));
        return;
    }
    // Forget finished conversations so the active set stays small.
    m_conversations.removeIf([](const ConversationPtr &c) { return c->state == Conversation::State::Resolved && !c->busy; });

    const bool agent = !m_config.agentToken.isEmpty();
    const bool shopify = !m_config.shopifySecret.isEmpty();
    const bool email = m_config.emailStandIn && !m_config.resendSecret.isEmpty();
    const int roll = m_rng.bounded(100);
    const auto bot = [](const Conversation &c) { return c.state == Conversation::State::Bot; };
    const auto open = [](const Conversation &c) { return c.state != Conversation::State::Resolved; };

    if (m_conversations.size() < 3 || roll < 18)
        return startChat();
    if (roll < 45) {
        if (const auto c = pick(open))
            return visitorMessage(c);
    } else if (roll < 68 && agent) {
        if (const auto c = pick([&](const Conversation &c) { return bot(c) && c.turns > 0; }))
            return agentReply(c);
    } else if (roll < 78 && agent) {
        if (const auto c = pick([&](const Conversation &c) { return bot(c) && c.turns >= 2; }))
            return requestHandoff(c);
    } else if (roll < 86 && agent) {
        if (const auto c = pick([&](const Conversation &c) { return bot(c) && c.turns >= 3; }))
            return resolve(c);
    } else if (roll < 93 && shopify) {
        return shopifyEvent();
    } else if (email) {
        return inboundEmail();
    }
    // Nothing eligible for the rolled action: a visitor writes, else a new chat.
    if (const auto c = pick(open))
        return visitorMessage(c);
    startChat();
}

void TrafficSimulator::send(const QString &action, const QString &detail, const QString &path, const QByteArray &body,
                            const QList<QPair<QByteArray, QByteArray>> &headers, Done done)
{
    QUrl url = m_config.baseUrl;
    url.setPath(url.path().chopped(url.path().endsWith(u'/') ? 1 : 0) + path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setTransferTimeout(30000);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_network.post(request, body);
    ++m_actions;
    m_inFlight.insert(reply, action);
    connect(reply, &QNetworkReply::finished, this, [this, reply, action, detail, done = std::move(done)] {
        m_inFlight.remove(reply);
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
        QString outcome = status == 0 ? reply->errorString() : QString::number(status);
        if (status == 0 || status >= 500 || status == 401 || status == 400 || status == 404) {
            ++m_failures;
            const QString code = json.value(u"error"_s).toObject().value(u"code"_s).toString();
            if (!code.isEmpty())
                outcome += u' ' + code;
        }
        log(u"%1 %2 -> %3"_s.arg(action, detail, outcome));
        if (done)
            done(status, json);
        maybeFinish();
    });
}

void TrafficSimulator::startChat()
{
    auto c = std::make_shared<Conversation>();
    c->visitorToken = unguessableId();
    c->customerName = u"%1 %2"_s.arg(QString::fromUtf8(any(m_rng, firstNames)), QString::fromUtf8(any(m_rng, lastNames)));
    c->customerEmail = u"%1.%2@example.com"_s.arg(c->customerName.section(u' ', 0, 0).toLower(), m_config.runId)
                           .replace(u"é"_s, u"e"_s);
    c->customerEmail.insert(c->customerEmail.indexOf(u'@'), u".%1"_s.arg(m_counter));
    const Topic &topic = any(m_rng, topics);
    const auto &agent = any(m_rng, agents);
    c->topic = QString::fromLatin1(topic.topic);
    c->busy = true;
    m_conversations.append(c);
    const QJsonObject body{{u"clientRequestId"_s, requestId()},
                           {u"visitorToken"_s, c->visitorToken},
                           {u"agentId"_s, QString::fromLatin1(agent[0])},
                           {u"agentName"_s, QString::fromLatin1(agent[1])},
                           {u"visitor"_s, QJsonObject{{u"name"_s, c->customerName}, {u"email"_s, c->customerEmail}}},
                           {u"body"_s, QString::fromUtf8(topic.opening)}};
    send(u"chat_start"_s, u"%1 <%2> topic=%3"_s.arg(c->customerName, c->customerEmail, c->topic),
         u"/api/v1/widget/%1/conversations"_s.arg(m_config.account), compact(body), {}, [this, c](int status, const QJsonObject &json) {
             c->busy = false;
             c->id = json.value(u"conversationId"_s).toString();
             if (status != 201 || c->id.isEmpty())
                 m_conversations.removeAll(c);
             else
                 c->turns = 1;
         });
}

void TrafficSimulator::visitorMessage(const ConversationPtr &c)
{
    c->busy = true;
    const QJsonObject body{{u"clientRequestId"_s, requestId()}, {u"body"_s, QString::fromUtf8(any(m_rng, visitorLines))}};
    send(u"visitor_message"_s, u"conv=%1"_s.arg(c->id.left(12)),
         u"/api/v1/widget/conversations/%1/messages"_s.arg(c->id), compact(body), {}, [c](int status, const QJsonObject &) {
             c->busy = false;
             ++c->turns;
             if (status == 409)   // closed by an operator
                 c->state = Conversation::State::Resolved;
         });
}

void TrafficSimulator::agentReply(const ConversationPtr &c)
{
    c->busy = true;
    const QJsonObject body{{u"clientRequestId"_s, requestId()}, {u"body"_s, QString::fromUtf8(any(m_rng, agentLines))}};
    send(u"agent_reply"_s, u"conv=%1"_s.arg(c->id.left(12)), u"/api/v1/agent/conversations/%1/replies"_s.arg(c->id),
         compact(body), {{"Authorization", "Bearer " + m_config.agentToken}}, [c](int status, const QJsonObject &) {
             c->busy = false;
             if (status == 409)   // a human owns it now
                 c->state = Conversation::State::Human;
         });
}

void TrafficSimulator::requestHandoff(const ConversationPtr &c)
{
    c->busy = true;
    const QJsonObject body{{u"clientRequestId"_s, requestId()},
                           {u"reason"_s, QString::fromLatin1(any(m_rng, handoffReasons))},
                           {u"topic"_s, c->topic}};
    send(u"handoff"_s, u"conv=%1 topic=%2"_s.arg(c->id.left(12), c->topic),
         u"/api/v1/agent/conversations/%1/handoff"_s.arg(c->id), compact(body),
         {{"Authorization", "Bearer " + m_config.agentToken}}, [c](int status, const QJsonObject &) {
             c->busy = false;
             if (status == 200 || status == 201 || status == 409)
                 c->state = Conversation::State::Human;   // humans take it from here; visitors keep writing
         });
}

void TrafficSimulator::resolve(const ConversationPtr &c)
{
    c->busy = true;
    send(u"agent_resolve"_s, u"conv=%1"_s.arg(c->id.left(12)), u"/api/v1/agent/conversations/%1/resolve"_s.arg(c->id),
         compact({{u"clientRequestId"_s, requestId()}}), {{"Authorization", "Bearer " + m_config.agentToken}},
         [c](int status, const QJsonObject &) {
             c->busy = false;
             c->state = status == 200 ? Conversation::State::Resolved : Conversation::State::Human;
         });
}

void TrafficSimulator::shopifyEvent()
{
    // Orders belong to people who emailed us (so the context lands on their
    // tickets: an email sender is a verified customer, while the address a
    // chat visitor types is only a claim the server never gives order
    // context to) or to customers we have not heard from yet.
    Order order;
    const bool knownCustomer = !m_orders.isEmpty() && m_rng.bounded(3) == 0;
    const int roll = m_rng.bounded(100);
    QByteArray topic = "orders/create";
    if (knownCustomer && roll < 50) {
        order = m_orders.at(m_rng.bounded(int(m_orders.size())));
        topic = order.cancelled ? "refunds/create" : (roll < 25 ? "orders/cancelled" : "fulfillments/update");
    } else {
        const std::optional<EmailCustomer> c =
            m_emailCustomers.isEmpty() ? std::nullopt
                                       : std::optional(m_emailCustomers.at(m_rng.bounded(int(m_emailCustomers.size()))));
        // Numeric like Shopify's, distinct per run and seed, below 2^53 (exact in JSON).
        const qint64 runBase = qint64(qHash(m_config.runId + u'/' + QString::number(m_config.seed)) % 1'000'000) + 1;
        order.id = QString::number(runBase * 1'000'000 + qint64(m_counter % 1'000'000));
        order.number = u"#%1"_s.arg(2000 + m_counter);
        order.customerName = c ? c->customerName : u"Walk-in Customer"_s;
        order.customerEmail = c ? c->customerEmail : u"shopper.%1.%2@example.com"_s.arg(m_config.runId).arg(m_counter);
        m_orders.append(order);
        if (m_orders.size() > 200)
            m_orders.removeFirst();
        topic = roll < 85 ? "orders/create" : "orders/cancelled";
    }
    ++m_counter;
    const auto &product = any(m_rng, products);
    const int quantity = 1 + m_rng.bounded(3);
    const double total = QByteArray(product[2]).toDouble() * quantity;
    QJsonObject payload;
    const double orderId = order.id.toDouble();
    // The version the server dedupes on (with the topic and the object):
    // every delivery here is a new state of its order or fulfillment.
    const QString updatedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    if (topic == "refunds/create") {
        payload = {{u"id"_s, double(m_counter)},
                   {u"order_id"_s, orderId},
                   {u"note"_s, u"Refunded after a support conversation"_s},
                   {u"transactions"_s, QJsonArray{QJsonObject{{u"kind"_s, u"refund"_s},
                                                              {u"amount"_s, QString::number(total, 'f', 2)},
                                                              {u"currency"_s, u"EUR"_s}}}}};
    } else if (topic == "fulfillments/update") {
        const bool failed = m_rng.bounded(2) == 0;
        payload = {{u"id"_s, double(m_counter)},
                   {u"order_id"_s, orderId},
                   {u"name"_s, order.number + u".1"_s},
                   {u"email"_s, order.customerEmail},
                   {u"updated_at"_s, updatedAt},
                   {u"status"_s, failed ? u"failure"_s : u"success"_s},
                   {u"shipment_status"_s, failed ? u"failure"_s : u"in_transit"_s},
                   {u"tracking_number"_s, u"1ZSIM%1"_s.arg(m_counter)},
                   {u"tracking_url"_s, u"https://tracking.example/1ZSIM%1"_s.arg(m_counter)}};
    } else {
        const bool cancel = topic == "orders/cancelled";
        for (Order &o : m_orders)
            if (o.id == order.id)
                o.cancelled = o.cancelled || cancel;
        payload = {{u"id"_s, orderId},
                   {u"name"_s, order.number},
                   {u"email"_s, order.customerEmail},
                   {u"created_at"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                   {u"updated_at"_s, updatedAt},
                   {u"currency"_s, u"EUR"_s},
                   {u"total_price"_s, QString::number(total, 'f', 2)},
                   {u"financial_status"_s, cancel ? u"voided"_s : u"paid"_s},
                   {u"fulfillment_status"_s, QJsonValue()},
                   {u"cancelled_at"_s, cancel ? QJsonValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate)) : QJsonValue()},
                   {u"cancel_reason"_s, cancel ? QJsonValue(u"customer"_s) : QJsonValue()},
                   {u"customer"_s, QJsonObject{{u"email"_s, order.customerEmail},
                                               {u"first_name"_s, order.customerName.section(u' ', 0, 0)},
                                               {u"last_name"_s, order.customerName.section(u' ', 1)}}},
                   {u"line_items"_s, QJsonArray{QJsonObject{{u"title"_s, QString::fromLatin1(product[0])},
                                                            {u"sku"_s, QString::fromLatin1(product[1])},
                                                            {u"quantity"_s, quantity},
                                                            {u"price"_s, QString::fromLatin1(product[2])}}}}};
    }
    const QByteArray body = compact(payload);
    send(u"shopify"_s, u"%1 order %2 <%3>"_s.arg(QString::fromLatin1(topic), order.number, order.customerEmail),
         u"/api/v1/webhooks/shopify/%1"_s.arg(m_config.account), body,
         {{"X-Shopify-Topic", topic},
          {"X-Shopify-Webhook-Id", requestId().toLatin1()},
          {"X-Shopify-Shop-Domain", m_config.account.toLatin1() + ".myshopify.com"},
          {"X-Shopify-Hmac-Sha256", channels::signShopify(body, m_config.shopifySecret)}},
         {});
}

void TrafficSimulator::inboundEmail()
{
    const QString name = u"%1 %2"_s.arg(QString::fromUtf8(any(m_rng, firstNames)), QString::fromUtf8(any(m_rng, lastNames)));
    const QString address = u"mail.%1.%2@example.com"_s.arg(m_config.runId).arg(m_counter);
    const QString from = u"%1 <%2>"_s.arg(name, address);
    m_emailCustomers.append({name, address});
    if (m_emailCustomers.size() > 200)
        m_emailCustomers.removeFirst();
    const QString to = u"support+%1@%2"_s.arg(m_config.account, m_config.inboundDomain);
    const QString emailId = requestId();
    const QString messageId = u"<%1@mail.example.com>"_s.arg(emailId);
    const QString subject = QString::fromUtf8(any(m_rng, emailSubjects));
    m_config.emailStandIn->add(emailId, {{u"from"_s, from},
                                         {u"to"_s, QJsonArray{to}},
                                         {u"subject"_s, subject},
                                         {u"text"_s, QString::fromUtf8(any(m_rng, emailBodies))},
                                         {u"html"_s, QJsonValue()},
                                         {u"message_id"_s, messageId},
                                         {u"headers"_s, QJsonObject{}},
                                         {u"attachments"_s, QJsonArray{}}});
    const QByteArray body = compact({{u"type"_s, u"email.received"_s},
                                     {u"created_at"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                                     {u"data"_s, QJsonObject{{u"email_id"_s, emailId},
                                                            {u"from"_s, from},
                                                            {u"to"_s, QJsonArray{to}},
                                                            {u"received_for"_s, QJsonArray{to}},
                                                            {u"message_id"_s, messageId},
                                                            {u"subject"_s, subject},
                                                            {u"attachments"_s, QJsonArray{}}}}});
    const QByteArray svixId = "msg_" + emailId.toLatin1();
    const QByteArray timestamp = QByteArray::number(QDateTime::currentSecsSinceEpoch());
    send(u"email_in"_s, u"from <%1> subject=\"%2\""_s.arg(from.section(u'<', 1).chopped(1), subject), u"/api/v1/webhooks/resend"_s,
         body,
         {{"svix-id", svixId},
          {"svix-timestamp", timestamp},
          {"svix-signature", channels::signSvix(svixId, timestamp, body, m_config.resendSecret)}},
         {});
}

} // namespace zeiko::simulate
