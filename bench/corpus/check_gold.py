#!/usr/bin/env python3
"""Check hand-written gold answers against the rebuilt documents, before scoring.

    python bench/corpus/check_gold.py [--out DIR] [ID ...]     # default: every gold file

A gold task is matched by score.py when fold(anchor) is a substring of the
reader's task text, so an anchor that is not in the document (a typo, a span
cut by a page break) makes a document's score wrong whatever the reader does.
This prints each such anchor, and each task lacking one of the contract's keys
or with an unknown deadline kind, and exits 1 if there is any. With -v it also
lists anchors that occur more than once in the text: often right (a task table
restating the body, two units given the same words), but worth a look when a
new gold file is written. It reads the document's own text (markdown emphasis
removed; for a PDF, its text and its table cells page by page, where a cell
cut by a page break holds only the anchor's first words: that is listed with
-v, not counted), not the reader's output: it checks the gold, not the reader.

A header number or date that the document does not write is a problem: the
contract makes the number null and the date its month (or null) where the
document leaves them blank, as signed PDFs do ("Số: /BNV-CCHC", "ngày  tháng
12 năm 2025"); a number taken from the file's name is a fact no reader sees.
A deadline that the contract's table cannot read (a date, start or period
without its ISO `date`, a period whose date is not the last day of a month) is
a problem too. With --conventions it also lists CANDIDATES, entries that may
break a convention of the contract and need a reading of the document to
decide (they do not fail the check):
  joined      a unit that looks like two units in one: a new role word
              ("Bộ trưởng, Thủ trưởng ...", "... và Chủ tịch ..."), a list after
              a colon ("Các Sở: Nội vụ, Tư pháp" is one unit per sở), or a
              second named unit ("Bộ Công an và Bộ Quốc phòng")
  ubnd        a unit "UBND tỉnh X" / "Chủ tịch UBND tỉnh X" not written near
              its task: the task or the sentence introducing it may name "tỉnh
              X" or "Tỉnh" (units are given as written, not rewritten into the
              place's people's committee); right where a list after a colon
              is split or the document's addressee line writes it
  split       two units of one task that the text writes as one list of
              common nouns ("cơ quan, đơn vị", s27 also "bộ, ngành và địa phương"):
              one collective unit, as "Sở, ban, ngành tỉnh" is, unless they are different kinds of actor
              ("lực lượng quân đội, công an"; "các bộ, tỉnh" where the text
              defines "bộ" and "tỉnh" as two groups)
  unwritten   any other unit whose words are not in the document (often right:
              "Các Sở: Nội vụ, Tư pháp" gives "Sở Nội vụ")
  deadline    a kind that its own text contradicts ("thường xuyên" not
              recurring, a "date" with no day, a relative span without hours
              or days)
  closing     a task whose sentence is the execution clause of a quyết định or chỉ
              thị ("X, Y ... chịu trách nhiệm thi hành Quyết định này./."): the
              closing, which the eval README says is no task
  recurring   (s27) a task with no deadline, or an `event`, whose item says how often its unit
              acts ("thường xuyên kiểm tra", "định kỳ báo cáo", "hằng tháng tổng hợp"), wherever
              the word stands in the item: recurring unless the item sets a one-off date,
              start, period or span (those win); budget and plan nouns ("chi thường xuyên",
              "kế hoạch ... hằng năm", "giáo dục thường xuyên") are no cadence. s31: "hằng năm"
              that qualifies a noun names which budget, plan, report or settlement, not when the
              work falls ("bố trí kinh phí trong dự toán ngân sách hằng năm", "quyết toán hằng
              năm", "chiến dịch ... hằng năm"): no deadline, unless the item or a time cell gives
              one; a cadence word beats a condition ("thực hiện thường xuyên khi có yêu cầu",
              "định kỳ hoặc đột xuất": recurring; "khi có yêu cầu" alone: event)
  event       (s27) an `event` whose text is discretion ("khi cần thiết"), or a task with no deadline whose item makes its work wait for something
              ("khi có yêu cầu", "sau khi ... ban hành", "nếu có khó khăn, vướng mắc ... báo
              cáo", "vướng mắc (nếu có)"); "khi cần thiết" (discretion) and "khi thực hiện ..."
              (manner) are none
  role        (s27) a unit "Bộ X" where the text addresses "Bộ trưởng Bộ X" or "Bộ trưởng các
              Bộ: X, ...": the gold keeps the role word as written ("Bộ trưởng Bộ X"), since
              score.py drops "Thủ trưởng", "Chủ tịch", "Giám đốc" but not "Bộ trưởng"
  support     (s27) a task with no support whose item writes "phối hợp với X" / "phối hợp
              chặt chẽ với X": the addressee leads and X supports (eval README)
  (s31, no candidate check) delegated competences are no tasks: in a phân cấp / ủy quyền
              decision the delegated content (which unit is competent for which class of cases,
              by scale or area: "X cấp giấy phép ...", "X chủ trì thẩm định ...", "X chủ trì tổ
              chức giám định ...", "X chịu trách nhiệm quản lý trật tự xây dựng ...") gives no
              task whatever its article is titled; the duties of carrying the decision out
              ("Tổ chức thực hiện", "Trách nhiệm của <unit>") are tasks
  (s32) three conventions the dev gold answered inconsistently, decided from ../shared/eval/README.md
  ("one task per actionable item ... or an unnumbered paragraph that gives one [instruction]"; the closing
  "Yêu cầu ... nghiêm túc thực hiện./." is no task; rows of a table that assign a lead unit are tasks; the
  `event` and `relative` deadline kinds), the twelve sample directives' gold and issue 11 (a limit that
  applies to each case is a relative deadline, "so tracking can treat it as a standing rule"):
  norm        (a) norm articles of a regulation. In a QĐ/TT/NQ/NĐ whose articles state rules (an issued
              Quy chế, Quy định, Điều lệ, a decentralisation text, an HĐND resolution of norms), a Điều,
              khoản or điểm is a task only when it hands out work: it, its heading or the lead-in above it
              names the unit that must act ("Trách nhiệm của X", "X chủ trì, phối hợp với Y ...", "Giao
              X ...", "X có trách nhiệm ...", a coordination regulation's per-unit duties, a per-case duty
              with a time limit: relative). Rules are no task: scope, subjects, definitions, principles;
              criteria, conditions, levels, prices, lists and catalogues (what qualifies, what a scheme
              may apply, where and from when a regime applies: a dated roadmap that names no unit);
              competences (who decides or approves which class of case, s31); rights, permissions,
              prohibitions, who answers for a content ("chịu trách nhiệm toàn diện về nội dung"); rules of
              conduct the regulation sets for the public at large (s34: see people below; a model nội quy's
              clauses, "các hộ kinh doanh phải ..."; a step of a procedure is (c), not this); effect,
              transition and amendment clauses; the execution clause. A plan's items (a KH, or a QĐ
              issuing one) are work, not norms: this convention does not touch them. Candidate: a task
              of a QĐ/TT/NQ/NĐ whose lead is empty (an item naming no unit anywhere states a rule; where
              a heading or lead-in names its unit, give that unit instead).
  report      (b) a directive's or plan's paragraph or item "(Trong quá trình thực hiện,) nếu có khó khăn,
              vướng mắc, X báo cáo / phản ánh về Y" is a task with an `event` deadline (it gives an
              instruction: report to Y when the difficulty arises), numbered or not, also when it follows
              the closing sentence; its lead is the units it names, or, when it names none, the units the
              closing or reporting section it stands in addresses; Y receives the report (no support).
              As a sentence inside an item that already gives work it belongs to that item (no task of
              its own). "Định kỳ ... báo cáo" items and paragraphs are tasks too (recurring, s27), as the
              sample directives' "Báo cáo kết quả ... hằng tháng" are. Candidate: such a sentence that
              opens an item or paragraph and lies in no gold task's item.
  step        (c) steps of an approved procedure. A procedure that the document itself approves or issues
              for its bodies (a quy trình nội bộ / quy trình điện tử giải quyết TTHC step table: Bước |
              nội dung | đơn vị/người thực hiện | thời gian; a step-by-step procedure in the body) gives a
              task per step that names its responsible body and a time limit: text = the step's content,
              lead = the body, deadline = `relative` with hours or days ("0,25 ngày làm việc" -> days
              0.25) or `event` when the step waits for something without a span. Steps with no body or
              no time limit (a list of phases, "Bước 1. Xác định nội dung ...") are the procedure's rules.
              The published content of a TTHC (Part "Nội dung thủ tục hành chính" of a công bố decision:
              trình tự thực hiện, cách thức, hồ sơ, thời hạn giải quyết as the law sets them) is what is
              published, not work the decision hands out: no task. Candidate: a gold task on a step
              ("Bước N ...") whose deadline is not relative or event.
  (s33) four conventions the gold of both halves answered in more than one way, settled from
  ../shared/eval/README.md ("units as written, split ... only where they name different units") and the
  sample gold (hung-yen-1846: "các sở, ban, ngành tỉnh, UBND các huyện, thị xã, thành phố và các cơ quan,
  đơn vị có liên quan" is three units), and applied to both halves from texts and gold only:
  budget      (s31, made mechanical) a yearly word that follows a budget or settlement noun in its clause
              ("bố trí kinh phí ... trong dự toán ngân sách hằng năm", "kinh phí chi thường xuyên hằng
              năm", "quyết toán hằng năm") names which budget, not when the work falls: no deadline from it.
              Only budget nouns (kinh phí, dự toán, ngân sách, quyết toán, dự trù, chi thường xuyên, vốn);
              after "kế hoạch" the word is read in its sentence ("tổng hợp, đánh giá kết quả thực hiện kế
              hoạch hằng năm" in a 2026-2030 plan is a yearly summary: recurring). A yearly word that opens
              the item or its clause ("Hằng năm, lập dự toán ...") and a time cell ("Hằng năm" in a
              "Thời gian" column) are cadences. Candidate: a recurring gold deadline whose text is a bare
              yearly word, whose item's yearly words all follow a budget noun, not given by a time cell
              (a line or cell of its own).
  related     a catch-all group "các <kinds> (có) liên quan / khác" joined to what precedes it by "và các"
              is a unit of its own ("các sở, ngành và các cơ quan, đơn vị có liên quan" -> "các sở, ngành"
              + "các cơ quan, đơn vị có liên quan"), as it is after a named unit ("Sở Tài chính và các cơ
              quan liên quan"). A comma list the qualifier closes shares it and stays one ("các ngành, các
              cơ quan, địa phương có liên quan", "tổ chức, cá nhân có liên quan"), and so do kinds joined by
              "và" with no "các" ("các cơ quan, đơn vị và cá nhân có liên quan", "các Bộ, cơ quan và địa
              phương liên quan"). Candidate: a unit string holding a "và các ... liên quan/khác" join.
  attached    a unit's attachment is part of its name as written: "X thuộc/trực thuộc Y" is one unit
              (never cut to X), and so is a bracket right after it that names a body: its acting part
              ("Sở Nội vụ (Ban Thi đua - Khen thưởng)", "Văn phòng UBND tỉnh (Trung tâm Phục vụ hành
              chính công tỉnh)"), its parent ("Trung tâm Chuyển đổi số (Sở Khoa học và Công nghệ)",
              "(thuộc Văn phòng UBND tỉnh)"), its identity or acronym ("Đài Truyền hình Việt Nam (VTV)",
              "Nhà đầu tư (Tập đoàn Đèo Cả)") or its members by name ("(VNPT, Viettel, MobiFone)"). A
              bracket that defines ("(sau đây gọi là ...)", "(gồm ...)"), points ("(gửi kèm theo)",
              "(theo danh sách ...)"), counts, cites or gives examples ("(như ...)") is left out. Candidate:
              a unit whose every place in its item is followed by "thuộc <body>" or such a bracket.
  recipients  a header addressee line that lists names after a colon under one kind of body and at most
              one office ("Các Sở: A, B; C", "Các Bộ: A, B", "Bộ trưởng các Bộ: A, B", "Các Cục: A, B",
              "Tổng giám đốc: Đài A, Đài B") gives one recipient per name, written with the line's office
              and kind ("Sở A", "Bộ trưởng Bộ A", "Tổng giám đốc Đài A"), as task units do (issue 11:
              "'Các Sở: Nội vụ, Tư pháp, Y tế' is three sở"). A line whose names the text does not give a
              kind for ("... các tỉnh, thành phố: A, B") or that names two offices ("Bí thư Tỉnh ủy, Chủ
              tịch UBND các tỉnh: A, B") stays one recipient as written. Candidate: a recipient that is
              such a splittable list.
  (s34) four conventions the gold of both halves answered in more than one way, settled from
  ../shared/eval/README.md (a task is "an item that carries an instruction"; the lead is "the unit the item is
  addressed to"; `event` is "when something happens"), the practice of most gold files, and applied to both
  halves from texts and gold only:
  people      (d) a duty with a named bearer, written as an obligation ("X phải / có trách nhiệm / có nghĩa vụ
              ...", "Trách nhiệm của X: 1. ..."), is a task led by X as written, in directives and plans
              whoever X is. In a regulation it is a task when it stands in an article that hands out
              responsibility ("Trách nhiệm ...", "Nhiệm vụ ...", "Tổ chức thực hiện", "Điều khoản thi hành"),
              or when X is a body, an official, a holder of an official account ("cá nhân được cấp hộp thư
              điện tử công vụ", "người sử dụng Hệ thống") or an actor the text names by its role in the
              regulated field (doanh nghiệp viễn thông, chủ rừng, chủ đầu tư / chủ sở hữu / ban quản lý of a
              works, chủ cơ sở, đơn vị vận hành); in the regulation's substantive articles a duty of the
              public at large (tổ chức, cá nhân, hộ gia đình, người dân, mọi người + an everyday activity:
              using electricity, producing waste, visiting a public place, holding a wedding) is a rule of
              conduct, no task. Never a task: eligibility conditions ("phải đáp ứng các điều kiện sau"),
              principles, prohibitions, permissions, sanctions ("sẽ bị xử lý"), who pays, who answers for a
              content, a lead-in whose a), b) items carry the duties, a model nội quy's clauses. Candidates:
              such a duty opening an item or sentence in no gold task's item (people), and a gold task of a
              regulation led only by the public at large outside a responsibility article (public).
  status      (e) "X là cơ quan đầu mối / thường trực / tham mưu ..." that only names a role or status is no
              task; the same sentence going on to work ("..., chủ trì ...", "có nhiệm vụ ...", "với vai trò
              là ..., chủ động ... báo cáo") is a task led by X, or a lead-in giving X to the items under
              it. Candidate: a gold task whose item is only such a sentence.
  level       (f) items under a warning or situation level that heads them ("Dự báo cháy rừng cấp III",
              "Khi dự báo đến Cấp II", "Với trận mưa lớn (đến 70mm/h)") are tasks with an `event` deadline
              (the level being reached), unless the item carries its own cadence ("thường xuyên", "hàng
              ngày": recurring, s27) or its own event ("Khi xảy ra cháy rừng"); powers ("được quyền") and
              discretion ("Khi cần thiết") are no task. Candidate: such an item with no deadline.
  paired      (c') the step tables of (c) repeat a step's words in every procedure of a document with other
              time values; score.py pairs each gold task with the SHORTEST unused predicted text holding its
              anchor, so a reader's copies that differ by a character cross the pairs and count as 'other
              value'. Not a gold error (the anchor cannot be made unique); listed once per document.
  anchor      an anchor none of whose places in the text can begin an item:
              it follows words that are not an enumerator, a sentence or
              clause end or a label ending in ":", or it opens a wrapped line in
              lower case after a line that ends no sentence (an anchor is a
              task's first words)
"""
from __future__ import annotations

