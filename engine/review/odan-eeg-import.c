/* odan-eeg-import.c — evaluators' observations from an EEG sheet
 *
 * An evaluator fills an Exercise Evaluation Guide on paper or in Excel:
 * one row per observation with the objective, the core capability, the
 * rating and the notes. Such a sheet — CSV or a workbook's sheet — is read
 * whole and every row checked before the first is logged, each through
 * odan_evaluation_observe(), as the observation dialog logs one. Columns
 * are found by their names (HSEEP's, Japanese ones, the log's own keys),
 * compared without regard to case, blanks and punctuation; the header is
 * the first row naming the observation column; other columns are ignored.
 */
#define G_LOG_DOMAIN "odan-evaluation"

#include "odan-evaluation.h"
#include "odan-xlsx.h"

#include <glib/gi18n-lib.h>
#include <string.h>

typedef enum {
  COL_TEXT,
  COL_TEAM,
  COL_OBJECTIVE,
  COL_CAPABILITY,
  COL_RATING,
  COL_FINDING,
  COL_BY,
  COL_REF,
  N_COLS
} Col;

static const struct { Col col; const char *name; } names[] = {
  { COL_TEXT, "text" }, { COL_TEXT, "observation" }, { COL_TEXT, "observations" },
  { COL_TEXT, "Observation Notes" }, { COL_TEXT, "Observation Notes and Explanation of Rating" },
  { COL_TEXT, "Observation Notes and Explanation" }, { COL_TEXT, "Notes" },
  { COL_TEXT, "観察内容" }, { COL_TEXT, "観察記録" }, { COL_TEXT, "所見内容" }, { COL_TEXT, "記録" },
  { COL_TEAM, "team" }, { COL_TEAM, "Organization" }, { COL_TEAM, "Jurisdiction/Organization" },
  { COL_TEAM, "Organization/Jurisdiction" }, { COL_TEAM, "チーム" }, { COL_TEAM, "組織" },
  { COL_TEAM, "対象チーム" },
  { COL_OBJECTIVE, "objective" }, { COL_OBJECTIVE, "Exercise Objective" },
  { COL_OBJECTIVE, "Organizational Capability Target" }, { COL_OBJECTIVE, "Capability Target" },
  { COL_OBJECTIVE, "訓練目標" }, { COL_OBJECTIVE, "演習目標" }, { COL_OBJECTIVE, "目標" },
  { COL_CAPABILITY, "capability" }, { COL_CAPABILITY, "Core Capability" },
  { COL_CAPABILITY, "コアケイパビリティ" }, { COL_CAPABILITY, "対応能力" }, { COL_CAPABILITY, "能力" },
  { COL_RATING, "rating" }, { COL_RATING, "Target Rating" }, { COL_RATING, "Final Rating" },
  { COL_RATING, "P/S/M/U" }, { COL_RATING, "評価" }, { COL_RATING, "評定" },
  { COL_FINDING, "finding" }, { COL_FINDING, "Strength/Area for Improvement" },
  { COL_FINDING, "Strength or Area for Improvement" }, { COL_FINDING, "所見" }, { COL_FINDING, "所見区分" },
  { COL_BY, "by" }, { COL_BY, "evaluator" }, { COL_BY, "Evaluator Name" }, { COL_BY, "評価者" },
  { COL_REF, "ref" }, { COL_REF, "event" }, { COL_REF, "Event ID" }, { COL_REF, "イベント" },
};

/* HSEEP's words for the ratings and findings, beside the log's own. */
static const struct { const char *words; OdanRating rating; } rating_words[] = {
  { "performed without challenges", ODAN_RATING_P },
  { "performed with some challenges", ODAN_RATING_S },
  { "performed with major challenges", ODAN_RATING_M },
  { "unable to be performed", ODAN_RATING_U },
};

