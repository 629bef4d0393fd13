/* SPDX-License-Identifier: MIT */
// Which loops bound their defers (the records then live in a frame array)
// and which do not (a frame buffer, then the per-thread pool), the same
// under both compilers.  A loop is counted when a counter steps by one
// towards a constant: a for loop, or a while or do loop whose body starts
// with the step, the counter declared with a constant initialiser and
// written nowhere else.  Anything that could run the body more often, or
// make the counter wrap, leaves the loop uncounted.
// RUN: %cc -fplugin-arg-defer-report -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=note: --implicit-check-not=remark: --implicit-check-not=warning: --implicit-check-not=error:

extern void use(int);

// The point of one loop below is a comparison Clang knows is always true.
#pragma clang diagnostic ignored "-Wtautological-constant-out-of-range-compare"

void counted(void) {
  for (int i = 0; i <= 2; ++i)
    // CHECK: [[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: {{.*}}records live in the frame (at most 3, a bound its loop counters prove); copies 'i'{{.*}}
    defer use(i);
  int w = 1;
  while (w < 4) {
    w++;
    // CHECK: [[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: {{.*}}records live in the frame (at most 3, a bound its loop counters prove)
    defer use(w);
  }
  int d = 5;
  do {
    ++d;
    // CHECK: [[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: {{.*}}records live in the frame (at most 1, a bound its loop counters prove)
    defer use(d);
  } while (d < 3);
  unsigned char c = 0;
  while (c != 100) {
    c++;
    // CHECK: [[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: {{.*}}records live in the frame (at most 100, a bound its loop counters prove)
    defer use(c);
  }
}

// A backward goto elsewhere, labels only reached from inside the body, and
// a backward goto that stays in the body leave the count alone.
void counted_with_gotos(int n) {
  for (int i = 0; i < 4; i++) {
    if (n & i)
      goto skip;
    // CHECK: [[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: {{.*}}records live in the frame (at most 4, a bound its loop counters prove)
    defer use(i);
  skip:;
    int tries = n;
  again:
    if (--tries > 0)
      goto again;
  }
back:
  if (--n > 0)
    goto back;
}

void uncounted(int n) {
  int late = 0;
  late = n; // a second write: the start is unknown
  for (; late < 3; late++)
    // CHECK: [[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: {{.*}}per-thread pool (no bound on how many)
    defer use(0);
  int tail = 0;
  while (tail < 3) {
    use(tail); // the step is not the body's first statement
    tail++;
    // CHECK: [[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: {{.*}}per-thread pool (no bound on how many)
    defer use(1);
  }
  int seen = 0;
  int *p = &seen; // written through a pointer
  while (seen < 3) {
    seen++;
    *p = 0;
    // CHECK: [[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: {{.*}}per-thread pool (no bound on how many)
    defer use(2);
  }
  for (signed char s = 0; s < 200; s++)
    // s wraps before it reaches 200.
    // CHECK: [[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: {{.*}}per-thread pool (no bound on how many)
    defer use(s);
}

// 3 * 6148914691236517206 wraps to 2 in 64 bits: the bound must not.
void product_too_big(void) {
  for (long i = 0; i < 6148914691236517206L; i++)
    for (int j = 0; j < 3; j++)
      // CHECK: [[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: {{.*}}per-thread pool (no bound on how many)
      defer use(j);
}

void reentered(int n) {
again:
  for (int i = 0; i < 3; i++) {
    if (n-- > 0)
      goto again; // the loop starts again: no bound
    // CHECK: [[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: {{.*}}per-thread pool (no bound on how many)
    defer use(i);
  }
}

void jumped_into(int n) {
  int i = 0;
  if (n)
    goto inside;
  for (int j = 0; j < 3; j++) {
  inside:
    // CHECK: [[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: {{.*}}per-thread pool (no bound on how many)
    defer use(i);
  }
}

void duff(int n) {
  int i = 0;
  switch (n) {
  case 0:
    do {
      i++;
    case 1:
      // CHECK: [[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: {{.*}}per-thread pool (no bound on how many)
      defer use(i);
    } while (i < 3);
  }
}

// Cycles of backward gotos count the same way: every goto back is
// `if (++g < K) goto L;` with one counter declared before the label and
// written nowhere else.
void counted_cycles(int n) {
  int tries = 0;
retry:;
  // CHECK: [[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: {{.*}}records live in the frame (at most 3, a bound its loop counters prove)
  defer use(tries);
  if (n & 1) {
    if (++tries < 3)
      goto retry;
  } else if (++tries <= 2) {
    goto retry;
  }
  for (int i = 0; i < 2; i++) {
    int g = 0;
  again:
    // CHECK: [[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: {{.*}}records live in the frame (at most 8, a bound its loop counters prove)
    defer use(i);
    if (++g < 4)
      goto again;
  }
}

void uncounted_cycles(int n) {
again:;
  int g = 0; // declared after the label: starts again at every pass
  // The copy of g does not see the increment after it, in the cycle.
  // CHECK: [[@LINE+3]]:{{[0-9]+}}: warning: assignment to 'g' after the 'defer' that copies it
  // CHECK: [[@LINE+1]]:{{[0-9]+}}: note: 'g' is copied here
  defer use(g);
  if (++g < 3 && n)
    goto again;
  // CHECK: [[@LINE-3]]:{{[0-9]+}}: {{note|remark}}: {{.*}}per-thread pool (no bound on how many)
  int a = 0, b = 0;
two:
  // CHECK: [[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: {{.*}}per-thread pool (no bound on how many)
  defer use(1);
  if (++a < 3) // two counters
    goto two;
  if (++b < 3)
    goto two;
  int h = 0;
  if (n)
    goto middle;
three:
  // CHECK: [[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: {{.*}}per-thread pool (no bound on how many)
  defer use(2);
middle: // entered from outside the cycle
  if (++h < 3)
    goto three;
  int k = 0;
four:
  // CHECK: [[@LINE+1]]:{{[0-9]+}}: {{note|remark}}: {{.*}}per-thread pool (no bound on how many)
  defer use(3);
  k = n; // a second write
  if (++k < 3)
    goto four;
}
