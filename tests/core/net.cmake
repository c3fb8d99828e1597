zeiko_add_qtest(test_api_client SOURCES test_api_client.cpp scripted_http_server.h LIBS zeiko_core LABELS core)
zeiko_add_qtest(test_event_stream SOURCES test_event_stream.cpp LIBS zeiko_core LABELS core)
