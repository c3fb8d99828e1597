# Channels, routing, widget, SLA timer, email, Shopify, simulator (issue 5):
# suites against the real zeiko-server over real sockets.
if(NOT TARGET zeiko_server_lib)
  return()
endif()
zeiko_add_qtest(test_widget SOURCES test_widget.cpp LIBS zeiko_domain LABELS server TIMEOUT 300)
