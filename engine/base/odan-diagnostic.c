/* odan-diagnostic.c — problems found in a scenario pack, with file and line
 *
 * A diagnostic is a plain struct owning its strings. Formatting follows the
 * compilers' "FILE:LINE: error: message" convention so editors can jump to
 * the line; the order of files follows the order in which an author builds a
 * pack (scenario first, then the model, then the exercise).
 */
#define G_LOG_DOMAIN "odan-diagnostic"

#include "odan-diagnostic.h"

#include <glib/gi18n-lib.h>
#include <string.h>

void
odan_diagnostic_free (OdanDiagnostic *diag)
{
  if (diag == NULL)
    return;
  g_free (diag->file);
  g_free (diag->column);
  g_free (diag->message);
  g_free (diag);
}

OdanDiagnostic *
odan_diagnostic_new (OdanDiagnosticSeverity severity,
                     const char            *file,
                     guint                  line,
                     const char            *column,
                     const char            *format,
                     ...)
{
  OdanDiagnostic *diag;
  va_list args;

  va_start (args, format);
  diag = odan_diagnostic_new_valist (severity, file, line, column, format, args);
  va_end (args);
  return diag;
}

OdanDiagnostic *
odan_diagnostic_new_valist (OdanDiagnosticSeverity severity,
                            const char            *file,
                            guint                  line,
                            const char            *column,
                            const char            *format,
                            va_list                args)
{
  OdanDiagnostic *diag = g_new0 (OdanDiagnostic, 1);

  diag->severity = severity;
  diag->file = g_strdup (file);
  diag->line = line;
  diag->column = g_strdup (column);
  diag->message = g_strdup_vprintf (format, args);
  return diag;
}

char *
odan_diagnostic_format (const OdanDiagnostic *diag)
{
  GString *out;
  const char *severity;

  g_return_val_if_fail (diag != NULL, NULL);

  severity = diag->severity == ODAN_DIAGNOSTIC_WARNING
             ? _("warning")
             : _("error");

  out = g_string_new (diag->file != NULL ? diag->file : "");
  if (diag->line > 0)
    g_string_append_printf (out, ":%u", diag->line);
  g_string_append_printf (out, ": %s: %s", severity, diag->message != NULL ? diag->message : "");
  if (diag->column != NULL && diag->column[0] != '\0')
    {
      g_string_append_c (out, ' ');
      g_string_append_printf (out, _("(column %s)"), diag->column);
    }
  return g_string_free (out, FALSE);
}

static const char *const file_order[] = {
  "scenario.ini", "sectors.csv", "nodes.csv", "dependencies.csv",
  "teams.csv", "injects.csv", "mitigations.csv",
};

/* Files outside the list (a decisions CSV) come after it, by name. */
static int
file_rank (const char *file)
{
  if (file == NULL)
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (file_order); i++)
    if (strcmp (file, file_order[i]) == 0)
      return (int) i;
  return (int) G_N_ELEMENTS (file_order);
}

static int
compare_diagnostics (gconstpointer a,
                     gconstpointer b)
{
  const OdanDiagnostic *da = *(OdanDiagnostic *const *) a;
  const OdanDiagnostic *db = *(OdanDiagnostic *const *) b;
  int ra = file_rank (da->file);
  int rb = file_rank (db->file);

  if (ra != rb)
    return ra < rb ? -1 : 1;
  if (ra == (int) G_N_ELEMENTS (file_order))
    {
      int c = g_strcmp0 (da->file, db->file);

      if (c != 0)
        return c;
    }
  if (da->line != db->line)
    return da->line < db->line ? -1 : 1;
  return 0;
}

void
odan_diagnostics_sort (GPtrArray *diagnostics)
{
  g_return_if_fail (diagnostics != NULL);

  /* g_ptr_array_sort is a stable merge sort (GLib ≥ 2.32) */
  g_ptr_array_sort (diagnostics, compare_diagnostics);
}

gboolean
odan_diagnostics_have_errors (GPtrArray *diagnostics)
{
  if (diagnostics == NULL)
    return FALSE;
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const OdanDiagnostic *diag = g_ptr_array_index (diagnostics, i);

      if (diag->severity == ODAN_DIAGNOSTIC_ERROR)
        return TRUE;
    }
  return FALSE;
}
