// The tray icon (ui/tray_state, ui/tray_icon) and the notifications behind it
// (ui/attention_watcher), over a real temporary store and core's
// TicketQueueModel: counts follow store changes, the badge is painted, the
// menu shows/hides the window, notifications follow the Settings switches.
#include "core/core_test_data.h"
#include "models/ticket_queue_model.h"
#include "store/local_store.h"
#include "ui/attention_watcher.h"
#include "ui/console_settings.h"
#include "ui/ticket_cache.h"
#include "ui/tray_icon.h"
#include "ui/tray_state.h"

#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

using namespace zeiko;
using namespace zeiko::testdata;
using zeiko::ui::TrayCounts;

namespace {

const QString me = QStringLiteral("op-me");

Ticket shaped(Ticket t, SlaState sla, const QString &assigneeId = {}, TicketStatus status = TicketStatus::Open)
{
    t.sla.state = sla;
    t.status = status;
    if (!assigneeId.isEmpty())
        t.assignee = Assignee{ActorKind::Operator, assigneeId, assigneeId.toUpper()};
    return t;
}

QColor badgePixel(const QIcon &icon)
{
    // Inside the badge circle (bottom right), above where its number is drawn.
    const QImage image = icon.pixmap(64, 64).toImage();
    const qreal diameter = 64 * 0.6;
    return image.pixelColor(int(64 - diameter / 2), int(64 - diameter + diameter * 0.12));
}

} // namespace

