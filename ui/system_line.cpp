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
    // The server writes one sentence per paragraph (a handoff line: who asked,
    // the skills, how it was routed): each is read on its own.
    QStringList sentences;
    for (const QString &paragraph : body.left(maxChars).split(QStringLiteral("\n\n"), Qt::SkipEmptyParts)) {
        const QString sentence = paragraph.simplified();
        if (!sentence.isEmpty())
            sentences << sentenceHtml(sentence);
    }
    return sentences.join(QStringLiteral(" · "));
}

QString SystemLine::sentenceHtml(const QString &text)
{
    // The sentences zeiko-server writes (server/service/command_rules.cpp,
    // server/routing/handoff_flow.cpp, server/widget, the mail worker, the demo data).
    static const QRegularExpression priority(QStringLiteral("^(.+) changed the priority from ([a-z_]+) to ([a-z_]+)$"));
    static const QRegularExpression status(QStringLiteral("^(.+) changed the status to ([a-z_]+)$"));
    static const QRegularExpression assigned(QStringLiteral("^(.+) assigned the ticket to (.+)$"));
    static const QRegularExpression unassigned(QStringLiteral("^(.+) unassigned the ticket$"));
    static const QRegularExpression tookOver(QStringLiteral("^(.+) took over from the AI agent$"));
    static const QRegularExpression closed(QStringLiteral("^(.+) (closed|reopened|force-closed) the ticket(?:: (.*))?$"));
    static const QRegularExpression requested(
        QStringLiteral("^(?:\\*\\*(.+?)\\*\\* requested a human|(.+?) asked for a human)(?:: (.*))?$"));
    static const QRegularExpression skills(QStringLiteral("^Skills: (.+)$"));
    static const QRegularExpression routed(QStringLiteral("^(Capacity freed up: r|R)outed to (.+) \\(round robin\\)\\.$"));
    static const QRegularExpression offered(QStringLiteral("^Offered to (.+) \\(first available\\)\\.$"));
    static const QRegularExpression claimed(QStringLiteral("^(.+) claimed the handoff and joined the conversation$"));
    static const QRegularExpression resolved(QStringLiteral("^(.+) resolved the conversation; CSAT requested$"));
    static const QRegularExpression rated(QStringLiteral("^Customer rated the conversation (\\d)/5(?:: (.*))?$"));
    static const QRegularExpression mailed(QStringLiteral("^Email sent to (\\S+) \\((.+)\\)$"));
    static const QRegularExpression mailFailed(QStringLiteral("^Email to (\\S+) failed after (\\d+) attempts: (.*)$"));
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
    if ((m = requested.match(text)).hasMatch()) {
        const QString agent = m.captured(1).isEmpty() ? m.captured(2) : m.captured(1);
        return tr("%1 requested a human").arg(name(agent)) + reasonHtml(m.captured(3));
    }
    if ((m = skills.match(text)).hasMatch())
        return tr("Skills: %1").arg(escaped(m.captured(1)));
    if ((m = routed.match(text)).hasMatch())
        return m.captured(1) == QLatin1String("R") ? tr("Routed to %1 (round robin).").arg(name(m.captured(2)))
                                                   : tr("Capacity freed up: routed to %1 (round robin).").arg(name(m.captured(2)));
    if (text == QLatin1String("Everyone eligible is at capacity: waiting for the team."))
        return escaped(tr("Everyone eligible is at capacity: waiting for the team."));
    if ((m = offered.match(text)).hasMatch())
        return tr("Offered to %1 (first available).").arg(escaped(m.captured(1)));
    if ((m = claimed.match(text)).hasMatch())
        return tr("%1 claimed the handoff and joined the conversation").arg(name(m.captured(1)));
    if ((m = resolved.match(text)).hasMatch())
        return tr("%1 resolved the conversation; a rating was asked for").arg(name(m.captured(1)));
    if ((m = rated.match(text)).hasMatch())
        return tr("The customer rated the conversation %1/5").arg(m.captured(1)) + reasonHtml(m.captured(2));
    if ((m = mailed.match(text)).hasMatch())
        return tr("Email sent to %1 (%2)").arg(escaped(m.captured(1)), escaped(m.captured(2)));
    if ((m = mailFailed.match(text)).hasMatch())
        return tr("Email to %1 failed after %2 attempts: %3")
            .arg(escaped(m.captured(1)), escaped(m.captured(2)), escaped(m.captured(3)));
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
