#include "ui/queue_pane.h"

#include "domain/ticket_rules.h"
#include "models/roles.h"
#include "store/local_store.h"
#include "ui/console_settings.h"
#include "ui/palette.h"
#include "ui/queue_delegate.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QHBoxLayout>
#include <QPushButton>
#include <QScrollBar>
#include <QTabBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace zeiko::ui {

namespace {
int tabOf(QueuePane::View view)
{
    for (int i = 0; i < int(QueuePane::kViews.size()); ++i) {
        if (QueuePane::kViews[i] == view)
            return i;
    }
    return int(QueuePane::kViews.size()) - 1;
}
} // namespace

QString QueuePane::viewName(View view)
{
    switch (view) {
    case View::Mine: return tr("Mine");
    case View::Unassigned: return tr("Unassigned");
    case View::WaitingOnTeam: return tr("Waiting on team");
    case View::SlaAtRiskOrBreached: return tr("SLA at risk");
    case View::All: return tr("All");
    }
    return {};
}

QueuePane::QueuePane(LocalStore &store, TicketCache &tickets, const QString &operatorId, QWidget *parent)
    : QWidget(parent)
    , m_model(store)
    , m_proxy(store)
    , m_anchor(m_proxy, m_model)
{
    setObjectName(QStringLiteral("queuePane"));
    m_model.setOperatorId(operatorId);
    m_proxy.setOperatorId(operatorId);
    m_proxy.setSourceModel(&m_model);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 0, 4);
    layout->setSpacing(4);
    m_offlineBanner = new QLabel(tr("Offline — you are reading the local copy. Replies and actions are kept in "
                                    "the outbox and sent when the connection returns."), this);
    m_offlineBanner->setObjectName(QStringLiteral("offlineBanner"));
    m_offlineBanner->setAccessibleName(tr("Offline"));
    m_offlineBanner->setWordWrap(true);
    m_offlineBanner->setMargin(6);
    m_offlineBanner->setStyleSheet(QStringLiteral("background: %1; color: %2; font-weight: bold")
                                       .arg(statusFill(StatusTone::Danger).name(), onStatusFill(StatusTone::Danger).name()));
    m_offlineBanner->hide();

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setAccessibleName(tr("Search tickets"));
    m_search->setPlaceholderText(tr("Search subject, customer, messages  ( / )"));
    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search);
    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(150);
    connect(m_search, &QLineEdit::textChanged, &m_searchTimer, qOverload<>(&QTimer::start));
    connect(&m_searchTimer, &QTimer::timeout, this, [this] {
        m_proxy.setSearchText(m_search->text());
        if (!selectTicket(m_current))
            moveSelection(0);
    });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchTimer.stop();
        m_proxy.setSearchText(m_search->text());
        moveSelection(0);
        m_view->setFocus(Qt::ShortcutFocusReason);
    });

    m_tabs = new QTabBar(this);
    m_tabs->setObjectName(QStringLiteral("viewTabs"));
    m_tabs->setAccessibleName(tr("Queue views"));
    m_tabs->setExpanding(false);
    m_tabs->setDrawBase(false);
    m_tabs->setFocusPolicy(Qt::NoFocus);
    for (View v : kViews)
        m_tabs->addTab(viewName(v));
    connect(m_tabs, &QTabBar::currentChanged, this, [this](int index) {
        if (index >= 0 && index < int(kViews.size()))
            setView(kViews[index]);
    });
    layout->addWidget(m_tabs);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("queueView"));
    m_view->setAccessibleName(tr("Ticket queue"));
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAllColumnsShowFocus(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Per pixel, so keeping a row in place is exact whatever moved around it.
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setModel(&m_proxy);
    m_delegate = new QueueDelegate(tickets, m_view);
    m_view->setItemDelegate(m_delegate);
    QHeaderView *header = m_view->header();
    m_view->setSortingEnabled(true);
    header->setStretchLastSection(false);
    header->setSectionsMovable(true);
    header->setMinimumSectionSize(40);
    applyDefaultColumns();
    // The columns menu: right-click the header or the list, or the Menu key
    // in the list.
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this,
            [this, header](const QPoint &pos) { showColumnMenu(header->mapToGlobal(pos)); });
    connect(m_view, &QTreeView::customContextMenuRequested, this,
            [this](const QPoint &pos) { showColumnMenu(m_view->viewport()->mapToGlobal(pos)); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (!current.isValid())
            return;
        const TicketId id = current.data(TicketIdRole).toLongLong();
        if (id == m_current)
            return;
        m_current = id;
        m_anchor.setAnchor(id);
        Q_EMIT currentTicketChanged(id);
    });
    connect(m_view, &QTreeView::activated, this, &QueuePane::ticketActivated);
    layout->addWidget(m_view, 1);

    // The operator's place while traffic re-sorts the rows, and what arrived
    // above it. The pill floats over the top of the list (no layout jump);
    // Tab from the list reaches it.
    connect(&m_anchor, &QueueAnchor::aboutToMove, this, &QueuePane::notePlace);
    connect(&m_anchor, &QueueAnchor::settled, this, &QueuePane::keepPlace);
    connect(&m_anchor, &QueueAnchor::arrivalsAboveChanged, this, &QueuePane::showArrivals);
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value == m_view->verticalScrollBar()->minimum())
            m_anchor.clearArrivals();   // the operator sees the top
    });
    m_arrivalsPill = new QPushButton(m_view);
    m_arrivalsPill->setObjectName(QStringLiteral("queueArrivalsPill"));
    m_arrivalsPill->setFocusPolicy(Qt::TabFocus);
    m_arrivalsPill->setAutoDefault(true);   // Enter clicks it, like Space
    m_arrivalsPill->setCursor(Qt::PointingHandCursor);
    m_arrivalsPill->setToolTip(tr("Tickets that arrived above the selected one since you last looked at the top. "
                                  "Scrolls to the top; the selected ticket stays selected."));
    m_arrivalsPill->setStyleSheet(QStringLiteral("QPushButton { background: %1; color: %2; border: none; "
                                                 "border-radius: 10px; padding: 3px 12px; font-weight: bold }"
                                                 "QPushButton:focus { border: 2px solid %3 }")
                                      .arg(m_view->palette().color(QPalette::Highlight).name(),
                                           m_view->palette().color(QPalette::HighlightedText).name(),
                                           m_view->palette().color(QPalette::Text).name()));
    connect(m_arrivalsPill, &QPushButton::clicked, this, [this] {
        showArrivalsAtTop();
        m_view->setFocus(Qt::OtherFocusReason);
    });
    m_arrivalsPill->hide();
    m_view->installEventFilter(this);
    // Below the list, not above it: going offline must not push the rows
    // the operator is reading down the screen.
    layout->addWidget(m_offlineBanner);

    // After a jump to a ticket outside the view: what happened, and the way back.
    m_jumpNotice = new QWidget(this);
    m_jumpNotice->setObjectName(QStringLiteral("queueJumpNotice"));
    m_jumpNotice->setAutoFillBackground(true);
    m_jumpNotice->setBackgroundRole(QPalette::ToolTipBase);
    auto *jumpLayout = new QHBoxLayout(m_jumpNotice);
    jumpLayout->setContentsMargins(6, 4, 6, 4);
    m_jumpLabel = new QLabel(m_jumpNotice);
    m_jumpLabel->setObjectName(QStringLiteral("queueJumpLabel"));
    m_jumpLabel->setWordWrap(true);
    m_jumpLabel->setTextFormat(Qt::PlainText);
    m_jumpLabel->setForegroundRole(QPalette::ToolTipText);
    m_jumpBackButton = new QPushButton(m_jumpNotice);
    m_jumpBackButton->setObjectName(QStringLiteral("queueJumpBack"));
    jumpLayout->addWidget(m_jumpLabel, 1);
    jumpLayout->addWidget(m_jumpBackButton);
    connect(m_jumpBackButton, &QPushButton::clicked, this, [this] {
        goBackFromJump();
        m_view->setFocus(Qt::OtherFocusReason);
    });
    m_jumpNotice->hide();
    layout->addWidget(m_jumpNotice);

    // View counts: throttled, not debounced — a steady trickle of changes must
    // not starve the counters. Only changes that can move a ticket between
    // views; opening a ticket (viewed) must not recount 100,000 rows on every j.
    m_countsTimer.setSingleShot(true);
    m_countsTimer.setInterval(300);
    connect(&m_countsTimer, &QTimer::timeout, this, &QueuePane::updateViewCounts);
    auto recount = [this] {
        if (!m_countsTimer.isActive())
            m_countsTimer.start();
    };
    connect(&store, &LocalStore::changed, this, [recount](const StoreChange &change) {
        if (!change.insertedTickets.isEmpty() || !change.updatedTickets.isEmpty() || !change.outboxChanged.isEmpty())
            recount();
    });
    connect(&m_model, &QAbstractItemModel::modelReset, this, recount);
    m_countsTimer.start();   // counting every view waits until the queue has painted
}

