#include "ui/composer.h"

#include "domain/reply_delivery.h"
#include "models/labels.h"
#include "outbox/pending_overlay.h"
#include "store/store_error.h"
#include "ui/palette.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace zeiko::ui {

Composer::Composer(LocalStore &store, Outbox &outbox, markdown::MarkdownRenderer &renderer,
                   const QString &selfOperatorId, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_outbox(outbox)
    , m_renderer(renderer)
    , m_selfId(selfOperatorId)
    , m_sendDelay(outbox)
{
    setObjectName(QStringLiteral("composer"));
    setAccessibleName(tr("Composer"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);

    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("composerModeHeader"));
    m_header->setAccessibleName(tr("Composer mode"));
    m_header->setMargin(6);
    QFont headerFont = m_header->font();
    headerFont.setBold(true);
    headerFont.setPointSizeF(headerFont.pointSizeF() * 1.15);
    m_header->setFont(headerFont);
    m_header->setAutoFillBackground(true);
    m_header->setWordWrap(true);
    layout->addWidget(m_header);

    // A refused command of the operator's: said here, with the server's
    // reason, not only in the status bar (it may come after they moved on).
    m_refusedBar = new QWidget(this);
    m_refusedBar->setObjectName(QStringLiteral("composerRefusedBar"));
    m_refusedBar->setAutoFillBackground(true);
    QPalette refusedPalette = m_refusedBar->palette();
    refusedPalette.setColor(QPalette::Window, QColor(0xc6, 0x28, 0x28));
    refusedPalette.setColor(QPalette::WindowText, Qt::white);
    m_refusedBar->setPalette(refusedPalette);
    auto *refusedLayout = new QHBoxLayout(m_refusedBar);
    refusedLayout->setContentsMargins(6, 4, 6, 4);
    m_refusedLabel = new QLabel(m_refusedBar);
    m_refusedLabel->setObjectName(QStringLiteral("composerRefusedLabel"));
    m_refusedLabel->setWordWrap(true);
    m_refusedLabel->setTextFormat(Qt::PlainText);
    auto *showRefused = new QPushButton(tr("Show"), m_refusedBar);
    showRefused->setObjectName(QStringLiteral("composerRefusedShow"));
    showRefused->setAccessibleName(tr("Show the refused action"));
    auto *dismissRefused = new QPushButton(tr("Dismiss"), m_refusedBar);
    dismissRefused->setObjectName(QStringLiteral("composerRefusedDismiss"));
    refusedLayout->addWidget(m_refusedLabel, 1);
    refusedLayout->addWidget(showRefused);
    refusedLayout->addWidget(dismissRefused);
    layout->addWidget(m_refusedBar);
    m_refusedBar->hide();
    connect(showRefused, &QPushButton::clicked, this, [this] {
        if (m_refusedItemId)
            Q_EMIT showRefusedRequested(m_refusedTicketId, m_refusedItemId);
    });
    connect(dismissRefused, &QPushButton::clicked, this, [this] {
        m_refusedItemId = 0;
        m_refusedBar->hide();
    });
    connect(&m_outbox, &Outbox::itemFailed, this, &Composer::showRefusal);

    // The local store refused a draft: said where the text is, with what is
    // done to keep it (the same strong red as a refusal: nothing was lost yet,
    // but it may be at quit).
    m_errorBar = new QWidget(this);
    m_errorBar->setObjectName(QStringLiteral("composerStoreErrorBar"));
    m_errorBar->setAutoFillBackground(true);
    m_errorBar->setPalette(refusedPalette);
    auto *errorLayout = new QHBoxLayout(m_errorBar);
    errorLayout->setContentsMargins(6, 4, 6, 4);
    m_errorLabel = new QLabel(m_errorBar);
    m_errorLabel->setObjectName(QStringLiteral("composerStoreErrorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextFormat(Qt::PlainText);
    auto *dismissError = new QPushButton(tr("Dismiss"), m_errorBar);
    dismissError->setObjectName(QStringLiteral("composerStoreErrorDismiss"));
    errorLayout->addWidget(m_errorLabel, 1);
    errorLayout->addWidget(dismissError);
    layout->addWidget(m_errorBar);
    m_errorBar->hide();
    connect(dismissError, &QPushButton::clicked, m_errorBar, &QWidget::hide);
    connect(&m_store, &LocalStore::changed, this, &Composer::onStoreChanged);

    auto *modeRow = new QHBoxLayout;
    m_replyButton = new QToolButton(this);
    m_replyButton->setObjectName(QStringLiteral("composerReplyMode"));
    m_replyButton->setAccessibleName(tr("Reply mode: the customer receives it"));
    m_replyButton->setCheckable(true);
    m_noteButton = new QToolButton(this);
    m_noteButton->setObjectName(QStringLiteral("composerNoteMode"));
    m_noteButton->setText(tr("Internal note"));
    m_noteButton->setAccessibleName(tr("Internal note mode: private to your team"));
    m_noteButton->setCheckable(true);
    m_previewButton = new QToolButton(this);
    m_previewButton->setObjectName(QStringLiteral("composerPreviewToggle"));
    m_previewButton->setText(tr("Preview"));
    m_previewButton->setAccessibleName(tr("Show the markdown preview"));
    m_previewButton->setCheckable(true);
    modeRow->addWidget(m_replyButton);
    modeRow->addWidget(m_noteButton);
    modeRow->addStretch(1);
    modeRow->addWidget(m_previewButton);
    layout->addLayout(modeRow);
    // Switching with the buttons is a flip: typed text goes along.
    connect(m_replyButton, &QToolButton::clicked, this, [this] {
        if (m_mode != Mode::Reply)
            flipMode();
        updateModeLook();
        focusEditor();
    });
    connect(m_noteButton, &QToolButton::clicked, this, [this] {
        if (m_mode != Mode::Note)
            flipMode();
        updateModeLook();
        focusEditor();
    });
    connect(m_previewButton, &QToolButton::toggled, this, &Composer::setPreviewing);

    m_stack = new QStackedWidget(this);
    m_editor = new QPlainTextEdit(m_stack);
    m_editor->setObjectName(QStringLiteral("composerEditor"));
    m_editor->setTabChangesFocus(true);
    m_editor->installEventFilter(this);
    m_preview = new QTextBrowser(m_stack);
    m_preview->setObjectName(QStringLiteral("composerPreview"));
    m_preview->setAccessibleName(tr("Markdown preview"));
    m_preview->setOpenLinks(false);
    m_stack->addWidget(m_editor);
    m_stack->addWidget(m_preview);
    layout->addWidget(m_stack, 1);

    // The send row: one slot holds the hint, the undo countdown or what an
    // undo did; whichever shows, the row keeps its size (showing the undo bar
    // must never resize the panes), and a long text is cut, not widened for.
    m_sendStatus = new QStackedWidget(this);
    m_sendStatus->setObjectName(QStringLiteral("composerSendStatus"));
    m_sendStatus->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    auto *hint = new QLabel(tr("Ctrl+Enter sends · Enter is a new line · markdown"), m_sendStatus);
    hint->setObjectName(QStringLiteral("composerHint"));
    hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint = hint;
    m_undoBar = new QWidget(m_sendStatus);
    m_undoBar->setObjectName(QStringLiteral("composerUndoBar"));
    auto *undoLayout = new QHBoxLayout(m_undoBar);
    undoLayout->setContentsMargins(0, 0, 0, 0);
    m_undoLabel = new QLabel(m_undoBar);
    m_undoLabel->setObjectName(QStringLiteral("composerUndoLabel"));
    m_undoLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_undoButton = new QPushButton(tr("Undo"), m_undoBar);
    m_undoButton->setObjectName(QStringLiteral("composerUndoButton"));
    m_undoButton->setAccessibleName(tr("Undo sending"));
    connect(m_undoButton, &QPushButton::clicked, this, &Composer::undoSend);
    undoLayout->addWidget(m_undoLabel, 1);
    undoLayout->addWidget(m_undoButton);
    m_undoNotice = new QLabel(m_sendStatus);
    m_undoNotice->setObjectName(QStringLiteral("composerUndoNotice"));
    m_undoNotice->setTextFormat(Qt::PlainText);
    m_sendStatus->addWidget(hint);
    m_sendStatus->addWidget(m_undoBar);
    m_sendStatus->addWidget(m_undoNotice);
    m_noticeTimer.setSingleShot(true);
    m_noticeTimer.setInterval(10000);
    connect(&m_noticeTimer, &QTimer::timeout, this, [this] {
        if (m_sendStatus->currentWidget() == m_undoNotice)
            m_sendStatus->setCurrentWidget(m_hint);
    });

    auto *sendRow = new QHBoxLayout;
    m_sendButton = new QPushButton(this);
    m_sendButton->setObjectName(QStringLiteral("composerSendButton"));
    connect(m_sendButton, &QPushButton::clicked, this, &Composer::send);
    sendRow->addWidget(m_sendStatus, 1);
    sendRow->addWidget(m_sendButton);
    layout->addLayout(sendRow);

    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(400);
    connect(&m_saveTimer, &QTimer::timeout, this, &Composer::saveDrafts);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_loading)
            m_saveTimer.start();
        if (isPreviewing())
            updatePreview();
    });
    connect(&m_renderer, &markdown::MarkdownRenderer::rendered, this,
            [this](const QString &key, const markdown::RenderResult &result) {
        if (key == m_previewKey)
            m_preview->setHtml(result.html);
    });
    connect(&m_sendDelay, &SendDelay::countdown, this, &Composer::onCountdown);
    connect(&m_sendDelay, &SendDelay::finished, this, [this] {
        if (m_sendStatus->currentWidget() == m_undoBar)
            m_sendStatus->setCurrentWidget(m_hint);
    });

    updateReplyRoute();
    updateModeLook();
    setTicket(0);
}

