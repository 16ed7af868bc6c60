"""全国地方公共団体コード check digits (JIS X 0402)."""

import pytest

from checker.bodycode import check_digit, is_prefecture, prefecture_of, validate_code


@pytest.mark.parametrize("code", ["272035", "270008", "011002", "131016", "130001", "471003"])
def test_known_codes_are_valid(code):
    assert validate_code(code) == code


def test_check_digit_edge_cases():
    # remainder 0 → 1, remainder 1 → 0 (the last digit of 11 - r)
    for five in ("00000", "10000"):
        r = sum(int(d) * w for d, w in zip(five, (6, 5, 4, 3, 2))) % 11
        assert check_digit(five) == (11 - r) % 10


@pytest.mark.parametrize("bad", ["272036", "27203", "27203a", "２７２０３５"])
def test_bad_codes(bad):
    with pytest.raises(ValueError):
        validate_code(bad)


def test_prefecture_of():
    assert prefecture_of("272035") == "270008"
    assert is_prefecture("270008") and not is_prefecture("272035")
