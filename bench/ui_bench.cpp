// ui_bench [--tickets N] [--presses N] [--starts N] [--live-events N]
//
// 1. Fills a cache with N tickets (default 100,000) and the threads of the
//    first 250 in queue order.
// 2. Cold start: spawns itself (--child) that many times; each child opens the
//    cache, builds the real MainWindow and prints "interactive" once the queue
//    has painted rows and the event loop is free. Measured from spawn.
// 3. `j` -> thread painted: in one window, presses j (a real key event through
//    the real shortcut path) and waits until the next ticket's thread is
//    rendered and painted; median and worst over N presses (default 200).
// 4. Live events: streams N events (default 5,000) in bursts of 50 into the
//    store with the queue visible and a selection mid-list that the queue
//    keeps in place (issue 11, item 15); time per event, per burst with the
//    repaint, and how far the selected row moved on screen; then as many
//    again with the place not kept, for comparison.
// Runs offscreen; the server address is a dead port, so nothing is fetched.

#include "models/roles.h"
#include "session/console_session.h"
#include "ui/console_settings.h"
#include "ui/main_window.h"
#include "ui/queue_pane.h"
#include "ui/thread_view.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QKeyEvent>
#include <QLoggingCategory>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <algorithm>
#include <cstdio>

using namespace zeiko;

