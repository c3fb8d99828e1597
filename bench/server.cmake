# zeiko-server figures: snapshot of 100,000 tickets and events/s with 8 writers.
if(TARGET zeiko-server)
  add_executable(server_bench server_bench.cpp)
  target_link_libraries(server_bench PRIVATE Qt6::Core Qt6::Network Qt6::Sql)
  target_compile_definitions(server_bench PRIVATE ZEIKO_SERVER_BINARY="$<TARGET_FILE:zeiko-server>")
  add_dependencies(server_bench zeiko-server)
endif()

# htmlToText on 5 MB of adversarial HTML (in-process, no server).
if(TARGET zeiko_server_lib)
  add_executable(html_strip_bench html_strip_bench.cpp)
  target_link_libraries(html_strip_bench PRIVATE zeiko_server_lib)
endif()
