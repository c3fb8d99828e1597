# Commands that name their targets (issue 12, point 9): POST /api/v1/commands
# and tenant-level events, over real sockets on SQLite and once more on
# PostgreSQL (QSKIP unless ZEIKO_TEST_POSTGRES_URL is set).
if(NOT TARGET zeiko_server_lib)
  return()
endif()
zeiko_add_qtest(test_server_commands SOURCES test_server_commands.cpp LIBS zeiko_domain Qt6::WebSockets LABELS server TIMEOUT 300)
zeiko_add_qtest(test_server_commands_postgres SOURCES test_server_commands.cpp LIBS zeiko_domain Qt6::WebSockets LABELS postgres TIMEOUT 300)
target_compile_definitions(test_server_commands_postgres PRIVATE ZEIKO_TEST_ON_POSTGRES=1)
