"""Digitising dossiers is the index's work only as the dossiers of procedures (766.toml [gate]
domain: "số hóa hồ sơ" alone lets no task in)."""
from tracker.extract.indicators import link_indicators


def test_digitising_sector_records_is_no_dossier_of_the_index():
    assert link_indicators("Số hóa hồ sơ, bản đồ hạ tầng giao thông trên địa bàn.") == []
    assert link_indicators("Thực hiện số hóa hồ sơ, dữ liệu về công trình xây dựng.") == []


def test_digitising_the_dossiers_of_procedures_still_links():
    assert {12, 13} <= set(link_indicators("Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính tại Bộ phận một cửa."))
