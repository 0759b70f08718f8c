// Fixed forwarders for what Swift cannot call directly (see CSQLite.h for why).
#include "CSQLite.h"

int sy_sqlite3_bind_text(sqlite3_stmt *stmt, int index, const char *bytes, int length) {
    // An empty Swift string may lend no buffer at all; it is still text, not NULL.
    return sqlite3_bind_text(stmt, index, bytes ? bytes : "", length, SQLITE_TRANSIENT);
}

int sy_sqlite3_bind_blob(sqlite3_stmt *stmt, int index, const void *bytes, int length) {
    return sqlite3_bind_blob(stmt, index, bytes, length, SQLITE_TRANSIENT);
}
