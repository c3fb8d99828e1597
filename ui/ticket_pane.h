#pragma once
// The ticket pane: the current ticket's title, the ticket toolbar (generated
// from the actions table), the thread and the composer. It shows a ticket;
// the commands that act on it live in TicketCommands.

#include "domain/enums.h"
#include "domain/types.h"
#include "models/thread_model.h"

#include <QWidget>

class QLabel;
class QSplitter;

namespace zeiko {
class ConsoleSession;
}

namespace zeiko::ui {

class ActionRegistry;
class Composer;
class ThreadView;

class TicketPane : public QWidget
{
    Q_OBJECT
public:
    TicketPane(ConsoleSession &session, const ActionRegistry &actions, QWidget *parent = nullptr);

    ThreadView *threadView() const { return m_threadView; }
    Composer *composer() const { return m_composer; }
    QSplitter *splitter() const { return m_splitter; }

    // Shows `id` in the thread and the composer (0: none).
    void setTicket(TicketId id);
    void showTitle(qint64 number, const QString &subject, TicketStatus status);
    void showNoTicket();

private:
    ThreadModel m_threadModel;
    QLabel *m_title = nullptr;
    QSplitter *m_splitter = nullptr;
    ThreadView *m_threadView = nullptr;
    Composer *m_composer = nullptr;
};

} // namespace zeiko::ui
