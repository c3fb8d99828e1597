// The console follows the application palette, light or dark: the colours the
// thread view and the queue delegate actually paint with keep text readable
// (WCAG 2 contrast >= 4.5:1) on the backgrounds they are painted on, and the
// thread re-renders in the new colours when the palette changes at runtime.

#include "markdown/markdown_renderer.h"
#include "models/thread_model.h"
#include "store/local_store.h"
#include "ui/palette.h"
#include "ui/queue_delegate.h"
#include "ui/sla_clock.h"
#include "ui/thread_view.h"

#include <QApplication>
#include <QStyle>
#include <QTemporaryDir>
#include <QTest>

using namespace zeiko;
using namespace zeiko::ui;

namespace {

constexpr double minimumTextContrast = 4.5;   // WCAG 2 AA, normal text

QString describe(const char *what, const QColor &text, const QColor &background)
{
    return QStringLiteral("%1: %2 on %3 = %4:1")
        .arg(QLatin1String(what), text.name(), background.name())
        .arg(contrastRatio(text, background), 0, 'f', 2);
}

} // namespace

class TestUiPalette : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void contrastArithmetic();
    void threadColoursAreReadable_data();
    void threadColoursAreReadable();
    void queueColoursAreReadable_data() { threadColoursAreReadable_data(); }
    void queueColoursAreReadable();
    void statusColoursAreReadable_data() { threadColoursAreReadable_data(); }
    void statusColoursAreReadable();
    void threadViewFollowsAPaletteChange();
    void overrideFromTheEnvironment();
    void cleanup() { QApplication::setPalette(QApplication::style()->standardPalette()); }
};

void TestUiPalette::contrastArithmetic()
{
    QCOMPARE(qRound(contrastRatio(Qt::black, Qt::white) * 100), 2100);
    QCOMPARE(contrastRatio(Qt::white, Qt::white), 1.0);
    QCOMPARE(contrastRatio(QColor(0x76, 0x76, 0x76), Qt::white) >= 4.5, true);    // the classic 4.54:1 grey
    QCOMPARE(contrastRatio(QColor(0x77, 0x77, 0x77), Qt::white) < 4.5, true);
    QColor halfBlack(Qt::black);
    halfBlack.setAlphaF(0.5f);
    QVERIFY(qAbs(composite(halfBlack, Qt::white).red() - 128) <= 1);
}

void TestUiPalette::threadColoursAreReadable_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::newRow("light") << QApplication::style()->standardPalette();
    QTest::newRow("dark") << darkPalette();
}

void TestUiPalette::threadColoursAreReadable()
{
    QFETCH(QPalette, palette);
    const ThreadColours c = threadColoursFor(palette);
    const QList<std::tuple<const char *, QString, QString>> pairs = {
        {"text on customer message", c.text, c.customer},
        {"text on AI-agent reply", c.text, c.agent},
        {"text on human reply", c.text, c.human},
        {"note text on internal note", c.noteText, c.note},
        {"muted on customer message", c.muted, c.customer},
        {"muted on AI-agent reply", c.muted, c.agent},
        {"muted on human reply", c.muted, c.human},
        {"muted on page", c.muted, c.base},
        {"text on page", c.text, c.base},
        {"failure on page", c.failed, c.base},
        {"failure on customer message", c.failed, c.customer},
    };
    for (const auto &[what, text, background] : pairs) {
        const QColor fg(text), bg(background);
        QVERIFY2(fg.isValid() && bg.isValid(), what);
        QVERIFY2(contrastRatio(fg, bg) >= minimumTextContrast, qPrintable(describe(what, fg, bg)));
    }
}

void TestUiPalette::queueColoursAreReadable()
{
    QFETCH(QPalette, palette);
    // Rows alternate between Base and AlternateBase.
    for (const QPalette::ColorRole row : {QPalette::Base, QPalette::AlternateBase}) {
        const QColor background = palette.color(row);
        for (const SlaState state : allValues<SlaState>()) {
            const QColor text = composite(slaColour(state, palette), background);
            QVERIFY2(contrastRatio(text, background) >= minimumTextContrast,
                     qPrintable(describe(qPrintable(toString(state)), text, background)));
        }
        for (const Priority priority : allValues<Priority>()) {
            const QColor text = composite(priorityColour(priority, palette), background);
            QVERIFY2(contrastRatio(text, background) >= minimumTextContrast,
                     qPrintable(describe(qPrintable(toString(priority)), text, background)));
        }
        for (const OwnerBadge badge : {OwnerBadge::Agent, OwnerBadge::Human, OwnerBadge::HandoffWaiting}) {
            // The badge text sits on its own 40/255 fill over the row.
            const QColor text = ownerBadgeColour(badge, palette);
            QColor fill = text;
            fill.setAlpha(40);
            const QColor badgeBackground = composite(fill, background);
            QVERIFY2(contrastRatio(text, badgeBackground) >= minimumTextContrast,
                     qPrintable(describe("owner badge", text, badgeBackground)));
        }
        const QColor text = palette.color(QPalette::Text);
        QVERIFY2(contrastRatio(text, background) >= minimumTextContrast, qPrintable(describe("row text", text, background)));
    }
}