Composer::~Composer()
{
    saveDrafts();
    m_sendDelay.commitNow();
}

QString Composer::draftKey(Mode mode)
{
    return mode == Mode::Reply ? QStringLiteral("reply") : QStringLiteral("note");
}

bool Composer::storeDraft(TicketId ticketId, const QString &key, QString &body, QString *error)
{
    const QPair<TicketId, QString> id(ticketId, key);
    try {
        if (m_unreadDrafts.contains(id)) {
            // Never read: read it before writing over it, and keep what it
            // holds after the new text.
            const QString stored = m_store.draft(ticketId, key);
            m_unreadDrafts.remove(id);
            if (!stored.isEmpty() && !body.contains(stored))
                body = body.isEmpty() ? stored : body + QStringLiteral("\n\n") + stored;
        }
        m_store.saveDraft(ticketId, key, body);
        m_unsaved.remove(id);
        return true;
    } catch (const StoreError &storeError) {
        m_unsaved.insert(id, body);
        *error = storeError.userMessage();
        return false;
    }
}

void Composer::saveDrafts()
{
    m_saveTimer.stop();
    if (!m_store.isOpen())
        return;
    const bool hadUnsaved = !m_unsaved.isEmpty();
    QString error;
    if (m_ticketId != 0) {
        const Mode other = m_mode == Mode::Reply ? Mode::Note : Mode::Reply;
        const QString shown = m_editor->toPlainText();
        QString current = shown;
        storeDraft(m_ticketId, draftKey(m_mode), current, &error);
        storeDraft(m_ticketId, draftKey(other), m_otherDraft, &error);
        if (current != shown) {   // a draft read only now was kept after the text
            m_loading = true;
            m_editor->setPlainText(current);
            m_editor->moveCursor(QTextCursor::End);
            m_loading = false;
        }
    }
    // Texts of other tickets the store refused earlier: try them again.
    const auto pending = m_unsaved;
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        QString body = it.value();
        if (it.key().first != m_ticketId)
            storeDraft(it.key().first, it.key().second, body, &error);
    }
    if (!error.isEmpty()) {
        showStoreError(tr("Could not save the draft: %1. The text is kept in memory and saved when the "
                          "local cache works again — do not quit before this bar is gone.")
                           .arg(error));
    } else if (hadUnsaved && m_unsaved.isEmpty()) {
        m_errorBar->hide();   // everything is on disk now
    }
}

