/* odan-preview.c — running a scenario without decisions, for the planner
 *
 * The run: the public simulator API with the plan replayed as an exercise
 * would (odan_replay_new_msel(): every inject delivered at its time) and
 * nothing else. Changes arrive in time order; per sector we keep how many
 * nodes are below 1 (exact: a count, not a sum of doubles) and the sum of
 * operabilities for the mean, and settle each instant when time moves on,
 * so the intermediate states inside one instant never show.
 *
 * Text matching: a sector's keywords are its id, name and name_ja plus the
 * words of every synonym group whose identity words match the sector (a
 * group "power" matches a sector with id "power" or a name holding
 * "electric" or "電力"). Text is case-folded; ASCII keywords must stand as
 * words ("gas" is not found in "gasoline"), others are found anywhere. An
 * outage is spoken of when the keyword is itself an outage word (停電,
 * blackout) or its sentence holds one, unless the sentence speaks of
 * recovery (復旧, restored).
 */
#define G_LOG_DOMAIN "odan-preview"

#include "odan-preview.h"
#include "odan-replay.h"

#include <string.h>

typedef struct {
  const char *const ids[6];      /* match a sector by id, or inside its names */
  const char *const words[24];   /* what a text says about it */
} SynonymGroup;

static const SynonymGroup groups[] = {
  { { "power", "electric", "電力", "電気" },
    { "power", "electricity", "electric", "blackout", "power outage", "grid", "substation",
      "電力", "停電", "電気", "送電", "配電", "発電", "変電", "電源" } },
  { { "water", "水道" },
    { "water", "water supply", "water outage", "水道", "断水", "給水", "浄水", "上水", "配水" } },
  { { "telecom", "communication", "通信" },
    { "telecom", "telecommunications", "communications", "mobile", "cellular", "phone", "network",
      "internet", "通信", "電話", "携帯", "基地局", "回線", "輻輳", "インターネット", "ネットワーク" } },
  { { "logistics", "物流" },
    { "logistics", "delivery", "deliveries", "trucking", "supply chain", "物流", "配送", "輸送",
      "トラック", "宅配" } },
  { { "finance", "bank", "金融" },
    { "finance", "financial", "bank", "banks", "banking", "atm", "atms", "payment", "payments",
      "金融", "銀行", "決済", "証券", "送金" } },
  { { "medical", "health", "hospital", "医療" },
    { "medical", "hospital", "hospitals", "health", "dialysis", "医療", "病院", "透析", "救急",
      "診療" } },
  { { "rail", "railway", "鉄道" },
    { "rail", "railway", "railways", "train", "trains", "鉄道", "列車", "電車", "運休", "在来線",
      "新幹線" } },
  { { "petroleum", "oil", "fuel", "石油" },
    { "petroleum", "fuel", "oil", "gasoline", "diesel", "石油", "燃料", "ガソリン", "軽油", "給油" } },
  { { "gas", "ガス" },
    { "gas", "city gas", "ガス", "都市ガス", "供給停止" } },
  { { "aviation", "airport", "航空" },
    { "aviation", "airport", "airports", "flight", "flights", "航空", "空港", "欠航", "運航" } },
  { { "port", "港湾" },
    { "port", "ports", "terminal", "container", "harbor", "harbour", "港湾", "港", "コンテナ",
      "ターミナル", "荷役" } },
  { { "credit", "クレジット" },
    { "credit", "credit card", "card payments", "クレジット", "カード決済" } },
  { { "government", "行政" },
    { "government", "administrative", "municipal", "行政", "自治体", "役所", "役場" } },
  { { "chemical", "化学" },
    { "chemical", "chemicals", "化学", "プラント", "コンビナート" } },
  { { "broadcast", "放送" },
    { "broadcast", "broadcasting", "tv", "radio", "放送", "テレビ", "ラジオ" } },
};

