# zeiko-server: unit tests of the rules, and suites against the real binary over real sockets.
target_link_libraries(zeiko_test_support PUBLIC Qt6::Sql)   # support/postgres.cpp
if(NOT TARGET zeiko_server_lib)
  return()
endif()

zeiko_add_qtest(test_ticket_state_machine SOURCES test_ticket_state_machine.cpp LIBS zeiko_server_lib LABELS server)
zeiko_add_qtest(test_html_to_text SOURCES test_html_to_text.cpp LIBS zeiko_server_lib LABELS server)
zeiko_add_qtest(test_demo_generator SOURCES test_demo_generator.cpp LIBS zeiko_server_lib LABELS server TIMEOUT 300)
zeiko_add_qtest(test_server_api SOURCES test_server_api.cpp LIBS zeiko_domain LABELS server TIMEOUT 300)
zeiko_add_qtest(test_server_api_postgres SOURCES test_server_api.cpp LIBS zeiko_domain LABELS postgres TIMEOUT 300)
target_compile_definitions(test_server_api_postgres PRIVATE ZEIKO_TEST_ON_POSTGRES=1)
zeiko_add_qtest(test_server_stream SOURCES test_server_stream.cpp LIBS zeiko_domain Qt6::WebSockets LABELS server TIMEOUT 300)
zeiko_add_qtest(test_server_throttle SOURCES test_server_throttle.cpp LIBS zeiko_domain LABELS server TIMEOUT 180)
zeiko_add_qtest(test_server_fuzz SOURCES test_server_fuzz.cpp LIBS zeiko_domain LABELS server TIMEOUT 900)
# The same sync/concurrency suite against SQLite and against PostgreSQL
# (the latter QSKIPs unless ZEIKO_TEST_POSTGRES_URL is set).
zeiko_add_qtest(test_server_sync SOURCES test_server_sync.cpp LIBS zeiko_domain Qt6::WebSockets LABELS server TIMEOUT 300)
zeiko_add_qtest(test_server_sync_postgres SOURCES test_server_sync.cpp LIBS zeiko_domain Qt6::WebSockets LABELS postgres TIMEOUT 300)
target_compile_definitions(test_server_sync_postgres PRIVATE ZEIKO_TEST_ON_POSTGRES=1)