void Composer::showStoreError(const QString &text)
{
    m_errorLabel->setText(text);
    m_errorLabel->setAccessibleName(text);
    m_errorBar->show();
}

QString Composer::storeErrorText() const
{
    return m_errorBar->isVisibleTo(this) ? m_errorLabel->text() : QString();
}

void Composer::setTicket(TicketId ticketId)
{
    if (ticketId == m_ticketId && ticketId != 0)
        return;
    saveDrafts();
    m_ticketId = ticketId;
    m_loading = true;
    QString current, other;
    const QString currentKey = draftKey(m_mode);
    const QString otherKey = draftKey(m_mode == Mode::Reply ? Mode::Note : Mode::Reply);
    if (ticketId != 0 && m_store.isOpen()) {
        try {
            current = m_store.draft(ticketId, currentKey);
            other = m_store.draft(ticketId, otherKey);
            m_unreadDrafts.remove({ticketId, currentKey});
            m_unreadDrafts.remove({ticketId, otherKey});
        } catch (const StoreError &error) {
            m_unreadDrafts.insert({ticketId, currentKey});
            m_unreadDrafts.insert({ticketId, otherKey});
            showStoreError(tr("Could not read the saved draft: %1. It is left as it is on disk.")
                               .arg(error.userMessage()));
        }
    }
    // What the store refused earlier is newer than what it holds.
    current = m_unsaved.value({ticketId, currentKey}, current);
    other = m_unsaved.value({ticketId, otherKey}, other);
    m_editor->setPlainText(current);
    m_otherDraft = other;
    m_loading = false;
    updateReplyRoute();
    updateModeLook();
    setEnabled(ticketId != 0);
    if (isPreviewing())
        updatePreview();
}

