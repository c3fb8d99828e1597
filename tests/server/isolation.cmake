# The tenant isolation matrix (issue 10, campaigns): every route the router
# prints (serve --print-routes) with every foreign credential, on SQLite and
# once more on PostgreSQL (QSKIP unless ZEIKO_TEST_POSTGRES_URL is set).
if(NOT TARGET zeiko_server_lib)
  return()
endif()
foreach(suite test_tenant_isolation test_tenant_isolation_postgres)
  if(suite MATCHES "_postgres$")
    set(label postgres)
  else()
    set(label server)
  endif()
  zeiko_add_qtest(${suite} SOURCES test_tenant_isolation.cpp LIBS zeiko_domain Qt6::WebSockets LABELS ${label} TIMEOUT 300)
  target_compile_definitions(${suite} PRIVATE ZEIKO_OPENAPI_YAML="${CMAKE_SOURCE_DIR}/docs/openapi.yaml")
endforeach()
target_compile_definitions(test_tenant_isolation_postgres PRIVATE ZEIKO_TEST_ON_POSTGRES=1)
