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
        const std::optional<QString> subject = m_lookup ? m_lookup(*number) : std::optional<QString>(QString());
        if (subject) {
            const QString label = subject->isEmpty() ? tr("Open ticket #%1").arg(*number)
                                                     : tr("Open ticket #%1 — %2").arg(*number).arg(*subject);
            auto *item = new QListWidgetItem(label, m_list);
            item->setData(kTicketNumberRole, *number);
        } else {
            // Said here, where the operator is typing: not a status bar line after the palette closed.
            auto *item = new QListWidgetItem(tr("No ticket #%1 in this console's copy of the tickets").arg(*number), m_list);
            item->setFlags(Qt::NoItemFlags);
            item->setData(Qt::AccessibleDescriptionRole, tr("There is nothing to open."));
        }
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
    m_list->setCurrentRow(-1);
    moveCurrent(1);
}

void CommandPalette::moveCurrent(int step)
{
    for (int row = m_list->currentRow() + step; row >= 0 && row < m_list->count(); row += step) {
        if (m_list->item(row)->flags() & Qt::ItemIsEnabled) {
            m_list->setCurrentRow(row);
            return;
        }
    }
}

void CommandPalette::runCurrent()
{
    QListWidgetItem *item = m_list->currentItem();
    if (!item || !(item->flags() & Qt::ItemIsEnabled))
        return;   // nothing runs: the list says why
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
        switch (key->key()) {
        case Qt::Key_Down:
            moveCurrent(1);
            return true;
        case Qt::Key_Up:
            moveCurrent(-1);
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
