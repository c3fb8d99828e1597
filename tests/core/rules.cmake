# One rule set (core/domain/ticket_rules): the server's command rules and the
# console's reading of them (pending overlay, the actions table's enable
# rules) agree on every (status × owner × handoff × actor × command). It calls
# the server's rule path and the widget-free actions table directly.
if(TARGET zeiko_server_lib AND TARGET zeiko_ui)
  zeiko_add_qtest(test_rule_agreement SOURCES test_rule_agreement.cpp LIBS zeiko_server_lib zeiko_core zeiko_ui LABELS core)
endif()
