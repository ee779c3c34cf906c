/* A stand-in for narvarod that tests the VM rig itself, never Närvaro: `scripts/vm-e2e --fake-daemon`
 * runs the daemon scenarios against it, to tell a broken rig from a broken daemon. It serves the
 * readers in DB.d/readers ("name phys-glob format", written by fake/narvaro), grabs them, finds
 * new ones by inotify on /dev/input, turns keys into a card at Enter and appends "id reader card"
 * to DB.d/checkins (fsync), then logs "checkin id=N reader=R outcome=counted" like narvarod. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <linux/input.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define MAX_READERS 8
struct reader { char name[64], glob[128], card[64]; int fd, len, shift; };
static struct reader readers[MAX_READERS];
static int reader_count;
static char dir[256];

/* Evdev key codes 0..53 to characters ('.' = not part of a card). */
static const char keymap[] = "..1234567890....qwertyuiop....asdfghjkl.....zxcvbnm...";

static int next_id(void) {
    char path[300], line[256];
    int n = 0;
    snprintf(path, sizeof path, "%s/checkins", dir);
    FILE *f = fopen(path, "r");
    if (f) { while (fgets(line, sizeof line, f)) n++; fclose(f); }
    return n + 1;
}

/* Opens and grabs every event node whose phys matches a reader that has no device yet. */
static void scan(void) {
    DIR *d = opendir("/sys/class/input");
    struct dirent *e;
    if (!d) return;
    while ((e = readdir(d))) {
        char path[300], phys[128] = "";
        if (strncmp(e->d_name, "event", 5)) continue;
        snprintf(path, sizeof path, "/sys/class/input/%s/device/phys", e->d_name);
        FILE *f = fopen(path, "r");
        if (!f) continue;
        if (!fgets(phys, sizeof phys, f)) phys[0] = 0;
        fclose(f);
        phys[strcspn(phys, "\n")] = 0;
        for (int i = 0; i < reader_count; i++) {
            struct reader *r = &readers[i];
            if (r->fd >= 0 || fnmatch(r->glob, phys, 0)) continue;
            snprintf(path, sizeof path, "/dev/input/%s", e->d_name);
            if ((r->fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0) continue;
            ioctl(r->fd, EVIOCGRAB, 1);
            r->len = r->shift = 0;
            fprintf(stderr, "reader open name=%s dev=%s\n", r->name, path);
        }
    }
    closedir(d);
}

static void commit(struct reader *r) {
    char path[300];
    int id = next_id();
    r->card[r->len] = 0;
    snprintf(path, sizeof path, "%s/checkins", dir);
    FILE *out = fopen(path, "a");
    if (!out) return;
    fprintf(out, "%d %s %s\n", id, r->name, r->card);
    fflush(out);
    fsync(fileno(out));
    fclose(out);
    fprintf(stderr, "checkin id=%d reader=%s outcome=counted\n", id, r->name);
}

static void read_reader(struct reader *r) {
    struct input_event ev;
    for (;;) {
        if (read(r->fd, &ev, sizeof ev) < 0) {
            if (errno == EAGAIN) return;
            fprintf(stderr, "reader gone name=%s\n", r->name);  /* ENODEV: unplugged */
            close(r->fd);
            r->fd = -1;
            r->len = 0;  /* half a swipe is dropped */
            return;
        }
        if (ev.type != EV_KEY) continue;
        if (ev.code == KEY_LEFTSHIFT || ev.code == KEY_RIGHTSHIFT) { r->shift = ev.value != 0; continue; }
        if (ev.value != 1) continue;
        if (ev.code == KEY_ENTER) { if (r->len) commit(r); r->len = 0; continue; }
        if (ev.code < sizeof keymap - 1 && keymap[ev.code] != '.' && r->len < 60) {
            char c = keymap[ev.code];
            r->card[r->len++] = (r->shift && c >= 'a' && c <= 'z') ? c - 32 : c;
        }
    }
}

int main(int argc, char **argv) {
    const char *db = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help")) { puts("usage: narvarod --database DB   (fake, for the VM rig)"); return 0; }
        if (!strcmp(argv[i], "--database") && i + 1 < argc) db = argv[++i];
    }
    if (!db) return 2;
    snprintf(dir, sizeof dir, "%s.d", db);
    setvbuf(stderr, NULL, _IONBF, 0);
    char path[300], line[300];
    snprintf(path, sizeof path, "%s/readers", dir);
    FILE *f = fopen(path, "r");
    if (!f) { perror(path); return 1; }
    while (reader_count < MAX_READERS && fgets(line, sizeof line, f)) {
        struct reader *r = &readers[reader_count];
        if (sscanf(line, "%63s %127s", r->name, r->glob) == 2) { r->fd = -1; reader_count++; }
    }
    fclose(f);
    int inotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    inotify_add_watch(inotify, "/dev/input", IN_CREATE | IN_ATTRIB);
    scan();
    for (;;) {
        struct pollfd fds[MAX_READERS + 1] = {{ .fd = inotify, .events = POLLIN }};
        int owner[MAX_READERS + 1], n = 1;
        for (int i = 0; i < reader_count; i++)
            if (readers[i].fd >= 0) { fds[n].fd = readers[i].fd; fds[n].events = POLLIN; owner[n++] = i; }
        if (poll(fds, n, -1) < 0) continue;
        if (fds[0].revents) {
            char buf[4096];
            while (read(inotify, buf, sizeof buf) > 0) {}
            usleep(100000);  /* sysfs attributes may lag the node */
            scan();
        }
        for (int k = 1; k < n; k++)
            if (fds[k].revents) read_reader(&readers[owner[k]]);
    }
}
