// SPDX-License-Identifier: MIT
package main

import (
	"fmt"
	"testing"
)

// BenchmarkLoopDefer/N=<n>: ns/op is one call of loopDefer(n), that is n
// defers registered and run; loop.sh divides by n.
func BenchmarkLoopDefer(b *testing.B) {
	for _, n := range []int{1, 16, 1024} {
		n := n
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			for k := 0; k < b.N; k++ {
				loopDefer(n)
			}
		})
	}
}
