# The operator-day rough edges (issue 11, items 11–27) against a real
# zeiko-server, by keyboard, on a 1366×768 offscreen screen (the suite's own
# main() configures it).
if(TARGET zeiko_ui)
  zeiko_add_qtest(test_ui_operator_day
    SOURCES test_ui_operator_day.cpp ui_test_support.cpp ui_test_support.h
    LIBS zeiko_ui LABELS ui TIMEOUT 300)
endif()
