# The console's actions table (ui/action_table.*): ids, texts, default keys
# and enable rules, without a GUI (QTEST_GUILESS_MAIN).
if(TARGET zeiko_ui)
  zeiko_add_qtest(test_ui_actions
    SOURCES test_ui_actions.cpp
    LIBS zeiko_ui LABELS ui TIMEOUT 60)
endif()
