#include "channels/inbound_email.h"

#include <QRegularExpression>

namespace zeiko::channels {

using namespace Qt::StringLiterals;

MailAddress parseAddress(const QString &text)
{
    const QString t = text.trimmed();
    const qsizetype lt = t.lastIndexOf(u'<');
    const qsizetype gt = t.lastIndexOf(u'>');
    if (lt >= 0 && gt > lt) {
        QString name = t.left(lt).trimmed();
        if (name.size() >= 2 && name.startsWith(u'"') && name.endsWith(u'"'))
            name = name.mid(1, name.size() - 2);
        return {name, t.mid(lt + 1, gt - lt - 1).trimmed().toLower()};
    }
    return {QString(), t.toLower()};
}

std::optional<Alias> parseAlias(const QString &address, const QString &domain)
{
    static const QRegularExpression pattern(u"^(support|ticket)\\+([a-z0-9][a-z0-9_.-]{0,127})@([a-z0-9.-]+)$"_s);
    const auto match = pattern.match(parseAddress(address).email);
    if (!match.hasMatch())
        return std::nullopt;
    if (!domain.isEmpty() && match.captured(3) != domain.toLower())
        return std::nullopt;
    return Alias{match.captured(1) == u"support"_s ? Alias::Kind::Support : Alias::Kind::Ticket, match.captured(2)};
}

QStringList messageIds(const QString &header)
{
    static const QRegularExpression id(u"<[^<>\\s]{1,500}>"_s);
    QStringList out;
    for (auto it = id.globalMatch(header); it.hasNext();)
        out.append(it.next().captured(0));
    return out;
}

QString trimQuotedReply(const QString &text)
{
    static const QRegularExpression cutMarkers(
        u"^(On .{0,300}wrote:\\s*$|-{2,}\\s*Original Message\\s*-{2,}|_{10,}\\s*$|From:\\s.+$\\n^(Sent|Date):\\s)"_s,
        QRegularExpression::MultilineOption | QRegularExpression::CaseInsensitiveOption);
    QString body = text;
    body.replace(u"\r\n"_s, u"\n"_s);
    if (const auto m = cutMarkers.match(body); m.hasMatch())
        body = body.left(m.capturedStart());
    // Drop trailing quoted lines ("> ...") and the blank lines around them.
    QStringList lines = body.split(u'\n');
    while (!lines.isEmpty() && (lines.last().trimmed().isEmpty() || lines.last().trimmed().startsWith(u'>')))
        lines.removeLast();
    const QString trimmed = lines.join(u'\n').trimmed();
    return trimmed.isEmpty() ? text.trimmed() : trimmed;   // never lose a message that is all quote
}

} // namespace zeiko::channels
