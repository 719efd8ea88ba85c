"""Tasks and duties: the plan's task section and its "Tổ chức thực hiện" section, read off the outline.

A task is a numbered item of the task section (lettered items when the number
is only a heading over them); its bullets are subtasks, and lines such as
"Đơn vị chủ trì:", "Thời gian thực hiện:" or "Kinh phí:" fill its fields.  An
appendix table that repeats the tasks is merged into them; where the two
disagree the body's reading stays and the table's is kept in `conflicts`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from cancu.ingest.agencies import is_body_heading, same_agencies, split_agencies, starts_body, strip_role
from cancu.ingest.budgets import check_total, parse_amount
from cancu.ingest.citations import Mention
from cancu.ingest.clean import Cleaned
from cancu.ingest.deadlines import parse_deadline, plan_year
from cancu.ingest.identity import fold
from cancu.ingest.record import Assignment, Deadline, Document, Subtask, Task
from cancu.ingest.sections import Item, body_end, fold_chars, outline, strip_marks
from cancu.ingest.tables import TaskTable, find_tables, task_table

_TASK_HEADING = re.compile(r"\b(?:nhiem vu|noi dung|giai phap|hoat dong)\b")
# A numbered (not roman) heading is a task section only when it is short and opens with the word.
_TASK_SUBHEADING = re.compile(r"^(?:cac |nhung |mot so )?(?:nhiem vu|noi dung|giai phap)\b")
_OTHER_HEADING = re.compile(r"\b(?:muc dich|yeu cau|muc tieu|to chuc thuc hien|kinh phi|can cu|quan diem)\b")
_NOT_A_TASK = re.compile(r"\b(?:muc dich|yeu cau|muc tieu|to chuc thuc hien|can cu|quan diem)\b")
_DUTY_HEADING = re.compile(
    r"\b(?:to chuc thuc hien|trach nhiem (?:thuc hien|cua)|phan cong (?:nhiem vu|thuc hien))\b"
)
_ENUMERATED = ("number", "number2", "letter")
_META = (
    ("responsibility", re.compile(r"^(?:trach nhiem|phan cong)(?: thuc hien)?\s*(?::\s*|$)")),
    ("lead", re.compile(r"^(?:(?:[dpb]on vi|co quan|bo phan)\s*)?chu tri(?: thuc hien)?\s*:\s*")),
    ("support", re.compile(r"^(?:(?:[dpb]on vi|co quan|bo phan)\s*)?phoi hop(?: thuc hien)?\s*:\s*")),
    ("doer", re.compile(r"^(?:[dpb]on vi|co quan) thuc hien\s*:\s*")),
    ("deadline", re.compile(r"^(?:thoi gian|thoi han|tien do)(?: thuc hien| hoan thanh)?\s*:\s*")),
    ("budget", re.compile(r"^(?:du kien |du toan )?(?:kinh phi|du toan)(?: thuc hien| du kien)?\s*:\s*")),
    ("product", re.compile(r"^(?:san pham|ket qua)(?: dau ra| dat duoc)?\s*:\s*")),
)
_INLINE = re.compile(
    r"(?P<kind>(?:[dpb]on vi|co quan) chu tri|(?:[dpb]on vi|co quan) phoi hop|thoi gian(?: thuc hien| hoan thanh)?"
    r"|thoi han(?: hoan thanh)?|kinh phi(?: thuc hien)?)\s*:\s*"
    r"(?P<value>.+?)(?=\s*[.;,]?\s+-\s+[a-z ]{2,30}:|[;)\n]|\.\s|\.?$)"
)
# Verbs that end a body's name in prose ("Phối hợp Sở Tư pháp rà soát …").  These run on
# `strip_marks` text, case kept: a capitalised word ("Sở Xây dựng") belongs to the name.
_VERBS = (
    r"thuc hien|trien khai|tham muu|xay dung|theo doi|ra soat|huong dan|tuyen truyen|cung cap"
    r"|bien soan|ban hanh|de xuat|hoan thien|tap huan|san xuat|nham|de"
)
_NAME_END = rf"(?<![Cc]ac)\s+to chuc\b|\s+(?:{_VERBS})\b|[.;:]|$"  # "các tổ chức" is a name, "tổ chức" a verb
_LEAD_SENTENCE = re.compile(
    r"^(?i:giao\s+)?(?P<lead>.+?)\s+chu tri(?:\s*,?\s*phoi hop(?: voi)?\s+(?P<support>.+?))?"
    rf"(?={_NAME_END})"
)
_SUPPORT_SENTENCE = re.compile(rf"^(?i:phoi hop)(?: voi)?\s+(?P<support>.+?)(?={_NAME_END})")
# The body a duty is given to: "Giao Sở X chủ trì …", "Đề nghị Ủy ban MTTQ tỉnh phối hợp …", "Sở X:".
_GIVEN = re.compile(
    r"^(?i:giao\s+|de nghi\s+|yeu cau\s+)?(?P<agency>.+?)(?=\s+(?:chu tri|phoi hop|co trach nhiem"
    r"|chiu trach nhiem|tuy theo|can cu|tham muu|thuc hien|trien khai|xay dung|theo doi|giup)\b"
    # "Ban cán sự đảng … lãnh đạo xây dựng …" is a verb; "…; lãnh đạo các sở, ngành" names people.
    r"|(?<![;,])\s+(?:lanh dao|chi dao)\s+(?!cac\b)|:|$)"
)
# "… hoàn thành trước ngày 30/6/2022": a deadline printed inside the task's own sentence.
_DONE_BY = re.compile(
    r"\b(?:hoan thanh|xong)\s+(?P<when>(?:truoc|trong|vao)\s+(?:ngay|thang|quy|nam|6 thang)[^.;)\n]{1,30}?)"
    r"(?=[.;)\n,]|$)"
)
_ROLE_MARK = re.compile(r"\s*\((chu tri|phoi hop)\)$")
_ROLE_WORD = re.compile(r"\b(?:chu tri|phoi hop)\b")
_ROLE_PART = re.compile(r"^(?P<names>.+?)\s+(?P<role>chu tri|phoi hop)(?: thuc hien)?$")


@dataclass
class _Fields:
    """A task's fields as they are gathered from its lines."""

    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    deadline: str | None = None
    budget: str | None = None


