/* fuzz-common.h — what every fuzz target shares
 *
 * Each target (fuzz-csv.c, fuzz-time.c, fuzz-effect.c, fuzz-pack.c) defines
 * LLVMFuzzerInitialize() and LLVMFuzzerTestOneInput(). Built with clang's
 * -fsanitize=fuzzer they are libFuzzer programs; linked with fuzz-replay.c
 * they replay a corpus as an ordinary GLib test.
 *
 * Bad input must come back as a GError or a diagnostic, never as a GLib
 * critical or warning, so both are made fatal: a g_return_if_fail() that
 * fires on some input is reported like a crash. Every property a target
 * checks fails through odan_fuzz_check(), which aborts with the reason.
 */
#pragma once

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static inline void
odan_fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  /* Messages in English whatever the environment, so reports compare. */
  g_setenv ("LANGUAGE", "C", TRUE);
}

#define odan_fuzz_check(cond, ...)                                          \
  G_STMT_START {                                                            \
    if (G_UNLIKELY (!(cond)))                                               \
      {                                                                     \
        g_printerr ("%s:%d: property failed: %s: ", __FILE__, __LINE__, #cond); \
        g_printerr (__VA_ARGS__);                                           \
        g_printerr ("\n");                                                  \
        abort ();                                                           \
      }                                                                     \
  } G_STMT_END

/* The input as a NUL-terminated string (the parsers take C strings); bytes
 * after an embedded NUL are ignored as the parsers would ignore them. */
static inline char *
odan_fuzz_strdup (const uint8_t *data, size_t size)
{
  return g_strndup ((const char *) data, size);
}
