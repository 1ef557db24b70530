"""Letters whose header a copy lost or laid out oddly: a legal website's property block before
"Kính gửi", a copy that opens at "Kính gửi", a Party document, wrapped signature lines.
The documents are our own words, built to show each pattern."""
from __future__ import annotations

import pytest

from conftest import parse_json
from tracker.structure.header import level_of


def _directive(tmp_path, text: str) -> dict:
    p = tmp_path / "doc.md"
    p.write_text(text, encoding="utf-8")
    return parse_json(p)["directive"]


SITE_BLOCK = """**Số hiệu:**
|
812/CT-QLRR
|
|
**Loại văn bản:**
|
Công văn
|
**Nơi ban hành:**
|
Cục Thuế
|
**Người ký:**
|
Đỗ Văn Lâm
|
**Ngày ban hành:**
|
14/10/2026
|
|
**
Ngày hiệu lực:**
|
Đã biết
|
**Kính gửi:** Thuế các tỉnh,
thành phố trực thuộc Trung ương.
Để chuẩn bị quyết toán năm 2026, Cục Thuế đề nghị:
1. Thuế các tỉnh rà soát hồ sơ hoàn thuế còn tồn trước ngày 15/11/2026.
|
Nơi nhận:
- Như trên;
- Lưu: VT.
|
**TL. CỤC
TRƯỞNG**
TRƯỞNG BAN QUẢN LÝ RỦI RO
**Đỗ
Văn Lâm**
|
"""


def test_a_site_block_before_kinh_gui_leaves_the_recipients_to_be_read(tmp_path):
    d = _directive(tmp_path, SITE_BLOCK)
    # "Kính gửi:" after the block is read as such; its line wraps before "thành phố"
    assert d["recipients"] == ["Thuế các tỉnh, thành phố trực thuộc Trung ương"]
    # the declared "Loại văn bản" wins over the symbol, whose "CT" is the issuer's code
    assert d["doc_type"] == "CV"
    # a "Cục" named without a place is central
    assert (d["issuer"], d["level"]) == ("Cục Thuế", "central")
    # the name wrapped after its first word
    assert d["signer"] == "Đỗ Văn Lâm"


LETTER = """**Kính gửi:**
|
- Các sở, ban, ngành thuộc Thành phố;
- Ủy ban nhân dân các xã, phường.
|

Thời gian qua, Ủy ban nhân
dân thành phố Hoa Lâm đã chỉ đạo rà soát các điểm tập kết rác thải.

1. Sở Xây dựng chủ trì kiểm tra các điểm tập kết trước ngày 30/11/2026.

|
*Nơi nhận:*
- Như trên;
- Lưu: VT.
|
**TM. ỦY BAN
NHÂN DÂN **
KT. CHỦ TỊCH
**PHÓ CHỦ TỊCH**
**Lê Minh Khoa**
|
"""


def test_a_copy_that_opens_at_kinh_gui_is_a_letter_named_by_its_signature_and_text(tmp_path):
    d = _directive(tmp_path, LETTER)
    assert d["doc_type"] == "CV"
    # "TM. ỦY BAN" / "NHÂN DÂN" is one signing line; the text names the body in full
    assert d["issuer"] == "UBND thành phố Hoa Lâm"
    assert d["signer"] == "Lê Minh Khoa"


def test_a_ministry_speaking_of_itself_and_its_attached_caption_give_the_header(tmp_path):
    d = _directive(
        tmp_path,
        "**Kính gửi:** Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.\n"
        "Để bồi dưỡng công chức cấp xã, Bộ Nông nghiệp và Môi trường (NNMT) đề nghị Ủy ban nhân dân các tỉnh "
        "cử cán bộ tham dự hội nghị.\n"
        "1. Đăng ký danh sách cán bộ tham dự trước ngày 20/11/2026.\n"
        "**PHỤ LỤC**\n"
        "*(Kèm theo Công văn số: 7781/BNNMT-TCCB ngày 05 tháng 11 năm 2026 của Bộ Nông nghiệp và Môi trường)*\n"
        "1. Đường dẫn đăng ký tham dự.\n",
    )
    assert (d["issuer"], d["level"], d["doc_type"]) == ("Bộ Nông nghiệp và Môi trường", "central", "CV")
    assert (d["number"], d["date"]) == ("7781/BNNMT-TCCB", "2026-11-05")