import argparse
import calendar
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import build  # noqa: E402  (bench/corpus/build.py: where the documents are rebuilt)

sys.path.insert(0, str(HERE.parent.parent.parent / "shared" / "eval"))
from score import LONG, fold  # noqa: E402  (../shared/eval/score.py: the fold the scorer matches anchors with)

KINDS = {"date", "start", "period", "recurring", "relative", "event"}
# words that begin a new official's title or a new named unit inside a unit string
ROLE = r"(bộ trưởng|thủ trưởng|chủ tịch|phó chủ tịch|giám đốc|tổng giám đốc|bí thư|người đứng đầu|trưởng ban|trưởng)\b"
HEAD = r"(sở|bộ|ubnd|ủy ban nhân dân|uỷ ban nhân dân|công an|cục|vụ|tập đoàn|tổng công ty|ban quản lý|văn phòng)\s+\w"
RECUR = re.compile(r"thường xuyên|hằng (ngày|tuần|tháng|quý|năm)|hàng (ngày|tuần|tháng|quý|năm)|định kỳ", re.I)
# what may stand before an anchor on its line: enumerators, bullets, markdown, a heading or label ending in ":"
LEAD_IN = re.compile(r"^[\s#>*_|]*((điều|khoản)\s+\d+[.:]?|[ivxlc]+[.)]|\d+(\.\d+)*[.)]?|[a-zđ][.)]|\(\w{1,4}\)|[-+•–—*])?[\s*_]*$", re.I)
KEYS = ("anchor", "lead", "support", "deadline", "indicators")
# the execution clause that closes a quyết định / chỉ thị (folded): "... chịu trách nhiệm thi hành Quyết định này"
# s27 conventions (corpus.md "Gold conventions settled in session 27"); matched on folded item text
CADENCE = re.compile(r"\b(thuong xuyen|dinh ky|(hang|hang) (ngay|tuan|thang|quy|nam)|moi (ngay|tuan|thang|quy))\b")
NOT_CADENCE = re.compile(r"\b(chi thuong xuyen|giao duc thuong xuyen|suc khoe dinh ky|cong viec thuong xuyen"
                         r"|(ke hoach|du toan|kinh phi|ngan sach|von|dau tu cong|trung han|chi tieu|quyet toan"
                         r"|chien dich)\b[^.;:]{0,60}"
                         r"\b(hang|hang) nam)\b")
