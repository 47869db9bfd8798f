"""Install nkwatch like an app and use it as a new user would.

Builds the wheel, installs it (not editable) into a fresh venv outside the checkout,
then: ``nkwatch --version``; ``nkwatch articles`` on an empty database path;
``nkwatch serve`` without its extra (one line on how to install it; its page is in the
wheel); the dashboard in a pseudo-terminal on a new database, which must open on the
bundled seed articles (so the wheel carries them); ``q`` quits it. Run by ``.ci/run`` after the tests.
"""

from __future__ import annotations

import fcntl
import glob
import json
import os
import pty
import select
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GUARD = 120  # seconds: a hang guard, not a measurement


def run(*cmd: str, **kw) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kw)
    if done.returncode != 0:
        sys.exit(f"check_wheel: {' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")
    return done


def dashboard_opens_on_seeds(exe: str, env: dict) -> str:
    """Run the dashboard in an 80x24 pseudo-terminal until a seed title shows, then q."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    proc = subprocess.Popen(
        [exe], stdin=slave, stdout=slave, stderr=slave, env=env, cwd=env["HOME"],
        start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + GUARD
    try:
        while b"North Korea" not in seen:
            if time.monotonic() > deadline or proc.poll() is not None:
                sys.exit("check_wheel: the dashboard did not show the seed articles:\n"
                         + seen[-2000:].decode(errors="replace"))  # fmt: skip
            ready, _, _ = select.select([master], [], [], 1)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
        end = time.monotonic() + GUARD
        while proc.poll() is None and time.monotonic() < end:
            os.write(master, b"q")  # again each second: keys typed before it reads are lost
            ready, _, _ = select.select([master], [], [], 1)
            if ready:
                try:
                    os.read(master, 65536)
                except OSError:
                    break
        try:  # the terminal closes as the app exits: give the process time to end
            proc.wait(timeout=GUARD)
        except subprocess.TimeoutExpired:
            sys.exit("check_wheel: the dashboard did not quit on q:\n"
                     + seen[-2000:].decode(errors="replace"))  # fmt: skip
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    return "dashboard opened on the seeds and quit on q"


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="nkwatch-wheel-") as tmp:
        dist = os.path.join(tmp, "dist")
        run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", dist, ROOT)
        (wheel,) = glob.glob(os.path.join(dist, "nkwatch-*.whl"))
        venv = os.path.join(tmp, "venv")
        run(sys.executable, "-m", "venv", venv)
        run(os.path.join(venv, "bin", "pip"), "install", "-q", wheel)
        exe = os.path.join(venv, "bin", "nkwatch")
        home = os.path.join(tmp, "home")
        os.mkdir(home)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("NKWATCH", "PYTHON"))}
        env.update(HOME=home, TERM="xterm-256color", NKWATCH_DB=os.path.join(tmp, "empty.db"))
        print(run(exe, "--version", env=env, cwd=home).stdout.strip())
        listed = run(exe, "articles", "--format", "json", env=env, cwd=home).stdout
        if listed.strip() != "[]":
            sys.exit(f"check_wheel: an empty database lists articles:\n{listed}")
        where = run(
            os.path.join(venv, "bin", "python"), "-c",
            "from store.paths import seeds_dir; print(seeds_dir())", env=env, cwd=home,
        ).stdout.strip()  # fmt: skip
        if not where.startswith(venv):
            sys.exit(f"check_wheel: seeds found outside the installed package: {where}")
        # `nkwatch serve` needs the `serve` extra: without it, one line says how to get it;
        # its page travels in the wheel.
        refused = subprocess.run(
            [exe, "serve", "--port", "0"], capture_output=True, text=True, env=env, cwd=home,
            timeout=120,
        )  # fmt: skip
        if refused.returncode != 1 or "pip install" not in refused.stderr:
            sys.exit(f"check_wheel: serve without textual-serve said:\n{refused.stderr}")
        page = run(
            os.path.join(venv, "bin", "python"), "-c",
            "from importlib.resources import files; "
            "print(files('tui').joinpath('templates/serve.html').is_file())",
            env=env, cwd=home,
        ).stdout.strip()  # fmt: skip
        if page != "True":
            sys.exit("check_wheel: the wheel lacks tui/templates/serve.html (nkwatch serve)")
        env["NKWATCH_DB"] = os.path.join(tmp, "fresh.db")
        print(dashboard_opens_on_seeds(exe, env))
        n = len(json.loads(run(exe, "articles", "--format", "json", env=env, cwd=home).stdout))
        if n != 5:
            sys.exit(f"check_wheel: {n} articles after the first start, not the 5 seeds")
        print(f"wheel ok: {os.path.basename(wheel)}, seeds from {where}, {n} articles")


if __name__ == "__main__":
    main()
