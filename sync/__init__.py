"""Sync between a commune laptop and the provincial server: the wire protocol
(`sync.protocol`), the client engine (`sync.client`) and the server (`sync.server`)."""
