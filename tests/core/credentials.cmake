# Suites for core/credentials. Both use real QtKeychain/libsecret; neither touches the
# developer's keyring.
if(TARGET zeiko_core)
  # Real keyring: private session bus + throwaway unlocked gnome-keyring.
  add_executable(test_credential_store test_credential_store.cpp)
  target_link_libraries(test_credential_store PRIVATE Qt6::Test zeiko_test_support zeiko_core)
  add_test(NAME test_credential_store
           COMMAND ${CMAKE_SOURCE_DIR}/tests/support/with-keyring.sh ${ZEIKO_QTEST_WRAPPER} $<TARGET_FILE:test_credential_store>)
  set_tests_properties(test_credential_store PROPERTIES
    LABELS core
    TIMEOUT 120
    SKIP_RETURN_CODE 77
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen")

  # No session bus at all: the test's own main() points D-Bus at a dead socket and
  # HOME at a temporary directory.
  zeiko_add_qtest(test_credential_store_no_keychain
    SOURCES test_credential_store_no_keychain.cpp LIBS zeiko_core LABELS core TIMEOUT 120)

  # A session bus and a keyring daemon, but the keyring stays locked (no prompter).
  add_executable(test_credential_store_locked_keyring test_credential_store_no_keychain.cpp)
  target_compile_definitions(test_credential_store_locked_keyring PRIVATE ZEIKO_LOCKED_KEYRING)
  target_link_libraries(test_credential_store_locked_keyring PRIVATE Qt6::Test zeiko_test_support zeiko_core)
  add_test(NAME test_credential_store_locked_keyring
           COMMAND ${CMAKE_SOURCE_DIR}/tests/support/with-keyring.sh --locked
                   ${ZEIKO_QTEST_WRAPPER} $<TARGET_FILE:test_credential_store_locked_keyring>)
  set_tests_properties(test_credential_store_locked_keyring PROPERTIES
    LABELS core
    TIMEOUT 120
    SKIP_RETURN_CODE 77
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
endif()