def test_a_caption_of_another_kind_gives_a_letter_no_number(tmp_path):
    d = _directive(
        tmp_path,
        "**Kính gửi:** Các sở, ban, ngành.\n"
        "Bộ Y tế đề nghị các sở rà soát danh mục thuốc.\n"
        "1. Rà soát danh mục trước ngày 20/11/2026.\n"
        "*(Kèm theo Quyết định số 12/QĐ-BYT ngày 05 tháng 11 năm 2026 của Bộ Y tế)*\n",
    )
    assert d["doc_type"] == "CV"
    assert d["number"] is None


PARTY = """BAN CHẤP HÀNH
TRUNG ƯƠNG
**VĂN PHÒNG**
*****
|
**ĐẢNG CỘNG
SẢN VIỆT NAM**
---------------
|
|
Số 518-TB/VPTW
|
*Hà Nội, ngày
12 tháng 10 năm 2026*
|
**THÔNG BÁO**
KẾT LUẬN CỦA THƯỜNG TRỰC BAN BÍ THƯ VỀ CÔNG TÁC CHUẨN BỊ ĐẠI HỘI
-----
1. Các tỉnh ủy, thành ủy hoàn thành báo cáo trước ngày 30/10/2026.
|
Nơi nhận:
- Các tỉnh ủy, thành ủy,
- Lưu Văn phòng Trung ương Đảng.
|
**T/M BAN BÍ
THƯ**
Trần Văn Hải
"""


def test_a_party_notice_has_its_motto_number_and_office(tmp_path):
    d = _directive(tmp_path, PARTY)
    # "ĐẢNG CỘNG SẢN VIỆT NAM" is the Party's motto, not part of the issuer
    assert d["issuer"] == "Văn phòng Trung ương Đảng"
    assert (d["number"], d["doc_type"], d["level"]) == ("518-TB/VPTW", "TB", "central")
    assert d["signer"] == "Trần Văn Hải"


def test_a_place_ending_in_a_kind_word_is_not_cut():
    # "PHÒNG" last on the line ends the place "HẢI PHÒNG": no "Phòng" body starts there
    from tracker.structure.header import _issuer_names, header_rules

    assert _issuer_names(["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HẢI PHÒNG"], header_rules()) == ["UBND thành phố Hải Phòng"]
    assert _issuer_names(["UBND THÀNH PHỐ HÀ NỘI SỞ Y TẾ"], header_rules())[-1] == "Sở Y tế"


def test_a_bare_city_is_a_province_only_where_it_directs_departments(tmp_path):
    assert level_of("UBND Thành phố") is None
    text = (
        "**Kính gửi:**\n|\n- Các phòng, ban thuộc Thành phố;\n- Ủy ban nhân dân các phường.\n|\n\n"
        "UBND Thành phố yêu cầu các phòng rà soát hồ sơ.\n\n1. Phòng Tư pháp rà soát hồ sơ trước ngày 30/11/2024.\n"
    )
    assert _directive(tmp_path, text)["level"] is None
    d = _directive(tmp_path, text.replace("Các phòng, ban", "Các sở, ban, ngành").replace("Phòng Tư pháp", "Sở Tư pháp"))
    assert (d["issuer"], d["level"]) == ("UBND Thành phố", "province")


def test_a_body_without_its_place_signed_by_a_deputy_prime_minister_is_central(tmp_path):
    d = _directive(
        tmp_path,
        "**Kính gửi:** Chủ tịch Ủy ban nhân dân các tỉnh.\n"
        "1. Các tỉnh báo cáo kết quả sắp xếp trước ngày 30/11/2026.\n"
        "|\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n|\n"
        "**TM. BAN CHỈ ĐẠO SẮP XẾP BỘ MÁY**\nKT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\nPHÓ THỦ TƯỚNG\nNguyễn Văn An\n|\n",
    )
    assert d["level"] == "central"


def test_a_subject_line_ending_in_cua_goes_on_past_a_title_word(tmp_path):
    d = _directive(
        tmp_path,
        "UỶ BAN NHÂN DÂN\nTỈNH HOA LÂM\n\nSố: 41/KH-UBND\n\nHoa Lâm, ngày 02 tháng 10 năm 2026\n\n"
        "**KẾ HOẠCH**\n\nTHỰC HIỆN CHỈ THỊ SỐ 09/CT-TTG NGÀY 15 THÁNG 8 NĂM 2026 CỦA\n"
        "THỦ TƯỚNG CHÍNH PHỦ VỀ CÔNG TÁC DÂN SỐ\n\n"
        "1. Sở Y tế chủ trì tổ chức truyền thông trước ngày 30/11/2026.\n",
    )
    assert d["subject"].endswith("THỦ TƯỚNG CHÍNH PHỦ VỀ CÔNG TÁC DÂN SỐ")