class TestUiTray : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_counter = 0;
    std::unique_ptr<LocalStore> m_store;
    Seq m_seq = 0;

    void applyTicket(const Ticket &t) { m_store->applyEvents({ticketEvent(++m_seq, t)}); }
    void completeBootstrap(const QList<Ticket> &tickets)
    {
        SnapshotPage page;
        page.seq = m_seq;
        page.tickets = tickets;
        m_store->applySnapshotPage(page);
        QVERIFY(m_store->bootstrapState().complete);
    }

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<LocalStore>();
        QVERIFY(m_store->open(m_dir.filePath(QStringLiteral("tray%1.sqlite").arg(++m_counter))));
        m_seq = 0;
    }
    void cleanup() { m_store.reset(); }

    // ---- counts --------------------------------------------------------------

    void countsOnlyTheOperatorsOpenTickets()
    {
        m_store->upsertTickets({
            shaped(ticket(1), SlaState::AtRisk, me),                               // unread, at risk
            shaped(ticket(2), SlaState::OnTrack),                                  // unassigned, unread
            shaped(ticket(3), SlaState::Breached, QStringLiteral("someone-else")), // not mine: ignored
            shaped(ticket(4), SlaState::Breached, me, TicketStatus::Closed),       // closed: ignored
            shaped(ticket(5), SlaState::Breached),                                 // unassigned, breached
        });
        TicketQueueModel queue(*m_store);
        queue.setOperatorId(me);
        ui::TrayState state(&queue);
        QCOMPARE(state.counts(), (TrayCounts{3, 2, 1}));   // unread: 1, 2, 5; at risk: 1, 5; breached: 5
    }

    void countsFollowStoreChanges()
    {
        m_store->upsertTickets({shaped(ticket(1), SlaState::OnTrack, me), shaped(ticket(2), SlaState::OnTrack, me)});
        TicketQueueModel queue(*m_store);
        queue.setOperatorId(me);
        ui::TrayState state(&queue);
        QSignalSpy changes(&state, &ui::TrayState::countsChanged);
        QCOMPARE(state.counts(), (TrayCounts{2, 0, 0}));

        m_store->markViewed(1);
        QTRY_COMPARE(state.counts(), (TrayCounts{1, 0, 0}));

        applyTicket(shaped(ticket(2, 2), SlaState::AtRisk, me));
        QCOMPARE(state.counts(), (TrayCounts{1, 1, 0}));
        applyTicket(shaped(ticket(2, 3), SlaState::Breached, me));
        QCOMPARE(state.counts(), (TrayCounts{1, 1, 1}));

        applyTicket(shaped(ticket(7), SlaState::AtRisk));   // new unassigned ticket
        QCOMPARE(state.counts(), (TrayCounts{2, 2, 1}));

        applyTicket(shaped(ticket(2, 4), SlaState::Met, me, TicketStatus::Resolved));
        QCOMPARE(state.counts(), (TrayCounts{1, 1, 0}));

        // Reassigned to someone else: no longer this operator's alarm.
        applyTicket(shaped(ticket(7, 2), SlaState::AtRisk, QStringLiteral("someone-else")));
        QCOMPARE(state.counts(), (TrayCounts{0, 0, 0}));

        QVERIFY(changes.count() >= 6);
        QCOMPARE(changes.last().at(0).value<TrayCounts>(), (TrayCounts{0, 0, 0}));

        queue.reload();   // a reset recounts from scratch to the same figures
        QCOMPARE(state.counts(), (TrayCounts{0, 0, 0}));
    }

    // ---- icon, tooltip, menu ---------------------------------------------------

    void badgeIsPaintedForTheState()
    {
        const QColor none = badgePixel(ui::TrayIcon::badgedIcon(QIcon(), {}));
        QVERIFY(none != ui::TrayIcon::atRiskColor() && none != ui::TrayIcon::unreadColor());
        QCOMPARE(badgePixel(ui::TrayIcon::badgedIcon(QIcon(), {3, 0, 0})), ui::TrayIcon::unreadColor());
        QCOMPARE(badgePixel(ui::TrayIcon::badgedIcon(QIcon(), {3, 1, 0})), ui::TrayIcon::atRiskColor());
        QCOMPARE(badgePixel(ui::TrayIcon::badgedIcon(QIcon(), {0, 250, 250})), ui::TrayIcon::atRiskColor());
        // Over the real app icon too (drawn when the SVG icon engine is installed).
        Q_INIT_RESOURCE(zeiko);
        const QIcon app(QStringLiteral(":/zeiko/zeiko-console.svg"));
        QCOMPARE(badgePixel(ui::TrayIcon::badgedIcon(app, {0, 2, 0})), ui::TrayIcon::atRiskColor());
    }

    void tooltipAndMenuFollowTheQueueAndTheWindow()
    {
        m_store->upsertTickets({shaped(ticket(1), SlaState::AtRisk, me), shaped(ticket(2), SlaState::OnTrack)});
        TicketQueueModel queue(*m_store);
        queue.setOperatorId(me);
        QWidget window;
        ui::TrayIcon tray(&queue, &window);
        QCOMPARE(tray.toolTip(), QStringLiteral("Zeiko Handoff Console\nUnread: 2\nSLA at risk: 1"));
        QCOMPARE(badgePixel(tray.icon()), ui::TrayIcon::atRiskColor());

        applyTicket(shaped(ticket(1, 2), SlaState::Breached, me));
        QCOMPARE(tray.toolTip(), QStringLiteral("Zeiko Handoff Console\nUnread: 2\nSLA at risk: 1\nof which breached: 1"));
        applyTicket(shaped(ticket(1, 3), SlaState::Met, me, TicketStatus::Resolved));
        QCOMPARE(tray.toolTip(), QStringLiteral("Zeiko Handoff Console\nUnread: 1\nSLA at risk: 0"));
        QCOMPARE(badgePixel(tray.icon()), ui::TrayIcon::unreadColor());

        QVERIFY(tray.contextMenu());
        QVERIFY(tray.contextMenu()->actions().contains(tray.showHideAction()));
        QVERIFY(tray.contextMenu()->actions().contains(tray.quitAction()));
        QCOMPARE(tray.showHideAction()->text(), QStringLiteral("&Show window"));
        tray.showHideAction()->trigger();
        QVERIFY(window.isVisible());
        QCOMPARE(tray.showHideAction()->text(), QStringLiteral("&Hide window"));
        tray.showHideAction()->trigger();
        QVERIFY(!window.isVisible());
        QCOMPARE(tray.showHideAction()->text(), QStringLiteral("&Show window"));
        Q_EMIT tray.activated(QSystemTrayIcon::Trigger);   // a click on the icon
        QVERIFY(window.isVisible());
    }

    // ---- notifications -------------------------------------------------------------

    void notifiesHandoffsAssignedToMeAndSlasTurningAtRisk()
    {
        Ticket handoff = ticket(1);
        handoff.source = Source::Handoff;
        completeBootstrap({handoff, ticket(2), shaped(ticket(3), SlaState::OnTrack, QStringLiteral("someone-else"))});
        ui::TicketCache cache(*m_store);
        ui::AttentionWatcher watcher(*m_store, cache, me);
        QCoreApplication::processEvents();   // it learns the cached state once the event loop runs
        QSignalSpy handoffs(&watcher, &ui::AttentionWatcher::handoffAssignedToMe);
        QSignalSpy risks(&watcher, &ui::AttentionWatcher::slaAtRisk);
        QSignalSpy notifications(&watcher, &ui::AttentionWatcher::notificationRequested);

        handoff.version = 2;
        applyTicket(shaped(handoff, SlaState::OnTrack, me));   // the handoff is assigned to me
        QCOMPARE(handoffs.count(), 1);
        QCOMPARE(handoffs.at(0).at(0).value<TicketId>(), TicketId(1));
        QCOMPARE(handoffs.at(0).at(1).toString(), QStringLiteral("#1001 Order never arrived"));
        QCOMPARE(notifications.count(), 1);
        QCOMPARE(notifications.at(0).at(0).toString(), QStringLiteral("Handoff assigned to you"));
        QCOMPARE(notifications.at(0).at(1).toString(), QStringLiteral("#1001 Order never arrived"));
        handoff.version = 3;
        applyTicket(shaped(handoff, SlaState::OnTrack, me));   // still mine: said once
        QCOMPARE(handoffs.count(), 1);

        applyTicket(shaped(ticket(2, 2), SlaState::AtRisk));   // unassigned turns at risk
        QCOMPARE(risks.count(), 1);
        QCOMPARE(risks.at(0).at(0).value<TicketId>(), TicketId(2));
        applyTicket(shaped(ticket(2, 3), SlaState::Breached));   // at risk -> breached: already said
        QCOMPARE(risks.count(), 1);
        applyTicket(shaped(ticket(3, 2), SlaState::AtRisk, QStringLiteral("someone-else")));
        QCOMPARE(risks.count(), 1);   // someone else's ticket
        QCOMPARE(notifications.count(), 2);
        QCOMPARE(notifications.at(1).at(0).toString(), QStringLiteral("SLA at risk"));
    }

    void learnsWithoutNotifyingWhileTheSnapshotLoads()
    {
        ui::TicketCache cache(*m_store);
        ui::AttentionWatcher watcher(*m_store, cache, me);
        QSignalSpy risks(&watcher, &ui::AttentionWatcher::slaAtRisk);
        SnapshotPage first;
        first.tickets = {shaped(ticket(1), SlaState::AtRisk)};
        first.nextCursor = QStringLiteral("more");
        m_store->applySnapshotPage(first);
        QVERIFY(!m_store->bootstrapState().complete);
        QCOMPARE(risks.count(), 0);
        completeBootstrap({shaped(ticket(2), SlaState::OnTrack)});
        applyTicket(shaped(ticket(1, 2), SlaState::Breached));   // was already urgent when learnt
        QCOMPARE(risks.count(), 0);
        applyTicket(shaped(ticket(2, 2), SlaState::AtRisk));
        QCOMPARE(risks.count(), 1);
    }

    void settingsSwitchNotificationsOffAndOn()
    {
        Ticket handoff = ticket(1);
        handoff.source = Source::Handoff;
        completeBootstrap({handoff, ticket(2), ticket(3)});
        ui::ConsoleSettings settings(m_dir.filePath(QStringLiteral("settings%1").arg(m_counter)));
        settings.setNotifyHandoffAssigned(false);
        settings.setNotifySlaAtRisk(false);
        ui::TicketCache cache(*m_store);
        ui::AttentionWatcher watcher(*m_store, cache, me);
        watcher.setSettings(&settings);
        QCoreApplication::processEvents();   // it learns the cached state once the event loop runs
        QSignalSpy handoffs(&watcher, &ui::AttentionWatcher::handoffAssignedToMe);
        QSignalSpy notifications(&watcher, &ui::AttentionWatcher::notificationRequested);

        handoff.version = 2;
        applyTicket(shaped(handoff, SlaState::OnTrack, me));
        applyTicket(shaped(ticket(2, 2), SlaState::AtRisk));
        QCOMPARE(handoffs.count(), 1);        // the watcher still saw it...
        QCOMPARE(notifications.count(), 0);   // ...but the operator switched both off

        settings.setNotifySlaAtRisk(true);    // applies without a restart
        applyTicket(shaped(ticket(3, 2), SlaState::AtRisk));
        QCOMPARE(notifications.count(), 1);
        QCOMPARE(notifications.at(0).at(0).toString(), QStringLiteral("SLA at risk"));
    }
};

QTEST_MAIN(TestUiTray)
#include "test_ui_tray.moc"
