#include "domain/mailbox.h"

#include <QList>

namespace zeiko {

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype maxAddressOctets = 254;   // RFC 5321 §4.5.3.1.3 path limit minus "<>"
constexpr qsizetype maxLocalOctets = 64;
constexpr qsizetype maxLabelOctets = 63;

bool isControl(char32_t c)
{
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029;
}

// RFC 5322 atext, and any non-ASCII character (RFC 6531 UTF-8 mailboxes).
bool isAtext(char32_t c)
{
    if (c >= 0x80)
        return true;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QStringView(u"!#$%&'*+-/=?^_`{|}~").contains(QChar(c));
}

bool isLabelChar(char32_t c)
{
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

QString dotAtomProblem(QStringView local)
{
    if (local.isEmpty())
        return u"the part before @ is empty"_s;
    if (local.startsWith(u'.') || local.endsWith(u'.') || local.contains(u".."))
        return u"the part before @ has a misplaced dot"_s;
    for (const char32_t c : local.toUcs4())
        if (c != '.' && !isAtext(c))
            return u"the part before @ contains a character not allowed in an address"_s;
    return {};
}

QString domainProblem(QStringView domain)
{
    if (domain.isEmpty())
        return u"the domain after @ is empty"_s;
    if (domain.startsWith(u'[')) {
        if (!domain.endsWith(u']') || domain.size() < 3)
            return u"the address literal is not closed"_s;
        QStringView literal = domain.mid(1, domain.size() - 2);
        const bool v6 = literal.startsWith(u"IPv6:");
        if (v6)
            literal = literal.mid(5);
        for (const QChar c : literal) {
            const bool hex = c.isDigit() || (c.toLower() >= u'a' && c.toLower() <= u'f');
            if (!(c.isDigit() || c == u'.' || (v6 && (hex || c == u':'))))
                return u"the address literal is not an IP address"_s;
        }
        return {};
    }
    for (QStringView label : domain.split(u'.')) {
        if (label.isEmpty())
            return u"the domain has an empty label"_s;
        if (label.toUtf8().size() > maxLabelOctets)
            return u"a domain label is longer than 63 octets"_s;
        if (label.startsWith(u'-') || label.endsWith(u'-'))
            return u"a domain label starts or ends with a hyphen"_s;
        for (const char32_t c : label.toUcs4())
            if (!isLabelChar(c))
                return u"the domain contains a character not allowed in a host name"_s;
    }
    return {};
}

} // namespace

QString mailboxProblem(const QString &address)
{
    if (address.isEmpty())
        return u"the address is empty"_s;
    for (const char32_t c : address.toUcs4()) {
        if (isControl(c))
            return u"the address contains a control character (such as a line break)"_s;
        if (QChar::isSpace(c))
            return u"the address contains white space"_s;
        if (c == 0xfffd)   // what printableAddress() left of a control character
            return u"the address contains an unreadable character"_s;
    }
    if (address.toUtf8().size() > maxAddressOctets)
        return u"the address is longer than 254 octets"_s;
    const qsizetype at = address.lastIndexOf(u'@');
    if (at < 0)
        return u"the address has no @"_s;
    const QStringView local = QStringView(address).left(at);
    const QStringView domain = QStringView(address).mid(at + 1);
    if (local.startsWith(u'"'))
        return u"quoted local parts are not accepted"_s;
    if (local.toUtf8().size() > maxLocalOctets)
        return u"the part before @ is longer than 64 octets"_s;
    if (QString problem = dotAtomProblem(local); !problem.isEmpty())
        return problem;
    return domainProblem(domain);
}

QString printableAddress(const QString &address)
{
    QString out;
    out.reserve(address.size());
    for (const char32_t c : address.toUcs4()) {
        if (isControl(c))
            out += QChar(0xfffd);
        else
            out += QString::fromUcs4(&c, 1);
    }
    return out;
}

} // namespace zeiko
