// The C boundary of the ledger: Debian's libsqlite3 header plus the few entry points Swift
// cannot use as they are (SQLITE_TRANSIENT is a macro casting -1 to a function pointer).
#ifndef SWITCHYARD_CSQLITE_H
#define SWITCHYARD_CSQLITE_H

#include <sqlite3.h>

// Binds text or a blob that SQLite copies before returning, so the caller's buffer may go
// away at once (Swift strings lend their bytes only inside a closure). A NULL `bytes` with
// length 0 binds the empty text.
int sy_sqlite3_bind_text(sqlite3_stmt *stmt, int index, const char *bytes, int length);
int sy_sqlite3_bind_blob(sqlite3_stmt *stmt, int index, const void *bytes, int length);

#endif
