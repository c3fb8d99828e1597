# End-to-end suites of the console core against the real zeiko-server.
if(TARGET zeiko-server)
  zeiko_add_qtest(test_e2e_sync SOURCES test_e2e_sync.cpp e2e_support.h LIBS zeiko_core LABELS e2e TIMEOUT 300)
  zeiko_add_qtest(test_e2e_outbox SOURCES test_e2e_outbox.cpp e2e_support.h LIBS zeiko_core LABELS e2e TIMEOUT 300)
  add_dependencies(test_e2e_sync zeiko-server)
  add_dependencies(test_e2e_outbox zeiko-server)
endif()
