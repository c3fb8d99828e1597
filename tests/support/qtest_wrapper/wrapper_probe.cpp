// A suite whose functions pass, skip or fail on purpose, so that
// check_wrapper.sh can prove what run_qtest.sh reports for each mix.
#include <QTest>

class WrapperProbe : public QObject
{
    Q_OBJECT

private slots:
    void passes() { QVERIFY(true); }
    void skips() { QSKIP("deliberately skipped"); }
    void fails() { QFAIL("deliberately failing"); }
};

QTEST_GUILESS_MAIN(WrapperProbe)
#include "wrapper_probe.moc"
