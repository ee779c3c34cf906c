"""The power-cut scenarios' disk: a raw ext4 image made on the host (mkfs.ext4 on a file), checked
with `e2fsck -p` before every boot after the first, as a venue PC's boot would, and guests booted
from it one after another. The cache mode is cache=none (O_DIRECT), or writethrough where the host
file system refuses O_DIRECT; see docs/vm-e2e.md, "Power cuts"."""

import errno
import os
import random
import shutil
import subprocess
import time

from qemu import VM, ScenarioFailed


def _tool(name):
    """e2fsprogs live in /sbin, which a user's PATH may lack."""
    return shutil.which(name) or f"/sbin/{name}"


def make_image(path, megabytes, populate=None):
    """A sparse file with a fresh ext4 (4 KiB blocks, inode tables written now so the guest's
    kernel does no lazy initialisation in the background), holding the files of the folder
    `populate` if one is given (mkfs.ext4 -d: no mount, no root)."""
    if os.path.exists(path):
        os.unlink(path)
    with open(path, "wb") as f:
        f.truncate(megabytes * 1024 * 1024)
    out = subprocess.run([_tool("mkfs.ext4"), "-q", "-F", "-b", "4096", "-L", "narvaro",
                          "-E", "lazy_itable_init=0,lazy_journal_init=0,nodiscard"]
                         + (["-d", populate] if populate else []) + [path],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise ScenarioFailed(f"mkfs.ext4 failed: {out.stderr.strip()}")


def cache_mode(path):
    """cache=none needs O_DIRECT on the host file system (tmpfs has none): fall back to writethrough."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECT)
    except OSError as err:
        if err.errno == errno.EINVAL:
            return "writethrough"
        raise
    os.close(fd)
    return "none"


def fsck(path):
    """`e2fsck -p` as a boot runs it: (exit status, its output). 0 clean, 1 errors corrected
    (a journal replay alone also counts as that), 2 corrected and reboot, 4 and up not fixed."""
    out = subprocess.run([_tool("e2fsck"), "-p", path], capture_output=True, text=True)
    return out.returncode, " | ".join(line.strip() for line in (out.stdout + out.stderr).splitlines()
                                      if line.strip())


class DiskRig:
    """Boots guests of one scenario from one disk image. `boot()` returns a running VM that has
    printed INPUTS-READY (the disk is mounted by then); the caller cuts its power or lets it end."""

    def __init__(self, name, args, module, report):
        self.name = name
        self.args = args
        self.module = module
        self.report = report
        os.makedirs(args.work, exist_ok=True)
        self.image = os.path.join(args.work, f"{name}.img")
        # Tools a scenario needs only on its disk (the benchmark generator: 78 MB static, too big to
        # put in every guest's initramfs), copied from beside the host's narvarod into /data/tools.
        populate = None
        tools = getattr(module, "DISK_TOOLS", ())
        if tools:
            populate = os.path.join(args.work, f"{name}-files")
            shutil.rmtree(populate, ignore_errors=True)
            os.makedirs(os.path.join(populate, "tools"))
            for tool in tools:
                source = os.path.join(os.path.dirname(os.path.abspath(args.narvarod)), tool)
                if os.path.exists(source):  # the rig's fake has none: the scenario then says SKIP
                    shutil.copy2(source, os.path.join(populate, "tools", tool))
        make_image(self.image, module.DISK_MB, populate)
        self.cache = cache_mode(self.image)
        seed = os.environ.get("NARVARO_VM_SEED", "")
        self.seed = int(seed) if seed.isdigit() else random.SystemRandom().randrange(1, 10**9)
        self.log_path = os.path.join(args.logs, f"{name}.log") if args.logs else None
        self.boots = 0
        self.boot_seconds = 0.0
        self.vm = None
        self.fscks = []  # (exit status, output) per check

    def describe(self):
        return (f"disk {self.module.DISK_MB} MiB raw ext4 image, virtio-blk cache={self.cache}, "
                f"mounted data=ordered")

    def boot(self):
        """e2fsck -p on the image (after the first boot), then a fresh guest on it."""
        if self.vm is not None:
            self.vm.kill()
        if self.boots > 0:
            status, output = fsck(self.image)
            self.fscks.append((status, output))
            if status >= 4:
                raise ScenarioFailed(f"e2fsck -p exit {status} after boot {self.boots}: {output}")
        started = time.monotonic()
        self.vm = VM(self.args.kernel, self.args.initrd, self.name, readers=self.module.READERS,
                     log_path=self.log_path, pidfile=self.args.pidfile, disk=self.image,
                     disk_cache=self.cache, log_mode="w" if self.boots == 0 else "a")
        self.boots += 1
        self.vm._say(f"### boot {self.boots} of {self.name}")
        self.vm.wait_for("INPUTS-READY", self.args.boot_timeout)
        self.boot_seconds += time.monotonic() - started
        return self.vm

    def close(self):
        if self.vm is not None:
            self.vm.kill()
        if os.path.exists(self.image) and not self.args.keep:
            os.unlink(self.image)
