"""The persona walks: one browser test per persona through its part of the chain
(issue 16 item 10). Only tests live here (`nrm/walks/tests/`)."""
