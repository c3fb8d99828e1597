# The one constant-time comparison (webhook signatures, password checks).
zeiko_add_qtest(test_constant_time SOURCES test_constant_time.cpp LIBS zeiko_server_lib LABELS server TIMEOUT 60)