@dataclass(frozen=True)
class Context:
    """What reading a task needs from the rest of the document."""

    default_year: int | None = None
    mentions: tuple[tuple[int, int, str], ...] = ()  # (start, end, symbol) in the outline's text

    def cites(self, start: int, end: int) -> tuple[str, ...]:
        """The cited symbols named between `start` and `end`, once each, in order."""
        seen: dict[str, None] = {}
        for s, _, symbol in self.mentions:
            if start <= s < end:
                seen.setdefault(symbol, None)
        return tuple(seen)


def first_line(item: Item) -> str:
    """The item's first printed line, on one line."""
    return " ".join(item.text.split("\n")[0].split())


def _heading(item: Item) -> str:
    """The item's first line folded, with OCR's stray marks dropped ("THU'C" → "thuc")."""
    return " ".join(re.sub(r"[^a-z0-9 ]", "", fold_chars(first_line(item))).split())


def _is_task_section(item: Item) -> bool:
    head = _heading(item)
    if _OTHER_HEADING.search(head) or _DUTY_HEADING.search(head):
        return False
    if item.kind == "roman":
        return bool(_TASK_HEADING.search(head))
    return bool(_TASK_SUBHEADING.match(head)) and len(head.split()) <= 8


def _is_duty_section(item: Item) -> bool:
    return bool(_DUTY_HEADING.search(_heading(item)))


def _sections(root: Item) -> list[Item]:
    tops = [c for c in root.children if c.kind != "text"]
    if any(c.kind == "roman" for c in tops):
        return [c for c in tops if c.kind == "roman"]
    return [c for c in tops if c.kind in _ENUMERATED]


