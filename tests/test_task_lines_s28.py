"""What is a task (issue 11, session 28): a công điện's addressee wrapped over lines, lines that only
send the reader to other rules, short list entries under a title, numbered work under a lead-in.
Documents in our own words (tests/data/docs)."""
from __future__ import annotations

from conftest import DATA, parse_json


def _parse(name: str) -> dict:
    return parse_json(DATA / "docs" / name, "--no-resolve")


def test_a_dash_addressee_wrapped_before_a_capitalised_word_runs_to_its_semicolon():
    """'- Chủ tịch ... các xã vùng cao: Pà Cò, Hang Kia, Tân' / 'Sơn, Lũng Vân ...;': the second line
    opens with a capital (a place name cut in two), yet it is the same addressee; the weather report
    after the list is no task."""
    data = _parse("telegram-addressee-wrapped.md")
    recipients = data["directive"]["recipients"]
    assert len(recipients) == 3, recipients
    assert "Tân Sơn" in recipients[0] and "Phiêng Luông" in recipients[0], recipients
    assert [t["path"] for t in data["tasks"]] == ["1", "2", "3"], [t["text"][:40] for t in data["tasks"]]
