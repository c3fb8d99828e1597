#pragma once
#include <QString>

namespace zeiko {

// Turns what an operator types into a safe FTS5 query: every word quoted
// (so FTS syntax like AND, NEAR, "-" or a stray quote cannot break or widen
// the query) and prefix-matched, all words required. Empty when no words.
QString ftsQueryFor(const QString &text);

} // namespace zeiko
