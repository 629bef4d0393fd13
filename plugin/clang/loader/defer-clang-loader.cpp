// SPDX-License-Identifier: MIT
//
// defer-clang.so, the file users name in -fplugin=: it links nothing of
// Clang, so that every Clang can load it, asks the Clang that loaded it for
// its version, and loads the plugin built for that Clang's major version,
// <major>/defer-clang.so beside it (the layout of the build tree and of an
// installation, where plugins for several Clangs sit side by side).  Where there is none, one
// line names both versions, as GCC's version check does, instead of the
// mangled "undefined symbol" a plugin built for another Clang gives.
//
// It runs as the library is loaded: Clang reads its plugin registry after
// loading every -fplugin library, so the real plugin, loaded from here,
// registers in time.

#include <dirent.h>
#include <dlfcn.h>
#include <unistd.h>

#include <cstdio>
#include <set>
#include <string>

namespace {

// clang::getClangFullVersion(), "Debian clang version 19.1.7 (...)": the
// same function in every Clang, found in the process that loaded us.
std::string hostVersion() {
  using Getter = std::string (*)();
  void *sym = dlsym(RTLD_DEFAULT, "_ZN5clang19getClangFullVersionB5cxx11Ev");
  if (!sym)
    return "";
  std::string full = reinterpret_cast<Getter>(sym)();
  std::string::size_type at = full.find("clang version ");
  if (at == std::string::npos)
    return "";
  at += sizeof "clang version " - 1;
  std::string::size_type end = full.find_first_not_of("0123456789.", at);
  return full.substr(at, end == std::string::npos ? end : end - at);
}

std::string ownDirectory() {
  Dl_info info;
  if (!dladdr(reinterpret_cast<void *>(&ownDirectory), &info) ||
      !info.dli_fname)
    return ".";
  std::string path = info.dli_fname;
  std::string::size_type slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

std::string pluginFor(const std::string &dir, const std::string &major) {
  return dir + "/" + major + "/defer-clang.so";
}

// The majors this directory has a plugin for: "Clang 19, 22".
std::string builtFor(const std::string &dir) {
  std::set<int> majors;
  if (DIR *d = opendir(dir.c_str())) {
    while (dirent *e = readdir(d)) {
      std::string name = e->d_name;
      if (!name.empty() &&
          name.find_first_not_of("0123456789") == std::string::npos &&
          access(pluginFor(dir, name).c_str(), R_OK) == 0)
        majors.insert(std::stoi(name));
    }
    closedir(d);
  }
  std::string list;
  for (int major : majors)
    list += (list.empty() ? "" : ", ") + std::to_string(major);
  return list.empty() ? "no Clang" : "Clang " + list;
}

[[noreturn]] void refuse(const std::string &line) {
  fprintf(stderr, "fatal error: %s\n", line.c_str());
  fflush(stderr);
  _exit(1);
}

__attribute__((constructor)) void loadForThisClang() {
  std::string version = hostVersion();
  if (version.empty())
    refuse("the defer plugin (defer-clang.so) can only be loaded by clang, "
           "with -fplugin=");
  std::string major = version.substr(0, version.find('.'));
  std::string dir = ownDirectory();
  std::string path = pluginFor(dir, major);
  if (access(path.c_str(), R_OK) != 0)
    refuse("the defer plugin was built for " + builtFor(dir) +
           " and cannot be loaded into Clang " + version +
           ": build it for this compiler (cmake -DDEFER_CLANG=clang-" + major +
           ")");
  if (!dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL))
    refuse(std::string("the defer plugin for Clang ") + major +
           " cannot be loaded: " + dlerror());
}

} // namespace
