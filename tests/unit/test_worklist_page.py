"""The staff page's check and its escaping (clinic/worklist_page.py)."""
import base64

from clinic.worklist import Entry
from clinic.worklist_page import is_staff, page, staff_token


def basic(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_only_basic_credentials_with_the_token_as_password_pass():
    assert is_staff(basic("nurse", "s3cret"), "s3cret") and is_staff(basic("", "s3cret"), "s3cret")
    for authorization in [None, "", basic("nurse", "wrong"), "Bearer s3cret", "Basic !!!", basic("s3cret", "")]:
        assert not is_staff(authorization, "s3cret"), authorization


def test_the_page_is_off_without_a_token():
    assert staff_token({}) is None and staff_token({"STAFF_TOKEN": " t "}) == "t"


def test_patients_words_are_escaped():
    entry = Entry("rest:p1", 1_800_000_000.0, "urgent", True, ("r",), ("fever",), "rest", None, "en")
    html = page([entry], {"rest:p1": [("patient", "<script>alert(1)</script> pus")]}, 24)
    assert "<script>alert" not in html and "&lt;script&gt;" in html and "urgent" in html
    assert "No conversation needs a call back." in page([], {}, 24)
