"""One QEMU guest for the end-to-end test: starts it, reads its serial console (QEMU's stdout),
talks QMP to type on a chosen keyboard and to unplug/replug USB readers, and always kills it.

Typing on one USB keyboard among several: QMP `input-send-event` takes a `device` argument, but it
names a *display* device, not the keyboard. A usb-kbd bound to a display (`display=ID`; usb-kbd has
no `head` property, so it is head 0) receives only the events sent to that display; events sent
without `device` go to the first keyboard bound to no display, which is the PS/2 desk keyboard. So
each reader gets a display device of its own (bochs-display; the guest loads no driver for it).

A guest may also get a disk (a raw ext4 image, virtio-blk) for the power-cut scenarios; cut_power()
kills QEMU with SIGKILL: no shutdown, no sync, whatever the guest had not written is gone."""

import json
import os
import re
import socket
import subprocess
import tempfile
import threading
import time

import keys

# Each reader: QOM id -> (xHCI root port, display it is bound to). Fixed ports make the guest's `phys`
# strings predictable: reader on port 1 is usb-0000:00:NN.0-1/input0, reader2 on port 2 is ...-2/input0.
READERS = {"reader": (1, "disp1"), "reader2": (2, "disp2")}
MARK = re.compile(r"^=== (.*) ===$")
# Pause per key change (down or up) when typing: two USB polls of usb-kbd fit in it.
KEY_DELAY = 0.012


class ScenarioFailed(Exception):
    """A check failed, the guest reported an error, or something did not happen in time."""


class ScenarioSkipped(Exception):
    """The guest said SKIP: what the scenario needs is not there yet (the early narvarod stub)."""


