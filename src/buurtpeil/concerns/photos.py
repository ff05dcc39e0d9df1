"""A resident's photo, checked and re-encoded before it is stored (pure: Pillow, no Django).

Only JPEG, PNG and WebP are accepted, up to ``MAX_BYTES``. The type is decided by Pillow from
the bytes, never by the file name or the browser's content type, and the whole image is
decoded, so a text file named .jpg or a truncated JPEG is refused. The image is turned upright
by its EXIF orientation, scaled down to at most ``MAX_SIDE`` pixels and written anew as JPEG
from its pixels alone: no EXIF (GPS position, camera, time), XMP, IPTC, ICC profile or
comment survives.

WeasyPrint sets Pillow's process-wide ``ImageFile.LOAD_TRUNCATED_IMAGES`` to True when it is
imported (for the reports), which would let a truncated photo through padded with grey. The
decoding here therefore turns that flag off for its own duration, under a lock, and also
refuses a JPEG that Pillow had to finish with an end marker of its own.
"""

import io
import threading
import warnings
from contextlib import contextmanager

from PIL import Image, ImageFile, ImageOps

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 1600
MAX_PIXELS = 40_000_000  # a larger image is refused before decoding (a decompression bomb)
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
QUALITY = 82


class PhotoRefused(ValueError):
    """Why a photo was refused: ``reason`` is ``too_large``, ``not_an_image`` or ``wrong_type``."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


_strict = threading.Lock()


@contextmanager
def _truncated_images_refused():
    with _strict:
        before = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before


def photo_clean(data: bytes) -> bytes:
    """The photo as a fresh JPEG without metadata, at most MAX_SIDE pixels on its longest side."""
    if len(data) > MAX_BYTES:
        raise PhotoRefused("too_large")
    try:
        with warnings.catch_warnings(), _truncated_images_refused():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                kind = probe.format
                if kind not in ACCEPTED_FORMATS:
                    raise PhotoRefused("wrong_type")
                if probe.width * probe.height > MAX_PIXELS:
                    raise PhotoRefused("too_large")
                probe.verify()  # structure and checksums; the image is unusable afterwards
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # decodes every pixel: a truncated file fails here
                if getattr(image, "_ended", False):  # Pillow added the JPEG's missing end
                    raise PhotoRefused("not_an_image")
                upright = ImageOps.exif_transpose(image)
    except PhotoRefused:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoRefused("not_an_image") from None
    if upright.mode in ("RGBA", "LA", "PA") or (upright.mode == "P" and "transparency" in upright.info):
        background = Image.new("RGB", upright.size, (255, 255, 255))
        background.paste(upright.convert("RGBA"), mask=upright.convert("RGBA").getchannel("A"))
        upright = background
    else:
        upright = upright.convert("RGB")
    upright.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    # Only the pixels are copied into the new image; nothing of the original's info travels.
    clean = Image.new("RGB", upright.size)
    clean.paste(upright)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=QUALITY, optimize=True)
    return out.getvalue()
