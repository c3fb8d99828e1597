#pragma once
// Pure helpers for inbound mail: addresses, our aliases, threading headers,
// the reply text without its quoted history.

#include <QString>
#include <QStringList>

#include <optional>

namespace zeiko::channels {

struct MailAddress {
    QString name;
    QString email;   // lower-cased
};

MailAddress parseAddress(const QString &text);   // "Name <a@b>" or "a@b"

struct Alias {
    enum class Kind { Support, Ticket } kind;
    QString value;   // the account slug or the ticket key
};

// support+{slug}@domain / ticket+{key}@domain; `domain` empty accepts any domain.
std::optional<Alias> parseAlias(const QString &address, const QString &domain);

// Message-IDs in an In-Reply-To/References header, in order, with their <>.
QStringList messageIds(const QString &header);

// The new part of a reply: cuts at "On ... wrote:", "-----Original Message-----",
// an Outlook "From:/Sent:" block or a run of "> " lines; trims the rest.
QString trimQuotedReply(const QString &text);

} // namespace zeiko::channels
