/* odan-report.c — the after-action report / improvement plan (AAR/IP)
 *
 * odan_report_new() computes the data once (measures, counterfactual,
 * curves, evaluation). Writing builds a Doc — a list of Blocks in the
 * chosen language — and hands it to the HTML, PDF or CSV writer, so the
 * three always hold the same headings, tables and plots. Plots are drawn by
 * one function on any cairo context: an SVG surface for HTML, the PDF page
 * itself for PDF.
 */
#define G_LOG_DOMAIN "odan-report"

#include "odan-report.h"
#include "odan-catalog.h"
#include "odan-csv.h"
#include "odan-xlsx.h"
#include "odan-enum.h"
#include "odan-evaluation.h"
#include "odan-plot.h"
#include "odan-relay.h"
#include "odan-report-enums.h"
#include "odan-sim-runs.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (odan-report-error-quark, odan_report_error)

#define HTML_MAX_ROWS 20000
#define PDF_MAX_ROWS  300

struct _OdanReport
{
  OdanExercise   *exercise;
  const OdanPack *pack;
  OdanMeasures   *measures;
  OdanCfSummary  *cf;
  GArray        **curves;        /* n_sectors, as played */
  GArray         *observations;  /* OdanObservation */
  GArray         *improvements;  /* OdanImprovement */
  GArray         *capabilities;  /* OdanCapabilityRating */
  double         *weights;       /* n_sectors */
  double          horizon;
  OdanRuns       *bands;         /* sectors' bands over many runs of the plan, or NULL */
};

/* Runs behind the report's bands, and their seed (SEMANTICS.md §12). */
#define REPORT_RUNS 200
#define REPORT_SEED 0

/* ------------------------------------------------------------------ */
/* The document */

typedef enum {
  BLOCK_HEADING,
  BLOCK_PARAGRAPH,
  BLOCK_TABLE,
  BLOCK_PLOT,
} BlockKind;

typedef enum {
  PLOT_CURVES,
  PLOT_BARS,
} PlotKind;

typedef enum {
  TONE_NEUTRAL,
  TONE_GOOD,
  TONE_BAD,
} Tone;

typedef struct {
  char   *label;
  double  value;
  double  marker;   /* a deadline line, NAN when none */
  Tone    tone;
} Bar;

typedef struct {
  BlockKind  kind;
  int        level;       /* heading: 1, 2, 3 */
  char      *text;        /* heading, paragraph; table and plot: caption */
  /* table */
  char      *csv;         /* file name without .csv; NULL: not exported */
  guint      n_columns;
  GPtrArray *cells;       /* char*, header row first, row-major */
  gboolean   csv_only;    /* exported, but too long to print (the curves' points) */
  GArray    *pdf_keep;    /* gboolean per data row, NULL for all: the timeline leaves acks and clock events out of the PDF */
  /* plot */
  PlotKind   plot;
  GArray    *bars;        /* Bar */
  char      *unit;
  double     max;         /* bars: the scale's end (0: from the data) */
  GArray   **curves;      /* borrowed; NULL: bands only */
  const OdanRuns *bands;  /* borrowed: a band per curve (group = sector), or NULL */
  guint      n_curves;
  char     **names;       /* curve names */
  double     horizon;
} Block;

typedef struct {
  OdanReport     *report;
  OdanReportLang  lang;
  char           *title;
  GPtrArray      *blocks;
} Doc;

static void
block_free (gpointer data)
{
  Block *b = data;

  g_free (b->text);
  g_free (b->csv);
  g_clear_pointer (&b->cells, g_ptr_array_unref);
  g_clear_pointer (&b->pdf_keep, g_array_unref);
  if (b->bars != NULL)
    {
      for (guint i = 0; i < b->bars->len; i++)
        g_free (g_array_index (b->bars, Bar, i).label);
      g_array_unref (b->bars);
    }
  g_free (b->unit);
  g_strfreev (b->names);
  g_free (b);
}

/* The report's words in the report's language, not the interface's:
 * msgids are English, the translations live in po/ (context "report", or
 * "report: …" where one English word reads two ways in the report), and
 * odan-catalog.c looks them up in the language asked for. xgettext knows
 * R_ from po/meson.build (--keyword=R_:2c,3). */
#define R_(doc, context, msgid) report_gettext ((doc)->lang, context "\004" msgid)

G_GNUC_FORMAT (2) static const char *
report_gettext (OdanReportLang  lang,
                const char     *ctx_msgid)
{
  const char *msgid = strchr (ctx_msgid, '\004') + 1;
  const char *found = NULL;

  if (lang != ODAN_REPORT_LANG_EN)
    found = odan_catalog_lookup (odan_enum_to_nick (ODAN_TYPE_REPORT_LANG, lang), ctx_msgid);
  return found != NULL ? found : msgid;
}

static const char *
L (const Doc  *doc,
   const char *name,
   const char *name_ja)
{
  return doc->lang == ODAN_REPORT_LANG_JA && name_ja != NULL && name_ja[0] != '\0' ? name_ja : name;
}

static void
heading (Doc        *doc,
         int         level,
         const char *text)
{
  Block *b = g_new0 (Block, 1);

  b->kind = BLOCK_HEADING;
  b->level = level;
  b->text = g_strdup (text);
  g_ptr_array_add (doc->blocks, b);
}

G_GNUC_PRINTF (2, 3) static void
paragraph (Doc        *doc,
           const char *format,
           ...)
{
  Block *b = g_new0 (Block, 1);
  va_list args;

  va_start (args, format);
  b->kind = BLOCK_PARAGRAPH;
  b->text = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (doc->blocks, b);
}

/* A table with the header @columns (NULL-terminated); add cells row by row
 * with cell()/cellf(). */
static Block *
table (Doc               *doc,
       const char        *csv,
       const char *const *columns)
{
  Block *b = g_new0 (Block, 1);

  b->kind = BLOCK_TABLE;
  b->csv = g_strdup (csv);
  b->cells = g_ptr_array_new_with_free_func (g_free);
  for (b->n_columns = 0; columns[b->n_columns] != NULL; b->n_columns++)
    g_ptr_array_add (b->cells, g_strdup (columns[b->n_columns]));
  g_ptr_array_add (doc->blocks, b);
  return b;
}

static void
cell (Block      *b,
      const char *text)
{
  g_ptr_array_add (b->cells, g_strdup (text != NULL ? text : ""));
}

G_GNUC_PRINTF (2, 3) static void
cellf (Block      *b,
       const char *format,
       ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (b->cells, g_strdup_vprintf (format, args));
  va_end (args);
}

static guint
table_rows (const Block *b)
{
  return b->cells->len / b->n_columns - 1;
}

static Block *
bars_plot (Doc        *doc,
           const char *caption,
           const char *unit)
{
  Block *b = g_new0 (Block, 1);

  b->kind = BLOCK_PLOT;
  b->plot = PLOT_BARS;
  b->text = g_strdup (caption);
  b->unit = g_strdup (unit);
  b->bars = g_array_new (FALSE, FALSE, sizeof (Bar));
  g_ptr_array_add (doc->blocks, b);
  return b;
}

static void
bar (Block      *b,
     const char *label,
     double      value,
     double      marker,
     Tone        tone)
{
  Bar x = { g_strdup (label), value, marker, tone };

  g_array_append_val (b->bars, x);
}

/* ------------------------------------------------------------------ */
/* Words */

static char *
fmt_minute (double minute)
{
  gint64 m;

  if (!isfinite (minute))
    return g_strdup ("—");
  m = (gint64) llround (minute);
  return g_strdup_printf ("T+%" G_GINT64_FORMAT ":%02d", m / 60, (int) (m % 60));
}

static char *
fmt_minutes (double minutes)
{
  if (!isfinite (minutes))
    return g_strdup ("—");
  if (minutes == floor (minutes))
    return g_strdup_printf ("%.0f", minutes);
  return g_strdup_printf ("%.1f", minutes);
}

static char *
fmt_wall (const OdanPack *pack,
          double          minute)
{
  g_autoptr(GDateTime) at = NULL;

  if (pack->start == NULL || !isfinite (minute))
    return fmt_minute (minute);
  at = g_date_time_add_seconds (pack->start, minute * 60.0);
  return g_date_time_format (at, "%Y-%m-%d %H:%M");
}

static const char *
team_name (const Doc *doc,
           guint32    team)
{
  const OdanPack *pack = doc->report->pack;

  if (team == ODAN_NONE || team >= pack->n_teams)
    return "—";
  return L (doc, pack->teams[team].name, pack->teams[team].name_ja);
}

static const char *
stage_name (const Doc      *doc,
            OdanRelayStage  stage)
{
  switch (stage)
    {
    case ODAN_RELAY_STAGE_NISC:
      return "NISC";
    case ODAN_RELAY_STAGE_MINISTRY:
      return R_ (doc, "report", "Ministries");
    case ODAN_RELAY_STAGE_CEPTOAR:
      return R_ (doc, "report", "CEPTOARs");
    case ODAN_RELAY_STAGE_MEMBER:
    default:
      return R_ (doc, "report", "Members / operators");
    }
}

static const char *
category_name (const Doc *doc,
               guint      category)
{
  switch (category)
    {
    case ODAN_CATEGORY_BUSINESS_CONTINUITY:
      return R_ (doc, "report", "Business continuity");
    case ODAN_CATEGORY_DISCLOSURE:
      return R_ (doc, "report", "Disclosure");
    case ODAN_CATEGORY_MINISTRY_REPORT:
      return R_ (doc, "report", "Ministry report");
    case ODAN_CATEGORY_INFORMATION_SHARING:
      return R_ (doc, "report", "Information sharing");
    case ODAN_CATEGORY_OTHER:
    default:
      return R_ (doc, "report", "Other");
    }
}

static const char *
timing_name (const Doc       *doc,
             OdanTimingState  state)
{
  switch (state)
    {
    case ODAN_TIMING_MET:
      return R_ (doc, "report", "met");
    case ODAN_TIMING_MET_LATE:
      return R_ (doc, "report", "met late");
    case ODAN_TIMING_LATE:
      return R_ (doc, "report", "late");
    case ODAN_TIMING_OPEN:
      return R_ (doc, "report", "open");
    case ODAN_TIMING_NO_DEADLINE:
    default:
      return R_ (doc, "report", "no deadline");
    }
}

static const char *
obligation_name (const Doc           *doc,
                 OdanObligationState  state)
{
  switch (state)
    {
    case ODAN_OBLIGATION_MET:
      return timing_name (doc, ODAN_TIMING_MET);
    case ODAN_OBLIGATION_MET_LATE:
      return timing_name (doc, ODAN_TIMING_MET_LATE);
    case ODAN_OBLIGATION_LATE:
      return timing_name (doc, ODAN_TIMING_LATE);
    case ODAN_OBLIGATION_OPEN:
    default:
      return timing_name (doc, ODAN_TIMING_OPEN);
    }
}

