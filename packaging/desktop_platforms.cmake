# Windows and macOS: turn zeiko-console into a GUI app with its icon and let
# Qt's deploy tool (windeployqt / macdeployqt) copy Qt's libraries, plugins
# and translations next to it at install time, so `cpack` packs a
# self-contained app. Written for, but NOT built or run on, this Linux CI:
# see README.md for what is checked where.
set_target_properties(zeiko-console PROPERTIES
  WIN32_EXECUTABLE ON
  MACOSX_BUNDLE ON
  MACOSX_BUNDLE_INFO_PLIST ${CMAKE_CURRENT_SOURCE_DIR}/macos/Info.plist.in
  MACOSX_BUNDLE_GUI_IDENTIFIER ${ZEIKO_APP_ID}
  MACOSX_BUNDLE_BUNDLE_NAME "Zeiko Handoff Console"
  MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
  MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION}
  MACOSX_BUNDLE_ICON_FILE zeiko-console.icns
  MACOSX_BUNDLE_COPYRIGHT "Zeiko")

if(APPLE)
  # The .icns is made on macOS from the committed PNGs (iconutil is macOS-only).
  set(zeiko_iconset ${CMAKE_CURRENT_BINARY_DIR}/zeiko-console.iconset)
  set(zeiko_icns ${CMAKE_CURRENT_BINARY_DIR}/zeiko-console.icns)
  add_custom_command(OUTPUT ${zeiko_icns}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${zeiko_iconset}
    COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_CURRENT_SOURCE_DIR}/icons/zeiko-console-16.png ${zeiko_iconset}/icon_16x16.png
    COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_CURRENT_SOURCE_DIR}/icons/zeiko-console-32.png ${zeiko_iconset}/icon_16x16@2x.png
    COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_CURRENT_SOURCE_DIR}/icons/zeiko-console-32.png ${zeiko_iconset}/icon_32x32.png
    COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_CURRENT_SOURCE_DIR}/icons/zeiko-console-64.png ${zeiko_iconset}/icon_32x32@2x.png
    COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_CURRENT_SOURCE_DIR}/icons/zeiko-console-128.png ${zeiko_iconset}/icon_128x128.png
    COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_CURRENT_SOURCE_DIR}/icons/zeiko-console-256.png ${zeiko_iconset}/icon_128x128@2x.png
    COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_CURRENT_SOURCE_DIR}/icons/zeiko-console-256.png ${zeiko_iconset}/icon_256x256.png
    COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_CURRENT_SOURCE_DIR}/icons/zeiko-console-512.png ${zeiko_iconset}/icon_256x256@2x.png
    COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_CURRENT_SOURCE_DIR}/icons/zeiko-console-512.png ${zeiko_iconset}/icon_512x512.png
    COMMAND iconutil -c icns -o ${zeiko_icns} ${zeiko_iconset}
    DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/icons/zeiko-console-512.png
    VERBATIM)
  target_sources(zeiko-console PRIVATE ${zeiko_icns})
  set_source_files_properties(${zeiko_icns} PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
  set(CPACK_DMG_VOLUME_NAME "Zeiko Handoff Console")
  set(CPACK_DMG_FORMAT UDZO)
elseif(WIN32)
  # Embeds the .ico (Explorer, taskbar) and the version resource.
  configure_file(${CMAKE_CURRENT_SOURCE_DIR}/windows/zeiko-console.rc.in ${CMAKE_CURRENT_BINARY_DIR}/zeiko-console.rc @ONLY)
  target_sources(zeiko-console PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/zeiko-console.rc)
  set(CPACK_NSIS_DISPLAY_NAME "Zeiko Handoff Console")
  set(CPACK_NSIS_PACKAGE_NAME "Zeiko Handoff Console")
  set(CPACK_NSIS_MUI_ICON ${CMAKE_CURRENT_SOURCE_DIR}/icons/zeiko-console.ico)
  set(CPACK_NSIS_INSTALLED_ICON_NAME bin\\\\zeiko-console.exe)
  set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
  set(CPACK_NSIS_EXECUTABLES_DIRECTORY bin)
  set(CPACK_NSIS_MENU_LINKS "bin/zeiko-console.exe" "Zeiko Handoff Console")
  # WiX alternative: cpack -G WIX (needs a stable upgrade GUID).
  set(CPACK_WIX_UPGRADE_GUID "6E0F3B8C-2B1D-4C59-9A8E-5D1C7A2F4B10")
  set(CPACK_WIX_PRODUCT_ICON ${CMAKE_CURRENT_SOURCE_DIR}/icons/zeiko-console.ico)
endif()

# windeployqt / macdeployqt at install time (Qt >= 6.3). Also copies the
# SQLite driver, platform/style/imageformat plugins and Qt's .qm files.
qt_generate_deploy_app_script(TARGET zeiko-console
  FILENAME_VARIABLE zeiko_deploy_script
  NO_UNSUPPORTED_PLATFORM_ERROR)
install(SCRIPT ${zeiko_deploy_script} COMPONENT console)
