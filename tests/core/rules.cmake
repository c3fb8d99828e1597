# One rule set (core/domain/ticket_rules): the server's command rules and the
# console's reading of them agree on every (status × owner × handoff × actor ×
# command). It calls the server's rule path directly, so it needs its library.
if(TARGET zeiko_server_lib)
  zeiko_add_qtest(test_rule_agreement SOURCES test_rule_agreement.cpp LIBS zeiko_server_lib zeiko_core LABELS core)
endif()
