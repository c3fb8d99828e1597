# Offline and reconnect (issue 11, items 8 and 10): the console against a real
# zeiko-server behind the tests' fault proxy, by keyboard, offscreen.
if(TARGET zeiko_ui)
  zeiko_add_qtest(test_ui_offline
    SOURCES test_ui_offline.cpp ui_test_support.cpp ui_test_support.h
    LIBS zeiko_ui LABELS ui TIMEOUT 300)
endif()
