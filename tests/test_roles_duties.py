"""Lead families of session 26 (issue 11), on a document written for them (tests/data/docs, our
own words) parsed end to end and on the rules one sentence at a time:

- a regulation's duty "X có/chịu trách nhiệm ..." names X even when the unit list does not know it,
  without the words saying within what X acts ("trong phạm vi nhiệm vụ của mình");
- a body named by its topic may end in "Nhà nước" ("Hội đồng thẩm định Nhà nước");
- after an opening clause, work that starts with its verb has no subject: the units after that verb
  are its objects ("Căn cứ ..., chỉ đạo các đơn vị ...");
- a giving told of as done ("kinh phí đã giao cho X") addresses no one;
- the body of each of a kind of place takes the words saying which places ("UBND các huyện, thị xã
  có vùng nuôi tôm ..."), as a bare kind ("các đơn vị cấp nước ...") already did;
- "Bí thư tỉnh ủy, thành ủy" is one post at two levels, as "các tỉnh, thành phố" is one kind.
"""
from __future__ import annotations

import pytest

from conftest import DATA, parse_json
from test_parse_variants import summary

from tracker.extract.roles import Roles, roles_of


def test_duties_and_qualified_names_end_to_end():
    data = parse_json(DATA / "docs" / "duties-and-qualified-names.txt", "--no-resolve")
    assert [(path, lead, support) for path, lead, support, _ in summary(data)] == [
        ("Điều 1.1", ["Các thành viên Ban Chỉ đạo", "Tổ giúp việc của Ban Chỉ đạo"], []),
        ("Điều 1.2", ["Người quản lý Cổng dữ liệu"], []),
        ("Điều 1.3", ["Hội đồng thẩm định Nhà nước"], []),
        ("Điều 1.4", [], []),
        ("Điều 1.5", [], []),
        ("Điều 1.6", ["Ủy ban nhân dân các huyện, thị xã có vùng nuôi tôm ven biển"], []),
        ("Điều 1.7", ["Bí thư tỉnh ủy, thành ủy", "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố"], []),
    ]


@pytest.mark.parametrize("text,lead", [
    # a duty's subject the unit list does not know; not a thing with its doer ("do X"), not a verb
    ("Người khai thác phần mềm có trách nhiệm đổi mật khẩu định kỳ.", ["Người khai thác phần mềm"]),
    ("Thư ký của đề án chịu trách nhiệm lưu hồ sơ.", ["Thư ký của đề án"]),
    ("Kinh phí hằng năm do các đơn vị có trách nhiệm dự toán.", ["ADDRESSEE"]),
    ("Chịu trách nhiệm trước Trưởng ban về phần việc được giao.", ["ADDRESSEE"]),
    # work opening after the clause: no subject, its objects do not lead
    ("Trên cơ sở kết quả rà soát, hướng dẫn các xã, các thôn cập nhật số liệu.", ["ADDRESSEE"]),
    ("Căn cứ kết quả rà soát, các đơn vị cập nhật số liệu.", ["các đơn vị"]),
    # a giving told of, not made
    ("Quyết toán số kinh phí đã giao cho Sở Y tế trong năm.", ["ADDRESSEE"]),
    ("Giao Sở Y tế quyết toán kinh phí.", ["Sở Y tế"]),
])
def test_duty_subjects_and_addresses(text, lead):
    assert roles_of(text, Roles(["ADDRESSEE"], [], "recipients")).lead == lead


@pytest.mark.parametrize("text,lead,support", [
    # a kind of body said by what it is in charge of, or what it is, then the list goes on
    ("Phối hợp với các đơn vị quản lý kênh mương nội đồng, các lực lượng chức năng của xã trong việc nạo vét.",
     ["ADDRESSEE"], ["các đơn vị quản lý kênh mương nội đồng", "các lực lượng chức năng của xã"]),
    ("Thanh tra tỉnh phối hợp với cơ quan chức năng của Sở Nông nghiệp và Môi trường theo dõi vụ việc.",
     ["Thanh tra tỉnh"], ["cơ quan chức năng của Sở Nông nghiệp và Môi trường"]),
    # after words saying which, a comma starts another unit; between kinds it goes on
    ("Kiểm tra việc thi hành; phối hợp với các bộ, ngành, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương, "
     "cơ quan, tổ chức có liên quan thực hiện.", ["ADDRESSEE"],
     ["các bộ, ngành", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương", "cơ quan, tổ chức có liên quan"]),
    # the government of a level is a unit; an instruction's verb ends the partners
    ("Sở Tài chính chủ trì, phối hợp với các sở, ngành liên quan và chính quyền địa phương rà soát.",
     ["Sở Tài chính"], ["các sở, ngành liên quan", "chính quyền địa phương"]),
    ("Giao Sở Xây dựng chủ trì, phối hợp với các sở, ngành liên quan xem xét, quyết định theo thẩm quyền.",
     ["Sở Xây dựng"], ["các sở, ngành liên quan"]),
    # the opening clause's own list is not the subject
    ("Trên cơ sở báo cáo của các sở, đơn vị liên quan, Sở Tài chính tổng hợp trình Ủy ban nhân dân tỉnh.",
     ["Sở Tài chính"], []),
    # a part of a document inside the words saying which units
    ("Các cơ quan, đơn vị nêu tại Điều 2 Quyết định này có trách nhiệm báo cáo.",
     ["Các cơ quan, đơn vị nêu tại Điều 2 Quyết định này"], []),
    # "các cấp" ends a name ("at every level"); a verb after words saying which is the partners' own
    ("Sở Nội vụ phối hợp với cấp ủy, chính quyền các cấp, phát huy vai trò của Nhân dân.", ["Sở Nội vụ"], ["cấp ủy, chính quyền các cấp"]),
    ("Sở Y tế phối hợp với các đơn vị liên quan quản lý, kiểm soát chất lượng thuốc.", ["Sở Y tế"], ["các đơn vị liên quan"]),
    # a verb and a connector are no duty's subject
    ("Quyết định và chịu trách nhiệm về kết quả thẩm định.", ["ADDRESSEE"], []),
])
def test_qualified_kinds_and_lists(text, lead, support):
    r = roles_of(text, Roles(["ADDRESSEE"], [], "recipients"))
    assert (r.lead, r.support) == (lead, support)
