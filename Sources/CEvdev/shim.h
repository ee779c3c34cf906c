/* libevdev and the kernel's input event codes, for ReaderSource. */
#include <libevdev/libevdev.h>
#include <linux/input.h>