static const char *
rating_name (const Doc  *doc,
             OdanRating  rating)
{
  switch (rating)
    {
    case ODAN_RATING_P:
      return R_ (doc, "report", "P — Performed without Challenges");
    case ODAN_RATING_S:
      return R_ (doc, "report", "S — Performed with Some Challenges");
    case ODAN_RATING_M:
      return R_ (doc, "report", "M — Performed with Major Challenges");
    case ODAN_RATING_U:
      return R_ (doc, "report", "U — Unable to be Performed");
    case ODAN_RATING_NONE:
    default:
      return "—";
    }
}

static const char *
status_name (const Doc             *doc,
             OdanImprovementStatus  status)
{
  switch (status)
    {
    case ODAN_IMPROVEMENT_IN_PROGRESS:
      return R_ (doc, "report: improvement status", "in progress");
    case ODAN_IMPROVEMENT_COMPLETED:
      return R_ (doc, "report: improvement status", "completed");
    case ODAN_IMPROVEMENT_CANCELLED:
      return R_ (doc, "report: improvement status", "cancelled");
    case ODAN_IMPROVEMENT_OPEN:
    default:
      return R_ (doc, "report: improvement status", "open");
    }
}

static const char *
kind_name (const Doc       *doc,
           const OdanEvent *e)
{
  switch (e->kind)
    {
    case ODAN_EVENT_CLOCK:
      return R_ (doc, "report: event kind", "Clock");
    case ODAN_EVENT_DELIVERY:
      return e->action == ODAN_ACTION_FORWARDED ? R_ (doc, "report: event kind", "Forward")
             : e->action == ODAN_ACTION_SKIPPED ? R_ (doc, "report: event kind", "Skipped inject")
             : R_ (doc, "report: event kind", "Inject");
    case ODAN_EVENT_RESCHEDULE:
      return R_ (doc, "report: event kind", "Reschedule");
    case ODAN_EVENT_DECISION:
      return R_ (doc, "report: event kind", "Decision");
    case ODAN_EVENT_MITIGATION:
      return R_ (doc, "report: event kind", "Mitigation");
    case ODAN_EVENT_OBSERVATION:
      return e->action == ODAN_ACTION_IMPROVEMENT ? R_ (doc, "report: event kind", "Improvement")
             : R_ (doc, "report: event kind", "Observation");
    case ODAN_EVENT_ACK:
      return e->action == ODAN_ACTION_READ ? R_ (doc, "report: event kind", "Read") : R_ (doc, "report: event kind", "Received");
    default:
      return "";
    }
}

static const char *
inject_id (const Doc *doc,
           guint32    inject)
{
  return inject == ODAN_NONE ? R_ (doc, "report", "(ad hoc)") : doc->report->pack->injects[inject].id;
}

/* ------------------------------------------------------------------ */
/* Building the report */

/* The relay rows summed per stage (odan-relay-reach.h): [hop][expected,
 * reached, reached in time]. The headline and the table's totals are
 * these sums, so they agree with the rows by construction. */
static void
relay_totals (const GArray *relay,
              guint         totals[ODAN_RELAY_N_HOPS][3])
{
  memset (totals, 0, sizeof (guint) * ODAN_RELAY_N_HOPS * 3);
  for (guint i = 0; i < relay->len; i++)
    {
      const OdanRelayReach *row = &g_array_index (relay, OdanRelayReach, i);

      totals[row->hop][0] += row->expected;
      totals[row->hop][1] += row->reached;
      totals[row->hop][2] += row->reached_in_time;
    }
}

static double
percent (guint part,
         guint whole)
{
  return whole > 0 ? 100.0 * part / whole : 0.0;
}

static void
summary_relay (Doc   *doc,
               guint  met,
               guint  total)
{
  guint sum[ODAN_RELAY_N_HOPS][3];

  relay_totals (doc->report->measures->relay, sum);
  paragraph (doc, R_ (doc, "report", "%u of %u reporting deadlines (%.0f%%) were met on time. Reach within the deadline (疎通確認率), summed over the CEPTOARs: NISC → ministries %u of %u, ministries → CEPTOARs %u of %u, CEPTOARs → members %u of %u (%.1f%%)."),
             met, total, percent (met, total),
             sum[ODAN_RELAY_HOP_NISC_MINISTRY][2], sum[ODAN_RELAY_HOP_NISC_MINISTRY][0],
             sum[ODAN_RELAY_HOP_MINISTRY_CEPTOAR][2], sum[ODAN_RELAY_HOP_MINISTRY_CEPTOAR][0],
             sum[ODAN_RELAY_HOP_CEPTOAR_MEMBERS][2], sum[ODAN_RELAY_HOP_CEPTOAR_MEMBERS][0],
             percent (sum[ODAN_RELAY_HOP_CEPTOAR_MEMBERS][2], sum[ODAN_RELAY_HOP_CEPTOAR_MEMBERS][0]));
}

/* Whether the counterfactual has anything to say: a mitigation was applied
 * and the model without the mitigations differs from the model as played. */
static gboolean
decisions_changed_model (const OdanReport *r)
{
  if (r->cf->decisions->len == 0)
    return FALSE;
  if (r->cf->lost_all != r->cf->lost_none)
    return TRUE;
  for (guint i = 0; i < r->cf->decisions->len; i++)
    if (g_array_index (r->cf->decisions, OdanCfDecision, i).avoided != 0.0)
      return TRUE;
  return FALSE;
}

static void
build_summary (Doc *doc)
{
  OdanReport *r = doc->report;
  const OdanPack *pack = r->pack;
  const OdanMeasures *m = r->measures;
  guint met = 0, total = m->obligations->len, strengths = 0, areas = 0;
  guint expected = 0, reached = 0, n_decisions = 0;
  g_autofree char *end = fmt_minute (m->end);

  for (guint i = 0; i < total; i++)
    met += g_array_index (m->obligations, OdanObligation, i).state == ODAN_OBLIGATION_MET;
  for (guint i = 0; i < m->reach->len && m->relay->len == 0; i++)
    {
      const OdanReachRate *rr = &g_array_index (m->reach, OdanReachRate, i);

      if (rr->ceptoar == NULL)
        {
          expected += rr->expected;
          reached += rr->reached;
        }
    }
  for (guint i = 0; i < r->observations->len; i++)
    {
      const OdanObservation *o = &g_array_index (r->observations, OdanObservation, i);

      strengths += o->finding == ODAN_FINDING_STRENGTH;
      areas += o->finding == ODAN_FINDING_AREA;
    }
  for (guint c = 0; c < 5; c++)
    n_decisions += m->decisions[c];

  heading (doc, 1, R_ (doc, "report", "Executive summary"));
  paragraph (doc, R_ (doc, "report", "%u teams played the exercise up to %s. The log holds %u inject deliveries, %u decisions and %u acknowledgements."),
             pack->n_teams, end, m->n_deliveries, n_decisions, m->n_acks);
  if (m->relay->len > 0)
    summary_relay (doc, met, total);
  else
    paragraph (doc, R_ (doc, "report", "%u of %u reporting deadlines (%.0f%%) were met on time. Reach confirmation within the deadline (疎通確認率) over all relay stages: %u of %u (%.0f%%)."),
               met, total, total > 0 ? 100.0 * met / total : 0.0, reached, expected,
               expected > 0 ? 100.0 * reached / expected : 0.0);
  if (decisions_changed_model (r))
    paragraph (doc, R_ (doc, "report", "The teams' mitigations avoided %.1f weighted node-hours of lost operability (%.1f without any mitigation, %.1f as played)."),
               r->cf->avoided, r->cf->lost_none, r->cf->lost_all);
  paragraph (doc, R_ (doc, "report", "Evaluators noted %u strengths and %u areas for improvement; the improvement plan has %u items."),
             strengths, areas, r->improvements->len);
}

/* Adds to @objectives (owned strings) each objective of @cell not listed
 * yet: an inject serving several names them in one cell ("O1 … / O4 …"). */
static void
add_objectives (GPtrArray  *objectives,
                const char *cell)
{
  g_auto(GStrv) parts = NULL;

  if (cell == NULL)
    return;
  parts = g_regex_split_simple ("\\s+/\\s+|[;；\n]", cell, 0, 0);
  for (guint k = 0; parts[k] != NULL; k++)
    {
      char *o = g_strstrip (parts[k]);

      if (o[0] != '\0' && !g_ptr_array_find_with_equal_func (objectives, o, g_str_equal, NULL))
        g_ptr_array_add (objectives, g_strdup (o));
    }
}

/* A row of the overview: "—" when the pack does not say. */
static void
overview_row (Doc        *doc,
              Block      *t,
              const char *label,
              const char *value)
{
  cell (t, label);
  cell (t, value != NULL && value[0] != '\0' ? value : "—");
}

/* The pack's mission areas in the report's language: its Japanese twin,
 * else HSEEP's words, each translated. A new string, or NULL. */
static char *
mission_areas (Doc            *doc,
               const OdanPack *pack)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) named = g_ptr_array_new ();

  if (pack->mission_area == NULL || (doc->lang == ODAN_REPORT_LANG_JA && pack->mission_area_ja != NULL))
    return g_strdup (L (doc, pack->mission_area, pack->mission_area_ja));
  words = g_strsplit_set (pack->mission_area, ";,", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *w = g_strstrip (words[i]);

      if (g_ascii_strcasecmp (w, "Prevention") == 0)
        g_ptr_array_add (named, (gpointer) R_ (doc, "report: mission area", "Prevention"));
      else if (g_ascii_strcasecmp (w, "Protection") == 0)
        g_ptr_array_add (named, (gpointer) R_ (doc, "report: mission area", "Protection"));
      else if (g_ascii_strcasecmp (w, "Mitigation") == 0)
        g_ptr_array_add (named, (gpointer) R_ (doc, "report: mission area", "Mitigation"));
      else if (g_ascii_strcasecmp (w, "Response") == 0)
        g_ptr_array_add (named, (gpointer) R_ (doc, "report: mission area", "Response"));
      else if (g_ascii_strcasecmp (w, "Recovery") == 0)
        g_ptr_array_add (named, (gpointer) R_ (doc, "report: mission area", "Recovery"));
    }
  g_ptr_array_add (named, NULL);
  return g_strjoinv (doc->lang == ODAN_REPORT_LANG_JA ? "、" : ", ", (char **) named->pdata);
}

