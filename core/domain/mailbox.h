#pragma once
// Is this text a mailbox an email can be sent to (RFC 5321 §4.1.2:
// Local-part "@" Domain), one rule for every entry point and for send time.
//
// Accepted: a dot-atom local part (RFC 5322 atext, plus UTF-8 as RFC 6531
// allows) of at most 64 octets, "@", and a domain of dot-separated labels
// (letters, digits, hyphens, UTF-8; no leading/trailing hyphen, 63 octets
// each) or an address literal "[…]" — 254 octets in all. Refused: anything
// with whitespace or a control character (CR/LF would end the SMTP command
// and start another: the injection this guards against), quoted local parts
// (legal, but nobody's customer has one, and every quoted-string rule is a
// chance to smuggle a byte through) and display names ("Name <a@b>").

#include <QString>

namespace zeiko {

// Why `address` is not a deliverable mailbox (a short English sentence for
// logs, API errors and the console's notice); empty when it is one.
QString mailboxProblem(const QString &address);
inline bool isDeliverableMailbox(const QString &address) { return mailboxProblem(address).isEmpty(); }

// `address` with control characters shown as U+FFFD, so a refused address can
// be stored and shown to an operator without carrying the bytes themselves.
QString printableAddress(const QString &address);

} // namespace zeiko
