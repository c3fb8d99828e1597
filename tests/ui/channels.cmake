# How a reply reaches the customer and who owns a ticket (issue 11, items 4,
# 7 and 25), by keyboard against a real zeiko-server.
if(TARGET zeiko_ui)
  zeiko_add_qtest(test_ui_channels
    SOURCES test_ui_channels.cpp ui_test_support.cpp ui_test_support.h
    LIBS zeiko_ui LABELS ui TIMEOUT 300)
endif()
