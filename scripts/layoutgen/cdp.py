"""A minimal Chrome DevTools Protocol client over --remote-debugging-pipe: one headless
browser prints many HTML files, instead of one browser start-up per file."""

import base64
import json
import os
import shutil
import subprocess
import tempfile


class Browser:
    def __init__(self, chromium):
        self.prof = tempfile.mkdtemp(prefix="layoutgen-chrome-")
        r3, w3 = os.pipe()  # the browser reads commands from fd 3
        r4, w4 = os.pipe()  # and writes replies to fd 4

        def child_fds():
            os.dup2(r3, 3)
            os.dup2(w4, 4)

        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             f"--user-data-dir={self.prof}", "about:blank"],
            preexec_fn=child_fds, pass_fds=(3, 4), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(r3)
        os.close(w4)
        self.w = os.fdopen(w3, "wb", buffering=0)
        self.r = os.fdopen(r4, "rb", buffering=0)
        self.buf = b""
        self.next_id = 0

    def send(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self.w.write(json.dumps(msg).encode() + b"\0")
        return self.next_id

    def wait(self, pred):
        while True:
            while b"\0" in self.buf:
                raw, self.buf = self.buf.split(b"\0", 1)
                d = json.loads(raw)
                if pred(d):
                    if "error" in d:
                        raise RuntimeError(str(d["error"]))
                    return d
            chunk = self.r.read(1 << 16)
            if not chunk:
                raise RuntimeError("browser closed the pipe")
            self.buf += chunk

    def call(self, method, params=None, session=None):
        i = self.send(method, params, session)
        return self.wait(lambda d: d.get("id") == i).get("result", {})

    def print_pdf(self, url, out):
        tid = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        sid = self.call("Target.attachToTarget", {"targetId": tid, "flatten": True})["sessionId"]
        try:
            self.call("Page.enable", None, sid)
            self.call("Page.navigate", {"url": url}, sid)
            self.wait(lambda d: d.get("method") == "Page.loadEventFired" and d.get("sessionId") == sid)
            res = self.call("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True,
                                                "displayHeaderFooter": False}, sid)
            with open(out, "wb") as f:
                f.write(base64.b64decode(res["data"]))
        finally:
            self.call("Target.closeTarget", {"targetId": tid})

    def close(self):
        try:
            self.send("Browser.close")
            self.proc.wait(timeout=30)
        except Exception:  # noqa: BLE001
            self.proc.kill()
        shutil.rmtree(self.prof, ignore_errors=True)
