/* libpq's C API (Debian libpq-dev; headers in /usr/include/postgresql, found through pkg-config libpq). */
#include <libpq-fe.h>
