"""Fakes of the messaging providers' APIs, each a small HTTP server on loopback shaped after the
provider's documented requests and responses: what the assistant sends is recorded for the tests."""
