/* SPDX-License-Identifier: MIT */
/* Unwind rules per return address, decoded from .eh_frame and the C
   personality's call-site table, and cached (see unwind.h).

   A rule is decoded the first time a panic passes a return address: libgcc
   finds the FDE (_Unwind_Find_FDE), this file runs its CFA program up to
   the address and, when the frame's personality routine is C's
   (__gcc_personality_v0), looks the address up in the LSDA's call-site
   table as that routine would.  What is kept is how to find the caller's
   registers and where the landing pad is.  Anything beyond what compilers
   emit for ordinary x86-64 code makes the frame UW_SYSTEM.

   The cache is a table shared by all threads, each slot under a sequence
   lock, every word read and written atomically: a reader that races with
   a writer sees a changed sequence and decodes for itself.  Each rule
   carries the number of objects unloaded (dlclose) before it was decoded,
   read once per panic: after an unload, every rule is decoded again, so
   code replaced at the same address is not unwound by old rules.  */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdatomic.h>
#include <stddef.h>
#include <string.h>

#include "unwind.h"

#if LIBDEFER_FAST_UNWIND

struct dwarf_eh_bases {
  void *tbase, *dbase, *func;
};
extern const void *_Unwind_Find_FDE (void *pc, struct dwarf_eh_bases *bases);
extern _Unwind_Reason_Code __gcc_personality_v0 (int, _Unwind_Action,
						 _Unwind_Exception_Class,
						 struct _Unwind_Exception *,
						 struct _Unwind_Context *);

/* --- reading DWARF ------------------------------------------------------ */

enum {
  DW_EH_PE_omit = 0xff,
  DW_EH_PE_indirect = 0x80,
  DW_EH_PE_pcrel = 0x10,
  DW_EH_PE_textrel = 0x20,
  DW_EH_PE_datarel = 0x30,
  DW_EH_PE_funcrel = 0x40,
};

struct reader {
  const uint8_t *p;
  int ok; /* cleared by anything this file does not decode */
};

/* A LEB128 number's bits; *SHIFT gets how many were read and *LAST the
   final byte, whose bit 6 is the sign of a signed one.  */
static uintptr_t
leb (struct reader *r, unsigned *shift, uint8_t *last)
{
  uintptr_t v = 0;
  uint8_t b;
  *shift = 0;
  do
    {
      b = *r->p++;
      if (*shift < 64)
	v |= (uintptr_t) (b & 0x7f) << *shift;
      *shift += 7;
    }
  while (b & 0x80);
  *last = b;
  return v;
}

static uintptr_t
uleb (struct reader *r)
{
  unsigned shift;
  uint8_t last;
  return leb (r, &shift, &last);
}

static intptr_t
sleb (struct reader *r)
{
  unsigned shift;
  uint8_t last;
  uintptr_t v = leb (r, &shift, &last);
  if (shift < 64 && (last & 0x40))
    v |= -((uintptr_t) 1 << shift);
  return (intptr_t) v;
}

#define FIXED(type)                                                            \
  ({                                                                           \
    type v_;                                                                   \
    memcpy (&v_, r->p, sizeof v_);                                             \
    r->p += sizeof v_;                                                         \
    v_;                                                                        \
  })

/* A pointer in ENCODING (DW_EH_PE_*), relative to BASES where it says.  */
static uintptr_t
encoded (struct reader *r, uint8_t encoding,
	 const struct dwarf_eh_bases *bases)
{
  const uint8_t *at = r->p;
  uintptr_t v;
  switch (encoding & 0x0f)
    {
    case 0x00: v = FIXED (uintptr_t); break;
    case 0x01: v = uleb (r); break;
    case 0x02: v = FIXED (uint16_t); break;
    case 0x03: v = FIXED (uint32_t); break;
    case 0x04: v = FIXED (uint64_t); break;
    case 0x09: v = (uintptr_t) sleb (r); break;
    case 0x0a: v = (uintptr_t) (intptr_t) FIXED (int16_t); break;
    case 0x0b: v = (uintptr_t) (intptr_t) FIXED (int32_t); break;
    case 0x0c: v = (uintptr_t) FIXED (int64_t); break;
    default: r->ok = 0; return 0;
    }
  if (v == 0)
    return 0; /* null, whatever the encoding (as libgcc reads it) */
  switch (encoding & 0x70)
    {
    case 0: break;
    case DW_EH_PE_pcrel: v += (uintptr_t) at; break;
    case DW_EH_PE_textrel: v += (uintptr_t) bases->tbase; break;
    case DW_EH_PE_datarel: v += (uintptr_t) bases->dbase; break;
    case DW_EH_PE_funcrel: v += (uintptr_t) bases->func; break;
    default: r->ok = 0; return 0;
    }
  if (encoding & DW_EH_PE_indirect)
    v = *(const uintptr_t *) v;
  return v;
}