static const char *const outage_words[] = {
  "outage", "outages", "blackout", "down", "failure", "failed", "fails", "disruption",
  "disrupted", "offline", "unavailable", "shortage", "suspended", "halted", "cut off", "closed",
  "停電", "断水", "停止", "障害", "途絶", "不通", "運休", "欠航", "ダウン", "停波", "輻輳",
  "使えない", "使用不能", "不能", "不足", "枯渇", "閉鎖", "中断", "休止", "被害",
};

/* Words that are an outage in themselves. */
static const char *const outage_keywords[] = {
  "blackout", "power outage", "water outage", "停電", "断水", "運休", "欠航", "輻輳", "供給停止",
};

static const char *const recovery_words[] = {
  "restored", "recovered", "resumed", "back to normal", "復旧", "再開", "回復", "解消",
};

static gboolean
is_ascii (const char *s)
{
  for (; *s != '\0'; s++)
    if ((guchar) *s >= 0x80)
      return FALSE;
  return TRUE;
}

/* @word in @text (both case-folded); ASCII words only as whole words.
 * Returns the position or NULL. */
static const char *
find_word (const char *text,
           const char *word)
{
  gsize len = strlen (word);
  gboolean ascii = is_ascii (word);

  for (const char *p = strstr (text, word); p != NULL; p = strstr (p + 1, word))
    {
      if (!ascii)
        return p;
      if ((p == text || !g_ascii_isalnum (p[-1])) && !g_ascii_isalnum (p[len]))
        return p;
    }
  return NULL;
}