static void
build_overview (Doc *doc)
{
  g_autofree char *areas = mission_areas (doc, doc->report->pack);
  OdanReport *r = doc->report;
  const OdanPack *pack = r->pack;
  const char *const columns[] = { R_ (doc, "report", "Field"), R_ (doc, "report", "Value"), NULL };
  g_autoptr(GPtrArray) objectives = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) capabilities = g_ptr_array_new ();
  g_autofree char *from = fmt_wall (pack, 0);
  g_autofree char *to = fmt_wall (pack, r->measures->end);
  g_autofree char *objectives_text = NULL;
  g_autofree char *capabilities_text = NULL;
  guint per_stage[ODAN_RELAY_N_STAGES] = { 0 };
  Block *t;

  for (guint i = 0; i < pack->n_injects; i++)
    add_objectives (objectives, L (doc, pack->injects[i].objective, pack->injects[i].objective_ja));
  for (guint i = 0; i < r->observations->len; i++)
    {
      const char *c = g_array_index (r->observations, OdanObservation, i).capability;

      if (c != NULL && c[0] != '\0' && !g_ptr_array_find_with_equal_func (capabilities, c, g_str_equal, NULL))
        g_ptr_array_add (capabilities, (gpointer) c);
    }
  g_ptr_array_add (objectives, NULL);
  g_ptr_array_add (capabilities, NULL);
  objectives_text = g_strjoinv ("; ", (char **) objectives->pdata);
  capabilities_text = g_strjoinv ("; ", (char **) capabilities->pdata);
  for (guint32 i = 0; i < pack->n_teams; i++)
    per_stage[odan_relay_stage_of_team (pack, i)]++;

  heading (doc, 1, R_ (doc, "report", "Exercise overview"));
  t = table (doc, "overview", columns);
  cell (t, R_ (doc, "report", "Exercise name"));
  cell (t, L (doc, pack->title, pack->title_ja));
  cell (t, R_ (doc, "report", "Exercise dates"));
  cellf (t, "%s – %s", from, to);
  cell (t, R_ (doc, "report", "Scope"));
  cellf (t, R_ (doc, "report", "A tabletop exercise on a model of %u sectors and %u nodes, %.0f minutes of play"),
         pack->n_sectors, pack->n_nodes, r->measures->end);
  overview_row (doc, t, R_ (doc, "report", "Mission area"), areas);
  overview_row (doc, t, R_ (doc, "report", "Threat or hazard"), L (doc, pack->threat_hazard, pack->threat_hazard_ja));
  cell (t, R_ (doc, "report", "Scenario"));
  cell (t, L (doc, pack->description, pack->description_ja));
  cell (t, R_ (doc, "report", "Objectives"));
  cell (t, objectives_text[0] != '\0' ? objectives_text : "—");
  cell (t, R_ (doc, "report", "Core capabilities"));
  cell (t, capabilities_text[0] != '\0' ? capabilities_text : "—");
  cell (t, R_ (doc, "report", "Participating organizations"));
  cellf (t, "%u (NISC %u, %s %u, %s %u, %s %u)", pack->n_teams,
         per_stage[ODAN_RELAY_STAGE_NISC],
         stage_name (doc, ODAN_RELAY_STAGE_MINISTRY), per_stage[ODAN_RELAY_STAGE_MINISTRY],
         stage_name (doc, ODAN_RELAY_STAGE_CEPTOAR), per_stage[ODAN_RELAY_STAGE_CEPTOAR],
         stage_name (doc, ODAN_RELAY_STAGE_MEMBER), per_stage[ODAN_RELAY_STAGE_MEMBER]);
  overview_row (doc, t, R_ (doc, "report", "Sponsor"), L (doc, pack->sponsor, pack->sponsor_ja));
  overview_row (doc, t, R_ (doc, "report", "Point of contact"), L (doc, pack->poc, pack->poc_ja));
}

/* HSEEP's write-up of an area for improvement: the reference it is
 * measured against and the root-cause analysis, from the plan items that
 * answer it. */
static void
area_analysis (Doc                   *doc,
               const OdanObservation *o)
{
  OdanReport *r = doc->report;

  for (guint i = 0; i < r->improvements->len; i++)
    {
      const OdanImprovement *it = &g_array_index (r->improvements, OdanImprovement, i);

      if (it->observation != o->event)
        continue;
      if (it->reference != NULL)
        paragraph (doc, "%s: %s", R_ (doc, "report", "Reference"), it->reference);
      if (it->root_cause != NULL)
        paragraph (doc, "%s: %s", R_ (doc, "report", "Analysis"), it->root_cause);
    }
}

static void
build_capabilities (Doc *doc)
{
  OdanReport *r = doc->report;
  const char *const columns[] = {
    R_ (doc, "report", "Objective"), R_ (doc, "report", "Core capability"),
    R_ (doc, "report", "Performed without Challenges (P)"),
    R_ (doc, "report", "Performed with Some Challenges (S)"),
    R_ (doc, "report", "Performed with Major Challenges (M)"),
    R_ (doc, "report", "Unable to be Performed (U)"), NULL
  };
  const char *const obs_columns[] = {
    R_ (doc, "report", "Time"), R_ (doc, "report", "Team"), R_ (doc, "report", "Objective"),
    R_ (doc, "report", "Core capability"), R_ (doc, "report", "Rating"),
    R_ (doc, "report", "Finding"), R_ (doc, "report", "Observation"), R_ (doc, "report", "Evaluator"), NULL
  };
  Block *t;

  heading (doc, 1, R_ (doc, "report", "Analysis of core capabilities"));
  paragraph (doc, "%s", R_ (doc, "report", "Each row is an objective and a core capability the evaluators rated; the final rating (●) is that of the latest rated observation, the numbers count the observations of each rating."));
  t = table (doc, "capabilities", columns);
  for (guint i = 0; i < r->capabilities->len; i++)
    {
      const OdanCapabilityRating *c = &g_array_index (r->capabilities, OdanCapabilityRating, i);

      cell (t, c->objective[0] != '\0' ? c->objective : "—");
      cell (t, c->capability[0] != '\0' ? c->capability : "—");
      for (guint k = ODAN_RATING_P; k <= ODAN_RATING_U; k++)
        cellf (t, "%s%u", c->final == k ? "● " : "", c->count[k]);
    }
  paragraph (doc, "%s", R_ (doc, "report", "Ratings: P — the targets and critical tasks were completed in a manner that achieved the objectives; S — achieved, with opportunities to enhance effectiveness or efficiency; M — achieved, but the completion negatively impacted other activities; U — not completed in a manner that achieved the objectives."));

  for (guint i = 0; i < r->capabilities->len; i++)
    {
      const OdanCapabilityRating *c = &g_array_index (r->capabilities, OdanCapabilityRating, i);
      g_autofree char *title = g_strdup_printf ("%s — %s", c->objective[0] != '\0' ? c->objective : "—",
                                                c->capability[0] != '\0' ? c->capability : "—");

      heading (doc, 2, title);
      paragraph (doc, "%s: %s", R_ (doc, "report", "Final rating"), rating_name (doc, c->final));
      for (guint f = ODAN_FINDING_STRENGTH; f <= ODAN_FINDING_AREA; f++)
        {
          gboolean any = FALSE;

          for (guint k = 0; k < r->observations->len; k++)
            {
              const OdanObservation *o = &g_array_index (r->observations, OdanObservation, k);
              g_autofree char *when = NULL;

              if (o->finding != f || g_strcmp0 (o->objective != NULL ? o->objective : "", c->objective) != 0
                  || g_strcmp0 (o->capability != NULL ? o->capability : "", c->capability) != 0)
                continue;
              if (!any)
                heading (doc, 3, f == ODAN_FINDING_STRENGTH ? R_ (doc, "report", "Strengths")
                                                            : R_ (doc, "report", "Areas for improvement"));
              any = TRUE;
              when = fmt_minute (o->minute);
              paragraph (doc, "%s%s%s (%s%s%s)", o->rating != ODAN_RATING_NONE ? odan_rating_to_string (o->rating) : "",
                         o->rating != ODAN_RATING_NONE ? " · " : "", o->text, when,
                         o->team != NULL ? ", " : "",
                         o->team != NULL ? team_name (doc, odan_pack_find_team (r->pack, o->team)) : "");
              if (f == ODAN_FINDING_AREA)
                area_analysis (doc, o);
            }
        }
    }

  heading (doc, 2, R_ (doc, "report", "All observations"));
  t = table (doc, "observations", obs_columns);
  for (guint i = 0; i < r->observations->len; i++)
    {
      const OdanObservation *o = &g_array_index (r->observations, OdanObservation, i);

      g_ptr_array_add (t->cells, fmt_minute (o->minute));
      cell (t, o->team != NULL ? team_name (doc, odan_pack_find_team (r->pack, o->team)) : "—");
      cell (t, o->objective);
      cell (t, o->capability);
      cell (t, o->rating != ODAN_RATING_NONE ? odan_rating_to_string (o->rating) : "");
      cell (t, o->finding == ODAN_FINDING_STRENGTH ? R_ (doc, "report", "Strength")
               : o->finding == ODAN_FINDING_AREA ? R_ (doc, "report", "Area for improvement") : "");
      cell (t, o->text);
      cell (t, o->by);
    }
}

/* Minutes to each report, against its deadline */
static void
build_report_timing (Doc *doc)
{
  OdanReport *r = doc->report;
  const OdanPack *pack = r->pack;
  const OdanMeasures *m = r->measures;
  const char *const timing_columns[] = {
    R_ (doc, "report", "Trigger"), R_ (doc, "report", "Team"), R_ (doc, "report", "CEPTOAR"),
    R_ (doc, "report", "Reached the team"),
    R_ (doc, "report", "Initial report (min)"), R_ (doc, "report", "Deadline (min)"), R_ (doc, "report", "Result"),
    R_ (doc, "report", "Follow-up (min)"), R_ (doc, "report", "Deadline (min)"), R_ (doc, "report", "Result"),
    R_ (doc, "report", "Final report (min)"), R_ (doc, "report", "Deadline (min)"), R_ (doc, "report", "Result"),
    NULL
  };
  Block *t, *p;

  heading (doc, 2, R_ (doc, "report", "Time to report to the ministry"));
  paragraph (doc, "%s", R_ (doc, "report", "Minutes from the triggering inject reaching the team to its first report of each stage, against the scenario's deadlines."));
  p = bars_plot (doc, R_ (doc, "report", "Minutes to the initial report (line: the deadline)"),
                 R_ (doc, "report", "min"));
  t = table (doc, "report-timing", timing_columns);
  for (guint i = 0; i < m->timings->len; i++)
    {
      const OdanReportTiming *rt = &g_array_index (m->timings, OdanReportTiming, i);
      g_autofree char *label = g_strdup_printf ("%s · %s", pack->injects[rt->trigger].id, team_name (doc, rt->team));

      cell (t, pack->injects[rt->trigger].id);
      cell (t, team_name (doc, rt->team));
      cell (t, pack->teams[rt->team].ceptoar);
      g_ptr_array_add (t->cells, fmt_minute (rt->opened));
      for (guint s = 0; s < ODAN_MEASURE_N_STAGES; s++)
        {
          g_ptr_array_add (t->cells, fmt_minutes (rt->minutes[s]));
          g_ptr_array_add (t->cells, fmt_minutes (rt->within[s]));
          cell (t, isfinite (rt->within[s]) ? timing_name (doc, rt->state[s]) : "");
        }
      if (isfinite (rt->minutes[0]) || isfinite (rt->within[0]))
        bar (p, label, isfinite (rt->minutes[0]) ? rt->minutes[0] : 0, rt->within[0],
             rt->state[0] == ODAN_TIMING_MET ? TONE_GOOD
             : rt->state[0] == ODAN_TIMING_NO_DEADLINE ? TONE_NEUTRAL : TONE_BAD);
    }
}

