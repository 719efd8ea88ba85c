"""The province gazetteer and provincial-body templates, each table checked against its examples."""

from __future__ import annotations

import datetime as dt

import pytest

from cancu.ingest.identity import fold
from cancu.ontology.gazetteer import (
    MERGER_DATE,
    body_templates,
    find_province,
    merged_into,
    province_in,
    provinces,
    provinces_2025,
    provincial_body,
)


def test_63_units_before_the_merger_six_of_them_cities() -> None:
    units = provinces()
    assert len(units) == 63
    assert len({p.name for p in units}) == 63
    assert len({p.code for p in units}) == 63
    assert sorted(p.name for p in units if p.type == "thành phố") == [
        "Cần Thơ",
        "Hà Nội",
        "Hải Phòng",
        "Hồ Chí Minh",
        "Đà Nẵng",
    ]


def test_34_units_after_the_merger_six_of_them_cities() -> None:
    units = provinces_2025()
    assert len(units) == 34
    assert len({p.name for p in units}) == 34
    assert sum(p.type == "thành phố" for p in units) == 6
    assert sum(len(p.members) > 1 for p in units) == 23  # Nghị quyết 202/2025/QH15, Điều 1


def test_every_old_unit_maps_to_exactly_one_new_and_back() -> None:
    new_by_name = {p.name: p for p in provinces_2025()}
    memberships = [m for p in provinces_2025() for m in p.members]
    assert sorted(memberships) == sorted(p.name for p in provinces())
    for old in provinces():
        assert old.name in new_by_name[old.merged_into].members, old


def test_ascii_column_is_the_folded_name() -> None:
    for p in (*provinces(), *provinces_2025()):
        assert fold(p.ascii) == fold(p.name), p


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Kiên Giang", "An Giang"),
        ("An Giang", "An Giang"),
        ("Trà Vinh", "Vĩnh Long"),
        ("Bến Tre", "Vĩnh Long"),
        ("Lạng Sơn", "Lạng Sơn"),
        ("Hà Giang", "Tuyên Quang"),
        ("Yên Bái", "Lào Cai"),
        ("Hòa Bình", "Phú Thọ"),
        ("Bắc Giang", "Bắc Ninh"),
        ("Hải Dương", "Hải Phòng"),
        ("Nam Định", "Ninh Bình"),
        ("Quảng Bình", "Quảng Trị"),
        ("Quảng Nam", "Đà Nẵng"),
        ("Kon Tum", "Quảng Ngãi"),
        ("Bình Định", "Gia Lai"),
        ("Ninh Thuận", "Khánh Hòa"),
        ("Bình Thuận", "Lâm Đồng"),
        ("Phú Yên", "Đắk Lắk"),
        ("Bình Dương", "Hồ Chí Minh"),
        ("Bình Phước", "Đồng Nai"),
        ("Long An", "Tây Ninh"),
        ("Sóc Trăng", "Cần Thơ"),
        ("Tiền Giang", "Đồng Tháp"),
        ("Bạc Liêu", "Cà Mau"),
        ("Thừa Thiên Huế", "Huế"),
    ],
)
def test_merged_into_from_the_merger_day(old: str, new: str) -> None:
    after = merged_into(old, MERGER_DATE)
    before = merged_into(old, MERGER_DATE - dt.timedelta(days=1))
    assert after is not None and after.name == new, old
    assert before is not None and before.name == old and not before.members, old
    assert merged_into(old, "2025-07-01T08:00") == after


def test_unchanged_units_are_exactly_eleven() -> None:
    unchanged = sorted(p.name for p in provinces() if p.unchanged)
    assert len(unchanged) == 11, unchanged
    assert "Lạng Sơn" in unchanged and "Kiên Giang" not in unchanged


