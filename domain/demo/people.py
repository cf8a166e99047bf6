"""People of the demo: realistic Chinese names, mobile numbers and e-mail addresses."""

from __future__ import annotations

import numpy as np

# The most common surnames, roughly in order of frequency (weights below follow it).
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN_CHARACTERS = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国红梅玉兰志强婷雪晨浩宇欣怡子涵思远佳琪"
    "梓萱雨桐俊杰文博嘉怡一诺宇轩晓东海燕春燕凤英丽娟红霞建华永强"
)
# Mobile prefixes of the three carriers (China Mobile, Unicom, Telecom).
MOBILE_PREFIXES = tuple(
    str(n)
    for n in (134, 135, 136, 137, 138, 139, 147, 150, 151, 152, 157, 158, 159, 178, 182, 183,
              187, 188, 130, 131, 132, 155, 156, 166, 175, 176, 185, 186, 133, 153, 173, 177,
              180, 181, 189, 199)
)  # fmt: skip


class NameMaker:
    """Draws distinct-looking names and numbers from a seeded generator."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        ranks = np.arange(1, len(SURNAMES) + 1)
        weights = 1.0 / ranks**0.8
        self.surname_p = weights / weights.sum()
        self.used_phones: set[str] = set()

    def name(self) -> str:
        """A full name: a surname and a one- or two-character given name."""
        surname = SURNAMES[int(self.rng.choice(len(SURNAMES), p=self.surname_p))]
        length = 1 if self.rng.random() < 0.3 else 2
        given = "".join(
            GIVEN_CHARACTERS[int(i)] for i in self.rng.integers(0, len(GIVEN_CHARACTERS), length)
        )
        return surname + given

    def phone(self) -> str:
        """An 11-digit mobile number, not given out before by this maker."""
        while True:
            prefix = MOBILE_PREFIXES[int(self.rng.integers(0, len(MOBILE_PREFIXES)))]
            number = prefix + "".join(str(d) for d in self.rng.integers(0, 10, 8))
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number


def login_email(local: str, slug: str) -> str:
    """A demo login: `local@slug.example` (the .example domain never receives mail)."""
    return f"{local.lower()}@{slug}.example"
