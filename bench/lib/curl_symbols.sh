#!/usr/bin/env bash
# Builds libcurl with symbols from a curl source tree, so that callgrind names curl's internal
# functions (Debian's libcurl has none and ships no debug package on these machines).
#
#   bench/lib/curl_symbols.sh CURL_SOURCE_DIR OUT_DIR
#   LD_LIBRARY_PATH=OUT_DIR bench/run.sh --only callgrind
#
# Use the release the gateway links (`curl --version`; 7.88.1 on Debian 12, tag curl-7_88_1).
# curl's own build needs autotools or cmake, which these machines lack, so the library is
# compiled file by file against a hand-written configuration for Linux/glibc: plain HTTP only
# (HTTP_ONLY, no TLS), threaded resolver, IPv6, zlib. That is the code path the benchmark
# drives, at -O2 as Debian builds it; the symbol version CURL_OPENSSL_4 lets the Swift
# toolchain's Foundation load it too. Instructions per request come out within the run-to-run
# spread of Debian's build (203,210 against 207,000-209,000 at 56e9cfe).
set -euo pipefail
SRC="$(cd "$1" && pwd)"
OUT="$(mkdir -p "$2" && cd "$2" && pwd)"
[ -f "$SRC/lib/multi.c" ] || { echo "curl_symbols.sh: no curl source tree at $SRC" >&2; exit 1; }
command -v gcc >/dev/null || { echo "curl_symbols.sh: needs gcc" >&2; exit 1; }

cat >"$OUT/curl_config.h" <<'H'
#define OS "x86_64-pc-linux-gnu"
#define HTTP_ONLY 1
#define CURL_DISABLE_LDAP 1
#define CURL_DISABLE_LDAPS 1
#define CURL_DISABLE_NTLM 1
#define STDC_HEADERS 1
#define HAVE_ARPA_INET_H 1
#define HAVE_FCNTL_H 1
#define HAVE_LIBGEN_H 1
#define HAVE_LOCALE_H 1
#define HAVE_NETDB_H 1
#define HAVE_NETINET_IN_H 1
#define HAVE_NETINET_TCP_H 1
#define HAVE_NET_IF_H 1
#define HAVE_POLL_H 1
#define HAVE_PTHREAD_H 1
#define HAVE_PWD_H 1
#define HAVE_SETJMP_H 1
#define HAVE_SIGNAL_H 1
#define HAVE_STDATOMIC_H 1
#define HAVE_STDBOOL_H 1
#define HAVE_STDLIB_H 1
#define HAVE_STRINGS_H 1
#define HAVE_STRING_H 1
#define HAVE_SYS_IOCTL_H 1
#define HAVE_SYS_POLL_H 1
#define HAVE_SYS_RESOURCE_H 1
#define HAVE_SYS_SELECT_H 1
#define HAVE_SYS_SOCKET_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_SYS_TIME_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_SYS_UN_H 1
#define HAVE_SYS_UTSNAME_H 1
#define HAVE_TERMIOS_H 1
#define HAVE_UNISTD_H 1
#define HAVE_UTIME_H 1
#define HAVE_ZLIB_H 1
#define HAVE_LIBZ 1
#define HAVE_ATOMIC 1
#define HAVE_BASENAME 1
#define HAVE_BOOL_T 1
#define HAVE_CLOCK_GETTIME_MONOTONIC 1
#define HAVE_FCNTL_O_NONBLOCK 1
#define HAVE_FNMATCH 1
#define HAVE_FREEADDRINFO 1
#define HAVE_GETADDRINFO 1
#define HAVE_GETADDRINFO_THREADSAFE 1
#define HAVE_GETEUID 1
#define HAVE_GETHOSTNAME 1
#define HAVE_GETPEERNAME 1
#define HAVE_GETPWUID_R 1
#define HAVE_GETRLIMIT 1
#define HAVE_GETSOCKNAME 1
#define HAVE_GETTIMEOFDAY 1
#define HAVE_IF_NAMETOINDEX 1
#define HAVE_INET_NTOP 1
#define HAVE_INET_PTON 1
#define HAVE_LONGLONG 1
#define HAVE_MSG_NOSIGNAL 1
#define HAVE_PIPE 1
#define HAVE_POLL_FINE 1
#define HAVE_RECV 1
#define HAVE_SA_FAMILY_T 1
#define HAVE_SELECT 1
#define HAVE_SEND 1
#define HAVE_SETLOCALE 1
#define HAVE_SETRLIMIT 1
#define HAVE_SIGACTION 1
#define HAVE_SIGNAL 1
#define HAVE_SIGSETJMP 1
#define HAVE_SOCKADDR_IN6_SIN6_SCOPE_ID 1
#define HAVE_SOCKET 1
#define HAVE_SOCKETPAIR 1
#define HAVE_STRCASECMP 1
#define HAVE_STRDUP 1
#define HAVE_STRTOK_R 1
#define HAVE_STRTOLL 1
#define HAVE_STRUCT_SOCKADDR_STORAGE 1
#define HAVE_STRUCT_TIMEVAL 1
#define HAVE_UTIMES 1
#define HAVE_VARIADIC_MACROS_C99 1
#define HAVE_VARIADIC_MACROS_GCC 1
#define HAVE_WRITABLE_ARGV 1
#define USE_IPV6 1
#define ENABLE_IPV6 1
#define USE_THREADS_POSIX 1
#define CURL_SA_FAMILY_T sa_family_t
#define SIZEOF_INT 4
#define SIZEOF_LONG 8
#define SIZEOF_SIZE_T 8
#define SIZEOF_CURL_OFF_T 8
#define SIZEOF_TIME_T 8
#define SIZEOF_OFF_T 8
#define RECV_TYPE_ARG1 int
#define RECV_TYPE_ARG2 void *
#define RECV_TYPE_ARG3 size_t
#define RECV_TYPE_ARG4 int
#define RECV_TYPE_RETV ssize_t
#define SEND_TYPE_ARG1 int
#define SEND_QUAL_ARG2 const
#define SEND_TYPE_ARG2 void *
#define SEND_TYPE_ARG3 size_t
#define SEND_TYPE_ARG4 int
#define SEND_TYPE_RETV ssize_t
H

mkdir -p "$OUT/obj"
cd "$SRC"
export OUT
# curl_config.h is found through -I"$OUT" (lib/curl_setup.h includes it under HAVE_CONFIG_H).
ls lib/*.c lib/vauth/*.c lib/vtls/*.c lib/vquic/*.c lib/vssh/*.c | xargs -P "$(nproc)" -I{} sh -c \
  'gcc -O2 -g -fPIC -DHAVE_CONFIG_H -DBUILDING_LIBCURL -I"$OUT" -Iinclude -Ilib -c {} -o "$OUT/obj/$(echo {} | tr / _).o"'
echo 'CURL_OPENSSL_4 { global: curl_*; local: *; };' >"$OUT/symbols.map"
gcc -shared -o "$OUT/libcurl.so.4" -Wl,-soname,libcurl.so.4 -Wl,--version-script="$OUT/symbols.map" \
  "$OUT"/obj/*.o -lz -lpthread
echo "$OUT/libcurl.so.4"