void Composer::setMode(Mode mode)
{
    if (mode != m_mode) {
        m_loading = true;
        const QString shown = m_editor->toPlainText();
        m_editor->setPlainText(m_otherDraft);
        m_otherDraft = shown;
        m_mode = mode;
        m_loading = false;
        m_editor->moveCursor(QTextCursor::End);
        saveDrafts();
        if (isPreviewing())
            updatePreview();
        Q_EMIT modeChanged(mode);
    }
    updateModeLook();
}

void Composer::flipMode()
{
    const Mode target = m_mode == Mode::Reply ? Mode::Note : Mode::Reply;
    const QString typed = m_editor->toPlainText();
    if (!typed.trimmed().isEmpty() && m_otherDraft.trimmed().isEmpty()) {
        // Text typed in the wrong mode: it goes along to the other one.
        m_loading = true;
        m_editor->clear();
        m_otherDraft = typed;
        m_loading = false;
        setMode(target);
        showUndoNotice(target == Mode::Note ? tr("Now an internal note (private)")
                                            : tr("Now a reply to the customer: %1").arg(m_replyName));
        return;
    }
    setMode(target);
    if (!typed.trimmed().isEmpty()) {
        // Both modes hold text: each keeps its own, and this says so.
        showUndoNotice(target == Mode::Note
                           ? tr("Note draft shown; reply kept")
                           : tr("Reply draft shown; note kept"));
    }
}

void Composer::updateDraftMarks()
{
    // The mode not shown says when it holds a draft.
    const bool otherHasDraft = !m_otherDraft.trimmed().isEmpty();
    const bool note = m_mode == Mode::Note;
    m_replyButton->setText(note && otherHasDraft ? tr("%1 · draft").arg(m_replyName) : m_replyName);
    m_noteButton->setText(!note && otherHasDraft ? tr("Internal note · draft") : tr("Internal note"));
    m_replyButton->setToolTip(note && otherHasDraft ? tr("The reply has a saved draft") : QString());
    m_noteButton->setToolTip(!note && otherHasDraft ? tr("The internal note has a saved draft") : QString());
}

void Composer::focusEditor()
{
    setPreviewing(false);
    m_editor->setFocus(Qt::ShortcutFocusReason);
}

bool Composer::isPreviewing() const
{
    return m_stack->currentWidget() == m_preview;
}

