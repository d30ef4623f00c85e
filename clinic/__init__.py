"""The clinic's side: what staff read from the triage outcomes on the event broker."""
