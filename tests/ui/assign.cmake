# "Assign to…" (issue 11, item 2): the operator ranking on its own, and
# Shift+A by keyboard against a real zeiko-server started with --demo.
if(TARGET zeiko_ui)
  zeiko_add_qtest(test_ui_assign
    SOURCES test_ui_assign.cpp ui_test_support.cpp ui_test_support.h
    LIBS zeiko_ui LABELS ui TIMEOUT 300)
endif()
