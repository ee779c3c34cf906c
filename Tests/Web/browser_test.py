#!/usr/bin/python3
"""End-to-end test of narvaro-web in a real browser: starts nginx (with the shipped site config,
rewritten for a temporary prefix and a free port on 127.0.0.1) and fcgiwrap itself, drives
headless Chromium through Selenium, and stops both even on failure. No system config is touched.

usage: /usr/bin/python3 Tests/Web/browser_test.py --bin DIR [--out DIR]
Prints one line per check and "browser test: N passed, M failed"; exits 1 when any failed."""

import argparse, base64, json, os, re, shutil, signal, socket, subprocess, sys, tempfile, time, urllib.error, urllib.parse, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import swipes  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PASSWORDS = {"anna": "staff-pass", "kim": "reader-pass"}
results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok)))
    print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok else ': ' + str(detail)}", flush=True)
    return ok


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Site:
    """nginx + fcgiwrap + a database in a temporary prefix."""

    def __init__(self, bin_dir):
        self.bin = bin_dir
        self.t = tempfile.mkdtemp(prefix="narvaro-web-e2e-")
        os.chmod(self.t, 0o755)  # nginx's workers (www-data) reach the socket and static files
        self.port = free_port()
        self.env = dict(os.environ, NARVARO_DATABASE=f"{self.t}/n.db", NARVARO_CARD_KEY=f"{self.t}/card-key", LANG="C.UTF-8")
        self.procs = []

    def narvaro(self, *args):
        r = subprocess.run([f"{self.bin}/narvaro", *args], env=self.env, capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"narvaro {' '.join(args)}: {r.stderr.strip()}")
        return r.stdout

    def replay(self, *cards):
        """Swipes `cards` now on reader entre through the real daemon; returns when committed."""
        path = f"{self.t}/swipe.evemu"
        with open(path, "w") as f:
            f.write(swipes.HEADER + "".join(swipes.swipe(c, 20.0 * i) for i, c in enumerate(cards)))
        start = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(time.time() - 20.0 * len(cards)))
        r = subprocess.run([f"{self.bin}/narvarod", "--replay", path, "--reader", "entre", "--start", start],
                           env=self.env, capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"narvarod --replay: {r.stderr.strip()}")

    def set_up(self):
        t = self.t
        self.narvaro("venue", "add", "tingshuset", "--name", "Gamla Tingshuset")
        self.narvaro("activity", "add", "laxhjalp", "--venue", "tingshuset", "--name", "Läxhjälp")
        self.narvaro("reader", "add", "entre", "--venue", "tingshuset", "--usb", "ffff:0035")
        self.narvaro("visitor", "add", "--nickname", "<script>alert(1)</script>", "--card", "0000001001")
        with open(f"{t}/web.conf", "w") as f:
            f.write("staff = anna\nreaders = kim\n")
        with open(f"{t}/htpasswd", "w") as f:
            for user, password in PASSWORDS.items():
                hashed = subprocess.run(["openssl", "passwd", "-6", password], capture_output=True, text=True, check=True).stdout.strip()
                f.write(f"{user}:{hashed}\n")
        os.makedirs(f"{t}/static")
        subprocess.run([f"{self.bin}/narvaro-web", "--write-static", f"{t}/static"], check=True, capture_output=True)
        for d in ("logs", "tmp"):
            os.makedirs(f"{t}/{d}")
        for p in (f"{t}/n.db", f"{t}/n.db-wal", f"{t}/n.db-shm"):
            if os.path.exists(p):
                os.chmod(p, 0o644)
        # The shipped site, pointed at this prefix: plain HTTP on a free port, no redirect server.
        site = open(os.path.join(REPO, "systemd/nginx-narvaro.conf")).read()
        site = site[site.index("server {", site.index("return 301")):]
        site = re.sub(r"listen [^;]*443 ssl;", "", site).replace("listen", "listen", 1)
        site = re.sub(r"\n\s*ssl_[^\n]*", "", site)
        site = site.replace("server {", f"server {{\n    listen 127.0.0.1:{self.port};", 1)
        for shipped, here in [("/etc/nginx/narvaro.htpasswd", f"{t}/htpasswd"), ("/usr/local/share/narvaro/static/", f"{t}/static/"),
                              ("/usr/local/lib/narvaro/narvaro-web", f"{self.bin}/narvaro-web"), ("/var/lib/narvaro/narvaro.db", f"{t}/n.db"),
                              ("/etc/narvaro/web.conf", f"{t}/web.conf"), ("unix:/run/narvaro-web.sock", f"unix:{t}/fcgi.sock")]:
            if shipped not in site:
                raise RuntimeError(f"the shipped nginx site no longer names {shipped}")
            site = site.replace(shipped, here)
        temp = "\n".join(f"    {k}_temp_path {t}/tmp/{k};" for k in ("client_body", "fastcgi", "proxy", "scgi", "uwsgi"))
        conf = f"""{'user root;' if os.geteuid() == 0 else ''}
daemon off;
worker_processes 1;
pid {t}/nginx.pid;
error_log {t}/logs/error.log;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log {t}/logs/access.log;
{temp}
{site}
}}
"""
        with open(f"{t}/nginx.conf", "w") as f:
            f.write(conf)
        fcgi = subprocess.Popen(["/usr/sbin/fcgiwrap", "-f", "-c", "4", "-s", f"unix:{t}/fcgi.sock"],
                                stdout=subprocess.DEVNULL, stderr=open(f"{t}/logs/fcgiwrap.log", "w"), start_new_session=True)
        self.procs.append(fcgi)
        deadline = time.time() + 10
        while not os.path.exists(f"{t}/fcgi.sock"):
            if time.time() > deadline:
                raise RuntimeError("fcgiwrap did not create its socket")
            time.sleep(0.05)
        os.chmod(f"{t}/fcgi.sock", 0o666)
        nginx = subprocess.Popen(["/usr/sbin/nginx", "-p", t, "-c", f"{t}/nginx.conf"],
                                 stdout=subprocess.DEVNULL, stderr=open(f"{t}/logs/nginx.out", "w"), start_new_session=True)
        self.procs.append(nginx)
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                break
            except OSError:
                if time.time() > deadline or nginx.poll() is not None:
                    raise RuntimeError("nginx did not start: " + open(f"{t}/logs/nginx.out").read() + open(f"{t}/logs/error.log").read())
                time.sleep(0.05)

    def stop(self):
        for p in reversed(self.procs):
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
                try:
                    p.wait(5)
                except subprocess.TimeoutExpired:
                    os.killpg(p.pid, signal.SIGKILL)
                    p.wait()
        shutil.rmtree(self.t, ignore_errors=True)

    def url(self, path, user=None):
        cred = f"{user}:{PASSWORDS[user]}@" if user else ""
        return f"http://{cred}127.0.0.1:{self.port}{path}"

    def http(self, path, user="anna", data=None, headers=None):
        """(status, headers, body) through nginx, outside the browser."""
        req = urllib.request.Request(self.url(path), data=data.encode() if data is not None else None, headers=dict(headers or {}))
        if user:
            token = base64.b64encode(f"{user}:{PASSWORDS[user]}".encode()).decode()
            req.add_header("Authorization", f"Basic {token}")
        if data is not None:
            req.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, r.headers, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read().decode()

    def report(self, period):
        status, _, body = self.http(f"/report?period={period}&format=json")
        return json.loads(body) if status == 200 else None

    def audit_rows(self):
        _, _, body = self.http("/audit")
        return body.count("<tr><td>")


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    o = webdriver.ChromeOptions()
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"):
        o.add_argument(a)
    o.binary_location = "/usr/bin/chromium"
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)


