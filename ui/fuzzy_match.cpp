#include "ui/fuzzy_match.h"

namespace zeiko::ui {

std::optional<int> fuzzyScore(const QString &pattern, const QString &text)
{
    const QString p = pattern.simplified().toCaseFolded();
    if (p.isEmpty())
        return 0;
    const QString t = text.toCaseFolded();
    int score = 0;
    int ti = 0;
    int previousMatch = -2;
    for (const QChar c : p) {
        if (c.isSpace())
            continue;
        bool found = false;
        for (; ti < t.size(); ++ti) {
            if (t.at(ti) != c)
                continue;
            const bool wordStart = ti == 0 || !t.at(ti - 1).isLetterOrNumber();
            score += 1;
            if (wordStart)
                score += 8;
            if (ti == previousMatch + 1)
                score += 5;
            previousMatch = ti;
            ++ti;
            found = true;
            break;
        }
        if (!found)
            return std::nullopt;
    }
    // Prefer shorter texts among equal matches.
    return score * 100 - int(t.size());
}

std::optional<qint64> ticketNumberQuery(const QString &text)
{
    QString t = text.trimmed();
    if (t.startsWith(u'#'))
        t.remove(0, 1);
    if (t.isEmpty() || t.size() > 15)
        return std::nullopt;
    for (const QChar c : t) {
        if (!c.isDigit())
            return std::nullopt;
    }
    bool ok = false;
    const qint64 n = t.toLongLong(&ok);
    return ok && n > 0 ? std::optional<qint64>(n) : std::nullopt;
}

} // namespace zeiko::ui
