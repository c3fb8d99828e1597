#include "ui/ticket_commands.h"

#include "models/roles.h"
#include "session/console_session.h"
#include "store/store_error.h"
#include "ui/action_registry.h"
#include "ui/assign_dialog.h"
#include "ui/cheat_sheet.h"
#include "ui/command_palette.h"
#include "ui/composer.h"
#include "ui/facts_rail.h"
#include "ui/handoff_dialog.h"
#include "ui/outbox_panel.h"
#include "ui/queue_pane.h"
#include "ui/settings_dialog.h"
#include "ui/text_prompt_dialog.h"
#include "ui/thread_view.h"
#include "ui/ticket_cache.h"
#include "ui/ticket_pane.h"

#include <QApplication>
#include <QDockWidget>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTreeView>

namespace zeiko::ui {

std::optional<Command> ticketCommandFor(ActionId id, TicketId ticket, const QString &selfOperatorId)
{
    // Force close and assign-to ask in a dialog first.
    if (id == ActionId::TicketForceClose || id == ActionId::TicketAssignTo)
        return std::nullopt;
    std::optional<Command> c = ruleCommandFor(id, selfOperatorId);
    if (c)
        c->ticketId = ticket;
    return c;
}

ActionState actionStateFor(TicketId id, const rules::TicketFacts &ticket, const rules::ActorFacts &self)
{
    ActionState s;
    s.hasTicket = id != 0;
    s.ticket = ticket;
    s.self = self;
    return s;
}

TicketCommands::TicketCommands(ConsoleSession &session, ConsoleSettings &settings, ActionTable &table,
                               ActionRegistry &actions, TicketCache &tickets, Panes panes, QWidget *window)
    : QObject(window)
    , m_session(session)
    , m_settings(settings)
    , m_actions(actions)
    , m_tickets(tickets)
    , m_panes(panes)
    , m_window(window)
{
    bindHandlers(table);
    m_palette = new CommandPalette(m_actions, m_window);
    connect(m_palette, &CommandPalette::ticketNumberChosen, this, &TicketCommands::openTicketByNumber);
    m_palette->setTicketLookup([this](qint64 number) -> std::optional<QString> {
        const TicketId id = m_panes.queue->ticketByNumber(number);
        if (id == 0)
            return std::nullopt;
        const Ticket *ticket = m_tickets.ticket(id);
        return ticket ? ticket->subject : QString();
    });
    returnFocusAfter(m_palette);

    QueuePane *queue = m_panes.queue;
    connect(queue, &QueuePane::currentTicketChanged, this, &TicketCommands::setCurrentTicket);
    connect(queue, &QueuePane::ticketActivated, this,
            [this] { m_panes.ticket->threadView()->setFocus(Qt::OtherFocusReason); });
    connect(&queue->model(), &QAbstractItemModel::dataChanged, this, &TicketCommands::refresh);
    connect(&m_tickets, &TicketCache::ticketChanged, this, [this](TicketId id) {
        if (id == m_current)
            refresh();
    });
    Composer *composer = m_panes.ticket->composer();
    connect(composer, &Composer::modeChanged, this, &TicketCommands::refresh);
    // The composer queues its sends itself (held in the outbox for the undo
    // window); a refusal it reports leads to the ticket and the outbox row.
    connect(composer, &Composer::showRefusedRequested, this, [this](TicketId ticketId, qint64 itemId) {
        m_panes.queue->selectTicket(ticketId);
        m_panes.outboxDock->show();
        m_panes.outboxPanel->selectItem(itemId);
        m_panes.outboxPanel->view()->setFocus();
    });
    composer->sendDelay().setDelaySeconds(m_settings.sendDelaySeconds());
    ThreadView *thread = m_panes.ticket->threadView();
    connect(thread, &ThreadView::retryRequested, this, &TicketCommands::retryItem);
    connect(thread, &ThreadView::editRequested, this, &TicketCommands::editItem);
    connect(thread, &ThreadView::discardRequested, this, &TicketCommands::discardItem);
    connect(m_panes.outboxPanel, &OutboxPanel::retryRequested, this, &TicketCommands::retryItem);
    connect(m_panes.outboxPanel, &OutboxPanel::editRequested, this, &TicketCommands::editItem);
    connect(m_panes.outboxPanel, &OutboxPanel::discardRequested, this, &TicketCommands::discardItem);
    connect(m_panes.rail, &FactsRail::openHandoffRequested, this, &TicketCommands::openHandoff);
}

void TicketCommands::bindHandlers(ActionTable &table)
{
    using A = ActionId;
    using View = QueuePane::View;
    auto on = [&table](A id, ActionTable::Handler handler) { table.setHandler(id, std::move(handler)); };
    QueuePane *queue = m_panes.queue;
    TicketPane *pane = m_panes.ticket;
    on(A::QueueNext, [queue] { queue->moveSelection(1); });
    on(A::QueuePrevious, [queue] { queue->moveSelection(-1); });
    on(A::TicketOpen, [this] {
        if (m_current)
            m_panes.ticket->threadView()->setFocus(Qt::ShortcutFocusReason);
    });
    on(A::NavBack, [this] { goBack(); });
    on(A::QueueNextKeepFocus, [queue] { queue->moveSelection(1); });
    on(A::QueuePreviousKeepFocus, [queue] { queue->moveSelection(-1); });
    on(A::QueueSearch, [queue] { queue->focusSearch(); });
    on(A::ViewMine, [queue] { queue->setView(View::Mine); });
    on(A::ViewUnassigned, [queue] { queue->setView(View::Unassigned); });
    on(A::ViewWaitingOnTeam, [queue] { queue->setView(View::WaitingOnTeam); });
    on(A::ViewSlaAtRisk, [queue] { queue->setView(View::SlaAtRiskOrBreached); });
    on(A::ViewAll, [queue] { queue->setView(View::All); });

    on(A::ComposeReply, [this] { startComposer(true); });
    on(A::ComposeNote, [this] { startComposer(false); });
    on(A::ComposeFlip, [pane] {
        pane->composer()->flipMode();
        pane->composer()->focusEditor();
    });
    on(A::ComposeSend, [pane] { pane->composer()->send(); });
    on(A::ComposeUndo, [this, pane] {
        if (!pane->composer()->undoSend())
            Q_EMIT message(tr("Nothing to undo: no reply or note is waiting to be sent."), 5000);
    });
    on(A::ComposePreview, [pane] { pane->composer()->setPreviewing(!pane->composer()->isPreviewing()); });

    on(A::TicketTakeOver, [this] { takeOver(); });
    for (A id : {A::TicketReopen, A::TicketAssignMe, A::TicketPriorityUrgent, A::TicketPriorityHigh,
                 A::TicketPriorityNormal, A::TicketPriorityLow, A::TicketResolveHandoff})
        on(id, [this, id] { runTicketCommand(id); });
    on(A::TicketClose, [this] { closeTicket(false); });
    on(A::TicketCloseAndNext, [this] { closeTicket(true); });
    on(A::TicketForceClose, [this] { forceClose(); });
    on(A::TicketAssignTo, [this] { assignTo(); });
    on(A::TicketHandoff, [this] { openHandoff(); });

    on(A::AppPalette, [this] { m_palette->popup(); });
    on(A::AppCheatSheet, [this] { showCheatSheet(); });
    on(A::AppOutbox, [this] {
        m_panes.outboxDock->setVisible(!m_panes.outboxDock->isVisible());
        if (m_panes.outboxDock->isVisible())
            m_panes.outboxPanel->view()->setFocus();
    });
    on(A::AppRefresh, [this] {
        m_session.sync().catchUpNow();
        if (m_current)
            m_session.sync().openThread(m_current);
        m_session.outbox().flushNow();
    });
    on(A::AppSettings, [this] { showSettings(); });
    on(A::AppSignOut, [this] { Q_EMIT signOutRequested(); });
    on(A::AppQuit, [this] { m_window->close(); });
    on(A::AppAbout, [this] { showAbout(); });
}

ActionState TicketCommands::actionState() const
{
    return actionStateFor(m_current, m_panes.queue->currentData(TicketFactsRole).value<rules::TicketFacts>(),
                          rules::actorFacts(m_session.identity().self));
}

void TicketCommands::refresh()
{
    const ActionState state = actionState();
    m_actions.applyState(state);
    if (!state.hasTicket)
        m_panes.ticket->showNoTicket();
    else
        m_panes.ticket->showTitle(m_panes.queue->currentData(TicketNumberRole).toLongLong(),
                                  m_panes.queue->currentData(SubjectRole).toString(), state.ticket.status);
}

void TicketCommands::setCurrentTicket(TicketId id)
{
    if (id == m_current)
        return;
    m_current = id;
    m_panes.ticket->setTicket(id);
    m_panes.rail->setTicket(id);
    if (id != 0)
        m_session.sync().openThread(id);
    refresh();
    Q_EMIT currentTicketChanged(id);
}

bool TicketCommands::openTicketByNumber(qint64 number)
{
    QueuePane *queue = m_panes.queue;
    const TicketId id = queue->ticketByNumber(number);
    if (id == 0) {
        Q_EMIT message(tr("Ticket #%1 is not in the local copy.").arg(number), 6000);
        return false;
    }
    queue->jumpTo(id, number);   // not in this view or search: All, said, with the way back
    m_panes.ticket->threadView()->setFocus(Qt::ShortcutFocusReason);
    return true;
}

bool TicketCommands::enqueue(Command command)
{
    if (command.ticketId == 0)
        command.ticketId = m_current;
    if (command.ticketId == 0)
        return false;
    QString error;
    if (!m_session.outbox().enqueue(command, &error)) {
        QMessageBox::warning(m_window, tr("Not queued"), error);
        return false;
    }
    return true;
}

bool TicketCommands::runTicketCommand(ActionId id)
{
    if (const auto command = ticketCommandFor(id, m_current, m_session.operatorId()))
        return enqueue(*command);
    return false;
}

void TicketCommands::takeOver()
{
    // Taking over is the first step of answering: the reply box is next.
    if (runTicketCommand(ActionId::TicketTakeOver))
        startComposer(true);
}

void TicketCommands::closeTicket(bool thenNext)
{
    const TicketId closing = m_current;
    const TicketId next = thenNext ? m_panes.queue->nextToWork() : 0;
    const auto command = ticketCommandFor(ActionId::TicketClose, closing, m_session.operatorId());
    if (enqueue(*command) && thenNext)
        m_panes.queue->moveOnTo(next);
}

void TicketCommands::forceClose()
{
    if (!m_current)
        return;
    const TicketId ticketId = m_current;
    auto *dialog = new TextPromptDialog(tr("Force close"),
                                        tr("Why force close #%1? This also ends an open handoff. The reason is kept in the audit trail.")
                                            .arg(m_panes.queue->currentData(TicketNumberRole).toLongLong()),
                                        tr("Force close"), m_window);
    dialog->setObjectName(QStringLiteral("forceCloseDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, ticketId] {
        Command c;
        c.type = CommandType::ForceClose;
        c.ticketId = ticketId;
        c.reason = dialog->text();
        enqueue(c);
        m_panes.queue->view()->setFocus(Qt::OtherFocusReason);
    });
    returnFocusAfter(dialog);
    dialog->open();
    dialog->activateWindow();
    dialog->editor()->setFocus();
}

void TicketCommands::assignTo()
{
    if (!m_current)
        return;
    const TicketId ticketId = m_current;
    if (m_session.operators().isEmpty())
        m_session.refreshOperators();
    const Ticket *ticket = m_tickets.ticket(ticketId);
    auto *dialog = new AssignDialog(m_session.operators(), ticket ? ticket->number : 0, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(&m_session, &ConsoleSession::operatorsChanged, dialog,
            [this, dialog] { dialog->setOperators(m_session.operators()); });
    connect(dialog, &QDialog::accepted, this, [this, dialog, ticketId] {
        const QString id = dialog->selectedOperatorId();
        if (id.isEmpty())
            return;
        Command c;
        c.type = CommandType::Assign;
        c.ticketId = ticketId;
        c.assigneeId = id;
        enqueue(c);
    });
    returnFocusAfter(dialog);
    dialog->open();
    dialog->activateWindow();
    dialog->filter()->setFocus();
}

void TicketCommands::openHandoff()
{
    const Ticket *ticket = m_current ? m_tickets.ticket(m_current) : nullptr;
    if (!ticket || ticket->handoffId.isEmpty()) {
        Q_EMIT message(tr("This ticket has no linked handoff conversation."), 5000);
        return;
    }
    if (QPointer<HandoffDialog> open = m_handoffWindows.value(m_current)) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto *dialog = new HandoffDialog(m_session, m_tickets, m_current, m_window);
    m_handoffWindows.insert(m_current, dialog);
    dialog->show();
}

void TicketCommands::startComposer(bool reply)
{
    if (!m_current)
        return;
    Composer *composer = m_panes.ticket->composer();
    composer->setMode(reply ? Composer::Mode::Reply : Composer::Mode::Note);
    composer->focusEditor();
    if (reply && TicketStatus(m_panes.queue->currentData(StatusRole).toInt()) == TicketStatus::Closed)
        Q_EMIT message(tr("This ticket is closed: reopen it (O) before replying, or the server refuses the reply."), 8000);
}

void TicketCommands::goBack()
{
    QWidget *focus = QApplication::focusWidget();
    if (focus == m_panes.queue->view())
        m_panes.queue->back();
    if (focus == m_panes.ticket->composer()->editor())
        m_panes.ticket->composer()->saveDrafts();
    m_panes.queue->view()->setFocus(Qt::ShortcutFocusReason);
}

void TicketCommands::showCheatSheet()
{
    if (!m_cheatSheet) {
        m_cheatSheet = new CheatSheet(m_actions, m_window);
        returnFocusAfter(m_cheatSheet);
    }
    m_cheatSheet->refresh();
    m_cheatSheet->open();
    m_cheatSheet->activateWindow();
}

void TicketCommands::showSettings()
{
    auto *dialog = new SettingsDialog(m_actions, m_settings, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::applied, this,
            [this] { m_panes.ticket->composer()->sendDelay().setDelaySeconds(m_settings.sendDelaySeconds()); });
    returnFocusAfter(dialog);
    dialog->open();
    dialog->activateWindow();
}

void TicketCommands::showAbout()
{
    QMessageBox::about(m_window, tr("About"),
                       tr("Zeiko Handoff Console %1\nTriage AI-managed support tickets and human handoffs.")
                           .arg(QCoreApplication::applicationVersion()));
}

void TicketCommands::retryItem(qint64 itemId)
{
    if (itemId && !m_session.outbox().retry(itemId))
        Q_EMIT message(tr("That action can no longer be retried."), 5000);
}

void TicketCommands::editItem(qint64 itemId)
{
    std::optional<OutboxItem> item;
    try {
        item = m_session.store().outboxItem(itemId);
    } catch (const StoreError &error) {
        // Nothing is lost (the item stays in the outbox), but say why nothing opened.
        Q_EMIT message(tr("That message could not be read for editing: %1").arg(error.userMessage()), 10000);
        return;
    }
    if (!item)
        return;
    auto *dialog = new TextPromptDialog(tr("Edit and resend"), tr("Change the text, then send it again:"),
                                        tr("Send again"), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setText(item->command.body);
    returnFocusAfter(dialog);
    connect(dialog, &QDialog::accepted, this, [this, dialog, itemId] {
        if (!m_session.outbox().edit(itemId, dialog->text()))
            Q_EMIT message(tr("That message can no longer be edited."), 5000);
    });
    dialog->open();
    dialog->activateWindow();
}

void TicketCommands::discardItem(qint64 itemId)
{
    if (itemId && !m_session.outbox().discard(itemId))
        Q_EMIT message(tr("That action can no longer be discarded."), 5000);
}

void TicketCommands::returnFocusAfter(QDialog *dialog)
{
    connect(dialog, &QDialog::finished, this, [this, previous = QPointer<QWidget>(QApplication::focusWidget())] {
        m_window->activateWindow();
        QWidget *focus = previous && previous->window() == m_window ? previous.data()
                       : m_window->focusWidget()                    ? m_window->focusWidget()
                                                                    : static_cast<QWidget *>(m_panes.queue->view());
        focus->setFocus(Qt::OtherFocusReason);
    });
}

} // namespace zeiko::ui
