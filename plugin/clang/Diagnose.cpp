// SPDX-License-Identifier: MIT
// The shared rules' diagnostics (plugin/common/diagnostics.h), given as
// Clang gives its own: an error or warning at the statement, then its
// notes.

#include "Lower.h"

#include "clang/Basic/DiagnosticSema.h"

using namespace clang;

namespace defer_clang {

namespace {

// Whether the user turned W off: a plugin warning by
// -fplugin-arg-defer-Wno-NAME, the empty-body one as Clang's own
// -Wempty-body group (which its own "if statement has empty body" is in).
bool silenced(const PluginState &state, ASTContext &ctx,
              const defer_rules::Diagnostic &d, SourceLocation loc) {
  if (d.warning == defer_rules::Warning::empty_body)
    return ctx.getDiagnostics().isIgnored(diag::warn_empty_if_body, loc);
  const char *name = defer_rules::plugin_warning_name(d.warning);
  return name && !state.opts.warning_enabled(name);
}

// The text of D, with the plugin option that controls it in Clang's
// "[-Wfoo]" style.
std::string textOf(const defer_rules::Diagnostic &d) {
  if (d.warning == defer_rules::Warning::empty_body)
    return d.text + " [-Wempty-body]";
  const char *name = defer_rules::plugin_warning_name(d.warning);
  return name ? d.text + " [-fplugin-arg-defer-W" + name + "]" : d.text;
}

} // namespace

void giveDiagnostics(PluginState &state, ASTContext &ctx, const Scan &scan,
                     const defer_rules::Diagnostics &diags) {
  for (const defer_rules::Diagnostic &d : diags) {
    SourceLocation loc = scan.locations[d.where.token];
    bool shown = true;
    if (d.is_error())
      error(ctx, loc, textOf(d));
    else if (silenced(state, ctx, d, loc))
      continue;
    else if (d.warning == defer_rules::Warning::unwind) {
      state.lateWarnings.push_back({loc, textOf(d)});
      continue;
    } else
      shown = warning(ctx, loc, textOf(d));
    if (shown)
      for (const defer_rules::Note &n : d.notes)
        note(ctx, scan.locations[n.where.token], n.text);
  }
}

} // namespace defer_clang
