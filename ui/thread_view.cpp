#include "ui/thread_view.h"

#include "models/labels.h"
#include "models/roles.h"
#include "ui/palette.h"
#include "ui/system_line.h"

#include <QDesktopServices>
#include <QEvent>
#include <QScrollBar>

namespace zeiko::ui {

ThreadColours threadColoursFor(const QPalette &palette)
{
    const bool dark = isDark(palette, QPalette::Window);
    ThreadColours c;
    c.text = palette.color(QPalette::Text).name();
    c.muted = mutedText(palette).name();
    c.base = palette.color(QPalette::Base).name();
    c.link = palette.color(QPalette::Link).name();
    c.customer = dark ? QStringLiteral("#262b31") : QStringLiteral("#f4f6f8");
    c.agent = dark ? QStringLiteral("#2d2640") : QStringLiteral("#f1ecfb");
    c.human = dark ? QStringLiteral("#1f3327") : QStringLiteral("#e9f6ee");
    c.note = dark ? QStringLiteral("#4a3a00") : QStringLiteral("#fff1c2");
    c.noteText = dark ? QStringLiteral("#ffe9a8") : QStringLiteral("#4d3800");
    c.stripeCustomer = QStringLiteral("#6b7f93");
    c.stripeAgent = QStringLiteral("#7c5cc4");
    c.stripeHuman = QStringLiteral("#2e8b57");
    c.stripeNote = QStringLiteral("#d39e00");
    c.failed = dark ? QStringLiteral("#ff8a80") : QStringLiteral("#b00020");
    return c;
}

namespace {

QString escaped(const QString &text) { return text.toHtmlEscaped(); }

QString timeText(const QDateTime &utc)
{
    return utc.isValid() ? QLocale().toString(utc.toLocalTime(), QLocale::ShortFormat) : QString();
}

QString systemGlyph(EntryKind kind)
{
    switch (kind) {
    case EntryKind::EmailEvent: return QStringLiteral("\u2709");   // envelope
    case EntryKind::HandoffEvent: return QStringLiteral("\u21C4"); // arrows both ways
    case EntryKind::ShopifyEvent: return QStringLiteral("\u25C6"); // diamond
    default: return QStringLiteral("\u2022");                      // bullet
    }
}

bool isSystemKind(EntryKind kind)
{
    return kind == EntryKind::EmailEvent || kind == EntryKind::HandoffEvent || kind == EntryKind::AuditEvent
        || kind == EntryKind::ShopifyEvent;
}

} // namespace

ThreadView::ThreadView(ThreadModel &model, markdown::MarkdownRenderer &renderer, QWidget *parent)
    : QTextBrowser(parent)
    , m_model(model)
    , m_renderer(renderer)
{
    setObjectName(QStringLiteral("threadView"));
    setAccessibleName(tr("Ticket thread"));
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setReadOnly(true);
    setTextInteractionFlags(Qt::TextBrowserInteraction | Qt::TextSelectableByKeyboard);
    document()->setDocumentMargin(10);
    m_rebuildTimer.setSingleShot(true);
    m_rebuildTimer.setInterval(0);
    connect(&m_rebuildTimer, &QTimer::timeout, this, &ThreadView::rebuild);
    connect(&m_model, &QAbstractItemModel::modelReset, this, &ThreadView::onModelReset);
    connect(&m_model, &QAbstractItemModel::rowsInserted, this, &ThreadView::scheduleRebuild);
    connect(&m_model, &QAbstractItemModel::rowsRemoved, this, &ThreadView::scheduleRebuild);
    connect(&m_model, &QAbstractItemModel::dataChanged, this, &ThreadView::scheduleRebuild);
    connect(&m_model, &ThreadModel::threadCachedChanged, this, &ThreadView::scheduleRebuild);
    connect(&m_renderer, &markdown::MarkdownRenderer::rendered, this, &ThreadView::onRendered);
    connect(this, &QTextBrowser::anchorClicked, this, &ThreadView::onAnchorClicked);
    rebuild();
}

QVariant ThreadView::loadResource(int, const QUrl &)
{
    // The thread never fetches anything: no remote images, no tracking pixels.
    return {};
}

void ThreadView::setOffline(bool offline)
{
    if (m_offline == offline)
        return;
    m_offline = offline;
    scheduleRebuild();
}

QString ThreadView::uncachedNoticeHtml(const ThreadColours &c) const
{
    if (m_model.ticketId() == 0 || m_model.isThreadCached())
        return {};
    if (!m_offline) {
        return QStringLiteral("<p style=\"color:%1\">%2</p>").arg(c.muted, escaped(tr("Loading the conversation…")));
    }
    // Said before anything else: what shows below (a queued action, events
    // that arrived live) is not the conversation, and must not be read as it.
    const QString headline = tr("This thread is not available offline.");
    const QString why = tr("Only your working set is kept for reading offline: tickets assigned to you, unassigned "
                           "open tickets and the ones you opened recently. This conversation was not fetched before "
                           "the connection was lost, so what shows below is not the whole ticket.");
    const QString then = tr("It loads by itself when the connection is back.");
    return QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"8\" style=\"margin-bottom:8px\">"
                          "<tr><td width=\"4\" bgcolor=\"%1\"></td><td bgcolor=\"%2\" style=\"color:%3\">"
                          "<b style=\"color:%4\">%5</b><br>%6<br>%7</td></tr></table>")
        .arg(c.stripeNote, c.base, c.text, c.failed, escaped(headline), escaped(why), escaped(then));
}

