/* SPDX-License-Identifier: MIT */
// A frame compiled without the plugin and without -fexceptions, for
// panic-lto-no-exceptions.c: it calls back, and a panic unwinds through it.
// noinline keeps it a frame of its own under -flto.
__attribute__((noinline)) void no_exceptions_frame(void (*callback)(int),
                                                   int n) {
  callback(n);
}
