#include "channels/mail_transport.h"

#include "channels/curl_http.h"
#include "channels/inbound_email.h"
#include "domain/mailbox.h"
#include "markdown/markdown.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QUrl>
#include <QUuid>

namespace zeiko::channels {

using namespace Qt::StringLiterals;

namespace {

QString html(const OutboundMail &mail)
{
    return u"<!doctype html><html><body>"_s + markdown::renderFull(mail.markdown).html + u"</body></html>"_s;
}

QByteArray encodedWord(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    bool ascii = true;
    for (char c : utf8)
        ascii = ascii && uchar(c) >= 0x20 && uchar(c) < 0x7f;
    return ascii ? utf8 : "=?UTF-8?B?" + utf8.toBase64() + "?=";
}

// Header values never carry CR/LF (no header injection from subjects or names).
QByteArray clean(const QString &value)
{
    QString v = value;
    v.replace(u'\r', u' ').replace(u'\n', u' ');
    return v.toUtf8();
}

QByteArray base64Lines(const QByteArray &data)
{
    const QByteArray b64 = data.toBase64();
    QByteArray out;
    for (qsizetype i = 0; i < b64.size(); i += 76)
        out += b64.mid(i, 76) + "\r\n";
    return out;
}

} // namespace

QString transportName(TransportConfig::Kind kind)
{
    switch (kind) {
    case TransportConfig::Kind::Resend:
        return u"resend"_s;
    case TransportConfig::Kind::Smtp:
        return u"smtp"_s;
    case TransportConfig::Kind::Spool:
        return u"spool"_s;
    case TransportConfig::Kind::None:
        break;
    }
    return u"none"_s;
}

QString plaintextSmtpProblem(const QString &smtpUrl)
{
    const QUrl url(smtpUrl);
    if (url.scheme() != u"smtp"_s)
        return u"plaintext applies to smtp:// URLs only (smtps:// is always TLS)"_s;
    const QString host = url.host();
    const QHostAddress address(host);
    if (host == u"localhost"_s || (!address.isNull() && address.isLoopback()))
        return {};
    return u"plaintext SMTP is allowed only to a relay on this machine (127.0.0.1, ::1 or localhost), not to %1"_s.arg(host);
}

QByteArray buildMime(const OutboundMail &mail, const QString &from, const QDateTime &date)
{
    const QByteArray boundary = "zeiko-" + QUuid::createUuid().toString(QUuid::Id128).toLatin1();
    QByteArray m;
    auto header = [&m](const QByteArray &name, const QByteArray &value) {
        if (!value.isEmpty())
            m += name + ": " + value + "\r\n";
    };
    const MailAddress sender = parseAddress(from);
    header("From", sender.name.isEmpty() ? clean(sender.email) : encodedWord(sender.name) + " <" + clean(sender.email) + ">");
    header("To", clean(mail.to.join(u", "_s)));
    header("Reply-To", clean(mail.replyTo));
    header("Subject", encodedWord(clean(mail.subject)));
    header("Date", date.toString(Qt::RFC2822Date).toLatin1());
    header("Message-ID", clean(mail.messageId));
    header("In-Reply-To", clean(mail.inReplyTo));
    header("References", clean(mail.references.join(u' ')));
    for (const auto &[name, value] : mail.headers)
        header(clean(name), clean(value));
    QStringList tags;
    for (const auto &[name, value] : mail.tags)
        tags.append(name + u'=' + value);
    header("X-Zeiko-Tags", clean(tags.join(u"; "_s)));
    header("MIME-Version", "1.0");
    header("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
    m += "\r\n";
    m += "--" + boundary + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    m += base64Lines(markdown::renderPlainText(mail.markdown).toUtf8());
    m += "--" + boundary + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    m += base64Lines(html(mail).toUtf8());
    m += "--" + boundary + "--\r\n";
    return m;
}

QByteArray buildResendJson(const OutboundMail &mail, const QString &from)
{
    QJsonObject headers;
    if (!mail.messageId.isEmpty())
        headers.insert(u"Message-ID"_s, mail.messageId);
    if (!mail.inReplyTo.isEmpty())
        headers.insert(u"In-Reply-To"_s, mail.inReplyTo);
    if (!mail.references.isEmpty())
        headers.insert(u"References"_s, mail.references.join(u' '));
    for (const auto &[name, value] : mail.headers)
        headers.insert(name, value);
    QJsonArray tags;
    for (const auto &[name, value] : mail.tags)
        tags.append(QJsonObject{{u"name"_s, name}, {u"value"_s, value}});
    QJsonObject body{{u"from"_s, from},
                     {u"to"_s, QJsonArray::fromStringList(mail.to)},
                     {u"subject"_s, mail.subject},
                     {u"html"_s, html(mail)},
                     {u"text"_s, markdown::renderPlainText(mail.markdown)},
                     {u"headers"_s, headers},
                     {u"tags"_s, tags}};
    if (!mail.replyTo.isEmpty())
        body.insert(u"reply_to"_s, mail.replyTo);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

SendResult sendMail(const TransportConfig &config, const OutboundMail &mail)
{
    SendResult result;
    // Checked again at send time, whatever queued the mail: a recipient that
    // is not a mailbox (CR/LF would reach the SMTP envelope raw) is never
    // handed to a transport, and retrying cannot help.
    for (const QString &to : mail.to) {
        if (const QString problem = mailboxProblem(to); !problem.isEmpty()) {
            result.error = u"not sent: the recipient address is undeliverable (%1)"_s.arg(problem);
            result.permanent = true;
            return result;
        }
    }
    switch (config.kind) {
    case TransportConfig::Kind::None:
        result.error = u"no mail transport configured"_s;
        return result;
    case TransportConfig::Kind::Spool: {
        QDir().mkpath(config.spoolDir);
        const QString name = u"%1/%2-%3.eml"_s.arg(config.spoolDir)
                                 .arg(QDateTime::currentMSecsSinceEpoch())
                                 .arg(QString::fromLatin1(QCryptographicHash::hash(mail.idempotencyKey.toUtf8(),
                                                                                   QCryptographicHash::Sha1)
                                                              .toHex()
                                                              .left(16)));
        QSaveFile file(name);
        if (!file.open(QIODevice::WriteOnly) || file.write(buildMime(mail, config.fromAddress, QDateTime::currentDateTimeUtc())) < 0 ||
            !file.commit()) {
            result.error = u"cannot write %1: %2"_s.arg(name, file.errorString());
            return result;
        }
        result.ok = true;
        return result;
    }
    case TransportConfig::Kind::Smtp: {
        const CurlResult r = smtpSend(config.smtpUrl, parseAddress(config.fromAddress).email, mail.to,
                                      buildMime(mail, config.fromAddress, QDateTime::currentDateTimeUtc()), config.timeoutMs,
                                      config.smtpPlaintextLoopback ? SmtpTls::PlaintextLoopback : SmtpTls::Required);
        result.ok = r.error.isEmpty();
        result.error = r.error;
        return result;
    }
    case TransportConfig::Kind::Resend: {
        const CurlResult r = httpRequest("POST", config.resendBaseUrl + u"/emails"_s,
                                         {{"Authorization", "Bearer " + config.resendApiKey.toUtf8()},
                                          {"Content-Type", "application/json"},
                                          {"Idempotency-Key", mail.idempotencyKey.toUtf8()}},
                                         buildResendJson(mail, config.fromAddress), config.timeoutMs);
        result.ok = r.ok();
        if (result.ok) {
            result.providerId = QJsonDocument::fromJson(r.body).object().value(u"id"_s).toString();
        } else {
            result.error = r.error.isEmpty() ? u"Resend answered %1"_s.arg(r.status) : r.error;
            result.permanent = r.status >= 400 && r.status < 500 && r.status != 429 && r.status != 409;
        }
        return result;
    }
    }
    return result;
}

} // namespace zeiko::channels