void ThreadView::changeEvent(QEvent *event)
{
    QTextBrowser::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        scheduleRebuild();
}

void ThreadView::onModelReset()
{
    if (m_model.ticketId() != m_shownTicket) {
        m_rendered.clear();
        m_waiting.clear();
        m_showWhole.clear();
    }
    scheduleRebuild();
}

void ThreadView::scheduleRebuild()
{
    m_rebuildTimer.start();
}

QString ThreadView::bodyHtml(const QModelIndex &index)
{
    const QString body = index.data(BodyRole).toString();
    const qint64 entryId = index.data(EntryIdRole).toLongLong();
    const qint64 outboxId = index.data(OutboxItemIdRole).toLongLong();
    const bool whole = entryId != 0 && m_showWhole.contains(entryId);
    const QString key = entryId != 0
        ? QStringLiteral("e%1%2").arg(entryId).arg(whole ? QStringLiteral(":whole") : QString())
        : QStringLiteral("o%1:%2").arg(outboxId).arg(qHash(body));
    const auto found = m_rendered.constFind(key);
    if (found != m_rendered.constEnd()) {
        QString html = found->html;
        if (found->truncated && entryId != 0) {
            html += QStringLiteral("<p><i>%1</i> <a href=\"zeiko:whole/%2\">%3</a></p>")
                        .arg(escaped(tr("Showing the first %1 KB of %2 KB.")
                                         .arg(found->renderedBytes / 1024)
                                         .arg(found->totalBytes / 1024)))
                        .arg(entryId)
                        .arg(escaped(tr("Show the rest")));
        }
        return html;
    }
    if (!m_waiting.contains(key)) {
        m_waiting.insert(key);
        markdown::RenderOptions options;
        if (whole)
            options.headLimitBytes = 0;
        m_renderer.render(key, body.toUtf8(), options);
    }
    // Until the render arrives: the head of the raw text, escaped, so the
    // operator can already read and nothing heavy runs on this thread.
    return QStringLiteral("<p style=\"white-space: pre-wrap\">%1</p>").arg(escaped(body.left(4000)));
}

void ThreadView::onRendered(const QString &key, const markdown::RenderResult &result)
{
    if (!m_waiting.remove(key))
        return;   // another ticket's, or someone else's render
    m_rendered.insert(key, result);
    scheduleRebuild();
}