def run(site, out):
    from selenium.common.exceptions import NoAlertPresentException, TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    d = browser()
    console = []

    def drain_console(ignore=()):
        for entry in d.get_log("browser"):
            if entry["level"] == "SEVERE" and not any(s in entry["message"] for s in ignore):
                console.append(entry["message"])

    try:
        d.set_window_size(1024, 768)
        d.get(site.url("/desk", "anna"))
        check("the desk opens in Swedish", "Senaste blipp" in d.page_source, d.title)
        status, headers, _ = site.http("/desk")
        check("CSP header present through nginx", (headers.get("Content-Security-Policy") or "").startswith("default-src 'self'"), dict(headers))
        check("X-Content-Type-Options, Referrer-Policy, frames denied",
              headers.get("X-Content-Type-Options") == "nosniff" and headers.get("Referrer-Policy") and headers.get("X-Frame-Options") == "DENY")
        _, sheaders, _ = site.http(d.find_element(By.CSS_SELECTOR, "link[rel=stylesheet]").get_attribute("href").split(str(site.port))[1])
        check("static files cached long under fingerprinted names", "immutable" in (sheaders.get("Cache-Control") or ""), dict(sheaders))

        # A swipe through the daemon shows up within 2 s without reloading.
        site.replay("0000001001")
        committed = time.time()
        try:
            WebDriverWait(d, 2.0, poll_frequency=0.05).until(
                lambda drv: "<script>alert(1)</script>" in drv.find_element(By.ID, "swipes-body").text)
            check(f"a replayed swipe appears on /desk within 2 s ({time.time() - committed:.2f} s)", True)
        except TimeoutException:
            check("a replayed swipe appears on /desk within 2 s", False, d.find_element(By.ID, "swipes-body").text)
        greeting = d.find_element(By.ID, "greeting").text
        check("the nickname <script>alert(1)</script> shows as text", "Välkommen, <script>alert(1)</script>!" in greeting, greeting)
        try:
            d.switch_to.alert
            check("no script ran from stored text", False, "an alert is open")
        except NoAlertPresentException:
            check("no script ran from stored text", True)

        # A new card: the notice appears live; enrol it with the keyboard alone.
        period = time.strftime("%G-W%V")
        site.replay("0000002002")
        WebDriverWait(d, 3).until(lambda drv: drv.find_element(By.ID, "unknown-card").is_displayed())
        check("the new-card notice appears live", "NYTT KORT" in d.find_element(By.ID, "unknown-card").text)
        before = site.report(period)
        audit_before = site.audit_rows()
        d.get(site.url("/enrol"))
        active = d.switch_to.active_element
        check("the enrol form starts in the nickname field", active.get_attribute("name") == "nickname", active.get_attribute("name"))
        active.send_keys("Sara")
        active.send_keys(Keys.TAB)
        d.switch_to.active_element.send_keys("2009", Keys.TAB)
        d.switch_to.active_element.send_keys("k", Keys.TAB)      # gender: kvinna
        d.switch_to.active_element.send_keys("v", Keys.TAB)      # role: volontär
        d.switch_to.active_element.send_keys(Keys.ENTER)         # in the visitor-code field: submits
        WebDriverWait(d, 5).until(lambda drv: "/desk" in drv.current_url)
        check("the keyboard-only enrolment lands on the desk with a notice", "Registrerad som besökare" in d.page_source, d.current_url)
        after = site.report(period)
        check("enrolling moved the card's check-ins (participants' unique visitors 2 → 1)",
              before["total"]["unique_visitors"] == 2 and after["total"]["unique_visitors"] == 1, (before["total"], after["total"]))
        d.get(site.url("/audit"))
        row = d.find_element(By.CSS_SELECTOR, "#audit tbody tr").text
        check("an audit row names the user and what was done", "anna" in row and "enrol" in row and "Sara" in row, row)
        check("the audit table grew by one", site.audit_rows() == audit_before + 1)
        drain_console()

        # A forged POST (no token) from the page: 403, nothing changes.
        site.replay("0000003003")
        before = site.report(period)
        audit_before = site.audit_rows()
        d.get(site.url("/desk"))
        d.execute_script("""var f = document.createElement('form'); f.method = 'post'; f.action = '/enrol';
            var i = document.createElement('input'); i.name = 'nickname'; i.value = 'Mallory'; f.appendChild(i);
            document.body.appendChild(f); f.submit();""")
        WebDriverWait(d, 5).until(lambda drv: "/enrol" in drv.current_url)
        check("a forged POST without the token is refused (403 page)", "Inte tillåtet" in d.page_source and "säkerhetstoken" not in d.title, d.page_source[:300])
        status, _, _ = site.http("/enrol", data="nickname=Mallory")
        check("a forged POST gets Status 403 through nginx", status == 403, status)
        check("the forged POSTs changed nothing", site.report(period) == before and site.audit_rows() == audit_before)
        drain_console(ignore=("403",))
        status, _, _ = site.http("/enrol", user="kim")
        status_post, _, _ = site.http("/enrol", user="kim", data="nickname=Kim")
        check("a reader-group user cannot open or post the enrol form", status == 403 and status_post == 403, (status, status_post))
        status, _, body = site.http(f"/report?period={period}", user="kim")
        check("a reader-group user sees the report", status == 200 and "Besök" in body, status)
        status, _, body = site.http("/report?period=2026-W99")
        check("a bad period gives a 400 page, not a 500", status == 400 and 'id="error"' in body, status)

        # Languages.
        d.get(site.url("/desk"))
        d.find_element(By.LINK_TEXT, "English").click()
        WebDriverWait(d, 3).until(lambda drv: "Latest swipes" in drv.page_source)
        check("English by the switch", "Welcome" in d.find_element(By.ID, "greeting").text or "No swipes" in d.page_source)
        d.get(site.url(f"/report?period={period}"))
        check("English stays on other pages", "Visits" in d.page_source)
        d.find_element(By.LINK_TEXT, "Svenska").click()
        WebDriverWait(d, 3).until(lambda drv: "Besök" in drv.page_source)
        check("and back to Swedish", "Rapport" in d.page_source)

        # No horizontal scrolling on a desk PC and a phone; screenshots.
        for width, height in ((1024, 768), (390, 844)):
            d.set_window_size(width, height)
            for path in ("/desk", f"/report?period={period}"):
                d.get(site.url(path))
                wide = d.execute_script("""return [document.documentElement.scrollWidth, window.innerWidth,
                    Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > window.innerWidth)
                         .slice(0, 3).map(e => e.tagName + '#' + e.id + '.' + e.className)]""")
                check(f"{path.split('?')[0]} at {width}x{height} has no horizontal scrolling", wide[0] <= wide[1], wide)
        d.set_window_size(1024, 768)
        os.makedirs(out, exist_ok=True)
        for name, path in (("desk", "/desk"), ("desk-visitor", "/desk?screen=visitor"), ("report", f"/report?period={period}")):
            d.get(site.url(path))
            time.sleep(0.3)
            file = os.path.join(out, f"{name}.png")
            d.save_screenshot(file)
            check(f"screenshot {file}", os.path.getsize(file) > 1000)
        drain_console()
        check("no console errors", not console, console)
    finally:
        d.quit()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True, help="directory with narvaro, narvarod, narvaro-web")
    parser.add_argument("--out", default=os.path.join(REPO, "web-test-out"), help="where screenshots go")
    args = parser.parse_args()
    site = Site(os.path.abspath(args.bin))
    started = time.time()
    try:
        site.set_up()
        run(site, args.out)
    except Exception as e:  # a broken set-up is a failure with its reason, never a hang
        check("the suite ran to the end", False, f"{type(e).__name__}: {e}")
        for log in ("error.log", "fcgiwrap.log"):
            p = f"{site.t}/logs/{log}"
            if os.path.exists(p):
                print(f"--- {log}:\n" + open(p).read()[-2000:])
    finally:
        site.stop()
    failed = sum(1 for _, ok in results if not ok)
    print(f"browser test: {len(results) - failed} passed, {failed} failed ({time.time() - started:.1f} s)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
