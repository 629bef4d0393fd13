// SPDX-License-Identifier: MIT
package main

import (
	"fmt"
	"testing"
)

var panicSink int

//go:noinline
func descend(depth int) {
	defer func() { panicSink++ }()
	if depth <= 1 {
		panic("bottom")
	}
	descend(depth - 1)
}

//go:noinline
func recoverFrom(depth int) (r int) {
	defer func() {
		if recover() != nil {
			r = 1
		}
	}()
	descend(depth)
	return 0
}

// BenchmarkPanic/depth=<d>: ns/op is one panic raised <d> frames down,
// each frame with a pending defer, and recovered at the top.
func BenchmarkPanic(b *testing.B) {
	for _, d := range []int{1, 10, 100} {
		d := d
		b.Run(fmt.Sprintf("depth=%d", d), func(b *testing.B) {
			for k := 0; k < b.N; k++ {
				recoverFrom(d)
			}
		})
	}
}
