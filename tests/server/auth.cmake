# Sign-in: password hashing (Argon2id, legacy PBKDF2 upgraded on sign-in).
if(NOT TARGET zeiko_server_lib)
  return()
endif()
zeiko_add_qtest(test_password_hasher SOURCES test_password_hasher.cpp LIBS zeiko_server_lib LABELS server TIMEOUT 60)
zeiko_add_qtest(test_server_passwords SOURCES test_server_passwords.cpp LIBS zeiko_domain Qt6::Sql LABELS server TIMEOUT 180)
