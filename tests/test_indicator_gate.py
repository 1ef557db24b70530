"""The document gate of the 766 indicators (issue 11, "a plan about forests or market payments
links none"): a document about something else that mentions public services in one task links
no indicator; the same task in a document about administrative reform links. Documents written
for these tests, in our own words."""
from __future__ import annotations

from conftest import DATA, parse_json
from tracker.confidence import unsure_below
from tracker.extract.indicators import read_indicators, settle_indicators

ONLINE = "Sở Tài chính tiếp nhận hồ sơ kê khai giá của doanh nghiệp qua dịch vụ công trực tuyến, giải quyết hồ sơ đúng hạn."


def test_a_price_directive_links_no_indicator_for_its_one_online_service_task():
    data = parse_json(DATA / "docs" / "price-declaration-directive.txt")
    assert len(data["tasks"]) == 5
    assert [t["indicators"] for t in data["tasks"]] == [[]] * 5
    online = data["tasks"][1]
    assert "dịch vụ công trực tuyến" in online["text"]
    assert online["confidence"]["indicators"] >= unsure_below()  # sure: the document is about prices


def test_the_same_task_in_an_administrative_reform_directive_links():
    data = parse_json(DATA / "docs" / "price-declaration-reform.txt")
    links = [t["indicators"] for t in data["tasks"]]
    assert links[1] and set(links[1]) <= {5, 6, 7, 8}
    assert not any(links[:1] + links[2:])


def test_the_gate_keeps_links_where_the_document_may_be_about_the_index():
    one = [read_indicators(ONLINE)] + [read_indicators(f"Kiểm tra giá mặt hàng số {i} tại chợ.") for i in range(5)]
    assert one[0].ids
    # a lone linking task in a document about prices is incidental ...
    settled = settle_indicators(one, "Về tăng cường quản lý giá")
    assert [r.ids for r in settled] == [[]] * 6 and settled[0].how == "outside_document"
    # ... but not when the subject is unknown, names the index's decision, or more tasks link
    assert settle_indicators(one, None)[0].ids == one[0].ids
    assert settle_indicators(one, "Triển khai Quyết định số 766/QĐ-TTg của Thủ tướng Chính phủ")[0].ids == one[0].ids
    two = one + [read_indicators("Công khai đầy đủ thủ tục hành chính tại bộ phận một cửa.")]
    assert two[-1].ids and settle_indicators(two, "Về tăng cường quản lý giá")[0].ids == one[0].ids
