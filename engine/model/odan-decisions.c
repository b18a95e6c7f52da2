/* odan-decisions.c — a decisions CSV for headless runs
 *
 * The file a facilitator (or a test) writes to replay what the teams decided:
 * one row per decision, columns time, team, category, summary, mitigation,
 * inject, and the optional category details (ministry, stage, channel,
 * audience, recipients, bcp); rows of category received or read are
 * acknowledgements. Rows are checked against a loaded pack and come back as a GArray
 * of OdanDecision in file order; like a pack, the file is loaded whole or
 * not at all, every problem reported as FILE:LINE.
 */
#define G_LOG_DOMAIN "odan-decisions"

#include "odan-decisions.h"
#include "odan-csv.h"
#include "odan-time.h"

#include <glib/gi18n-lib.h>
#include <string.h>

gboolean
odan_recipient_is_valid (const char     *recipient,
                         const OdanPack *pack)
{
  g_return_val_if_fail (recipient != NULL, FALSE);

  if (g_ascii_strcasecmp (recipient, "ceptoar") == 0
      || g_ascii_strcasecmp (recipient, "nisc") == 0
      || g_ascii_strcasecmp (recipient, "members") == 0
      || g_ascii_strcasecmp (recipient, "ministry") == 0)
    return TRUE;
  if (pack != NULL)
    {
      for (guint i = 0; i < pack->n_sectors; i++)
        if (strcmp (pack->sectors[i].id, recipient) == 0)
          return TRUE;
      if (odan_pack_find_team (pack, recipient) != ODAN_NONE)
        return TRUE;
    }
  return FALSE;
}

void
odan_decision_clear (OdanDecision *decision)
{
  g_clear_pointer (&decision->summary, g_free);
  g_clear_pointer (&decision->injects, g_free);
  g_clear_pointer (&decision->ministry, g_free);
  g_clear_pointer (&decision->channel, g_free);
  g_clear_pointer (&decision->audience, g_free);
  g_clear_pointer (&decision->recipients, g_strfreev);
  decision->n_injects = 0;
}

void
odan_decision_copy (const OdanDecision *src,
                    OdanDecision       *dest)
{
  *dest = *src;
  dest->summary = g_strdup (src->summary);
  dest->injects = src->n_injects > 0 ? g_memdup2 (src->injects, src->n_injects * sizeof (guint32)) : NULL;
  dest->ministry = g_strdup (src->ministry);
  dest->channel = g_strdup (src->channel);
  dest->audience = g_strdup (src->audience);
  dest->recipients = g_strdupv (src->recipients);
}

enum {
  COL_TIME, COL_TEAM, COL_CATEGORY, COL_SUMMARY, COL_MITIGATION, COL_INJECT,
  COL_MINISTRY, COL_STAGE, COL_CHANNEL, COL_AUDIENCE, COL_RECIPIENTS, COL_BCP, N_COLUMNS
};

static const struct {
  const char *name;
  gboolean    required;
} columns[N_COLUMNS] = {
  { "time", TRUE }, { "team", TRUE }, { "category", TRUE }, { "summary", TRUE },
  { "mitigation", FALSE }, { "inject", FALSE },
  { "ministry", FALSE }, { "stage", FALSE }, { "channel", FALSE }, { "audience", FALSE },
  { "recipients", FALSE }, { "bcp", FALSE },
};

typedef struct {
  const OdanPack *pack;
  const char     *file;        /* basename, for diagnostics */
  GPtrArray      *diags;
  guint           n_errors;
  GArray         *decisions;
  GDateTime      *t0;
  gboolean        header_seen;
  gboolean        usable;
  guint           n_header;
  int             col[N_COLUMNS];
} Reader;

static void
report (Reader                 *r,
        OdanDiagnosticSeverity  severity,
        guint                   line,
        const char             *column,
        const char             *format,
        ...) G_GNUC_PRINTF (5, 6);

static void
report (Reader                 *r,
        OdanDiagnosticSeverity  severity,
        guint                   line,
        const char             *column,
        const char             *format,
        ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (r->diags, odan_diagnostic_new_valist (severity, r->file, line, column, format, args));
  va_end (args);
  if (severity == ODAN_DIAGNOSTIC_ERROR)
    r->n_errors++;
}