def test_merged_into_refuses_what_is_not_a_province() -> None:
    assert merged_into("Atlantis", "2026-01-01") is None


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Kiên Giang", "Kiên Giang"),
        ("tỉnh Kiên Giang", "Kiên Giang"),
        ("Kién Giang", "Kiên Giang"),
        ("KIEN GIANG", "Kiên Giang"),
        ("Lang Son", "Lạng Sơn"),
        ("Tỉnh Lạng Sơn", "Lạng Sơn"),
        ("TP. Hồ Chí Minh", "Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
        ("TP.HCM", "Hồ Chí Minh"),
        ("thành phố Hà Nội", "Hà Nội"),
        ("Thừa Thiên Huế", "Thừa Thiên Huế"),
        ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
        ("Huế", "Thừa Thiên Huế"),
        ("Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("BR-VT", "Bà Rịa - Vũng Tàu"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("Đắc Lắc", "Đắk Lắk"),
        ("Pà Nẵng", "Đà Nẵng"),
        ("Ki€n Giang", "Kiên Giang"),
        ("tinh Nghé An", "Nghệ An"),
        ("Trà Vỉnh", "Trà Vinh"),
        ("Trà Vinh", "Trà Vinh"),
        ("Tp. Cần Thơ", "Cần Thơ"),
        ("Hậu Giang", "Hậu Giang"),
        ("Ha Giang", "Hà Giang"),
        ("Tien Giang", "Tiền Giang"),
        # OCR damage: vowels lost, doubled or swapped (ư→ir/ud, ộ→é), the words' first letters kept.
        ("Binh Phudc", "Bình Phước"),
        ("Ha Néi", "Hà Nội"),
        ("Thira Thién Hué", "Thừa Thiên Huế"),
        ("Yén Béai", "Yên Bái"),
        ("Tinh Quéang Binh", "Quảng Bình"),
        ("Ba Ria - Viing Tau", "Bà Rịa - Vũng Tàu"),
        ("Pha Yén", "Phú Yên"),
    ],
)
def test_find_province_by_any_printed_form(printed: str, expected: str) -> None:
    found = find_province(printed)
    assert found is not None and found.name == expected, printed


@pytest.mark.parametrize(
    "printed",
    [
        "",
        None,
        "Trung ương",
        "Lào",
        "Kien",
        "tỉnh",
        # Near a province's name but not one: accented words mean what they say, common words are lower-case,
        # and a reading as near to two provinces names neither.
        "Hội đồng",
        "lao động",
        "huy tinh",
        "cua bang",
        "Quảng Tây",
        "Ha Nom",
        "Tay Nguyen",
        "Viet Nam",
    ],
)
def test_find_province_refuses_what_is_not_one(printed: str | None) -> None:
    assert find_province(printed) is None, printed


def test_every_variant_finds_its_province() -> None:
    checked = 0
    for p in provinces():
        for form in (p.name, p.ascii, *p.variants, f"{p.type} {p.name}"):
            assert find_province(form) == p, form
            checked += 1
    assert checked > 63 * 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sở Ngoại vụ tỉnh Kiên Giang", "Kiên Giang"),
        ("Ban Chỉ đạo công tác thông tin đối ngoại tỉnh Trà Vinh", "Trà Vinh"),
        ("Ủy ban nhân dân thành phố Hồ Chí Minh", "Hồ Chí Minh"),
        ("Ban Tuyên giáo Trung ương", None),
    ],
)
def test_province_in_a_longer_name(text: str, expected: str | None) -> None:
    found = province_in(text)
    assert (found.name if found else None) == expected, text


def test_body_table_examples_resolve_to_their_full_names() -> None:
    templates = body_templates()
    assert len(templates) >= 30
    assert len({b.key for b in templates}) == len(templates)
    for body in templates:
        printed, province, full = body.example
        got = provincial_body(printed, province)
        assert got is not None and got.key == body.key and got.name == full, body.example


def test_every_abbreviation_and_alias_resolves_to_its_body() -> None:
    checked = 0
    for body in body_templates():
        for form in (*body.abbreviations, *body.aliases):
            printed = form.format(short="Tỉnh", unit="tỉnh", name="Lạng Sơn", place="Lạng Sơn")
            got = provincial_body(printed, "Lạng Sơn")
            assert got is not None and got.key == body.key, printed
            checked += 1
    assert checked >= 40


