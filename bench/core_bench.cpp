// Console-core figures with 100,000 cached tickets (prints, asserts nothing):
//  - cold open of the store to a populated queue model vs a plain SQLite
//    read (sqlite3 C API) of the same rows, and the ratio;
//  - applying 10,000 events with the queue model attached (events/s);
//  - an FTS5 search (ms), through the store and through the queue proxy;
//  - peak memory (VmHWM).
// Usage: core_bench [tickets] [events]
#include "models/queue_anchor.h"
#include "models/queue_filter_proxy.h"
#include "models/roles.h"
#include "models/ticket_queue_model.h"
#include "store/local_store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QItemSelectionModel>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <cstdio>

using namespace zeiko;

namespace {

const QStringList words = {
    QStringLiteral("refund"),   QStringLiteral("parcel"),   QStringLiteral("blender"), QStringLiteral("invoice"),
    QStringLiteral("delivery"), QStringLiteral("broken"),   QStringLiteral("warranty"), QStringLiteral("login"),
    QStringLiteral("password"), QStringLiteral("shipping"), QStringLiteral("coupon"),  QStringLiteral("size"),
    QStringLiteral("exchange"), QStringLiteral("tracking"), QStringLiteral("late"),    QStringLiteral("damaged"),
};
const QStringList names = {QStringLiteral("Ana"), QStringLiteral("Ben"), QStringLiteral("Chloé"), QStringLiteral("Dmitri"),
                           QStringLiteral("Eun-ji"), QStringLiteral("Farah"), QStringLiteral("Gustav"), QStringLiteral("Hiro")};

Ticket makeTicket(TicketId id, QRandomGenerator &random, qint64 version = 1)
{
    Ticket t;
    t.id = id;
    t.number = 1000 + id;
    t.key = QString::number(random.generate64(), 16);
    QStringList subject;
    for (int i = 0; i < 5; ++i)
        subject.append(words.at(random.bounded(int(words.size()))));
    t.subject = subject.join(QLatin1Char(' ')) + QStringLiteral(" #%1").arg(id);
    const QString name = names.at(random.bounded(int(names.size())));
    t.customer = {QStringLiteral("c%1").arg(id), name + QStringLiteral(" Example"),
                  name.toLower() + QStringLiteral("%1@example.com").arg(id), {}, true};
    t.source = Source(random.bounded(4));
    t.status = TicketStatus(random.bounded(5));
    t.priority = Priority(random.bounded(4));
    t.sla.state = SlaState(random.bounded(5));
    t.sla.firstResponseDue = QDateTime(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC);
    if (random.bounded(2))
        t.assignee = Assignee{ActorKind::Operator, QStringLiteral("op%1").arg(random.bounded(20)), QStringLiteral("Operator")};
    t.createdAt = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    t.lastActivityAt = t.createdAt.addSecs(id * 7);
    t.tags = {QStringLiteral("vip"), QStringLiteral("eu")};
    t.version = version;
    return t;
}

long peakMemoryKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

// The same rows the queue model reads, through the raw C API.
double plainSqliteReadMs(const QString &path, qint64 *rows)
{
    QElapsedTimer timer;
    timer.start();
    sqlite3 *db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *statement = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT id, number, subject, customer_name, customer_email, source, status, priority, sla_state, "
                       "owner_mode, assignee_kind, assignee_id, assignee_name, last_activity, version FROM tickets "
                       "ORDER BY last_activity DESC, id DESC",
                       -1, &statement, nullptr);
    qint64 count = 0;
    qint64 checksum = 0;
    while (sqlite3_step(statement) == SQLITE_ROW) {
        for (int column = 0; column < 15; ++column)
            checksum += sqlite3_column_bytes(statement, column);
        ++count;
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    *rows = count;
    if (checksum == 42)
        std::puts("");   // keep the loop from being optimised away
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int ticketCount = argc > 1 ? std::atoi(argv[1]) : 100000;
    const int eventCount = argc > 2 ? std::atoi(argv[2]) : 10000;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.sqlite"));
    QRandomGenerator random(42);

    // ---- fill ---------------------------------------------------------------
    {
        LocalStore store;
        if (!store.open(path)) {
            std::fprintf(stderr, "%s\n", qPrintable(store.errorString()));
            return 1;
        }
        QElapsedTimer timer;
        timer.start();
        SnapshotPage page;
        page.seq = 1;
        for (TicketId id = 1; id <= ticketCount; ++id) {
            page.tickets.append(makeTicket(id, random));
            if (page.tickets.size() == 1000 || id == ticketCount) {
                page.nextCursor = id == ticketCount ? QString() : QStringLiteral("more");
                store.applySnapshotPage(page);
                page.tickets.clear();
            }
        }
        std::printf("bootstrap write of %d tickets (1000-ticket pages): %.0f ms (%.0f tickets/s)\n", ticketCount,
                    double(timer.elapsed()), ticketCount * 1000.0 / std::max<qint64>(1, timer.elapsed()));
    }

    // ---- cold open: store -> populated queue model vs plain SQLite -------------
    qint64 plainRows = 0;
    const double plainMs = plainSqliteReadMs(path, &plainRows);
    QElapsedTimer timer;
    timer.start();
    LocalStore store;
    store.open(path);
    TicketQueueModel model(store);
    QueueFilterProxy proxy(store);
    proxy.setSourceModel(&model);
    const double modelMs = double(timer.nsecsElapsed()) / 1e6;
    std::printf("cold open to populated queue model (+ sorted proxy): %.0f ms for %d rows\n", modelMs, model.rowCount());
    std::printf("plain SQLite C API read of the same rows:           %.0f ms for %lld rows\n", plainMs, qint64(plainRows));
    std::printf("ratio model/plain: %.2fx\n", modelMs / std::max(0.001, plainMs));

    // ---- apply events ---------------------------------------------------------
    // Three rounds of `eventCount` events: store only, + queue model, + sorted proxy.
    Seq seq = store.cursor();
    EntryId entryId = 1;
    TicketId nextNewTicket = ticketCount + 1;
    auto makeEvents = [&](int count) {
        QList<Event> events;
        for (int i = 0; i < count; ++i) {
            Event event;
            event.seq = ++seq;
            event.at = QDateTime::currentDateTimeUtc();
            const bool newTicket = i % 10 == 0;
            const TicketId id = newTicket ? nextNewTicket++ : 1 + random.bounded(ticketCount);
            event.ticketId = id;
            event.ticket = makeTicket(id, random, newTicket ? 1 : seq);
            if (i % 3 == 0) {
                event.type = EventType::EntryAdded;
                ThreadEntry entry;
                entry.id = entryId++;
                entry.ticketId = id;
                entry.kind = EntryKind::CustomerMessage;
                entry.author = {ActorKind::Customer, QStringLiteral("c"), QStringLiteral("Customer")};
                entry.body = QStringLiteral("The %1 arrived %2 and I want a %3.")
                                 .arg(words.at(i % words.size()), words.at((i + 3) % words.size()), words.at((i + 7) % words.size()));
                entry.createdAt = event.at;
                event.entry = entry;
            } else {
                event.type = newTicket ? EventType::TicketCreated : EventType::TicketUpdated;
            }
            events.append(event);
        }
        return events;
    };
    constexpr int batch = 500;   // one REST page / a burst of socket frames
    auto applyRound = [&](const char *label) {
        const QList<Event> events = makeEvents(eventCount);
        QElapsedTimer round;
        round.start();
        for (qsizetype i = 0; i < events.size(); i += batch)
            store.applyEvents(events.mid(i, batch));
        const double ms = double(round.nsecsElapsed()) / 1e6;
        std::printf("applied %d events (batches of %d) %s: %.0f ms (%.0f events/s, %.1f us/event)\n", eventCount, batch,
                    label, ms, eventCount * 1000.0 / std::max(0.001, ms), ms * 1000.0 / std::max(1, eventCount));
    };
    proxy.setSourceModel(nullptr);
    // The cold-open model and proxy stop following the store for the first round.
    QObject::disconnect(&store, nullptr, &model, nullptr);
    QObject::disconnect(&store, nullptr, &proxy, nullptr);
    applyRound("store only");
    {
        TicketQueueModel following(store);
        int rowsInserted = 0;
        int rowsChanged = 0;
        int resets = 0;
        QObject::connect(&following, &QAbstractItemModel::rowsInserted, [&](const QModelIndex &, int first, int last) { rowsInserted += last - first + 1; });
        QObject::connect(&following, &QAbstractItemModel::dataChanged, [&] { ++rowsChanged; });
        QObject::connect(&following, &QAbstractItemModel::modelReset, [&] { ++resets; });
        applyRound("+ queue model");
        std::printf("  model followed with %d rows inserted, %d dataChanged, %d resets\n", rowsInserted, rowsChanged, resets);
        QueueFilterProxy sorted(store);
        sorted.setSourceModel(&following);
        applyRound("+ queue model + sorted proxy");
        // The operator's place held through the traffic (issue 11, item 15):
        // a selection mid-list and the anchor counting arrivals above it.
        QItemSelectionModel selection(&sorted);
        const QModelIndex middle = sorted.index(sorted.rowCount() / 2, 0);
        selection.setCurrentIndex(middle, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QueueAnchor anchor(sorted, following);
        anchor.setAnchor(middle.data(TicketIdRole).toLongLong());
        const int rowBefore = anchor.anchorRow();
        applyRound("+ queue model + sorted proxy + anchored selection");
        std::printf("  anchored ticket still selected: %s; row %d -> %d, %d arrivals above it\n",
                    selection.currentIndex().data(TicketIdRole).toLongLong() == anchor.anchor() ? "yes" : "NO",
                    rowBefore, anchor.anchorRow(), anchor.arrivalsAbove());
    }
    QueueFilterProxy searchProxy(store);
    TicketQueueModel searchModel(store);
    searchProxy.setSourceModel(&searchModel);

    // ---- FTS search --------------------------------------------------------------
    const QStringList queries = {QStringLiteral("blender"), QStringLiteral("refund parcel"), QStringLiteral("chlo"),
                                 QStringLiteral("warranty damaged late"), QStringLiteral("farah12345")};
    for (const QString &query : queries) {
        timer.restart();
        const QSet<TicketId> hits = store.search(query);
        const double storeMs = double(timer.nsecsElapsed()) / 1e6;
        timer.restart();
        searchProxy.setSearchText(query);
        const int visible = searchProxy.rowCount();
        const double proxyMs = double(timer.nsecsElapsed()) / 1e6;
        std::printf("search \"%s\": store FTS5 %.1f ms (%lld hits), queue proxy filtered %d rows in %.1f ms\n",
                    qPrintable(query), storeMs, qint64(hits.size()), visible, proxyMs);
    }

    std::printf("peak memory (VmHWM): %.1f MiB\n", peakMemoryKb() / 1024.0);
    return 0;
}