static const struct { const char *words; OdanFinding finding; } finding_words[] = {
  { "strength", ODAN_FINDING_STRENGTH }, { "strengths", ODAN_FINDING_STRENGTH },
  { "強み", ODAN_FINDING_STRENGTH }, { "良好事例", ODAN_FINDING_STRENGTH },
  { "area for improvement", ODAN_FINDING_AREA }, { "areas for improvement", ODAN_FINDING_AREA },
  { "改善点", ODAN_FINDING_AREA }, { "改善すべき点", ODAN_FINDING_AREA }, { "課題", ODAN_FINDING_AREA },
};

/* Lowered, NFKC, without blanks and punctuation. */
static char *
normal (const char *text)
{
  g_autofree char *nfkc = text != NULL ? g_utf8_normalize (text, -1, G_NORMALIZE_NFKC) : NULL;
  g_autofree char *folded = nfkc != NULL ? g_utf8_casefold (nfkc, -1) : g_strdup ("");
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && !g_unichar_ispunct (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static int
column_kind (const char *header)
{
  g_autofree char *n = normal (header);

  for (guint i = 0; n[0] != '\0' && i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *m = normal (names[i].name);

      if (strcmp (m, n) == 0)
        return names[i].col;
    }
  return -1;
}

static gboolean
parse_rating (const char *cell,
              OdanRating *out)
{
  g_autofree char *n = normal (cell);

  *out = ODAN_RATING_NONE;
  if (n[0] == '\0')
    return TRUE;
  if (odan_rating_from_string (n, out))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (rating_words); i++)
    {
      g_autofree char *m = normal (rating_words[i].words);

      /* "Performed without Challenges (P)" too */
      if (g_str_has_prefix (n, m) && strlen (n) <= strlen (m) + 1)
        {
          *out = rating_words[i].rating;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
parse_finding (const char  *cell_text,
               OdanFinding *out)
{
  g_autofree char *n = normal (cell_text);

  *out = ODAN_FINDING_NONE;
  if (n[0] == '\0')
    return TRUE;
  if (odan_finding_from_string (cell_text, out))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (finding_words); i++)
    {
      g_autofree char *m = normal (finding_words[i].words);

      if (strcmp (n, m) == 0)
        {
          *out = finding_words[i].finding;
          return TRUE;
        }
    }
  return FALSE;
}

typedef struct {
  OdanExercise *exercise;
  const char   *by;
  int           columns[N_COLS];   /* the sheet's column of each, or -1 */
  gboolean      have_header;
  GArray       *observations;      /* OdanObservation, strings in @strings */
  GPtrArray    *strings;
  GString      *problems;
  guint         n_problems;
} Import;

static void
problem (Import           *im,
         const OdanCsvRow *row,
         const char       *message)
{
  if (im->n_problems++ < 50)
    g_string_append_printf (im->problems, "%s%s:%u: %s", im->problems->len > 0 ? "\n" : "",
                            row->path, row->line, message);
}

static const char *
cell (Import           *im,
      const OdanCsvRow *row,
      Col               col)
{
  int c = im->columns[col];
  char *text;

  if (c < 0 || (guint) c >= row->n_fields)
    return NULL;
  text = g_strstrip (g_strndup (row->fields[c], row->lengths[c]));
  if (text[0] == '\0')
    {
      g_free (text);
      return NULL;
    }
  g_ptr_array_add (im->strings, text);
  return text;
}

/* The team a cell names: its id, English or Japanese name. */
static const char *
find_team (const OdanPack *pack,
           const char     *text)
{
  for (guint t = 0; t < pack->n_teams; t++)
    if (g_strcmp0 (pack->teams[t].id, text) == 0 || g_strcmp0 (pack->teams[t].name, text) == 0
        || g_strcmp0 (pack->teams[t].name_ja, text) == 0)
      return pack->teams[t].id;
  return NULL;
}

static gboolean
find_header (Import           *im,
             const OdanCsvRow *row)
{
  int seen[N_COLS];

  for (guint k = 0; k < N_COLS; k++)
    seen[k] = -1;
  for (guint i = 0; i < row->n_fields; i++)
    {
      int kind = column_kind (row->fields[i]);

      if (kind >= 0 && seen[kind] < 0)
        seen[kind] = (int) i;
    }
  if (seen[COL_TEXT] < 0)
    return FALSE;   /* a title row above the header */
  memcpy (im->columns, seen, sizeof seen);
  im->have_header = TRUE;
  return TRUE;
}

static void
read_observation (Import           *im,
                  const OdanCsvRow *row)
{
  const OdanPack *pack = odan_exercise_get_pack (im->exercise);
  const char *team = cell (im, row, COL_TEAM);
  const char *rating = cell (im, row, COL_RATING);
  const char *finding = cell (im, row, COL_FINDING);
  const char *ref = cell (im, row, COL_REF);
  OdanObservation o = { 0 };

  o.text = cell (im, row, COL_TEXT);
  o.objective = cell (im, row, COL_OBJECTIVE);
  o.capability = cell (im, row, COL_CAPABILITY);
  o.by = cell (im, row, COL_BY);
  if (o.by == NULL)
    o.by = im->by;
  if (o.text == NULL)
    problem (im, row, _("the observation column is empty (an observation needs some text)"));
  if (team != NULL && (o.team = find_team (pack, team)) == NULL)
    {
      g_autofree char *m = g_strdup_printf (_("unknown team '%s'"), team);
      problem (im, row, m);
    }
  if (!parse_rating (rating, &o.rating))
    {
      g_autofree char *m = g_strdup_printf (_("rating “%s” is none of P, S, M and U"), rating);
      problem (im, row, m);
    }
  if (!parse_finding (finding, &o.finding))
    {
      g_autofree char *m = g_strdup_printf (_("finding “%s” is neither a strength nor an area for improvement"),
                                            finding);
      problem (im, row, m);
    }
  if (ref != NULL)
    {
      char *end;
      gint64 id = g_ascii_strtoll (ref, &end, 10);

      if (*end != '\0' || id <= 0 || odan_exercise_find_event (im->exercise, id) == NULL)
        {
          g_autofree char *m = g_strdup_printf (_("no event %s in the log"), ref);
          problem (im, row, m);
        }
      o.ref = id;
    }
  g_array_append_val (im->observations, o);
}

static gboolean
on_row (const OdanCsvRow *row,
        gpointer          user_data,
        GError          **error)
{
  Import *im = user_data;

  if (!im->have_header)
    find_header (im, row);
  else
    read_observation (im, row);
  return TRUE;
}

guint
odan_evaluation_import_sheet (OdanExercise  *exercise,
                              const char    *path,
                              const char    *sheet,
                              const char    *by,
                              GError       **error)
{
  Import im = { exercise, by, { 0 }, FALSE, NULL, NULL, NULL, 0 };
  g_autoptr(GArray) observations = g_array_new (FALSE, TRUE, sizeof (OdanObservation));
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) problems = g_string_new (NULL);

  g_return_val_if_fail (ODAN_IS_EXERCISE (exercise), 0);
  g_return_val_if_fail (path != NULL, 0);

  im.observations = observations;
  im.strings = strings;
  im.problems = problems;
  if (!odan_sheet_read_file (path, sheet, on_row, &im, error))
    return 0;
  if (!im.have_header)
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID,
                   _("%s: no header row names an observation column (“Observation Notes”, “text”, “観察内容” …)"),
                   path);
      return 0;
    }
  if (im.n_problems > 0)
    {
      if (im.n_problems > 50)
        g_string_append_printf (problems, "\n%s", _("… and more; nothing was logged"));
      else
        g_string_append_printf (problems, "\n%s", _("nothing was logged"));
      g_set_error_literal (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID, problems->str);
      return 0;
    }
  if (observations->len == 0)
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID,
                   _("%s: the sheet has no observation below its header"), path);
      return 0;
    }
  for (guint i = 0; i < observations->len; i++)
    if (odan_evaluation_observe (exercise, &g_array_index (observations, OdanObservation, i), error) == 0)
      {
        g_prefix_error (error, _("%s: after %u observations were logged: "), path, i);
        return 0;
      }
  return observations->len;
}