def test_documents_cited_in_footnotes_after_the_signature_are_references(tmp_path):
    d = _directive(
        tmp_path,
        "UỶ BAN NHÂN DÂN\nTỈNH HOA LÂM\n\nSố: 41/KH-UBND\n\nHoa Lâm, ngày 02 tháng 10 năm 2026\n\n"
        "**KẾ HOẠCH**\n\nVề công tác dân số\n\n"
        "Các chương trình đã ban hành[1] được thực hiện tốt.\n\n"
        "1. Sở Y tế chủ trì tổ chức truyền thông trước ngày 30/11/2026.\n\n"
        "|\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n|\n**TM. ỦY BAN NHÂN DÂN**\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn Bình\n|\n\n"
        "[1] Chương trình số 12-CTr/TU ngày 29/12/2021 của Tỉnh ủy; Kế hoạch số 77/KH-UBND ngày\n"
        "21/3/2022 của UBND tỉnh.\n",
    )
    assert {"12-CTr/TU", "77/KH-UBND"} <= set(d["references"])
    assert d["signer"] == "Lê Văn Bình"


def test_an_office_under_a_ministry_and_a_note_after_an_addressee(tmp_path):
    d = _directive(
        tmp_path,
        "BỘ XÂY DỰNG\nVĂN PHÒNG\n\nSố: 311/VP-TH\nV/v góp ý dự thảo quy chế\n\nHà Nội, ngày 02 tháng 10 năm 2026\n\n"
        "Kính gửi:\n- Các đồng chí thành viên Tổ công tác (Theo Quyết định số 45/QĐ-BXD ngày 01/02/2026);\n"
        "- Thủ trưởng các đơn vị thuộc Bộ.\n\n"
        "1. Các đơn vị gửi ý kiến góp ý trước ngày 20/10/2026.\n",
    )
    assert (d["issuer"], d["level"]) == ("Văn phòng Bộ Xây dựng", "central")
    assert d["recipients"] == ["Các đồng chí thành viên Tổ công tác", "Thủ trưởng các đơn vị thuộc Bộ"]


def test_the_signer_is_read_before_the_text_attached_under_the_signature():
    from tracker.model import Line
    from tracker.structure.header import read_header
    from tracker.structure.sections import Sections

    # a web copy's closing runs on into a form the decision attaches: its signature cell ends at the bar
    rows = ["Nơi nhận:", "- Như Điều 3;", "- Lưu: VT.", "|", "TM. ỦY BAN NHÂN", "DÂN", "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH", "Đào Văn Nam", "|", "NỘI QUY MẪU CỦA CHỢ", "|", "Hoa Lâm,",
            "ngày... tháng... năm 20…", "Ban quản lý chợ"]
    h = read_header(Sections(closing=[Line(t) for t in rows]), "")
    assert (h.signer, h.signer_title) == ("Đào Văn Nam", "PHÓ CHỦ TỊCH")
    assert h.signing_mode.startswith("TM. ỦY BAN NHÂN DÂN")


WRAPPED_FIELDS = """**BỘ XÂY DỰNG**
**-------**
|
**CỘNG
HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
Số: 417/QĐ-BXD
|
*Hà
Nội, ngày 09 tháng 10 năm 2026*
|
**QUYẾT ĐỊNH**
VỀ VIỆC GIAO NHIỆM VỤ RÀ SOÁT ĐỊNH MỨC XÂY DỰNG NĂM 2026
**BỘ TRƯỞNG BỘ XÂY DỰNG**
*Căn cứ Nghị định số 33/2025/NĐ-CP;*
**QUYẾT ĐỊNH:**
**Điều 1.** Giao Cục Kinh tế xây dựng rà soát định mức dự toán, báo cáo trước ngày 30/11/2026.
**Điều 2.** Quyết định này có hiệu lực kể từ ngày ký.
"""