/* --- the CFA program ---------------------------------------------------- */

enum {
  DWARF_RBX = 3, DWARF_RBP = 6, DWARF_RSP = 7, DWARF_R12 = 12,
  DWARF_RA = 16, DWARF_COLUMNS = 17, STATE_STACK = 8,
};

enum how { SAME, AT_OFFSET, UNDEFINED, UNKNOWN };

enum { DW_OP_deref = 0x06, DW_OP_breg0 = 0x70 };

struct columns {
  int cfa_reg;      /* DWARF number, -1 when not reg + offset */
  intptr_t cfa_offset;
  uint8_t cfa_deref; /* the CFA is the word at reg + offset */
  uint8_t how[DWARF_COLUMNS];
  intptr_t offset[DWARF_COLUMNS];
  /* Bytes of arguments pushed at the call (DW_CFA_GNU_args_size), which
     a landing pad pops: not part of the state that is remembered.  */
  uintptr_t args_size;
};

struct cie {
  uintptr_t code_align;
  intptr_t data_align;
  uintptr_t ra_column;
  uint8_t fde_encoding, lsda_encoding;
  uint8_t has_data; /* augmentation "z": FDEs have augmentation data */
  uintptr_t personality;
  const uint8_t *insns, *end;
};

static void
set_column (struct columns *c, uintptr_t reg, enum how how, intptr_t off)
{
  if (reg < DWARF_COLUMNS)
    {
      c->how[reg] = how;
      c->offset[reg] = off;
    }
}

/* DW_CFA_restore: REG's rule back to INITIAL's (none in the CIE).  */
static void
restore_column (struct reader *r, struct columns *c,
		const struct columns *initial, uintptr_t reg)
{
  if (!initial)
    r->ok = 0;
  else if (reg < DWARF_COLUMNS)
    set_column (c, reg, initial->how[reg], initial->offset[reg]);
}

/* DW_CFA_def_cfa_expression.  The CFA is known for the one expression
   compilers emit on x86-64: DW_OP_breg<rbp or rsp> <offset> DW_OP_deref,
   the caller's stack pointer saved in a frame that realigns the stack
   (GCC's dynamic realign argument pointer).  */
static void
cfa_expression (struct reader *r, struct columns *c)
{
  uintptr_t len = uleb (r);
  const uint8_t *end = r->p + len;
  c->cfa_reg = -1;
  uint8_t op = len ? *r->p : 0;
  if (op == DW_OP_breg0 + DWARF_RBP || op == DW_OP_breg0 + DWARF_RSP)
    {
      r->p++;
      intptr_t offset = sleb (r);
      if (r->p + 1 == end && *r->p == DW_OP_deref)
	{
	  c->cfa_reg = op - DW_OP_breg0;
	  c->cfa_offset = offset;
	  c->cfa_deref = 1;
	}
    }
  r->p = end;
}

/* Runs the instructions in [R->p, END) while the location is below TARGET,
   from *LOC.  INITIAL is the state after the CIE's instructions.  */
