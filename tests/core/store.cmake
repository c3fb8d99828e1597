zeiko_add_qtest(test_store SOURCES test_store.cpp LIBS zeiko_core LABELS core)
