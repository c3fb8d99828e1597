# server/http: routing (no sockets) and the Beast transport over real sockets.
zeiko_add_qtest(test_http_router SOURCES test_http_router.cpp LIBS zeiko_http LABELS server)
zeiko_add_qtest(test_http_transport SOURCES test_http_transport.cpp LIBS zeiko_http LABELS server TIMEOUT 180)
zeiko_add_qtest(test_http_websocket SOURCES test_http_websocket.cpp LIBS zeiko_http Qt6::WebSockets LABELS server TIMEOUT 120)
zeiko_add_qtest(test_http_fuzz SOURCES test_http_fuzz.cpp LIBS zeiko_http LABELS server TIMEOUT 180)