def test_parents_are_bodies_of_the_table() -> None:
    keys = {b.key for b in body_templates()}
    for body in body_templates():
        assert body.parent in keys | {""}, body
        assert body.level in {"province", "department"}, body
        assert body.branch in {"party", "state", "front"}, body


@pytest.mark.parametrize(
    ("printed", "province", "name", "level", "branch", "parent"),
    [
        ("Sở Ngoại vụ", "Kiên Giang", "Sở Ngoại vụ tỉnh Kiên Giang", "department", "state", "Ủy ban nhân dân tỉnh Kiên Giang"),
        ("SNgV", "Kiên Giang", "Sở Ngoại vụ tỉnh Kiên Giang", "department", "state", "Ủy ban nhân dân tỉnh Kiên Giang"),
        ("Sở TT&TT", "Trà Vinh", "Sở Thông tin và Truyền thông tỉnh Trà Vinh", "department", "state", "Ủy ban nhân dân tỉnh Trà Vinh"),
        ("UBND tỉnh Kiên Giang", "Lạng Sơn", "Ủy ban nhân dân tỉnh Kiên Giang", "province", "state", None),
        ("Tỉnh ủy", "Hà Nội", "Thành ủy Hà Nội", "province", "party", None),
        ("Ban Tuyên giáo Tỉnh ủy", "Hồ Chí Minh", "Ban Tuyên giáo Thành ủy Thành phố Hồ Chí Minh", "province", "party", "Thành ủy Thành phố Hồ Chí Minh"),
        ("Ban Chấp hành Đảng bộ tỉnh Lạng Sơn", None, "Tỉnh ủy Lạng Sơn", "province", "party", None),
        ("Ban Chỉ đạo Công tác thông tin đối ngoại tỉnh Lạng Sơn", None, "Ban Chỉ đạo Công tác thông tin đối ngoại tỉnh Lạng Sơn", "province", "party", "Tỉnh ủy Lạng Sơn"),
        ("Ban Chỉ đạo công tác thông tin đối ngoại", "Trà Vinh", "Ban Chỉ đạo công tác thông tin đối ngoại tỉnh Trà Vinh", "province", "party", "Tỉnh ủy Trà Vinh"),
        ("Đài Phát thanh – Truyền hình Trà Vinh", None, "Đài Phát thanh và Truyền hình Trà Vinh", "department", "state", "Ủy ban nhân dân tỉnh Trà Vinh"),
        ("Báo Kiên Giang", None, "Báo Kiên Giang", "department", "party", "Tỉnh ủy Kiên Giang"),
        ("Ủy ban MTTQ tỉnh", "Lạng Sơn", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lạng Sơn", "province", "front", None),
        ("Văn phòng UBND tỉnh", "Kiên Giang", "Văn phòng Ủy ban nhân dân tỉnh Kiên Giang", "province", "state", "Ủy ban nhân dân tỉnh Kiên Giang"),
    ],
)  # fmt: skip
def test_provincial_body(
    printed: str, province: str | None, name: str, level: str, branch: str, parent: str | None
) -> None:
    body = provincial_body(printed, province)
    assert body is not None, printed
    assert (body.name, body.level, body.branch, body.parent) == (name, level, branch, parent), printed


@pytest.mark.parametrize(
    ("printed", "province"),
    [
        ("Thành ủy", "Kiên Giang"),  # a tỉnh's "Thành ủy" is a district-level city's committee
        ("Các Sở, ban ngành", "Trà Vinh"),
        ("Ban Tuyên giáo Trung ương", "Lạng Sơn"),
        ("Sở Ngoại vụ", None),  # no place known
        ("Ban Chỉ đạo", "Lạng Sơn"),  # a steering committee is known by its subject
        ("", "Lạng Sơn"),
    ],
)
def test_provincial_body_refuses(printed: str, province: str | None) -> None:
    assert provincial_body(printed, province) is None, printed