/* Every deadline an exercise opened */
static void
build_deadlines (Doc *doc)
{
  OdanReport *r = doc->report;
  const OdanPack *pack = r->pack;
  const OdanMeasures *m = r->measures;
  const char *const deadline_columns[] = {
    R_ (doc, "report", "Deadline"), R_ (doc, "report", "Team"), R_ (doc, "report", "Opened"), R_ (doc, "report", "Due"),
    R_ (doc, "report", "Met"), R_ (doc, "report", "Minutes taken"), R_ (doc, "report", "Result"), NULL
  };
  Block *t;

  heading (doc, 2, R_ (doc, "report", "Reporting deadlines"));
  t = table (doc, "deadlines", deadline_columns);
  for (guint i = 0; i < m->obligations->len; i++)
    {
      const OdanObligation *o = &g_array_index (m->obligations, OdanObligation, i);
      const OdanDeadline *d = &pack->deadlines[o->deadline];

      cellf (t, "%s — %s", d->id, L (doc, d->label, d->label_ja));
      cell (t, team_name (doc, o->team));
      g_ptr_array_add (t->cells, fmt_minute (o->opened));
      g_ptr_array_add (t->cells, fmt_minute (o->due));
      g_ptr_array_add (t->cells, fmt_minute (o->met));
      g_ptr_array_add (t->cells, fmt_minutes (o->met_by != 0 ? o->met - o->opened : NAN));
      cell (t, obligation_name (doc, o->state));
    }
}

/* Reach confirmation per message and relay stage */
static const char *
hop_name (const Doc    *doc,
          OdanRelayHop  hop)
{
  switch (hop)
    {
    case ODAN_RELAY_HOP_NISC_MINISTRY:
      return R_ (doc, "report", "NISC → ministry");
    case ODAN_RELAY_HOP_MINISTRY_CEPTOAR:
      return R_ (doc, "report", "Ministry → CEPTOAR");
    case ODAN_RELAY_HOP_CEPTOAR_MEMBERS:
    default:
      return R_ (doc, "report", "CEPTOAR → members");
    }
}

/* Reach per CEPTOAR and stage: the rows `odan-cli reach` prints, and per
 * stage their sums (the headline's figures). */
static void
build_relay_reach (Doc *doc)
{
  const OdanMeasures *m = doc->report->measures;
  const char *const columns[] = {
    R_ (doc, "report", "CEPTOAR"), R_ (doc, "report", "Relay stage"), R_ (doc, "report", "Expected"),
    R_ (doc, "report", "Reached"), R_ (doc, "report", "Reached in time"),
    R_ (doc, "report", "Deadline (min)"), R_ (doc, "report", "Reach rate (%)"), NULL
  };
  guint sum[ODAN_RELAY_N_HOPS][3];
  Block *t, *p;

  heading (doc, 2, R_ (doc, "report", "Reach confirmation rate (疎通確認率)"));
  paragraph (doc, "%s", R_ (doc, "report", "Per CEPTOAR and relay stage: the receivers the stage must reach (the ministry in charge, the CEPTOAR, its members — teams and simulated operators), how many confirmed receipt, and how many within the stage's deadline, counted from when the stage before actually forwarded the message. The totals are the sums of the rows; a ministry counts once for each of its CEPTOARs."));
  p = bars_plot (doc, R_ (doc, "report", "Reach rate within the deadline, CEPTOAR → members"), "%");
  p->max = 100;
  t = table (doc, "relay-reach", columns);
  for (guint i = 0; i < m->relay->len; i++)
    {
      const OdanRelayReach *row = &g_array_index (m->relay, OdanRelayReach, i);
      double rate = 100.0 * odan_relay_reach_rate (row);

      cell (t, team_name (doc, row->ceptoar));
      cell (t, hop_name (doc, row->hop));
      cellf (t, "%u", row->expected);
      cellf (t, "%u", row->reached);
      cellf (t, "%u", row->reached_in_time);
      g_ptr_array_add (t->cells, fmt_minutes (row->deadline));
      cellf (t, "%.1f", rate);
      if (row->hop == ODAN_RELAY_HOP_CEPTOAR_MEMBERS)
        bar (p, team_name (doc, row->ceptoar), rate, NAN, rate >= 100.0 ? TONE_GOOD : TONE_BAD);
    }
  relay_totals (m->relay, sum);
  for (guint h = 0; h < ODAN_RELAY_N_HOPS; h++)
    {
      cell (t, R_ (doc, "report", "All CEPTOARs"));
      cell (t, hop_name (doc, h));
      cellf (t, "%u", sum[h][0]);
      cellf (t, "%u", sum[h][1]);
      cellf (t, "%u", sum[h][2]);
      cell (t, "");
      cellf (t, "%.1f", percent (sum[h][2], sum[h][0]));
    }
}

static void
build_reach (Doc *doc)
{
  OdanReport *r = doc->report;
  const OdanPack *pack = r->pack;
  const OdanMeasures *m = r->measures;
  const char *const reach_columns[] = {
    R_ (doc, "report", "Inject"), R_ (doc, "report", "Relay stage"), R_ (doc, "report", "CEPTOAR"),
    R_ (doc, "report", "Window (min)"), R_ (doc, "report", "Expected"), R_ (doc, "report", "Delivered"),
    R_ (doc, "report", "Confirmed in time"), R_ (doc, "report", "Confirmed late"),
    R_ (doc, "report", "Reach rate (%)"), NULL
  };
  Block *t, *p;

  if (m->relay->len > 0)
    {
      build_relay_reach (doc);
      return;
    }
  heading (doc, 2, R_ (doc, "report", "Reach confirmation rate (疎通確認率)"));
  paragraph (doc, "%s", R_ (doc, "report", "For each message with a receipt deadline: the teams expected at each relay stage (the message's recipients and, down the relay, the ministries' CEPTOARs and the CEPTOARs' members), and how many confirmed receipt within their window."));
  p = bars_plot (doc, R_ (doc, "report", "Reach rate within the deadline, per relay stage"), "%");
  p->max = 100;
  t = table (doc, "reach", reach_columns);
  for (guint i = 0; i < m->reach->len; i++)
    {
      const OdanReachRate *rr = &g_array_index (m->reach, OdanReachRate, i);
      double rate = 100.0 * odan_reach_rate_value (rr);

      cell (t, pack->injects[rr->inject].id);
      cell (t, stage_name (doc, rr->stage));
      cell (t, rr->ceptoar != NULL ? rr->ceptoar : R_ (doc, "report", "(all)"));
      g_ptr_array_add (t->cells, fmt_minutes (rr->within));
      cellf (t, "%u", rr->expected);
      cellf (t, "%u", rr->delivered);
      cellf (t, "%u", rr->reached);
      cellf (t, "%u", rr->acked_late);
      cellf (t, "%.1f", rate);
      if (rr->ceptoar == NULL)
        {
          g_autofree char *label = g_strdup_printf ("%s · %s", pack->injects[rr->inject].id, stage_name (doc, rr->stage));

          bar (p, label, rate, NAN, rate >= 100.0 ? TONE_GOOD : TONE_BAD);
        }
    }
}

/* Deliveries nobody answered */
static void
build_unanswered (Doc *doc)
{
  OdanReport *r = doc->report;
  const OdanMeasures *m = r->measures;
  const char *const unanswered_columns[] = {
    R_ (doc, "report: delivery time", "Delivered"), R_ (doc, "report", "Inject"), R_ (doc, "report", "Team"), R_ (doc, "report", "Event"), NULL
  };
  Block *t;

  heading (doc, 2, R_ (doc, "report", "Injects never answered"));
  paragraph (doc, "%s", R_ (doc, "report", "Deliveries that reached a team which neither acknowledged them nor named them in a decision."));
  t = table (doc, "unanswered", unanswered_columns);
  for (guint i = 0; i < m->unanswered->len; i++)
    {
      const OdanUnanswered *u = &g_array_index (m->unanswered, OdanUnanswered, i);

      g_ptr_array_add (t->cells, fmt_minute (u->minute));
      cell (t, inject_id (doc, u->inject));
      cell (t, team_name (doc, u->team));
      cellf (t, "%" G_GINT64_FORMAT, u->delivery);
    }
}

/* Decisions and responses per team */
static void
build_team_decisions (Doc *doc)
{
  OdanReport *r = doc->report;
  const OdanPack *pack = r->pack;
  const OdanMeasures *m = r->measures;
  const char *const decision_columns[] = {
    R_ (doc, "report", "Team"), R_ (doc, "report", "CEPTOAR"), R_ (doc, "report", "Relay stage"),
    category_name (doc, 0), category_name (doc, 1), category_name (doc, 2), category_name (doc, 3), category_name (doc, 4),
    R_ (doc, "report", "Messages received"), R_ (doc, "report", "Acknowledged"),
    R_ (doc, "report", "Never answered"), R_ (doc, "report", "Deadlines met"), R_ (doc, "report", "Deadlines late"),
    NULL
  };
  Block *t;

  heading (doc, 2, R_ (doc, "report", "Decisions and responses per team"));
  t = table (doc, "decisions", decision_columns);
  for (guint i = 0; i < m->teams->len; i++)
    {
      const OdanTeamMeasures *tm = &g_array_index (m->teams, OdanTeamMeasures, i);

      cell (t, team_name (doc, tm->team));
      cell (t, pack->teams[tm->team].ceptoar);
      cell (t, stage_name (doc, tm->stage));
      for (guint c = 0; c < 5; c++)
        cellf (t, "%u", tm->decisions[c]);
      cellf (t, "%u", tm->deliveries);
      cellf (t, "%u", tm->acknowledged);
      cellf (t, "%u", tm->unanswered);
      cellf (t, "%u", tm->obligations[ODAN_OBLIGATION_MET]);
      cellf (t, "%u", tm->obligations[ODAN_OBLIGATION_MET_LATE] + tm->obligations[ODAN_OBLIGATION_LATE]);
    }
}