TRIGGER = re.compile(r"\b(ngay sau khi|sau khi|ngay khi|khi co|khi xay ra|khi phat sinh|khi duoc|khi phat hien"
                     r"|khi nhan duoc|neu co (kho khan|vuong mac|phat sinh)|truong hop (co )?(kho khan|vuong mac|phat sinh"
                     r"|vuot)|vuong mac \(neu co\))")
DISCRETION = re.compile(r"\b(khi|truong hop) can thiet\b")
COOPERATE = re.compile(r"\bphoi hop (chat che )?(voi\b|(?=(cac|so|bo|ubnd|uy ban|ban|trung tam|van phong|cong an|nha dau tu)\b))")
# what ends an item in the folded text: a line that begins with an enumerator, or a table cell border
ITEM_END = re.compile(r"\n\s*[#>*_]*\s*((dieu|khoan)\s+\d+|[ivxlc]+[.)]|\d+(\.\d+)*[.)]|[a-zd][.)]|\(\w{1,4}\)|[-+•–—])\s|\n\s*\n|\|")
CLOSING = re.compile(r"chiu trach nhiem (to chuc )?(thi hanh|thuc hien) (quyet dinh|chi thi|thong bao|nghi quyet) nay")
# s32 conventions (see the docstring: norm, report, step)
REGULATION = {"QĐ", "TT", "NQ", "NĐ"}
# a difficulty-report sentence, folded: "nếu có / nếu phát sinh / nếu gặp / có phát sinh ... khó khăn, vướng mắc"
DIFFICULTY = re.compile(r"[^.;:!?]*\b(neu (co|phat sinh|gap)|co phat sinh)\b[^.;:!?]{0,60}?\b(kho khan|vuong mac)\b[^.;!?]*")
REPORTS = re.compile(r"\b(bao cao|phan anh|gui (ve|y kien|phan anh)|de xuat)\b")
STEP = re.compile(r"buoc \d+\b")
# a QĐ issuing a plan or programme: its items are a plan's work, not norm articles
PLAN_SUBJECT = re.compile(r"\b(ke hoach|chuong trinh|de an|phuong an|lo trinh)\b")
# s33 conventions (see the docstring: budget, related, attached, recipients), on folded text
BUDGET_YEAR = re.compile(r"\b(kinh phi|du toan|ngan sach|quyet toan|du tru|chi thuong xuyen|von)\b"
                         r"(?:\s+[^\s.,;:\d]+){0,7}?\s+hang nam\b")
