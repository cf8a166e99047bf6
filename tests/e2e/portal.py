"""What a person does in the portal and the console, by the labels they read."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.async_api import Page

from tests.factories import PASSWORD


@dataclass(frozen=True)
class LoginLabels:
    """The login form's words in one language."""

    tenant: str
    email: str
    password: str
    submit: str


LOGIN = {
    "en": LoginLabels("Company code", "E-mail", "Password", "Sign in"),
    "zh-CN": LoginLabels("企业代码", "邮箱", "密码", "登录"),
}


async def sign_in(page: Page, tenant: str, email: str, lang: str = "en") -> None:
    """Fill in the login form and send it."""
    labels = LOGIN[lang]
    await page.get_by_label(labels.tenant).fill(tenant)
    await page.get_by_label(labels.email).fill(email)
    await page.get_by_label(labels.password).fill(PASSWORD)
    await page.get_by_role("button", name=labels.submit).click()


async def choose_language(page: Page, lang: str) -> None:
    """Press the language switch."""
    await page.get_by_role("button", name="English" if lang == "en" else "中文").click()
