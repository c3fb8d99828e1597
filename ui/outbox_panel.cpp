#include "ui/outbox_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
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
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("outboxView"));
    m_view->setAccessibleName(tr("Queued and failed actions"));
    m_view->setModel(&m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_view);
    auto *buttons = new QHBoxLayout;
    m_retry = new QPushButton(tr("Retry"), this);
    m_retry->setObjectName(QStringLiteral("outboxRetry"));
    m_edit = new QPushButton(tr("Edit…"), this);
    m_edit->setObjectName(QStringLiteral("outboxEdit"));
    m_discard = new QPushButton(tr("Discard"), this);
    m_discard->setObjectName(QStringLiteral("outboxDiscard"));
    buttons->addStretch(1);
    buttons->addWidget(m_retry);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_discard);
    layout->addLayout(buttons);
    connect(m_retry, &QPushButton::clicked, this, [this] { Q_EMIT retryRequested(currentItemId()); });
    connect(m_edit, &QPushButton::clicked, this, [this] { Q_EMIT editRequested(currentItemId()); });
    connect(m_discard, &QPushButton::clicked, this, [this] { Q_EMIT discardRequested(currentItemId()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &OutboxPanel::updateButtons);
    connect(&m_model, &QAbstractItemModel::modelReset, this, &OutboxPanel::updateButtons);
    updateButtons();
}

qint64 OutboxPanel::currentItemId() const
{
    const QModelIndex index = m_view->currentIndex();
    return index.isValid() ? index.data(OutboxModel::ItemIdRole).toLongLong() : 0;
}

void OutboxPanel::updateButtons()
{
    const QModelIndex index = m_view->currentIndex();
    const bool failed = index.isValid() && OutboxState(index.data(OutboxModel::StateRole).toInt()) == OutboxState::Failed;
    const bool queued = index.isValid() && OutboxState(index.data(OutboxModel::StateRole).toInt()) == OutboxState::Queued;
    m_retry->setEnabled(failed);
    m_edit->setEnabled(failed && index.data(OutboxModel::IsTextRole).toBool());
    m_discard->setEnabled(failed || queued);
}

} // namespace zeiko::ui
