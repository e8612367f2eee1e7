"""Draws the raster favicons from favicon.svg, for browsers that show no SVG icon.

    .venv/bin/python scripts/make_favicons.py

Writes favicon.ico (16, 32 and 48 px) and apple-touch-icon.png (180 px, on white, as iOS wants)
next to favicon.svg. The SVG is the source: its circles are read, each filled, clipped where it
names a clip path, and drawn at eight times the size before scaling down, so edges are smooth.
Run it again after changing favicon.svg, and commit the files it writes.
"""

from pathlib import Path
from xml.etree import ElementTree

from PIL import Image, ImageChops, ImageDraw

IMAGES = Path(__file__).resolve().parent.parent / "src/gemeinsam/static/gemeinsam/img"
SVG = "{http://www.w3.org/2000/svg}"
SUPERSAMPLE = 8


def _circles(svg: ElementTree.Element):
    """(cx, cy, r, fill, clip circle or None) for every painted circle, in painting order."""
    clips = {clip.get("id"): clip.find(f"{SVG}circle") for clip in svg.iter(f"{SVG}clipPath")}
    for circle in svg.findall(f"{SVG}circle"):
        clip = circle.get("clip-path", "")
        clip_circle = clips[clip[5:-1]] if clip.startswith("url(#") else None
        yield circle, clip_circle


def _disc(size: int, scale: float, circle: ElementTree.Element) -> Image.Image:
    mask = Image.new("L", (size, size), 0)
    cx, cy, r = (float(circle.get(name)) * scale for name in ("cx", "cy", "r"))
    ImageDraw.Draw(mask).ellipse((cx - r, cy - r, cx + r, cy + r), fill=255)
    return mask


def draw(svg_path: Path, pixels: int, background: str | None = None, padding: float = 0.0):
    svg = ElementTree.parse(svg_path).getroot()  # noqa: S314 (our own file, not input)
    _x, _y, width, _height = (float(v) for v in svg.get("viewBox").split())
    size = pixels * SUPERSAMPLE
    inner = size * (1 - 2 * padding)
    scale = inner / width
    canvas = Image.new("RGBA", (size, size), background or (0, 0, 0, 0))
    offset = round(size * padding)
    for circle, clip in _circles(svg):
        mask = _disc(round(inner), scale, circle)
        if clip is not None:
            mask = ImageChops.multiply(mask, _disc(round(inner), scale, clip))
        layer = Image.new("RGBA", mask.size, circle.get("fill"))
        canvas.paste(layer, (offset, offset), mask)
    return canvas.resize((pixels, pixels), Image.Resampling.LANCZOS)


def main() -> None:
    source = IMAGES / "favicon.svg"
    icon = draw(source, 48)
    icon.save(IMAGES / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    draw(source, 180, background="#ffffff", padding=0.1).convert("RGB").save(
        IMAGES / "apple-touch-icon.png", optimize=True
    )
    print(f"Wrote favicon.ico and apple-touch-icon.png in {IMAGES}")


if __name__ == "__main__":
    main()
