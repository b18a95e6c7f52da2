/* odan-diagnostic.h — problems found in a scenario pack, with file and line */
#pragma once

#include <glib.h>
#include <stdarg.h>

G_BEGIN_DECLS

typedef enum {
  ODAN_DIAGNOSTIC_ERROR,
  ODAN_DIAGNOSTIC_WARNING,
} OdanDiagnosticSeverity;

typedef struct {
  OdanDiagnosticSeverity severity;
  char  *file;      /* path relative to the pack folder, e.g. "nodes.csv" */
  guint  line;      /* 0 when the problem concerns the whole file */
  char  *column;    /* column name where it helps, else NULL */
  char  *message;   /* one sentence, no trailing period, in the user's language */
} OdanDiagnostic;

void  odan_diagnostic_free   (OdanDiagnostic *diag);
/* "FILE:LINE: error: message (column COL)" — the format `odan-cli validate` prints. */
char *odan_diagnostic_format (const OdanDiagnostic *diag);

/* A new diagnostic; @column may be NULL; the message is printf-formatted. */
OdanDiagnostic *odan_diagnostic_new (OdanDiagnosticSeverity severity,
                                     const char            *file,
                                     guint                  line,
                                     const char            *column,
                                     const char            *format,
                                     ...) G_GNUC_PRINTF (5, 6);
OdanDiagnostic *odan_diagnostic_new_valist (OdanDiagnosticSeverity severity,
                                            const char            *file,
                                            guint                  line,
                                            const char            *column,
                                            const char            *format,
                                            va_list                args) G_GNUC_PRINTF (5, 0);

/* Stable sort of OdanDiagnostic* by file (scenario.ini, sectors.csv,
 * nodes.csv, dependencies.csv, teams.csv, injects.csv, mitigations.csv, then
 * any other file by name) and line; problems on one line keep their order. */
void  odan_diagnostics_sort  (GPtrArray *diagnostics);

/* TRUE when some element of @diagnostics is an error. */
gboolean odan_diagnostics_have_errors (GPtrArray *diagnostics);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdanDiagnostic, odan_diagnostic_free)

G_END_DECLS