BARE_YEARLY = re.compile(r"\W*hang nam\W*")
RELATED_JOIN = re.compile(r"\S.*? va (cac [^,;]*?(?:, [^,;]+?)*\b(?:co )?lien quan(?: khac)?|cac [^,;]*?\bkhac(?: co lien quan)?)$")
# what may follow a unit as its attachment: "thuộc/trực thuộc" a body, or a bracket naming a body
ATTACHED = re.compile(r"\s*(?:(?:truc thuoc|thuoc)\s+(?:cac\s+)?(?:ubnd|uy ban|so|bo|van phong|cuc|tong cuc|chinh phu|tinh|thanh pho|trung tam)\b"
                      r"|\((?!\s*(?:sau day|gom|bao gom|nhu|gui kem|kem theo|theo|co danh sach|goi tat|viet tat|tru|diem|khoan|dieu|\d))[^)]{2,80}\))")
# a header list under one kind of body and at most one office: "Các Sở: A, B", "Bộ trưởng các Bộ: A, B"
ONE_KIND = re.compile(r"(?:(?:bo truong|thu truong|giam doc|tong giam doc|chu tich|truong)\s+)?(?:(?:ubnd|uy ban nhan dan)\s+)?"
                      r"(?:cac\s+(?:so|bo|cuc|tong cuc|hoi|hiep hoi|ban|tinh|xa|phuong|huyen|dai|tap doan)|tong giam doc|giam doc)")

# s34 conventions (see the docstring: people, status, level, paired), on folded text
# a bearer, then an obligation in the same clause: "Tổ chức, cá nhân ... phải", "Doanh nghiệp viễn thông có trách nhiệm"
PEOPLE = re.compile(r"(?:cac |moi )?(?:to chuc, ca nhan|ca nhan, to chuc|to chuc va ca nhan|ca nhan|ho gia dinh|nguoi dan|nguoi duoc giao"
                    r"|cong dan|moi nguoi|doanh nghiep|chu rung|chu dau tu|chu du an|chu so huu|chu co so|ban quan ly"
                    r"|co so (?:san xuat|kinh doanh)|nha dau tu|nguoi su dung)\b[^.;:]{0,160}?"
                    r"\b(?:phai|co trach nhiem|co nghia vu)\b")
# the public at large: a bearer named by persons doing an activity, not by a role in the regulated field
PUBLIC = re.compile(r"(?:cac |moi )?(?:to chuc|ca nhan|ho gia dinh|nguoi dan|cong dan|moi nguoi|nguoi su dung(?! he thong))\b"
                    r"(?![^.;:]{0,60}\b(?:duoc (?:cap|giao)|cong vu|su dung he thong)\b)")  # a holder of an official account is staff
# what no duty is: conditions, principles, prohibitions, permissions, sanctions, who pays, who answers for a content
NOT_DUTY = re.compile(r"\b(?:(?:dap ung|du|cac) (?:cac )?(?:dieu kien|tieu chi|tieu chuan) sau|nguyen tac|khong duoc|nghiem cam|bi cam|duoc quyen|se bi|bi xu ly|boi thuong"
                      r"|tra chi phi|chi tra|(?:phai|co trach nhiem) chiu trach nhiem|so (?:thue )?phai nop)\b")
# an article about an official system's accounts: their holders are staff, not the public
STAFF_ARTICLE = re.compile(r"\b(?:cong vu|thu dien tu|tai khoan)\b")
# an article that hands out responsibility for carrying the regulation out
DUTY_ARTICLE = re.compile(r"\b(?:trach nhiem|nhiem vu|to chuc thuc hien|dieu khoan thi hanh|phan cong)\b")
# a role or status and nothing else: "X là cơ quan thường trực của Hội đồng."
ROLE_ONLY = re.compile(r"[^.;:]{3,120}? la (?:co quan|don vi|dau moi)\b[^.;:]{0,120}[.;]?")
WORK_AFTER_ROLE = re.compile(r"\b(chu tri|co nhiem vu|co trach nhiem|thuc hien|to chuc|theo doi|don doc|tong hop|huong dan"
                             r"|tham muu [^.;]*\b(trien khai|thuc hien|ban hanh|xay dung)|tiep nhan|bao cao|chiu trach nhiem)\b")
# a warning or situation level that heads the items under it ("Dự báo cháy rừng cấp III", "Khi dự báo đến Cấp II")
LEVEL_HEAD = re.compile(r"^[\s#*_>-]*(?:(?:\d+(?:\.\d+)*|[a-zđ]|[ivx]+)[.)]\s*)?(?:(?:du bao )?(?:chay rung )?cap (?:du bao )?(?:i|ii|iii|iv|v)\b"
                        r"|khi du bao (?:o |den )?cap\b|(?:voi|doi voi) (?:tran|tinh huong)[^.;]{0,60}\bmua\b)")