QVariant QueuePane::currentData(int role) const
{
    const int row = m_model.rowOf(m_current);
    return row < 0 ? QVariant() : m_model.index(row, 0).data(role);
}

TicketId QueuePane::nextToWork() const
{
    const auto wantsWork = [](const QModelIndex &index) {
        const auto facts = index.data(TicketFactsRole).value<rules::TicketFacts>();
        return facts.status != TicketStatus::Closed
            && !(facts.handoff && facts.handoff->state == HandoffState::Active);
    };
    const int row = m_view->currentIndex().row();
    const int rows = m_proxy.rowCount();
    for (int r = row + 1; r < rows; ++r) {
        const QModelIndex index = m_proxy.index(r, 0);
        if (wantsWork(index))
            return index.data(TicketIdRole).toLongLong();
    }
    for (int r = row - 1; r >= 0; --r) {
        const QModelIndex index = m_proxy.index(r, 0);
        if (wantsWork(index))
            return index.data(TicketIdRole).toLongLong();
    }
    return 0;
}

void QueuePane::moveOnTo(TicketId next)
{
    if (next)
        selectTicket(next);
    m_view->setFocus(Qt::OtherFocusReason);
}

TicketId QueuePane::ticketByNumber(qint64 number) const
{
    for (int row = 0; row < m_model.rowCount(); ++row) {
        const QModelIndex index = m_model.index(row, 0);
        if (index.data(TicketNumberRole).toLongLong() == number)
            return index.data(TicketIdRole).toLongLong();
    }
    return 0;
}

