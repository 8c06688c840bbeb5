"""Render a plan with govie and photograph the page with headless Chromium.

The picture in the README has to be reproducible by anyone, so this script is
the only way it is made: the same seed, window and browser flags each time.
Chromium runs with a fresh profile and with every background service that
would phone home switched off, so a screenshot needs no network.

    python scripts/screenshot.py                                   # → docs/render-seed000.png
    python scripts/screenshot.py examples/004_304b8f80a1f0d01d.txt -o /tmp/004.png --keep-html /tmp/004.html

Needs Chromium (Debian: ``apt-get install chromium fonts-noto-cjk``; the fonts
are what make Chinese render instead of empty boxes).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DOC = ROOT / "examples" / "000_5faf861f23ba1fc9.txt"
DEFAULT_PNG = ROOT / "docs" / "render-seed000.png"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def find_browser() -> str | None:
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def render_page(doc_path: Path, *, year: int | None = None) -> str:
    sys.path.insert(0, str(ROOT))
    import govie

    doc = govie.extract(govie.read(doc_path).text, year=year)
    doc.meta["source"] = doc_path.stem
    return doc.to_html()


def screenshot(html_path: Path, png_path: Path, *, browser: str, width: int = 1280, height: int = 2400,
               timeout: float = 120) -> None:
    """Photograph ``html_path``; raises RuntimeError with Chromium's own words if no PNG appears."""
    png_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="govie-chromium-") as profile:
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--hide-scrollbars", f"--user-data-dir={profile}", f"--screenshot={png_path}",
               f"--window-size={width},{height}", html_path.resolve().as_uri()]
        if png_path.exists():
            png_path.unlink()
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if not png_path.exists():
        raise RuntimeError(f"{browser} wrote no screenshot (exit {proc.returncode}): {proc.stderr.strip()[-800:]}")


def shrink(png_path: Path, colours: int = 256) -> None:
    """Quantise to a palette when Pillow is there: text on flat colours loses nothing and the file shrinks 3×."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(png_path) as im:
        small = im.convert("RGB").quantize(colors=colours, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    small.save(png_path, optimize=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("doc", nargs="?", default=str(DEFAULT_DOC), help="plan to render (default: seed 000)")
    p.add_argument("-o", "--output", default=str(DEFAULT_PNG), help="PNG to write (default docs/render-seed000.png)")
    p.add_argument("--keep-html", metavar="FILE", help="also keep the rendered page here")
    p.add_argument("--year", type=int, help="plan year (default: inferred)")
    p.add_argument("--width", type=int, default=1280)
    p.add_argument("--height", type=int, default=2400)
    p.add_argument("--no-shrink", action="store_true", help="keep Chromium's full-colour PNG")
    args = p.parse_args(argv)

    browser = find_browser()
    if browser is None:
        print("screenshot: no Chromium found (Debian: apt-get install chromium fonts-noto-cjk)", file=sys.stderr)
        return 2
    page = render_page(Path(args.doc), year=args.year)
    png = Path(args.output)
    with tempfile.TemporaryDirectory(prefix="govie-render-") as tmp:
        html_path = Path(args.keep_html) if args.keep_html else Path(tmp) / "page.html"
        html_path.write_text(page, encoding="utf-8")
        screenshot(html_path, png, browser=browser, width=args.width, height=args.height)
    if not args.no_shrink:
        shrink(png)
    print(f"{png}: {png.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