def test_fields_a_web_copy_wrapped_after_one_word_are_joined(tmp_path):
    # "CỘNG" / "HÒA XÃ HỘI ...": the motto, not an issuer line; "Hà" / "Nội, ngày ...": the place and date.
    d = _directive(tmp_path, WRAPPED_FIELDS)
    assert d["issuer"] == "Bộ Xây dựng"
    assert d["date"] == "2026-10-09"
    assert "giao nhiệm vụ rà soát" in d["subject"].lower()


BODY_NAMES_ITS_CITY = """|
**Kính gửi:**
|
- Các sở, ban, ngành thuộc Ủy ban nhân dân Thành phố;
- Ủy ban nhân dân các phường, xã.
|

Căn cứ Quyết định số 12/2026/QĐ-UBND ngày 05 tháng 3 năm 2026 của Ủy ban nhân dân Thành phố Đà Nẵng về ban hành Quy chế tiếp nhận phản ánh, kiến nghị;

Ủy ban nhân dân Thành phố đề nghị các cơ quan, đơn vị thực hiện một số nội dung sau:

1. Sở Nội vụ tổng hợp kết quả tiếp nhận phản ánh, kiến nghị quý IV, báo cáo trước ngày 20/12/2026.

|
*Nơi nhận:*
- Như trên;
- Lưu: VT.
|
**KT. CHỦ TỊCH**
PHÓ CHỦ TỊCH
**Lê Văn An**
|
"""


def test_a_bare_city_committee_is_named_from_its_full_name_in_the_text(tmp_path):
    # The copy lost its header; the letter says "Ủy ban nhân dân Thành phố đề nghị" and cites its own
    # decision as "của Ủy ban nhân dân Thành phố Đà Nẵng": that is its name.
    d = _directive(tmp_path, BODY_NAMES_ITS_CITY)
    assert d["issuer"] == "UBND Thành phố Đà Nẵng"
    assert d["level"] == "province"


@pytest.mark.parametrize("symbol,title_lines,doc_type,subject", [
    # a web copy wraps the title after its first word
    ("QĐ-BNV", "**QUYẾT\nĐỊNH**\nVỀ VIỆC BAN HÀNH QUY CHẾ THI ĐUA NĂM 2026\n", "QĐ", "ban hành quy chế thi đua năm 2026"),
    # the title runs on into its subject, whose next line is plain
    ("TB-BNV", "**THÔNG BÁO KẾT LUẬN**\nCỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nTẠI HỘI NGHỊ SƠ KẾT CÔNG TÁC CẢI CÁCH HÀNH CHÍNH\n",
     "TB", "kết luận của chủ tịch ủy ban nhân dân tỉnh tại hội nghị sơ kết"),
    # a ministry's circular, its subject repeated by the copy
    ("TT-BNV", "**THÔNG TƯ**\n**Hướng dẫn tiếp nhận hồ sơ trực tuyến**\n**Hướng dẫn tiếp nhận hồ sơ trực tuyến**\n", "TT",
     "hướng dẫn tiếp nhận hồ sơ trực tuyến"),
])
def test_a_title_a_copy_mangled_still_gives_the_kind_and_subject(tmp_path, symbol, title_lines, doc_type, subject):
    text = ("|\n**BỘ NỘI VỤ**\n-------\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n"
            f"---------------\n|\n|\nSố: 52/{symbol}\n|\n*Hà Nội, ngày 16 tháng 10 năm 2026*\n|\n\n" + title_lines +
            "\n*Căn cứ Nghị định số 25/2025/NĐ-CP;*\n\n1. Các cơ quan rà soát hồ sơ trước ngày 30/11/2026.\n")
    d = _directive(tmp_path, text)
    assert d["doc_type"] == doc_type
    assert d["subject"].lower().startswith(subject)
    assert d["subject"].lower().count(subject) == 1


def test_a_decree_that_lost_its_header_is_the_governments(tmp_path):
    d = _directive(tmp_path, "Số: 41/2026/NĐ-CP |\n|\n\n**NGHỊ ĐỊNH**\n\n**Về quản lý hồ sơ điện tử**\n\n"
                             "*Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;*\n\n"
                             "*Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ ban hành quy định về văn thư;*\n\n"
                             "*Theo đề nghị của Bộ trưởng Bộ Nội vụ;*\n\n"
                             "*Chính phủ ban hành Nghị định về quản lý hồ sơ điện tử.*\n\n"
                             "**Điều 1.** Bộ Nội vụ hướng dẫn thực hiện Nghị định này.\n")
    assert (d["issuer"], d["level"], d["doc_type"]) == ("Chính phủ", "central", "NĐ")
