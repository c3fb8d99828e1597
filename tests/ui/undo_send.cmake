# The undo window against a real zeiko-server (issue 11, items 1 and 3):
# a reply held in the outbox, a close issued inside its window, Undo, and a
# refused reply that is said where the operator looks.
if(TARGET zeiko_ui)
  zeiko_add_qtest(test_ui_undo_send
    SOURCES test_ui_undo_send.cpp ui_test_support.cpp ui_test_support.h
    LIBS zeiko_ui LABELS ui TIMEOUT 300)
endif()
