#!/usr/bin/python3
"""End-to-end test of narvaro-web in a real browser: starts nginx (with the shipped site config,
rewritten for a temporary prefix and a free port on 127.0.0.1) and fcgiwrap itself, drives
headless Chromium through Selenium, and stops both even on failure. No system config is touched.

usage: /usr/bin/python3 Tests/Web/browser_test.py --bin DIR [--out DIR]
Prints one line per check and "browser test: N passed, M failed"; exits 1 when any failed."""

import argparse, os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from website import REPO, Site  # noqa: E402

results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok)))
    print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok else ': ' + str(detail)}", flush=True)
    return ok


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
