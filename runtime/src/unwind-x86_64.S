/* SPDX-License-Identifier: MIT */
/* Entries of libdefer's frame walker that need the machine state (see
   unwind.h): capturing a frame's registers, entering a landing pad, and
   handing a frame over to libgcc.  struct uw_regs is
   { ip, sp, rbx, rbp, r12, r13, r14, r15 }.  */

#if defined(__x86_64__) && defined(__linux__)

	.text

/* The callee-saved registers of the struct uw_regs at REGS.  */
	.macro	load_saved regs
	movq	16(\regs), %rbx
	movq	24(\regs), %rbp
	movq	32(\regs), %r12
	movq	40(\regs), %r13
	movq	48(\regs), %r14
	movq	56(\regs), %r15
	.endm

/* void __libdefer_uw_start (struct _Unwind_Exception *e): walks from the
   caller, whose registers are those at entry.  */
	.globl	__libdefer_uw_start
	.hidden	__libdefer_uw_start
	.type	__libdefer_uw_start, @function
__libdefer_uw_start:
	.cfi_startproc
	movq	(%rsp), %rax
	leaq	8(%rsp), %rcx
	subq	$72, %rsp
	.cfi_adjust_cfa_offset 72
	movq	%rax, 0(%rsp)
	movq	%rcx, 8(%rsp)
	movq	%rbx, 16(%rsp)
	movq	%rbp, 24(%rsp)
	movq	%r12, 32(%rsp)
	movq	%r13, 40(%rsp)
	movq	%r14, 48(%rsp)
	movq	%r15, 56(%rsp)
	movq	%rsp, %rsi
	call	__libdefer_uw_walk
	ud2
	.cfi_endproc
	.size	__libdefer_uw_start, .-__libdefer_uw_start

/* void __libdefer_resume (void *exception): the end of a landing pad
   (<defer-runtime.h>).  A panic goes on from the landing pad's frame with
   libdefer's walker, anything else with libgcc, as if called directly.  */
	.globl	__libdefer_resume
	.type	__libdefer_resume, @function
__libdefer_resume:
	.cfi_startproc
	pushq	%rdi
	.cfi_adjust_cfa_offset 8
	call	__libdefer_uw_owns
	popq	%rdi
	.cfi_adjust_cfa_offset -8
	testl	%eax, %eax
	jnz	__libdefer_uw_start
	jmp	_Unwind_Resume@PLT
	.cfi_endproc
	.size	__libdefer_resume, .-__libdefer_resume

/* void __libdefer_uw_land (const struct uw_regs *regs, uintptr_t pad,
			     struct _Unwind_Exception *e): as libgcc
   installs a context for a landing pad of C's personality routine: the
   exception in %rax, selector 0 in %rdx.  */
	.globl	__libdefer_uw_land
	.hidden	__libdefer_uw_land
	.type	__libdefer_uw_land, @function
__libdefer_uw_land:
	.cfi_startproc
	movq	%rdx, %rax
	load_saved %rdi
	movq	8(%rdi), %rsp
	xorl	%edx, %edx
	jmp	*%rsi
	.cfi_endproc
	.size	__libdefer_uw_land, .-__libdefer_uw_land

/* void __libdefer_uw_system (struct _Unwind_Exception *e,
			      const struct uw_regs *regs): makes the frame
   look as if it had called __libdefer_uw_system_frame, which resumes the
   panic with libgcc (its stop function is in the exception).  */
	.globl	__libdefer_uw_system
	.hidden	__libdefer_uw_system
	.type	__libdefer_uw_system, @function
__libdefer_uw_system:
	.cfi_startproc
	movq	0(%rsi), %rax
	load_saved %rsi
	movq	8(%rsi), %rsp
	pushq	%rax
	jmp	__libdefer_uw_system_frame
	.cfi_endproc
	.size	__libdefer_uw_system, .-__libdefer_uw_system

	.type	__libdefer_uw_system_frame, @function
__libdefer_uw_system_frame:
	.cfi_startproc
	subq	$8, %rsp
	.cfi_adjust_cfa_offset 8
	call	_Unwind_Resume@PLT
	.globl	__libdefer_uw_system_return
	.hidden	__libdefer_uw_system_return
__libdefer_uw_system_return:
	ud2
	.cfi_endproc
	.size	__libdefer_uw_system_frame, .-__libdefer_uw_system_frame

#endif

	.section .note.GNU-stack,"",@progbits
