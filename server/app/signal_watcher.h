#pragma once
// Turns SIGTERM / SIGINT into a Qt signal on the main thread (self-pipe +
// QSocketNotifier: the only async-signal-safe work is one write()).

#include <QObject>
#include <QSocketNotifier>

#include <memory>

namespace zeiko::app {

class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested(int signal);

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace zeiko::app