/* The mitigations decided, with the impact each avoided */
static void
build_mitigations (Doc *doc)
{
  OdanReport *r = doc->report;
  const OdanPack *pack = r->pack;
  const OdanMeasures *m = r->measures;
  const char *const mitigation_columns[] = {
    R_ (doc, "report", "Decided"), R_ (doc, "report", "Team"), R_ (doc, "report", "Mitigation"), R_ (doc, "report", "Status"),
    R_ (doc, "report", "Applied"), R_ (doc, "report", "Impact avoided (node-hours)"), NULL
  };
  g_autoptr(GHashTable) avoided = g_hash_table_new (g_direct_hash, g_direct_equal);
  Block *t;

  for (guint i = 0; i < r->cf->decisions->len; i++)
    {
      const OdanCfDecision *d = &g_array_index (r->cf->decisions, OdanCfDecision, i);

      g_hash_table_insert (avoided, GUINT_TO_POINTER (d->decision + 1), (gpointer) d);
    }
  heading (doc, 2, R_ (doc, "report", "Mitigations and their effect"));
  t = table (doc, "mitigations", mitigation_columns);
  for (guint i = 0; i < m->mitigations->len; i++)
    {
      const OdanMitigationUse *u = &g_array_index (m->mitigations, OdanMitigationUse, i);
      const OdanMitigation *mit = &pack->mitigations[u->mitigation];
      const OdanCfDecision *d = g_hash_table_lookup (avoided, GUINT_TO_POINTER (u->decision_index + 1));

      g_ptr_array_add (t->cells, fmt_minute (u->decided));
      cell (t, team_name (doc, u->team));
      cell (t, L (doc, mit->label, mit->label_ja));
      cell (t, !u->accepted ? R_ (doc, "report", "refused (pool empty)")
               : u->applied_by != 0 ? R_ (doc, "report", "applied") : R_ (doc, "report", "waiting"));
      g_ptr_array_add (t->cells, fmt_minute (u->applied));
      if (d != NULL)
        cellf (t, "%.2f", d->avoided);
      else
        cell (t, "—");
    }
}

static void
build_measures (Doc *doc)
{
  heading (doc, 1, R_ (doc, "report", "Measures"));
  build_report_timing (doc);
  build_deadlines (doc);
  build_reach (doc);
  build_unanswered (doc);
  build_team_decisions (doc);
  build_mitigations (doc);
}

static void
build_counterfactual (Doc *doc)
{
  OdanReport *r = doc->report;
  const OdanPack *pack = r->pack;
  const OdanCfSummary *cf = r->cf;
  const char *const team_columns[] = {
    R_ (doc, "report", "Team"), R_ (doc, "report", "Mitigations applied"),
    R_ (doc, "report", "Lost without them (node-hours)"),
    R_ (doc, "report", "Impact avoided (node-hours)"), NULL
  };
  const char *const decision_columns[] = {
    R_ (doc, "report", "Decision event"), R_ (doc, "report", "Team"), R_ (doc, "report", "Mitigation"),
    R_ (doc, "report", "Applied"), R_ (doc, "report", "Lost without it (node-hours)"),
    R_ (doc, "report", "Impact avoided (node-hours)"), NULL
  };
  const char *const sector_columns[] = {
    R_ (doc, "report", "Sector"), R_ (doc, "report", "Weight"), R_ (doc, "report", "Lost as played (node-hours)"),
    R_ (doc, "report", "Lost without mitigations (node-hours)"),
    R_ (doc, "report", "Impact avoided (node-hours)"), NULL
  };
  g_autofree char *until = fmt_minute (cf->horizon);
  Block *t, *p;

  /* a drill whose decisions never touched the model has nothing to compare */
  if (!decisions_changed_model (r))
    return;
  heading (doc, 1, R_ (doc, "report", "What the decisions changed (counterfactual)"));
  paragraph (doc, R_ (doc, "report", "The model was rerun with the same injects and without the teams' mitigations. Lost operability is ∫(1 − operability) dt per node up to %s, in node-hours, times the sector's weight. As played: %.2f; without any mitigation: %.2f; avoided: %.2f."),
             until, cf->lost_all, cf->lost_none, cf->avoided);

  p = bars_plot (doc, R_ (doc, "report", "Impact avoided per team (weighted node-hours)"),
                 R_ (doc, "report", "node-h"));
  t = table (doc, "counterfactual-teams", team_columns);
  for (guint i = 0; i < cf->teams->len; i++)
    {
      const OdanCfTeam *ct = &g_array_index (cf->teams, OdanCfTeam, i);

      cell (t, team_name (doc, ct->team));
      cellf (t, "%u", ct->n_mitigations);
      cellf (t, "%.2f", ct->lost_without);
      cellf (t, "%.2f", ct->avoided);
      bar (p, team_name (doc, ct->team), ct->avoided, NAN, ct->avoided > 0 ? TONE_GOOD : TONE_NEUTRAL);
    }
  heading (doc, 2, R_ (doc, "report", "Per decision"));
  t = table (doc, "counterfactual-decisions", decision_columns);
  for (guint i = 0; i < cf->decisions->len; i++)
    {
      const OdanCfDecision *d = &g_array_index (cf->decisions, OdanCfDecision, i);
      const OdanMitigation *mit = &pack->mitigations[d->mitigation];

      cellf (t, "%" G_GINT64_FORMAT, d->event);
      cell (t, team_name (doc, d->team));
      cell (t, L (doc, mit->label, mit->label_ja));
      g_ptr_array_add (t->cells, fmt_minute (d->applied));
      cellf (t, "%.2f", d->lost_without);
      cellf (t, "%.2f", d->avoided);
    }
  heading (doc, 2, R_ (doc, "report", "Per sector"));
  t = table (doc, "counterfactual-sectors", sector_columns);
  for (guint s = 0; s < pack->n_sectors; s++)
    {
      cell (t, L (doc, pack->sectors[s].name, pack->sectors[s].name_ja));
      cellf (t, "%g", r->weights[s]);
      cellf (t, "%.2f", cf->lost_all_by_sector[s]);
      cellf (t, "%.2f", cf->lost_none_by_sector[s]);
      cellf (t, "%.2f", cf->lost_none_by_sector[s] - cf->lost_all_by_sector[s]);
    }
}

/* The sectors' names in the report's language, for a plot's legend. */
static char **
sector_names (Doc            *doc,
              const OdanPack *pack)
{
  char **names = g_new0 (char *, pack->n_sectors + 1);

  for (guint s = 0; s < pack->n_sectors; s++)
    names[s] = g_strdup (L (doc, pack->sectors[s].name, pack->sectors[s].name_ja));
  return names;
}

static void
build_curves (Doc *doc)
{
  OdanReport *r = doc->report;
  const OdanPack *pack = r->pack;
  const char *const columns[] = { R_ (doc, "report", "Sector"), R_ (doc, "report", "Time"), R_ (doc, "report", "Minute"),
                                  R_ (doc, "report", "Mean operability"), NULL };
  Block *b = g_new0 (Block, 1);
  Block *t;

  heading (doc, 1, R_ (doc, "report", "Operability over time"));
  b->kind = BLOCK_PLOT;
  b->plot = PLOT_CURVES;
  b->text = g_strdup (R_ (doc, "report", "Mean operability of each sector's nodes, as played"));
  b->curves = r->curves;
  b->n_curves = pack->n_sectors;
  b->names = sector_names (doc, pack);
  b->horizon = r->horizon;
  g_ptr_array_add (doc->blocks, b);

  t = table (doc, "operability", columns);
  t->csv_only = TRUE;
  for (guint s = 0; s < pack->n_sectors; s++)
    for (guint i = 0; i < r->curves[s]->len; i++)
      {
        const OdanCurvePoint *pt = &g_array_index (r->curves[s], OdanCurvePoint, i);

        cell (t, pack->sectors[s].id);
        g_ptr_array_add (t->cells, fmt_minute (pt->time));
        g_ptr_array_add (t->cells, g_strdup_printf ("%.6g", pt->time));
        g_ptr_array_add (t->cells, g_strdup_printf ("%.4f", pt->value));
      }
}

/* The model's uncertainty: each sector's band over many runs of the
 * scenario as planned, when the exercise's pack has uncertain values. */
static void
build_bands (Doc *doc)
{
  OdanReport *r = doc->report;
  const OdanPack *pack = r->pack;
  const char *const columns[] = { R_ (doc, "report", "Sector"), R_ (doc, "report", "Time"), R_ (doc, "report", "Minute"),
                                  "p10", "p50", "p90", NULL };
  Block *b, *t;

  if (r->bands == NULL)
    return;
  heading (doc, 2, R_ (doc, "report", "Uncertainty of the model"));
  b = g_new0 (Block, 1);
  b->kind = BLOCK_PLOT;
  b->plot = PLOT_CURVES;
  b->text = g_strdup_printf (R_ (doc, "report", "Each sector's mean operability over %u runs of the scenario as planned (injects at their MSEL times, no decisions), drawing the pack's uncertain values anew in each run (seed %u): the 10th to 90th percentile shaded, the median drawn"),
                             r->bands->n_runs, (guint) r->bands->seed);
  b->bands = r->bands;
  b->n_curves = pack->n_sectors;
  b->names = sector_names (doc, pack);
  b->horizon = r->horizon;
  g_ptr_array_add (doc->blocks, b);

  t = table (doc, "bands", columns);
  t->csv_only = TRUE;
  for (guint i = 0; i < r->bands->rows->len; i++)
    {
      const OdanBandRow *row = &g_array_index (r->bands->rows, OdanBandRow, i);
      double minute = row->minute / 1000.0;

      cell (t, pack->sectors[row->node].id);
      g_ptr_array_add (t->cells, fmt_minute (minute));
      g_ptr_array_add (t->cells, g_strdup_printf ("%.3f", minute));
      for (guint k = 0; k < 3; k++)
        g_ptr_array_add (t->cells, g_strdup_printf ("%.4f", row->p[k] / 10000.0));
    }
}

static void
build_timeline (Doc *doc)
{
  OdanReport *r = doc->report;
  OdanExercise *ex = r->exercise;
  const OdanPack *pack = r->pack;
  const char *const columns[] = {
    R_ (doc, "report", "Time"), R_ (doc, "report", "Event"), R_ (doc, "report", "Kind"), R_ (doc, "report", "Action"),
    R_ (doc, "report", "Team"), R_ (doc, "report", "Subject"), R_ (doc, "report", "Summary"), NULL
  };
  guint n = odan_exercise_get_n_events (ex);
  g_autoptr(GHashTable) teams = g_hash_table_new (g_str_hash, g_str_equal);
  Block *t;

  /* odan_pack_find_team() searches linearly; the timeline asks per event */
  for (guint32 i = 0; i < pack->n_teams; i++)
    g_hash_table_insert (teams, pack->teams[i].id, GUINT_TO_POINTER (i + 1));
  heading (doc, 1, R_ (doc, "report", "Timeline"));
  t = table (doc, "timeline", columns);
  t->pdf_keep = g_array_sized_new (FALSE, FALSE, sizeof (gboolean), n);
  g_ptr_array_set_size (t->cells, t->cells->len);
  for (guint i = 0; i < n; i++)
    {
      const OdanEvent *e = odan_exercise_get_event (ex, i);
      gboolean keep = e->kind != ODAN_EVENT_ACK && e->kind != ODAN_EVENT_CLOCK;
      const char *summary = e->summary;

      if (e->kind == ODAN_EVENT_DELIVERY)
        {
          const char *title = odan_event_get_title (e);
          const char *title_ja = odan_event_get_title_ja (e);

          if (title != NULL || title_ja != NULL)
            summary = L (doc, title != NULL ? title : title_ja, title_ja);
        }
      g_ptr_array_add (t->cells, fmt_minute (e->minute));
      cellf (t, "%" G_GINT64_FORMAT, e->id);
      cell (t, kind_name (doc, e));
      cell (t, odan_event_action_to_string (e));
      cell (t, e->team != NULL ? team_name (doc, GPOINTER_TO_UINT (g_hash_table_lookup (teams, e->team)) - 1) : "");
      cell (t, e->subject);
      cell (t, summary);
      g_array_append_val (t->pdf_keep, keep);
    }
}

