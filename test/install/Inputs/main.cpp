// SPDX-License-Identifier: MIT
// The C++ part of `mixed`: compiled without the plugin (which would refuse
// C++), it calls the C part, compiled with it.
#include <string>

extern "C" int c_main(void);

int main() {
  std::string name = "mixed";
  return c_main() + static_cast<int>(name.size()) - 5;
}
