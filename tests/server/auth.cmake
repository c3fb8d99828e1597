# Sign-in: password hashing (Argon2id, legacy PBKDF2 upgraded on sign-in).
if(NOT TARGET zeiko_server_lib)
  return()
endif()
zeiko_add_qtest(test_password_hasher SOURCES test_password_hasher.cpp LIBS zeiko_server_lib LABELS server TIMEOUT 60)
zeiko_add_qtest(test_server_passwords SOURCES test_server_passwords.cpp LIBS zeiko_domain Qt6::Sql LABELS server TIMEOUT 180)
# Sign-in off the request handlers: the hashing pool and its delay queue.
zeiko_add_qtest(test_hashing_pool SOURCES test_hashing_pool.cpp LIBS zeiko_server_lib LABELS server TIMEOUT 60)
zeiko_add_qtest(test_server_sign_in_pool SOURCES test_server_sign_in_pool.cpp LIBS zeiko_domain LABELS server TIMEOUT 180)
# Per-address limits behind trusted proxies.
zeiko_add_qtest(test_client_address SOURCES test_client_address.cpp LIBS zeiko_http LABELS server TIMEOUT 60)
# The throttle suite on PostgreSQL too (QSKIPs unless ZEIKO_TEST_POSTGRES_URL is set).
zeiko_add_qtest(test_server_throttle_postgres SOURCES test_server_throttle.cpp LIBS zeiko_domain Qt6::Sql LABELS postgres TIMEOUT 180)
target_compile_definitions(test_server_throttle_postgres PRIVATE ZEIKO_TEST_ON_POSTGRES=1)
