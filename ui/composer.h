#pragma once
// Writing to a ticket, in one of two modes no one can confuse: an email reply
// (customer-visible) or an internal note (private). The mode is shown in a
// large coloured header (notes are amber), each mode keeps its own draft,
// drafts are saved per ticket in the local store, Ctrl+Enter sends, plain
// Enter is a newline, and a sent message waits in an undo window (SendDelay)
// before it becomes an outbox command.

#include "markdown/markdown_renderer.h"
#include "store/local_store.h"
#include "ui/send_delay.h"

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

    Composer(LocalStore &store, markdown::MarkdownRenderer &renderer, QWidget *parent = nullptr);
    ~Composer() override;

    void setTicket(TicketId ticketId);
    TicketId ticketId() const { return m_ticketId; }
    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    void flipMode();
    void focusEditor();
    bool isPreviewing() const;
    void setPreviewing(bool on);
    QPlainTextEdit *editor() const { return m_editor; }
    SendDelay &sendDelay() { return m_sendDelay; }

    // Ctrl+Enter: starts the undo window for the current text (false if empty).
    bool send();
    // Ctrl+Z within the undo window: the message comes back into its draft.
    bool undoSend();
    // Saves the current drafts now (ticket switch, quit).
    void saveDrafts();

    static QString draftKey(Mode mode);

Q_SIGNALS:
    void modeChanged(zeiko::ui::Composer::Mode mode);
    // The undo window is over: queue this message in the outbox.
    void messageReady(const zeiko::ui::OutgoingMessage &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateModeLook();
    void updatePreview();
    void onCountdown(int secondsLeft);

    LocalStore &m_store;
    markdown::MarkdownRenderer &m_renderer;
    TicketId m_ticketId = 0;
    Mode m_mode = Mode::Reply;
    QString m_otherDraft;   // the text of the mode that is not shown
    bool m_loading = false;
    SendDelay m_sendDelay;
    QTimer m_saveTimer;
    QString m_previewKey;

    QLabel *m_header = nullptr;
    QToolButton *m_replyButton = nullptr;
    QToolButton *m_noteButton = nullptr;
    QToolButton *m_previewButton = nullptr;
    QStackedWidget *m_stack = nullptr;
    QPlainTextEdit *m_editor = nullptr;
    QTextBrowser *m_preview = nullptr;
    QPushButton *m_sendButton = nullptr;
    QWidget *m_undoBar = nullptr;
    QLabel *m_undoLabel = nullptr;
    QPushButton *m_undoButton = nullptr;
};

} // namespace zeiko::ui
