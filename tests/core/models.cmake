zeiko_add_qtest(test_queue_model SOURCES test_queue_model.cpp LIBS zeiko_core LABELS core)
zeiko_add_qtest(test_thread_model SOURCES test_thread_model.cpp LIBS zeiko_core LABELS core)
