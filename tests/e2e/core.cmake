# End-to-end suites of the console core against the real zeiko-server.
if(TARGET zeiko-server)
  zeiko_add_qtest(test_e2e_sync SOURCES test_e2e_sync.cpp e2e_support.h LIBS zeiko_core LABELS e2e TIMEOUT 300)
  zeiko_add_qtest(test_e2e_outbox SOURCES test_e2e_outbox.cpp e2e_support.h LIBS zeiko_core LABELS e2e TIMEOUT 300)
  add_dependencies(test_e2e_sync zeiko-server)
  add_dependencies(test_e2e_outbox zeiko-server)
endif()

# The SIGKILL-during-flush suite runs this helper as the process it kills.
if(TARGET zeiko-server)
  add_executable(outbox_flush_helper outbox_flush_helper.cpp)
  target_link_libraries(outbox_flush_helper PRIVATE zeiko_core)
  zeiko_add_qtest(test_e2e_crash SOURCES test_e2e_crash.cpp e2e_support.h LIBS zeiko_core LABELS e2e TIMEOUT 300)
  add_dependencies(test_e2e_crash zeiko-server outbox_flush_helper)
endif()
