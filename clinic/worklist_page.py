"""The call-back worklist as a page for clinic staff (issue 21), served by scripts/serve_web.py at
/staff/worklist behind HTTP Basic authentication with STAFF_TOKEN as the password: the browser asks for it,
and a patient's page, which never has it, gets 401. Without STAFF_TOKEN the page is off (404)."""
import base64
import hmac
import html
import os
from typing import Dict, List, Optional, Sequence, Tuple

from clinic.worklist import Entry, when

STAFF_TOKEN_ENV = "STAFF_TOKEN"
PATH = "/staff/worklist"
REALM = 'Basic realm="clinic staff", charset="UTF-8"'
# No patient page may frame it, cache it or read it from a script of another origin.
HEADERS = {"X-Frame-Options": "DENY", "Cache-Control": "no-store", "Referrer-Policy": "no-referrer",
           "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"}


def staff_token(env=None) -> Optional[str]:
    return (env if env is not None else os.environ).get(STAFF_TOKEN_ENV, "").strip() or None


def is_staff(authorization: Optional[str], token: str) -> bool:
    """Basic credentials whose password is the token (any user name)."""
    scheme, _, encoded = (authorization or "").partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        _, _, password = base64.b64decode(encoded, validate=True).decode("utf-8").partition(":")
    except ValueError:
        return False
    return hmac.compare_digest(password.encode(), token.encode())


def page(entries: Sequence[Entry], transcripts: Dict[str, List[Tuple[str, str]]], hours: float) -> str:
    rows = []
    for entry in entries:
        lines = "".join(f'<li class="{who}"><b>{who}</b>: {html.escape(text)}</li>'
                        for who, text in transcripts.get(entry.sender_id, []))
        rows.append(f'<tr class="{html.escape(entry.level)}"><td>{when(entry.time)}</td>'
                    f"<td>{html.escape(entry.reason)}</td><td>{html.escape(entry.sender_id)}</td>"
                    f"<td>{html.escape(entry.channel or '')}</td><td>{html.escape(entry.clinic_id or '')}</td>"
                    f"<td>{html.escape(', '.join(entry.symptoms))}</td>"
                    f"<td><details><summary>transcript</summary><ul>{lines}</ul></details></td></tr>")
    body = ("<table><thead><tr><th>time</th><th>level</th><th>conversation</th><th>channel</th><th>clinic</th>"
            f"<th>symptoms</th><th></th></tr></thead><tbody>{''.join(rows)}</tbody></table>" if rows
            else "<p>No conversation needs a call back.</p>")
    style = ("body{font-family:sans-serif;margin:1em}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
             "padding:4px 8px;vertical-align:top;text-align:left}tr.emergency td:nth-child(2){color:#c62828;"
             "font-weight:bold}tr.urgent td:nth-child(2){color:#e06c00}li.patient{color:#333}")
    return (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>Call-back worklist</title>"
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{style}</style></head>'
            f"<body><h1>Call back</h1><p>Emergency, urgent and unassessed outcomes of the last {hours:g} hours, "
            f"newest first.</p>{body}</body></html>")


class StaffWorklist:
    """The page's answer to a request: 401 asking for the staff's credentials, or the worklist of the last
    ``hours`` from the event broker, with each conversation's transcript from the tracker store."""

    def __init__(self, token: str, broker_url: str, store_url: Optional[str], hours: float = 24.0):
        self.token, self.broker_url, self.store_url, self.hours = token, broker_url, store_url, hours

    def respond(self, authorization: Optional[str], now: float) -> Tuple[int, str, Dict[str, str]]:
        if not is_staff(authorization, self.token):
            return 401, "Clinic staff only.", {**HEADERS, "WWW-Authenticate": REALM}
        from clinic.worklist import broker_records, transcript, worklist

        entries = worklist(broker_records(self.broker_url), now, self.hours)
        transcripts = {entry.sender_id: transcript(self.store_url, entry.sender_id) for entry in entries} \
            if self.store_url else {}
        return 200, page(entries, transcripts, self.hours), HEADERS
