/* SPDX-License-Identifier: MIT */
// Including <defer.h> without the plugin loaded fails with a message that
// says to load the plugin.
// RUN: not %cc-noplugin -c %s -o /dev/null 2>&1 | FileCheck %s

// CHECK: error: {{.*}}defer plugin is not loaded{{.*}}-fplugin
#include <defer.h>

int f(void) { return 0; }