static const char *
cell (const Reader     *r,
      const OdanCsvRow *row,
      guint             column)
{
  int c = r->col[column];

  if (c < 0 || (guint) c >= row->n_fields)
    return "";
  return row->fields[c];
}

static void
read_header (Reader           *r,
             const OdanCsvRow *row)
{
  r->header_seen = TRUE;
  r->n_header = row->n_fields;
  for (guint c = 0; c < N_COLUMNS; c++)
    r->col[c] = -1;

  for (guint f = 0; f < row->n_fields; f++)
    {
      g_autofree char *name = g_ascii_strdown (row->fields[f], -1);

      g_strstrip (name);
      for (guint c = 0; c < N_COLUMNS; c++)
        if (strcmp (name, columns[c].name) == 0)
          {
            if (r->col[c] >= 0)
              report (r, ODAN_DIAGNOSTIC_ERROR, row->line, NULL,
                      _("duplicate column '%s'"), columns[c].name);
            else
              r->col[c] = (int) f;
            break;
          }
      /* other columns (notes, an evaluator's remarks) are allowed and ignored */
    }

  r->usable = TRUE;
  for (guint c = 0; c < N_COLUMNS; c++)
    if (columns[c].required && r->col[c] < 0)
      {
        report (r, ODAN_DIAGNOSTIC_ERROR, row->line, NULL,
                _("missing required column '%s'"), columns[c].name);
        r->usable = FALSE;
      }
}

/* Each of the column readers below fills its part of @decision and
 * returns FALSE after reporting a problem. */

