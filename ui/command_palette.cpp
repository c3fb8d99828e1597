#include "ui/command_palette.h"

#include "ui/fuzzy_match.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

namespace zeiko::ui {

namespace {
constexpr int kActionIdRole = Qt::UserRole + 1;
constexpr int kTicketNumberRole = Qt::UserRole + 2;
} // namespace

CommandPalette::CommandPalette(ActionRegistry &actions, QWidget *parent)
    : QDialog(parent)
    , m_actions(actions)
{
    setObjectName(QStringLiteral("commandPalette"));
    setWindowTitle(tr("Command palette"));
    setAccessibleName(tr("Command palette"));
    setModal(true);
    auto *layout = new QVBoxLayout(this);
    m_input = new QLineEdit(this);
    m_input->setObjectName(QStringLiteral("paletteInput"));
    m_input->setAccessibleName(tr("Command or ticket number"));
    m_input->setPlaceholderText(tr("Type a command, or a ticket number like #1042"));
    QFont font = m_input->font();
    font.setPointSizeF(font.pointSizeF() * 1.2);
    m_input->setFont(font);
    m_input->installEventFilter(this);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("paletteList"));
    m_list->setAccessibleName(tr("Matching commands"));
    m_list->setFocusPolicy(Qt::NoFocus);
    m_list->setUniformItemSizes(true);
    layout->addWidget(m_input);
    layout->addWidget(m_list);
    resize(560, 380);
    connect(m_input, &QLineEdit::textChanged, this, &CommandPalette::refill);
    connect(m_list, &QListWidget::itemActivated, this, &CommandPalette::runCurrent);
}

void CommandPalette::popup()
{
    m_input->clear();
    refill();
    if (parentWidget()) {
        const QRect area = parentWidget()->window()->geometry();
        move(area.center().x() - width() / 2, area.top() + area.height() / 6);
    }
    open();
    raise();
    activateWindow();
    m_input->setFocus(Qt::PopupFocusReason);
}

void CommandPalette::refill()
{
    m_list->clear();
    const QString text = m_input->text();
    if (const auto number = ticketNumberQuery(text)) {
        auto *item = new QListWidgetItem(tr("Open ticket #%1").arg(*number), m_list);
        item->setData(kTicketNumberRole, *number);
    }
    struct Candidate { int score; QString id; };
    QList<Candidate> candidates;
    for (const QString &id : m_actions.ids()) {
        QAction *action = m_actions.action(id);
        if (!action->isEnabled() || !action->isVisible())
            continue;
        const QString label = m_actions.group(id) + QStringLiteral(": ") + m_actions.text(id);
        const auto byText = fuzzyScore(text, m_actions.text(id));
        const auto byLabel = fuzzyScore(text, label);
        if (!byText && !byLabel)
            continue;
        candidates.append({qMax(byText.value_or(INT_MIN), byLabel.value_or(INT_MIN)), id});
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate &a, const Candidate &b) { return a.score > b.score; });
    for (const Candidate &c : std::as_const(candidates)) {
        const QString key = m_actions.key(c.id).toString(QKeySequence::NativeText);
        QString label = m_actions.group(c.id) + QStringLiteral(": ") + m_actions.text(c.id);
        if (!key.isEmpty())
            label += QStringLiteral("    ") + key;
        auto *item = new QListWidgetItem(label, m_list);
        item->setData(kActionIdRole, c.id);
    }
    m_list->setCurrentRow(m_list->count() > 0 ? 0 : -1);
}

void CommandPalette::runCurrent()
{
    QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const QString id = item->data(kActionIdRole).toString();
    const QVariant number = item->data(kTicketNumberRole);
    accept();
    if (number.isValid()) {
        Q_EMIT ticketNumberChosen(number.toLongLong());
    } else if (QAction *action = m_actions.action(id)) {
        if (action->isEnabled())
            action->trigger();
    }
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const int row = m_list->currentRow();
        switch (key->key()) {
        case Qt::Key_Down:
            m_list->setCurrentRow(qMin(row + 1, m_list->count() - 1));
            return true;
        case Qt::Key_Up:
            m_list->setCurrentRow(qMax(row - 1, 0));
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            runCurrent();
            return true;
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace zeiko::ui
