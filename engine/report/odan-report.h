/* odan-report.h — the after-action report / improvement plan (AAR/IP)
 *
 * Builds, from an exercise's log, the report an evaluator hands to
 * management, in HSEEP's AAR/IP order: executive summary, exercise
 * overview, analysis of core capabilities (objectives, capabilities,
 * P/S/M/U ratings, strengths and areas for improvement), the measures
 * (odan-measures.h), the counterfactual (odan-counterfactual.h), the
 * operability curves, the timeline, and the appendices: the improvement
 * plan and the participants.
 *
 * The report is first built as a list of blocks (headings, paragraphs,
 * tables, plots), then written by one of three writers:
 *
 *   HTML  one file; plots are inline SVG drawn by cairo's SVG surface;
 *   PDF   one file, A4, drawn by cairo's PDF surface with Pango for text;
 *   CSV   a folder with one file per table (NAME.csv: timeline,
 *         report-timing, deadlines, reach, unanswered, decisions,
 *         mitigations, counterfactual-teams, counterfactual-decisions,
 *         counterfactual-sectors, capabilities, observations,
 *         improvement-plan, participants, operability), UTF-8 with a
 *         byte-order mark so Excel opens Japanese text right.
 *
 * Language: one per report (ODAN_REPORT_LANG_JA or _EN), for headings,
 * column headers and fixed words, independent of the interface's locale
 * (an evaluator with an English desktop may owe the ministry a Japanese
 * report). The words are gettext messages (English msgids, context
 * "report", translations in po/ja.po), looked up in the catalogue of the
 * report's language where the program bound its text domain
 * (odan-catalog.h); without that catalogue a report comes out in English.
 * Names from the pack use name_ja / title_ja in Japanese when the
 * pack has them. Free text (observations, decisions) is shown as written.
 *
 * Size: tables of the HTML report hold at most 20,000 rows and those of
 * the PDF at most 300; a longer table says how many rows are left out and
 * that the CSV export has them all. The timeline of the PDF leaves out
 * acknowledgements and clock events for the same reason.
 */
#pragma once

#include "odan-sim-runs.h"

#include <glib.h>
#include "odan-exercise.h"
#include "odan-measures.h"
#include "odan-counterfactual.h"

G_BEGIN_DECLS

#define ODAN_REPORT_ERROR (odan_report_error_quark ())

typedef enum {
  ODAN_REPORT_ERROR_IO,       /* the output cannot be written */
  ODAN_REPORT_ERROR_INVALID,  /* the exercise cannot be reported on */
} OdanReportError;

GQuark odan_report_error_quark (void);

typedef enum {
  ODAN_REPORT_HTML,
  ODAN_REPORT_PDF,
  ODAN_REPORT_CSV,
  ODAN_REPORT_XLSX,
} OdanReportFormat;

typedef enum {
  ODAN_REPORT_LANG_EN,
  ODAN_REPORT_LANG_JA,
} OdanReportLang;

/* The nicks of the registered enums (ODAN_TYPE_REPORT_FORMAT and _LANG,
 * odan-report-enums.h): "html", "pdf", "csv", "xlsx"; "en", "ja" (the language's
 * catalogue name). Either case is taken. */
gboolean odan_report_format_from_string (const char *text, OdanReportFormat *out);
gboolean odan_report_lang_from_string   (const char *text, OdanReportLang *out);
/* Japanese when the interface's language is, else English. */
OdanReportLang odan_report_lang_default (void);

typedef struct _OdanReport OdanReport;

/* Computes everything the report shows (measures, counterfactual reruns,
 * curves, observations, the plan) for @exercise up to @horizon minutes
 * (negative: the last event). The exercise must outlive the report. */
OdanReport *odan_report_new  (OdanExercise  *exercise,
                              double         horizon,
                              GError       **error);
void        odan_report_free (OdanReport *report);

const OdanMeasures  *odan_report_get_measures       (OdanReport *report);
const OdanCfSummary *odan_report_get_counterfactual (OdanReport *report);
/* Each sector's band over many runs of the plan (rows by sector index),
 * or NULL when the exercise's pack has no uncertain values. */
const OdanRuns      *odan_report_get_bands          (OdanReport *report);

/* Writes the report to @path: a file for HTML and PDF, a folder (created
 * when missing) for CSV, a workbook for XLSX — the CSV export's tables,
 * one sheet each, named as the CSV files are (without .csv). */
gboolean odan_report_write (OdanReport        *report,
                            OdanReportFormat   format,
                            OdanReportLang     lang,
                            const char        *path,
                            GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdanReport, odan_report_free)

G_END_DECLS
