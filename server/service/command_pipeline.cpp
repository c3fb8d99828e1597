#include "service/command_pipeline.h"

#include "store/database.h"
#include "store/event_log.h"
#include "store/idempotency_store.h"

#include <QCryptographicHash>

namespace zeiko::service {

using namespace Qt::StringLiterals;

namespace {

// Thrown inside the write transaction to roll it back (releasing the seq it
// took) and answer with the response stored for the key.
struct StoredReplay {
    WriteResponse response;
};

} // namespace

CommandPipeline::CommandPipeline(store::Database &database, std::function<void(qint64)> onCommitted)
    : m_db(database)
    , m_onCommitted(std::move(onCommitted))
{
}

void CommandPipeline::requireKey(const QString &key)
{
    if (key.isEmpty())
        throw ServiceError(400, "bad_request", u"The Idempotency-Key header is required for commands"_s);
    if (key.size() > 200)
        throw errors::invalidField(u"Idempotency-Key"_s, u"longer than 200 characters"_s);
}

QByteArray CommandPipeline::requestHash(const QByteArray &route, const QByteArray &body)
{
    return QCryptographicHash::hash(route + '\n' + body, QCryptographicHash::Sha256).toHex();
}

WriteResponse CommandPipeline::run(const Session &session, const QString &key, const QByteArray &hash, qint64 nowMs,
                                   const Step &step)
{
    try {
        WriteResponse response = m_db.write([&](QSqlDatabase &db) {
            // FIRST: the seq row lock serialises this tenant's writers, so the
            // key lookup below cannot race another request with the same key.
            const Seq seq = store::nextSeq(db, session.tenantId);
            if (!key.isEmpty()) {
                if (const auto stored = store::findIdempotent(db, session.tenantId, key)) {
                    if (stored->requestHash != hash || stored->operatorId != session.operatorId)
                        throw ServiceError(422, "idempotency_key_reused",
                                           u"This Idempotency-Key was used for a different request"_s);
                    throw StoredReplay{{stored->status, stored->body, true}};
                }
                store::insertIdempotencyPlaceholder(db, session.tenantId, key, session.operatorId, hash, nowMs);
            }
            WriteResponse r = step(db, seq);
            if (!key.isEmpty())
                store::completeIdempotent(db, session.tenantId, key, r.status, r.body);
            store::notifyCommitted(db, m_db.isPostgres(), session.tenantId);
            return r;
        });
        if (m_onCommitted)
            m_onCommitted(session.tenantId);
        return response;
    } catch (const StoredReplay &replay) {
        return replay.response;
    }
}

} // namespace zeiko::service
