# Shopify order webhooks and the traffic simulator (issue 5): suites against
# the real zeiko-server over real sockets.
if(NOT TARGET zeiko_server_lib)
  return()
endif()
zeiko_add_qtest(test_shopify_webhook SOURCES test_shopify_webhook.cpp LIBS zeiko_domain LABELS server TIMEOUT 300)
zeiko_add_qtest(test_simulate SOURCES test_simulate.cpp LIBS zeiko_domain LABELS server TIMEOUT 300)
