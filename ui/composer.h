#pragma once
// Writing to a ticket, in one of two modes no one can confuse: a reply
// (customer-visible) or an internal note (private). A reply goes the way the
// customer can read it (domain/reply_delivery.h), and the header says which
// before anything is sent: the live chat while the operator owns it, else an
// email — a follow-up email to a widget visitor's address — or, for a
// visitor who left none, the chat history only (a warning). The mode is shown in a
// large coloured header (notes are amber), each mode keeps its own draft,
// drafts are saved per ticket in the local store, Ctrl+Enter sends, plain
// Enter is a newline. A sent message is an outbox command at once, held in
// its undo window (SendDelay shows the countdown; Ctrl+Z takes it back), so
// a close issued during the window can never overtake it. When the server
// refuses one of the operator's commands, a bar here says so (the composer is
// where the eye is while working) until it is retried, edited or discarded.
//
// Disk full loses nothing: a draft the store cannot save (or an undone send
// that cannot go back into another ticket's draft) is kept in memory and
// wins over the stored draft until a later save succeeds; a bar here says
// what failed, and an undone text that is not on screen is also copied to
// the clipboard. A draft that cannot be read is never overwritten by an
// empty editor.

#include "markdown/markdown_renderer.h"
#include "outbox/outbox.h"
#include "store/local_store.h"
#include "ui/send_delay.h"

#include <QHash>
#include <QSet>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTextBrowser;
class QToolButton;

namespace zeiko::ui {

class Composer : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Reply, Note };
    Q_ENUM(Mode)

    // `selfOperatorId`: the signed-in operator (whether the live chat is theirs).
    Composer(LocalStore &store, Outbox &outbox, markdown::MarkdownRenderer &renderer, const QString &selfOperatorId,
             QWidget *parent = nullptr);
    ~Composer() override;

    void setTicket(TicketId ticketId);
    TicketId ticketId() const { return m_ticketId; }
    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    // Ctrl+Shift+N: text typed in one mode goes along to the other when that
    // one is empty; otherwise each keeps its own draft and a line says so.
    void flipMode();
    void focusEditor();
    bool isPreviewing() const;
    void setPreviewing(bool on);
    QPlainTextEdit *editor() const { return m_editor; }
    SendDelay &sendDelay() { return m_sendDelay; }

    // Ctrl+Enter: queues the current text, held for the undo window (false if
    // empty or not stored; the text then stays in the editor).
    bool send();
    // Ctrl+Z within the undo window: the message comes back into its draft.
    bool undoSend();
    // Saves the current drafts now (ticket switch, quit).
    void saveDrafts();
    // The refusal shown in the bar (0: none).
    qint64 shownRefusalItemId() const { return m_refusedItemId; }
    QString refusalText() const;
    // What the local store refused, as shown in the error bar ("" when hidden).
    QString storeErrorText() const;
    // What the slot beside the send button says now: the hint, the undo
    // countdown (naming the ticket) or what an undo did.
    QString sendStatusText() const;

    static QString draftKey(Mode mode);
    // The command a reply is sent as now (email_reply or chat_reply) and what
    // the header says will happen to it.
    CommandType replyCommand() const { return m_replyCommand; }
    QString headerText() const;

Q_SIGNALS:
    void modeChanged(zeiko::ui::Composer::Mode mode);
    // "Show" on the refusal bar: take the operator to the refused command.
    void showRefusedRequested(zeiko::TicketId ticketId, qint64 itemId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateModeLook();
    // Reads the ticket (pending commands applied): how a reply goes now.
    void updateReplyRoute();
    void updatePreview();
    void onCountdown(int secondsLeft);
    void showUndoNotice(const QString &text);
    void updateDraftMarks();
    QString ticketName(TicketId ticketId) const;
    void showRefusal(const OutboxItem &item);
    void onStoreChanged(const StoreChange &change);
    // Writes one draft; on a store failure keeps `body` in m_unsaved and
    // returns the store's message. A draft never read is read first and
    // kept after `body` (which then holds both).
    bool storeDraft(TicketId ticketId, const QString &key, QString &body, QString *error);
    void showStoreError(const QString &text);

    LocalStore &m_store;
    Outbox &m_outbox;
    markdown::MarkdownRenderer &m_renderer;
    QString m_selfId;
    TicketId m_ticketId = 0;
    Mode m_mode = Mode::Reply;
    // How a reply goes now (updateReplyRoute): the command, the mode's short
    // name, the header, the send button, and whether the header warns.
    CommandType m_replyCommand = CommandType::EmailReply;
    QString m_replyName, m_replyHeader, m_replySendText;
    bool m_replyWarns = false;
    QString m_otherDraft;   // the text of the mode that is not shown
    bool m_loading = false;
    SendDelay m_sendDelay;
    QTimer m_saveTimer;
    QString m_previewKey;
    // (ticket, draft key) → text the store refused to save; kept until saved.
    QHash<QPair<TicketId, QString>, QString> m_unsaved;
    // Stored drafts that could not be read: read (and kept) before any write.
    QSet<QPair<TicketId, QString>> m_unreadDrafts;

    QLabel *m_header = nullptr;
    QToolButton *m_replyButton = nullptr;
    QToolButton *m_noteButton = nullptr;
    QToolButton *m_previewButton = nullptr;
    QStackedWidget *m_stack = nullptr;
    QPlainTextEdit *m_editor = nullptr;
    QTextBrowser *m_preview = nullptr;
    QPushButton *m_sendButton = nullptr;
    QStackedWidget *m_sendStatus = nullptr;
    QLabel *m_hint = nullptr;
    QLabel *m_undoNotice = nullptr;
    QTimer m_noticeTimer;
    QWidget *m_undoBar = nullptr;
    QLabel *m_undoLabel = nullptr;
    QPushButton *m_undoButton = nullptr;
    QWidget *m_refusedBar = nullptr;
    QLabel *m_refusedLabel = nullptr;
    qint64 m_refusedItemId = 0;
    TicketId m_refusedTicketId = 0;
    QWidget *m_errorBar = nullptr;
    QLabel *m_errorLabel = nullptr;
};

} // namespace zeiko::ui
