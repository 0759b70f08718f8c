// Times socket() calls while the process has a second thread, to show the kernel's descriptor
// table growth stalls (see DescriptorTable.swift). With an argument N the table is first grown
// to N slots, as `switchyard serve` does at start.
//
//   cc -O2 -pthread bench/lib/fdtable_stall.c -o /tmp/fdtable_stall
//   (ulimit -n 20000; /tmp/fdtable_stall; /tmp/fdtable_stall 16384)
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static void *idle_thread(void *arg) {
    (void)arg;
    pause();
    return NULL;
}

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
    int reserve = argc > 1 ? atoi(argv[1]) : 0;
    if (reserve > 0) {
        double start = now_ms();
        if (dup2(0, reserve - 1) >= 0) close(reserve - 1);
        printf("table grown to %d slots in %.3f ms\n", reserve, now_ms() - start);
    }
    // Only a process whose descriptor table is shared by several threads waits for RCU.
    pthread_t thread;
    pthread_create(&thread, NULL, idle_thread, NULL);
    for (int i = 0; i < 9000; i++) {
        double start = now_ms();
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        double took = now_ms() - start;
        if (fd < 0) { perror("socket"); return 1; }
        if (took > 0.5) printf("socket() returning descriptor %d took %.2f ms\n", fd, took);
    }
    return 0;
}
