zeiko_add_qtest(test_codecs SOURCES test_codecs.cpp LIBS zeiko_domain LABELS core)
zeiko_add_qtest(test_enums SOURCES test_enums.cpp LIBS zeiko_domain LABELS core)
zeiko_add_qtest(test_mailbox SOURCES test_mailbox.cpp LIBS zeiko_domain LABELS core)
