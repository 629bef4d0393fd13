// SPDX-License-Identifier: MIT
// A C++ frame with a destructor, for C tests that unwind through C++.
#include <cstdio>

namespace {
struct Noisy {
  int n;
  ~Noisy() { std::printf("c++ destructor %d\n", n); }
};
} // namespace

extern "C" void cxx_frame(void (*callback)(int), int n) {
  Noisy guard{n};
  callback(n);
}