void TestUiPalette::statusColoursAreReadable()
{
    // The main window's connection dot, outbox count and offline banner.
    QFETCH(QPalette, palette);
    const QColor window = palette.color(QPalette::Window);
    for (const StatusTone tone : {StatusTone::Good, StatusTone::Warning, StatusTone::Danger}) {
        const QColor text = statusText(tone, palette);
        QVERIFY2(contrastRatio(text, window) >= minimumTextContrast, qPrintable(describe("status text", text, window)));
        QVERIFY2(contrastRatio(onStatusFill(tone), statusFill(tone)) >= minimumTextContrast,
                 qPrintable(describe("banner", onStatusFill(tone), statusFill(tone))));
    }
}

void TestUiPalette::threadViewFollowsAPaletteChange()
{
    QTemporaryDir dir;
    LocalStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("cache.sqlite"))));
    Ticket ticket;
    ticket.id = 1;
    ticket.number = 1001;
    ticket.key = QStringLiteral("k1");
    ticket.subject = QStringLiteral("Parcel late");
    ticket.createdAt = ticket.lastActivityAt = QDateTime::currentDateTimeUtc();
    ThreadEntry message;
    message.id = 10;
    message.ticketId = 1;
    message.kind = EntryKind::CustomerMessage;
    message.author = {ActorKind::Customer, QStringLiteral("c1"), QStringLiteral("Kim")};
    message.body = QStringLiteral("Where is my parcel?");
    message.createdAt = ticket.createdAt;
    ThreadEntry note = message;
    note.id = 11;
    note.kind = EntryKind::InternalNote;
    note.visibility = Visibility::Internal;
    note.body = QStringLiteral("VIP");
    store.storeThread(ticket, {message, note}, std::nullopt);

    ThreadModel model(store, 1);
    markdown::MarkdownRenderer renderer;
    ThreadView view(model, renderer);
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_VERIFY(view.shownText().contains(QLatin1String("Where is my parcel?")) && view.isFullyRendered());
    const ThreadColours light = threadColoursFor(view.palette());
    QVERIFY(view.toHtml().contains(light.customer, Qt::CaseInsensitive));

    QApplication::setPalette(darkPalette());
    QTRY_COMPARE(view.palette().color(QPalette::Base), darkPalette().color(QPalette::Base));
    const ThreadColours dark = threadColoursFor(view.palette());
    QVERIFY(dark.customer != light.customer);
    // Re-rendered in the dark colours, the light ones gone.
    QTRY_VERIFY(view.toHtml().contains(dark.customer, Qt::CaseInsensitive));
    QVERIFY(view.toHtml().contains(dark.note, Qt::CaseInsensitive));
    QVERIFY(!view.toHtml().contains(light.customer, Qt::CaseInsensitive));
    // What is painted: the note's background pixel is the dark note colour.
    const QImage image = view.viewport()->grab().toImage();
    bool found = false;
    for (int y = 0; y < image.height() && !found; y += 2) {
        for (int x = 0; x < image.width() && !found; x += 2)
            found = image.pixelColor(x, y) == QColor(dark.note);
    }
    QVERIFY2(found, "the dark note background is not painted");
}

void TestUiPalette::overrideFromTheEnvironment()
{
    qputenv("ZEIKO_PALETTE", "dark");
    applyPaletteOverride();
    QCOMPARE(QApplication::palette().color(QPalette::Base), darkPalette().color(QPalette::Base));
    qputenv("ZEIKO_PALETTE", "light");
    applyPaletteOverride();
    QCOMPARE(QApplication::palette().color(QPalette::Base), QApplication::style()->standardPalette().color(QPalette::Base));
    qunsetenv("ZEIKO_PALETTE");
}

QTEST_MAIN(TestUiPalette)
#include "test_ui_palette.moc"
