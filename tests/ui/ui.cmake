# Suites for ui/ (label ui). They drive the real widgets offscreen; the
# triage suite talks to a real zeiko-server started with --demo.
if(TARGET zeiko_ui)
  zeiko_add_qtest(test_ui_models
    SOURCES test_ui_models.cpp
    LIBS zeiko_ui LABELS ui TIMEOUT 120)

  zeiko_add_qtest(test_ui_palette
    SOURCES test_ui_palette.cpp
    LIBS zeiko_ui LABELS ui TIMEOUT 120)

  zeiko_add_qtest(test_ui_triage
    SOURCES test_ui_triage.cpp ui_test_support.cpp ui_test_support.h
    LIBS zeiko_ui LABELS ui TIMEOUT 300)

  # Sign-in stores the token in a real (throwaway, unlocked) keyring.
  add_executable(test_ui_sign_in test_ui_sign_in.cpp ui_test_support.cpp ui_test_support.h)
  target_link_libraries(test_ui_sign_in PRIVATE Qt6::Test zeiko_test_support zeiko_ui)
  add_test(NAME test_ui_sign_in
           COMMAND ${CMAKE_SOURCE_DIR}/tests/support/with-keyring.sh ${ZEIKO_QTEST_WRAPPER} $<TARGET_FILE:test_ui_sign_in>)
  set_tests_properties(test_ui_sign_in PROPERTIES
    LABELS ui
    TIMEOUT 180
    SKIP_RETURN_CODE 77
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
endif()
