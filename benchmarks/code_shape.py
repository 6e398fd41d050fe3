"""The house's shape in numbers: lines per page, modules over 200 lines, functions over 50, top-level modules.

Usage: python benchmarks/code_shape.py [REPO_DIR]   (default: this checkout)
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MODULE_LINES, FUNCTION_LINES = 200, 50


def main(root: Path) -> None:
    files = [*(root / "salesbot").rglob("*.py"), *(root / "views").glob("*.py")]
    files += [root / "streamlit_app.py", root / "salesbot_pages.py"]
    files = [f for f in files if "__pycache__" not in f.parts and f.exists()]
    sizes = {f: len(f.read_text().splitlines()) for f in files}
    big = sorted((n, str(f.relative_to(root))) for f, n in sizes.items() if n > MODULE_LINES)
    long_functions = sorted(
        (node.end_lineno - node.lineno + 1, f"{f.relative_to(root)}:{node.name}")
        for f in files
        for node in ast.walk(ast.parse(f.read_text()))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > FUNCTION_LINES
    )
    print("pages:", ", ".join(f"{f.name} {sizes[f]}" for f in sorted((root / "views").glob("*.py"))))
    print("top-level modules in salesbot/:", len(list((root / "salesbot").glob("*.py"))))
    print(f"modules over {MODULE_LINES} lines: {len(big)}")
    for lines, name in big:
        print(f"  {lines:4d} {name}")
    print(f"functions over {FUNCTION_LINES} lines: {len(long_functions)}")
    for lines, name in long_functions:
        print(f"  {lines:4d} {name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1])
