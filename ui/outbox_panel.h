#pragma once
// The outbox panel: everything not yet confirmed by the server, with Retry /
// Edit / Discard for what was refused (nothing is dropped silently).

#include "ui/outbox_model.h"

#include <QWidget>

class QPushButton;
class QTableView;

namespace zeiko::ui {

class OutboxPanel : public QWidget
{
    Q_OBJECT
public:
    OutboxPanel(OutboxModel &model, QWidget *parent = nullptr);
    QTableView *view() const { return m_view; }
    qint64 currentItemId() const;

Q_SIGNALS:
    void retryRequested(qint64 itemId);
    void editRequested(qint64 itemId);
    void discardRequested(qint64 itemId);

private:
    void updateButtons();

    OutboxModel &m_model;
    QTableView *m_view = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_discard = nullptr;
};

} // namespace zeiko::ui
