#define _GNU_SOURCE
#include <malloc.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
// Fixed-signature forwarders for libcurl's variadic API (see CLibUV.h for why).
#include "CLibUV.h"

CURLcode sy_easy_setopt_long(CURL *easy, CURLoption option, long value) {
    return curl_easy_setopt(easy, option, value);
}
CURLcode sy_easy_setopt_ptr(CURL *easy, CURLoption option, const void *value) {
    return curl_easy_setopt(easy, option, value);
}
CURLcode sy_easy_setopt_data_cb(CURL *easy, CURLoption option, sy_curl_data_cb value) {
    return curl_easy_setopt(easy, option, value);
}
CURLcode sy_easy_setopt_closesocket_cb(CURL *easy, sy_curl_closesocket_cb value) {
    return curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, value);
}
CURLcode sy_easy_getinfo_long(CURL *easy, CURLINFO info, long *value) {
    return curl_easy_getinfo(easy, info, value);
}
CURLcode sy_easy_getinfo_ptr(CURL *easy, CURLINFO info, void **value) {
    return curl_easy_getinfo(easy, info, value);
}
CURLMcode sy_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}
CURLMcode sy_multi_setopt_ptr(CURLM *multi, CURLMoption option, void *value) {
    return curl_multi_setopt(multi, option, value);
}
CURLMcode sy_multi_setopt_socket_cb(CURLM *multi, sy_curl_socket_cb value) {
    return curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, value);
}
CURLMcode sy_multi_setopt_timer_cb(CURLM *multi, sy_curl_timer_cb value) {
    return curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, value);
}
CURLcode sy_msg_result(const CURLMsg *msg) {
    return msg->data.result;
}

void sy_thread_set_name(const char *name) {
    pthread_setname_np(pthread_self(), name);
}

int sy_thread_set_nice(int nice) {
    // On Linux a nice value set for a thread id applies to that thread alone.
    return setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), nice);
}

int sy_thread_id(void) {
    return (int)syscall(SYS_gettid);
}

int sy_thread_set_idle(int tid, int idle) {
    // On Linux a thread id given to sched_setscheduler names that thread alone.
    struct sched_param param = { .sched_priority = 0 };
    return sched_setscheduler((pid_t)tid, idle ? SCHED_IDLE : SCHED_OTHER, &param) == 0 ? 0 : errno;
}

static void *sy_idle_round_trip(void *result) {
    int tid = sy_thread_id();
    *(int *)result = sy_thread_set_idle(tid, 1) == 0 && sy_thread_set_idle(tid, 0) == 0;
    return NULL;
}

int sy_sched_idle_reversible(void) {
    // A new thread inherits the creator's nice value, which is what the kernel checks.
    int result = 0;
    pthread_t probe;
    if (pthread_create(&probe, NULL, sy_idle_round_trip, &result) != 0) return 0;
    pthread_join(probe, NULL);
    return result;
}

int sy_malloc_disable_fastbins(void) {
    return mallopt(M_MXFAST, 0);
}

size_t sy_malloc_fastbin_bytes(void) {
    return mallinfo2().fsmblks;
}
