#pragma once
// Command-palette matching: every character of the pattern must appear in
// order (case-insensitive); matches at word starts and runs of consecutive
// characters score higher, so "fc" finds "Force close" before "Refresh cache".

#include <QString>

#include <optional>

namespace zeiko::ui {

// nullopt: no match. Higher is better. An empty pattern matches with 0.
std::optional<int> fuzzyScore(const QString &pattern, const QString &text);

// "#1042", "1042", " #1042 " -> 1042; nullopt for anything else.
std::optional<qint64> ticketNumberQuery(const QString &text);

} // namespace zeiko::ui