static gboolean
decision_time (Reader           *r,
               const OdanCsvRow *row,
               OdanDecision     *decision)
{
  const char *text = cell (r, row, COL_TIME);
  g_autoptr(GError) local_error = NULL;

  if (text[0] == '\0')
    {
      report (r, ODAN_DIAGNOSTIC_ERROR, row->line, "time", "%s", _("missing value"));
      return FALSE;
    }
  if (!odan_time_parse (text, r->t0, &decision->time, &local_error))
    {
      report (r, ODAN_DIAGNOSTIC_ERROR, row->line, "time", "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
decision_team (Reader           *r,
               const OdanCsvRow *row,
               OdanDecision     *decision)
{
  const char *text = cell (r, row, COL_TEAM);

  if (text[0] == '\0')
    {
      report (r, ODAN_DIAGNOSTIC_ERROR, row->line, "team", "%s", _("missing value"));
      return FALSE;
    }
  if ((decision->team = odan_pack_find_team (r->pack, text)) == ODAN_NONE)
    {
      report (r, ODAN_DIAGNOSTIC_ERROR, row->line, "team", _("unknown team '%s'"), text);
      return FALSE;
    }
  return TRUE;
}

/* Columns category and summary (an acknowledgement needs no summary). */
static gboolean
decision_category (Reader           *r,
                   const OdanCsvRow *row,
                   OdanDecision     *decision)
{
  const char *text = cell (r, row, COL_CATEGORY);
  gboolean ok = TRUE;

  if (text[0] == '\0')
    {
      report (r, ODAN_DIAGNOSTIC_ERROR, row->line, "category", "%s", _("missing value"));
      ok = FALSE;
    }
  else if (odan_ack_from_string (text, &decision->ack))
    /* an acknowledgement row: what it acknowledges is in the inject column */
    decision->category = ODAN_CATEGORY_OTHER;
  else if (!odan_category_from_string (text, &decision->category))
    {
      report (r, ODAN_DIAGNOSTIC_ERROR, row->line, "category",
              _("unknown category '%s' (expected business-continuity, disclosure, "
                "ministry-report, information-sharing or other)"), text);
      ok = FALSE;
    }

  text = cell (r, row, COL_SUMMARY);
  if (text[0] == '\0' && decision->ack == ODAN_ACK_NONE)
    {
      report (r, ODAN_DIAGNOSTIC_ERROR, row->line, "summary", "%s", _("missing value"));
      ok = FALSE;
    }
  decision->summary = g_strdup (text);
  return ok;
}

static gboolean
decision_mitigation (Reader           *r,
                     const OdanCsvRow *row,
                     OdanDecision     *decision)
{
  const char *text = cell (r, row, COL_MITIGATION);
  const OdanMitigation *m;

  if (text[0] == '\0')
    return TRUE;
  decision->mitigation = odan_pack_find_mitigation (r->pack, text);
  if (decision->mitigation == ODAN_NONE)
    {
      report (r, ODAN_DIAGNOSTIC_ERROR, row->line, "mitigation",
              _("unknown mitigation '%s'"), text);
      return FALSE;
    }
  m = &r->pack->mitigations[decision->mitigation];
  if (m->team != ODAN_NONE && decision->team != ODAN_NONE && m->team != decision->team)
    {
      report (r, ODAN_DIAGNOSTIC_ERROR, row->line, "mitigation",
              _("mitigation '%s' is reserved for team '%s', not '%s'"),
              m->id, r->pack->teams[m->team].id, r->pack->teams[decision->team].id);
      return FALSE;
    }
  return TRUE;
}

/* Column inject: inject ids separated by ';'. */
static gboolean
decision_injects (Reader           *r,
                  const OdanCsvRow *row,
                  OdanDecision     *decision)
{
  const char *text = cell (r, row, COL_INJECT);
  g_auto(GStrv) ids = NULL;
  g_autoptr(GArray) injects = NULL;
  gboolean ok = TRUE;

  if (text[0] == '\0')
    return TRUE;
  ids = g_strsplit (text, ";", -1);
  injects = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const char *id = g_strstrip (ids[i]);
      guint32 inject;

      if (id[0] == '\0')
        continue;
      inject = odan_pack_find_inject (r->pack, id);
      if (inject == ODAN_NONE)
        {
          report (r, ODAN_DIAGNOSTIC_ERROR, row->line, "inject",
                  _("unknown inject '%s'"), id);
          ok = FALSE;
        }
      else
        g_array_append_val (injects, inject);
    }
  if (injects->len > 0)
    decision->inject = g_array_index (injects, guint32, 0);
  decision->n_injects = injects->len;
  decision->injects = (guint32 *) (void *) g_array_free (g_steal_pointer (&injects), decision->n_injects == 0);
  return ok;
}

static gboolean
decision_stage (Reader           *r,
                const OdanCsvRow *row,
                OdanDecision     *decision)
{
  const char *text = cell (r, row, COL_STAGE);

  if (text[0] != '\0' && !odan_report_stage_from_string (text, &decision->stage))
    {
      report (r, ODAN_DIAGNOSTIC_ERROR, row->line, "stage",
              _("unknown report stage '%s' (expected initial, follow-up or final, "
                "or 第一報, 続報 or 最終報)"), text);
      return FALSE;
    }
  return TRUE;
}

/* Column recipients: recipients separated by ';'. */
static gboolean
decision_recipients (Reader           *r,
                     const OdanCsvRow *row,
                     OdanDecision     *decision)
{
  const char *text = cell (r, row, COL_RECIPIENTS);
  g_auto(GStrv) ids = NULL;
  g_autoptr(GPtrArray) recipients = NULL;
  gboolean ok = TRUE;

  if (text[0] == '\0')
    return TRUE;
  ids = g_strsplit (text, ";", -1);
  recipients = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const char *id = g_strstrip (ids[i]);

      if (id[0] == '\0')
        continue;
      if (!odan_recipient_is_valid (id, r->pack))
        {
          report (r, ODAN_DIAGNOSTIC_ERROR, row->line, "recipients",
                  _("unknown recipient '%s' (expected nisc, ministry, ceptoar, members, "
                    "a sector id or a team id)"), id);
          ok = FALSE;
        }
      else
        g_ptr_array_add (recipients, g_strdup (id));
    }
  if (recipients->len > 0)
    {
      g_ptr_array_add (recipients, NULL);
      decision->recipients = (char **) g_ptr_array_free (g_steal_pointer (&recipients), FALSE);
    }
  return ok;
}

static gboolean
decision_bcp (Reader           *r,
              const OdanCsvRow *row,
              OdanDecision     *decision)
{
  const char *text = cell (r, row, COL_BCP);

  if (text[0] == '\0')
    return TRUE;
  if (g_ascii_strcasecmp (text, "yes") == 0 || g_ascii_strcasecmp (text, "true") == 0
      || strcmp (text, "1") == 0)
    decision->bcp = TRUE;
  else if (g_ascii_strcasecmp (text, "no") != 0 && g_ascii_strcasecmp (text, "false") != 0
           && strcmp (text, "0") != 0)
    {
      report (r, ODAN_DIAGNOSTIC_ERROR, row->line, "bcp",
              _("bad value '%s' (expected yes or no)"), text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
on_row (const OdanCsvRow *row,
        gpointer          user_data,
        GError          **error)
{
  Reader *r = user_data;
  OdanDecision decision = { 0 };
  gboolean ok = TRUE;
  const char *text;

  if (!r->header_seen)
    {
      read_header (r, row);
      return TRUE;
    }
  if (!r->usable)
    return TRUE;

  if (row->n_fields > r->n_header)
    {
      report (r, ODAN_DIAGNOSTIC_ERROR, row->line, NULL,
              _("the row has %u fields but the header has %u"), row->n_fields, r->n_header);
      ok = FALSE;
    }

  decision.line = row->line;
  decision.mitigation = ODAN_NONE;
  decision.inject = ODAN_NONE;
  decision.team = ODAN_NONE;

  /* every problem of the row is reported, not only the first */
  ok &= decision_time (r, row, &decision);
  ok &= decision_team (r, row, &decision);
  ok &= decision_category (r, row, &decision);
  ok &= decision_mitigation (r, row, &decision);
  ok &= decision_injects (r, row, &decision);

  text = cell (r, row, COL_MINISTRY);
  decision.ministry = text[0] != '\0' ? g_strdup (text) : NULL;
  text = cell (r, row, COL_CHANNEL);
  decision.channel = text[0] != '\0' ? g_strdup (text) : NULL;
  text = cell (r, row, COL_AUDIENCE);
  decision.audience = text[0] != '\0' ? g_strdup (text) : NULL;

  ok &= decision_stage (r, row, &decision);
  ok &= decision_recipients (r, row, &decision);
  ok &= decision_bcp (r, row, &decision);

  if (decision.ack != ODAN_ACK_NONE && decision.n_injects == 0)
    {
      report (r, ODAN_DIAGNOSTIC_ERROR, row->line, "inject", "%s",
              _("an acknowledgement names the injects it acknowledges"));
      ok = FALSE;
    }

  if (ok)
    g_array_append_val (r->decisions, decision);
  else
    odan_decision_clear (&decision);
  return TRUE;
}

GArray *
odan_decisions_load (const char     *path,
                     const OdanPack *pack,
                     GPtrArray      *diagnostics,
                     GError        **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) diags = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autoptr(GArray) decisions = NULL;
  g_autofree char *file = NULL;
  Reader r = { 0 };
  guint line = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (pack != NULL, NULL);

  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_IO,
                   _("cannot read the decisions file: %s"), local_error->message);
      return NULL;
    }

  decisions = g_array_new (FALSE, TRUE, sizeof (OdanDecision));
  g_array_set_clear_func (decisions, (GDestroyNotify) odan_decision_clear);
  file = g_path_get_basename (path);

  r.pack = pack;
  r.file = file;
  r.diags = diags;
  r.decisions = decisions;
  r.t0 = pack->start != NULL ? g_date_time_ref (pack->start) : g_date_time_new_from_unix_utc (0);
  for (guint c = 0; c < N_COLUMNS; c++)
    r.col[c] = -1;

  if (!odan_csv_read_data_at (file, g_mapped_file_get_contents (mapped),
                              g_mapped_file_get_length (mapped),
                              on_row, &r, NULL, &line, &local_error))
    report (&r, ODAN_DIAGNOSTIC_ERROR, line, NULL, "%s", local_error->message);
  else if (!r.header_seen)
    report (&r, ODAN_DIAGNOSTIC_ERROR, 0, NULL, "%s",
            _("the file is empty (expected a header row)"));

  g_date_time_unref (r.t0);

  odan_diagnostics_sort (diags);
  if (diagnostics != NULL)
    for (guint i = 0; i < diags->len; i++)
      g_ptr_array_add (diagnostics, g_steal_pointer (&g_ptr_array_index (diags, i)));

  if (r.n_errors > 0)
    {
      g_set_error (error, ODAN_PACK_ERROR, ODAN_PACK_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "the decisions file '%s' has %u error",
                                "the decisions file '%s' has %u errors", r.n_errors),
                   path, r.n_errors);
      return NULL;
    }

  return g_steal_pointer (&decisions);
}
