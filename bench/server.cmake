# zeiko-server figures: snapshot of 100,000 tickets and events/s with 8 writers.
if(TARGET zeiko-server)
  add_executable(server_bench server_bench.cpp)
  target_link_libraries(server_bench PRIVATE Qt6::Core Qt6::Network Qt6::Sql)
  target_compile_definitions(server_bench PRIVATE ZEIKO_SERVER_BINARY="$<TARGET_FILE:zeiko-server>")
  add_dependencies(server_bench zeiko-server)
endif()
