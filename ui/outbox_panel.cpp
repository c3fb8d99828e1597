#include "ui/outbox_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace zeiko::ui {

OutboxPanel::OutboxPanel(OutboxModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("outboxPanel"));
    setAccessibleName(tr("Outbox"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_loadError = new QLabel(this);
    m_loadError->setObjectName(QStringLiteral("outboxLoadError"));
    m_loadError->setWordWrap(true);
    m_loadError->setTextFormat(Qt::PlainText);
    m_loadError->setForegroundRole(QPalette::BrightText);
    m_loadError->setBackgroundRole(QPalette::Highlight);
    m_loadError->setAutoFillBackground(true);
    m_loadError->setMargin(4);
    layout->addWidget(m_loadError);
    const auto showLoadError = [this](const QString &error) {
        m_loadError->setText(error);
        m_loadError->setAccessibleName(error);
        m_loadError->setVisible(!error.isEmpty());
    };
    showLoadError(m_model.loadError());
    connect(&m_model, &OutboxModel::loadErrorChanged, this, showLoadError);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("outboxView"));
    m_view->setAccessibleName(tr("Queued and failed actions"));
    m_view->setModel(&m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_view);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("outboxTargetHint"));
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    auto *buttons = new QHBoxLayout;
    m_retry = new QPushButton(tr("Retry"), this);
    m_retry->setObjectName(QStringLiteral("outboxRetry"));
    m_edit = new QPushButton(tr("Edit…"), this);
    m_edit->setObjectName(QStringLiteral("outboxEdit"));
    m_discard = new QPushButton(tr("Discard"), this);
    m_discard->setObjectName(QStringLiteral("outboxDiscard"));
    m_discardSelf = new QPushButton(tr("Discard this one"), this);
    m_discardSelf->setObjectName(QStringLiteral("outboxDiscardSelf"));
    m_discardSelf->setAccessibleName(tr("Discard the selected waiting action"));
    buttons->addWidget(m_discardSelf);
    buttons->addStretch(1);
    buttons->addWidget(m_retry);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_discard);
    layout->addLayout(buttons);
    connect(m_retry, &QPushButton::clicked, this, [this] { Q_EMIT retryRequested(actionTargetId()); });
    connect(m_edit, &QPushButton::clicked, this, [this] { Q_EMIT editRequested(actionTargetId()); });
    connect(m_discard, &QPushButton::clicked, this, [this] { Q_EMIT discardRequested(actionTargetId()); });
    connect(m_discardSelf, &QPushButton::clicked, this, [this] { Q_EMIT discardRequested(currentItemId()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &OutboxPanel::updateButtons);
    connect(&m_model, &QAbstractItemModel::modelReset, this, &OutboxPanel::updateButtons);
    updateButtons();
}

qint64 OutboxPanel::currentItemId() const
{
    const QModelIndex index = m_view->currentIndex();
    return index.isValid() ? index.data(OutboxModel::ItemIdRole).toLongLong() : 0;
}

static bool waitsBehindRefused(const QModelIndex &index)
{
    return index.isValid() && Waiting(index.data(OutboxModel::WaitingRole).toInt()) == Waiting::BehindRefused;
}

qint64 OutboxPanel::actionTargetId() const
{
    const QModelIndex index = m_view->currentIndex();
    if (waitsBehindRefused(index))
        return index.data(OutboxModel::BlockerIdRole).toLongLong();
    return currentItemId();
}

void OutboxPanel::selectItem(qint64 itemId)
{
    const int row = m_model.rowOfItem(itemId);
    if (row >= 0)
        m_view->setCurrentIndex(m_model.index(row, 0));
}

void OutboxPanel::updateButtons()
{
    const QModelIndex index = m_view->currentIndex();
    const bool blocked = waitsBehindRefused(index);
    // The state and text of what the buttons act on: the row, or its blocker.
    const auto state = [&] {
        return OutboxState((blocked ? index.data(OutboxModel::BlockerStateRole) : index.data(OutboxModel::StateRole)).toInt());
    };
    const bool failed = index.isValid() && state() == OutboxState::Failed;
    const bool queued = index.isValid() && state() == OutboxState::Queued;
    const bool text = index.isValid() && index.data(blocked ? OutboxModel::BlockerIsTextRole : OutboxModel::IsTextRole).toBool();
    m_retry->setEnabled(failed);
    m_edit->setEnabled(failed && text);
    m_discard->setEnabled(failed || queued);
    m_discardSelf->setVisible(blocked);
    m_discardSelf->setEnabled(blocked);
    if (blocked) {
        const QString blocker = index.data(OutboxModel::BlockerLabelRole).toString();
        m_hint->setText(tr("This action waits behind the refused “%1”. Retry, Edit and Discard act on “%1”; "
                           "“Discard this one” drops only the waiting action.").arg(blocker));
        m_retry->setText(tr("Retry “%1”").arg(blocker));
        m_discard->setText(tr("Discard “%1”").arg(blocker));
    } else {
        m_hint->clear();
        m_retry->setText(tr("Retry"));
        m_discard->setText(tr("Discard"));
    }
    m_hint->setVisible(blocked);
}

} // namespace zeiko::ui
