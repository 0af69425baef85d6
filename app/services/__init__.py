"""Use-case functions: each takes a session and an Actor, validates, and returns frozen views."""
