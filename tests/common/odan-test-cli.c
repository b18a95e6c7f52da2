/* odan-test-cli.c — running odan-cli from a test */
#include <stdarg.h>
#include <sys/wait.h>

#include "odan-test-cli.h"

OdanTestRun
odan_test_run_cli (const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  OdanTestRun r = { 0 };
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ODAN_CLI"));
  va_start (ap, first);
  for (const char *a = first; a; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &r.out, &r.err, &r.status, &error);
  g_assert_no_error (error);
  r.status = WIFEXITED (r.status) ? WEXITSTATUS (r.status) : -1;
  return r;
}

void
odan_test_run_clear (OdanTestRun *run)
{
  g_free (run->out);
  g_free (run->err);
}
