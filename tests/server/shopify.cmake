# Shopify order webhooks and the traffic simulator (issue 5): suites against
# the real zeiko-server over real sockets.
if(NOT TARGET zeiko_server_lib)
  return()
endif()
zeiko_add_qtest(test_shopify_webhook SOURCES test_shopify_webhook.cpp LIBS zeiko_domain LABELS server TIMEOUT 300)
zeiko_add_qtest(test_simulate SOURCES test_simulate.cpp LIBS zeiko_domain LABELS server TIMEOUT 300)
# Finding 5 of the security review: per-tenant secrets, the shop domain and
# replays, on SQLite and once more on PostgreSQL (QSKIP unless
# ZEIKO_TEST_POSTGRES_URL is set; see SuiteDatabase in channels_test_support.h).
zeiko_add_qtest(test_shopify_tenants SOURCES test_shopify_tenants.cpp LIBS zeiko_domain LABELS server TIMEOUT 300)
zeiko_add_qtest(test_shopify_tenants_postgres SOURCES test_shopify_tenants.cpp LIBS zeiko_domain LABELS postgres TIMEOUT 300)
target_compile_definitions(test_shopify_tenants_postgres PRIVATE ZEIKO_TEST_ON_POSTGRES=1)
