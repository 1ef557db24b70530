"""What a regulation's parts hold: duties, procedure steps, or norms (outline.toml [regulation]).

A decision may issue a regulation (quy chế, quy định) in chapters and articles. Such a text
states norms (scope, definitions, principles, legal value, conditions, competence) and the
steps of a procedure done each time a case comes; only its responsibility parts give work:
the items under "Trách nhiệm của X", "Tổ chức thực hiện", a clause "X có trách nhiệm ...",
and "nếu có khó khăn, vướng mắc ... báo cáo". These predicates read a title or an item;
tracker/extract/tasks.py decides where the regulation starts and applies them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tracker import rules


@dataclass(frozen=True)
class _RegulationRules:
    duty_titles: tuple[re.Pattern[str], ...]
    procedure_titles: tuple[re.Pattern[str], ...]
    norm_titles: tuple[re.Pattern[str], ...]
    competence_titles: tuple[re.Pattern[str], ...]
    competence_area: re.Pattern[str]
    competence_unless: re.Pattern[str]
    competence_duty: re.Pattern[str]
    power: re.Pattern[str]
    duty_clause: re.Pattern[str]
    difficulty_report: re.Pattern[str]
    difficulty_opening: re.Pattern[str]
    delegation: re.Pattern[str]
    measures: re.Pattern[str]
    per_case: re.Pattern[str]
    scope_label: re.Pattern[str]
    rights: re.Pattern[str]


@rules.compiled
def regulation_rules() -> _RegulationRules:
    r = rules.load("outline")
    return _RegulationRules(
        duty_titles=tuple(r.regexes("regulation.duty_titles", re.IGNORECASE)),
        procedure_titles=tuple(r.regexes("regulation.procedure_titles", re.IGNORECASE)),
        norm_titles=tuple(r.regexes("regulation.norm_titles", re.IGNORECASE)),
        competence_titles=tuple(r.regexes("regulation.competence_titles", re.IGNORECASE)),
        competence_unless=r.regex(r.get("regulation.competence_unless", str), "regulation.competence_unless",
                                  re.IGNORECASE),
        competence_area=r.regex(r.get("regulation.competence_area", str), "regulation.competence_area", re.IGNORECASE),
        power=r.regex(r.get("regulation.power", str), "regulation.power", re.IGNORECASE),
        competence_duty=r.regex(r.get("regulation.competence_duty", str), "regulation.competence_duty", re.IGNORECASE),
        duty_clause=r.regex(r.get("regulation.duty_clause", str), "regulation.duty_clause", re.IGNORECASE),
        difficulty_report=r.regex(r.get("regulation.difficulty_report", str), "regulation.difficulty_report",
                                  re.IGNORECASE),
        difficulty_opening=r.regex(r.get("regulation.difficulty_opening", str), "regulation.difficulty_opening",
                                   re.IGNORECASE),
        delegation=r.regex(r.get("regulation.delegation", str), "regulation.delegation", re.IGNORECASE),
        measures=r.regex(r.get("regulation.measures", str), "regulation.measures", re.IGNORECASE),
        per_case=r.regex(r.get("regulation.per_case", str), "regulation.per_case", re.IGNORECASE),
        scope_label=r.regex(r.get("regulation.scope_label", str), "regulation.scope_label", re.IGNORECASE),
        rights=r.regex(r.get("regulation.rights", str), "regulation.rights", re.IGNORECASE),
    )


TITLE_WORDS = 25  # a chapter's or an article's title is at most this long
ARTICLE_TITLE_WORDS = 100  # over its clauses an article's title may list several matters ("Trách nhiệm rà soát ...; xử lý ...")


def is_title(text: str, words: int = TITLE_WORDS) -> bool:
    """"Giải thích từ ngữ", "TỔ CHỨC THỰC HIỆN": a title, not a sentence that instructs."""
    text = text.strip()
    return bool(text) and not text.endswith((".", ";", ":")) and len(text.split()) <= words


def _titled(text: str, patterns: tuple[re.Pattern[str], ...]) -> bool:
    text = text.strip()
    return any(p.search(text) for p in patterns)


def is_duty_title(text: str) -> bool:
    """"Trách nhiệm của Sở X", "Tổ chức thực hiện": the items under it are duties."""
    return _titled(text, regulation_rules().duty_titles)


def is_procedure_title(text: str) -> bool:
    """"Quy trình lấy ý kiến điện tử": the steps under it are done per case, no standing work."""
    return _titled(text, regulation_rules().procedure_titles)


def is_norm_title(text: str) -> bool:
    """"Nguyên tắc ...", "Giải thích từ ngữ": what holds, no one given work under it."""
    return _titled(text, regulation_rules().norm_titles)


def is_competence_title(text: str) -> bool:
    """"Nội dung phân cấp", "Thẩm quyền cấp giấy phép": who may decide what, each time a case comes."""
    return _titled(text, regulation_rules().competence_titles)


def is_plain_competence(text: str) -> bool:
    """"Thẩm quyền quyết định phê duyệt phương án ...": a competence title that speaks of no responsibility, whatever
    duty word it holds inside ("... đã có quyết định thi hành án ...")."""
    return is_competence_title(text) and not regulation_rules().competence_unless.search(text)


def is_competence_area(text: str) -> bool:
    """"Trách nhiệm giám định xây dựng" (no holder named): in a chapter that shares powers out, the class of cases
    its clauses assign by scale or area, not a duty."""
    return bool(regulation_rules().competence_area.match(text.strip()))


def binds_in_competence(text: str) -> bool:
    """"UBND cấp xã có trách nhiệm báo cáo ...": among shared-out powers, the clause that still gives work."""
    return bool(regulation_rules().competence_duty.search(text)) or reports_difficulty(text)


def is_power(rest: str) -> bool:
    """"quyết định dung lượng ...", "phê duyệt phương án ...": the words after a clause's units say what they decide."""
    return bool(regulation_rules().power.match(rest.strip()))


