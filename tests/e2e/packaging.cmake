# Packaging checks, LABEL packaging (owned with packaging/ and translations/).
# None builds anything of its own; all but the install test are seconds.
#   ctest -L packaging
# The install test needs the packages: tools/package.sh first, else it is
# skipped. ZEIKO_INSTALL_MODE=system (root, throwaway machine) installs them
# with apt for real; the default unpacks them into a temporary root.
set(ZEIKO_PACKAGE_DIR ${CMAKE_SOURCE_DIR}/build/pkg CACHE PATH "Where tools/package.sh left the .deb files")
set(zeiko_packaging_tests ${CMAKE_SOURCE_DIR}/tests/packaging)
find_package(Python3 COMPONENTS Interpreter)

if(DEFINED ZEIKO_TS_FILES AND ZEIKO_LUPDATE_EXECUTABLE AND Python3_Interpreter_FOUND)
  add_test(NAME packaging_translations_complete
    COMMAND ${Python3_EXECUTABLE} ${zeiko_packaging_tests}/check_translations.py
      --lupdate ${ZEIKO_LUPDATE_EXECUTABLE} --source-dir ${CMAKE_SOURCE_DIR}
      --ts ${ZEIKO_TS_FILES} --include ${CMAKE_SOURCE_DIR} ${CMAKE_SOURCE_DIR}/core)
  set_tests_properties(packaging_translations_complete PROPERTIES LABELS packaging TIMEOUT 120)
endif()

if(EXISTS ${CMAKE_SOURCE_DIR}/packaging/CMakeLists.txt)
  add_test(NAME packaging_desktop_metadata
    COMMAND ${zeiko_packaging_tests}/check_desktop_metadata.sh
      ${CMAKE_SOURCE_DIR}/packaging/linux/com.zeiko.HandoffConsole.desktop
      ${CMAKE_BINARY_DIR}/packaging/com.zeiko.HandoffConsole.metainfo.xml
      ${CMAKE_SOURCE_DIR}/packaging/icons)
  set_tests_properties(packaging_desktop_metadata PROPERTIES LABELS packaging TIMEOUT 60)

  if(TARGET zeiko-server)
    add_test(NAME packaging_server_settings
      COMMAND ${zeiko_packaging_tests}/check_server_settings.sh $<TARGET_FILE:zeiko-server>
        ${CMAKE_SOURCE_DIR}/packaging/systemd/zeiko-server.env
        ${CMAKE_SOURCE_DIR}/packaging/systemd/zeiko-server.service.in)
    set_tests_properties(packaging_server_settings PROPERTIES LABELS packaging TIMEOUT 60)
  endif()

  add_test(NAME packaging_install_deb
    COMMAND ${zeiko_packaging_tests}/install_deb_test.sh ${ZEIKO_PACKAGE_DIR} ${PROJECT_VERSION})
  set_tests_properties(packaging_install_deb PROPERTIES
    LABELS packaging TIMEOUT 300 SKIP_RETURN_CODE 77 RUN_SERIAL ON)
endif()