def document_text(path: Path) -> str:
    if path.suffix == ".pdf":
        import pdfplumber
        # table cells wrap inside their column: read them cell by cell as well
        with pdfplumber.open(path) as pdf:
            parts = []
            for page in pdf.pages:
                parts.append(page.extract_text() or "")
                parts += [c or "" for t in page.extract_tables() for row in t for c in row]
            return "\n".join(parts)
    if path.suffix == ".docx":
        import docx
        d = docx.Document(str(path))
        cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in d.paragraphs] + cells)
    return path.read_text(encoding="utf-8", errors="replace")


def problems(gold: dict, text: str, repeats: bool = False, paged: bool = False) -> list[str]:
    folded = fold(text.replace("*", "").replace("_", ""))
    out = []
    for t in gold.get("tasks", []):
        missing = [k for k in KEYS if k not in t]
        if missing:
            out.append(f"task {t.get('anchor', '?')!r} lacks {', '.join(missing)}")
            continue
        n = folded.count(fold(t["anchor"]))
        head = " ".join(fold(t["anchor"]).split()[:5])
        if n == 0 and paged and head in folded:
            if repeats:
                print(f"    (only the anchor's first words are on one page: {t['anchor']!r})")
        elif n == 0:
            out.append(f"anchor not in the text: {t['anchor']!r}")
        elif n > 1 and repeats:
            print(f"    (anchor occurs {n} times: {t['anchor']!r})")
        if t["deadline"] and t["deadline"].get("kind") not in KINDS:
            out.append(f"unknown deadline kind {t['deadline'].get('kind')!r}: {t['anchor']!r}")
        elif t["deadline"]:
            out += [f"{p}: {t['anchor']!r}" for p in deadline_problems(t["deadline"])]
    return out + header_problems(gold.get("directive") or {}, text)


def header_problems(directive: dict, text: str) -> list[str]:
    """A number or a day the document leaves blank is null (contract), not filled in from elsewhere.

    Signed PDFs often print "Số: /BNV-CCHC" and "ngày  tháng  năm 2025": the e-office stamps the number and
    day outside the text, and a gold writer reading the file's name or folder would score the reader on facts
    no reader of the document can see.
    """
    out = []
    text = text.replace("*", "").replace("_", "")  # markdown emphasis may cut a number ("ngày 25 tháng 1**1** năm 2025")
    squeezed = re.sub(r"\s+", "", fold(text))
    number = directive.get("number")
    if number and re.sub(r"\s+", "", fold(number)) not in squeezed:
        out.append(f"number {number!r} not written in the document (null where it is left blank)")
    date = directive.get("date") or ""
    if re.fullmatch(r"\d{4}", date):
        out.append(f"date {date!r} is a year alone (the contract's date is a day or a month: null where the month is blank)")
    if len(date) == 10:
        y, m, d = (x.lstrip("0") for x in date.split("-"))
        written = (rf"ngay\s*0?{d}\s*thang\s*0?{m}\s*nam\s*{y}", rf"(?<!\d)0?{d}\s*[/.-]\s*0?{m}\s*[/.-]\s*{y}")
        if not any(re.search(w, fold(text)) for w in written):
            out.append(f"date {date!r} not written in the document (the month alone, or null, where the day is blank)")
    return out


def deadline_problems(d: dict) -> list[str]:
    """What the contract's table cannot read: a dated kind without an ISO date, a period not ending a month."""
    if d["kind"] not in ("date", "start", "period"):
        return []
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(d.get("date", "")))
    if not m:
        return [f"deadline {d['kind']} without an ISO date ({d.get('date')!r})"]
    y, mo, day = map(int, m.groups())
    if d["kind"] == "period" and day != calendar.monthrange(y, mo)[1]:
        return [f"period date {d['date']} is not the last day of its month"]
    return []


def _norm(s: str) -> str:
    """fold() plus the scorer's long-name abbreviations, punctuation as spaces: how units are compared."""
    s = fold(s)
    for a, b in LONG:
        s = s.replace(a, b)
    return re.sub(r"\s+", " ", re.sub(r"[^\w ]", " ", s)).strip()


def joined(unit: str) -> str | None:
    """Why a unit string may hold two units, or None."""
    if re.search(r":\s*\S.*,", unit):
        return "a list after a colon"
    parts = re.split(r"\s*[,;]\s*|\s+và\s+|/", unit)
    for p in parts[1:]:
        if re.match(ROLE, p, re.I):
            return f"a new role word ({p.split()[0]})"
        if re.match(HEAD, p, re.I) and re.match(r"\w+\s+[A-ZĐÂĂÊÔƠƯ]", p) and not re.match(r"(sở|bộ),", p, re.I):
            return f"a second named unit ({p})"
    return None