def gives_duty(text: str) -> bool:
    """"Các cơ quan, đơn vị có trách nhiệm bảo đảm ...": an item under a norm's title that gives work."""
    return bool(regulation_rules().duty_clause.search(text)) or reports_difficulty(text)


def reports_difficulty(text: str) -> bool:
    """"Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan báo cáo ...": a duty when the occasion comes."""
    return bool(regulation_rules().difficulty_report.search(text))


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


def _sentences(text: str) -> list[str]:
    """Sentences: a stop, then a word in capitals or a bracket ("... thực hiện. Trong quá trình ...")."""
    out: list[str] = []
    for part in _SENTENCE_END.split(text.strip()):
        if out and not (part[:1].isupper() or part[:1] == "("):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def _difficulty_sentence(sentence: str) -> bool:
    r = regulation_rules()
    return bool(r.difficulty_opening.match(sentence.strip())) and bool(r.difficulty_report.search(sentence))


def opens_on_difficulty(text: str) -> bool:
    """"Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan báo cáo ...": the item or paragraph
    opens on the report of difficulties (a task with an event deadline, in any document)."""
    return _difficulty_sentence(_sentences(text)[0])


def difficulty_tail(text: str) -> str | None:
    """"Yêu cầu ... nghiêm túc thực hiện. Trong quá trình thực hiện, nếu có vướng mắc, ... báo cáo UBND tỉnh ...":
    from the first later sentence that opens on the report of difficulties, else None."""
    parts = _sentences(text)
    for k in range(1, len(parts)):
        if _difficulty_sentence(parts[k]):
            return " ".join(parts[k:])
    return None


def delegates(text: str) -> bool:
    """"UBND tỉnh ủy quyền cho Giám đốc Sở Nội vụ:": the items under it are powers passed on, no work."""
    return bool(regulation_rules().delegation.search(text.strip()))


def grants_rights(text: str) -> bool:
    """"Đơn vị thoát nước có các quyền sau:": the items under it are what the unit may do, no work."""
    return bool(regulation_rules().rights.search(text.strip()))


def lists_measures(text: str) -> bool:
    """"b) Biện pháp phòng cháy, chữa cháy rừng bao gồm:": each line under it is a measure to take."""
    return bool(regulation_rules().measures.search(text.strip().partition(":")[0]))


def per_case_step(text: str) -> bool:
    """"Khi có yêu cầu ..., cá nhân gửi ...", "Trong thời hạn 02 ngày làm việc ..., Sở X ...": a procedure's
    step done each time a case comes (no "có trách nhiệm" clause in it)."""
    text = text.strip()
    return bool(regulation_rules().per_case.match(text)) and not gives_duty(text)


def without_scope(text: str) -> str:
    """"Đối với Ủy ban nhân dân cấp xã: Sử dụng tên ..." → "Sử dụng tên ...": the rule after the scope it covers."""
    return regulation_rules().scope_label.sub("", text.strip(), count=1)
