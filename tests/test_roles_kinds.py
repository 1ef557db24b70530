"""Units named by their kind and what qualifies it (issue 11, section 2 Units): a common noun the
unit list knows ("các đơn vị", "Các cơ quan") or a plural subject it does not ("Các cơ sở chăn
nuôi ...") goes on through the lower-case words that say which units, up to the verb."""
from __future__ import annotations

import pytest

from conftest import DATA, parse_json

from tracker.extract.roles import Roles, opening, roles_of
from tracker.extract.unit_phrases import named_by_kind, partners_at, qualified_end


def test_kinds_of_units_are_named_up_to_the_verb():
    data = parse_json(DATA / "docs" / "kinds-of-units.txt", "--no-resolve")
    got = [(t["path"], [u["name"] for u in t["lead"]], [u["name"] for u in t["support"]]) for t in data["tasks"]]
    assert got == [
        ("I.1", ["Sở Y tế"], ["các đơn vị cấp nước thuộc phạm vi quản lý"]),
        ("I.2", ["Các cơ sở chăn nuôi quy mô lớn"], []),
        ("I.3", ["Các cơ quan phát thanh, báo chí"], []),
        ("I.4", ["Các trường mầm non, tiểu học trong và ngoài công lập"], []),
        ("I.5", ["Chủ đầu tư 03 gói thầu"], []),
        ("I.6", ["Sở Nông nghiệp và Môi trường"], ["cấp ủy, chính quyền các cấp"]),
        ("I.7", [], []),  # "Các nội dung tuyên truyền phải ...": things, no actor
        ("I.8", ["Công an tỉnh"], []),  # a body with a name of its own: the words after it are its verb's
    ]


@pytest.mark.parametrize("text,lead", [
    ("Các đơn vị vận tải hành khách bố trí thêm chuyến xe dịp Tết.", ["Các đơn vị vận tải hành khách"]),
    ("Các hộ kinh doanh ven chợ chủ động dọn dẹp vệ sinh.", ["Các hộ kinh doanh ven chợ"]),
    ("Mọi tổ chức, cá nhân có nhu cầu đăng ký trước ngày 10/12.", []),  # "có nhu cầu": no verb the lists know
    ("Các chỉ tiêu về môi trường tiếp tục được theo dõi.", []),
    ("Các bộ, tỉnh chủ động bố trí kinh phí.", ["Các bộ", "Các tỉnh"]),  # a level word is a place, not a kind
    ("Các đơn vị tăng thời lượng, tuyên truyền về tác hại của rác thải nhựa.", ["Các đơn vị"]),
])
def test_subject_named_by_kind(text, lead):
    assert roles_of(text, Roles([], [], "recipients")).lead == lead


@pytest.mark.parametrize("text,support", [
    # the words after the noun reach a verb the lists know: they say which partners
    ("Phối hợp với các đơn vị thi công tuyến ống bảo đảm an toàn.", ["các đơn vị thi công tuyến ống"]),
    # a verb's object ("tháo gỡ các khó khăn") or verbs in a row: the noun alone
    ("Phối hợp với các sở, ngành tháo gỡ các khó khăn, vướng mắc của doanh nghiệp.", ["các sở, ngành"]),
    ("Phối hợp với các đơn vị tăng thời lượng, tuyên truyền về phòng cháy.", ["các đơn vị"]),
    # lower-case kinds joined by commas only are one collective; "và" starts the next
    ("Phối hợp với các hợp tác xã, chính quyền cơ sở để hướng dẫn.", ["các hợp tác xã, chính quyền cơ sở"]),
    ("Phối hợp với các ngành, các cấp tăng cường kiểm tra.", ["các ngành, các cấp"]),
])
def test_partners_named_by_kind(text, support):
    assert roles_of(text, Roles(["Sở X"], [], "heading")).support == support


def test_qualifier_needs_a_verb_in_reach():
    text = "các đơn vị có trụ sở tại khu công nghiệp phía bắc của tỉnh và các vùng lân cận"
    assert qualified_end(text, len("các đơn vị")) is None  # no verb: the words may be the verb's own
    assert named_by_kind("Các nội dung tuyên truyền phải ngắn gọn.") is None
    assert opening("Công an xã điều tra, làm rõ vụ việc.").units == ["Công an xã"]
    assert partners_at("Sở Tài chính thẩm định dự toán.") == ["Sở Tài chính"]


def test_the_honorific_before_a_post_is_no_part_of_the_unit():
    """'Các đồng chí Bộ trưởng, ...' addresses the ministers: the lead is 'Bộ trưởng'; 'Đồng chí
    Chủ tịch UBND tỉnh X' the chairman; a post before its body stays as written, also before a
    list of names after a colon ('Bộ trưởng các Bộ: Khoa học và Công nghệ, Y tế'); 'Giao Phó Thủ
    tướng Chính phủ X' addresses the deputy prime minister."""
    data = parse_json(DATA / "docs" / "honorific-posts.txt", "--no-resolve")
    got = [(t["path"], [u["name"] for u in t["lead"]]) for t in data["tasks"]]
    assert got == [
        ("1", ["Bộ trưởng", "Thủ trưởng cơ quan ngang bộ"]),
        ("2", ["Chủ tịch Ủy ban nhân dân tỉnh Bắc Lam"]),
        ("3", ["Bộ trưởng Bộ Nông nghiệp và Môi trường"]),
        # a post before a list of the ministries' names: each name whole, "và" inside it
        ("4", ["Bộ trưởng Bộ Khoa học và Công nghệ", "Bộ trưởng Bộ Y tế"]),
        # a deputy prime minister addressed by post and name
        ("5", ["Phó Thủ tướng Chính phủ Lê Văn Nam"]),
    ]
