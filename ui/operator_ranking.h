#pragma once
// Who "Assign to…" means: the tenant's operators that match what was typed,
// best first, so Enter takes the person the operator had in mind.
//
// Names rank before emails. Every operator of a tenant usually shares the
// email domain ("…@demo.zeiko.test"), so the domain tells nobody apart: an
// email matches by its local part (fuzzy, like a name), or as a whole only
// when the typed text appears in it as written ("mei@", "demo.zeiko").
// Within a tier the better fuzzy score wins, then the name in alphabetical
// order, so the ranking is stable. Pure: no widgets, tested headless.

#include "domain/types.h"

#include <QList>
#include <QString>

namespace zeiko::ui {

// The operators matching `pattern`, best first. An empty pattern keeps them
// all, sorted by name.
QList<Operator> rankOperators(const QString &pattern, const QList<Operator> &operators);

} // namespace zeiko::ui
