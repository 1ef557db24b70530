"""Bodies and persons named as one collective ("các cơ quan, tổ chức, cá nhân"), as the subject after an
opening clause ("Trong quá trình thực hiện, nếu có vướng mắc, ... phản ánh về ..."); phrases in our own words."""
from __future__ import annotations

import pytest

from tracker.extract.roles import Roles, roles_of
from tracker.extract.unit_phrases import units_at


@pytest.mark.parametrize("text,lead", [
    ("Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan, tổ chức, cá nhân phản ánh về Sở Xây dựng để tổng hợp.",
     ["các cơ quan, tổ chức, cá nhân"]),
    ("Trong quá trình triển khai, nếu phát sinh khó khăn, các đơn vị, cá nhân kịp thời báo cáo Ủy ban nhân dân tỉnh.",
     ["các đơn vị, cá nhân"]),
])
def test_who_reports_difficulties_leads(text, lead):
    assert roles_of(text, Roles()).lead == lead


def test_persons_stay_with_the_bodies_before_them():
    units, _ = units_at("Các sở, ngành, cá nhân có liên quan thực hiện", 0)
    assert [u.text for u in units] == ["Các sở, ngành, cá nhân có liên quan"]


@pytest.mark.parametrize("text,names", [
    # persons after "và" go on the bodies' collective name
    ("Các cơ quan, đơn vị, tổ chức và cá nhân liên quan kịp thời phản ánh", ["Các cơ quan, đơn vị, tổ chức và cá nhân liên quan"]),
    # a named unit after "và" is a unit of its own; persons after a named unit do not join it
    ("Các sở, ngành và UBND các xã thực hiện", ["Các sở, ngành", "UBND các xã"]),
    ("Sở Tư pháp và cá nhân liên quan thực hiện", ["Sở Tư pháp"]),
])
def test_persons_after_and(text, names):
    assert [u.text for u in units_at(text, 0)[0]] == names
