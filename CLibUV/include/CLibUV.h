// The C boundary of Switchyard: libuv and libcurl headers, plus typed wrappers for the
// few libcurl entry points Swift cannot call directly (they are C variadics).
#ifndef SWITCHYARD_CLIBUV_H
#define SWITCHYARD_CLIBUV_H

#include <uv.h>
#include <curl/curl.h>
#include <stddef.h>

// curl_easy_setopt / curl_multi_setopt / curl_easy_getinfo are variadic; Swift imports no
// C variadic function, so each argument kind gets one fixed-signature wrapper.
typedef size_t (*sy_curl_data_cb)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef int (*sy_curl_socket_cb)(CURL *easy, curl_socket_t s, int what, void *userp, void *socketp);
typedef int (*sy_curl_timer_cb)(CURLM *multi, long timeout_ms, void *userp);
typedef int (*sy_curl_closesocket_cb)(void *clientp, curl_socket_t item);

CURLcode sy_easy_setopt_long(CURL *easy, CURLoption option, long value);
CURLcode sy_easy_setopt_ptr(CURL *easy, CURLoption option, const void *value);
CURLcode sy_easy_setopt_data_cb(CURL *easy, CURLoption option, sy_curl_data_cb value);
CURLcode sy_easy_setopt_closesocket_cb(CURL *easy, sy_curl_closesocket_cb value);
CURLcode sy_easy_getinfo_long(CURL *easy, CURLINFO info, long *value);
CURLcode sy_easy_getinfo_ptr(CURL *easy, CURLINFO info, void **value);
CURLMcode sy_multi_setopt_long(CURLM *multi, CURLMoption option, long value);
CURLMcode sy_multi_setopt_ptr(CURLM *multi, CURLMoption option, void *value);
CURLMcode sy_multi_setopt_socket_cb(CURLM *multi, sy_curl_socket_cb value);
CURLMcode sy_multi_setopt_timer_cb(CURLM *multi, sy_curl_timer_cb value);

// CURLMsg keeps its result in a union Swift sees only as an opaque tuple.
CURLcode sy_msg_result(const CURLMsg *msg);

// uv_handle_t is the common prefix of every handle; Swift cannot upcast C structs, so these
// casts make the prefix relation explicit in one place.
static inline uv_handle_t *sy_handle(void *h) { return (uv_handle_t *)h; }
static inline uv_stream_t *sy_stream(void *h) { return (uv_stream_t *)h; }

// uv_loop_configure is variadic, which Swift cannot call; the loop's busy-time probe needs
// libuv to account the time it spends waiting in the poll phase.
static inline int sy_loop_measure_idle_time(uv_loop_t *loop) { return uv_loop_configure(loop, UV_METRICS_IDLE_TIME); }

// pthread_setname_np is a GNU extension Swift's Glibc module does not export; naming the loop
// thread lets tests and operators find it in /proc.
void sy_thread_set_name(const char *name);

// The calling thread's own nice value. gettid is reached through syscall(2), a C variadic, and
// Swift imports none; background threads (the ledger writer) yield the CPU to the loop with it.
int sy_thread_set_nice(int nice);

// The calling thread's kernel id (gettid, again only through syscall(2)), so another thread
// can change its scheduling policy with sy_thread_set_idle.
int sy_thread_id(void);

// Moves thread `tid` to SCHED_IDLE (idle != 0) or back to SCHED_OTHER, keeping its nice value;
// returns 0 or an errno. Why: the ledger writer's commits can wait and requests cannot, and a
// nice value only weighs CPU shares: a thread waking on a core where the writer runs may still
// wait out the writer's slice. Any waking thread preempts a SCHED_IDLE one at once. Swift's
// Glibc module exports neither sched_setscheduler's policy constants nor gettid.
int sy_thread_set_idle(int tid, int idle);

// Whether a thread of this process, at the calling thread's nice value, could leave
// SCHED_IDLE again (Linux requires CAP_SYS_NICE or RLIMIT_NICE room for that). Tried on a
// short-lived thread of its own, so a one-way trip strands nobody; returns 1 or 0.
int sy_sched_idle_reversible(void);

// Turns glibc's fastbins off (mallopt M_MXFAST 0); returns mallopt's result. mallopt and its
// constants live in <malloc.h>, which Swift's Glibc module does not include. See HeapTuning.
int sy_malloc_disable_fastbins(void);

// Bytes of freed chunks waiting in fastbins, summed over all arenas (mallinfo2's fsmblks, also
// only in <malloc.h>), so a test can see that small frees are no longer deferred.
size_t sy_malloc_fastbin_bytes(void);

#endif