def conventions(gold: dict, text: str) -> list[str]:
    """Candidates for a reading (see the docstring): they may break a convention, or be right."""
    plain = text.replace("*", "").replace("_", "")
    normed = " " + _norm(plain) + " "
    # folded line by line, so that an anchor can be found across a wrapped line and its line start is still known
    raw_lines = text.splitlines()  # with their markdown: a bold line is a heading
    joined_lines = "\n".join(fold(x.replace("*", "").replace("_", "")) for x in raw_lines)
    flat = joined_lines.replace("\n", " ")
    out, seen = [], set()
    for t in gold.get("tasks", []):
        a = fold(t["anchor"])
        at = normed.find(" " + _norm(t["anchor"]) + " ")
        near = normed[max(0, at - 800):at + len(t["anchor"]) + 500] if at >= 0 else normed
        for k in ("lead", "support"):
            for u in t.get(k, []):
                name = u if isinstance(u, str) else u.get("name", "")
                n = _norm(name)
                m = re.match(r"(?:(?:chu tich|bi thu) )?ubnd ((?:tinh|thanh pho|tp) .+)$", n)
                if m and f" {n} " not in near:
                    # the place's people's committee, not written near the task: does the task name the place itself?
                    out.append(f"ubnd (not written near the task, which may name {m.group(1)!r} itself): "
                               f"{k} {name!r} at {t['anchor'][:40]!r}")
                if (k, name) in seen:
                    continue
                seen.add((k, name))
                why = joined(name)
                if why:
                    out.append(f"joined ({why}): {k} {name!r}")
                if f" {n} " not in normed and not m:
                    out.append(f"unwritten: {k} {name!r}")
        for k in ("lead", "support"):
            names = [u if isinstance(u, str) else u.get("name", "") for u in t.get(k, [])]
            for x, y in zip(names, names[1:]):
                y2 = fold(re.sub(r'^các ', '', y, flags=re.I))
                joins = (", ", " va ") if _bodies(x) and _bodies(y) else (", ",)  # s27: "bộ, ngành và địa phương"
                if _generic(x) and _generic(y) and any(f"{fold(x)}{j}{z}" in flat for j in joins for z in (y2, fold(y))):
                    out.append(f"split (a list of common nouns written as one, like 'Sở, ban, ngành'): {k} {x!r} + {y!r}")
        d = t.get("deadline")
        if d:
            txt = d.get("text") or ""
            if d["kind"] not in ("recurring", "event") and RECUR.search(txt):
                out.append(f"deadline {d['kind']} with a recurring word: {txt!r}")
            if d["kind"] == "date" and txt and not re.search(r"\d{1,2}\s*[/-]\s*\d{1,2}|ngày\s+\d|\d{1,2}\s+tháng", txt):
                out.append(f"deadline date without a day: {txt!r}")
            if d["kind"] == "relative" and not ({"hours", "days"} & set(d)):
                out.append(f"deadline relative without hours or days: {txt!r}")
        out += _s27(t, joined_lines, normed, near)
        out += _s32(t, gold)
        out += _s33(t, joined_lines, text)
        starts = [m.start() for m in re.finditer(re.escape(a), flat)]
        if starts and all(_closing(flat, i) for i in starts):
            out.append(f"closing (the execution clause is no task): {t['anchor'][:60]!r}")
        if starts and not any(_item_start(joined_lines, raw_lines, i) for i in starts):
            before = flat[max(0, starts[0] - 40):starts[0]].strip()
            out.append(f"anchor after {before!r}: {t['anchor'][:60]!r}")
        out += _s34(t, joined_lines)
    return (out + uncovered_reports(gold, joined_lines, raw_lines) + recipient_lists(gold)
            + uncovered_people(gold, joined_lines, raw_lines) + public_norms(gold, joined_lines)
            + paired_repeats(gold, flat))


def _s33(t: dict, joined_lines: str, text: str) -> list[str]:
    """Candidates for the conventions settled in session 33 (budget, related, attached; see the docstring)."""
    out = []
    item = item_text(joined_lines, t["anchor"])
    d = t.get("deadline") or {}
    txt = d.get("text") or ""
    if d.get("kind") == "recurring" and BARE_YEARLY.fullmatch(fold(txt)) and BUDGET_YEAR.search(item):
        rest = NOT_CADENCE.sub(" ", BUDGET_YEAR.sub(" ", item))
        cell = re.search(r"(^|\n)[\s|*_]*" + re.escape(txt.strip()) + r"[\s|*_.]*(\n|$)", text)
        if not CADENCE.search(rest) and not cell:
            out.append(f"budget (the item's yearly word names which budget: "
                       f"{BUDGET_YEAR.search(item).group(0)!r}, the gold gives recurring): {t['anchor'][:60]!r}")
    for k in ("lead", "support"):
        for u in t.get(k, []):
            name = u if isinstance(u, str) else u.get("name", "")
            n = fold(name)
            if RELATED_JOIN.fullmatch(n):
                out.append(f"related (the catch-all group is a unit of its own): {k} {name!r} at {t['anchor'][:40]!r}")
            places = [m.end() for m in re.finditer(re.escape(n) + r"(?!\w)", item)] if len(n) > 5 else []
            if places and all(ATTACHED.match(item, e) for e in places):
                more = ATTACHED.match(item, places[0]).group(0).strip()
                out.append(f"attached (the text writes it with {more!r}): {k} {name!r} at {t['anchor'][:40]!r}")
    return out


def _s34(t: dict, joined_lines: str) -> list[str]:
    """Candidates for conventions (e) role and (f) level of a single gold task (see the docstring)."""
    out = []
    item = item_text(joined_lines, t["anchor"])
    first = re.match(r"[^.;]*[.;]?", item).group(0)
    if ROLE_ONLY.fullmatch(first.strip()) and not WORK_AFTER_ROLE.search(first.split(" la ", 1)[-1]) \
            and len(item) <= len(first) + 3:
        out.append(f"status (the item only names a role or status: no work): {t['anchor'][:60]!r}")
    if not t.get("deadline"):
        i = joined_lines.replace("\n", " ").find(fold(t["anchor"]))
        above = joined_lines[max(0, i - 900):i].split("\n")[:-1] if i >= 0 else []
        head = next((x for x in reversed(above) if LEVEL_HEAD.match(x) or re.match(r"\s*(\d+\.|[ivx]+\.)", x)), "")
        if head and LEVEL_HEAD.match(head) and not CADENCE.search(item):
            out.append(f"level (under {head.strip()[:40]!r} the level reached is the event, the gold gives none): "
                       f"{t['anchor'][:60]!r}")
    return out


def _article(joined_lines: str, i: int) -> str:
    """The folded title of the article ("Điều N. <title>", at a line start) that position i of the folded text
    stands in ("" before the first): a citation "Điều 3 Nghị định ..." inside a sentence is no heading."""
    m = list(re.finditer(r"(?:^|\n)[\s#>*_|]*dieu\s+\d+\s*[.:]", joined_lines[:i]))
    if not m:
        return ""
    title = joined_lines[m[-1].end():m[-1].end() + 160]
    title = re.split(r"\n\s*\n|\n\s*[#>*_|]*\s*(?:\d+\.|[a-z]\))|[.;:]", title.lstrip())[0]  # up to a blank line, khoản or sentence end
    return " ".join(title.split())


