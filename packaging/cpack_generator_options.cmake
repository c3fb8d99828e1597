# Read by cpack once per generator (CPACK_PROJECT_CONFIG_FILE).
if(CPACK_GENERATOR STREQUAL "DEB")
  # Each component's description starts with its own summary line; CPack
  # would otherwise put the shared project summary in front of both.
  unset(CPACK_PACKAGE_DESCRIPTION_SUMMARY)
endif()
