#pragma once
// Resend webhooks: email.received opens or continues tickets, and
// email.delivered / email.bounced annotate the thread of a mail we sent.
//
// Order of work: verify the Svix signature on the raw body (401 and no
// change otherwise) -> drop a delivery already handled (svix-id) -> fetch
// the body and headers from Resend's received-emails API -> find the
// tenant and ticket by alias (received_for, to, cc), else by
// In-Reply-To/References against Message-IDs we sent -> in one tenant
// transaction: drop a Message-ID seen before, create or append, record the
// delivery. An unknown alias changes nothing and is answered
// {"status":"ignored","reason":"unknown_alias"} (200, so Resend does not retry).

#include "channels/clock.h"
#include "channels/json_result.h"
#include "channels/outbound_mail.h"
#include "channels/tenant_tx.h"

#include <QHash>

namespace zeiko::channels {

struct ResendSettings {
    QString apiKey;
    QString apiBaseUrl = QStringLiteral("https://api.resend.com");
    QString webhookSecret;
    int fetchTimeoutMs = 15000;
};

class EmailWebhookService
{
public:
    EmailWebhookService(store::Database &database, CommitNotifier notify, const Clock &clock, MailSettings mail,
                        ResendSettings resend);

    JsonResult handle(const QHash<QByteArray, QByteArray> &headers, const QByteArray &rawBody);

private:
    JsonResult received(const QByteArray &deliveryId, const QJsonObject &data);
    JsonResult deliveryStatus(const QByteArray &deliveryId, const QString &type, const QJsonObject &data);
    bool alreadyHandled(const QByteArray &deliveryId);
    void recordDelivery(QSqlDatabase &db, const QByteArray &deliveryId, const QString &outcome);

    store::Database &m_db;
    CommitNotifier m_notify;
    const Clock &m_clock;
    MailSettings m_mail;
    ResendSettings m_resend;
};

} // namespace zeiko::channels
