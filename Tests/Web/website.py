"""A private nginx + fcgiwrap serving narvaro-web from a temporary prefix on a free 127.0.0.1 port,
with the shipped site config (systemd/nginx-narvaro.conf) rewritten for that prefix. Used by the
browser test and by `scripts/bench --web`; touches no system configuration and stops what it started."""

import base64, json, os, re, shutil, signal, socket, subprocess, tempfile, time, urllib.error, urllib.request

import swipes

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PASSWORDS = {"anna": "staff-pass", "kim": "reader-pass"}


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

    def replay(self, *cards, reader="entre"):
        """Swipes `cards` now on `reader` through the real daemon; returns when committed."""
        path = f"{self.t}/swipe.evemu"
        with open(path, "w") as f:
            f.write(swipes.HEADER + "".join(swipes.swipe(c, 20.0 * i) for i, c in enumerate(cards)))
        start = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(time.time() - 20.0 * len(cards)))
        r = subprocess.run([f"{self.bin}/narvarod", "--replay", path, "--reader", reader, "--start", start],
                           env=self.env, capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"narvarod --replay: {r.stderr.strip()}")

    def set_up(self):
        """A small venue (reader `entre`, one visitor with a hostile nickname), then the servers."""
        self.narvaro("venue", "add", "tingshuset", "--name", "Gamla Tingshuset")
        self.narvaro("activity", "add", "laxhjalp", "--venue", "tingshuset", "--name", "Läxhjälp")
        self.narvaro("reader", "add", "entre", "--venue", "tingshuset", "--usb", "ffff:0035")
        self.narvaro("visitor", "add", "--nickname", "<script>alert(1)</script>", "--card", "0000001001")
        self.serve()

    def serve(self, workers=4):
        """Starts fcgiwrap (`workers` at once) and nginx on the database at $NARVARO_DATABASE."""
        t = self.t
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
        db = self.env["NARVARO_DATABASE"]
        for p in (db, f"{db}-wal", f"{db}-shm"):
            if os.path.exists(p):
                os.chmod(p, 0o644)
        # The shipped site, pointed at this prefix: plain HTTP on a free port, no redirect server.
        site = open(os.path.join(REPO, "systemd/nginx-narvaro.conf")).read()
        site = site[site.index("server {", site.index("return 301")):]
        site = re.sub(r"listen [^;]*443 ssl;", "", site).replace("listen", "listen", 1)
        site = re.sub(r"\n\s*ssl_[^\n]*", "", site)
        site = site.replace("server {", f"server {{\n    listen 127.0.0.1:{self.port};", 1)
        for shipped, here in [("/etc/nginx/narvaro.htpasswd", f"{t}/htpasswd"), ("/usr/local/share/narvaro/static/", f"{t}/static/"),
                              ("/usr/local/lib/narvaro/narvaro-web", f"{self.bin}/narvaro-web"), ("/var/lib/narvaro/narvaro.db", db),
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
        # At the unit's priority (narvaro-web.service: Nice=10), so the daemon's commits come first.
        fcgi = subprocess.Popen(["nice", "-n", "10", "/usr/sbin/fcgiwrap", "-f", "-c", str(workers), "-s", f"unix:{t}/fcgi.sock"],
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
