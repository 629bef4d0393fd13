#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Every source file of the project names its licence on an SPDX line in its
# first lines (LICENSE holds the text).  Prints the files without one and
# exits 1 if there are any; --add writes the line into them, in the
# comment syntax of each file's language.
#   tools/check-spdx.sh [--add] [SOURCE_ROOT]
set -euo pipefail

add=0
if [[ ${1:-} == --add ]]; then add=1; shift; fi
root=${1:-$(dirname "${BASH_SOURCE[0]}")/..}
cd "$root"

# The project's own sources: everything but build trees, docs, patches
# applied to other projects, and data.
sources() {
  find . \( -path ./.git -o -path './build*' -o -name Testing \) -prune -o \
    -type f \( -name '*.c' -o -name '*.h' -o -name '*.cc' -o -name '*.cpp' \
    -o -name '*.S' -o -name '*.def' -o -name '*.sh' -o -name '*.py' \
    -o -name '*.cmake' -o -name 'CMakeLists.txt' -o -name '*.in' \
    -o -name '*.go' -o -name '*.cfg' -o -name 'meson.build' \
    -o -path ./.ci/run \) -print | sed 's|^\./||' | sort
}

line_for() {
  case $1 in
    *.c|*.h|*.S|*.def) echo '/* SPDX-License-Identifier: MIT */' ;;
    *.cc|*.cpp|*.go) echo '// SPDX-License-Identifier: MIT' ;;
    *.cfg) echo '<!-- SPDX-License-Identifier: MIT -->' ;;
    *) echo '# SPDX-License-Identifier: MIT' ;;
  esac
}

# After a first line that must stay first: #!, <?xml.
insert() {
  local file=$1 text
  text=$(line_for "$file")
  if head -n1 "$file" | grep -qE '^(#!|<\?xml)'; then
    sed -i "1a\\$text" "$file"
  else
    sed -i "1i\\$text" "$file"
  fi
}

missing=0
while read -r file; do
  if ! head -n3 "$file" | grep -q 'SPDX-License-Identifier: MIT'; then
    if ((add)); then
      insert "$file"
    else
      echo "no SPDX line: $file"
      missing=$((missing + 1))
    fi
  fi
done < <(sources)
echo "$missing source files without an SPDX line"
((missing == 0))