namespace {

Ticket makeTicket(int i, const QDateTime &now)
{
    Ticket t;
    t.id = i + 1;
    t.number = 1000 + i;
    t.key = QStringLiteral("key-%1").arg(i);
    t.subject = QStringLiteral("Order #%1 arrived damaged, need a replacement").arg(5000 + i % 977);
    t.customer = {QStringLiteral("cust-%1").arg(i % 5000), QStringLiteral("Customer %1").arg(i % 5000),
                  QStringLiteral("c%1@example.com").arg(i % 5000), {}, true};
    t.source = Source(i % 4);
    t.status = TicketStatus(i % 5);
    t.priority = Priority(i % 4);
    t.ownerMode = i % 3 ? OwnerMode::Agent : OwnerMode::Human;
    if (i % 2)
        t.assignee = Assignee{ActorKind::Operator, QStringLiteral("op-%1").arg(i % 5), QStringLiteral("Operator %1").arg(i % 5)};
    t.sla.state = SlaState(i % 5);
    t.sla.firstResponseDue = now.addSecs(600 + i % 7200);
    t.sla.resolutionDue = now.addSecs(86400);
    t.createdAt = now.addSecs(-i * 30);
    t.lastActivityAt = now.addSecs(-i * 17);
    t.version = 1;
    return t;
}

QList<ThreadEntry> makeThread(TicketId id, const QDateTime &now)
{
    QList<ThreadEntry> entries;
    const EntryKind kinds[] = {EntryKind::CustomerMessage, EntryKind::AgentReply, EntryKind::InternalNote,
                               EntryKind::EmailEvent, EntryKind::HumanReply, EntryKind::CustomerMessage};
    for (int k = 0; k < 6; ++k) {
        ThreadEntry e;
        e.id = id * 10 + k;
        e.ticketId = id;
        e.kind = kinds[k];
        e.author = {ActorKind::Customer, QStringLiteral("a"), QStringLiteral("Author %1").arg(k)};
        e.visibility = e.kind == EntryKind::InternalNote ? Visibility::Internal : Visibility::Public;
        e.body = QStringLiteral("Hello **team**,\n\nmy order `#%1` is late. | a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n- two\n")
                     .arg(id)
                     .repeated(3);
        e.createdAt = now.addSecs(-3600 + k * 60);
        entries.append(e);
    }
    return entries;
}

SessionIdentity identityFor(const QString &storePath)
{
    SessionIdentity identity;
    identity.server = QUrl(QStringLiteral("http://127.0.0.1:1"));
    identity.account = QStringLiteral("bench");
    identity.email = QStringLiteral("bench@example.com");
    identity.self.id = QStringLiteral("op-1");
    identity.self.displayName = QStringLiteral("Bench");
    identity.tenant.name = QStringLiteral("Bench");
    identity.storePath = storePath;
    return identity;
}

// Waits until `widget` paints once more (after whatever is pending).
bool waitForPaint(QWidget *widget, int timeoutMs)
{
    struct Spy : QObject {
        bool painted = false;
        bool eventFilter(QObject *, QEvent *event) override
        {
            if (event->type() == QEvent::Paint)
                painted = true;
            return false;
        }
    } spy;
    widget->installEventFilter(&spy);
    const bool ok = QTest::qWaitFor([&] { return spy.painted; }, timeoutMs);
    widget->removeEventFilter(&spy);
    return ok;
}

int runChild(const QString &dir)
{
    QElapsedTimer phase;
    phase.start();
    ui::ConsoleSettings settings(dir);
    QString error;
    const std::unique_ptr<ConsoleSession> session =
        openConsoleSession(identityFor(QDir(dir).filePath(QStringLiteral("cache.sqlite"))), QStringLiteral("t"), {}, &error);
    if (!session) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const qint64 opened = phase.elapsed();
    ui::MainWindow window(*session, settings);
    const qint64 built = phase.elapsed();
    window.show();
    QWidget *viewport = window.queueView()->viewport();
    if (!waitForPaint(viewport, 60000) || window.queueProxy().rowCount() == 0)
        return 2;
    std::fprintf(stderr, "child: cache open %lld ms, window built %lld ms, queue painted %lld ms (from main)\n",
                 opened, built, phase.elapsed());
    // Interactive: the event loop is free to take the next key press.
    QTimer::singleShot(0, [] {
        std::printf("interactive\n");
        std::fflush(stdout);
        QApplication::exit(0);
    });
    return QApplication::exec();
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    Q_INIT_RESOURCE(zeiko);   // zeiko_ui is static: its icon resource must be pulled in, as in app/main.cpp
    QLoggingCategory::setFilterRules(QStringLiteral("zeiko.*.info=false\nzeiko.*.debug=false\nzeiko.*.warning=false"));
    QCommandLineParser parser;
    const QCommandLineOption ticketsOption(QStringLiteral("tickets"), QStringLiteral("Cached tickets."), QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption pressesOption(QStringLiteral("presses"), QStringLiteral("j presses."), QStringLiteral("n"), QStringLiteral("200"));
    const QCommandLineOption startsOption(QStringLiteral("starts"), QStringLiteral("Cold starts."), QStringLiteral("n"), QStringLiteral("5"));
    const QCommandLineOption liveOption(QStringLiteral("live-events"), QStringLiteral("Live events streamed in."), QStringLiteral("n"), QStringLiteral("5000"));
    const QCommandLineOption childOption(QStringLiteral("child"), QStringLiteral("(internal)"), QStringLiteral("dir"));
    parser.addOptions({ticketsOption, pressesOption, startsOption, liveOption, childOption});
    parser.addHelpOption();
    parser.process(app);
    if (parser.isSet(childOption))
        return runChild(parser.value(childOption));

    const int tickets = parser.value(ticketsOption).toInt();
    const int presses = parser.value(pressesOption).toInt();
    const int starts = parser.value(startsOption).toInt();
    const int liveEvents = parser.value(liveOption).toInt();
    QTemporaryDir dir;
    const QString storePath = dir.filePath(QStringLiteral("cache.sqlite"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    {
        QElapsedTimer fill;
        fill.start();
        LocalStore store;
        if (!store.open(storePath))
            return 1;
        QList<Ticket> batch;
        for (int i = 0; i < tickets; ++i) {
            batch.append(makeTicket(i, now));
            if (batch.size() == 5000 || i == tickets - 1) {
                store.upsertTickets(batch);
                batch.clear();
            }
        }
        // Threads of the tickets at the top of the queue (newest activity first).
        const QList<TicketRow> rows = store.ticketRows();
        for (int i = 0; i < qMin(int(rows.size()), presses + 50); ++i) {
            const auto ticket = store.ticket(rows.at(i).id);
            store.storeThread(*ticket, makeThread(ticket->id, now), std::nullopt);
        }
        std::printf("cache: %d tickets, %d threads, filled in %lld ms\n", tickets, qMin(int(rows.size()), presses + 50),
                    fill.elapsed());
    }

    // ---- cold start, in fresh processes --------------------------------------------
    QList<double> startTimes;
    for (int i = 0; i < starts; ++i) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QElapsedTimer timer;
        timer.start();
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--child"), dir.path()});
        if (!child.waitForReadyRead(120000) || !child.readAll().contains("interactive")) {
            std::fprintf(stderr, "child failed: %s\n", child.readAllStandardError().constData());
            return 2;
        }
        startTimes.append(double(timer.nsecsElapsed()) / 1e6);
        child.waitForFinished(30000);
    }
    std::sort(startTimes.begin(), startTimes.end());
    std::printf("start -> painted interactive queue (%d tickets): median %.0f ms, worst %.0f ms over %d starts\n",
                tickets, median(startTimes), startTimes.last(), starts);

    // ---- j -> next thread painted ----------------------------------------------------
    ui::ConsoleSettings settings(dir.path());
    QString error;
    const std::unique_ptr<ConsoleSession> session = openConsoleSession(identityFor(storePath), QStringLiteral("t"), {}, &error);
    if (!session)
        return 1;
    ui::MainWindow window(*session, settings);
    window.show();
    if (!QTest::qWaitForWindowActive(&window))
        return 3;
    QTreeView *queue = window.queueView();
    queue->setFocus();
    queue->setCurrentIndex(window.queueProxy().index(0, 0));
    waitForPaint(window.threadView()->viewport(), 10000);
    QList<double> pressTimes;
    for (int i = 0; i < presses; ++i) {
        const TicketId before = window.currentTicketId();
        QElapsedTimer timer;
        timer.start();
        QTest::keyClick(queue, Qt::Key_J);
        if (window.currentTicketId() == before) {
            std::fprintf(stderr, "j did not move at press %d\n", i);
            return 4;
        }
        // Rendered (all bodies through the async renderer) and painted.
        if (!QTest::qWaitFor([&] { return window.threadView()->isFullyRendered(); }, 10000)
            || !waitForPaint(window.threadView()->viewport(), 10000)) {
            std::fprintf(stderr, "thread not painted at press %d\n", i);
            return 5;
        }
        pressTimes.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(pressTimes.begin(), pressTimes.end());
    std::printf("j -> next thread painted: median %.1f ms, worst %.1f ms over %d presses\n", median(pressTimes),
                pressTimes.last(), presses);

    // ---- live events, the queue visible, the operator's place anchored ----------------
    // Bursts as the event stream delivers them (one store change each); every
    // tenth event a new ticket, which sorts above the selected row. Then the
    // same without the pane keeping the place (its anchor signals cut): the
    // cost of anchoring is the difference.
    LocalStore &store = session->store();
    Seq seq = store.cursor();
    QRandomGenerator random(7);
    int nextNew = tickets;
    const auto stream = [&](const char *label) {
        queue->setCurrentIndex(window.queueProxy().index(20, 0));
        queue->scrollTo(queue->currentIndex());
        waitForPaint(queue->viewport(), 10000);
        const TicketId selected = window.currentTicketId();
        const int selectedTop = queue->visualRect(queue->currentIndex()).top();
        constexpr int burst = 50;
        QList<double> burstTimes;
        double totalMs = 0;
        for (int done = 0; done < liveEvents; done += burst) {
            QList<Event> events;
            for (int i = 0; i < burst && done + i < liveEvents; ++i) {
                const bool created = (done + i) % 10 == 0;
                Ticket t = makeTicket(created ? nextNew++ : int(random.bounded(tickets)), now);
                Event e;
                e.seq = ++seq;
                e.at = QDateTime::currentDateTimeUtc();
                e.type = created ? EventType::TicketCreated : EventType::TicketUpdated;
                t.lastActivityAt = e.at;
                t.version = seq;
                e.ticketId = t.id;
                e.ticket = t;
                events.append(e);
            }
            QElapsedTimer timer;
            timer.start();
            store.applyEvents(events);
            QCoreApplication::processEvents();   // the repaint the next event-loop pass does
            const double ms = double(timer.nsecsElapsed()) / 1e6;
            burstTimes.append(ms);
            totalMs += ms;
        }
        std::sort(burstTimes.begin(), burstTimes.end());
        const double p99 = burstTimes.at(std::min<qsizetype>(burstTimes.size() - 1, burstTimes.size() * 99 / 100));
        std::printf("live events, queue visible, %s (%d events, bursts of %d): %.1f us/event (%.0f events/s); "
                    "burst apply+repaint median %.1f ms, p99 %.1f ms, worst %.1f ms\n",
                    label, liveEvents, burst, totalMs * 1000.0 / std::max(1, liveEvents),
                    liveEvents * 1000.0 / std::max(0.001, totalMs), median(burstTimes), p99, burstTimes.last());
        std::printf("  selected ticket still selected: %s; its row moved %d px on screen; %d new above\n",
                    window.currentTicketId() == selected ? "yes" : "NO",
                    queue->visualRect(queue->currentIndex()).top() - selectedTop,
                    window.queuePane()->anchor().arrivalsAbove());
    };
    if (liveEvents > 0) {
        stream("selection anchored");
        QObject::disconnect(&window.queuePane()->anchor(), nullptr, window.queuePane(), nullptr);
        stream("place not kept (baseline)");
    }
    return 0;
}