bool QueuePane::jumpTo(TicketId id, qint64 number)
{
    if (selectTicket(id))
        return true;
    const JumpBack back{m_proxy.view(), m_search->text(), m_current};
    clearSearch();
    setView(View::All);
    if (!selectTicket(id))
        return false;
    // Say it, and offer the way back (Esc in the queue, or the button).
    m_jumpBack = back;
    const QString where = back.search.isEmpty() ? viewName(back.view)
                                                : tr("%1, search “%2”").arg(viewName(back.view), back.search);
    m_jumpLabel->setText(tr("#%1 is not in %2: the queue shows All. Esc in the queue goes back.").arg(number).arg(where));
    m_jumpLabel->setAccessibleName(m_jumpLabel->text());
    m_jumpBackButton->setText(tr("Back to %1").arg(viewName(back.view)));
    m_jumpNotice->show();
    layout()->activate();
    m_view->scrollTo(m_view->currentIndex());
    return true;
}

bool QueuePane::goBackFromJump()
{
    if (!m_jumpBack)
        return false;
    const JumpBack back = *m_jumpBack;
    m_jumpBack.reset();
    m_jumpNotice->hide();
    setView(back.view);
    if (!back.search.isEmpty()) {
        m_search->setText(back.search);
        m_searchTimer.stop();
        m_proxy.setSearchText(back.search);
    }
    if (!selectTicket(back.ticket))
        moveSelection(0);
    return true;
}

QString QueuePane::jumpNoticeText() const
{
    return m_jumpNotice->isVisibleTo(this) ? m_jumpLabel->text() : QString();
}

void QueuePane::setView(View view)
{
    if (m_jumpBack && view != View::All) {
        // The operator chose a view themselves: the way back is moot.
        m_jumpBack.reset();
        m_jumpNotice->hide();
    }
    m_proxy.setView(view);
    const int tab = tabOf(view);
    if (m_tabs->currentIndex() != tab) {
        const QSignalBlocker blocker(m_tabs);
        m_tabs->setCurrentIndex(tab);
    }
    if (!selectTicket(m_current))
        moveSelection(0);
}

