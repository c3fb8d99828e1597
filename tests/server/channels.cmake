# Channels, routing, widget, SLA timer, email, Shopify, simulator (issue 5):
# suites against the real zeiko-server over real sockets.
if(NOT TARGET zeiko_server_lib)
  return()
endif()
zeiko_add_qtest(test_widget SOURCES test_widget.cpp LIBS zeiko_domain LABELS server TIMEOUT 300)
zeiko_add_qtest(test_routing SOURCES test_routing.cpp LIBS zeiko_domain LABELS server TIMEOUT 300)
zeiko_add_qtest(test_routing_postgres SOURCES test_routing.cpp LIBS zeiko_domain LABELS postgres TIMEOUT 300)
target_compile_definitions(test_routing_postgres PRIVATE ZEIKO_TEST_ON_POSTGRES=1)
zeiko_add_qtest(test_sla_timer SOURCES test_sla_timer.cpp LIBS zeiko_domain LABELS server TIMEOUT 180)
zeiko_add_qtest(test_inbound_email SOURCES test_inbound_email.cpp LIBS zeiko_domain LABELS server TIMEOUT 300)
zeiko_add_qtest(test_outbound_email SOURCES test_outbound_email.cpp LIBS zeiko_domain LABELS server TIMEOUT 300)
# The storage-sensitive suites once more on PostgreSQL (QSKIP unless
# ZEIKO_TEST_POSTGRES_URL is set; see SuiteDatabase in channels_test_support.h).
foreach(suite IN ITEMS test_widget test_sla_timer test_inbound_email test_outbound_email)
  zeiko_add_qtest(${suite}_postgres SOURCES ${suite}.cpp LIBS zeiko_domain LABELS postgres TIMEOUT 300)
  target_compile_definitions(${suite}_postgres PRIVATE ZEIKO_TEST_ON_POSTGRES=1)
endforeach()
