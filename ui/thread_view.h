#pragma once
// The centre pane: one ticket's thread as a single read-only rich-text
// document. Each entry kind looks different (internal notes amber and
// labelled private, events as compact system lines); bodies are markdown
// rendered off the UI thread by core/markdown and slotted in when ready, so
// a huge message never freezes the window. Never loads remote resources.
// The rows come from core's zeiko::ThreadModel (roles in models/roles.h).

#include "markdown/markdown_renderer.h"
#include "models/thread_model.h"

#include <QHash>
#include <QSet>
#include <QTextBrowser>
#include <QTimer>

namespace zeiko::ui {

// The thread's colours for a palette, as HTML colour names: entry
// backgrounds, their side stripes and the text drawn on them. Text on each
// background keeps at least 4.5:1 contrast in light and dark palettes.
struct ThreadColours {
    QString text, muted, base, customer, agent, human, note, noteText, stripeCustomer, stripeAgent,
        stripeHuman, stripeNote, failed, link;
};
ThreadColours threadColoursFor(const QPalette &palette);

class ThreadView : public QTextBrowser
{
    Q_OBJECT
public:
    ThreadView(ThreadModel &model, markdown::MarkdownRenderer &renderer, QWidget *parent = nullptr);

    // The plain text of what is shown (tests, accessibility).
    QString shownText() const { return toPlainText(); }
    // True once every body on screen is rendered (no placeholders left).
    bool isFullyRendered() const { return m_waiting.isEmpty(); }
    // Nothing reaches the server: a thread that is not cached cannot load
    // now, and the view says so instead of "Loading".
    void setOffline(bool offline);

    QVariant loadResource(int type, const QUrl &name) override;

Q_SIGNALS:
    void retryRequested(qint64 outboxItemId);
    void editRequested(qint64 outboxItemId);
    void discardRequested(qint64 outboxItemId);
    void rendered();

protected:
    void changeEvent(QEvent *event) override;

private:
    void onModelReset();
    void scheduleRebuild();
    void rebuild();
    void onRendered(const QString &key, const markdown::RenderResult &result);
    void onAnchorClicked(const QUrl &url);
    QString bodyHtml(const QModelIndex &index);
    // What the view says above the rows when the thread is not cached (empty when it is).
    QString uncachedNoticeHtml(const ThreadColours &c) const;

    ThreadModel &m_model;
    markdown::MarkdownRenderer &m_renderer;
    QHash<QString, markdown::RenderResult> m_rendered;
    QSet<QString> m_waiting;
    QSet<qint64> m_showWhole;   // entries whose whole (untruncated) body was asked for
    TicketId m_shownTicket = 0;
    bool m_offline = false;
    QTimer m_rebuildTimer;
};

} // namespace zeiko::ui