class VM:
    """A running guest. Use as a context manager so QEMU is killed whatever happens."""

    def __init__(self, kernel, initrd, scenario, readers=("reader", "reader2"), inputs=None,
                 log_path=None, qemu="qemu-system-x86_64", memory=512, epoch=None, pidfile=None,
                 disk=None, disk_cache="none", log_mode="w"):
        self.tmp = tempfile.mkdtemp(prefix="narvaro-vm-")
        self.qmp_path = os.path.join(self.tmp, "qmp")
        self.hmp_path = os.path.join(self.tmp, "hmp")
        self.lines = []          # serial console lines, \r removed
        self.times = []          # when each line arrived (time.monotonic())
        self.cut_at = None       # time.monotonic() of cut_power()
        self.cursor = 0          # wait_for() searches from here
        self.events = []         # QMP events (DEVICE_DELETED, ...)
        self.cond = threading.Condition()
        self.exited = False
        self.log = open(log_path, log_mode, encoding="utf-8", errors="replace") if log_path else None
        self.started = time.monotonic()
        self.plugged = set()
        epoch = int(time.time()) if epoch is None else int(epoch)
        inputs = 1 + len(readers) if inputs is None else inputs
        append = (f"console=ttyS0 quiet panic=-1 narvaro.scenario={scenario} "
                  f"narvaro.epoch={epoch} narvaro.inputs={inputs}" + (" narvaro.disk=1" if disk else ""))
        cmd = [qemu, "-accel", "tcg", "-m", str(memory), "-smp", "1", "-nic", "none",
               "-kernel", kernel, "-initrd", initrd, "-append", append,
               "-nographic", "-no-reboot", "-vga", "none"]
        for _port, display in READERS.values():
            cmd += ["-device", f"bochs-display,id={display}"]
        cmd += ["-device", "qemu-xhci,id=xhci",
               "-monitor", f"unix:{self.hmp_path},server,nowait",
               "-qmp", f"unix:{self.qmp_path},server,nowait"]
        if pidfile:
            cmd += ["-pidfile", pidfile]  # lets scripts/vm-e2e kill QEMU if this driver is killed
        for rid in readers:
            cmd += ["-device", self._reader_spec(rid)]
            self.plugged.add(rid)
        if disk:
            # After the readers, so the xHCI controller keeps its PCI address. cache=none (O_DIRECT)
            # or writethrough: see docs/vm-e2e.md, "Power cuts".
            cmd += ["-drive", f"file={disk},format=raw,if=none,id=data,cache={disk_cache}",
                    "-device", "virtio-blk-pci,drive=data"]
        self._say(f"$ {' '.join(cmd)}")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        self.reader = threading.Thread(target=self._read_console, daemon=True)
        self.reader.start()
        self.qmp = None
        self.qmp_buf = b""
        self._connect_qmp(timeout=10)

    # -- lifetime -------------------------------------------------------------------------------

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.kill()
        return False

    def kill(self):
        """Stops QEMU (TERM, then KILL after 2 s) and removes the sockets; safe to call twice."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        if self.qmp:
            self.qmp.close()
            self.qmp = None
        for path in (self.qmp_path, self.hmp_path):
            if os.path.exists(path):
                os.unlink(path)
        if os.path.isdir(self.tmp):
            os.rmdir(self.tmp)
        if self.log:
            self.log.close()
            self.log = None

    def cut_power(self):
        """SIGKILL to QEMU: the guest's page cache and unfinished disk writes are lost, what it had
        written to the virtual disk is in the image. Returns the time of the cut (time.monotonic())."""
        if self.cut_at is not None:
            return self.cut_at
        self._say("POWER CUT (SIGKILL)")
        self.cut_at = time.monotonic()
        self.proc.kill()
        self.proc.wait(timeout=10)
        self.reader.join(timeout=10)  # every console line QEMU wrote before it died
        return self.cut_at

    def elapsed(self):
        return time.monotonic() - self.started

    def _say(self, text):
        if self.log:
            self.log.write(f"[host {self.elapsed():7.2f}] {text}\n")
            self.log.flush()

    # -- serial console -------------------------------------------------------------------------

    def _read_console(self):
        pending = b""
        while True:
            chunk = self.proc.stdout.read1(4096) if hasattr(self.proc.stdout, "read1") \
                else os.read(self.proc.stdout.fileno(), 4096)
            if not chunk:
                break
            pending += chunk
            *complete, pending = pending.split(b"\n")
            if complete:
                with self.cond:
                    for raw in complete:
                        line = raw.decode("utf-8", "replace").replace("\r", "")
                        self.lines.append(line)
                        self.times.append(time.monotonic())
                        if self.log:
                            self.log.write(f"[guest {self.elapsed():6.2f}] {line}\n")
                    if self.log:
                        self.log.flush()
                    self.cond.notify_all()
        with self.cond:
            if pending:
                self.lines.append(pending.decode("utf-8", "replace").replace("\r", ""))
                self.times.append(time.monotonic())
            self.exited = True
            self.cond.notify_all()

    def wait_for(self, marker, timeout):
        """Waits for the console line `=== marker ===` (after earlier matches) and returns the
        lines before it. Fails at once on a guest error marker, or when QEMU exits."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                while self.cursor < len(self.lines):
                    line = self.lines[self.cursor]
                    self.cursor += 1
                    m = MARK.match(line)
                    if not m:
                        continue
                    if m.group(1) == marker:
                        return
                    if m.group(1).startswith(("GUEST-ERROR", "GUEST-TIMEOUT")):
                        raise ScenarioFailed(f"{m.group(1)} (while waiting for {marker})")
                    if m.group(1).startswith("SKIP "):
                        raise ScenarioSkipped(m.group(1)[len("SKIP "):])
                if self.exited:
                    raise ScenarioFailed(f"guest stopped before '{marker}'")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise ScenarioFailed(f"no '{marker}' from the guest within {timeout} s")
                self.cond.wait(left)

    def result(self, timeout=60):
        """Waits for the next RESULT BEGIN/END block and returns its lines."""
        self.wait_for("RESULT BEGIN", timeout)
        start = self.cursor
        self.wait_for("RESULT END", timeout)
        with self.cond:
            return [line for line in self.lines[start:self.cursor - 1]]

    def tell(self, line):
        """Writes one line to the guest's serial console, for the guest's wait_host."""
        self._say(f"tell {line}")
        try:
            self.proc.stdin.write((line + "\n").encode())
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as err:
            raise ScenarioFailed(f"cannot write to the guest console: {err}") from err

    # -- QMP ------------------------------------------------------------------------------------

    def _connect_qmp(self, timeout):
        deadline = time.monotonic() + timeout
        while True:
            try:
                sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                sock.connect(self.qmp_path)
                break
            except OSError:
                sock.close()
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.kill()
                    raise ScenarioFailed("QEMU did not open its QMP socket "
                                         f"(exit status {self.proc.returncode}): "
                                         + " | ".join(self.lines[-3:]))
                time.sleep(0.05)
        sock.settimeout(timeout)
        self.qmp = sock
        self._qmp_read()  # greeting
        self.command("qmp_capabilities")

    def _qmp_read(self):
        while b"\n" not in self.qmp_buf:
            try:
                data = self.qmp.recv(65536)
            except socket.timeout as err:
                raise ScenarioFailed("QEMU's QMP did not answer") from err
            except OSError as err:
                raise ScenarioFailed(f"QMP connection lost ({err}); QEMU said: "
                                     + " | ".join(self.lines[-3:])) from err
            if not data:
                raise ScenarioFailed("QEMU closed its QMP socket")
            self.qmp_buf += data
        line, self.qmp_buf = self.qmp_buf.split(b"\n", 1)
        return json.loads(line)

    def command(self, name, **arguments):
        """Runs one QMP command and returns its 'return' value; events met on the way are kept."""
        msg = {"execute": name}
        if arguments:
            msg["arguments"] = arguments
        self.qmp.sendall(json.dumps(msg).encode() + b"\n")
        while True:
            reply = self._qmp_read()
            if "event" in reply:
                self.events.append(reply)
                continue
            if "error" in reply:
                raise ScenarioFailed(f"QMP {name}: {reply['error'].get('desc', reply['error'])}")
            return reply.get("return")

    def hmp(self, text):
        """Runs a human monitor command (through QMP) and returns its output."""
        return self.command("human-monitor-command", **{"command-line": text})

    def _wait_event(self, name, timeout, **data):
        deadline = time.monotonic() + timeout
        while True:
            for ev in self.events:
                if ev["event"] == name and all(ev.get("data", {}).get(k) == v for k, v in data.items()):
                    self.events.remove(ev)
                    return ev
            left = deadline - time.monotonic()
            if left <= 0:
                raise ScenarioFailed(f"no QMP event {name} {data} within {timeout} s")
            self.qmp.settimeout(left)
            try:
                self.events.append(self._qmp_read())
            finally:
                self.qmp.settimeout(10)

    # -- the things a scenario does ----------------------------------------------------------------

    @staticmethod
    def _reader_spec(rid):
        port, display = READERS[rid]
        return f"usb-kbd,id={rid},bus=xhci.0,port={port},display={display}"

    def type_text(self, reader, text, key_delay=KEY_DELAY):
        """Types text on one reader ('reader', 'reader2') or on the PS/2 desk keyboard (None)."""
        self._say(f"type {reader or 'desk'} {text!r}")
        for qcode, shifted in keys.key_strokes(text):
            self._stroke(reader, qcode, shifted, key_delay)

    def type_together(self, swipes, key_delay=KEY_DELAY):
        """Types several (reader, text) swipes at once, alternating their keys, as two readers
        swiped at the same moment would: each reader's keys must still make up its own card."""
        self._say(f"type together {swipes!r}")
        queues = [(reader, keys.key_strokes(text)) for reader, text in swipes]
        while any(strokes for _, strokes in queues):
            for reader, strokes in queues:
                if strokes:
                    qcode, shifted = strokes.pop(0)
                    self._stroke(reader, qcode, shifted, key_delay)

    def press(self, reader, qcode, shifted, key_delay=KEY_DELAY):
        """One key (down and up, Shift around it when shifted), paced like type_text's keys."""
        self._stroke(reader, qcode, shifted, key_delay)

    def _stroke(self, reader, qcode, shifted, key_delay):
        # usb-kbd keeps a 16-entry queue and hands the guest one key change per USB poll, so a key
        # is sent alone with a pause that lets the guest drain the queue (else keys are lost).
        target = {"device": READERS[reader][1]} if reader is not None else {}
        changes = ([("shift", True)] if shifted else []) + [(qcode, True), (qcode, False)] \
            + ([("shift", False)] if shifted else [])
        events = [{"type": "key", "data": {"down": down, "key": {"type": "qcode", "data": q}}}
                  for q, down in changes]
        self.command("input-send-event", events=events, **target)
        time.sleep(key_delay * len(changes))

    def unplug(self, reader, timeout=10):
        """device_del, then waits until QEMU has really removed it (the id is then free again)."""
        self._say(f"unplug {reader}")
        self.command("device_del", id=reader)
        self._wait_event("DEVICE_DELETED", timeout, device=reader)
        self.plugged.discard(reader)

    def plug(self, reader):
        """device_add of a reader on its own port and display head."""
        self._say(f"plug {reader}")
        port, display = READERS[reader]
        # QMP checks JSON types: port is a string property.
        self.command("device_add", driver="usb-kbd", id=reader, bus="xhci.0", port=str(port),
                     display=display)
        self.plugged.add(reader)
