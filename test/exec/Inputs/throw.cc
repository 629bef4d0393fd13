// SPDX-License-Identifier: MIT
// C++ side of unwind-cxx-exception.c: throws through the C frames and
// catches the exception above them.
#include <cstdio>
#include <stdexcept>

extern "C" int c_with_defers(void (*callback)(void));

extern "C" void throw_from_cxx(void) { throw std::runtime_error("boom"); }

int main() {
  try {
    c_with_defers(throw_from_cxx);
    std::puts("not reached");
  } catch (const std::exception &e) {
    std::printf("caught %s\n", e.what());
  }
  return 0;
}