static void
build_appendices (Doc *doc)
{
  OdanReport *r = doc->report;
  const OdanPack *pack = r->pack;
  const char *const plan_columns[] = {
    R_ (doc, "report", "Core capability"), R_ (doc, "report", "Issue / area for improvement"),
    R_ (doc, "report", "Reference"), R_ (doc, "report", "Root cause"),
    R_ (doc, "report", "Corrective action"), R_ (doc, "report", "Capability element"),
    R_ (doc, "report", "Primary responsible organization"), R_ (doc, "report", "Organization POC"),
    R_ (doc, "report", "Start date"), R_ (doc, "report", "Completion date"), R_ (doc, "report: improvement plan", "Status"), NULL
  };
  const char *const team_columns[] = {
    R_ (doc, "report", "Team"), R_ (doc, "report", "Id"), R_ (doc, "report", "Sector"), R_ (doc, "report", "CEPTOAR"),
    R_ (doc, "report", "Relay stage"), NULL
  };
  Block *t;

  heading (doc, 1, R_ (doc, "report", "Appendix A: Improvement plan"));
  t = table (doc, "improvement-plan", plan_columns);
  for (guint i = 0; i < r->improvements->len; i++)
    {
      const OdanImprovement *it = &g_array_index (r->improvements, OdanImprovement, i);
      const char *issue = it->issue;

      if (issue == NULL && it->observation != 0)
        {
          const OdanEvent *o = odan_exercise_find_event (r->exercise, it->observation);

          issue = o != NULL ? o->summary : NULL;
        }
      cell (t, it->capability);
      cell (t, issue);
      cell (t, it->reference);
      cell (t, it->root_cause);
      cell (t, it->action);
      cell (t, it->element);
      cell (t, it->organization);
      cell (t, it->poc);
      cell (t, it->start);
      cell (t, it->completion);
      cell (t, status_name (doc, it->status));
    }

  heading (doc, 1, R_ (doc, "report", "Appendix B: Exercise participants"));
  t = table (doc, "participants", team_columns);
  for (guint32 i = 0; i < pack->n_teams; i++)
    {
      const OdanTeam *team = &pack->teams[i];

      cell (t, L (doc, team->name, team->name_ja));
      cell (t, team->id);
      cell (t, team->sector != ODAN_NONE ? L (doc, pack->sectors[team->sector].name, pack->sectors[team->sector].name_ja) : "");
      cell (t, team->ceptoar);
      cell (t, stage_name (doc, odan_relay_stage_of_team (pack, i)));
    }
}

static Doc *
doc_build (OdanReport     *report,
           OdanReportLang  lang)
{
  Doc *doc = g_new0 (Doc, 1);
  const OdanPack *pack = report->pack;

  doc->report = report;
  doc->lang = lang;
  doc->blocks = g_ptr_array_new_with_free_func (block_free);
  doc->title = g_strdup_printf ("%s — %s",
                                R_ (doc, "report", "After-Action Report / Improvement Plan"),
                                L (doc, pack->title, pack->title_ja));
  build_summary (doc);
  build_overview (doc);
  build_capabilities (doc);
  build_measures (doc);
  build_counterfactual (doc);
  build_curves (doc);
  build_bands (doc);
  build_timeline (doc);
  build_appendices (doc);
  return doc;
}

static void
doc_free (Doc *doc)
{
  g_ptr_array_unref (doc->blocks);
  g_free (doc->title);
  g_free (doc);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Doc, doc_free)

/* ------------------------------------------------------------------ */
/* Plots: one drawing function for SVG and PDF */

#define PLOT_FONT "Sans"

static void
draw_text (cairo_t        *cr,
           const char     *text,
           double          x,
           double          y,
           double          size,
           double          width,
           PangoAlignment  align,
           gboolean        bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (PLOT_FONT);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

static double
bar_row_height (const Block *b)
{
  return CLAMP (480.0 / MAX (b->bars->len, 1), 5.0, 16.0);
}

/* Text in the curves' plot is laid out in a context of its own, with no
 * hinting, as on the PDF and SVG surfaces: the plot's height (the legend's
 * lines) is known before the surface it is drawn on exists. */
static PangoContext *
curves_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  return context;
}

/* The curves' plot @w wide (odan-plot.h): the area under the caption,
 * the time labels under it, then the legend from @legend_y. */
static void
curves_plot_init (const Block          *b,
                  double                w,
                  PangoContext         *context,
                  PangoFontDescription *font,
                  OdanPlot             *plot,
                  double               *legend_y)
{
  double label_h;

  pango_font_description_set_absolute_size (font, 8 * PANGO_SCALE);
  *plot = (OdanPlot) {
    .pango = context, .font = font, .fg = { 0.1, 0.1, 0.1 },
    .left = 40, .top = 24, .right = w - 10, .bottom = 224,
    .start = 0, .end = b->horizon > 0 ? b->horizon : 1, .text_left = 0, .text_right = w,
  };
  odan_plot_text_size (plot, "T+0123456789%", NULL, &label_h);
  *legend_y = plot->bottom + 6 + label_h + 10;
}

static double
plot_height (const Block *b,
             double       w)
{
  if (b->plot == PLOT_CURVES)
    {
      PangoContext *context = curves_context ();
      g_autoptr(PangoFontDescription) font = pango_font_description_from_string (PLOT_FONT);
      OdanPlot plot;
      double legend_y, legend_h;

      curves_plot_init (b, w, context, font, &plot, &legend_y);
      legend_h = odan_plot_draw_legend (&plot, NULL, (const char *const *) b->names, b->n_curves, 4, legend_y, w);
      g_object_unref (context);
      return legend_y + legend_h;
    }
  if (b->bars->len == 0)
    return 50.0;
  return 40.0 + b->bars->len * bar_row_height (b);
}

static void
draw_bars (cairo_t     *cr,
           const Block *b,
           double       w)
{
  double rh = bar_row_height (b);
  double label_w = w * 0.36, value_w = 60.0;
  double x0 = label_w + 6, x1 = w - value_w;
  double max = b->max;
  double font = MIN (rh * 0.75, 9.0);

  if (b->bars->len == 0)
    {
      draw_text (cr, "—", 0, 22, 9, w, PANGO_ALIGN_CENTER, FALSE);
      return;
    }
  if (max <= 0)
    for (guint i = 0; i < b->bars->len; i++)
      {
        const Bar *x = &g_array_index (b->bars, Bar, i);

        max = MAX (max, x->value);
        if (isfinite (x->marker))
          max = MAX (max, x->marker);
      }
  if (max <= 0)
    max = 1;

  for (guint i = 0; i < b->bars->len; i++)
    {
      const Bar *x = &g_array_index (b->bars, Bar, i);
      double y = 22 + i * rh;
      double len = MAX (0.0, x->value) / max * (x1 - x0);
      char value[32];

      if (rh >= 7)
        draw_text (cr, x->label, 0, y + (rh - font * 1.3) / 2, font, label_w, PANGO_ALIGN_RIGHT, FALSE);
      switch (x->tone)
        {
        case TONE_GOOD:
          cairo_set_source_rgb (cr, 0.20, 0.60, 0.30);
          break;
        case TONE_BAD:
          cairo_set_source_rgb (cr, 0.80, 0.25, 0.20);
          break;
        case TONE_NEUTRAL:
        default:
          cairo_set_source_rgb (cr, 0.35, 0.45, 0.65);
          break;
        }
      cairo_rectangle (cr, x0, y + rh * 0.12, len, rh * 0.76);
      cairo_fill (cr);
      if (isfinite (x->marker))
        {
          double mx = x0 + x->marker / max * (x1 - x0);

          cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
          cairo_set_line_width (cr, 1.2);
          cairo_move_to (cr, mx, y);
          cairo_line_to (cr, mx, y + rh);
          cairo_stroke (cr);
        }
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      if (rh >= 7)
        {
          g_snprintf (value, sizeof value, "%.1f %s", x->value, b->unit != NULL ? b->unit : "");
          draw_text (cr, value, x0 + len + 4, y + (rh - font * 1.3) / 2, font, value_w + (x1 - x0 - len) - 4,
                     PANGO_ALIGN_LEFT, FALSE);
        }
    }
  /* the axis */
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, x0, 20);
  cairo_line_to (cr, x0, 22 + b->bars->len * rh);
  cairo_stroke (cr);
}

static void
draw_curves (cairo_t     *cr,
             const Block *b,
             double       w)
{
  static const double levels[] = { 0, 0.25, 0.5, 0.75, 1 };
  PangoContext *context = curves_context ();
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (PLOT_FONT);
  OdanPlot plot;
  double legend_y;

  curves_plot_init (b, w, context, font, &plot, &legend_y);
  odan_plot_draw_level_grid (&plot, cr, levels, G_N_ELEMENTS (levels));
  odan_plot_draw_time_grid (&plot, cr, 0, ODAN_PLOT_LABELS_BELOW);
  for (guint s = 0; b->bands != NULL && s < b->n_curves; s++)
    {
      g_autoptr(GArray) rows = odan_runs_dup_node (b->bands, s);
      odan_plot_draw_band (&plot, cr, rows, s, 0.18, 1.4);
    }
  if (b->curves != NULL)
    odan_plot_draw_step_curves (&plot, cr, b->curves, b->n_curves, 1.4, FALSE);
  odan_plot_draw_legend (&plot, cr, (const char *const *) b->names, b->n_curves, 4, legend_y, w);
  g_object_unref (context);
}

static void
draw_plot (cairo_t     *cr,
           const Block *b,
           double       w)
{
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  draw_text (cr, b->text, 0, 0, 10, w, PANGO_ALIGN_LEFT, TRUE);
  if (b->plot == PLOT_CURVES)
    draw_curves (cr, b, w);
  else
    draw_bars (cr, b, w);
}

/* ------------------------------------------------------------------ */
/* HTML */