static void
run_cfa (struct reader *r, const uint8_t *end, const struct cie *cie,
	 const struct dwarf_eh_bases *bases, uintptr_t *loc, uintptr_t target,
	 struct columns *c, const struct columns *initial)
{
  struct columns stack[STATE_STACK];
  int depth = 0;
  while (r->ok && r->p < end && *loc < target)
    {
      uint8_t op = *r->p++;
      uintptr_t reg;
      switch (op & 0xc0)
	{
	case 0x40: *loc += (op & 0x3f) * cie->code_align; continue;
	case 0x80:
	  set_column (c, op & 0x3f, AT_OFFSET,
		      (intptr_t) uleb (r) * cie->data_align);
	  continue;
	case 0xc0: restore_column (r, c, initial, op & 0x3f); continue;
	}
      switch (op)
	{
	case 0x00: break; /* nop */
	case 0x01: *loc = encoded (r, cie->fde_encoding, bases); break;
	case 0x02: *loc += FIXED (uint8_t) * cie->code_align; break;
	case 0x03: *loc += FIXED (uint16_t) * cie->code_align; break;
	case 0x04: *loc += FIXED (uint32_t) * cie->code_align; break;
	case 0x05: /* offset_extended */
	  reg = uleb (r);
	  set_column (c, reg, AT_OFFSET, (intptr_t) uleb (r) * cie->data_align);
	  break;
	case 0x06: restore_column (r, c, initial, uleb (r)); break;
	case 0x07: set_column (c, uleb (r), UNDEFINED, 0); break;
	case 0x08: set_column (c, uleb (r), SAME, 0); break;
	case 0x09: /* register */
	  reg = uleb (r);
	  uleb (r);
	  set_column (c, reg, UNKNOWN, 0);
	  break;
	case 0x0a: /* remember_state */
	  if (depth == STATE_STACK)
	    r->ok = 0;
	  else
	    stack[depth++] = *c;
	  break;
	case 0x0b: /* restore_state, the CFA rule included */
	  if (depth == 0)
	    r->ok = 0;
	  else
	    {
	      uintptr_t args_size = c->args_size;
	      *c = stack[--depth];
	      c->args_size = args_size;
	    }
	  break;
	case 0x0c: /* def_cfa */
	  c->cfa_reg = (int) uleb (r);
	  c->cfa_offset = (intptr_t) uleb (r);
	  c->cfa_deref = 0;
	  break;
	case 0x0d:
	  c->cfa_reg = (int) uleb (r);
	  c->cfa_deref = 0;
	  break;
	case 0x0e: c->cfa_offset = (intptr_t) uleb (r); break;
	case 0x0f: cfa_expression (r, c); break;
	case 0x10: /* expression */
	case 0x16: /* val_expression */
	  reg = uleb (r);
	  r->p += uleb (r);
	  set_column (c, reg, UNKNOWN, 0);
	  break;
	case 0x11: /* offset_extended_sf */
	  reg = uleb (r);
	  set_column (c, reg, AT_OFFSET, sleb (r) * cie->data_align);
	  break;
	case 0x12: /* def_cfa_sf */
	  c->cfa_reg = (int) uleb (r);
	  c->cfa_offset = sleb (r) * cie->data_align;
	  c->cfa_deref = 0;
	  break;
	case 0x13: c->cfa_offset = sleb (r) * cie->data_align; break;
	case 0x14: /* val_offset */
	  reg = uleb (r);
	  uleb (r);
	  set_column (c, reg, UNKNOWN, 0);
	  break;
	case 0x15: /* val_offset_sf */
	  reg = uleb (r);
	  sleb (r);
	  set_column (c, reg, UNKNOWN, 0);
	  break;
	case 0x2e: c->args_size = uleb (r); break; /* GNU_args_size */
	case 0x2f: /* GNU_negative_offset_extended */
	  reg = uleb (r);
	  set_column (c, reg, AT_OFFSET,
		      -(intptr_t) uleb (r) * cie->data_align);
	  break;
	default: r->ok = 0; break;
	}
    }
}

/* --- CIE, FDE, LSDA ----------------------------------------------------- */

/* The CIE that the FDE at FDE_AT refers to.  0 when not decodable.  */
static int
read_cie (const uint8_t *fde_at, const struct dwarf_eh_bases *bases,
	  struct cie *cie)
{
  struct reader rd = {fde_at + 4, 1}, *r = &rd;
  uint32_t cie_pointer = FIXED (uint32_t);
  const uint8_t *at = fde_at + 4 - cie_pointer;
  r->p = at;
  uint32_t length = FIXED (uint32_t);
  if (length == 0xffffffff || FIXED (uint32_t) != 0)
    return 0;
  cie->end = at + 4 + length;
  uint8_t version = FIXED (uint8_t);
  const char *aug = (const char *) r->p;
  r->p += strlen (aug) + 1;
  if (version != 1 && version != 3)
    return 0;
  cie->code_align = uleb (r);
  cie->data_align = sleb (r);
  cie->ra_column = version == 1 ? FIXED (uint8_t) : uleb (r);
  cie->fde_encoding = 0;
  cie->lsda_encoding = DW_EH_PE_omit;
  cie->personality = 0;
  cie->has_data = aug[0] == 'z';
  if (aug[0] == 'z')
    {
      uintptr_t len = uleb (r);
      const uint8_t *data_end = r->p + len;
      for (const char *a = aug + 1; *a; a++)
	if (*a == 'R')
	  cie->fde_encoding = FIXED (uint8_t);
	else if (*a == 'L')
	  cie->lsda_encoding = FIXED (uint8_t);
	else if (*a == 'P')
	  {
	    uint8_t enc = FIXED (uint8_t);
	    cie->personality = encoded (r, enc, bases);
	  }
	else
	  return 0; /* 'S' (signal frames) and anything newer */
      r->p = data_end;
    }
  else if (aug[0])
    return 0;
  cie->insns = r->p;
  return r->ok;
}