def uncovered_people(gold: dict, joined_lines: str, raw_lines: list[str]) -> list[str]:
    """(d) a duty with a named bearer that opens an item or sentence and lies in no gold task's item: a candidate
    for a task, unless it is a rule of conduct (a regulation's substantive article binding the public at large)
    or no duty at all (a condition, principle, prohibition, permission, sanction, who pays)."""
    flat = joined_lines.replace("\n", " ")
    directive = gold.get("directive") or {}
    regulation = (directive.get("doc_type") or "") in REGULATION and not PLAN_SUBJECT.search(fold(directive.get("subject") or ""))
    spans = _task_spans(gold, joined_lines)
    out = []
    for m in PEOPLE.finditer(flat):
        st = m.start()
        if st and flat[st - 1].isalnum():
            continue
        if not (_item_start(joined_lines, raw_lines, st) or re.search(r"[.;:]\s*$", flat[max(0, st - 3):st])):
            continue
        clause = re.match(r"[^.;]*", flat[st:st + 400]).group(0)
        title = _article(joined_lines, st)
        if NOT_DUTY.search(clause) or "nguyen tac" in title or clause.rstrip().endswith(":") \
                or re.search(r"(?::|\b(?:co trach nhiem|phai|co nghia vu)(?: sau)?)\s*(?:a\)|1\.)", clause):
            continue  # no duty, or a lead-in whose items carry the duties
        if "noi quy" in fold(directive.get("subject") or ""):
            continue  # a model nội quy's clauses are the market's rules, not the decision's instructions
        if regulation and PUBLIC.match(m.group(0)) and not DUTY_ARTICLE.search(title) and not STAFF_ARTICLE.search(title):
            continue  # a rule of conduct for the public at large
        if any(i <= st < e for i, e in spans):
            continue
        out.append(f"people (a duty with a named bearer is a task, led by it as written): {flat[st:st + 70]!r}")
    return out


def public_norms(gold: dict, joined_lines: str) -> list[str]:
    """(d) a gold task of a regulation led only by the public at large, outside any article that hands out
    responsibility: a candidate rule of conduct (no task)."""
    directive = gold.get("directive") or {}
    if (directive.get("doc_type") or "") not in REGULATION or PLAN_SUBJECT.search(fold(directive.get("subject") or "")):
        return []
    flat = joined_lines.replace("\n", " ")
    out = []
    for t in gold.get("tasks", []):
        leads = [fold(u if isinstance(u, str) else u.get("name", "")) for u in t.get("lead") or []]
        i = flat.find(fold(t["anchor"]))
        if DIFFICULTY.match(fold(t["anchor"])) or (t.get("deadline") or {}).get("kind") == "event" and \
                re.search(r"kho khan|vuong mac", fold((t.get("deadline") or {}).get("text") or "")):
            continue  # (b) a difficulty report is a task wherever it stands
        title = _article(joined_lines, i) if i >= 0 else ""
        if leads and i >= 0 and all(PUBLIC.match(x) for x in leads) and not DUTY_ARTICLE.search(title) \
                and not STAFF_ARTICLE.search(title):
            out.append(f"public (a rule of conduct for the public at large in article {_article(joined_lines, i)[:40]!r}): "
                       f"{t['anchor'][:60]!r}")
    return out


def paired_repeats(gold: dict, flat: str) -> list[str]:
    """(c') gold tasks whose anchor occurs more than once in the text and whose deadlines differ: score.py pairs
    each with the shortest unused predicted text holding it, so a reader's copies that differ by a character
    can cross the pairs ('other value'); informational, not a gold error."""
    by: dict[str, set] = {}
    for t in gold.get("tasks", []):
        d = t.get("deadline") or {}
        by.setdefault(fold(t["anchor"]), set()).add((d.get("kind"), d.get("date"), d.get("days"), d.get("hours")))
    repeated = [a for a, values in by.items() if len(values) > 1 and flat.count(a) > 1]
    if not repeated:
        return []
    return [f"paired ({len(repeated)} anchors repeat in the text with different deadline values; score.py may cross "
            f"their pairs, informational): {repeated[0][:50]!r}"]


def recipient_lists(gold: dict) -> list[str]:
    """(s33 recipients) a header recipient that lists names after a colon under one kind and one office."""
    out = []
    for r in (gold.get("directive") or {}).get("recipients") or []:
        name = r if isinstance(r, str) else r.get("name", "")
        head, colon, names = fold(name).partition(":")
        if colon and "," in names and ONE_KIND.fullmatch(head.strip()):
            out.append(f"recipients (one recipient per name listed after the colon): {name[:80]!r}")
    return out


def _s32(t: dict, gold: dict) -> list[str]:
    """Candidates for conventions (a) norm and (c) step of a single gold task (see the docstring)."""
    out = []
    directive = gold.get("directive") or {}
    doc_type = (directive.get("doc_type") or "").strip()
    plan = PLAN_SUBJECT.search(fold(directive.get("subject") or ""))
    if doc_type in REGULATION and not plan and not t.get("lead"):
        out.append(f"norm (an item of a {doc_type} naming no unit states a rule, or its heading gives the unit): "
                   f"{t['anchor'][:60]!r}")
    d = t.get("deadline") or {}
    if STEP.match(fold(t["anchor"]).strip()) and d.get("kind") not in ("relative", "event"):
        out.append(f"step (a procedure step's time limit is relative or event, the gold gives {d.get('kind')}): "
                   f"{t['anchor'][:60]!r}")
    return out


def _task_spans(gold: dict, joined_lines: str) -> list[tuple[int, int]]:
    """Where each gold task's item lies in the folded flat text (every place of its anchor: a PDF repeats table
    cells), as (start, end) positions."""
    flat = joined_lines.replace("\n", " ")
    spans = []
    for t in gold.get("tasks", []):
        a = fold(t["anchor"])
        n = max(len(a), len(item_text(joined_lines, t["anchor"])))
        spans += [(x.start(), x.start() + n) for x in re.finditer(re.escape(a), flat)]
    return spans


def uncovered_reports(gold: dict, joined_lines: str, raw_lines: list[str]) -> list[str]:
    """(b) difficulty-report sentences that open an item or paragraph but start no gold task and lie in no
    gold task's item: candidates for a task with an event deadline."""
    flat = joined_lines.replace("\n", " ")
    spans = _task_spans(gold, joined_lines)  # a PDF repeats table cells
    out = []
    for m in DIFFICULTY.finditer(flat):
        st = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        sentence = m.group(0).strip()
        if not REPORTS.search(sentence) or not _item_start(joined_lines, raw_lines, st):
            continue
        if any(i < m.end() and st < e for i, e in spans):  # a gold task starts in it, or its item holds it
            continue
        out.append(f"report (a 'nếu có khó khăn, vướng mắc ... báo cáo' paragraph is a task with an event): "
                   f"{sentence[:70]!r}")
    return out