def task_items(root: Item) -> list[tuple[str, Item]]:
    """(label, item) for every task of the outline, in order."""
    sections = _sections(root)
    chosen = [s for s in sections if _is_task_section(s)]
    if chosen:
        out: list[tuple[str, Item]] = []
        for s in chosen:
            out.extend(_tasks_under(s, s.marker))
        return out
    others = [
        s for s in sections if not _NOT_A_TASK.search(_heading(s)) and not _OTHER_HEADING.search(_heading(s))
    ]
    if sections and not any(s.kind == "roman" for s in sections):
        # A letter or guidance with no task heading: its numbered items are the tasks.
        items = [s for s in sections if not _NOT_A_TASK.search(_heading(s))]
        return [(s.marker, s) for s in items] if len(items) >= 2 else []
    # Roman sections none of which is headed as tasks: the one with the most numbered items.
    best = max(others, key=lambda s: sum(c.kind in _ENUMERATED for c in s.children), default=None)
    if best is not None and sum(c.kind in _ENUMERATED for c in best.children) >= 2:
        return _tasks_under(best, best.marker)
    return []


def _tasks_under(section: Item, prefix: str) -> list[tuple[str, Item]]:
    enumerated = [c for c in section.children if c.kind in _ENUMERATED]
    if not enumerated:
        bullets = [c for c in section.children if c.kind in ("dash", "plus")]
        return [(f"{prefix}.{i}", c) for i, c in enumerate(bullets, 1)]
    out: list[tuple[str, Item]] = []
    for c in enumerated:
        label = f"{prefix}.{c.marker}" if prefix else c.marker
        if _is_heading_only(c):
            out.extend(_tasks_under(c, label))
        else:
            out.append((label, c))
    return out


def _is_heading_only(item: Item) -> bool:
    """ "2. Nhiệm vụ chủ yếu" over a)–e): a section whose lettered items are the tasks."""
    return (
        any(c.kind in _ENUMERATED for c in item.children)
        and "\n" not in item.text.strip()
        and _is_task_section(replace(item, kind="number"))
    )


def _meta(line: str) -> tuple[str | None, str]:
    folded = fold_chars(line.strip())
    for kind, pattern in _META:
        m = pattern.match(folded)
        if m:
            return kind, line.strip()[m.end() :].strip()
    return None, line


def _add_agencies(target: list[str], text: str) -> None:
    for name in split_agencies(text):
        if name not in target:
            target.append(name)


def read_task(label: str, item: Item, ctx: Context) -> Task:
    """One task item: its text, fields from its labelled lines, and bullets as subtasks."""
    f = _Fields()
    text_parts = [item.text]
    subtasks: list[Subtask] = []

    def visit(children: tuple[Item, ...], in_responsibility: bool) -> None:
        for c in children:
            line = " ".join(c.text.split())
            kind, value = _meta(line)
            if kind == "responsibility":
                if value:
                    _read_sentence(value, f)
                visit(c.children, True)
            elif kind in ("lead", "support", "doer"):
                target = f.lead if kind == "lead" or (kind == "doer" and not f.lead) else f.support
                _add_roled(value, target, f)
                for sub in c.children:
                    _add_roled(sub.text, target, f)
            elif kind == "deadline":
                f.deadline = f.deadline or value
            elif kind == "budget":
                f.budget = f.budget or value
            elif kind == "product":
                continue
            elif in_responsibility:
                _add_roled(line, f.support if f.lead else f.lead, f)
            elif c.kind == "text":
                if not (line.startswith("(") and line.endswith(")")):
                    text_parts.append(c.text)
            else:
                marker = c.marker if c.kind in _ENUMERATED else str(len(subtasks) + 1)
                subtasks.append(Subtask(label=marker, text=line))

    visit(item.children, False)
    text = "\n".join(p for p in text_parts if p.strip())
    _read_inline(text, f)
    if not f.deadline:
        done = _DONE_BY.search(fold_chars(text))
        f.deadline = text[done.start("when") : done.end("when")] if done else None
    if not f.lead and not f.support:
        _read_prose(text, f)
    deadline = parse_deadline(f.deadline, ctx.default_year) if f.deadline else None
    return Task(
        label=label,
        text=text,
        lead=tuple(f.lead),
        support=tuple(f.support),
        deadline=deadline,
        budget_vnd=parse_amount(f.budget),
        cites=ctx.cites(item.start, item.end),
        subtasks=tuple(subtasks),
        span=(item.start, item.end),
    )


