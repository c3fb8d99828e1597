#include "http/client_address.h"

#include <stdexcept>

namespace zeiko::http {

namespace {

// IPv4 peers may show up as IPv4-mapped IPv6 (::ffff:a.b.c.d): compare as IPv4.
QHostAddress normalized(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

bool isTrusted(const QHostAddress &address, const QList<AddressRange> &trusted)
{
    const QHostAddress a = normalized(address);
    for (const AddressRange &range : trusted) {
        if (a.isInSubnet(range))
            return true;
    }
    return false;
}

// One X-Forwarded-For entry: "1.2.3.4", "1.2.3.4:5678", "2001:db8::1" or "[2001:db8::1]:443".
QHostAddress parseEntry(QByteArray entry)
{
    entry = entry.trimmed();
    if (entry.startsWith('[')) {
        const qsizetype close = entry.indexOf(']');
        if (close < 0)
            return {};
        entry = entry.mid(1, close - 1);
    } else if (entry.count(':') == 1) {
        entry = entry.left(entry.indexOf(':'));
    }
    return QHostAddress(QString::fromLatin1(entry));
}

} // namespace

QList<AddressRange> parseAddressRanges(const QStringList &specs)
{
    QList<AddressRange> ranges;
    for (const QString &spec : specs) {
        for (const QString &part : spec.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString text = part.trimmed();
            if (text.isEmpty())
                continue;
            AddressRange range = text.contains(QLatin1Char('/')) ? QHostAddress::parseSubnet(text)
                                                                 : AddressRange(QHostAddress(text), -1);
            if (range.first.isNull())
                throw std::invalid_argument("not an address range (CIDR): " + text.toStdString());
            range.first = normalized(range.first);
            if (range.second < 0)
                range.second = range.first.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128;
            ranges.append(range);
        }
    }
    return ranges;
}

QHostAddress resolveClientAddress(const QHostAddress &peer, const QByteArray &forwardedFor,
                                  const QList<AddressRange> &trustedProxies)
{
    QHostAddress client = normalized(peer);
    if (trustedProxies.isEmpty() || !isTrusted(client, trustedProxies))
        return client;
    const QList<QByteArray> hops = forwardedFor.split(',');
    for (auto hop = hops.crbegin(); hop != hops.crend(); ++hop) {
        if (hop->trimmed().isEmpty())
            continue;
        const QHostAddress address = parseEntry(*hop);
        // Unreadable: the trusted hop that wrote it is the best we know.
        if (address.isNull())
            return client;
        client = normalized(address);
        if (!isTrusted(client, trustedProxies))
            return client;
    }
    return client;   // every hop trusted: the leftmost one
}

} // namespace zeiko::http
