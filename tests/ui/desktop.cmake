# Desktop integration (label ui): one instance per profile, the tray icon and
# its counts, attention notifications, crash-safe state files.
if(TARGET zeiko_ui)
  # A real second process for the single-instance hand-over.
  add_executable(single_instance_peer single_instance_peer.cpp)
  target_link_libraries(single_instance_peer PRIVATE zeiko_ui)

  zeiko_add_qtest(test_ui_single_instance
    SOURCES test_ui_single_instance.cpp
    LIBS zeiko_ui LABELS ui TIMEOUT 180)
  add_dependencies(test_ui_single_instance single_instance_peer)
  target_compile_definitions(test_ui_single_instance PRIVATE
    ZEIKO_SINGLE_INSTANCE_PEER="$<TARGET_FILE:single_instance_peer>")
  if(TARGET zeiko-console)
    add_dependencies(test_ui_single_instance zeiko-console)
    target_compile_definitions(test_ui_single_instance PRIVATE
      ZEIKO_CONSOLE_BINARY="$<TARGET_FILE:zeiko-console>")
  endif()
endif()

if(TARGET zeiko_ui)
  zeiko_add_qtest(test_ui_tray
    SOURCES test_ui_tray.cpp
    LIBS zeiko_ui LABELS ui TIMEOUT 120)
endif()

if(TARGET zeiko_ui)
  zeiko_add_qtest(test_ui_state_files
    SOURCES test_ui_state_files.cpp
    LIBS zeiko_ui LABELS ui TIMEOUT 300)
endif()
