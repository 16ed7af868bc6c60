"""全国地方公共団体コード (JIS X 0402): six digits, the sixth a check digit."""

from __future__ import annotations

_WEIGHTS = (6, 5, 4, 3, 2)


def check_digit(first_five: str) -> int:
    """The check digit for the first five digits: last digit of 11 − (weighted sum mod 11)."""
    remainder = sum(int(d) * w for d, w in zip(first_five, _WEIGHTS)) % 11
    return (11 - remainder) % 10


def validate_code(code: str) -> str:
    """Return the code if it is six digits with a correct check digit, else raise ValueError."""
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        raise ValueError(f"全国地方公共団体コード '{code}' must be six digits (e.g. 272035 for 豊中市)")
    expected = check_digit(code[:5])
    if int(code[5]) != expected:
        raise ValueError(
            f"全国地方公共団体コード '{code}' has check digit {code[5]}, expected {expected}"
        )
    return code


def prefecture_of(code: str) -> str:
    """The code of the prefecture a body code belongs to (e.g. 272035 → 270008)."""
    first_five = code[:2] + "000"
    return first_five + str(check_digit(first_five))


def is_prefecture(code: str) -> bool:
    """True for a prefecture's own code (digits 3–5 are zero)."""
    return code[2:5] == "000"