void ThreadView::rebuild()
{
    const ThreadColours c = threadColoursFor(palette());
    const bool sameTicket = m_model.ticketId() == m_shownTicket;
    const int oldScroll = verticalScrollBar()->value();
    const bool wasAtBottom = oldScroll >= verticalScrollBar()->maximum() - 4;
    m_shownTicket = m_model.ticketId();

    QString html;
    html.reserve(8192);
    html += QStringLiteral("<html><body style=\"color:%1\">").arg(c.text);
    const QString notice = uncachedNoticeHtml(c);
    if (m_model.ticketId() == 0) {
        html += QStringLiteral("<p style=\"color:%1\">%2</p>")
                    .arg(c.muted, escaped(tr("Select a ticket in the queue (j/k, then Enter to read it).")));
    } else if (!notice.isEmpty()) {
        html += notice;
    } else if (m_model.rowCount() == 0) {
        html += QStringLiteral("<p style=\"color:%1\">%2</p>")
                    .arg(c.muted, escaped(tr("Loading the conversation…")));
    }
    for (int row = 0; row < m_model.rowCount(); ++row) {
        const QModelIndex index = m_model.index(row);
        const auto kind = EntryKind(index.data(EntryKindRole).toInt());
        const bool pending = index.data(EntryPendingRole).toBool();
        const bool failed = index.data(EntryFailedRole).toBool();
        const bool isAction = index.data(EntryIsActionRole).toBool();
        const qint64 outboxId = index.data(OutboxItemIdRole).toLongLong();
        const QString when = timeText(index.data(CreatedAtRole).toDateTime());
        const QString author = index.data(AuthorNameRole).toString();

        QString status;
        if (failed) {
            status = QStringLiteral("<br><span style=\"color:%1\"><b>%2</b> %3</span> "
                                    "&nbsp;<a href=\"zeiko:retry/%4\">%5</a> · ")
                         .arg(c.failed, escaped(tr("Not sent:")),
                              escaped(index.data(EntryErrorRole).toString()))
                         .arg(outboxId)
                         .arg(escaped(tr("Retry")));
            if (!isAction)
                status += QStringLiteral("<a href=\"zeiko:edit/%1\">%2</a> · ").arg(outboxId).arg(escaped(tr("Edit")));
            status += QStringLiteral("<a href=\"zeiko:discard/%1\">%2</a>").arg(outboxId).arg(escaped(tr("Discard")));
        } else if (pending) {
            status = QStringLiteral(" · <i>%1</i>").arg(escaped(tr("Pending — in the outbox, not confirmed by the server yet")));
        }

        if (isAction || (isSystemKind(kind) && !pending)) {
            // A compact system line: events and the operator's queued actions.
            // Events in the operator's words: no raw markdown or wire values (SystemLine).
            const QString text = isAction ? escaped(tr("You: %1").arg(index.data(BodyRole).toString()))
                                          : SystemLine::html(index.data(BodyRole).toString());
            QString extra = SystemLine::eventStatus(index.data(EventStatusRole).toString());
            if (!extra.isEmpty())
                extra = QStringLiteral(" (%1)").arg(escaped(extra));
            html += QStringLiteral("<p style=\"color:%1; margin: 6px 4px\"><small>%2 %3%4 · %5%6</small></p>")
                        .arg(c.muted, systemGlyph(kind), text, extra, escaped(when), status);
            continue;
        }

        QString background = c.customer, stripe = c.stripeCustomer, label, textColour = c.text;
        switch (kind) {
        case EntryKind::CustomerMessage: label = tr("Customer"); break;
        case EntryKind::AgentReply:
            background = c.agent; stripe = c.stripeAgent; label = tr("AI agent · sent to the customer"); break;
        case EntryKind::HumanReply:
            background = c.human; stripe = c.stripeHuman;
            // How this reply reaches the customer, as it recorded: the same
            // label here and in the handoff window (labels::reply).
            label = index.data(ReplyLabelRole).toString();
            break;
        case EntryKind::InternalNote:
            background = c.note; stripe = c.stripeNote; textColour = c.noteText;
            label = tr("INTERNAL NOTE · private, never sent to the customer"); break;
        default: label = labels::entryKind(kind); break;
        }
        const QString header = kind == EntryKind::InternalNote
            ? QStringLiteral("<b>&#9632; %1</b> &nbsp;%2 · %3").arg(escaped(label), escaped(author), escaped(when))
            : QStringLiteral("<b>%1</b> &nbsp;<span style=\"color:%2\">%3 · %4</span>")
                  .arg(escaped(author.isEmpty() ? label : author), c.muted, escaped(label), escaped(when));
        html += QStringLiteral(
                    "<table width=\"100%\" cellspacing=\"0\" cellpadding=\"8\" style=\"margin-top:8px\">"
                    "<tr><td width=\"4\" bgcolor=\"%1\"></td>"
                    "<td bgcolor=\"%2\" style=\"color:%3\">%4%5%6</td></tr></table>")
                    .arg(stripe, background, textColour, header, status, bodyHtml(index));
    }
    html += QStringLiteral("</body></html>");
    setHtml(html);
    if (sameTicket && !wasAtBottom)
        verticalScrollBar()->setValue(oldScroll);
    else
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    if (m_waiting.isEmpty())
        Q_EMIT rendered();
}

void ThreadView::onAnchorClicked(const QUrl &url)
{
    if (url.scheme() == QLatin1String("zeiko")) {
        const QStringList parts = url.path().split(u'/');
        const qint64 id = parts.value(1).toLongLong();
        const QString what = parts.value(0);
        if (what == QLatin1String("retry")) Q_EMIT retryRequested(id);
        else if (what == QLatin1String("edit")) Q_EMIT editRequested(id);
        else if (what == QLatin1String("discard")) Q_EMIT discardRequested(id);
        else if (what == QLatin1String("whole")) { m_showWhole.insert(id); scheduleRebuild(); }
        return;
    }
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https") || scheme == QLatin1String("http") || scheme == QLatin1String("mailto"))
        QDesktopServices::openUrl(url);
}

} // namespace zeiko::ui
