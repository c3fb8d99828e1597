#pragma once
// A system line of the thread (audit, handoff, email and Shopify events) in
// the operator's words. The server writes these lines in English with wire
// values ("changed the priority from normal to high", "**agent** requested
// a human", "(in_transit)"); the sentences it writes are known, so they are
// read back here into translated words with translated status and priority
// names. Anything else keeps its text, with bold shown as bold (never raw
// asterisks) and wire words (snake_case) spelled as words.

#include "domain/enums.h"

#include <QCoreApplication>
#include <QString>

namespace zeiko::ui {

class SystemLine
{
    Q_DECLARE_TR_FUNCTIONS(SystemLine)
public:
    // The line as rich text (escaped, at most `maxChars` of the source text).
    static QString html(const QString &body, int maxChars = 300);
    // An entry's event status ("requested", "delivered", "in_transit") in words; "" for none.
    static QString eventStatus(const QString &status);

private:
    static QString sentenceHtml(const QString &sentence);
};

} // namespace zeiko::ui