void Composer::setPreviewing(bool on)
{
    m_stack->setCurrentWidget(on ? static_cast<QWidget *>(m_preview) : m_editor);
    if (m_previewButton->isChecked() != on)
        m_previewButton->setChecked(on);
    if (on)
        updatePreview();
}

void Composer::updatePreview()
{
    const QByteArray body = m_editor->toPlainText().toUtf8();
    m_previewKey = QStringLiteral("composer-preview:%1").arg(qHash(body));
    m_renderer.render(m_previewKey, body);
}

void Composer::updateReplyRoute()
{
    std::optional<Ticket> ticket;
    rules::TicketFacts facts;
    try {
        if (m_ticketId != 0 && m_store.isOpen()) {
            ticket = m_store.ticket(m_ticketId);
            if (ticket) {
                // As the ticket will be once what is queued lands (a take over just pressed).
                rules::ActorFacts self;
                self.id = m_selfId;
                const PendingOverlay overlay =
                    applyPending(rowOf(*ticket), rules::handoffFacts(m_store.handoffForTicket(m_ticketId)),
                                 m_store.outboxItems(m_ticketId), self);
                facts = ticketFacts(overlay.row, overlay.handoff);
            }
        }
    } catch (const StoreError &) {
        ticket.reset();   // unknown: said below, never guessed as an email
    }
    m_replyWarns = false;
    if (!ticket) {
        m_replyCommand = CommandType::EmailReply;
        m_replyName = tr("Reply");
        m_replyHeader = tr("REPLY — the customer receives this");
        m_replySendText = tr("Send reply");
        return;
    }
    m_replyCommand = replyCommandFor(facts, m_selfId);
    const QString address = ticket->customer.email.trimmed();
    switch (*replyDelivery(m_replyCommand, *ticket)) {
    case ReplyDelivery::LiveChat:
        m_replyName = tr("Live chat reply");
        m_replyHeader = tr("LIVE CHAT REPLY — appears at once in the customer's open chat (not emailed)");
        m_replySendText = tr("Send in the live chat");
        break;
    case ReplyDelivery::ChatOnly:
        m_replyName = tr("Chat reply");
        m_replyHeader = tr("CHAT REPLY ONLY — no email address: the visitor sees it only if they come back to the "
                           "website chat");
        m_replySendText = tr("Post to the chat");
        m_replyWarns = true;
        break;
    case ReplyDelivery::Email:
        m_replySendText = tr("Send email reply");
        m_replyName = tr("Email reply");
        if (address.isEmpty()) {
            m_replyHeader = tr("EMAIL REPLY — this customer has no email address: nobody will receive it. "
                               "Add an internal note instead.");
            m_replyWarns = true;
        } else if (!ticket->customer.emailProblem.isEmpty()) {
            m_replyHeader = tr("EMAIL REPLY — cannot be delivered to %1: %2")
                                .arg(address, ticket->customer.emailProblem);
            m_replyWarns = true;
        } else if (ticket->source == Source::Widget) {
            // Not in a live chat with this operator: a follow-up by email.
            m_replyName = tr("Follow-up email");
            m_replySendText = tr("Send follow-up email");
            m_replyHeader = ticket->customer.emailVerified
                ? tr("FOLLOW-UP EMAIL to %1 — also shown in the website chat").arg(address)
                : tr("FOLLOW-UP EMAIL to %1 (typed by the visitor, not verified) — also shown in the website chat")
                      .arg(address);
        } else {
            m_replyHeader = tr("EMAIL REPLY — emailed to %1").arg(address);
        }
        break;
    }
}

QString Composer::headerText() const
{
    return m_header->text();
}

