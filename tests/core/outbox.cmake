zeiko_add_qtest(test_outbox SOURCES test_outbox.cpp scripted_http_server.h LIBS zeiko_core LABELS core)
