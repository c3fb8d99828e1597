#include "domain/enums.h"

#include <QTest>

using namespace zeiko;
using namespace Qt::StringLiterals;

class TestEnums : public QObject
{
    Q_OBJECT

    template<typename E> void checkRoundTrip()
    {
        QSet<QString> seen;
        for (E value : allValues<E>()) {
            const QString name = toString(value);
            QVERIFY2(!name.isEmpty(), "every value has a spelling");
            QVERIFY2(!seen.contains(name), qPrintable(name));
            seen.insert(name);
            QCOMPARE(enumFromString<E>(name), std::optional<E>(value));
        }
        QCOMPARE(enumFromString<E>(u"no_such_value"), std::nullopt);
        QCOMPARE(enumFromString<E>(u""), std::nullopt);
    }

private Q_SLOTS:
    void everyEnumRoundTrips()
    {
        checkRoundTrip<TicketStatus>();
        checkRoundTrip<Priority>();
        checkRoundTrip<Source>();
        checkRoundTrip<OwnerMode>();
        checkRoundTrip<SlaState>();
        checkRoundTrip<EntryKind>();
        checkRoundTrip<Visibility>();
        checkRoundTrip<ActorKind>();
        checkRoundTrip<HandoffState>();
        checkRoundTrip<CommandType>();
        checkRoundTrip<EventType>();
        checkRoundTrip<OperatorRole>();
    }

    void wireSpellingsAreTheDocumentedOnes()
    {
        QCOMPARE(toString(TicketStatus::WaitingOnCustomer), u"waiting_on_customer"_s);
        QCOMPARE(toString(SlaState::AtRisk), u"at_risk"_s);
        QCOMPARE(toString(CommandType::ForceClose), u"force_close"_s);
        QCOMPARE(allValues<TicketStatus>().size(), 5);
        QCOMPARE(allValues<Priority>().size(), 4);
    }

    void spellingIsCaseSensitive()
    {
        QCOMPARE(enumFromString<Priority>(u"URGENT"), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestEnums)
#include "test_enums.moc"
