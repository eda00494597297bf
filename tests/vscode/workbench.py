"""Driving VS Code's workbench (code-server) in headless Chromium with selenium."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar
from urllib.parse import unquote, urlsplit

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
T = TypeVar("T")


@contextmanager
def browser(profile: Path) -> Iterator[webdriver.Chrome]:
    options = Options()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,900",
        "--force-device-scale-factor=1", f"--user-data-dir={profile}", "--no-first-run", "--disable-extensions",
        "--lang=en-US",
    ):  # fmt: skip
        options.add_argument(argument)
    service = Service(CHROMEDRIVER)
    driver = webdriver.Chrome(options=options, service=service)
    try:
        yield driver
    finally:
        driver.quit()  # ends Chromium; stopping the service ends chromedriver
        service.stop()


def wait(what: str, probe: Callable[[], T | None], timeout: float = 60) -> T:
    """Poll ``probe`` until it returns something truthy; fail saying ``what`` was awaited."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            found = probe()
        except (StaleElementReferenceException, WebDriverException):
            found = None
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.25)


class Workbench:
    def __init__(self, driver: webdriver.Chrome) -> None:
        self.driver = driver

    def all(self, css: str, within: WebElement | None = None) -> list[WebElement]:
        return (within or self.driver).find_elements(By.CSS_SELECTOR, css)

    def visible(self, css: str) -> list[WebElement]:
        return [element for element in self.all(css) if element.is_displayed()]

    def keys(self, *keys: str) -> None:
        """Press a chord such as ``keys(Keys.CONTROL, "p")`` (modifiers first), or type text."""
        chain = ActionChains(self.driver)
        modifiers = [key for key in keys[:-1] if key in (Keys.CONTROL, Keys.SHIFT, Keys.ALT)]
        for key in modifiers:
            chain.key_down(key)
        chain.send_keys(keys[-1] if modifiers else "".join(keys))
        for key in reversed(modifiers):
            chain.key_up(key)
        chain.perform()

    def quick_input(self, text: str, pick: str | None = None, timeout: float = 60) -> None:
        """Type into the open quick input and choose the row whose label is ``pick`` (else the first)."""
        box = wait("the quick input", lambda: self.visible(".quick-input-widget .quick-input-box input"))[0]
        box.send_keys(text)

        def chosen() -> bool:  # found and clicked at once: the list redraws its rows as results come in
            for element in self.visible(".quick-input-list .monaco-list-row"):
                label = element.text.split("\n")[0].strip()
                if pick is None or label == pick or label.endswith(pick):
                    element.click()
                    return True
            return False

        wait(f"{pick or text!r} in the quick input", chosen, timeout)
        wait("the quick input to close", lambda: not self.visible(".quick-input-widget .quick-input-box input"))

    def command(self, title: str) -> None:
        """Run a command from the command palette by its full title (the palette is reopened until
        the command is listed: extensions contribute theirs a moment after the window opens)."""
        for attempt in range(6):
            self.escape()
            self.keys(Keys.F1)
            try:
                self.quick_input(title, title, timeout=5)
                return
            except AssertionError:
                if attempt == 5:
                    raise

    def open_file(self, name: str) -> None:
        """Open ``name`` with Quick Open; return once an editor shows it (its tab alone is drawn
        before the editor has swapped the previous file's text, squiggles and cursor out)."""
        self.escape()
        self.keys(Keys.CONTROL, "p")
        self.quick_input(name, name)
        wait(
            f"{name} in the editor",
            lambda: (
                any(tab.text.strip().startswith(name) for tab in self.visible(".tab.active"))
                and any(
                    unquote(urlsplit(editor.get_attribute("data-uri") or "").path).endswith(f"/{name}")
                    for editor in self.visible(".monaco-editor[data-uri]")
                )
            ),
        )

    def escape(self) -> None:
        ActionChains(self.driver).send_keys(Keys.ESCAPE).perform()

    def go_to(self, line: int, column: int = 1) -> None:
        """Put the cursor at ``line``:``column`` of the active editor with Go to Line (Ctrl+G).

        Enter is pressed once the box offers that place (before, the box may not have the
        editor yet, and Enter does nothing), and the status bar must then show the cursor there.
        """
        self.keys(Keys.CONTROL, "g")
        box = wait("the go-to-line box", lambda: self.visible(".quick-input-widget .quick-input-box input"))[0]
        box.send_keys(f"{line}:{column}")
        offer = f"Go to line {line} and character {column}."
        wait(
            repr(offer),
            lambda: [row for row in self.visible(".quick-input-list .monaco-list-row") if row.text.strip() == offer],
        )
        box.send_keys(Keys.ENTER)
        wait("the go-to-line box to close", lambda: not self.visible(".quick-input-widget .quick-input-box input"))
        place = f"Ln {line}, Col {column}"
        wait(place, lambda: [item for item in self.visible(".statusbar-item") if item.text.strip() == place])

    def lightbulb_at_cursor(self) -> bool:
        """Whether the focused editor shows its light bulb on (or beside) the cursor's line: VS Code
        has the code actions of the cursor's place (asked for a moment after the cursor moves)."""
        editors = self.visible(".monaco-editor.focused")
        if not editors:
            return False
        lines = [line for line in self.all(".current-line", editors[0]) if line.is_displayed()]
        bulbs = [
            bulb
            for bulb in self.all(".lightBulbWidget, [class*='gutter-lightbulb']", editors[0])
            if bulb.is_displayed()
        ]
        return any(
            abs(bulb.location["y"] - line.location["y"]) <= line.size["height"] + 2 for bulb in bulbs for line in lines
        )

    def code_actions(self) -> list[str]:
        """Open the code action menu at the cursor (Ctrl+.); the titles of its rows.

        Ctrl+. waits for the light bulb: a request of its own made before the editor's automatic
        one (a moment after the cursor moved) is replaced by that one, and lost when its answer
        comes later than half a second ("No code actions available").
        """
        wait("the light bulb at the cursor", self.lightbulb_at_cursor)
        self.keys(Keys.CONTROL, ".")
        return wait(
            "the quick-fix menu",
            lambda: [row.get_attribute("aria-label") or "" for row in self.visible(".action-widget .monaco-list-row")],
        )

    def quick_fix(self, title: str) -> None:
        """Open the quick-fix menu at the cursor (Ctrl+.) and choose the action titled ``title``."""
        titles = self.code_actions()
        assert title in titles, f"{title!r} is not among the quick fixes {titles}"
        for _ in range(len(titles) + 1):  # the keyboard, as a user would (a mouse click is intercepted)
            focused = wait(  # [] when no row has the focus yet
                "the quick-fix menu's focused row",
                lambda: [
                    [row.get_attribute("aria-label") for row in self.visible(".action-widget .monaco-list-row.focused")]
                ],
            )[0]
            if focused and focused[0] == title:
                break
            self.keys(Keys.ARROW_DOWN)
        self.keys(Keys.ENTER)
        wait("the quick-fix menu to close", lambda: not self.visible(".action-widget .monaco-list-row"))

    def problems(self) -> list[WebElement]:
        """The Problems panel's rows (opened with Ctrl+Shift+M)."""
        if not self.visible(".markers-panel"):
            self.keys(Keys.CONTROL, Keys.SHIFT, "m")
        return wait("rows in the Problems panel", lambda: self.visible(".markers-panel .monaco-list-row"))

    def hover(
        self,
        find: Callable[[], WebElement],
        what: str = "a hover",
        css: str = ".monaco-hover-content",
        showing: str = "",
    ) -> str:
        """Rest the mouse on the element ``find`` returns; the text of the hover (``css``) that
        opens, once it holds ``showing`` (a hover still open from elsewhere is not the one).

        The element is found again when the editor has re-rendered it (a stale element), and the
        mouse is moved (again) every two seconds until the hover shows.
        """
        tries = 0

        def shown() -> str | None:
            nonlocal tries
            if tries % 8 == 0:
                try:
                    ActionChains(self.driver).move_to_element(find()).perform()
                except IndexError:  # not drawn again yet
                    return None
            tries += 1
            text = "".join(h.text for h in self.visible(css))
            return text if text and showing in text else None

        return wait(what, shown)

    def webview(self, what: str, probe: Callable[[], T | None], timeout: float = 60) -> T:
        """Wait until ``probe``, run inside the visible webview's content frame, finds something.

        The driver is left in that frame (``driver.switch_to.default_content()`` leaves it); the
        frames are found again on each try, as VS Code swaps the content frame when it loads.
        """

        def inside() -> T | None:
            self.driver.switch_to.default_content()
            outer = self.visible("iframe.webview.ready")
            if not outer:
                return None
            self.driver.switch_to.frame(outer[0])
            inner = self.all("iframe#active-frame")
            if not inner:
                return None
            self.driver.switch_to.frame(inner[0])
            return probe()

        return wait(what, inside, timeout)

    def squiggles(self, within: WebElement | None = None) -> list[WebElement]:
        return self.all(".squiggly-error, .squiggly-warning, .squiggly-info", within)

    def squiggle_classes(self) -> list[str]:
        """The classes of the squiggles shown now (read at once: the editor redraws them)."""
        return [squiggle.get_attribute("class") or "" for squiggle in self.squiggles()]

    def editor_text(self) -> str:
        """The text the active editor shows (all of it fits on the screen in these tests)."""
        editor = self.visible(".editor-instance .monaco-editor .view-lines")[0]
        lines = sorted(
            self.all(".view-line", editor),
            key=lambda element: float(element.value_of_css_property("top").removesuffix("px") or 0),
        )
        return "\n".join(line.text.replace("\u00a0", " ") for line in lines)

    def screenshot(self, path: Path, park_mouse: bool = True) -> Path:
        """Save a picture of the window (with the mouse moved out of the way unless ``park_mouse`` is false)."""
        if park_mouse:
            sidebar = self.visible(".part.sidebar")
            if sidebar:
                height = sidebar[0].size["height"]
                ActionChains(self.driver).move_to_element_with_offset(sidebar[0], 0, height // 2 - 40).perform()
                time.sleep(0.5)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(path))
        return path