static gboolean
contains_any (const char        *text,
              const char *const *words,
              guint              n_words)
{
  for (guint i = 0; i < n_words; i++)
    if (find_word (text, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* The sentence of @text around @at, as a new string. */
static char *
sentence_around (const char *text,
                 const char *at)
{
  const char *start = at;
  const char *end = at;

  while (start > text)
    {
      const char *prev = g_utf8_find_prev_char (text, start);
      gunichar c = g_utf8_get_char (prev);

      if (c == '\n' || c == 0x3002 || c == '.' || c == '!' || c == '?' || c == 0xFF01 || c == 0xFF1F)
        break;
      start = prev;
    }
  while (*end != '\0')
    {
      gunichar c = g_utf8_get_char (end);

      if (c == '\n' || c == 0x3002 || c == '!' || c == '?' || c == 0xFF01 || c == 0xFF1F
          || (c == '.' && (end[1] == ' ' || end[1] == '\0')))
        break;
      end = g_utf8_next_char (end);
    }
  return g_strndup (start, (gsize) (end - start));
}

typedef struct {
  GPtrArray *words;    /* case-folded keywords of one sector (owned strings) */
} SectorWords;

static char *
fold (const char *s)
{
  g_autofree char *nfkc = g_utf8_normalize (s, -1, G_NORMALIZE_NFKC);

  return g_utf8_casefold (nfkc != NULL ? nfkc : "", -1);
}

static gboolean
group_matches (const SynonymGroup *g,
               const OdanSector   *s)
{
  g_autofree char *name = fold (s->name != NULL ? s->name : "");
  g_autofree char *name_ja = fold (s->name_ja != NULL ? s->name_ja : "");
  g_autofree char *id = fold (s->id);

  for (guint i = 0; i < G_N_ELEMENTS (g->ids) && g->ids[i] != NULL; i++)
    if (strcmp (id, g->ids[i]) == 0 || find_word (name, g->ids[i]) != NULL
        || (!is_ascii (g->ids[i]) && strstr (name_ja, g->ids[i]) != NULL))
      return TRUE;
  return FALSE;
}

static void
add_word (GPtrArray  *words,
          const char *word)
{
  char *w;

  if (word == NULL || word[0] == '\0')
    return;
  w = fold (word);
  for (guint i = 0; i < words->len; i++)
    if (strcmp (g_ptr_array_index (words, i), w) == 0)
      {
        g_free (w);
        return;
      }
  g_ptr_array_add (words, w);
}

static GPtrArray *
sector_words (const OdanSector *s)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  add_word (words, s->id);
  add_word (words, s->name);
  add_word (words, s->name_ja);
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    if (group_matches (&groups[g], s))
      for (guint i = 0; i < G_N_ELEMENTS (groups[g].words) && groups[g].words[i] != NULL; i++)
        add_word (words, groups[g].words[i]);
  return words;
}

/* ------------------------------------------------------------------ */
/* The run */

typedef struct {
  OdanPreview *preview;
  double      *value;       /* per node */
  guint       *n_below;     /* per sector */
  double      *sum;         /* per sector */
  guint       *n_nodes;     /* per sector */
  gboolean    *dirty;       /* per sector */
  GArray     **spans;       /* per sector, OdanPreviewSpan */
  double       now;
  gboolean     pending;
} Run;

static void
settle (Run *run)
{
  OdanPreview *p = run->preview;

  if (!run->pending)
    return;
  for (guint s = 0; s < p->n_sectors; s++)
    {
      OdanPreviewSector *ps = &p->sectors[s];
      GArray *spans = run->spans[s];
      gboolean degraded = run->n_below[s] > 0;
      gboolean open = spans->len > 0 && g_array_index (spans, OdanPreviewSpan, spans->len - 1).end < 0;
      double level;

      if (!run->dirty[s])
        continue;
      run->dirty[s] = FALSE;
      if (degraded && !open)
        {
          OdanPreviewSpan span = { run->now, -1.0 };

          g_array_append_val (spans, span);
          if (ps->first_degraded < 0)
            ps->first_degraded = run->now;
        }
      else if (!degraded && open)
        g_array_index (spans, OdanPreviewSpan, spans->len - 1).end = run->now;

      level = run->n_nodes[s] > 0 ? run->sum[s] / run->n_nodes[s] : 1.0;
      if (degraded && level < ps->worst_level)
        {
          ps->worst_level = level;
          ps->worst_time = run->now;
        }
    }
  run->pending = FALSE;
}

static void
on_change (const OdanChange *change,
           gpointer          user_data)
{
  Run *run = user_data;
  const OdanPack *pack = run->preview->pack;
  guint32 s = pack->nodes[change->node].sector;
  double old = run->value[change->node];

  if (change->time > run->now)
    {
      settle (run);
      run->now = change->time;
    }
  run->pending = TRUE;
  if (s >= run->preview->n_sectors)
    return;
  if (old < 1.0 && change->value >= 1.0)
    run->n_below[s]--;
  else if (old >= 1.0 && change->value < 1.0)
    run->n_below[s]++;
  run->sum[s] += change->value - old;
  run->value[change->node] = change->value;
  run->dirty[s] = TRUE;
}

/* ------------------------------------------------------------------ */
/* Injects */

static OdanPreviewTiming
timing_at (const OdanPreviewSector *ps,
           double                   t,
           double                  *reference)
{
  *reference = -1.0;
  for (guint i = 0; i < ps->n_spans; i++)
    {
      const OdanPreviewSpan *span = &ps->spans[i];

      if (span->start <= t && (span->end < 0 || t < span->end))
        return ODAN_PREVIEW_TIMING_OK;
      if (span->start > t)
        {
          *reference = span->start;
          return ODAN_PREVIEW_TIMING_EARLY;
        }
    }
  if (ps->n_spans == 0)
    return ODAN_PREVIEW_TIMING_EARLY;
  /* the last span ended before t */
  if (t - ps->spans[ps->n_spans - 1].end > ODAN_PREVIEW_LATE_MINUTES)
    {
      *reference = ps->spans[ps->n_spans - 1].end;
      return ODAN_PREVIEW_TIMING_LATE;
    }
  return ODAN_PREVIEW_TIMING_OK;
}

static void
mark_effect_sectors (const OdanPack *pack,
                     const OdanInject *in,
                     gboolean       *by_effect)
{
  if (in->effects == NULL)
    return;
  for (guint i = 0; i < in->effects->len; i++)
    {
      const OdanEffect *e = &g_array_index (in->effects, OdanEffect, i);

      if (odan_effect_on_edge (e))
        {
          if (e->edge < pack->n_edges)
            by_effect[pack->nodes[pack->edges[e->edge].dependent].sector] = TRUE;
          continue;
        }
      for (guint32 k = 0; k < e->n_nodes; k++)
        if (e->nodes[k] < pack->n_nodes)
          by_effect[pack->nodes[e->nodes[k]].sector] = TRUE;
    }
}

static void
analyse_inject (OdanPreview       *p,
                GPtrArray        **words,
                guint32            i)
{
  const OdanPack *pack = p->pack;
  const OdanInject *in = &pack->injects[i];
  OdanPreviewInject *pi = &p->injects[i];
  g_autofree gboolean *by_effect = g_new0 (gboolean, MAX (p->n_sectors, 1));
  g_autoptr(GArray) mentions = g_array_new (FALSE, TRUE, sizeof (OdanPreviewMention));
  g_autofree char *joined = g_strjoin ("\n", in->title != NULL ? in->title : "",
                                       in->title_ja != NULL ? in->title_ja : "",
                                       in->body != NULL ? in->body : "",
                                       in->body_ja != NULL ? in->body_ja : "", NULL);
  g_autofree char *text = fold (joined);

  pi->inject = i;
  pi->time = in->time;
  mark_effect_sectors (pack, in, by_effect);

  for (guint32 s = 0; s < p->n_sectors; s++)
    {
      OdanPreviewMention m = { s, FALSE, by_effect[s], FALSE, ODAN_PREVIEW_TIMING_NONE, -1.0, NULL };
      GPtrArray *w = words[s];

      for (guint k = 0; k < w->len; k++)
        {
          const char *word = g_ptr_array_index (w, k);
          const char *at = find_word (text, word);

          if (at == NULL)
            continue;
          if (!m.by_keyword)
            {
              m.by_keyword = TRUE;
              m.keyword = g_strdup (word);
            }
          {
            g_autofree char *sentence = sentence_around (text, at);
            gboolean recovery = contains_any (sentence, recovery_words, G_N_ELEMENTS (recovery_words));
            gboolean outage = contains_any (word, outage_keywords, G_N_ELEMENTS (outage_keywords))
                              || contains_any (sentence, outage_words, G_N_ELEMENTS (outage_words));

            if (outage && !recovery)
              {
                m.outage = TRUE;
                g_free (m.keyword);
                m.keyword = g_strdup (word);
                break;
              }
          }
        }
      if (!m.by_keyword && !m.by_effect)
        continue;
      if (m.outage)
        {
          m.timing = timing_at (&p->sectors[s], in->time, &m.reference);
          pi->flagged |= m.timing == ODAN_PREVIEW_TIMING_EARLY;
          pi->noted |= m.timing == ODAN_PREVIEW_TIMING_LATE;
        }
      g_array_append_val (mentions, m);
    }
  pi->n_mentions = mentions->len;
  pi->mentions = (OdanPreviewMention *) (void *) g_array_free (g_steal_pointer (&mentions), FALSE);
}

/* The sectors' bands when the pack's folder has uncertain values; a file
 * with errors gives none (validate and simulate --runs report them). */
static OdanRuns *
sector_bands (const OdanPack *pack,
              double          until)
{
  g_autoptr(OdanUncertainty) u = NULL;
  g_autofree guint32 *group_of = NULL;

  if (pack->path == NULL || !g_file_test (pack->path, G_FILE_TEST_IS_DIR)
      || pack->n_nodes > ODAN_RUNS_VIEW_MAX_NODES)
    return NULL;
  u = odan_uncertainty_load (pack, NULL, NULL, NULL);
  if (u == NULL || u->rows->len == 0)
    return NULL;
  group_of = g_new (guint32, MAX (pack->n_nodes, 1));
  for (guint32 n = 0; n < pack->n_nodes; n++)
    group_of[n] = pack->nodes[n].sector < pack->n_sectors ? pack->nodes[n].sector : ODAN_NONE;
  return odan_runs_compute_groups (pack, u, NULL, ODAN_PREVIEW_RUNS, ODAN_PREVIEW_SEED, until,
                                   group_of, pack->n_sectors);
}

OdanPreview *
odan_preview_run (const OdanPack *pack,
                  double          until)
{
  OdanPreview *p;
  OdanSim *sim;
  g_autoptr(OdanReplay) plan = NULL;
  Run run = { 0 };
  GPtrArray **words;

  g_return_val_if_fail (pack != NULL, NULL);

  p = g_new0 (OdanPreview, 1);
  p->pack = pack;
  p->until = until >= 0 ? until : pack->duration;
  p->n_sectors = pack->n_sectors;
  p->sectors = g_new0 (OdanPreviewSector, MAX (p->n_sectors, 1));
  p->n_injects = pack->n_injects;
  p->injects = g_new0 (OdanPreviewInject, MAX (p->n_injects, 1));

  run.preview = p;
  run.value = g_new (double, MAX (pack->n_nodes, 1));
  run.n_below = g_new0 (guint, MAX (p->n_sectors, 1));
  run.sum = g_new0 (double, MAX (p->n_sectors, 1));
  run.n_nodes = g_new0 (guint, MAX (p->n_sectors, 1));
  run.dirty = g_new0 (gboolean, MAX (p->n_sectors, 1));
  run.spans = g_new0 (GArray *, MAX (p->n_sectors, 1));
  for (guint s = 0; s < p->n_sectors; s++)
    {
      p->sectors[s].sector = s;
      p->sectors[s].first_degraded = -1.0;
      p->sectors[s].worst_time = -1.0;
      p->sectors[s].worst_level = 1.0;
      run.spans[s] = g_array_new (FALSE, FALSE, sizeof (OdanPreviewSpan));
    }
  for (guint32 n = 0; n < pack->n_nodes; n++)
    {
      run.value[n] = 1.0;
      if (pack->nodes[n].sector < p->n_sectors)
        {
          run.n_nodes[pack->nodes[n].sector]++;
          run.sum[pack->nodes[n].sector] += 1.0;
        }
    }

  sim = odan_sim_new (pack);
  plan = odan_replay_new_msel (pack);
  odan_replay_run (plan, sim, G_MAXUINT, p->until, on_change, &run);
  settle (&run);
  odan_sim_free (sim);

  for (guint s = 0; s < p->n_sectors; s++)
    {
      p->sectors[s].n_spans = run.spans[s]->len;
      p->sectors[s].spans = (OdanPreviewSpan *) (void *) g_array_free (run.spans[s], FALSE);
    }

  words = g_new0 (GPtrArray *, MAX (p->n_sectors, 1));
  for (guint s = 0; s < p->n_sectors; s++)
    words[s] = sector_words (&pack->sectors[s]);
  for (guint32 i = 0; i < p->n_injects; i++)
    analyse_inject (p, words, i);
  for (guint s = 0; s < p->n_sectors; s++)
    g_ptr_array_unref (words[s]);
  g_free (words);
  p->bands = sector_bands (pack, p->until);

  g_free (run.value);
  g_free (run.n_below);
  g_free (run.sum);
  g_free (run.n_nodes);
  g_free (run.dirty);
  g_free (run.spans);
  return p;
}

void
odan_preview_free (OdanPreview *preview)
{
  if (preview == NULL)
    return;
  for (guint s = 0; s < preview->n_sectors; s++)
    g_free (preview->sectors[s].spans);
  g_free (preview->sectors);
  for (guint i = 0; i < preview->n_injects; i++)
    {
      for (guint k = 0; k < preview->injects[i].n_mentions; k++)
        g_free (preview->injects[i].mentions[k].keyword);
      g_free (preview->injects[i].mentions);
    }
  g_free (preview->injects);
  g_clear_pointer (&preview->bands, odan_runs_free);
  g_free (preview);
}
