// A program whose defers need run-time records fails to link without
// libdefer, and the undefined symbol names the library; one with only
// open-coded defers needs no library at all.
// RUN: not %cc-nolib -DLOOP %s -o %t 2>&1 | FileCheck %s
// RUN: %cc-nolib %s -o %t.open && %t.open
// CHECK: undefined reference to {{.}}__libdefer_reserve

void sink(int i) { (void)i; }

static void register_all(int n) {
#ifdef LOOP
  for (int i = 0; i < n; i++)
    defer sink(i);
#else
  defer sink(n);
#endif
}

int main(int argc, char **argv) {
  (void)argv;
  register_all(argc);
  return 0;
}
