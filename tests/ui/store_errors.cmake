# Disk full loses nothing (issue 12, point 5): the composer and the outbox
# panel over a store that refuses writes or reads.
if(TARGET zeiko_ui)
  zeiko_add_qtest(test_ui_store_errors
    SOURCES test_ui_store_errors.cpp
    LIBS zeiko_ui LABELS ui TIMEOUT 120)
endif()