void Composer::updateModeLook()
{
    const bool note = m_mode == Mode::Note;
    m_replyButton->setChecked(!note);
    m_noteButton->setChecked(note);
    updateDraftMarks();
    // Fixed, strong colours: the mode must read the same in light and dark themes.
    QPalette headerPalette = m_header->palette();
    // A reply that may not reach the customer is red, whatever the theme.
    const QColor replyColour = m_replyWarns ? QColor(0xb0, 0x00, 0x20) : QColor(0x1f, 0x5f, 0xbf);
    headerPalette.setColor(QPalette::Window, note ? QColor(0xf2, 0xb7, 0x05) : replyColour);
    headerPalette.setColor(QPalette::WindowText, note ? QColor(0x2b, 0x1d, 0x00) : QColor(Qt::white));
    m_header->setPalette(headerPalette);
    m_header->setText(note ? tr("INTERNAL NOTE — private: only your team sees this") : m_replyHeader);
    m_header->setAccessibleDescription(m_header->text());

    QPalette editorPalette = palette();
    if (note) {
        const bool dark = isDark(palette());
        editorPalette.setColor(QPalette::Base, dark ? QColor(0x3d, 0x31, 0x00) : QColor(0xff, 0xf6, 0xd6));
    }
    m_editor->setPalette(editorPalette);
    m_editor->setPlaceholderText(note ? tr("Write a private note for your team (markdown)…")
                                      : tr("Write your reply to the customer (markdown)…"));
    m_editor->setAccessibleName(note ? tr("Internal note text") : tr("Reply text"));
    m_sendButton->setText(note ? tr("Add internal note") : m_replySendText);
    m_sendButton->setAccessibleName(m_sendButton->text());
}

bool Composer::send()
{
    const QString body = m_editor->toPlainText();
    if (m_ticketId == 0 || body.trimmed().isEmpty())
        return false;
    updateReplyRoute();   // the way the customer can read it now
    const OutgoingMessage message{m_ticketId, m_mode == Mode::Note ? CommandType::InternalNote : m_replyCommand,
                                  body};
    QString error;
    if (!m_sendDelay.send(message, &error)) {
        QMessageBox::warning(this, tr("Not queued"), error);   // the text stays in the editor
        return false;
    }
    m_loading = true;
    m_editor->clear();
    m_loading = false;
    saveDrafts();
    setPreviewing(false);
    return true;
}

bool Composer::undoSend()
{
    const std::optional<OutgoingMessage> message = m_sendDelay.undo();
    if (!message)
        return false;
    if (message->ticketId == m_ticketId) {
        setMode(message->type == CommandType::InternalNote ? Mode::Note : Mode::Reply);
        QString text = message->body;
        if (!m_editor->toPlainText().isEmpty())
            text += QStringLiteral("\n\n") + m_editor->toPlainText();
        m_editor->setPlainText(text);
        m_editor->moveCursor(QTextCursor::End);
        saveDrafts();
        focusEditor();
    } else {
        // The operator moved on: the text goes back into that ticket's draft.
        // If the store cannot take it, it stays in memory (and on the
        // clipboard: it is on no screen) and the operator is told.
        const QString key = message->type == CommandType::InternalNote ? draftKey(Mode::Note) : draftKey(Mode::Reply);
        const QPair<TicketId, QString> id(message->ticketId, key);
        QString error;
        QString text = message->body;
        try {
            const QString existing =
                m_unsaved.contains(id) ? m_unsaved.value(id) : m_store.draft(message->ticketId, key);
            if (!existing.isEmpty())
                text += QStringLiteral("\n\n") + existing;
        } catch (const StoreError &storeError) {
            error = storeError.userMessage();
            m_unreadDrafts.insert(id);
        }
        if (error.isEmpty())
            storeDraft(message->ticketId, key, text, &error);
        else
            m_unsaved.insert(id, text);
        if (!error.isEmpty()) {
            if (QClipboard *clipboard = QGuiApplication::clipboard())
                clipboard->setText(message->body);
            qint64 number = 0;
            try {
                if (const auto row = m_store.ticketRow(message->ticketId))
                    number = row->number;
            } catch (const StoreError &) {
                // the id below names the ticket as well
            }
            const QString ticket = number ? QStringLiteral("#%1").arg(number) : QString::number(message->ticketId);
            showStoreError(tr("The unsent message could not be put back into the draft of %1: %2. It is kept in "
                              "memory and copied to the clipboard.")
                               .arg(ticket, error));
        }
        showUndoNotice(message->type == CommandType::InternalNote
                           ? tr("%1: note not added, back in its draft")
                                 .arg(ticketName(message->ticketId))
                           : tr("%1: reply not sent, back in its draft")
                                 .arg(ticketName(message->ticketId)));
    }
    return true;
}

