#include "screenshot_driver.h"

#include "console_app.h"
#include "models/roles.h"
#include "ui/command_palette.h"
#include "ui/composer.h"
#include "ui/handoff_dialog.h"
#include "ui/thread_view.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSaveFile>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScreen>
#include <QTreeView>

#include <cstdio>

using namespace zeiko;
using namespace zeiko::ui;

ScreenshotDriver::ScreenshotDriver(ConsoleApp &app, const QString &directory)
    : m_app(app)
    , m_dir(directory)
{
    m_dir.mkpath(QStringLiteral("."));
    connect(&m_app, &ConsoleApp::windowShown, this, &ScreenshotDriver::begin);
    // Never hang a script: give up after five minutes.
    QTimer::singleShot(300000, qApp, [] {
        std::fprintf(stderr, "screenshots: timed out\n");
        QApplication::exit(3);
    });
}

void ScreenshotDriver::waitFor(std::function<bool()> condition, int timeoutMs, std::function<void()> then)
{
    auto *timer = new QTimer(this);
    auto elapsed = std::make_shared<QElapsedTimer>();
    elapsed->start();
    connect(timer, &QTimer::timeout, this, [=] {
        if (condition() || elapsed->elapsed() > timeoutMs) {
            timer->stop();
            timer->deleteLater();
            then();
        }
    });
    timer->start(100);
}

void ScreenshotDriver::key(QWidget *target, int key, Qt::KeyboardModifiers modifiers, const QString &text)
{
    QKeyEvent press(QEvent::KeyPress, key, modifiers, text);
    QKeyEvent release(QEvent::KeyRelease, key, modifiers, text);
    QApplication::sendEvent(target, &press);
    QApplication::sendEvent(target, &release);
}

void ScreenshotDriver::save(const QString &name)
{
    QApplication::processEvents();
    // The whole screen (Xvfb has no window manager): includes dialogs over the window.
    QPixmap shot;
    if (QScreen *screen = QGuiApplication::primaryScreen())
        shot = screen->grabWindow(0, 0, 0, m_window->width(), m_window->height());
    if (shot.isNull() || QGuiApplication::platformName() == QLatin1String("offscreen"))
        shot = m_window->grab();
    const QString path = m_dir.filePath(name);
    std::fprintf(stderr, "screenshots: %s %s\n", qPrintable(path), shot.save(path) ? "saved" : "FAILED");
}

void ScreenshotDriver::begin(MainWindow *window)
{
    m_window = window;
    window->activateWindow();
    window->move(0, 0);
    window->resize(1400, 900);
    ConsoleSession *session = m_app.session();
    waitFor([session] { return session->sync().isBootstrapped() && session->store().ticketCount() > 0; }, 60000,
            [this] { pickTicket(); });
}

void ScreenshotDriver::pickTicket()
{
    // A ticket that shows many kinds at once: a linked handoff or a Shopify order, still open.
    QAbstractItemModel *model = m_window->queueView()->model();
    int best = 0, bestScore = -1;
    ConsoleSession *session = m_app.session();
    for (int row = 0; row < qMin(model->rowCount(), 200); ++row) {
        const TicketId id = model->index(row, 0).data(TicketIdRole).toLongLong();
        const auto ticket = session->store().ticket(id);
        if (!ticket)
            continue;
        int score = 0;
        score += ticket->handoffId.isEmpty() ? 0 : 2;
        score += ticket->shopifyOrder ? 2 : 0;
        score += ticket->csat ? 1 : 0;
        score += ticket->status == TicketStatus::Closed || ticket->status == TicketStatus::Resolved ? -5 : 0;
        score += ticket->status == TicketStatus::Open || ticket->status == TicketStatus::WaitingOnTeam ? 2 : 0;
        score += ticket->sla.state == SlaState::AtRisk ? 1 : 0;
        if (score > bestScore) {
            bestScore = score;
            best = row;
        }
    }
    m_window->queueView()->setCurrentIndex(model->index(best, 0));
    m_window->queueView()->scrollTo(model->index(best, 0), QAbstractItemView::PositionAtCenter);
    const TicketId id = m_window->currentTicketId();
    waitFor([session, id, this] {
        return session->store().isThreadLoaded(id) && m_window->threadView()->isFullyRendered();
    }, 20000, [this] {
        QTimer::singleShot(500, this, [this] {
            save(QStringLiteral("main.png"));
            // Composer in note mode, by keyboard: n, then type.
            m_window->actions().action(ActionId::ComposeNote)->trigger();
            m_window->composer()->editor()->insertPlainText(
                tr("Checked the order: the parcel is stuck at the depot. **Do not refund yet** — carrier "
                   "confirms delivery by Friday.\n\nEscalated to logistics, ticket LOG-2291."));
            QTimer::singleShot(400, this, [this] {
                save(QStringLiteral("composer-note.png"));
                key(m_window->composer()->editor(), Qt::Key_Escape);
                m_window->actions().action(ActionId::AppPalette)->trigger();
                m_window->commandPalette()->input()->setText(QStringLiteral("clo"));
                QTimer::singleShot(400, this, [this] {
                    save(QStringLiteral("palette.png"));
                    m_window->commandPalette()->reject();
                    // The live handoff conversation of the same ticket (h), then offline.
                    m_window->actions().action(ActionId::TicketHandoff)->trigger();
                    QTimer::singleShot(800, this, [this] {
                        save(QStringLiteral("handoff.png"));
                        for (QWidget *top : QApplication::topLevelWidgets()) {
                            if (qobject_cast<ui::HandoffDialog *>(top))
                                top->close();
                        }
                        // The queue on a 1366×768 laptop screen (issue 11, item 14).
                        m_window->resize(1366, 768);
                        QTimer::singleShot(800, this, [this] {
                            save(QStringLiteral("main-1366.png"));
                            m_window->resize(1400, 900);
                            goOffline();
                        });
                    });
                });
            });
        });
    });
}

void ScreenshotDriver::goOffline()
{
    // Appears whole or not at all (tools/screenshots.sh polls for it).
    QSaveFile marker(m_dir.filePath(QStringLiteral("ready-for-offline")));
    if (!marker.open(QIODevice::WriteOnly) || !marker.commit())
        std::fprintf(stderr, "screenshots: cannot write the ready-for-offline marker\n");
    ConsoleSession *session = m_app.session();
    auto *poke = new QTimer(this);
    connect(poke, &QTimer::timeout, this, [session] { session->sync().catchUpNow(); });
    poke->start(2000);
    waitFor([session] { return session->sync().connectionState() == ConnectionState::Offline; }, 90000,
            [this, poke] {
        poke->stop();
        // Work goes on offline: a note waits in the outbox, shown as pending.
        m_window->composer()->sendDelay().setDelaySeconds(0);
        m_window->actions().action(ActionId::ComposeNote)->trigger();
        m_window->composer()->editor()->setPlainText(
            tr("Called the customer: they will send photos of the damage tonight."));
        m_window->composer()->send();
        QTimer::singleShot(800, this, [this] {
            save(QStringLiteral("offline.png"));
            QFile::remove(m_dir.filePath(QStringLiteral("ready-for-offline")));
            QApplication::quit();
        });
    });
}