/* The landing pad of the C personality routine for return address IP in
   the function starting at FUNC, as __gcc_personality_v0 finds it.  */
static uintptr_t
landing_pad (const uint8_t *lsda, uintptr_t func, uintptr_t ip,
	     const struct dwarf_eh_bases *bases, int *ok)
{
  struct reader rd = {lsda, 1}, *r = &rd;
  static const struct dwarf_eh_bases none;
  uintptr_t lp_start = func;
  uint8_t enc = FIXED (uint8_t);
  if (enc != DW_EH_PE_omit)
    lp_start = encoded (r, enc, bases);
  if (FIXED (uint8_t) != DW_EH_PE_omit)
    uleb (r); /* type table: C has none to match */
  uint8_t cs_enc = FIXED (uint8_t);
  uintptr_t cs_length = uleb (r);
  const uint8_t *end = r->p + cs_length;
  uintptr_t pc = ip - 1, found = 0;
  while (r->ok && r->p < end)
    {
      uintptr_t start = encoded (r, cs_enc, &none);
      uintptr_t len = encoded (r, cs_enc, &none);
      uintptr_t lp = encoded (r, cs_enc, &none);
      uleb (r); /* action */
      if (pc < func + start)
	break;
      if (pc < func + start + len)
	{
	  found = lp ? lp_start + lp : 0;
	  break;
	}
    }
  *ok &= r->ok;
  return found;
}

static int
saved_index (int dwarf_reg)
{
  switch (dwarf_reg)
    {
    case DWARF_RBX: return UW_RBX;
    case DWARF_RBP: return UW_RBP;
    case DWARF_R12: case DWARF_R12 + 1: case DWARF_R12 + 2: case DWARF_R12 + 3:
      return UW_R12 + (dwarf_reg - DWARF_R12);
    default: return -1;
    }
}

/* The CFA part of a frame's rule, where its columns give it.  */
static void
cfa_from_columns (const struct columns *c, struct uw_rule *rule)
{
  if (c->cfa_reg != DWARF_RSP && c->cfa_reg != DWARF_RBP)
    return;
  rule->cfa_reg = c->cfa_reg == DWARF_RSP ? UW_SAVED : UW_RBP;
  rule->cfa_offset = (int32_t) c->cfa_offset;
  rule->cfa_deref = c->cfa_deref;
}

/* The rule of a frame from its columns; UW_SYSTEM if the walker cannot
   step through it.  A landing pad entered at a call that pushed
   arguments would need the stack pointer adjusted: libgcc does that.  */
static void
rule_from_columns (const struct columns *c, struct uw_rule *rule)
{
  cfa_from_columns (c, rule);
  rule->kind = UW_SYSTEM;
  if (c->how[DWARF_RA] == UNDEFINED)
    {
      rule->kind = UW_END;
      return;
    }
  if (c->how[DWARF_RA] != AT_OFFSET || rule->cfa_reg == UW_NO_CFA
      || rule->cfa_deref || c->args_size)
    return;
  rule->ra_offset = (int32_t) c->offset[DWARF_RA];
  for (int reg = 0; reg < DWARF_COLUMNS; reg++)
    {
      int i = saved_index (reg);
      if (i < 0)
	continue;
      if (c->how[reg] == AT_OFFSET && c->offset[reg] != 0)
	rule->saved[i] = (int32_t) c->offset[reg];
      else if (c->how[reg] != SAME)
	return;
    }
  rule->kind = UW_STEP;
}

/* Decodes the rule of return address IP.  */
static void
decode_rule (uintptr_t ip, struct uw_rule *rule)
{
  struct dwarf_eh_bases bases;
  const uint8_t *fde = _Unwind_Find_FDE ((void *) (ip - 1), &bases);
  rule->cfa_reg = UW_NO_CFA;
  rule->kind = UW_END; /* no unwind information: as libgcc, the end */
  if (!fde)
    return;
  rule->kind = UW_SYSTEM;
  struct cie cie;
  if (!read_cie (fde, &bases, &cie))
    return;
  struct reader rd = {fde + 8, 1}, *r = &rd;
  const uint8_t *fde_end = fde + 4 + *(const uint32_t *) fde;
  uintptr_t func = encoded (r, cie.fde_encoding, &bases);
  encoded (r, cie.fde_encoding & 0x0f, &bases); /* range */
  uintptr_t lsda = 0;
  if (cie.has_data)
    {
      uintptr_t len = uleb (r);
      const uint8_t *data_end = r->p + len;
      if (len && cie.lsda_encoding != DW_EH_PE_omit)
	lsda = encoded (r, cie.lsda_encoding, &bases);
      r->p = data_end;
    }
  if (!r->ok)
    return;

  struct columns initial = {.cfa_reg = -1}, c;
  struct reader cr = {cie.insns, 1};
  uintptr_t loc = func;
  run_cfa (&cr, cie.end, &cie, &bases, &loc, UINTPTR_MAX, &initial, NULL);
  c = initial;
  run_cfa (r, fde_end, &cie, &bases, &loc, ip, &c, &initial);
  if (!cr.ok || !r->ok || cie.ra_column != DWARF_RA)
    return;
  rule_from_columns (&c, rule);
  if (rule->kind != UW_STEP || !cie.personality)
    return;
  if (cie.personality != (uintptr_t) &__gcc_personality_v0)
    {
      rule->kind = UW_SYSTEM; /* C++ and others: their routine decides */
      return;
    }
  int ok = 1;
  if (lsda)
    rule->landing_pad = landing_pad ((const uint8_t *) lsda, func, ip, &bases,
				     &ok);
  if (!ok)
    rule->kind = UW_SYSTEM;
}

