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


def test_a_document_most_of_whose_tasks_concern_procedures_links_without_a_subject():
    readings = [read_indicators(ONLINE), read_indicators("Công khai đầy đủ thủ tục hành chính tại bộ phận một cửa."),
                read_indicators("Tổ chức hội thao chào mừng ngày thành lập ngành.")]
    assert [r.ids for r in settle_indicators(readings, None)] == [r.ids for r in readings]
    assert any(r.ids for r in readings)
    # ... while one such task among many about something else is incidental.
    other = [read_indicators(f"Kiểm tra giá mặt hàng số {i} tại chợ.") for i in range(5)]
    settled = settle_indicators([read_indicators(ONLINE)] + other, "Về quản lý giá")
    assert [r.ids for r in settled] == [[]] * 6 and settled[0].how == "outside_document"
