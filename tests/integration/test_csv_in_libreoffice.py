"""The CSV export opened in LibreOffice Calc (headless, Debian's libreoffice-calc-nogui): no cell is evaluated as a
formula, and the phones come through, the readable one as text and the E.164 one as the number it is."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from salesbot.exports.service import ExportService
from salesbot.models import CallFilter
from salesbot.storage import NewCall
from salesbot.storage.sqlite import SQLiteStore
from tests.builders import customer_input

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: make libreoffice")
NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}
HOSTILE = ('=HYPERLINK("http://evil.example","x")', "-2+3", "@SUM(1+1)", "+1+1", "=1+1")
PHONES = (("IN", "91234 56789", "+919123456789"), ("US", "(415) 555-2671", "+14155552671"),
          ("GB", "07400 123456", "+447400123456"), ("SG", "8123 4567", "+6581234567"),
          ("AE", "050 123 4567", "+971501234567"))  # fmt: skip
# LibreOffice's CSV filter: comma, ", UTF-8, from line 1, no column types, English; then "quoted field as text".
AS_OPENED = "CSV:44,34,76,1,,1033"
QUOTED_AS_TEXT = "CSV:44,34,76,1,,1033,true"


def _exported(tmp_path: Path) -> Path:
    store = SQLiteStore(tmp_path / "calls.db")
    for i, (name, (country, number, _)) in enumerate(zip(HOSTILE, PHONES, strict=True)):
        customer = store.save_customer(customer_input(name=name, country_code=country, phone_number=number))
        script = store.add_script(customer.id, "Hello", "offline")
        store.create_call(NewCall(customer.id, script.id, customer.phone_e164, "simulated", f"k{i}", country))
    path = tmp_path / "calls.csv"
    path.write_bytes(b"".join(ExportService(store).csv_chunks(CallFilter())))
    return path


def _open_in_calc(csv_path: Path, options: str, out: Path) -> list[dict[str, tuple[str | None, str, str]]]:
    """Each row after the header: column -> (formula, value type, text) as Calc holds the cell."""
    out.mkdir()
    subprocess.run(
        [SOFFICE or "soffice", f"-env:UserInstallation=file://{out}/profile", "--headless", f"--infilter={options}",
         "--convert-to", "fods", "--outdir", str(out), str(csv_path)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    table = ET.parse(out / "calls.fods").getroot()
    rows = []
    for row in table.iter(f"{{{NS['table']}}}table-row"):
        cells = []
        for cell in row.findall("table:table-cell", NS):  # a run of equal cells is one element with a count
            repeated = min(int(cell.get(f"{{{NS['table']}}}number-columns-repeated", "1")), 64)
            formula, kind = cell.get(f"{{{NS['table']}}}formula"), cell.get(f"{{{NS['office']}}}value-type") or ""
            cells += [(formula, kind, "".join(cell.itertext()).strip())] * repeated
        rows.append(cells)
    header = [text for _, _, text in rows[0]]
    return [dict(zip(header, cells, strict=False)) for cells in rows[1:] if any(c[2] for c in cells)]


def test_calc_evaluates_no_cell_and_keeps_the_phones(tmp_path: Path) -> None:
    csv_path = _exported(tmp_path)
    opened = _open_in_calc(csv_path, AS_OPENED, tmp_path / "opened")
    as_text = _open_in_calc(csv_path, QUOTED_AS_TEXT, tmp_path / "as_text")
    want = {e164 for _, _, e164 in PHONES}
    for rows in (opened, as_text):
        assert len(rows) == len(HOSTILE)
        assert not [cell for row in rows for cell in row.values() if cell[0]]  # no formula anywhere
        assert {row["customer"][2] for row in rows} == {"'" + name for name in HOSTILE}  # shown as written, inert
        assert all(row["phone"][1] == "string" and row["phone"][2].startswith("'+") for row in rows)
    # Opened as is, Calc reads a plus and digits as that number (as Excel does); with quoted fields as text (the
    # Text Import dialog's "Format quoted field as text") the E.164 number stays exactly as written.
    assert {"+" + row["phone_e164"][2] for row in opened} == want
    assert {row["phone_e164"][1] for row in opened} == {"float"}
    assert {row["phone_e164"][2] for row in as_text} == want
    assert {row["phone_e164"][1] for row in as_text} == {"string"}
