/* sqlite3's C API. SQLITE_TRANSIENT is a macro Swift cannot import, so it is re-exported as a function. */
#include <sqlite3.h>
static inline sqlite3_destructor_type narvaro_sqlite_transient(void) { return SQLITE_TRANSIENT; }
/* sqlite3_config is variadic, which Swift cannot call: SQLITE_CONFIG_MEMSTATUS re-exported. */
static inline int narvaro_sqlite_memstatus(int on) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, on); }