def _read_inline(text: str, f: _Fields) -> None:
    """Fields printed inside the task's own text: "(Cơ quan chủ trì: …; thời gian: …)"."""
    folded = fold_chars(text)
    for m in _INLINE.finditer(folded):
        value = text[m.start("value") : m.end("value")].strip(" .,")
        kind = m.group("kind")
        if "chu tri" in kind and not f.lead:
            _add_agencies(f.lead, value)
        elif "phoi hop" in kind and not f.support:
            _add_agencies(f.support, value)
        elif kind.startswith("thoi") and not f.deadline:
            f.deadline = value
        elif kind.startswith("kinh phi") and not f.budget and re.search(r"\d|tram|trieu|ty", fold(value)):
            f.budget = value


def _read_sentence(sentence: str, f: _Fields) -> None:
    """A responsibility line: "Sở X chủ trì, phối hợp với Y" or simply a list of bodies."""
    if not _read_lead_sentence(sentence.strip(), f):
        _add_roled(sentence, f.lead, f)


def _add_roled(value: str, default: list[str], f: _Fields) -> None:
    """A list whose parts may name their role ("Sở X chủ trì; các sở, ngành phối hợp"), else `default`'s."""
    if not _ROLE_WORD.search(fold_chars(value)):
        _add_agencies(default, value)
        return
    for part in re.split(r"\s*;\s*", value):
        m = _ROLE_PART.match(fold_chars(part).rstrip(" ."))
        if m:
            _add_agencies(f.lead if m.group("role") == "chu tri" else f.support, part[: m.end("names")])
        elif not _read_lead_sentence(part.strip(), f):
            names = [(n, _ROLE_MARK.search(fold_chars(n))) for n in split_agencies(part)]
            # Beside a body marked "(chủ trì)", an unmarked one supports it.
            rest = f.support if any(m and m.group(1) == "chu tri" for _, m in names) else default
            for name, marked in names:
                target = rest if not marked else f.lead if marked.group(1) == "chu tri" else f.support
                name = name[: marked.start()].strip() if marked else name
                if name and name not in target:
                    target.append(name)


def roles(lead: str, support: str) -> tuple[list[str], list[str]]:
    """Lead and support from two printed cells (an appendix table's), each possibly naming roles."""
    f = _Fields()
    _add_roled(lead, f.lead, f)
    _add_roled(support, f.support, f)
    return f.lead, f.support


def _read_lead_sentence(sentence: str, f: _Fields) -> bool:
    m = _LEAD_SENTENCE.match(strip_marks(sentence))
    if not m:
        return False
    names = split_agencies(sentence[m.start("lead") : m.end("lead")])
    if not names or not all(_looks_like_body(n) for n in names):
        return False
    f.lead.extend(n for n in names if n not in f.lead)
    if m.group("support"):
        _add_agencies(f.support, sentence[m.start("support") : m.end("support")])
    return True


def _read_prose(text: str, f: _Fields) -> None:
    """Paragraphs that open "Sở X chủ trì, phối hợp …" or "Phối hợp với Y …" give lead or support."""
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if _read_lead_sentence(paragraph, f):
            continue
        s = _SUPPORT_SENTENCE.match(strip_marks(paragraph))
        if s:
            names = split_agencies(paragraph[s.start("support") : s.end("support")])
            f.support.extend(n for n in names if _looks_like_body(n) and n not in f.support)


def _looks_like_body(name: str) -> bool:
    return starts_body(name) and len(name.split()) <= 16


def read_assignments(root: Item, ctx: Context) -> list[Assignment]:
    """Bodies named in "Tổ chức thực hiện" and the duties given to each."""
    out: list[Assignment] = []
    for section in _sections(root):
        if not _is_duty_section(section):
            continue
        enumerated = [c for c in section.children if c.kind in _ENUMERATED]
        if enumerated:
            for c in enumerated:
                out.extend(_assignment_of(c, ctx))
        else:
            out.extend(_assignments_in_prose(section, ctx))
    return out


