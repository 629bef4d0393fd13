// SPDX-License-Identifier: MIT
/* The decisions of plan.h.  */

#include "plan.h"

#include "messages.h"

#include <algorithm>

namespace defer_rules {

namespace {

int
first_site (const Analysis &a, bool SiteAnalysis::*flag)
{
  for (unsigned i = 0; i < a.sites.size (); i++)
    if (a.sites[i].*flag)
      return (int) i;
  return none;
}

void
choose_lowering (const Function &fn, const Analysis &a, Plan &p)
{
  p.lowering = Lowering::runtime_records;
  if ((p.culprit_site = first_site (a, &SiteAnalysis::in_loop)) != none)
    p.reason = Reason::site_in_loop;
  else if ((p.culprit_site = first_site (a, &SiteAnalysis::in_goto_cycle))
	   != none)
    p.reason = Reason::site_in_goto_cycle;
  else if (a.computed_goto)
    p.reason = Reason::computed_goto;
  else if (fn.calls_setjmp)
    p.reason = Reason::calls_setjmp;
  else if (fn.sites.size () > max_open_coded_sites)
    p.reason = Reason::too_many_sites;
  else
    {
      p.lowering = Lowering::open_coded;
      p.reason = Reason::every_site_runs_once;
    }
}

Storage
choose_storage (const Function &fn, const Analysis &a, unsigned site,
		unsigned long record_size)
{
  const SiteAnalysis &s = a.sites[site];
  /* After a longjmp back into the function, or a computed goto, any site
     may run again.  */
  if (fn.calls_setjmp || a.computed_goto)
    return Storage::pool;
  if (!s.in_loop && !s.in_goto_cycle)
    return Storage::frame;
  if (s.max_runs > 0 && s.max_runs * record_size <= max_frame_array_bytes)
    return Storage::frame_array;
  return Storage::pool;
}

/* Whether the records, all in the frame, go in one array of a union of
   the record types rather than a list of per-site slots; the array's
   length in *SLOTS.  Not with pooled records or setjmp, nor past 64
   sites (the optimisers' work over one array with thousands of paths
   grows quadratically), nor when the union's padding would more than
   double the frame space the records take.  */
bool
shares_one_array (const Function &fn, const Plan &p, unsigned long *slots)
{
  if (fn.calls_setjmp || fn.sites.size () > max_open_coded_sites)
    return false;
  unsigned long n = 0, bytes = 0, widest = 0;
  for (const SitePlan &s : p.sites)
    {
      if (s.storage == Storage::pool)
	return false;
      n += s.slots;
      bytes += s.slots * s.record.size;
      widest = std::max (widest, s.record.size);
    }
  *slots = n;
  return n * widest <= std::max (2 * bytes, max_frame_array_bytes);
}

/* Every `defer` stands in the function's outermost block (alone or as
   the whole `then` of an if with a stable guard), so each can be a
   cleanup of that block where it stands: a cleanup runs wherever control
   leaves the block past it, so nothing may jump by goto; the block's
   cleanup-attributed variables and `_Defer`s would otherwise run in
   between.  */
bool
sites_stand_alone (const Function &fn, const Analysis &a)
{
  if (fn.sites.size () > max_native_sites || !fn.gotos.empty ()
      || fn.blocks_need_one_copy || fn.outermost_cleanup)
    return false;
  for (const Variable &v : fn.vars)
    if (v.outermost && v.has_cleanup)
      return false;
  for (unsigned i = 0; i < fn.sites.size (); i++)
    if (!fn.sites[i].outermost
	|| (fn.sites[i].guard != none && !a.sites[i].stable_guard))
      return false;
  return true;
}

void
plan_open_coded (const Function &fn, const Analysis &a, const Host &host,
		 Plan &p)
{
  p.shape = host.unwind && host.native_sites && sites_stand_alone (fn, a)
	      ? Shape::native_sites
	      : Shape::mask;
  p.mask_bits = fn.sites.size () > 32 ? 64 : 32;
  for (unsigned i = 0; i < fn.sites.size (); i++)
    p.sites[i].guard_at_exit = a.sites[i].stable_guard;
}

/* The null word at the start of a stack's frame buffer, rounded up to
   pool_align.  */
unsigned long
stack_start_bytes (const Host &host)
{
  return (host.pointer_size + pool_align - 1) / pool_align * pool_align;
}

/* What every slot of a stack is a multiple of, so that each record, at
   its block's base plus the slots below it, is aligned: the copies'
   largest alignment, and the site number's with several sites.  */
unsigned long
stack_alignment (const std::vector<std::vector<Extent>> &copy_extents,
		 bool site_numbers)
{
  unsigned long align = site_numbers ? 4 : 1;
  for (const std::vector<Extent> &copies : copy_extents)
    for (const Extent &e : copies)
      align = std::max (align, e.align);
  return align;
}

/* Whether a pooled function's records all go on one stack, bumped from
   the frame buffer and then from pool blocks and popped by their sizes,
   rather than in a list: not where a longjmp may come back (the
   stack's cursor is a local it would leave stale), nor for records that
   need more alignment than a block's base has, nor for records larger
   than the frame buffer, which the stack's limit must be able to start
   in.  */
bool
stacks_records (const Function &fn,
		const std::vector<std::vector<Extent>> &copy_extents,
		const Host &host, const Plan &p)
{
  if (!p.pooled || fn.calls_setjmp || !host.stacked_records)
    return false;
  unsigned long align = stack_alignment (copy_extents, p.site_numbers);
  if (align > pool_align)
    return false;
  for (unsigned i = 0; i < copy_extents.size (); i++)
    if (record_layout (host, p.site_numbers, copy_extents[i], align)
	  .pool_bytes
	> frame_buffer_size - stack_start_bytes (host))
      return false;
  return true;
}

void
plan_records (const Function &fn, const Analysis &a,
	      const std::vector<std::vector<Extent>> &copy_extents,
	      const Host &host, Plan &p)
{
  p.site_numbers = fn.sites.size () > 1;
  for (unsigned i = 0; i < fn.sites.size (); i++)
    {
      SitePlan &s = p.sites[i];
      bool with_site = p.site_numbers || copy_extents[i].empty ();
      s.record = record_layout (host, with_site, copy_extents[i]);
      s.storage = choose_storage (fn, a, i, s.record.size);
      s.slots = s.storage == Storage::frame_array ? a.sites[i].max_runs : 1;
      p.pooled |= s.storage == Storage::pool;
    }
  if (stacks_records (fn, copy_extents, host, p))
    {
      /* One order for all sites: every record goes on the stack, those
	 of the sites whose storage says frame too (the storage stays the
	 escape analysis' verdict, for the report).  */
      p.shape = Shape::records_stack;
      p.stack_align = stack_alignment (copy_extents, p.site_numbers);
      for (unsigned i = 0; i < fn.sites.size (); i++)
	{
	  p.sites[i].record = record_layout (host, p.site_numbers,
					     copy_extents[i], p.stack_align);
	  p.stack_record_max = std::max (p.stack_record_max,
					 p.sites[i].record.pool_bytes);
	}
      unsigned long link = 2 * (unsigned long) host.pointer_size;
      p.stack_link = (link + pool_align - 1) / pool_align * pool_align;
      p.stack_start = stack_start_bytes (host);
      p.stack_reserve = (p.stack_link + p.stack_record_max + pool_align - 1)
			/ pool_align * pool_align;
    }
  else if (host.union_records && shares_one_array (fn, p, &p.array_slots))
    p.shape = Shape::records_array;
  else
    p.shape = Shape::records_list;
  p.frame_buffer = p.pooled && !fn.calls_setjmp ? frame_buffer_size : 0;
  p.frame_descriptor = p.pooled || fn.calls_setjmp;
  p.top_in_frame = fn.calls_setjmp;
  p.mark_on_entry = p.pooled && fn.moves_stack;
}

/* Blocks that need one copy, under a host that emits a cleanup's block
   twice, run at one place on the normal exits only.  */
void
plan_single_copy (const Function &fn, const Host &host, Plan &p)
{
  if (!host.blocks_emitted_twice || !fn.blocks_need_one_copy)
    return;
  p.unwinding_runs_blocks = false;
  Diagnostic d;
  d.at = fn.sites[0].at;
  d.where = fn.sites[0].where;
  if (fn.moves_stack)
    d.text = msg::clang_single_copy_vla;
  else if (host.unwind)
    {
      d.warning = Warning::unwind;
      d.text = msg::clang_no_unwind_run;
    }
  else
    return;
  p.diagnostics.push_back (d);
}

} // namespace

RecordLayout
record_layout (const Host &host, bool with_site,
	       const std::vector<Extent> &copies, unsigned long stack_align)
{
  RecordLayout r;
  bool stacked = stack_align != 0;
  r.with_site = with_site;
  r.stacked = stacked;
  std::vector<Extent> fields;
  if (!stacked)
    fields.push_back ({host.pointer_size, host.pointer_size});
  if (with_site && !stacked)
    fields.push_back ({4, 4});
  fields.insert (fields.end (), copies.begin (), copies.end ());
  unsigned long offset = 0;
  for (const Extent &f : fields)
    {
      offset = (offset + f.align - 1) / f.align * f.align + f.size;
      r.align = std::max (r.align, f.align);
    }
  r.size = (offset + r.align - 1) / r.align * r.align;
  if (stacked)
    {
      /* The site number after the copies, in the slot's last 4 bytes,
	 where popping reads it before it knows the record's size.  Never
	 empty: records are popped by their size.  */
      unsigned long slot = r.size + (with_site ? 4 : 0);
      slot = (slot + stack_align - 1) / stack_align * stack_align;
      r.pool_bytes = slot ? slot : stack_align;
      return r;
    }
  unsigned long extra = r.align > pool_align ? r.align - pool_align : 0;
  r.pool_bytes = (r.size + extra + pool_align - 1) / pool_align * pool_align;
  return r;
}

Plan
make_plan (const Function &fn, const Analysis &a,
	   const std::vector<std::vector<Extent>> &copy_extents,
	   const Host &host)
{
  Plan p;
  p.sites.resize (fn.sites.size ());
  p.unwinding_runs_blocks = host.unwind;
  choose_lowering (fn, a, p);
  if (p.lowering == Lowering::open_coded)
    plan_open_coded (fn, a, host, p);
  else
    plan_records (fn, a, copy_extents, host, p);
  p.own_stack_frame = p.pooled || fn.recovers;
  if (!fn.sites.empty ())
    plan_single_copy (fn, host, p);
  return p;
}

} // namespace defer_rules
