#include "ui/operator_ranking.h"

#include "ui/fuzzy_match.h"

#include <algorithm>
#include <optional>

namespace zeiko::ui {

namespace {

enum class Tier { Name, EmailLocalPart, WholeEmail };

struct Ranked {
    Operator op;
    Tier tier;
    int score;
};

std::optional<Ranked> rank(const QString &pattern, const Operator &op)
{
    if (const auto byName = fuzzyScore(pattern, op.displayName))
        return Ranked{op, Tier::Name, *byName};
    const QString localPart = op.email.section(u'@', 0, 0);
    if (const auto byLocalPart = fuzzyScore(pattern, localPart))
        return Ranked{op, Tier::EmailLocalPart, *byLocalPart};
    if (op.email.contains(pattern.trimmed(), Qt::CaseInsensitive))
        return Ranked{op, Tier::WholeEmail, 0};
    return std::nullopt;
}

} // namespace

QList<Operator> rankOperators(const QString &pattern, const QList<Operator> &operators)
{
    QList<Ranked> matches;
    for (const Operator &op : operators) {
        if (const auto ranked = rank(pattern, op))
            matches.append(*ranked);
    }
    std::stable_sort(matches.begin(), matches.end(), [](const Ranked &a, const Ranked &b) {
        if (a.tier != b.tier)
            return a.tier < b.tier;
        if (a.score != b.score)
            return a.score > b.score;
        return QString::localeAwareCompare(a.op.displayName, b.op.displayName) < 0;
    });
    QList<Operator> ranked;
    ranked.reserve(matches.size());
    for (const Ranked &match : std::as_const(matches))
        ranked.append(match.op);
    return ranked;
}

} // namespace zeiko::ui