def item_text(joined_lines: str, anchor: str) -> str:
    """The folded text of the item an anchor begins: up to the next enumerated line, blank line or table
    cell border (at most 1500 characters), "" when the anchor is not in the text."""
    i = joined_lines.replace("\n", " ").find(fold(anchor))  # an anchor may wrap over lines
    if i < 0:
        return ""
    rest = joined_lines[i:i + 1500]
    end = ITEM_END.search(rest, len(fold(anchor)))
    return (rest[:end.start()] if end else rest).replace("\n", " ")


def _lead_in(joined_lines: str, anchor: str) -> str:
    """The folded line ending in ":" nearest above the anchor (within 600 characters), or ""."""
    i = joined_lines.replace("\n", " ").find(fold(anchor))
    if i < 0:
        return ""
    lines = joined_lines[max(0, i - 600):i].split("\n")[:-1]
    for j in range(len(lines) - 1, -1, -1):
        if lines[j].rstrip().endswith(":"):
            # a lead-in wraps over lines: take it from the line after the previous sentence end
            k = j
            while k > 0 and lines[k - 1].strip() and not re.search(r"[.:;]\s*$", lines[k - 1]):
                k -= 1
            return " ".join(lines[k:j + 1])
    return ""


def _s27(t: dict, joined_lines: str, normed: str, near: str) -> list[str]:
    """Candidates for the conventions settled in session 27 (see the docstring)."""
    out = []
    item = item_text(joined_lines, t["anchor"])
    d = t.get("deadline")
    kind = d["kind"] if d else None
    cadence = [m.group(0) for m in CADENCE.finditer(NOT_CADENCE.sub(" ", item))]
    if kind in (None, "event") and cadence:
        out.append(f"recurring (the item says {cadence[0]!r}, the gold gives {kind}): {t['anchor'][:60]!r}")
    if kind == "event" and DISCRETION.search(fold(d.get("text") or "")):
        out.append(f"event (discretion is no event: {d.get('text')!r}): {t['anchor'][:60]!r}")
    trigger = TRIGGER.search(item)
    if kind is None and trigger and not cadence:
        out.append(f"event (the item says {trigger.group(0)!r}, the gold gives none): {t['anchor'][:60]!r}")
    if not t.get("support") and COOPERATE.search(item):
        after = item[COOPERATE.search(item).end():][:50]
        out.append(f"support (the item writes 'phoi hop voi{after}', the gold names none): {t['anchor'][:60]!r}")
    # the addressee: the item itself and the lead-in line (ending in ":") just above it
    said = " " + _norm(_lead_in(joined_lines, t["anchor"]) + " " + item) + " "
    for k in ("lead", "support"):
        for u in t.get(k, []):
            name = u if isinstance(u, str) else u.get("name", "")
            m = re.match(r"(?:các\s+)?bộ\s+(\S.*)$", name, re.I)
            if m and not re.match(r"(trưởng|ngành|,)", m.group(1), re.I):
                rest = _norm(m.group(1))
                if f" bo truong bo {rest} " in said or re.search(r" bo truong cac bo [^.;]*\b" + re.escape(rest) + r"\b", said):
                    out.append(f"role (the text addresses 'Bộ trưởng' of it): {k} {name!r} at {t['anchor'][:40]!r}")
    return out


def _closing(flat: str, i: int) -> bool:
    """Whether the sentence that begins at folded position i is an execution clause."""
    end = re.search(r"[.;](\s|$)|\./\.", flat[i:i + 700])
    return bool(CLOSING.search(flat[i:i + (end.end() if end else 700)]))


BODY_WORDS = {"cac", "bo", "nganh", "so", "ban", "co", "quan", "don", "vi", "dia", "phuong", "trung", "uong", "cap", "tinh",
              "xa", "lien", "khac"}


def _bodies(unit: str) -> bool:
    """A unit named only as kinds of government bodies ("các bộ, ngành", "địa phương", "cơ quan Trung ương")."""
    words = re.findall(r"\w+", fold(unit))
    return bool(words) and all(w in BODY_WORDS for w in words)


def _generic(unit: str) -> bool:
    """A unit named by common nouns only: no role word, no proper name (a capital after the first word)."""
    words = unit.split()
    return (bool(words) and not re.match(ROLE, unit, re.I) and not re.match(r"(các\s+)?" + HEAD, unit, re.I)
            and not any(w[:1].isupper() for w in words[1:]))


def _item_start(joined_lines: str, raw_lines: list[str], i: int) -> bool:
    """Whether position i of the folded text can begin an item: after an enumerator, a sentence or
    clause end, a label or heading ending in ':', a table cell border. At a line start (texts copied
    from a page wrap their lines) when the line begins with a capital or the line before ends a sentence."""
    before = joined_lines[:i]
    line = before.rsplit("\n", 1)[-1]
    if line.strip():
        return bool(LEAD_IN.match(line)) or bool(re.search(r"[.:;|)]\s*$", line))
    n = before.count("\n")
    first = next((c for c in raw_lines[n] if c.isalnum()), "")
    prev = next((x.strip() for x in reversed(raw_lines[:n]) if x.strip(" *_")), "")
    return not first.islower() or not prev or bool(re.search(r"[.:;!?|…]\W*$", prev))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=build.default_out(), help="where build.py wrote the documents")
    ap.add_argument("-v", action="store_true", help="also list anchors that occur more than once")
    ap.add_argument("--conventions", action="store_true", help="also list candidates that may break a convention")
    ap.add_argument("ids", nargs="*")
    a = ap.parse_args(argv)
    ids = a.ids or sorted(p.stem for p in (HERE / "gold").glob("*.json"))
    bad = 0
    for id_ in ids:
        docs = sorted(a.out.glob(f"{id_}.*"))
        if not docs:
            print(f"{id_}: not rebuilt (run bench/corpus/build.py)")
            bad += 1
            continue
        gold = json.loads((HERE / "gold" / f"{id_}.json").read_text(encoding="utf-8"))
        text = document_text(docs[0])
        found = problems(gold, text, a.v, paged=docs[0].suffix == ".pdf")
        for p in found:
            print(f"{id_}: {p}")
        if a.conventions:
            for c in conventions(gold, text):
                print(f"{id_}: candidate {c}")
        bad += bool(found)
    print(f"{len(ids)} gold files checked, {bad} with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
