# Finding 16 of the security review: secrets only from the environment or a
# file, never on a command line; against the real zeiko-server binary.
if(NOT TARGET zeiko_server_lib)
  return()
endif()
zeiko_add_qtest(test_secret_options SOURCES test_secret_options.cpp LIBS zeiko_domain LABELS server TIMEOUT 180)
