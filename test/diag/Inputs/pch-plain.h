/* SPDX-License-Identifier: MIT */
// The header that pch-without-plugin.c precompiles without the plugin.
#ifndef PCH_PLAIN_H
#define PCH_PLAIN_H
#include <stdio.h>
static inline int twice(int x) { return 2 * x; }
#endif
