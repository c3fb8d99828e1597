# The console's UI figures: process start -> painted interactive queue over
# 100,000 cached tickets, and `j` -> next thread painted (median, worst).
if(TARGET zeiko_ui)
  add_executable(ui_bench ui_bench.cpp)
  target_link_libraries(ui_bench PRIVATE zeiko_ui Qt6::Test)
endif()
