"""Unit names inside sentences, the families real directives write (issue 11, "Units").

Each case is a sentence in our own words; the scanner must return the names as
written and stop where the instruction starts.
"""
from __future__ import annotations

import pytest

from tracker.extract.unit_phrases import units_at


@pytest.mark.parametrize("text,units,rest", [
    # "và" and commas inside a name the vocabulary knows
    ("Sở Văn hóa, Thể thao và Du lịch chủ trì tổ chức giải chạy", ["Sở Văn hóa, Thể thao và Du lịch"], "chủ trì"),
    ("Lãnh đạo Sở Giáo dục và Đào tạo trả lời câu hỏi", ["Lãnh đạo Sở Giáo dục và Đào tạo"], "trả lời"),
    ("Báo và Phát thanh, Truyền hình tỉnh đưa tin", ["Báo và Phát thanh, Truyền hình tỉnh"], "đưa tin"),
    # a named head's name is whatever word follows, even one that opens instructions elsewhere
    ("Sở Xây dựng rà soát các tuyến đường", ["Sở Xây dựng"], "rà soát"),
    ("Ban Quản lý các khu công nghiệp tỉnh hướng dẫn doanh nghiệp", ["Ban Quản lý các khu công nghiệp tỉnh"], "hướng dẫn"),
    ("Văn phòng Đăng ký đất đai cập nhật biến động", ["Văn phòng Đăng ký đất đai"], "cập nhật"),
    ("Quỹ Hỗ trợ nông dân tỉnh cho vay vốn", ["Quỹ Hỗ trợ nông dân tỉnh"], "cho vay"),
    ("Trung tâm Phát triển quỹ đất tỉnh chi trả tiền bồi thường", ["Trung tâm Phát triển quỹ đất tỉnh"], "chi trả"),
    ("Chi cục Thuế khu vực VII đôn đốc thu nộp", ["Chi cục Thuế khu vực VII"], "đôn đốc"),
    # bodies named by their topic, up to the word that places them
    ("Ban Chỉ đạo phòng thủ dân sự tỉnh kiểm tra công tác trực", ["Ban Chỉ đạo phòng thủ dân sự tỉnh"], "kiểm tra"),
    ("Văn phòng Ban chỉ đạo chuyển đổi số quốc gia tổng hợp", ["Văn phòng Ban chỉ đạo chuyển đổi số quốc gia"], "tổng hợp"),
    ("Ban Chỉ đạo theo dõi sát tình hình", ["Ban Chỉ đạo"], "theo dõi"),
    # numbers inside names
    ("UBND Phường 4 Tân Hòa thông báo", ["UBND Phường 4 Tân Hòa"], "thông báo"),
    ("Ban Quản lý dự án đầu tư xây dựng số 2 bàn giao mặt bằng", ["Ban Quản lý dự án đầu tư xây dựng số 2"], "bàn giao"),
    ("UBND xã An Phú 2 niêm yết", ["UBND xã An Phú 2"], "niêm yết"),
    # levels joined by "/" and qualifiers kept
    ("UBND xã/phường tổ chức họp dân", ["UBND xã/phường"], "tổ chức"),
    ("UBND các xã, phường, đặc khu rà soát", ["UBND các xã, phường, đặc khu"], "rà soát"),
    # which places of a level, as a range: the storm's provinces ("từ ... đến ..." after the level)
    ("Chủ tịch UBND các tỉnh, thành phố từ Quảng Ninh đến Thừa Thiên Huế khẩn trương sơ tán dân",
     ["Chủ tịch UBND các tỉnh, thành phố từ Quảng Ninh đến Thừa Thiên Huế"], "khẩn trương"),
    ("UBND các xã từ Tân Lập đến Hòa Bình triển khai lực lượng", ["UBND các xã từ Tân Lập đến Hòa Bình"], "triển khai"),
    # a range of days is no place: the name stops before it
    ("UBND các xã từ ngày 5 đến ngày 10 tổ chức tiếp dân", ["UBND các xã"], "từ ngày"),
    ("Các sở, ban, ngành trực thuộc UBND tỉnh; UBND các xã, phường có trách nhiệm",
     ["Các sở, ban, ngành trực thuộc UBND tỉnh", "UBND các xã, phường"], "có trách nhiệm"),
    ("Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ chỉ đạo",
     ["Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ"], "chỉ đạo"),
    ("Các bệnh viện trong và ngoài công lập báo cáo", ["Các bệnh viện trong và ngoài công lập"], "báo cáo"),
    # a list after a colon: one unit per name, the head before each
    ("Các Sở: Nội vụ, Tư pháp, Y tế phối hợp kiểm tra", ["Sở Nội vụ", "Sở Tư pháp", "Sở Y tế"], "phối hợp"),
    ("Các Bộ: Công an, Văn hóa, Thể thao và Du lịch, Giáo dục và Đào tạo theo dõi",
     ["Bộ Công an", "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Giáo dục và Đào tạo"], "theo dõi"),
    ("Giám đốc các Sở: Tài chính, Xây dựng chịu trách nhiệm",
     ["Giám đốc Sở Tài chính", "Giám đốc Sở Xây dựng"], "chịu trách nhiệm"),
    # a head that is also a verb: alone before more verbs or a verb's object it is the verb
    ("Thanh tra, kiểm tra việc chấp hành quy định về đê điều", [], "Thanh tra,"),
    ("Thanh tra và xử lý nghiêm các vi phạm", [], "Thanh tra và"),
    ("Thanh tra việc quản lý quỹ bảo trì", [], "Thanh tra việc"),
    ("Thanh tra chủ trì, phối hợp với Công an tỉnh", ["Thanh tra"], "chủ trì"),
    ("Thanh tra tỉnh, Công an tỉnh kiểm tra định kỳ", ["Thanh tra tỉnh", "Công an tỉnh"], "kiểm tra"),
    # the elected: the delegation, the council's groups of deputies and its deputies named together as one unit
    ("Đoàn đại biểu Quốc hội tỉnh chủ trì tiếp xúc cử tri", ["Đoàn đại biểu Quốc hội tỉnh"], "chủ trì"),
    ("Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân, các Tổ đại biểu và các đại biểu Hội đồng nhân dân "
     "tỉnh giám sát việc thu phí", ["Thường trực Hội đồng nhân dân", "các Ban của Hội đồng nhân dân",
                                  "các Tổ đại biểu và các đại biểu Hội đồng nhân dân tỉnh"], "giám sát"),
    ("Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh tổng hợp ý kiến",
     ["Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh"], "tổng hợp"),
    # the part of a body that does the work, in brackets after it, or its short name: kept as written
    ("Sở Nông nghiệp và Môi trường (Chi cục Thủy lợi) theo dõi mực nước", ["Sở Nông nghiệp và Môi trường (Chi cục Thủy lợi)"],
     "theo dõi"),
    ("Đài Phát thanh tỉnh (NRT) đưa tin", ["Đài Phát thanh tỉnh (NRT)"], "đưa tin"),
    # not words about it, nor the short name it is called by next
    ("Sở Y tế (nếu có) báo cáo", ["Sở Y tế"], "(nếu có)"),
    ("Ủy ban nhân dân tỉnh (qua Sở Nội vụ) tổng hợp", ["Ủy ban nhân dân tỉnh"], "(qua"),
    ("Ủy ban nhân dân tỉnh Bắc Lam (UBND tỉnh) chỉ đạo", ["Ủy ban nhân dân tỉnh Bắc Lam"], "(UBND tỉnh)"),
    # places listed bare after the body of a place: that body of each place
    ("Ủy ban nhân dân tỉnh Bắc Lam, tỉnh Nam Sơn và thành phố Hải Đông hỗ trợ lương thực",
     ["Ủy ban nhân dân tỉnh Bắc Lam", "Ủy ban nhân dân tỉnh Nam Sơn", "Ủy ban nhân dân thành phố Hải Đông"], "hỗ trợ"),
    ("Chủ tịch UBND tỉnh Bắc Lam, tỉnh Nam Sơn chỉ đạo", ["Chủ tịch UBND tỉnh Bắc Lam", "Chủ tịch UBND tỉnh Nam Sơn"], "chỉ đạo"),
    # not after another kind of body
    ("Bộ Xây dựng, thành phố Hải Đông thống nhất phương án", ["Bộ Xây dựng", "thành phố Hải Đông"], "thống nhất"),
    # "phòng" before a lower-case word no name holds is a verb's first syllable, not an office
    ("Lực lượng phòng cháy, chữa cháy rừng khi nhận lệnh", ["Lực lượng"], "phòng cháy"),
    ("Các phòng chuyên môn thuộc UBND xã tham mưu", ["Các phòng chuyên môn thuộc UBND xã"], "tham mưu"),
    # mass organisations and branches whose names go on in lower case
    ("Hội Chữ thập đỏ tỉnh tiếp nhận hàng cứu trợ", ["Hội Chữ thập đỏ tỉnh"], "tiếp nhận"),
    ("Liên minh Hợp tác xã tỉnh hỗ trợ thành viên", ["Liên minh Hợp tác xã tỉnh"], "hỗ trợ"),
    ("Ngân hàng Chính sách xã hội chi nhánh tỉnh giải ngân", ["Ngân hàng Chính sách xã hội chi nhánh tỉnh"], "giải ngân"),
    # the political-social organisations written without the dash
    ("các tổ chức chính trị xã hội vận động hội viên", ["các tổ chức chính trị xã hội"], "vận động"),
    # the list after a plural head written in lower case
    ("Giám đốc các sở: Tài chính, Xây dựng ký xác nhận", ["Giám đốc Sở Tài chính", "Giám đốc Sở Xây dựng"], "ký"),
    ("các sở: tổng hợp ý kiến", ["các sở"], ":"),
    # a plural kind the heads leave out goes on a list after a separator
    ("Giám đốc Sở Tư pháp, Chủ tịch UBND các xã, các tổ chức, cá nhân liên quan chịu trách nhiệm thi hành",
     ["Giám đốc Sở Tư pháp", "Chủ tịch UBND các xã", "các tổ chức, cá nhân liên quan"], "chịu trách nhiệm"),
    ("Sở Công Thương và các doanh nghiệp nhà nước trực thuộc Ủy ban nhân dân tỉnh rà soát",
     ["Sở Công Thương", "các doanh nghiệp nhà nước trực thuộc Ủy ban nhân dân tỉnh"], "rà soát"),
    # a quantity after a name is not part of it
    ("Sở Tư pháp 3 ngày làm việc", ["Sở Tư pháp"], "3 ngày"),
])
def test_unit_names_in_a_sentence(text, units, rest):
    spans, end = units_at(text)
    assert [s.text for s in spans] == units
    assert text[end:].strip().startswith(rest)
