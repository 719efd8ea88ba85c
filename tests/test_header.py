"""The document's own header, one row per printed form (DOMAIN.md), plus the five seeds against their gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cancu.ingest.clean import clean
from cancu.ingest.extract import extract_text
from cancu.ingest.header import find_header

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "eval" / "gold"

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"

# (printed header, expected fields; fields not named are not checked)
CASES = [
    (
        "Số: 23 /KH-SNgV\nKiên Giang, ngày 19 tháng 10 năm 2020\nKẾ HOẠCH\nCông tác năm 2021\n",
        {
            "symbol": "23/KH-SNgV",
            "symbol_printed": "23 /KH-SNgV",
            "issuer": "Sở Ngoại vụ tỉnh Kiên Giang",
            "level": "department",
            "branch": "state",
            "province": "Kiên Giang",
            "date": "2020-10-19",
        },
    ),
    (
        "BAN CHỈ ĐẠO\nSố 06 - KH/BCĐ\nLạng Sơn, ngày 27 tháng 02 năm 2019\nKẾ HOẠCH\nAbc\n",
        {"symbol": "06-KH/BCĐ", "symbol_printed": "06 - KH/BCĐ", "date": "2019-02-27", "place": "Lạng Sơn"},
    ),
    ("Số: 10KL/TU\nKẾ HOẠCH\nAbc\n", {"symbol": "10-KL/TU", "symbol_printed": "10KL/TU", "type": "Kế hoạch"}),
    (
        "Số: /KH-STTTT-TTBCXB\nTrà Vinh, ngày tháng 02 năm 2020\n## **KẾ HOẠCH** **Hoạt động năm 2020**\n",
        {
            "symbol": None,
            "symbol_printed": "/KH-STTTT-TTBCXB",
            "date": "2020-02",
            "type": "Kế hoạch",
            "title": "Hoạt động năm 2020",
            "issuer": "Sở Thông tin và Truyền thông tỉnh Trà Vinh",
            "level": "department",
        },
    ),
    (
        "BAN CHỈ ĐẠO\nĐẾN Số: 1062 Ngày: 01/3/2019\nSố 06 - KH/BCĐ\nHà Nội, ngày tháng năm 2020\nKẾ HOẠCH\nAbc\n",
        {"symbol": "06-KH/BCĐ", "date": None},
    ),
    (
        "SỞ THÔNG TIN & TRUYỀN THÔNG\nBẢN\tSố: 1062\nĐẾN\tNgày: 01/3/2019\nKẾ HOẠCH\nAbc\n",
        {"symbol": None, "date": None},
    ),
    ("Số: 45/KH-UBND\nHà Nội, 18-01-2019\nKẾ HOẠCH\nAbc\n", {"date": "2019-01-18", "place": "Hà Nội"}),
    ("Số: 45/KH-UBND\nHà Nội, ngày 18/01/2019\nKẾ HOẠCH\nAbc\n", {"date": "2019-01-18"}),
    (
        "TỈNH ỦY LẠNG SƠN\nBAN CHỈ ĐẠO CÔNG TÁC\nTHÔNG TIN ĐỐI NGOẠI\n\n"
        + MOTTO
        + "Lạng Sơn, ngày 27 tháng 02 năm 2019\nSố 06 - KH/BCĐ\nKẾ HOẠCH\nCông tác thông tin đối ngoại năm 2019\n",
        {
            "issuer": "Ban Chỉ đạo Công tác thông tin đối ngoại tỉnh Lạng Sơn",
            "parent_issuer": "Tỉnh ủy Lạng Sơn",
            "level": "province",
            "branch": "party",
            "province": "Lạng Sơn",
            "title": "Công tác thông tin đối ngoại năm 2019",
        },
    ),
    (
        "ỦY BAN NHÂN DÂN\nTỈNH TÂY NINH\n"
        + MOTTO
        + "Số: 873/KH-UBND\nTây Ninh, ngày 05 tháng 3 năm 2020\nKẾ HOẠCH\nAbc\n",
        {
            "issuer": "Ủy ban nhân dân tỉnh Tây Ninh",
            "level": "province",
            "branch": "state",
            "province": "Tây Ninh",
        },
    ),
    (
        "UBND TỈNH KIÊN GIANG\nSỞ NGOẠI VỤ\nSố: 12/KH-SNgV\nKiên Giang, ngày 18/01/2019\nKẾ HOẠCH\nAbc\n",
        {
            "issuer": "Sở Ngoại vụ tỉnh Kiên Giang",
            "parent_issuer": "Ủy ban nhân dân tỉnh Kiên Giang",
            "level": "department",
        },
    ),
    (
        "THÀNH ỦY HÀ NỘI\nBAN TUYÊN GIÁO\nSố 15-HD/BTGTU\nHà Nội, ngày 3 tháng 4 năm 2021\nHƯỚNG DẪN\nTuyên truyền\n",
        {"issuer": "Ban Tuyên giáo Thành ủy Hà Nội", "parent_issuer": "Thành ủy Hà Nội", "type": "Hướng dẫn"},
    ),
    (
        "ỦY BAN NHÂN DÂN\nHUYỆN CHÂU THÀNH\nSố: 45/KH-UBND\nChâu Thành, ngày 3 tháng 4 năm 2021\nKẾ HOẠCH\nAbc\n",
        {"issuer": "Ủy ban nhân dân huyện Châu Thành", "level": "district", "branch": "state"},
    ),
    (
        "BỘ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 2905/BTTTT-TTĐN\nV/v hướng dẫn xây dựng kế hoạch\ncông tác thông tin đối ngoại"
        " năm 2021\nHà Nội, ngày 04 tháng 8 năm 2020\nKính gửi: Ủy ban nhân dân các tỉnh\n",
        {
            "type": "Công văn",
            "issuer": "Bộ Thông tin và Truyền thông",
            "level": "central",
            "province": None,
            "date": "2020-08-04",
            "title": "hướng dẫn xây dựng kế hoạch công tác thông tin đối ngoại năm 2021",
        },
    ),
    (
        "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 25-CT/TW\nHà Nội, ngày 08 tháng 8 năm 2018\nCHỈ THỊ\nCỦA BAN BÍ THƯ\n"
        "về đẩy mạnh đối ngoại đa phương\n",
        {
            "type": "Chỉ thị",
            "issuer": "Ban Bí thư",
            "level": "central",
            "branch": "party",
            "province": None,
            "title": "về đẩy mạnh đối ngoại đa phương",
        },
    ),
    (
        "THỦ TƯỚNG CHÍNH PHỦ\nSố: 1486/QĐ-TTg\nHà Nội, ngày 06 tháng 11 năm 2018\n\nQUYẾT ĐỊNH\nBan hành Kế hoạch\n\n"
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Ban hành.\n",
        {
            "symbol": "1486/QĐ-TTg",
            "type": "Quyết định",
            "issuer": "Thủ tướng Chính phủ",
            "title": "Ban hành Kế hoạch",
        },
    ),
    (
        "KẾ HOẠCH\nTriển khai công tác thông tin đối ngoại năm 2020\n\nCăn cứ Kế hoạch số 12/KH-UBND;\n",
        {"title": "Triển khai công tác thông tin đối ngoại năm 2020", "symbol": None},
    ),
    (
        "Thực hiện Kế hoạch số 164-KH/TU ngày 2/3/2021 của Ban Thường vụ Tỉnh ủy, UBND tỉnh ban hành kế hoạch:\n",
        {"symbol": None},
    ),
    (
        " TINH UY KIEN GIANG DANG CONG SAN VIET NAM\n\nBAN CHI PAO ) Kién Giang, ngay 28 thang 6 nam 2019\n"
        "CONG TAC THONG TIN POI NGOAI\n\n*\n\nS6 116-KH/BCDTTDTN\n\nKE HOACH\n\ncong tic thong tin ddi ngoai nim 2019\n\n"
        "Thyc hién Hudéng dan s6 82-HD/BTGTW, ngay 18-01-2019 cua Ban Tuyén gido Trung uong v€ cong tac nam 2019, cua"
        " cac co quan, cac don vi, nhiém vu nam nay va nam sau, thuc hién cac nhiém vu, cong tac doi ngoai cua tinh\n",
        {
            "symbol": "116-KH/BCĐTTĐN",
            "symbol_printed": "116-KH/BCDTTDTN",
            "type": "Kế hoạch",
            "date": "2019-06-28",
            "issuer": "Ban Chỉ đạo Công tác thông tin đối ngoại tỉnh Kiên Giang",
            "parent_issuer": "Tỉnh ủy Kiên Giang",
            "place": "Kiên Giang",
        },
    ),
    (
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 07/2015/QĐ-UBND | Bạc Liêu, ngày 12 tháng 04"
        " năm 2015 |\nQUYẾT ĐỊNH\nBAN HÀNH QUY CHẾ PHỐI HỢP\nTRÊN ĐỊA BÀN TỈNH BẠC LIÊU\nỦY BAN NHÂN DÂN TỈNH BẠC LIÊU\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n",
        {
            "symbol": "07/2015/QĐ-UBND",
            "date": "2015-04-12",
            "place": "Bạc Liêu",
            "issuer": "Ủy ban nhân dân tỉnh Bạc Liêu",
            "title": "BAN HÀNH QUY CHẾ PHỐI HỢP TRÊN ĐỊA BÀN TỈNH BẠC LIÊU",
        },
    ),
    (
        "ỦY\nBAN NHÂN DÂN\nTỈNH SÓC TRĂNG\n-------\n|\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh"
        " phúc\n---------------\n|\nSố: 15/2018/QĐ-UBND\n|\nSóc\nTrăng, ngày 20 tháng 6 năm 2018\n|\nQUYẾT ĐỊNH\n"
        "BAN HÀNH QUY CHẾ\n",
        {
            "symbol": "15/2018/QĐ-UBND",
            "issuer": "Ủy ban nhân dân tỉnh Sóc Trăng",
            "level": "province",
            "place": "Sóc Trăng",
            "date": "2018-06-20",
        },
    ),
    (
        "ỦY BAN NHÂN DÂN\nTỈNH BÀ RỊA - VŨNG TÀU\nSố: 100/CTr-UBND\nBà Rịa - Vũng Tàu, ngày 5 tháng 10 năm 2022\n"
        "CHƯƠNG TRÌNH\nTRIỂN KHAI THỰC HIỆN KẾ HOẠCH\nSỐ 150-KH/TU NGÀY 20 THÁNG 8 NĂM 2022 CỦA BAN THƯỜNG VỤ TỈNH ỦY\n"
        "VỀ VIỆC THỰC HIỆN CHỈ THỊ SỐ 12-CT/TW CỦA BAN BÍ THƯ\nCăn cứ Kế hoạch số 150-KH/TU;\n",
        {
            "symbol": "100/CTr-UBND",
            "type": "Chương trình",
            "province": "Bà Rịa - Vũng Tàu",
            "date": "2022-10-05",
        },
    ),
    (
        "TINH UY KIEN GIANG\nS6 12-KH/TU\nKien Giang, ngay 3 thang 4 nam 2019\nKE HOACH\ncong tac thong tin doi ngoai"
        " nim 2019\nThyc hién Hudéng dan s6 82-HD/BTGTW, ngay 18-01-2019 cua Ban Tuyén gido Trung uong v€ cong tac"
        " thong tin doi ngoai nam 2019, cua cac co quan, cac don vi trong tinh thuc hién cong tac nam 2019 va 2020;\n",
        {
            "symbol": "12-KH/TU",
            "issuer": "Tỉnh ủy Kiên Giang",
            "date": "2019-04-03",
            "title": "cong tac thong tin doi ngoai nim 2019",
        },
    ),
    (
        "UBND TỈNH KIÊN GIANG\nSỞ NGOẠI VỤ\nSố: 23/KH-SNgV\nKiên Giang, ngày 19 tháng 10 năm 2020\n\nKế hoạch\n"
        "Công tác thông tin đối ngoại năm 2021\n\nThực hiện Công văn số 4884/VP-KGVX;\n",
        {
            "type": "Kế hoạch",
            "title": "Công tác thông tin đối ngoại năm 2021",
            "issuer": "Sở Ngoại vụ tỉnh Kiên Giang",
        },
    ),
    (
        "Số: 12/KH-UBND\nKiên Giang ngày 19 tháng 10 năm 2020\nKẾ HOẠCH\nAbc\n",
        {"date": "2020-10-19", "place": "Kiên Giang"},
    ),
    (
        "BỘ THÔNG TIN VÀ TRUYỀN THÔNG\nSố:      /2018/TT-BTTTT\nHà Nội, ngày       tháng      năm 2018\nTHÔNG TƯ\nHướng dẫn\n",
        {
            "symbol": None,
            "symbol_printed": "/2018/TT-BTTTT",
            "date": None,
            "type": "Thông tư",
            "level": "central",
        },
    ),
    (
        "UBND TỈNH KIÊN GIANG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ NGOẠI VỤ\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 23/KH-SNgV\tKiên Giang, ngày 19 tháng 10 năm 2020\n\nKẾ HOẠCH\nCông tác năm 2021\n",
        {
            "symbol": "23/KH-SNgV",
            "issuer": "Sở Ngoại vụ tỉnh Kiên Giang",
            "date": "2020-10-19",
            "title": "Công tác năm 2021",
        },
    ),
    (
        "TỈNH ỦY LẠNG SƠN        ĐẢNG CỘNG SẢN VIỆT NAM\nBAN TUYÊN GIÁO\n*\nSố 15-HD/BTGTU        Lạng Sơn, ngày 3"
        " tháng 4 năm 2021\nHƯỚNG DẪN\nTuyên truyền\n",
        {"symbol": "15-HD/BTGTU", "issuer": "Ban Tuyên giáo Tỉnh ủy Lạng Sơn", "date": "2021-04-03"},
    ),
    (
        "| ỦY BAN NHÂN DÂN TỈNH TRÀ VINH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n| Số: 83/KH-UBND | Trà Vinh, ngày 19"
        " tháng 11 năm 2019 |\nKẾ HOẠCH\nCông tác thông tin đối ngoại năm 2020\n",
        {
            "symbol": "83/KH-UBND",
            "issuer": "Ủy ban nhân dân tỉnh Trà Vinh",
            "date": "2019-11-19",
            "place": "Trà Vinh",
        },
    ),
    # No dated place line: a citation's date in the first lines is not the document's.
    (
        "Chương trình hành động của Tỉnh ủy về chuyển đổi số\nTỉnh ủy vừa ban hành Chương trình thực hiện Nghị quyết"
        " số 52-NQ/TW, ngày 27/9/2019 của Bộ Chính trị về chuyển đổi số.\nI. MỤC ĐÍCH\n",
        {"date": None, "place": None},
    ),
    # A news page: no header of its own, so a sentence's subject is not its issuer.
    (
        "Tuyên truyền về chuyển đổi số\nỦy ban nhân dân tỉnh ban hành Chỉ thị số 11/CT-UBND về chuyển đổi số.\n",
        {"issuer": None, "symbol": None, "date": None},
    ),
    # A date line broken before its month, with a capital "Ngày" and a place in lower case.
    ("Số: 12/KH-UBND\nBắc kạn, Ngày 04\ntháng 5 năm 2018\nKẾ HOẠCH\nAbc\n", {"date": "2018-05-04"}),
    ("Số: 9/QĐ-TTg\nHà Nội, ngày 7\ntháng 3 năm 2015\nQUYẾT ĐỊNH\nVề việc x\n", {"date": "2015-03-07"}),
    # A web copy's two columns flattened with pipes: the letter's subject beside the place and date.
    (
        "BỘ TÀI CHÍNH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 310/BTC-NSNN\nV/v báo cáo dự toán ngân sách"
        " năm 2020 | Hà Nội, ngày 9 tháng 1 năm 2020 |\nKính gửi: Ủy ban nhân dân các tỉnh.\n",
        {"date": "2020-01-09", "place": "Hà Nội", "title": "báo cáo dự toán ngân sách năm 2020"},
    ),
    # A title in capitals on one long line, with a symbol and a date inside it.
    (
        "Số: 77/KH-UBND\nCần Thơ, ngày 3 tháng 4 năm 2022\nKẾ HOẠCH\nTHỰC HIỆN QUYẾT ĐỊNH SỐ 1204/QĐ-TTG NGÀY 2 THÁNG 7"
        " NĂM 2021 CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ CHƯƠNG TRÌNH PHÁT TRIỂN NÔNG THÔN MỚI VÀ KẾ HOẠCH 5 NĂM (2021 - 2025)"
        " TRÊN ĐỊA BÀN THÀNH PHỐ\n\nThực hiện Quyết định số 1204/QĐ-TTg;\n",
        {
            "date": "2022-04-03",
            "title": "THỰC HIỆN QUYẾT ĐỊNH SỐ 1204/QĐ-TTG NGÀY 2 THÁNG 7 NĂM 2021 CỦA THỦ TƯỚNG"
            " CHÍNH PHỦ VỀ CHƯƠNG TRÌNH PHÁT TRIỂN NÔNG THÔN MỚI VÀ KẾ HOẠCH 5 NĂM (2021 - 2025) TRÊN ĐỊA BÀN THÀNH PHỐ",
        },
    ),
    # A decision's title ends where the deciding authority's line starts; a date inside the title is not one.
    (
        "Số: 55/QĐ-UBND\nYên Bái, ngày 1 tháng 2 năm 2019\nQUYẾT ĐỊNH\nVỀ VIỆC THÀNH LẬP TỔ CÔNG TÁC\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH YÊN BÁI\nCăn cứ Luật Tổ chức chính quyền địa phương;\n",
        {"title": "VỀ VIỆC THÀNH LẬP TỔ CÔNG TÁC", "date": "2019-02-01"},
    ),
    (
        "Số: 8/QĐ-TTg\nHà Nội, ngày 4 tháng 1 năm 2016\nQUYẾT ĐỊNH\nPHÊ DUYỆT ĐỀ ÁN THỰC HIỆN CHỈ THỊ SỐ 10-CT/TW NGÀY"
        " 5 THÁNG 12 NĂM\n2011 CỦA BAN BÍ THƯ\nTHỦ TƯỚNG CHÍNH PHỦ\nCăn cứ Luật Tổ chức Chính phủ;\n",
        {"title": "PHÊ DUYỆT ĐỀ ÁN THỰC HIỆN CHỈ THỊ SỐ 10-CT/TW NGÀY 5 THÁNG 12 NĂM 2011 CỦA BAN BÍ THƯ"},
    ),
    # A web copy broke the date line after "ngày", the number after "Số:" and the place before its date.
    (
        "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\n|\nSố:\n41/2016/QĐ-UBND\n|\nLong\nXuyên, ngày\n12 tháng 9 năm 2016\n|\n"
        "QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n",
        {"symbol": "41/2016/QĐ-UBND", "date": "2016-09-12", "place": "Long Xuyên"},
    ),
    (
        "Số: 15/KH-UBND\n|\nThừa Thiên\nHuế, ngày 5 tháng 6 năm 2020\n|\nKẾ HOẠCH\nAbc\n",
        {"date": "2020-06-05", "place": "Thừa Thiên Huế"},
    ),
    # The type heading lost, the title still opens "VỀ VIỆC": the type comes from the number.
    (
        "ỦY BAN NHÂN DÂN |\nSố: 71/QĐ-UBND |\nSóc Trăng, ngày 2 tháng 2 năm 2018 |\nVỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC"
        " HÀNH CHÍNH\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG\nCăn cứ Luật Tổ chức chính quyền địa phương;\n",
        {"type": "Quyết định", "title": "VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH"},
    ),
    # A web page's header laid out in an HTML table.
    (
        "<table><tr><td>ỦY BAN NHÂN DÂN<br>TỈNH ĐỒNG THÁP</td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</td></tr>"
        "<tr><td>Số: 88/KH-UBND</td><td>Đồng Tháp, ngày 4 tháng 4 năm 2021</td></tr></table>\n<p>KẾ HOẠCH</p>\n",
        {
            "symbol": "88/KH-UBND",
            "issuer": "Ủy ban nhân dân tỉnh Đồng Tháp",
            "date": "2021-04-04",
            "place": "Đồng Tháp",
        },
    ),
    # A title line naming Hồ Chí Minh by his title is still the title.
    (
        "Số: 3-KH/TU\nHuế, ngày 2 tháng 5 năm 2016\nKẾ HOẠCH\nHỌC TẬP VÀ LÀM THEO TƯ TƯỞNG, ĐẠO ĐỨC, PHONG CÁCH\n"
        "CHỦ TỊCH HỒ CHÍ MINH\n\nThực hiện Chỉ thị số 05-CT/TW;\n",
        {"title": "HỌC TẬP VÀ LÀM THEO TƯ TƯỞNG, ĐẠO ĐỨC, PHONG CÁCH CHỦ TỊCH HỒ CHÍ MINH"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[f"{i}:{c[0][:25]}" for i, c in enumerate(CASES)])
def test_header_reads_each_printed_form(text: str, expected: dict) -> None:
    header = find_header(clean(text))
    got = {k: getattr(header, k) for k in expected}
    assert got == expected, text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "@@@@ 1234 //// ----",
        "The quick brown fox.",
        "Số:\nngày tháng năm\nKẾ HOẠCH\n",
        "\x00\x01|||",
    ],
)
def test_no_header_gives_nulls_never_an_exception(text: str) -> None:
    record = extract_text(text)
    assert record.document.symbol is None
    assert record.document.issuer is None


SEED_IDS = sorted(p.stem for p in GOLD.glob("*.json"))


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_seed_header_matches_gold(seed_id: str) -> None:
    gold = json.loads((GOLD / f"{seed_id}.json").read_text(encoding="utf-8"))
    text = (ROOT / "data" / gold["text_file"]).read_text(encoding="utf-8")
    doc = extract_text(text).document
    want = gold["document"]
    assert doc.symbol == want["symbol"]
    for name in ("type", "level", "branch", "province", "date"):
        assert getattr(doc, name) == want[name], name
    assert (doc.issuer or "").casefold() == want["issuer"].casefold()


def test_all_seed_gold_files_were_checked() -> None:
    assert len(SEED_IDS) == 5
