// SPDX-License-Identifier: MIT
// The Go column of the loop-defer benchmark (tools/bench/loop.sh): the same
// workload as tools/bench/loop/, written with Go's own defer.
//
//	defer-bench N CALLS    CALLS calls of loopDefer(N), then "checksum <sum>"
//	                       (the same value the C variants print)
//	go test -bench .       the timings (BenchmarkLoopDefer/N=...)
package main

import (
	"fmt"
	"os"
	"strconv"
)

var sum uint64

// sink is the deferred action: the same order-sensitive checksum as
// tools/bench/loop/sink.c, never inlined.
//
//go:noinline
func sink(i int) {
	sum = sum*31 + uint64(uint32(i)) + 1
}

// loopDefer registers n defers in a loop and returns; they run newest
// first.  A defer in a loop is neither open-coded nor stack-allocated by
// the Go compiler: each one is a runtime.deferproc call.
//
//go:noinline
func loopDefer(n int) {
	for i := 0; i < n; i++ {
		defer sink(i)
	}
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: defer-bench N CALLS")
		os.Exit(2)
	}
	n, err1 := strconv.Atoi(os.Args[1])
	calls, err2 := strconv.Atoi(os.Args[2])
	if err1 != nil || err2 != nil || n < 1 || calls < 1 {
		fmt.Fprintln(os.Stderr, "usage: defer-bench N CALLS")
		os.Exit(2)
	}
	for k := 0; k < calls; k++ {
		loopDefer(n)
	}
	fmt.Printf("checksum %x\n", sum)
}
