#include "ui/system_line.h"

#include "models/labels.h"

#include <QRegularExpression>

namespace zeiko::ui {

namespace {

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

// A wire value as words: a ticket status or priority by its label, any other
// snake_case word with spaces.
QString wireWord(const QString &word)
{
    if (const auto status = enumFromString<TicketStatus>(word))
        return labels::status(*status);
    if (const auto priority = enumFromString<Priority>(word))
        return labels::priority(*priority);
    QString spaced = word;
    return spaced.replace(u'_', u' ');
}

// Escaped text with **bold** as bold and snake_case wire words as words.
QString plainHtml(const QString &text)
{
    // Not inside an address or a file name ("first_last@example.com" stays).
    static const QRegularExpression snake(QStringLiteral("(?<![\\w@./-])[a-z]+(?:_[a-z]+)+(?![\\w@/-]|\\.\\w)"));
    static const QRegularExpression bold(QStringLiteral("\\*\\*(.+?)\\*\\*"));
    QString words;
    qsizetype at = 0;
    for (auto it = snake.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        words += text.mid(at, match.capturedStart() - at) + wireWord(match.captured());
        at = match.capturedEnd();
    }
    words += text.mid(at);
    QString html;
    at = 0;
    for (auto it = bold.globalMatch(words); it.hasNext();) {
        const auto match = it.next();
        html += escaped(words.mid(at, match.capturedStart() - at)) + QStringLiteral("<b>%1</b>").arg(escaped(match.captured(1)));
        at = match.capturedEnd();
    }
    return html + escaped(words.mid(at));
}

QString name(const QString &who)
{
    return QStringLiteral("<b>%1</b>").arg(escaped(who));
}

// ": reason" after a sentence, as the server appends it.
QString reasonHtml(const QString &reason)
{
    return reason.isEmpty() ? QString() : QStringLiteral(": ") + plainHtml(reason);
}

} // namespace

QString SystemLine::html(const QString &body, int maxChars)
{
    const QString text = body.simplified().left(maxChars);
    // The sentences zeiko-server writes (server/service/command_rules.cpp,
    // server/routing/handoff_flow.cpp, the demo data).
    static const QRegularExpression priority(QStringLiteral("^(.+) changed the priority from ([a-z_]+) to ([a-z_]+)$"));
    static const QRegularExpression status(QStringLiteral("^(.+) changed the status to ([a-z_]+)$"));
    static const QRegularExpression assigned(QStringLiteral("^(.+) assigned the ticket to (.+)$"));
    static const QRegularExpression unassigned(QStringLiteral("^(.+) unassigned the ticket$"));
    static const QRegularExpression tookOver(QStringLiteral("^(.+) took over from the AI agent$"));
    static const QRegularExpression closed(QStringLiteral("^(.+) (closed|reopened|force-closed) the ticket(?:: (.*))?$"));
    static const QRegularExpression requested(QStringLiteral("^\\*\\*(.+?)\\*\\* requested a human(?:: (.*))?$"));
    QRegularExpressionMatch m;
    if ((m = priority.match(text)).hasMatch()) {
        const auto from = enumFromString<Priority>(m.captured(2));
        const auto to = enumFromString<Priority>(m.captured(3));
        if (from && to)
            return tr("%1 changed the priority from %2 to %3")
                .arg(name(m.captured(1)), escaped(labels::priority(*from)), escaped(labels::priority(*to)));
    }
    if ((m = status.match(text)).hasMatch()) {
        if (const auto to = enumFromString<TicketStatus>(m.captured(2)))
            return tr("%1 changed the status to %2").arg(name(m.captured(1)), escaped(labels::status(*to)));
    }
    if ((m = assigned.match(text)).hasMatch())
        return tr("%1 assigned the ticket to %2").arg(name(m.captured(1)), name(m.captured(2)));
    if ((m = unassigned.match(text)).hasMatch())
        return tr("%1 unassigned the ticket").arg(name(m.captured(1)));
    if ((m = tookOver.match(text)).hasMatch())
        return tr("%1 took over from the AI agent").arg(name(m.captured(1)));
    if ((m = closed.match(text)).hasMatch()) {
        const QString verb = m.captured(2);
        const QString who = name(m.captured(1));
        const QString sentence = verb == QLatin1String("closed")     ? tr("%1 closed the ticket").arg(who)
                               : verb == QLatin1String("reopened") ? tr("%1 reopened the ticket").arg(who)
                                                                   : tr("%1 force-closed the ticket").arg(who);
        return sentence + reasonHtml(m.captured(3));
    }
    // The handoff line goes on with how it was routed; that part keeps its words.
    if ((m = requested.match(text)).hasMatch())
        return tr("%1 requested a human").arg(name(m.captured(1))) + reasonHtml(m.captured(2));
    return plainHtml(text);
}

QString SystemLine::eventStatus(const QString &status)
{
    if (status.isEmpty())
        return {};
    if (const auto handoff = enumFromString<HandoffState>(status)) {
        switch (*handoff) {
        case HandoffState::Requested: return tr("handoff requested");
        case HandoffState::Assigned: return tr("handoff assigned");
        case HandoffState::Active: return tr("handoff active");
        case HandoffState::Resolved: return tr("handoff resolved");
        }
    }
    if (status == QLatin1String("sent"))
        return tr("sent");
    if (status == QLatin1String("delivered"))
        return tr("delivered");
    if (status == QLatin1String("bounced"))
        return tr("bounced");
    if (status == QLatin1String("failed"))
        return tr("failed");
    return wireWord(status);
}

} // namespace zeiko::ui