void QueuePane::moveSelection(int delta)
{
    const int rows = m_proxy.rowCount();
    if (rows == 0)
        return;
    const QModelIndex current = m_view->currentIndex();
    int row = current.isValid() ? current.row() + delta : 0;
    row = qBound(0, row, rows - 1);
    const QModelIndex target = m_proxy.index(row, 0);
    m_view->selectionModel()->setCurrentIndex(target, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(target);
}

bool QueuePane::selectTicket(TicketId id)
{
    if (id == 0)
        return false;
    const int sourceRow = m_model.rowOf(id);
    if (sourceRow < 0)
        return false;
    const QModelIndex index = m_proxy.mapFromSource(m_model.index(sourceRow, 0));
    if (!index.isValid())
        return false;
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    return true;
}

void QueuePane::clearSearch()
{
    m_search->clear();
    m_searchTimer.stop();
    m_proxy.setSearchText({});
}

void QueuePane::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void QueuePane::back()
{
    if (goBackFromJump())
        return;
    if (!m_search->text().isEmpty()) {
        clearSearch();
        selectTicket(m_current);
    }
}

void QueuePane::setOffline(bool offline)
{
    if (offline == m_offlineBanner->isVisibleTo(this))
        return;
    m_offlineBanner->setVisible(offline);
    // The list gets shorter from the bottom: keep the selected row in sight.
    if (offline && m_view->currentIndex().isValid()) {
        layout()->activate();
        m_view->scrollTo(m_view->currentIndex());
    }
}

void QueuePane::tick()
{
    const QRect area = m_view->viewport()->rect();
    const int x = m_view->header()->sectionViewportPosition(TicketQueueModel::SlaColumn);
    const int w = m_view->header()->sectionSize(TicketQueueModel::SlaColumn);
    m_view->viewport()->update(QRect(x, area.top(), w, area.height()));
}

void QueuePane::updateViewCounts()
{
    for (int i = 0; i < int(kViews.size()); ++i)
        m_tabs->setTabText(i, tr("%1 %2").arg(viewName(kViews[i])).arg(m_proxy.countFor(kViews[i])));
}

void QueuePane::notePlace()
{
    m_keptRow = QPersistentModelIndex();
    if (!m_view->isVisible())
        return;
    const QRect area = m_view->viewport()->rect();
    QModelIndex row = m_view->currentIndex();
    if (!row.isValid() || !area.intersects(m_view->visualRect(row)))
        row = m_view->indexAt(QPoint(area.left() + 1, area.top() + 1));   // reading elsewhere: keep what is in sight
    if (!row.isValid())
        return;
    m_keptRow = row;
    m_keptTop = m_view->visualRect(row).top();
}

void QueuePane::keepPlace()
{
    if (!m_keptRow.isValid())
        return;
    // visualRect runs the view's pending layout: once per live change.
    const int shift = m_view->visualRect(m_keptRow).top() - m_keptTop;
    m_keptRow = QPersistentModelIndex();
    QScrollBar *bar = m_view->verticalScrollBar();
    if (shift != 0)
        bar->setValue(bar->value() + shift);
    // Still at the top (or a row that moved up could not be kept: there is
    // no room above): whatever arrived is in sight, nothing hides above.
    if (bar->value() == bar->minimum())
        m_anchor.clearArrivals();
}

void QueuePane::showArrivals(int count)
{
    if (count <= 0) {
        if (m_arrivalsPill->hasFocus())
            m_view->setFocus(Qt::OtherFocusReason);
        m_arrivalsPill->hide();
        return;
    }
    m_arrivalsPill->setText(tr("↑ %n new above", nullptr, count));
    m_arrivalsPill->setAccessibleName(tr("Arrived above the selected ticket: %n. Scroll to the top", nullptr, count));
    placeArrivalsPill();
    m_arrivalsPill->show();
    m_arrivalsPill->raise();
}

void QueuePane::showArrivalsAtTop()
{
    m_view->verticalScrollBar()->setValue(m_view->verticalScrollBar()->minimum());
    m_anchor.clearArrivals();
}

void QueuePane::placeArrivalsPill()
{
    m_arrivalsPill->adjustSize();
    const QRect area = m_view->viewport()->geometry();
    m_arrivalsPill->move(area.left() + (area.width() - m_arrivalsPill->width()) / 2, area.top() + 6);
}

bool QueuePane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::Resize && m_arrivalsPill->isVisible())
        placeArrivalsPill();
    return QWidget::eventFilter(watched, event);
}

