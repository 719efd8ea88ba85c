"""A SYNTHETIC national corpus for the benchmarks: 63 provinces, their bodies, several years of plans.

Nothing here is a real document.  Every file starts with a SYNTHETIC banner, every title
ends in "(SYNTHETIC)", every document node carries `cc:synthetic true`, central symbols
are numbered from 900 up so they never look like a real directive, and the output
folder is named SYNTHETIC-….  The corpus comes in two forms drawn from one model:
text documents in the genre of the seeds (for extraction and build throughput) and
the graph written directly as N-Quads per TERMS.md (for query scale).  Same seed,
same bytes.

    python bench/gen_corpus.py --out bench/out            # the national size, ~1.4 M triples
    python bench/gen_corpus.py --plans 200 --text-docs 50  # a small one
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from cancu import __version__
from cancu.ingest.identity import BASE, document_iri, document_key, slug
from cancu.ontology.gazetteer import Province, body_templates, provinces, provincial_body

BANNER = (
    "SYNTHETIC: văn bản giả lập do cancu bench/gen_corpus.py sinh ra (seed {seed}); "
    "không phải văn bản thật của cơ quan nhà nước."
)
MARK = "(SYNTHETIC)"
GENERATOR = "bench/gen_corpus.py"
FORMAT_VERSION = 2  # bump when the output changes, so cached corpora are regenerated

CC = "https://w3id.org/cancu/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
TIME = "http://www.w3.org/2006/time#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
VOCAB = "https://w3id.org/cancu/vocab/"
GRAPH_BASE = "https://w3id.org/cancu/graph/"

THEMES = (
    "công tác thông tin đối ngoại",
    "chuyển đổi số",
    "cải cách hành chính",
    "phòng, chống tham nhũng, tiêu cực",
    "xây dựng nông thôn mới",
    "bảo vệ môi trường",
    "phát triển du lịch",
    "bảo đảm an toàn, an ninh mạng",
    "phổ biến, giáo dục pháp luật",
    "phòng, chống thiên tai",
    "phát triển kinh tế vùng biên giới",
    "đối ngoại nhân dân",
    "bảo vệ chủ quyền biển, đảo",
    "phát triển văn hóa đọc",
    "giảm nghèo bền vững",
)

# (issuer, branch, type code, type name, symbol pattern); {n} is the number.
CENTRAL_ISSUERS = (
    ("Bộ Chính trị", "party", "NQ", "Nghị quyết", "{n}-NQ/TW"),
    ("Bộ Chính trị", "party", "KL", "Kết luận", "{n}-KL/TW"),
    ("Ban Bí thư", "party", "CT", "Chỉ thị", "{n}-CT/TW"),
    ("Ban Tuyên giáo Trung ương", "party", "HD", "Hướng dẫn", "{n}-HD/BTGTW"),
    ("Thủ tướng Chính phủ", "state", "CT", "Chỉ thị", "{n}/CT-TTg"),
    ("Thủ tướng Chính phủ", "state", "QD", "Quyết định", "{n}/QĐ-TTg"),
    ("Chính phủ", "state", "NQ", "Nghị quyết", "{n}/NQ-CP"),
)

TASK_VERBS = (
    "Tổ chức tuyên truyền về",
    "Xây dựng và triển khai chương trình",
    "Rà soát, đánh giá kết quả thực hiện",
    "Tập huấn, bồi dưỡng nghiệp vụ về",
    "Kiểm tra, đôn đốc việc thực hiện",
    "Sản xuất phóng sự, chuyên mục về",
    "Tổng hợp, báo cáo định kỳ về",
    "Biên soạn tài liệu hướng dẫn về",
    "Tổ chức hội nghị sơ kết về",
    "Ứng dụng công nghệ thông tin trong",
)
TASK_SCOPES = (
    "trên địa bàn tỉnh",
    "tại các huyện, thị xã, thành phố",
    "trong cán bộ, đảng viên và Nhân dân",
    "tại khu vực biên giới",
    "trên Cổng thông tin điện tử tỉnh",
    "trong các cơ quan, đơn vị",
)
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Hữu", "Thanh", "Quang")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hà", "Hùng", "Lan", "Long", "Nam", "Sơn", "Thảo", "Tuấn")

PROVINCIAL_KEYS = ("BTVTU", "TU")
STATE_KEY = "UBND"
DEPARTMENT_KEYS = (
    "STTTT",
    "SKHDT",
    "SVHTTDL",
    "SNV",
    "STC",
    "STP",
    "SGDDT",
    "SYT",
    "SCT",
    "SKHCN",
    "SNNPTNT",
    "STNMT",
    "SNGV",
)
SUPPORT_KEYS = (*DEPARTMENT_KEYS, "CAT", "BCHQS", "BDBP", "DPTTH", "BAO", "MTTQ", "TDOAN", "HLHPN", "BTGTU")


class SizeError(ValueError):
    """A corpus size that makes no sense; the message says which value and why."""


@dataclass(frozen=True)
class Size:
    """How big a corpus to make.  Defaults give the national size of PITFALLS.md."""

    plans: int = 12_000
    tasks_per_plan: int = 15
    centrals: int = 30
    provinces: int = 63
    first_year: int = 2019
    years: int = 6
    text_docs: int = 2_000
    seed: int = 42

    def check(self) -> Size:
        """Refuse nonsensical sizes with a message naming the value."""
        limits = {
            "plans": (1, 1_000_000),
            "tasks_per_plan": (1, 500),
            "centrals": (1, 10_000),
            "provinces": (1, 63),
            "first_year": (1990, 2100),
            "years": (1, 50),
            "text_docs": (0, 1_000_000),
        }
        for name, (low, high) in limits.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise SizeError(f"{name} must be a whole number, not {value!r}")
            if not low <= value <= high:
                raise SizeError(f"{name}={value} is out of range: it must be between {low} and {high}")
        if self.plans < self.provinces * self.years:
            raise SizeError(
                f"plans={self.plans} is too few for {self.provinces} provinces over {self.years} years: "
                f"give at least one plan per province and year ({self.provinces * self.years})"
            )
        if self.text_docs > self.plans + self.centrals:
            raise SizeError(
                f"text_docs={self.text_docs} exceeds the corpus: there are only "
                f"{self.plans + self.centrals} documents (plans + centrals)"
            )
        if not isinstance(self.seed, int) or isinstance(self.seed, bool):
            raise SizeError(f"seed must be a whole number, not {self.seed!r}")
        return self

    @property
    def name(self) -> str:
        return (
            f"SYNTHETIC-national-p{self.plans}-t{self.tasks_per_plan}-c{self.centrals}"
            f"-v{self.provinces}-y{self.first_year}x{self.years}-s{self.seed}"
        )


@dataclass(frozen=True)
class Body:
    name: str
    printed: str  # how a document prints it in a header or a task
    key: str
    level: str
    branch: str
    symbol_code: str
    province: Province | None = None

    @property
    def iri(self) -> str:
        return f"{BASE}agency/{slug(self.name)}"


@dataclass(frozen=True)
class Deadline:
    text: str
    start: str
    end: str
    ongoing: bool

    @property
    def iri(self) -> str:
        return f"{BASE}interval/{slug(self.text)}"


@dataclass(frozen=True)
class TaskSpec:
    label: str
    text: str
    lead: Body
    support: tuple[Body, ...] = ()
    deadline: Deadline | None = None
    budget: int | None = None
    cites: tuple[Doc, ...] = ()


@dataclass(frozen=True)
class Cite:
    target: Doc
    clause: str  # as printed: Căn cứ | Thực hiện | Triển khai | Quán triệt


@dataclass(frozen=True)
class Doc:
    """One document of the model; `ingested` False means it is only known from what others cite."""

    number: int
    symbol: str
    type_code: str
    type_name: str
    issuer: Body
    date: str
    theme: str
    tier: int  # 0 central, 1 provincial party, 2 provincial state, 3 department, 4 department sub-plan
    ingested: bool = True
    cites: tuple[Cite, ...] = ()
    tasks: tuple[TaskSpec, ...] = ()

    @property
    def year(self) -> int:
        return int(self.date[:4])

    @property
    def iri(self) -> str:
        return document_iri(document_key(self.symbol, self.issuer.name, self.year))

    @property
    def title(self) -> str:
        verb = "Triển khai thực hiện" if self.tier else "Về"
        return f"{verb} {self.theme} năm {self.year} {MARK}"

    @property
    def source(self) -> str:
        return f"synthetic_{self.number:06d}.txt"


@dataclass(frozen=True)
class Corpus:
    size: Size
    centrals: tuple[Doc, ...]
    plans: tuple[Doc, ...]
    references: tuple[Doc, ...]
    bodies: tuple[Body, ...]


def _bodies(province: Province) -> dict[str, Body]:
    """Every standard body of one province, from the gazetteer."""
    out = {}
    for template in body_templates():
        if "{topic}" in template.template:
            continue
        body = provincial_body(template.name, province)
        if body is None:
            raise SizeError(f"gazetteer cannot name {template.name!r} in {province.name}")
        out[template.key] = Body(
            name=body.name,
            printed=body.name,
            key=template.key,
            level=body.level,
            branch=body.branch,
            symbol_code=body.symbol_code or template.key,
            province=province,
        )
    return out


def _steering(province: Province, theme: str) -> Body:
    body = provincial_body(f"Ban Chỉ đạo {theme}", province)
    if body is None:
        raise SizeError(f"gazetteer cannot name a steering committee for {theme!r} in {province.name}")
    return Body(body.name, body.name, "BCD", body.level, body.branch, "BCĐ", province)


def _date(rng: random.Random, year: int, after: str | None = None) -> str:
    low = 1
    if after and after[:4] == str(year):
        low = min(int(after[5:7]) + 1, 12)
    month = rng.randint(low, 12)
    return f"{year}-{month:02d}-{rng.randint(1, 28):02d}"


def _deadline(rng: random.Random, year: int) -> Deadline:
    kind = rng.randrange(5)
    if kind == 0:
        q = rng.randint(1, 4)
        roman = ("I", "II", "III", "IV")[q - 1]
        end_month = 3 * q
        end_day = {3: 31, 6: 30, 9: 30, 12: 31}[end_month]
        return Deadline(
            f"Quý {roman}/{year}",
            f"{year}-{end_month - 2:02d}-01",
            f"{year}-{end_month:02d}-{end_day}",
            False,
        )
    if kind == 1:
        return Deadline(f"Thường xuyên trong năm {year}", f"{year}-01-01", f"{year}-12-31", True)
    if kind == 2:
        return Deadline(f"Trong năm {year}", f"{year}-01-01", f"{year}-12-31", False)
    if kind == 3:
        m = rng.randint(1, 12)
        last = (31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[m - 1]
        return Deadline(f"Tháng {m}/{year}", f"{year}-{m:02d}-01", f"{year}-{m:02d}-{last}", False)
    return Deadline(f"6 tháng đầu năm {year}", f"{year}-01-01", f"{year}-06-30", False)


def _symbol(body: Body, type_code: str, number: int) -> str:
    if body.branch == "party":
        return f"{number}-{type_code}/{body.symbol_code}"
    return f"{number}/{type_code}-{body.symbol_code}"


def _tasks(
    rng: random.Random, doc: Doc, count: int, pool: list[Body], centrals: list[Doc]
) -> tuple[TaskSpec, ...]:
    tasks = []
    for i in range(1, count + 1):
        lead = doc.issuer if doc.tier >= 3 and rng.random() < 0.6 else rng.choice(pool)
        support = tuple(rng.sample(pool, rng.randint(1, 3))) if rng.random() < 0.25 else ()
        text = f"{rng.choice(TASK_VERBS)} {doc.theme} {rng.choice(TASK_SCOPES)} năm {doc.year}"
        tasks.append(
            TaskSpec(
                label=f"II.{i}",
                text=text,
                lead=lead,
                support=tuple(s for s in support if s != lead),
                deadline=_deadline(rng, doc.year) if rng.random() < 0.5 else None,
                budget=rng.randint(2, 100) * 5_000_000 if rng.random() < 0.15 else None,
                cites=(rng.choice(centrals),) if rng.random() < 0.05 else (),
            )
        )
    return tuple(tasks)


def generate(size: Size) -> Corpus:
    """The whole model, deterministic in `size.seed`."""
    size.check()
    rng = random.Random(size.seed)
    places = provinces()[: size.provinces]
    years = list(range(size.first_year, size.first_year + size.years))
    centrals: list[Doc] = []
    central_bodies: dict[str, Body] = {}
    number = 0
    for i in range(size.centrals):
        issuer_name, branch, code, type_name, pattern = CENTRAL_ISSUERS[i % len(CENTRAL_ISSUERS)]
        body = central_bodies.setdefault(
            issuer_name, Body(issuer_name, issuer_name, slug(issuer_name), "central", branch, "")
        )
        year = rng.randint(size.first_year - 6, size.first_year + size.years - 1)
        number += 1
        centrals.append(
            Doc(
                number=number,
                symbol=pattern.format(n=900 + i),
                type_code=code,
                type_name=type_name,
                issuer=body,
                date=_date(rng, year),
                theme=THEMES[i % len(THEMES)],
                tier=0,
            )
        )
    plans: list[Doc] = []
    references: list[Doc] = []
    bodies: list[Body] = list(central_bodies.values())
    slots = len(places) * len(years)
    per_slot = [size.plans // slots + (1 if k < size.plans % slots else 0) for k in range(slots)]
    counters: dict[tuple[str, str, int], int] = {}
    slot = 0

    def next_number(body: Body, year: int) -> int:
        # Numbers run per printed code, province and year, as a clerk's register does: two steering
        # committees of one province both print "…-KH/BCĐ", so they share one sequence.
        key = (body.symbol_code, body.province.name if body.province else "", year)
        counters[key] = counters.get(key, 0) + rng.randint(1, 9)
        return counters[key]

    for province in places:
        local = _bodies(province)
        bodies.extend(local.values())
        steering = {theme: _steering(province, theme) for theme in THEMES}
        bodies.extend(steering.values())
        pool = [local[k] for k in SUPPORT_KEYS]
        for year in years:
            quota = per_slot[slot]
            slot += 1
            tiers: dict[int, list[Doc]] = {1: [], 2: [], 3: [], 4: []}
            visible = [c for c in centrals if c.year <= year] or centrals
            for k in range(quota):
                tier = 1 if k == 0 else rng.choices((1, 2, 3, 4), weights=(2, 4, 7, 3))[0]
                while tier > 1 and not tiers[tier - 1]:
                    tier -= 1
                if tier == 1:
                    central = rng.choice(visible)
                    issuer = (
                        local[rng.choice(PROVINCIAL_KEYS)] if rng.random() < 0.8 else steering[central.theme]
                    )
                    parent, theme = central, central.theme
                else:
                    parent = rng.choice(tiers[tier - 1])
                    theme = parent.theme
                    if tier == 2:
                        issuer = local[STATE_KEY]
                    else:
                        issuer = local[rng.choice(DEPARTMENT_KEYS)]
                number += 1
                date = _date(rng, year, after=parent.date if parent.year == year else None)
                doc = Doc(
                    number=number,
                    symbol=_symbol(issuer, "KH", next_number(issuer, year)),
                    type_code="KH",
                    type_name="Kế hoạch",
                    issuer=issuer,
                    date=date,
                    theme=theme,
                    tier=tier,
                )
                cites: list[Cite] = []
                roll = rng.random()
                if roll < 0.02:
                    pass  # an orphan: cites nothing a trace can follow
                elif roll < 0.05 and tier > 1:
                    # a broken chain: the parent plan is known only from this citation
                    ghost_issuer = parent.issuer
                    ghost = Doc(
                        number=0,
                        symbol=_symbol(ghost_issuer, "KH", next_number(ghost_issuer, year)),
                        type_code="KH",
                        type_name="Kế hoạch",
                        issuer=ghost_issuer,
                        date=_date(rng, year),
                        theme=theme,
                        tier=parent.tier,
                        ingested=False,
                    )
                    references.append(ghost)
                    cites.append(Cite(ghost, "Thực hiện"))
                else:
                    cites.append(Cite(parent, "Thực hiện" if tier < 4 else "Triển khai"))
                    if tier > 1 and rng.random() < 0.3:
                        cites.append(Cite(rng.choice(visible), "Căn cứ"))
                count = max(1, round(rng.uniform(0.5, 1.5) * size.tasks_per_plan))
                doc = replace(doc, cites=tuple(cites), tasks=_tasks(rng, doc, count, pool, visible))
                tiers[tier].append(doc)
                plans.append(doc)
    seen: dict[str, Doc] = {}
    for doc in (*centrals, *plans, *references):
        if doc.iri in seen:
            raise SizeError(
                f"two generated documents share the IRI {doc.iri}: {seen[doc.iri].symbol}, {doc.symbol}"
            )
        seen[doc.iri] = doc
    return Corpus(size, tuple(centrals), tuple(plans), tuple(references), tuple(dict.fromkeys(bodies)))


# ---------------------------------------------------------------- text form


def _dmy(date: str) -> str:
    y, m, d = date.split("-")
    return f"{int(d):02d}/{int(m)}/{y}"


def _cite_text(cite: Cite) -> str:
    t = cite.target
    return f"{t.type_name} số {t.symbol} ngày {_dmy(t.date)} của {t.issuer.name} về {t.theme}"


def _signer(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def render(doc: Doc, seed: int) -> str:
    """The document as text, laid out like the seeds: header, preamble, tasks, duties, recipients."""
    rng = random.Random(f"{seed}:{doc.number}")
    y, m, d = doc.date.split("-")
    place = doc.issuer.province.name if doc.issuer.province else "Hà Nội"
    party = doc.issuer.branch == "party"
    lines = [BANNER.format(seed=seed), ""]
    if doc.issuer.province and doc.issuer.key not in ("TU", "BTVTU", "UBND"):
        province = doc.issuer.province
        parent = f"{province.short} ủy {province.place}" if party else f"Ủy ban nhân dân {province.full_name}"
        lines.append(parent.upper())
    lines += [doc.issuer.name.upper(), ""]
    lines += (
        ["ĐẢNG CỘNG SẢN VIỆT NAM"]
        if party
        else ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    )
    lines += ["", f"Số: {doc.symbol}", "", f"{place}, ngày {int(d):02d} tháng {int(m):02d} năm {y}", ""]
    lines += [doc.type_name.upper(), doc.title[0].upper() + doc.title[1:], ""]
    if doc.tier == 0:
        lines += [
            f"Để lãnh đạo, chỉ đạo {doc.theme}, {doc.issuer.name} yêu cầu các cấp ủy, tổ chức đảng, "
            "chính quyền các cấp thực hiện tốt các nội dung sau:",
            "",
            f"1. Quán triệt sâu sắc các chủ trương của Đảng, chính sách, pháp luật của Nhà nước về {doc.theme}.",
            "",
            "2. Các tỉnh ủy, thành ủy, ủy ban nhân dân các tỉnh, thành phố xây dựng kế hoạch thực hiện.",
            "",
            "Nơi nhận:",
            "- Các tỉnh ủy, thành ủy;",
            "- Lưu: VT.",
            "",
            _signer(rng),
        ]
        return "\n".join(lines) + "\n"
    if doc.cites:
        parts = [f"{c.clause} {_cite_text(c)}" for c in doc.cites]
        closing = f"{doc.issuer.name} xây dựng Kế hoạch như sau:"
        if rng.random() < 0.5:
            lines.append("; ".join(parts) + ", " + closing)
        else:
            lines += [*(f"{part};" for part in parts[:-1]), f"{parts[-1]},", closing]
    else:
        lines.append(
            f"Để triển khai {doc.theme} năm {doc.year}, {doc.issuer.name} xây dựng Kế hoạch như sau:"
        )
    lines += [
        "",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "",
        "1. Mục đích",
        "",
        f"- Nâng cao nhận thức của cán bộ, đảng viên và Nhân dân về {doc.theme}; "
        f"góp phần hoàn thành các nhiệm vụ chính trị của tỉnh năm {doc.year}.",
        "",
        "2. Yêu cầu",
        "",
        "- Bảo đảm sự thống nhất trong chỉ đạo, sự phối hợp đồng bộ, hiệu quả giữa các cơ quan, đơn vị.",
        "",
        f"II. NHIỆM VỤ TRỌNG TÂM NĂM {doc.year}",
        "",
    ]
    for n, task in enumerate(doc.tasks, 1):
        lines += [
            f"{n}. {task.text}",
            "",
            "- Trách nhiệm thực hiện:",
            "",
            f"+ Đơn vị chủ trì: {task.lead.name}.",
            "",
        ]
        if task.support:
            lines += [f"+ Đơn vị phối hợp: {'; '.join(s.name for s in task.support)}.", ""]
        if task.cites:
            lines += [f"- Căn cứ thực hiện: {_cite_text(Cite(task.cites[0], 'Căn cứ'))}.", ""]
        if task.deadline:
            lines += [f"- Thời gian thực hiện: {task.deadline.text}", ""]
        if task.budget:
            lines += [f"- Kinh phí: {task.budget:,} đồng".replace(",", "."), ""]
    lines += ["III. TỔ CHỨC THỰC HIỆN", ""]
    leads = list(dict.fromkeys(t.lead for t in doc.tasks))[:4]
    for n, body in enumerate(leads, 1):
        lines += [
            f"{n}. {body.name}",
            "",
            f"- Chủ trì, phối hợp với các cơ quan liên quan triển khai các nhiệm vụ được giao về {doc.theme}.",
            "",
        ]
    lines += ["Nơi nhận:", ""]
    lines += [f"- {c.target.issuer.name} (b/c);" for c in doc.cites]
    lines += ["- Các sở, ban, ngành tỉnh;", "- Lưu: VT.", ""]
    lines += ["TM. " + doc.issuer.name.upper(), "", _signer(rng), ""]
    if doc.tasks and rng.random() < 0.25:
        lines += [
            "PHỤ LỤC",
            f"Danh mục nhiệm vụ năm {doc.year} {MARK}",
            f"(Kèm theo Kế hoạch số {doc.symbol} ngày {_dmy(doc.date)} của {doc.issuer.name})",
            "",
            "Stt\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp thực hiện\tThời gian Thực hiện\tKinh phí",
        ]
        for n, task in enumerate(doc.tasks, 1):
            budget = f"{task.budget:,}".replace(",", ".") if task.budget else ""
            deadline = task.deadline.text if task.deadline else ""
            support = ", ".join(s.name for s in task.support)
            lines.append(f"{n:02d}\t{task.text}\t{task.lead.name}\t{support}\t{deadline}\t{budget}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- graph form


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def _lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    if lang:
        return f'"{_esc(text)}"@{lang}'
    if datatype:
        return f'"{_esc(text)}"^^<{datatype}>'
    return f'"{_esc(text)}"'


def _int(value: int) -> str:
    return f'"{value}"^^<{XSD}integer>'


def _bool(value: bool) -> str:
    return f'"{"true" if value else "false"}"^^<{XSD}boolean>'


def _quads(corpus: Corpus) -> Iterator[str]:
    """Every quad of the corpus as an N-Quads line; one named graph per source file, as `cancu build` makes."""
    seed = corpus.size.seed
    gaz = f"<{GRAPH_BASE}synthetic-gazetteer>"
    a = f"<{RDF_TYPE}>"
    for p in provinces()[: corpus.size.provinces]:
        iri = f"<{BASE}province/{slug(p.name)}>"
        yield f"{iri} {a} <{CC}Province> {gaz} .\n"
        yield f"{iri} <{SKOS}prefLabel> {_lit(p.name, 'vi')} {gaz} .\n"
    for body in corpus.bodies:
        iri = f"<{body.iri}>"
        yield f"{iri} {a} <{CC}Agency> {gaz} .\n"
        yield f"{iri} <{SKOS}prefLabel> {_lit(body.name, 'vi')} {gaz} .\n"
        yield f"{iri} <{CC}level> <{VOCAB}level/{body.level}> {gaz} .\n"
        yield f"{iri} <{CC}branch> <{VOCAB}branch/{body.branch}> {gaz} .\n"
        if body.province:
            yield f"{iri} <{CC}province> <{BASE}province/{slug(body.province.name)}> {gaz} .\n"
    deadlines: set[str] = set()
    for doc in (*corpus.centrals, *corpus.plans):
        text = render(doc, seed)
        g = f"<{GRAPH_BASE}{slug(doc.source)}>"
        src = f"<{BASE}source/{slug(doc.source)}>"
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        yield f"{g[:-1]}> <{CC}buildKey> {_lit(f'sha256:{digest};cancu:{__version__}')} {g} .\n"
        yield f"{src} {a} <{PROV}Entity> {g} .\n"
        yield f"{src} <{CC}fileName> {_lit(doc.source)} {g} .\n"
        yield f"{src} <{CC}sha256> {_lit(digest)} {g} .\n"
        d = f"<{doc.iri}>"
        yield from _document(doc, d, g)
        yield f"{d} <{CC}ingestedFrom> {src} {g} .\n"
        yield f"{d} <{CC}synthetic> {_bool(True)} {g} .\n"
        for n, cite in enumerate(doc.cites):
            target = f"<{cite.target.iri}>"
            kind = "implements" if cite.clause in ("Thực hiện", "Triển khai", "Quán triệt") else "basedOn"
            yield f"{target} {a} <{CC}Document> {g} .\n"
            yield f"{target} <{CC}symbol> {_lit(cite.target.symbol)} {g} .\n"
            yield f"{target} <{CC}level> <{VOCAB}level/{cite.target.issuer.level}> {g} .\n"
            yield f"{d} <{CC}{kind}> {target} {g} .\n"
            yield f"{d} <{CC}cites> {target} {g} .\n"
            c = f"<{BASE}citation/{slug(doc.source)}/{n}>"
            yield f"{c} {a} <{CC}Citation> {g} .\n"
            yield f"{c} <{CC}citingDocument> {d} {g} .\n"
            yield f"{c} <{CC}citedDocument> {target} {g} .\n"
            yield f"{c} <{CC}clause> {_lit(cite.clause, 'vi')} {g} .\n"
            yield f"{c} <{CC}citationKind> {_lit(kind)} {g} .\n"
            yield f"{c} <{CC}inPreamble> {_bool(True)} {g} .\n"
            yield f"{c} <{PROV}wasDerivedFrom> {src} {g} .\n"
        doc_key = doc.iri[len(BASE) + len("doc/") :]
        for task in doc.tasks:
            t = f"<{BASE}task/{doc_key}/{slug(task.label)}>"
            yield f"{t} {a} <{CC}Task> {g} .\n"
            yield f"{t} <{CC}partOf> {d} {g} .\n"
            yield f"{t} <{CC}label> {_lit(task.label)} {g} .\n"
            yield f"{t} <{CC}text> {_lit(task.text, 'vi')} {g} .\n"
            yield f"{t} <{CC}lead> <{task.lead.iri}> {g} .\n"
            for s in task.support:
                yield f"{t} <{CC}support> <{s.iri}> {g} .\n"
            if task.budget:
                yield f"{t} <{CC}budgetVND> {_int(task.budget)} {g} .\n"
            for cited in task.cites:
                yield f"{t} <{CC}cites> <{cited.iri}> {g} .\n"
            if task.deadline:
                dl = task.deadline
                i = f"<{dl.iri}>"
                yield f"{t} <{CC}deadline> {i} {g} .\n"
                if dl.text not in deadlines:
                    deadlines.add(dl.text)
                    yield f"{i} {a} <{TIME}Interval> {gaz} .\n"
                    yield f"{i} <{CC}rawText> {_lit(dl.text)} {gaz} .\n"
                    yield f"{i} <{CC}start> {_lit(dl.start, datatype=XSD + 'date')} {gaz} .\n"
                    yield f"{i} <{CC}end> {_lit(dl.end, datatype=XSD + 'date')} {gaz} .\n"
                    yield f"{i} <{CC}ongoing> {_bool(dl.ongoing)} {gaz} .\n"
                    yield f"{i} <{CC}recurring> {_bool(False)} {gaz} .\n"


def _document(doc: Doc, d: str, g: str) -> Iterator[str]:
    yield f"{d} <{RDF_TYPE}> <{CC}Document> {g} .\n"
    yield f"{d} <{CC}symbol> {_lit(doc.symbol)} {g} .\n"
    yield f"{d} <{CC}documentType> <{VOCAB}doctype/{doc.type_code}> {g} .\n"
    yield f"{d} <{CC}date> {_lit(doc.date, datatype=XSD + 'date')} {g} .\n"
    yield f"{d} <{CC}year> {_int(doc.year)} {g} .\n"
    yield f"{d} <{CC}title> {_lit(doc.title, 'vi')} {g} .\n"
    yield f"{d} <{CC}issuer> <{doc.issuer.iri}> {g} .\n"
    yield f"{d} <{CC}level> <{VOCAB}level/{doc.issuer.level}> {g} .\n"
    if doc.issuer.province:
        yield f"{d} <{CC}province> <{BASE}province/{slug(doc.issuer.province.name)}> {g} .\n"


# ---------------------------------------------------------------- writing and caching


@dataclass(frozen=True)
class Written:
    """Where a generated corpus lives, and what it holds (the manifest)."""

    folder: Path
    text: Path
    quads: Path
    manifest: dict

    @property
    def triples(self) -> int:
        return int(self.manifest["quads"])


def write(size: Size, out: Path) -> Written:
    """Generate the corpus into out/<SYNTHETIC-name>/ and write its manifest last."""
    start = time.perf_counter()
    corpus = generate(size)
    folder = out / size.name
    text_dir = folder / "text"
    text_dir.mkdir(parents=True, exist_ok=True)
    for old in text_dir.glob("synthetic_*.txt"):
        old.unlink()
    docs = (*corpus.centrals, *corpus.plans)
    for doc in docs[: size.text_docs]:
        (text_dir / doc.source).write_text(render(doc, size.seed), encoding="utf-8")
    quads = folder / "SYNTHETIC-graph.nq"
    count = 0
    with quads.open("w", encoding="utf-8") as fh:
        fh.write(f"# {BANNER.format(seed=size.seed)}\n# {GENERATOR} {json.dumps(asdict(size))}\n")
        batch: list[str] = []
        for line in _quads(corpus):
            batch.append(line)
            if len(batch) >= 50_000:
                fh.writelines(batch)
                count += len(batch)
                batch.clear()
        fh.writelines(batch)
        count += len(batch)
    manifest = {
        "synthetic": True,
        "generator": GENERATOR,
        "format_version": FORMAT_VERSION,
        "size": asdict(size),
        "documents": len(docs),
        "centrals": len(corpus.centrals),
        "plans": len(corpus.plans),
        "reference_only": len(corpus.references),
        "tasks": sum(len(d.tasks) for d in corpus.plans),
        "agencies": len(corpus.bodies),
        "text_docs": size.text_docs,
        "quads": count,
        "seconds": round(time.perf_counter() - start, 2),
    }
    (folder / "MANIFEST.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return Written(folder, text_dir, quads, manifest)


def ensure(size: Size, out: Path) -> Written:
    """The corpus for `size`, generated once and reused while its manifest matches."""
    size.check()
    folder = out / size.name
    manifest_path = folder / "MANIFEST.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("format_version") == FORMAT_VERSION and manifest.get("size") == asdict(size):
            return Written(folder, folder / "text", folder / "SYNTHETIC-graph.nq", manifest)
    return write(size, out)


def size_arguments(parser: argparse.ArgumentParser) -> None:
    """The size options every bench script shares."""
    defaults = Size()
    for name in (
        "plans",
        "tasks_per_plan",
        "centrals",
        "provinces",
        "first_year",
        "years",
        "text_docs",
        "seed",
    ):
        parser.add_argument(f"--{name.replace('_', '-')}", type=int, default=getattr(defaults, name))
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out")


def size_from(args: argparse.Namespace) -> Size:
    return Size(
        plans=args.plans,
        tasks_per_plan=args.tasks_per_plan,
        centrals=args.centrals,
        provinces=args.provinces,
        first_year=args.first_year,
        years=args.years,
        text_docs=min(Size.text_docs, args.plans + args.centrals)
        if args.text_docs is None
        else args.text_docs,
        seed=args.seed,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size_arguments(parser)
    parser.add_argument("--force", action="store_true", help="regenerate even if a matching corpus exists")
    args = parser.parse_args(argv)
    try:
        size = size_from(args).check()
        written = write(size, args.out) if args.force else ensure(size, args.out)
    except SizeError as exc:
        print(f"gen_corpus: {exc}", file=sys.stderr)
        return 2
    print(f"SYNTHETIC corpus in {written.folder}", file=sys.stderr)
    print(
        json.dumps(
            {"bench": "gen_corpus", "folder": str(written.folder), **written.manifest}, ensure_ascii=False
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