QString Composer::ticketName(TicketId ticketId) const
{
    qint64 number = 0;
    try {
        if (const auto row = m_store.ticketRow(ticketId))
            number = row->number;
    } catch (const StoreError &) {
        // the id below names the ticket as well
    }
    return number ? QStringLiteral("#%1").arg(number) : QString::number(ticketId);
}

void Composer::onCountdown(int secondsLeft)
{
    if (!m_sendDelay.waiting())
        return;
    const OutgoingMessage &message = *m_sendDelay.waiting();
    const QString ticket = ticketName(message.ticketId);
    // Short, the ticket first: the bar stays when the operator moves on,
    // and a narrow composer cuts the end of the line (the tooltip has it all).
    m_undoLabel->setText(message.type == CommandType::InternalNote
                             ? tr("%1: note added in %2 s (Ctrl+Z)").arg(ticket).arg(secondsLeft)
                             : tr("%1: reply sends in %2 s (Ctrl+Z)").arg(ticket).arg(secondsLeft));
    m_undoLabel->setToolTip(m_undoLabel->text());
    m_undoLabel->setAccessibleName(m_undoLabel->text());
    m_noticeTimer.stop();
    m_sendStatus->setCurrentWidget(m_undoBar);
}

void Composer::showUndoNotice(const QString &text)
{
    m_undoNotice->setText(text);
    m_undoNotice->setToolTip(text);
    m_undoNotice->setAccessibleName(text);
    m_sendStatus->setCurrentWidget(m_undoNotice);
    m_noticeTimer.start();
}

QString Composer::sendStatusText() const
{
    const auto *label = qobject_cast<const QLabel *>(m_sendStatus->currentWidget());
    return label ? label->text() : m_undoLabel->text();
}

void Composer::showRefusal(const OutboxItem &item)
{
    m_refusedItemId = item.id;
    m_refusedTicketId = item.command.ticketId;
    qint64 number = 0;
    try {
        if (const auto row = m_store.ticketRow(item.command.ticketId))
            number = row->number;
    } catch (const StoreError &) {
        // Only the ticket's number is missing: the bar names it by its id.
    }
    const QString ticket = number ? QStringLiteral("#%1").arg(number) : QString::number(item.command.ticketId);
    const QString what = labels::command(item.command);
    m_refusedLabel->setText(
        tr("Not sent: %1 on %2 was refused — %3. It is kept in the outbox and the thread: retry, edit or discard it.")
            .arg(what, ticket, item.errorMessage));
    m_refusedLabel->setAccessibleName(m_refusedLabel->text());
    m_refusedBar->show();
}

QString Composer::refusalText() const
{
    return m_refusedBar->isVisibleTo(this) ? m_refusedLabel->text() : QString();
}

void Composer::onStoreChanged(const StoreChange &change)
{
    if (m_ticketId != 0
        && (change.updatedTickets.contains(m_ticketId) || change.insertedTickets.contains(m_ticketId)
            || change.outboxChanged.contains(m_ticketId))) {
        // A take over, a resolved chat, an address: the way a reply goes may change.
        updateReplyRoute();
        updateModeLook();
    }
    if (!m_refusedItemId || !change.outboxChanged.contains(m_refusedTicketId))
        return;
    std::optional<OutboxItem> item;
    try {
        item = m_store.outboxItem(m_refusedItemId);
    } catch (const StoreError &) {
        return;   // unknown whether it was dealt with: the refusal stays shown
    }
    if (!item || item->state != OutboxState::Failed) {
        // Retried, edited or discarded: the operator has dealt with it.
        m_refusedItemId = 0;
        m_refusedBar->hide();
    }
}

bool Composer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const bool ctrl = key->modifiers() & Qt::ControlModifier;
        if (ctrl && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
            send();
            return true;
        }
        if (ctrl && key->key() == Qt::Key_Z && !(key->modifiers() & Qt::ShiftModifier) && m_sendDelay.isWaiting()
            && !m_editor->document()->isUndoAvailable()) {
            undoSend();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace zeiko::ui
