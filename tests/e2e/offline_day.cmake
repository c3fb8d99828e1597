# The "day on a flight" scenario: offline reading, replies and closes, landing.
if(TARGET zeiko-server)
  zeiko_add_qtest(test_e2e_offline_day SOURCES test_e2e_offline_day.cpp e2e_support.h LIBS zeiko_core LABELS e2e TIMEOUT 300)
  add_dependencies(test_e2e_offline_day zeiko-server)
endif()
