# Suites for core/markdown.
if(TARGET zeiko_markdown)
  zeiko_add_qtest(test_markdown SOURCES test_markdown.cpp LIBS zeiko_markdown LABELS core)
  zeiko_add_qtest(test_markdown_renderer SOURCES test_markdown_renderer.cpp LIBS zeiko_markdown LABELS core)
endif()
