if(TARGET zeiko_markdown)
  add_executable(markdown_bench markdown_bench.cpp)
  # Needs the internal cmark_document.h (same extension set) for the raw comparison.
  target_link_libraries(markdown_bench PRIVATE zeiko_markdown PkgConfig::CMARKGFM)
endif()