/* --- the cache ---------------------------------------------------------- */

enum { CACHE_SLOTS = 1024, RULE_WORDS = sizeof (struct uw_rule) / 8 };

_Static_assert (sizeof (struct uw_rule) % 8 == 0, "rules are whole words");
_Static_assert (offsetof (struct uw_rule, ip) == 0, "the key comes first");

static struct slot {
  atomic_ulong seq; /* odd while written */
  _Atomic uint64_t word[RULE_WORDS];
} cache[CACHE_SLOTS];

static struct slot *
slot_of (uintptr_t ip)
{
  return &cache[(ip * 0x9e3779b97f4a7c15ULL) >> 54];
}

static int
cached (struct slot *s, uintptr_t ip, struct uw_rule *rule)
{
  unsigned long seq = atomic_load_explicit (&s->seq, memory_order_acquire);
  if ((seq & 1)
      || atomic_load_explicit (&s->word[0], memory_order_relaxed) != ip)
    return 0; /* the ip is the first word */
  char *out = (char *) rule;
  memcpy (out, &ip, 8);
#pragma GCC unroll 8
  for (int i = 1; i < RULE_WORDS; i++)
    {
      uint64_t w = atomic_load_explicit (&s->word[i], memory_order_relaxed);
      memcpy (out + 8 * i, &w, 8);
    }
  atomic_thread_fence (memory_order_acquire);
  return atomic_load_explicit (&s->seq, memory_order_relaxed) == seq;
}

static void
store (struct slot *s, const struct uw_rule *rule)
{
  unsigned long seq = atomic_load_explicit (&s->seq, memory_order_relaxed);
  if ((seq & 1)
      || !atomic_compare_exchange_strong_explicit (&s->seq, &seq, seq + 1,
						   memory_order_relaxed,
						   memory_order_relaxed))
    return; /* another thread writes it */
  atomic_thread_fence (memory_order_release);
  uint64_t w[RULE_WORDS];
  memcpy (w, rule, sizeof *rule);
  for (int i = 0; i < RULE_WORDS; i++)
    atomic_store_explicit (&s->word[i], w[i], memory_order_relaxed);
  atomic_store_explicit (&s->seq, seq + 2, memory_order_release);
}

__attribute__ ((tls_model ("initial-exec"))) _Thread_local
unsigned long long __libdefer_uw_unloads;

static int
read_unloads (struct dl_phdr_info *info, size_t size, void *out)
{
  if (size >= offsetof (struct dl_phdr_info, dlpi_subs)
		+ sizeof info->dlpi_subs)
    *(unsigned long long *) out = info->dlpi_subs;
  return 1; /* the first object is enough */
}

void
__libdefer_uw_begin (void)
{
  dl_iterate_phdr (read_unloads, &__libdefer_uw_unloads);
}

/* Out of line: a hit then saves no registers.  */
__attribute__ ((noinline)) static void
decode_and_store (struct slot *s, uintptr_t ip, struct uw_rule *rule)
{
  memset (rule, 0, sizeof *rule);
  decode_rule (ip, rule);
  rule->ip = ip;
  rule->unloads = __libdefer_uw_unloads;
  store (s, rule);
}

void
__libdefer_uw_rule (uintptr_t ip, struct uw_rule *rule)
{
  struct slot *s = slot_of (ip);
  if (__builtin_expect (cached (s, ip, rule)
			&& rule->unloads == __libdefer_uw_unloads, 1))
    return;
  decode_and_store (s, ip, rule);
}

#endif