def _heading_body(item: Item) -> tuple[str, str]:
    """(body, duty printed after its colon) of an item headed by a body, or ("", "") for a topic heading."""
    head = first_line(item)
    agency, _, inline = head.partition(":")
    m = _GIVEN.match(strip_marks(agency))
    if m and m.end("agency") < len(
        agency.rstrip(" .")
    ):  # "Sở X chủ trì, …": the body is the sentence's subject
        agency, inline = agency[m.start("agency") : m.end("agency")], head
    elif m:
        agency = agency[m.start("agency") :]
    agency = strip_role(agency.strip(" .-,"))
    if not agency or not is_body_heading(agency) or len(agency.split()) > 40:
        return "", ""
    return agency, inline.strip()


def _assignment_of(item: Item, ctx: Context) -> list[Assignment]:
    """One numbered item of "Tổ chức thực hiện"; lettered bodies under it are assignments of their own."""
    agency, inline = _heading_body(item)
    nested = [c for c in item.children if c.kind in _ENUMERATED and _looks_like_body(_heading_body(c)[0])]
    rest = item.text.split("\n", 1)[1] if "\n" in item.text else ""
    duties = [d for d in (inline, " ".join(rest.split())) if d]
    duties += [" ".join(c.text.split()) for c in item.children if c not in nested]
    out: list[Assignment] = []
    if agency and (duties or not nested):
        span = (item.start, item.end) if not nested else (item.start, nested[0].start)
        out.append(Assignment(agency=agency, duties=tuple(duties), cites=ctx.cites(*span), span=span))
    for c in nested:
        out.extend(_assignment_of(c, ctx))
    return out


def _assignments_in_prose(section: Item, ctx: Context) -> list[Assignment]:
    """Bullets or paragraphs that open with a body ("Giao Phòng X chủ trì …"): one assignment each."""
    out: list[Assignment] = []
    for c in section.children:
        line = " ".join(c.text.split())
        m = _GIVEN.match(strip_marks(line))
        agency = strip_role(line[m.start("agency") : m.end("agency")].strip(" ,.-")) if m else ""
        if agency and _looks_like_body(agency) and is_body_heading(agency):
            out.append(
                Assignment(
                    agency=agency, duties=(line,), cites=ctx.cites(c.start, c.end), span=(c.start, c.end)
                )
            )
        elif out and c.kind == "text" and not line.startswith("("):
            last = out[-1]
            out[-1] = replace(
                last,
                duties=(*last.duties, line),
                cites=tuple(dict.fromkeys(last.cites + ctx.cites(c.start, c.end))),
            )
    return out


def merge_table(tasks: list[Task], table: TaskTable, default_year: int | None) -> list[Task]:
    """Tasks with an appendix table's rows merged in: gaps filled, disagreements kept in `conflicts`."""
    out = list(tasks)
    used: set[int] = set()
    for row in table.rows:
        i = _matching_task(row.text, row.label, out, used)
        lead, support = roles(row.lead, row.support)
        deadline = parse_deadline(row.deadline, default_year) if row.deadline else None
        if i is None:
            label = f"PL.{row.label}" if tasks else row.label
            out.append(
                Task(
                    label=label,
                    text=row.text,
                    lead=tuple(lead),
                    support=tuple(support),
                    deadline=deadline,
                    budget_vnd=row.budget_vnd,
                )
            )
            continue
        used.add(i)
        out[i] = _merged(out[i], lead, support, deadline, row.budget_vnd)
    return out


def _matching_task(text: str, label: str, tasks: list[Task], used: set[int]) -> int | None:
    """The body task a table row repeats: the same opening words, else the same number and like words."""
    want = fold(text)[:200]
    free = [(i, fold(t.text)[:200]) for i, t in enumerate(tasks) if i not in used]
    same_start = [i for i, have in free if have.startswith(want[:60]) or want.startswith(have[:60])]
    if same_start:
        return same_start[-1]
    scores: list[tuple[float, int]] = []
    for i, have in free:
        matcher = SequenceMatcher(None, want, have)
        # quick_ratio bounds the ratio from above, and a ratio below 0.35 decides nothing.
        scores.append((matcher.ratio() if matcher.quick_ratio() >= 0.35 else 0.0, i))
    best = max(scores, default=(0.0, None))
    if best[0] >= 0.6:
        return best[1]
    number = re.sub(r"^0+(?=\d)", "", label)
    for score, i in scores:
        if score >= 0.35 and tasks[i].label.rsplit(".", 1)[-1] == number:
            return i
    return None


