# The server kill soak (issue 10): SIGKILLs under eight writers, then every
# acknowledged command once in a gapless log and a gapless resumed stream.
# CI runs 5 kills per backend; tools/soak.sh runs it at length (ZEIKO_SOAK_KILLS).
if(NOT TARGET zeiko-server)
  return()
endif()
zeiko_add_qtest(test_server_kill_soak SOURCES test_server_kill_soak.cpp LIBS zeiko_domain Qt6::WebSockets LABELS server TIMEOUT 300)
zeiko_add_qtest(test_server_kill_soak_postgres SOURCES test_server_kill_soak.cpp LIBS zeiko_domain Qt6::WebSockets LABELS postgres TIMEOUT 300)
target_compile_definitions(test_server_kill_soak_postgres PRIVATE ZEIKO_TEST_ON_POSTGRES=1)
add_dependencies(test_server_kill_soak zeiko-server)
add_dependencies(test_server_kill_soak_postgres zeiko-server)
