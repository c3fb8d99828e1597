#pragma once
// The outbox panel: everything not yet confirmed by the server, with Retry /
// Edit / Discard for what was refused (nothing is dropped silently). On a
// command that waits behind a refused one, those buttons act on the refused
// one (a line says so), and "Discard this one" drops the waiting command
// itself — the operator never has to hunt for the blocker.

#include "ui/outbox_model.h"

#include <QWidget>

class QLabel;
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
    // What Retry / Edit / Discard act on: the selected item, or the refused
    // command it waits behind.
    qint64 actionTargetId() const;
    void selectItem(qint64 itemId);
    QLabel *targetHint() const { return m_hint; }

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
    QPushButton *m_discardSelf = nullptr;
    QLabel *m_hint = nullptr;
    QLabel *m_loadError = nullptr;
};

} // namespace zeiko::ui