def _merged(
    task: Task, lead: list[str], support: list[str], deadline: Deadline | None, budget: int | None
) -> Task:
    conflicts = list(task.conflicts)
    changes: dict = {}
    for name, mine, theirs in (("lead", task.lead, lead), ("support", task.support, support)):
        if theirs and not mine:
            changes[name] = tuple(theirs)
        elif theirs and not same_agencies(mine, theirs):
            conflicts.append(f"{name}: the appendix table reads {'; '.join(theirs)}")
    if deadline and (task.deadline is None or task.deadline.start is None and task.deadline.end is None):
        changes["deadline"] = deadline
    elif deadline and (deadline.start, deadline.end) != (task.deadline.start, task.deadline.end):
        conflicts.append(f"deadline: the appendix table reads {deadline.text}")
    if budget is not None and task.budget_vnd is None:
        changes["budget_vnd"] = budget
    elif budget is not None and budget != task.budget_vnd:
        conflicts.append(f"budget: the appendix table reads {budget:,} đồng")
    return replace(task, **changes, conflicts=tuple(conflicts))


@dataclass(frozen=True)
class PlanReading:
    """What the task stage reads from one document."""

    tasks: tuple[Task, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    budget_total_vnd: int | None = None
    warnings: tuple[str, ...] = ()


def read_plan(doc: Cleaned, header: Document, mentions: Sequence[Mention] = ()) -> PlanReading:
    """Tasks (body and appendix tables merged), assignments, the budget total and any warnings."""
    text = doc.text
    tables = find_tables(doc.original)
    skip = [_to_cleaned(doc, t.span) for t in tables]
    end = body_end(text)
    root = outline(text[:end], skip)
    items = task_items(root)
    section_heads = " ".join(first_line(s) for s in _sections(root) if _is_task_section(s))
    year = plan_year(header.title, section_heads, header.date, _opening_year(text))
    own = fold(header.symbol or "")
    ctx = Context(
        year, tuple((m.start, m.end, m.symbol) for m in mentions if fold(m.symbol) != own or not own)
    )
    tasks = [read_task(label, item, ctx) for label, item in items]
    warnings: list[str] = []
    total: int | None = None
    for table in tables:
        reading = task_table(table)
        if reading is None:
            continue
        tasks = merge_table(tasks, reading, year)
        where = f"appendix table at offset {table.span[0]}"
        warnings += check_total(reading.total_vnd, [r.budget_vnd for r in reading.rows], where)
        if reading.total_vnd and reading.total_words_vnd and reading.total_vnd != reading.total_words_vnd:
            warnings.append(
                f"{where}: total in figures {reading.total_vnd:,} đồng differs from the total in words "
                f"{reading.total_words_vnd:,} đồng"
            )
        total = (total or 0) + (reading.total_vnd or reading.total_words_vnd or 0) or None
    if total is None and any(t.budget_vnd for t in tasks):
        total = sum(t.budget_vnd or 0 for t in tasks)
    for t in tasks:
        if t.conflicts:
            warnings.append(
                f"task {t.label}: the body and the appendix table disagree ({len(t.conflicts)} fields)"
            )
    assignments = read_assignments(root, ctx)
    return PlanReading(
        tasks=tuple(replace(t, span=doc.to_original(*t.span) if t.span else None) for t in tasks),
        assignments=tuple(replace(a, span=doc.to_original(*a.span) if a.span else None) for a in assignments),
        budget_total_vnd=total,
        warnings=tuple(warnings),
    )


def _opening_year(text: str) -> str | None:
    """ "năm 2023" in the document's opening lines, for a header the header reader could not place."""
    m = re.search(r"\bn[aă]m\s+((?:19|20)\d{2})\b", text[:800])
    return m.group(1) if m else None


def _to_cleaned(doc: Cleaned, span: tuple[int, int]) -> tuple[int, int]:
    """An original-text span as offsets in the cleaned text."""
    return bisect_left(doc.origin, span[0]), bisect_left(doc.origin, span[1])