static cairo_status_t
append_to_gstring (void                *closure,
                   const unsigned char *data,
                   unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The plot as an SVG element whose ids are unique in the page (cairo names
 * glyphs and clips the same way in every SVG it writes). */
static void
append_svg (GString     *out,
            const Block *b,
            guint        number)
{
  const double w = 720;
  double h = plot_height (b, w);
  g_autoptr(GString) svg = g_string_new (NULL);
  cairo_surface_t *surface = cairo_svg_surface_create_for_stream (append_to_gstring, svg, w, h);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *prefix_id = g_strdup_printf ("id=\"p%u-", number);
  g_autofree char *prefix_href = g_strdup_printf ("href=\"#p%u-", number);
  g_autofree char *prefix_url = g_strdup_printf ("url(#p%u-", number);
  const char *start;

  draw_plot (cr, b, w);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  g_string_replace (svg, "id=\"", prefix_id, 0);
  g_string_replace (svg, "href=\"#", prefix_href, 0);
  g_string_replace (svg, "url(#", prefix_url, 0);
  start = strstr (svg->str, "<svg");
  g_string_append (out, start != NULL ? start : svg->str);
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

static const char html_style[] =
  "body{font-family:'Noto Sans CJK JP','IPAexGothic','IPAGothic',sans-serif;margin:2em auto;max-width:64em;color:#222;line-height:1.5}"
  "h1{font-size:1.6em;border-bottom:2px solid #345}h2{font-size:1.3em;margin-top:1.6em;border-bottom:1px solid #889}"
  "h3{font-size:1.1em}h4{font-size:1em;margin-bottom:.2em}"
  "table{border-collapse:collapse;margin:.6em 0;font-size:.85em}th,td{border:1px solid #bbb;padding:.2em .5em;vertical-align:top}"
  "th{background:#e8ecf2;text-align:left}tr:nth-child(even) td{background:#f7f8fa}"
  "figure{margin:1em 0}figcaption{font-size:.85em;color:#555}.note{color:#666;font-size:.85em}"
  "@media print{body{margin:0}}";

static char *
doc_to_html (Doc *doc)
{
  GString *out = g_string_sized_new (1 << 20);
  guint n_plots = 0;

  g_string_append_printf (out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
                          odan_enum_to_nick (ODAN_TYPE_REPORT_LANG, doc->lang));
  append_escaped (out, doc->title);
  g_string_append_printf (out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", html_style);
  append_escaped (out, doc->title);
  g_string_append (out, "</h1>\n");

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const Block *b = g_ptr_array_index (doc->blocks, i);

      switch (b->kind)
        {
        case BLOCK_HEADING:
          g_string_append_printf (out, "<h%d>", b->level + 1);
          append_escaped (out, b->text);
          g_string_append_printf (out, "</h%d>\n", b->level + 1);
          break;

        case BLOCK_PARAGRAPH:
          g_string_append (out, "<p>");
          append_escaped (out, b->text);
          g_string_append (out, "</p>\n");
          break;

        case BLOCK_PLOT:
          g_string_append (out, "<figure>\n");
          append_svg (out, b, ++n_plots);
          g_string_append (out, "\n</figure>\n");
          break;

        case BLOCK_TABLE:
          {
            guint rows = table_rows (b), shown = MIN (rows, HTML_MAX_ROWS);

            if (b->csv_only)
              break;
            g_string_append_printf (out, "<table%s%s%s>\n<thead><tr>", b->csv != NULL ? " id=\"" : "",
                                    b->csv != NULL ? b->csv : "", b->csv != NULL ? "\"" : "");
            for (guint c = 0; c < b->n_columns; c++)
              {
                g_string_append (out, "<th>");
                append_escaped (out, g_ptr_array_index (b->cells, c));
                g_string_append (out, "</th>");
              }
            g_string_append (out, "</tr></thead>\n<tbody>\n");
            for (guint r = 1; r <= shown; r++)
              {
                g_string_append (out, "<tr>");
                for (guint c = 0; c < b->n_columns; c++)
                  {
                    g_string_append (out, "<td>");
                    append_escaped (out, g_ptr_array_index (b->cells, r * b->n_columns + c));
                    g_string_append (out, "</td>");
                  }
                g_string_append (out, "</tr>\n");
              }
            g_string_append (out, "</tbody>\n</table>\n");
            if (rows == 0)
              g_string_append_printf (out, "<p class=\"note\">%s</p>\n", R_ (doc, "report", "Nothing to show."));
            else if (shown < rows)
              {
                g_string_append (out, "<p class=\"note\">");
                g_string_append_printf (out, R_ (doc, "report", "%u more rows are in the CSV export (%s.csv)."),
                                        rows - shown, b->csv);
                g_string_append (out, "</p>\n");
              }
          }
          break;

        default:
          break;
        }
    }
  g_string_append (out, "</body>\n</html>\n");
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* PDF */

#define PAGE_W 595.276
#define PAGE_H 841.890
#define MARGIN 48.0
#define CONTENT_W (PAGE_W - 2 * MARGIN)

typedef struct {
  const Doc            *doc;
  cairo_t              *cr;
  PangoLayout          *layout;
  PangoFontDescription *font;
  double                y;
  guint                 page;
} Pdf;

static void
pdf_footer (Pdf *pdf)
{
  char text[64];

  g_snprintf (text, sizeof text, "%s %u", R_ (pdf->doc, "report", "Page"), pdf->page);
  cairo_set_source_rgb (pdf->cr, 0.4, 0.4, 0.4);
  draw_text (pdf->cr, text, MARGIN, PAGE_H - MARGIN + 14, 8, CONTENT_W, PANGO_ALIGN_CENTER, FALSE);
}

static void
pdf_new_page (Pdf *pdf)
{
  pdf_footer (pdf);
  cairo_show_page (pdf->cr);
  pdf->page++;
  pdf->y = MARGIN;
}

static void
pdf_need (Pdf    *pdf,
          double  height)
{
  if (pdf->y + height > PAGE_H - MARGIN && pdf->y > MARGIN)
    pdf_new_page (pdf);
}

/* Sets the shared layout up for @text in @width points; returns its height. */
static double
pdf_layout (Pdf        *pdf,
            const char *text,
            double      size,
            gboolean    bold,
            double      width)
{
  pango_font_description_set_absolute_size (pdf->font, size * PANGO_SCALE);
  pango_font_description_set_weight (pdf->font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (pdf->layout, pdf->font);
  pango_layout_set_width (pdf->layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (pdf->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (pdf->layout, text, -1);
  {
    int w, h;

    pango_layout_get_size (pdf->layout, &w, &h);
    return (double) h / PANGO_SCALE;
  }
}

static void
pdf_text (Pdf        *pdf,
          const char *text,
          double      size,
          gboolean    bold,
          double      space_after)
{
  double h = pdf_layout (pdf, text, size, bold, CONTENT_W);

  pdf_need (pdf, h);
  cairo_set_source_rgb (pdf->cr, 0.1, 0.1, 0.1);
  cairo_move_to (pdf->cr, MARGIN, pdf->y);
  pango_cairo_show_layout (pdf->cr, pdf->layout);
  pdf->y += h + space_after;
}

/* A cell's text, cut so one row never fills a page. */
static const char *
pdf_cell_text (const char *text,
               char       *buf,
               gsize       size)
{
  if (strlen (text) < size)
    return text;
  g_utf8_strncpy (buf, text, (size - 8) / 3);
  g_strlcat (buf, "…", size);
  return buf;
}

/* One layout per column, reused row after row: each cell is laid out once,
 * measured, then drawn. */
typedef struct {
  PangoLayout *cols[32];
  guint        n;
} Row;

static void
row_init (Pdf   *pdf,
          Row   *row,
          guint  n_columns)
{
  row->n = MIN (n_columns, G_N_ELEMENTS (row->cols));
  for (guint c = 0; c < row->n; c++)
    {
      row->cols[c] = pango_cairo_create_layout (pdf->cr);
      pango_layout_set_wrap (row->cols[c], PANGO_WRAP_WORD_CHAR);
    }
}

static void
row_clear (Row *row)
{
  for (guint c = 0; c < row->n; c++)
    g_clear_object (&row->cols[c]);
}

static void
pdf_row (Pdf          *pdf,
         Row          *lay,
         const Block  *b,
         guint         row,
         const double *widths,
         gboolean      header)
{
  const double pad = 2.0, size = 7.0;
  double h = 0, x = MARGIN;
  char buf[400];

  pango_font_description_set_absolute_size (pdf->font, size * PANGO_SCALE);
  pango_font_description_set_weight (pdf->font, header ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  for (guint c = 0; c < lay->n; c++)
    {
      const char *text = pdf_cell_text (g_ptr_array_index (b->cells, row * b->n_columns + c), buf, sizeof buf);
      int w, ch;

      pango_layout_set_font_description (lay->cols[c], pdf->font);
      pango_layout_set_width (lay->cols[c], (int) ((widths[c] - 2 * pad) * PANGO_SCALE));
      pango_layout_set_text (lay->cols[c], text, -1);
      pango_layout_get_size (lay->cols[c], &w, &ch);
      h = MAX (h, (double) ch / PANGO_SCALE);
    }
  h += 2 * pad;
  if (pdf->y + h > PAGE_H - MARGIN)
    {
      pdf_new_page (pdf);
      if (!header)
        {
          Row head;

          row_init (pdf, &head, b->n_columns);
          pdf_row (pdf, &head, b, 0, widths, TRUE);
          row_clear (&head);
        }
    }
  if (header)
    {
      cairo_set_source_rgb (pdf->cr, 0.91, 0.93, 0.95);
      cairo_rectangle (pdf->cr, MARGIN, pdf->y, CONTENT_W, h);
      cairo_fill (pdf->cr);
    }
  cairo_set_line_width (pdf->cr, 0.4);
  for (guint c = 0; c < lay->n; c++)
    {
      cairo_set_source_rgb (pdf->cr, 0.1, 0.1, 0.1);
      cairo_move_to (pdf->cr, x + pad, pdf->y + pad);
      pango_cairo_show_layout (pdf->cr, lay->cols[c]);
      cairo_set_source_rgb (pdf->cr, 0.7, 0.7, 0.7);
      cairo_rectangle (pdf->cr, x, pdf->y, widths[c], h);
      cairo_stroke (pdf->cr);
      x += widths[c];
    }
  pdf->y += h;
}

static void
pdf_table (Pdf         *pdf,
           const Block *b)
{
  guint rows = table_rows (b), shown = 0, skipped = 0;
  double widths[32], total = 0;
  guint n = MIN (b->n_columns, G_N_ELEMENTS (widths));
  Row lay;

  /* columns as wide as their longest text (within reason) among the first rows */
  for (guint c = 0; c < n; c++)
    {
      double longest = 4;

      for (guint r = 0; r <= MIN (rows, 200); r++)
        longest = MAX (longest, MIN (40.0, g_utf8_strlen (g_ptr_array_index (b->cells, r * b->n_columns + c), -1)));
      widths[c] = sqrt (longest);
      total += widths[c];
    }
  for (guint c = 0; c < n; c++)
    widths[c] *= CONTENT_W / total;

  pdf_need (pdf, 40);
  row_init (pdf, &lay, b->n_columns);
  pdf_row (pdf, &lay, b, 0, widths, TRUE);
  for (guint r = 1; r <= rows; r++)
    {
      if (b->pdf_keep != NULL && !g_array_index (b->pdf_keep, gboolean, r - 1))
        {
          skipped++;
          continue;
        }
      if (shown == PDF_MAX_ROWS)
        break;
      pdf_row (pdf, &lay, b, r, widths, FALSE);
      shown++;
    }
  row_clear (&lay);
  pdf->y += 4;
  if (rows == 0)
    pdf_text (pdf, R_ (pdf->doc, "report", "Nothing to show."), 8, FALSE, 6);
  else if (shown + skipped < rows || skipped > 0)
    {
      g_autofree char *note = NULL;

      note = g_strdup_printf (R_ (pdf->doc, "report", "%u rows shown; all %u are in the CSV export (%s.csv)%s."),
                              shown, rows, b->csv,
                              skipped > 0 ? R_ (pdf->doc, "report", " (acknowledgements and clock events are left out of the PDF)") : "");
      pdf_text (pdf, note, 7.5, FALSE, 6);
    }
  pdf->y += 6;
}

static gboolean
doc_to_pdf (Doc      *doc,
            GString  *out,
            GError  **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_to_gstring, out, PAGE_W, PAGE_H);
  Pdf pdf = { doc, cairo_create (surface), NULL, pango_font_description_from_string (PLOT_FONT), MARGIN, 1 };
  cairo_status_t status;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Odan " PACKAGE_VERSION);
  pdf.layout = pango_cairo_create_layout (pdf.cr);

  pdf_text (&pdf, doc->title, 16, TRUE, 12);
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const Block *b = g_ptr_array_index (doc->blocks, i);

      switch (b->kind)
        {
        case BLOCK_HEADING:
          if (b->level == 1 && pdf.y > MARGIN + 0.6 * (PAGE_H - 2 * MARGIN))
            pdf_new_page (&pdf);
          pdf_need (&pdf, 60);
          pdf.y += b->level == 1 ? 8 : 4;
          pdf_text (&pdf, b->text, b->level == 1 ? 14 : b->level == 2 ? 11.5 : 10, TRUE, 5);
          break;
        case BLOCK_PARAGRAPH:
          pdf_text (&pdf, b->text, 9, FALSE, 5);
          break;
        case BLOCK_TABLE:
          if (!b->csv_only)
            pdf_table (&pdf, b);
          break;
        case BLOCK_PLOT:
          {
            double h = plot_height (b, CONTENT_W);
            double room = PAGE_H - 2 * MARGIN;
            /* a plot taller than a page (a bar per team) is shrunk to fit one */
            double scale = h > room ? room / h : 1.0;

            pdf_need (&pdf, h * scale);
            cairo_save (pdf.cr);
            cairo_translate (pdf.cr, MARGIN, pdf.y);
            cairo_scale (pdf.cr, scale, scale);
            draw_plot (pdf.cr, b, CONTENT_W / scale);
            cairo_restore (pdf.cr);
            pdf.y += h * scale + 8;
          }
          break;
        default:
          break;
        }
    }
  pdf_footer (&pdf);
  g_object_unref (pdf.layout);
  pango_font_description_free (pdf.font);
  cairo_destroy (pdf.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ODAN_REPORT_ERROR, ODAN_REPORT_ERROR_IO,
                   g_dgettext (GETTEXT_PACKAGE, "cannot draw the PDF: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* CSV, and the same tables as one workbook */

static gboolean
doc_to_xlsx (Doc         *doc,
             const char  *path,
             GError     **error)
{
  OdanXlsxWriter *writer = odan_xlsx_writer_new (path);
  g_autoptr(GError) local = NULL;

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const Block *b = g_ptr_array_index (doc->blocks, i);
      guint rows;

      if (b->kind != BLOCK_TABLE || b->csv == NULL)
        continue;
      rows = table_rows (b);
      odan_xlsx_writer_sheet (writer, b->csv);
      for (guint r = 0; r <= rows; r++)
        odan_xlsx_writer_row (writer, (const char *const *) &b->cells->pdata[r * b->n_columns], b->n_columns);
    }
  if (!odan_xlsx_writer_close (writer, &local))
    {
      g_set_error_literal (error, ODAN_REPORT_ERROR, ODAN_REPORT_ERROR_IO, local->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
doc_to_csv (Doc         *doc,
            const char  *folder,
            GError     **error)
{
  if (g_mkdir_with_parents (folder, 0777) != 0)
    {
      int saved = errno;

      g_set_error (error, ODAN_REPORT_ERROR, ODAN_REPORT_ERROR_IO,
                   g_dgettext (GETTEXT_PACKAGE, "cannot create the folder %s: %s"), folder, g_strerror (saved));
      return FALSE;
    }
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const Block *b = g_ptr_array_index (doc->blocks, i);
      g_autoptr(GString) out = NULL;
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      guint rows;

      if (b->kind != BLOCK_TABLE || b->csv == NULL)
        continue;
      rows = table_rows (b);
      out = g_string_sized_new (64 * (rows + 1));
      /* the byte-order mark tells Excel the file is UTF-8 */
      g_string_append (out, "\xEF\xBB\xBF");
      for (guint r = 0; r <= rows; r++)
        odan_csv_write_row (out, (const char *const *) &b->cells->pdata[r * b->n_columns], b->n_columns);
      name = g_strconcat (b->csv, ".csv", NULL);
      path = g_build_filename (folder, name, NULL);
      if (!g_file_set_contents (path, out->str, out->len, error))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The report */

gboolean
odan_report_format_from_string (const char       *text,
                                OdanReportFormat *out)
{
  int value;

  if (text == NULL || !odan_enum_from_nick (ODAN_TYPE_REPORT_FORMAT, text, &value))
    return FALSE;
  *out = value;
  return TRUE;
}

gboolean
odan_report_lang_from_string (const char     *text,
                              OdanReportLang *out)
{
  int value;

  if (text == NULL || !odan_enum_from_nick (ODAN_TYPE_REPORT_LANG, text, &value))
    return FALSE;
  *out = value;
  return TRUE;
}

OdanReportLang
odan_report_lang_default (void)
{
  const char *const *names = g_get_language_names ();

  return names[0] != NULL && g_str_has_prefix (names[0], "ja") ? ODAN_REPORT_LANG_JA : ODAN_REPORT_LANG_EN;
}

/* The sectors' bands when the exercise's embedded pack has an
 * uncertainty.csv without errors; NULL otherwise. */
static OdanRuns *
report_bands (OdanExercise   *exercise,
              const OdanPack *pack,
              double          horizon)
{
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(OdanUncertainty) u = NULL;
  g_autofree guint32 *group_of = NULL;
  GBytes *data;

  if (pack->n_nodes > ODAN_RUNS_VIEW_MAX_NODES)
    return NULL;
  files = odan_exercise_read_pack (odan_exercise_get_store (exercise), NULL, NULL);
  if (files == NULL || (data = g_hash_table_lookup (files, "uncertainty.csv")) == NULL)
    return NULL;
  u = odan_uncertainty_load_bytes (pack, data, NULL, NULL);
  if (u == NULL || u->rows->len == 0 || horizon <= 0)
    return NULL;
  group_of = g_new (guint32, MAX (pack->n_nodes, 1));
  for (guint32 n = 0; n < pack->n_nodes; n++)
    group_of[n] = pack->nodes[n].sector < pack->n_sectors ? pack->nodes[n].sector : ODAN_NONE;
  return odan_runs_compute_groups (pack, u, NULL, REPORT_RUNS, REPORT_SEED, horizon,
                                   group_of, pack->n_sectors);
}

OdanReport *
odan_report_new (OdanExercise  *exercise,
                 double         horizon,
                 GError       **error)
{
  g_autoptr(OdanCounterfactual) cf = NULL;
  OdanCfVariant all = { ODAN_CF_ALL, ODAN_NONE, ODAN_NONE, 0 };
  OdanReport *r;

  g_return_val_if_fail (ODAN_IS_EXERCISE (exercise), NULL);

  cf = odan_counterfactual_new (exercise, horizon, error);
  if (cf == NULL)
    return NULL;
  r = g_new0 (OdanReport, 1);
  r->exercise = exercise;
  r->pack = odan_exercise_get_pack (exercise);
  r->horizon = odan_counterfactual_get_horizon (cf);
  r->measures = odan_measures_compute (exercise);
  r->cf = odan_counterfactual_summarize (cf);
  r->curves = odan_counterfactual_sector_curves (cf, &all);
  r->weights = g_new (double, MAX (r->pack->n_sectors, 1));
  for (guint s = 0; s < r->pack->n_sectors; s++)
    r->weights[s] = odan_counterfactual_get_weight (cf, s);
  r->observations = odan_evaluation_get_observations (exercise);
  r->improvements = odan_evaluation_get_improvements (exercise);
  r->capabilities = odan_evaluation_rate_capabilities (r->observations);
  r->bands = report_bands (exercise, r->pack, r->horizon);
  return r;
}

const OdanRuns *
odan_report_get_bands (OdanReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  return report->bands;
}

void
odan_report_free (OdanReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->measures, odan_measures_free);
  g_clear_pointer (&report->cf, odan_cf_summary_free);
  odan_counterfactual_curves_free (report->curves, report->pack->n_sectors);
  g_clear_pointer (&report->observations, g_array_unref);
  g_clear_pointer (&report->improvements, g_array_unref);
  g_clear_pointer (&report->capabilities, g_array_unref);
  g_free (report->weights);
  g_clear_pointer (&report->bands, odan_runs_free);
  g_free (report);
}

const OdanMeasures *
odan_report_get_measures (OdanReport *report)
{
  return report->measures;
}

const OdanCfSummary *
odan_report_get_counterfactual (OdanReport *report)
{
  return report->cf;
}

gboolean
odan_report_write (OdanReport        *report,
                   OdanReportFormat   format,
                   OdanReportLang     lang,
                   const char        *path,
                   GError           **error)
{
  g_autoptr(Doc) doc = NULL;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  doc = doc_build (report, lang);
  switch (format)
    {
    case ODAN_REPORT_HTML:
      {
        g_autofree char *html = doc_to_html (doc);

        return g_file_set_contents (path, html, -1, error);
      }
    case ODAN_REPORT_PDF:
      {
        g_autoptr(GString) pdf = g_string_sized_new (1 << 20);

        return doc_to_pdf (doc, pdf, error) && g_file_set_contents (path, pdf->str, pdf->len, error);
      }
    case ODAN_REPORT_XLSX:
      return doc_to_xlsx (doc, path, error);
    case ODAN_REPORT_CSV:
    default:
      return doc_to_csv (doc, path, error);
    }
}
