#pragma once
// Blocking HTTP and SMTP through libcurl, usable from any thread (request
// handlers, the mail worker) without a Qt event loop.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace zeiko::channels {

struct CurlResult {
    long status = 0;        // HTTP status (0: no response)
    QByteArray body;
    QString error;          // transport error, empty when a response arrived
    bool ok() const { return error.isEmpty() && status >= 200 && status < 300; }
};

CurlResult httpRequest(const QByteArray &method, const QString &url, const QList<QPair<QByteArray, QByteArray>> &headers,
                       const QByteArray &body, int timeoutMs);

// How an smtp:// connection may be protected.
enum class SmtpTls {
    Required,            // STARTTLS or fail: a network attacker cannot strip it and read the password
    PlaintextLoopback,   // the operator opted into plaintext to a relay on this machine
};

// Sends one RFC 5322 message over SMTP(S). smtpUrl: smtps://[user:pw@]host:port
// (TLS from the first byte) or smtp://… (STARTTLS, required unless `tls`
// says PlaintextLoopback).
CurlResult smtpSend(const QString &smtpUrl, const QString &from, const QStringList &recipients,
                    const QByteArray &message, int timeoutMs, SmtpTls tls = SmtpTls::Required);

} // namespace zeiko::channels
