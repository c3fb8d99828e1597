# Console-core benchmark: store, queue model, event apply, FTS, memory.
if(TARGET zeiko_core)
  find_package(SQLite3 REQUIRED)
  add_executable(core_bench core_bench.cpp)
  target_link_libraries(core_bench PRIVATE zeiko_core SQLite::SQLite3)
endif()
