#pragma once
// Turning a queued OutboundMail into bytes and sending them: MIME for SMTP
// and the spool, JSON for Resend's HTTP API. HTML comes from the markdown
// through cmark-gfm (core/markdown, no raw HTML), with a plain-text
// alternative.

#include "channels/outbound_mail.h"

namespace zeiko::channels {

struct TransportConfig {
    enum class Kind { None, Resend, Smtp, Spool } kind = Kind::None;
    QString fromAddress;
    QString resendApiKey;
    QString resendBaseUrl;
    QString smtpUrl;
    bool smtpPlaintextLoopback = false;   // --smtp-allow-plaintext (checked: the host is a loopback relay)
    QString spoolDir;
    int timeoutMs = 30000;
};

struct SendResult {
    bool ok = false;
    bool permanent = false;   // retrying cannot help (e.g. 4xx from the provider)
    QString providerId;       // Resend's email id
    QString error;
};

QByteArray buildMime(const OutboundMail &mail, const QString &from, const QDateTime &date);
QByteArray buildResendJson(const OutboundMail &mail, const QString &from);
SendResult sendMail(const TransportConfig &config, const OutboundMail &mail);
QString transportName(TransportConfig::Kind kind);
// Why `smtpUrl` may not be used with plaintext allowed (its host is not a
// loopback address); empty when it may.
QString plaintextSmtpProblem(const QString &smtpUrl);

} // namespace zeiko::channels