// What the operator reads first, in view at 1366 px: number, SLA, the
// subject (taking the rest of the width), customer and owner. Priority,
// status, source and last activity are in the columns menu. Sorted by the
// number, newest first: the sort is always by a column in view.
void QueuePane::applyDefaultColumns()
{
    using M = TicketQueueModel;
    QHeaderView *header = m_view->header();
    const QList<int> order{M::NumberColumn, M::SlaColumn, M::SubjectColumn, M::CustomerColumn, M::AssigneeColumn,
                           M::PriorityColumn, M::StatusColumn, M::SourceColumn, M::LastActivityColumn};
    for (int visual = 0; visual < order.size(); ++visual)
        header->moveSection(header->visualIndex(order[visual]), visual);
    const QHash<int, int> widths{{M::NumberColumn, 60},   {M::SlaColumn, 104},    {M::CustomerColumn, 112},
                                 {M::AssigneeColumn, 118}, {M::PriorityColumn, 70}, {M::StatusColumn, 130},
                                 {M::SourceColumn, 80},    {M::LastActivityColumn, 140}};
    for (int column = 0; column < M::ColumnCount; ++column) {
        header->setSectionResizeMode(column, column == M::SubjectColumn ? QHeaderView::Stretch : QHeaderView::Interactive);
        if (column != M::SubjectColumn)
            header->resizeSection(column, widths.value(column, 100));
        header->setSectionHidden(column, order.indexOf(column) > order.indexOf(M::AssigneeColumn));
    }
    header->setSortIndicator(M::NumberColumn, Qt::DescendingOrder);
}

void QueuePane::showColumnMenu(const QPoint &globalPos)
{
    QHeaderView *header = m_view->header();
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("queueColumnsMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addSection(tr("Columns"));
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        QAction *toggle = menu->addAction(m_proxy.headerData(column, Qt::Horizontal).toString());
        toggle->setCheckable(true);
        toggle->setChecked(!header->isSectionHidden(column));
        toggle->setEnabled(column != TicketQueueModel::SubjectColumn);   // the subject always shows
        connect(toggle, &QAction::toggled, this, [this, column](bool on) {
            m_view->header()->setSectionHidden(column, !on);
            // Sorted by a column that is gone: sort by the number instead.
            if (!on && m_view->header()->sortIndicatorSection() == column)
                m_view->header()->setSortIndicator(TicketQueueModel::NumberColumn, Qt::DescendingOrder);
        });
    }
    menu->addSeparator();
    connect(menu->addAction(tr("Default columns")), &QAction::triggered, this, &QueuePane::applyDefaultColumns);
    menu->popup(globalPos);
}

// The saved header of an older column layout is not restored (it hid the
// subject at 1366 px); later changes of the operator's are.
static constexpr int kHeaderLayoutVersion = 2;

void QueuePane::restoreState(const ConsoleSettings &settings)
{
    if (!settings.queueHeaderState().isEmpty()
        && settings.raw().value(QStringLiteral("queue/headerLayout")).toInt() == kHeaderLayoutVersion)
        m_view->header()->restoreState(settings.queueHeaderState());
    const int view = settings.currentView();
    const View initial = view >= 0 && view <= int(View::SlaAtRiskOrBreached) ? View(view) : View::All;
    m_tabs->setCurrentIndex(tabOf(initial));
    setView(initial);
}

void QueuePane::saveState(ConsoleSettings &settings) const
{
    settings.setQueueHeaderState(m_view->header()->saveState());
    settings.raw().setValue(QStringLiteral("queue/headerLayout"), kHeaderLayoutVersion);
    settings.setCurrentView(int(m_proxy.view()));
}

} // namespace zeiko::ui
