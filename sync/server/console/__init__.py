"""The province web console served by `hocvuso-server`: staff login, dashboard of communes,
devices and enrolment codes, catalogue publishing and the quarterly report."""
