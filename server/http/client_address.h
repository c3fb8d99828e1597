#pragma once
// Who a request comes from, for every per-address limit (sign-in throttle,
// widget starts). Behind a reverse proxy every client shares the proxy's
// socket address, so for a peer inside the configured trusted-proxy ranges
// the client is the rightmost X-Forwarded-For entry that is not itself a
// trusted proxy (each proxy appends the address it received from; entries
// left of the first untrusted one may be forged by the client). A peer
// outside those ranges is the client, whatever X-Forwarded-For it sends.

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QStringList>

namespace zeiko::http {

using AddressRange = QPair<QHostAddress, int>;   // address, prefix length

// "10.0.0.0/8", "192.168.1.5" (a single address), "fd00::/8"; several per
// string separated by commas. Throws std::invalid_argument on a bad range.
QList<AddressRange> parseAddressRanges(const QStringList &specs);

QHostAddress resolveClientAddress(const QHostAddress &peer, const QByteArray &forwardedFor,
                                  const QList<AddressRange> &trustedProxies);

} // namespace zeiko::http
