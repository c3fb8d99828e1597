zeiko_add_qtest(test_sync_engine SOURCES test_sync_engine.cpp scripted_http_server.h LIBS zeiko_core LABELS core)
