"""A minimal headless-Chromium driver over the DevTools protocol, standard library only.

Chromium is started with ``--remote-debugging-pipe``: it reads protocol messages from file
descriptor 3 and writes to 4, each a JSON text ended by a NUL byte (no websocket needed, no
port opened).  Only Debian's ``/usr/bin/chromium`` is used; no browser is ever downloaded.

    with Browser() as browser:
        page = browser.open("file:///tmp/report.html")
        page.evaluate("document.title")
        png = page.screenshot()
        page.console_errors, page.requests
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    "--hide-scrollbars",
]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None


class ProtocolError(RuntimeError):
    pass


class Page:
    """One tab: navigation, script evaluation, screenshots, and what it logged and requested."""

    def __init__(self, browser: "Browser", session: str):
        self.browser, self.session = browser, session
        self.console_errors: list[str] = []
        self.requests: list[str] = []
        self.loaded = False

    def call(self, method: str, **params):
        return self.browser.call(method, session=self.session, **params)

    def _event(self, message: dict) -> None:
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.console_errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.console_errors.append(details.get("exception", {}).get("description") or details.get("text", "exception"))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            self.console_errors.append(f"{entry.get('source')}: {entry.get('text')} {entry.get('url', '')}".strip())
        elif method == "Network.requestWillBeSent":
            self.requests.append(params.get("request", {}).get("url", ""))
        elif method == "Page.loadEventFired":
            self.loaded = True

    def navigate(self, url: str, timeout: float = 30) -> None:
        self.loaded = False
        self.call("Page.navigate", url=url)
        deadline = time.monotonic() + timeout
        while not self.loaded:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not load in {timeout}s")
            self.browser.pump(deadline - time.monotonic())

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise ProtocolError(f"{expression!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, width: int = 1280, height: int | None = None, full_page: bool = True) -> bytes:
        if height is None:
            height = int(self.evaluate("document.documentElement.scrollHeight")) if full_page else 900
        height = max(300, min(height, 16000))
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
        data = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=full_page)["data"]
        return base64.b64decode(data)


    def pdf(self, landscape: bool | None = None) -> bytes:
        """The page printed as Chromium prints it (A4 and margins from the page's CSS ``@page``)."""
        params = {"printBackground": True, "preferCSSPageSize": True}
        if landscape is not None:
            params["landscape"] = landscape
        return base64.b64decode(self.call("Page.printToPDF", **params)["data"])

    def viewport(self, width: int, height: int = 900, mobile: bool | None = None) -> None:
        """Emulate a screen `width` CSS pixels wide (a phone's when below 600)."""
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                  mobile=width < 600 if mobile is None else mobile)

    def media(self, media: str) -> None:
        """Emulate a CSS media type ('print' or 'screen')."""
        self.call("Emulation.setEmulatedMedia", media=media)

    def screenshot_of(self, selector: str, height: int, width: int = 1280) -> bytes:
        """A screenshot of `height` pixels from the top of the element `selector`."""
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=900, deviceScaleFactor=1, mobile=False)
        top = self.evaluate(f"document.querySelector({json.dumps(selector)}).getBoundingClientRect().top + window.scrollY")
        clip = {"x": 0, "y": max(0, top - 10), "width": width, "height": height, "scale": 1}
        data = self.call("Page.captureScreenshot", format="png", clip=clip, captureBeyondViewport=True)["data"]
        return base64.b64decode(data)


class Browser:
    """A headless Chromium with a fresh profile, driven through a pipe."""

    def __init__(self, executable: str | None = None, timeout: float = 30):
        self.executable = executable or find_chromium()
        if not self.executable:
            raise FileNotFoundError("chromium is not installed")
        self.timeout = timeout
        self._id = 0
        self._buffer = b""
        self._pages: dict[str, Page] = {}
        self._replies: dict[int, dict] = {}

    def __enter__(self) -> "Browser":
        self.profile = tempfile.mkdtemp(prefix="tebiki-chromium-")
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def child_fds():  # runs in the child, before close_fds: put the pipe ends at 3 and 4
            a, b = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = [self.executable, *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-pipe", "about:blank"]
        self.proc = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=child_fds, pass_fds=(3, 4), close_fds=True,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._to_chrome, self._from_chrome):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    # -- protocol ------------------------------------------------------------------------
    def _send(self, message: dict) -> None:
        os.write(self._to_chrome, json.dumps(message).encode("utf-8") + b"\0")

    def pump(self, timeout: float) -> None:
        """Read and dispatch at least one message (or time out)."""
        import select

        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from_chrome], [], [], max(0.0, timeout))
            if not ready:
                raise TimeoutError("no message from chromium")
            chunk = os.read(self._from_chrome, 1 << 20)
            if not chunk:
                raise ProtocolError("chromium closed the pipe")
            self._buffer += chunk
        while b"\0" in self._buffer:
            raw, self._buffer = self._buffer.split(b"\0", 1)
            message = json.loads(raw)
            if "id" in message:
                self._replies[message["id"]] = message
            elif message.get("sessionId") in self._pages:
                self._pages[message["sessionId"]]._event(message)

    def call(self, method: str, session: str | None = None, **params):
        self._id += 1
        msg_id = self._id
        message = {"id": msg_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self._send(message)
        deadline = time.monotonic() + self.timeout
        while msg_id not in self._replies:
            self.pump(deadline - time.monotonic())
        reply = self._replies.pop(msg_id)
        if "error" in reply:
            raise ProtocolError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def open(self, url: str) -> Page:
        """A new tab with console, log and network events recorded, navigated to `url`."""
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        page = Page(self, session)
        self._pages[session] = page
        for domain in ("Page", "Runtime", "Log", "Network"):
            page.call(f"{domain}.enable")
        page.navigate(url)
        return page
