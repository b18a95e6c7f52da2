/* odan-gen-pack.c — writes a large synthetic scenario pack for the benchmark
 *
 *   odan-gen-pack OUTDIR [--nodes N] [--edges-per-node K] [--effects E]
 *                        [--days D] [--seed S] [--near-span W] [--far-percent P]
 *                        [--every-effect]
 *
 * The defaults give the "hard case" of the benchmark: 100,000 nodes, about
 * 1,000,000 dependency edges, 1,000 `set` injects over 7 days, about 45 MB
 * of CSV, written in well under a second. The same arguments always give
 * byte-identical files: every random draw comes from splitmix64 streams
 * seeded by --seed, consumed in a fixed order.
 *
 * Shape of the network:
 *  - Nodes n000000 … sit on a ring. The ring is cut into 50 contiguous arcs,
 *    one per region (the 47 prefectures and three island areas), so that
 *    "nearby" on the ring means "in the same or the next region". Sectors
 *    (Japan's 14 critical infrastructure sectors plus ports) alternate along
 *    the ring, so every neighbourhood mixes sectors.
 *  - Every node gets K-3 … K+3 providers (K on average), never itself and
 *    never the same one twice: 80 % of them within W = 48 positions either
 *    side on the ring, 20 % anywhere. Dependencies run both ways around the
 *    ring, so the graph is full of cycles, as real ones are.
 *  - Strength is uniform in (0, 1]. 60 % of the edges have no buffer, so an
 *    outage reaches the dependent at once; the other 40 % have buffers of
 *    30 minutes to 3 days (log-uniform), a third of those with a coverage
 *    below 1. 90 % of the edges have no lag, the rest one of eight round
 *    lags from 5 minutes to 6 hours (a handful of distinct lags, as in a real
 *    pack); a quarter have a restart time (10 minutes to 12 hours); one
 *    dependent in eight takes two of its providers as alternatives (an OR
 *    group named "feed"). One dependent in ten cites a source on its first
 *    edge, so the loader's string interning has something to do.
 *  - Injects are spread uniformly over the days and written in time order,
 *    all `set` effects to everyone: 75 % `set NODE 0 for DURATION` (2 hours
 *    to 4 days, log-uniform), 5 % partial values, 10 % open-ended, 10 % one
 *    sector in one region (`set sector=S,region=R 0 for DURATION`, ~130 nodes).
 *  - With --every-effect the injects use every kind of effect instead (the
 *    memory of a real exercise's log, not only outages): 45 % timed `set`,
 *    5 % partial, 5 % open-ended, 5 % over a selector, 8 % `restore` of a
 *    node an open-ended set took down, 8 % `floor` (a tenth of them over a
 *    selector), 12 % `buffer P->D +DURATION` and 8 % `strength P->D *F` on
 *    an edge of the pack (the dependent's first provider), 2 % `priority`
 *    of a resupply row and 2 % `units` added to a pool; one inject in ten
 *    carries a second effect. The network is the same as without it; it
 *    adds pools.csv (3 trucks and 500 loads per region) and resupply.csv
 *    (one dependent in 1,000 refuelled by truck over a random route node).
 *
 * Why these numbers: the far providers make the network a small world, so
 * the first outages degrade nearly every node a little, and most of the
 * network stays degraded from then on. With the defaults and seed 1 the
 * engine reports about 2.0 million changes over the 7 days (other seeds
 * give 2.0–2.5 million); fewer far providers or shorter outages give more
 * changes, not fewer, because less of the network is already held down
 * when the next outage starts or ends.
 *
 * Output: scenario.ini, sectors.csv, nodes.csv, dependencies.csv, teams.csv
 * and injects.csv in OUTDIR (created if missing), in the format that
 * scenarios/README.md documents.
 */
#define G_LOG_DOMAIN "odan-bench"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const sector_ids[] = {
  "telecom", "finance", "aviation", "airport", "railway", "electricity",
  "gas", "government", "medical", "water", "logistics", "chemical",
  "credit", "petroleum", "ports",
};
static const char *const sector_names[] = {
  "Information and communication", "Finance", "Aviation", "Airports",
  "Railways", "Electric power supply", "Gas supply",
  "Government and administrative services", "Medical services",
  "Water supply", "Logistics", "Chemical industries", "Credit card services",
  "Petroleum", "Ports",
};
#define N_SECTORS G_N_ELEMENTS (sector_ids)

static const char *const region_ids[] = {
  "hokkaido", "aomori", "iwate", "miyagi", "akita", "yamagata", "fukushima",
  "ibaraki", "tochigi", "gunma", "saitama", "chiba", "tokyo", "kanagawa",
  "niigata", "toyama", "ishikawa", "fukui", "yamanashi", "nagano", "gifu",
  "shizuoka", "aichi", "mie", "shiga", "kyoto", "osaka", "hyogo", "nara",
  "wakayama", "tottori", "shimane", "okayama", "hiroshima", "yamaguchi",
  "tokushima", "kagawa", "ehime", "kochi", "fukuoka", "saga", "nagasaki",
  "kumamoto", "oita", "miyazaki", "kagoshima", "okinawa",
  "izu-islands", "ogasawara", "amami",
};
#define N_REGIONS G_N_ELEMENTS (region_ids)

/* --every-effect: one dependent in this many is resupplied */
#define RESUPPLY_EVERY 1000
#define RESUPPLY_AT    7

static const char *const dep_types[] = { "physical", "cyber", "geographic", "logical" };

/* Lags and restarts come from short lists of round values, as people write
 * them (and as a real pack has them: a handful of distinct lags). */
static const char *const lag_values[] = { "5m", "10m", "15m", "30m", "1h", "2h", "3h", "6h" };
static const char *const restart_values[] = { "10m", "30m", "1h", "2h", "4h", "12h" };

/* splitmix64: tiny, fast, and the same sequence on every platform. */
typedef struct { guint64 state; } Rng;

static guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double
rng_double (Rng *rng)
{
  return (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform in [0, n). The modulo bias is far below anything that matters here. */
static guint32
rng_below (Rng *rng, guint32 n)
{
  return (guint32) (rng_next (rng) % n);
}

static gboolean
rng_chance (Rng *rng, double p)
{
  return rng_double (rng) < p;
}

/* Log-uniform whole minutes in [lo, hi], rounded to 5 minutes above an hour
 * so the files read like a person wrote them. */
static guint
rng_minutes (Rng *rng, double lo, double hi)
{
  double m = exp (log (lo) + rng_double (rng) * (log (hi) - log (lo)));
  guint r = (guint) floor (m + 0.5);
  if (r > 60)
    r = (r + 2) / 5 * 5;
  return r;
}

/* Whole minutes as the spec writes durations: "1d6h30m", "45m". */
static void
format_duration (char *buf, gsize size, guint minutes)
{
  guint d = minutes / 1440, h = minutes / 60 % 24, m = minutes % 60;
  gsize n = 0;

  buf[0] = '\0';
  if (d > 0)
    n += g_snprintf (buf + n, size - n, "%ud", d);
  if (h > 0)
    n += g_snprintf (buf + n, size - n, "%uh", h);
  if (m > 0 || n == 0)
    g_snprintf (buf + n, size - n, "%um", m);
}

typedef struct {
  const char *dir;
  char       *path;
  FILE       *fp;
} Out;

static gboolean
out_open (Out *out, const char *dir, const char *name, GError **error)
{
  out->dir = dir;
  out->path = g_build_filename (dir, name, NULL);
  out->fp = fopen (out->path, "w");
  if (out->fp == NULL)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "%s: cannot create: %s", out->path, g_strerror (saved));
      g_clear_pointer (&out->path, g_free);
      return FALSE;
    }
  /* One big buffer: dependencies.csv is a million short lines. */
  setvbuf (out->fp, NULL, _IOFBF, 1 << 20);
  return TRUE;
}

static gboolean
out_close (Out *out, GError **error)
{
  gboolean failed = ferror (out->fp) != 0;
  int saved = errno;

  if (fclose (out->fp) != 0 && !failed)
    {
      failed = TRUE;
      saved = errno;
    }
  out->fp = NULL;
  if (failed)
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                 "%s: cannot write: %s", out->path, g_strerror (saved));
  g_clear_pointer (&out->path, g_free);
  return !failed;
}

typedef struct {
  guint   n_nodes;
  guint   edges_per_node;
  guint   n_effects;
  guint   days;
  guint64 seed;
  guint   near_span;      /* "nearby": at most this many positions either side */
  guint   far_percent;    /* share of providers drawn from anywhere on the ring */
  gboolean every_effect;  /* injects of every effect kind, not only set */
  guint  *first_provider; /* per dependent, its first provider or G_MAXUINT (--every-effect) */
} Params;

static guint
node_sector (guint i)
{
  return i % N_SECTORS;
}

static guint
node_region (const Params *p, guint i)
{
  return (guint) ((guint64) i * N_REGIONS / p->n_nodes);
}

static gboolean
write_scenario (const char *dir, const Params *p, GError **error)
{
  Out out;

  if (!out_open (&out, dir, "scenario.ini", error))
    return FALSE;
  fprintf (out.fp,
           "# Generated by odan-gen-pack --nodes %u --edges-per-node %u --effects %u --days %u --seed %" G_GUINT64_FORMAT "%s\n"
           "[scenario]\n"
           "id=bench-%u\n"
           "title=Benchmark: %u nodes, about %u edges, %u injects over %u days\n"
           "title[ja]=ベンチマーク（%u ノード）\n"
           "description=A synthetic network for measuring the engine; not a model of any real place.\n"
           "start=2015-12-08T09:00+09:00\n"
           "duration=%ud\n",
           p->n_nodes, p->edges_per_node, p->n_effects, p->days, p->seed,
           p->every_effect ? " --every-effect" : "",
           p->n_nodes, p->n_nodes, p->n_nodes * p->edges_per_node, p->n_effects,
           p->days, p->n_nodes, p->days);
  return out_close (&out, error);
}

static gboolean
write_sectors_and_teams (const char *dir, GError **error)
{
  Out out;

  if (!out_open (&out, dir, "sectors.csv", error))
    return FALSE;
  fputs ("id,name\n", out.fp);
  for (guint s = 0; s < N_SECTORS; s++)
    fprintf (out.fp, "%s,%s\n", sector_ids[s], sector_names[s]);
  if (!out_close (&out, error))
    return FALSE;

  if (!out_open (&out, dir, "teams.csv", error))
    return FALSE;
  fputs ("id,name\n", out.fp);
  for (guint s = 0; s < N_SECTORS; s++)
    fprintf (out.fp, "team-%s,%s team\n", sector_ids[s], sector_names[s]);
  return out_close (&out, error);
}

static gboolean
write_nodes (const char *dir, const Params *p, GError **error)
{
  Out out;

  if (!out_open (&out, dir, "nodes.csv", error))
    return FALSE;
  fputs ("id,sector,name,region\n", out.fp);
  for (guint i = 0; i < p->n_nodes; i++)
    {
      guint s = node_sector (i), r = node_region (p, i);
      fprintf (out.fp, "n%06u,%s,%s %u (%s),%s\n",
               i, sector_ids[s], sector_names[s], i, region_ids[r], region_ids[r]);
    }
  return out_close (&out, error);
}

/* A provider for @d: near it on the ring most of the time, else anywhere. */
static guint
draw_provider (Rng *rng, const Params *p, guint d)
{
  if (rng_below (rng, 100) < p->far_percent)
    return rng_below (rng, p->n_nodes);

  guint span = MAX (1, MIN (p->near_span, (p->n_nodes - 1) / 2));
  gint64 off = (gint64) rng_below (rng, 2 * span + 1) - span;
  return (guint) (((gint64) d + off + p->n_nodes) % p->n_nodes);
}

static gboolean
write_dependencies (const char *dir, const Params *p, guint64 *out_n_edges, GError **error)
{
  Out out;
  Rng rng = { p->seed ^ G_GUINT64_CONSTANT (0x0DA7ED6E5) };
  guint max_k = p->edges_per_node + 3;
  g_autofree guint *providers = g_new (guint, max_k);
  guint64 n_edges = 0;

  if (!out_open (&out, dir, "dependencies.csv", error))
    return FALSE;
  fputs ("provider,dependent,type,strength,buffer,lag,restart,coverage,group,source\n", out.fp);

  for (guint d = 0; d < p->n_nodes; d++)
    {
      guint lo = p->edges_per_node >= 3 ? p->edges_per_node - 3 : 0;
      guint k = lo + rng_below (&rng, max_k - lo + 1);
      guint n = 0, group_a = G_MAXUINT, group_b = G_MAXUINT;

      /* With a tiny ring there may not be k distinct other nodes. */
      k = MIN (k, p->n_nodes - 1);
      while (n < k)
        {
          guint c = draw_provider (&rng, p, d);
          gboolean dup = c == d;
          for (guint j = 0; j < n && !dup; j++)
            dup = providers[j] == c;
          if (!dup)
            providers[n++] = c;
        }

      if (n >= 3 && rng_chance (&rng, 0.125))
        {
          group_a = rng_below (&rng, n);
          group_b = (group_a + 1 + rng_below (&rng, n - 1)) % n;
        }

      if (p->first_provider != NULL)
        p->first_provider[d] = n > 0 ? providers[0] : G_MAXUINT;
      for (guint j = 0; j < n; j++)
        {
          char buffer[32] = "", lag[32] = "", restart[32] = "", coverage[16] = "";
          double t = rng_double (&rng);
          const char *type = dep_types[t < 0.45 ? 0 : t < 0.70 ? 1 : t < 0.85 ? 2 : 3];
          guint strength = 1 + rng_below (&rng, 1000);

          if (rng_chance (&rng, 0.40))
            {
              format_duration (buffer, sizeof buffer, rng_minutes (&rng, 30, 3 * 1440));
              if (rng_chance (&rng, 0.33))
                g_snprintf (coverage, sizeof coverage, "%.2f",
                            0.30 + 0.05 * rng_below (&rng, 14));
            }
          if (rng_chance (&rng, 0.10))
            g_strlcpy (lag, lag_values[rng_below (&rng, G_N_ELEMENTS (lag_values))], sizeof lag);
          if (rng_chance (&rng, 0.25))
            g_strlcpy (restart, restart_values[rng_below (&rng, G_N_ELEMENTS (restart_values))], sizeof restart);

          fprintf (out.fp, "n%06u,n%06u,%s,%u.%03u,%s,%s,%s,%s,%s,%s\n",
                   providers[j], d, type, strength / 1000, strength % 1000,
                   buffer, lag, restart, coverage,
                   j == group_a || j == group_b ? "feed" : "",
                   j == 0 && d % 10 == 0 ? "synthetic" : "");
          n_edges++;
        }
    }

  *out_n_edges = n_edges;
  return out_close (&out, error);
}

typedef struct {
  guint       minute;
  guint       draw;       /* order of drawing: ties keep it, so every qsort agrees */
  const char *effect;     /* owned by write_injects()'s texts */
} Inject;

static int
inject_compare (gconstpointer a, gconstpointer b)
{
  const Inject *x = a, *y = b;

  if (x->minute != y->minute)
    return x->minute < y->minute ? -1 : 1;
  return x->draw < y->draw ? -1 : x->draw > y->draw;
}

/* One effect of every kind (--every-effect), from the kind draw @kind. The
 * nodes that open-ended sets took down wait in @down for a restore. */
static char *
every_effect (const Params *p, Rng *rng, double kind, guint node, const char *duration, GArray *down)
{
  guint provider = p->first_provider[node];

  if (kind < 0.45)
    return g_strdup_printf ("set n%06u 0 for %s", node, duration);
  if (kind < 0.50)
    return g_strdup_printf ("set n%06u 0.%u for %s", node, 1 + rng_below (rng, 8), duration);
  if (kind < 0.55)
    {
      g_array_append_val (down, node);
      return g_strdup_printf ("set n%06u 0", node);
    }
  if (kind < 0.60)
    return g_strdup_printf ("set sector=%s,region=%s 0 for %s", sector_ids[node_sector (node)],
                            region_ids[node_region (p, node)], duration);
  if (kind < 0.68)
    return g_strdup_printf ("restore n%06u",
                            down->len > 0 ? g_array_index (down, guint, rng_below (rng, down->len)) : node);
  if (kind < 0.752)
    return g_strdup_printf ("floor n%06u 0.%u for %s", node, 1 + rng_below (rng, 9), duration);
  if (kind < 0.76)
    return g_strdup_printf ("floor sector=%s,region=%s 0.5 for %s", sector_ids[node_sector (node)],
                            region_ids[node_region (p, node)], duration);
  if (provider == G_MAXUINT)
    return g_strdup_printf ("restore n%06u", node);
  if (kind < 0.88)
    return g_strdup_printf ("buffer n%06u->n%06u +%s", provider, node, duration);
  if (kind < 0.96)
    return g_strdup_printf ("strength n%06u->n%06u *0.%u", provider, node, 1 + rng_below (rng, 9));
  if (kind < 0.98)
    {
      /* a row of resupply.csv: the resupplied node nearest below */
      guint r = node - node % RESUPPLY_EVERY + RESUPPLY_AT;
      if (r < p->n_nodes && p->first_provider[r] != G_MAXUINT)
        return g_strdup_printf ("priority n%06u->n%06u %u", p->first_provider[r], r, rng_below (rng, 3));
    }
  return g_strdup_printf ("units %s-%s +%u", kind < 0.99 ? "trucks" : "depot",
                          region_ids[node_region (p, node)], 1 + rng_below (rng, 3));
}

/* --every-effect: a truck pool and a depot per region, and a resupply row
 * for one dependent in RESUPPLY_EVERY, so that the priority and units
 * effects have something to act on (SEMANTICS.md §14). */
static gboolean
write_resupply (const char *dir, const Params *p, GError **error)
{
  Out out;
  Rng rng = { p->seed ^ G_GUINT64_CONSTANT (0x7E5A991) };

  if (!out_open (&out, dir, "pools.csv", error))
    return FALSE;
  fputs ("id,name,capacity\n", out.fp);
  for (guint r = 0; r < N_REGIONS; r++)
    fprintf (out.fp, "trucks-%s,Tank trucks %s,3\ndepot-%s,Depot %s,500\n",
             region_ids[r], region_ids[r], region_ids[r], region_ids[r]);
  if (!out_close (&out, error))
    return FALSE;
  if (!out_open (&out, dir, "resupply.csv", error))
    return FALSE;
  fputs ("provider,dependent,trucks,stock,load,capacity,reorder,travel,turnaround,route,route_min,priority\n", out.fp);
  for (guint d = RESUPPLY_AT; d < p->n_nodes; d += RESUPPLY_EVERY)
    {
      const char *region = region_ids[node_region (p, d)];
      if (p->first_provider[d] == G_MAXUINT)
        continue;
      fprintf (out.fp, "n%06u,n%06u,trucks-%s,depot-%s,12h,1d,6h,%um,,n%06u,0.5,%u\n",
               p->first_provider[d], d, region, region, 30 + rng_below (&rng, 150),
               rng_below (&rng, p->n_nodes), rng_below (&rng, 3));
    }
  return out_close (&out, error);
}

static gboolean
write_injects (const char *dir, const Params *p, GError **error)
{
  Out out;
  Rng rng = { p->seed ^ G_GUINT64_CONSTANT (0x1A7EC75) };
  guint horizon = p->days * 1440;
  g_autofree Inject *injects = g_new0 (Inject, p->n_effects);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) down = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < p->n_effects; i++)
    {
      char duration[32];
      guint node = rng_below (&rng, p->n_nodes);
      double kind = rng_double (&rng);
      char *effect;

      injects[i].minute = rng_below (&rng, horizon);
      injects[i].draw = i;
      format_duration (duration, sizeof duration, rng_minutes (&rng, 120, 4 * 1440));

      if (p->every_effect)
        {
          effect = every_effect (p, &rng, kind, node, duration, down);
          if (rng_chance (&rng, 0.10))
            {
              g_autofree char *first = effect;
              guint other = rng_below (&rng, p->n_nodes);
              g_autofree char *second = every_effect (p, &rng, rng_double (&rng), other, duration, down);
              effect = g_strdup_printf ("%s; %s", first, second);
            }
        }
      else if (kind < 0.75)
        effect = g_strdup_printf ("set n%06u 0 for %s", node, duration);
      else if (kind < 0.80)
        effect = g_strdup_printf ("set n%06u 0.%u for %s", node, 1 + rng_below (&rng, 8), duration);
      else if (kind < 0.90)
        effect = g_strdup_printf ("set n%06u 0", node);
      else
        /* The sector of a node in the region it sits in: ~N/750 nodes. */
        effect = g_strdup_printf ("set sector=%s,region=%s 0 for %s",
                                  sector_ids[node_sector (node)],
                                  region_ids[node_region (p, node)], duration);
      g_ptr_array_add (texts, effect);
      injects[i].effect = effect;
    }
  qsort (injects, p->n_effects, sizeof *injects, inject_compare);

  if (!out_open (&out, dir, "injects.csv", error))
    return FALSE;
  fputs ("id,time,to,title,effect\n", out.fp);
  for (guint i = 0; i < p->n_effects; i++)
    {
      char time[32];
      format_duration (time, sizeof time, injects[i].minute);
      /* Selectors hold a comma: quote every effect field alike. */
      fprintf (out.fp, "i%04u,+%s,all,Outage %u,\"%s\"\n",
               i + 1, time, i + 1, injects[i].effect);
    }
  return out_close (&out, error);
}

int
main (int argc, char **argv)
{
  gint nodes = 100000, edges_per_node = 10, effects = 1000, days = 7;
  gint64 seed = 1;
  gint near_span = 48, far_percent = 20;
  gboolean every = FALSE;
  GOptionEntry entries[] = {
    { "nodes", 0, 0, G_OPTION_ARG_INT, &nodes, "Number of nodes (default 100000)", "N" },
    { "edges-per-node", 0, 0, G_OPTION_ARG_INT, &edges_per_node, "Average providers per node (default 10)", "K" },
    { "effects", 0, 0, G_OPTION_ARG_INT, &effects, "Number of set injects (default 1000)", "E" },
    { "days", 0, 0, G_OPTION_ARG_INT, &days, "Days the injects spread over (default 7)", "D" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed (default 1)", "S" },
    { "near-span", 0, 0, G_OPTION_ARG_INT, &near_span, "Nearby providers lie at most W ring positions away (default 48)", "W" },
    { "far-percent", 0, 0, G_OPTION_ARG_INT, &far_percent, "Percentage of providers drawn from anywhere (default 20)", "P" },
    { "every-effect", 0, 0, G_OPTION_ARG_NONE, &every, "Injects of every effect kind (set, restore, floor, buffer, strength, priority, units), not only set; with pools and resupply rows", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("OUTDIR — write a synthetic benchmark pack");
  g_autoptr(GError) error = NULL;
  guint64 n_edges = 0;
  gint64 t0 = g_get_monotonic_time ();

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("odan-gen-pack: %s\n", error->message);
      return 2;
    }
  if (argc != 2)
    {
      g_printerr ("odan-gen-pack: expected one OUTDIR (see --help)\n");
      return 2;
    }
  if (nodes < 2 || edges_per_node < 0 || effects < 0 || days < 1 || seed < 0
      || near_span < 1 || far_percent < 0 || far_percent > 100)
    {
      g_printerr ("odan-gen-pack: --nodes must be at least 2, --days and --near-span at least 1, "
                  "--far-percent in 0..100, and --edges-per-node, --effects, --seed not negative\n");
      return 2;
    }
  if (nodes > 999999)
    {
      /* Ids are n + six digits, so that byte order is numeric order. */
      g_printerr ("odan-gen-pack: --nodes must be at most 999999\n");
      return 2;
    }

  Params p = {
    .n_nodes = (guint) nodes,
    .edges_per_node = (guint) edges_per_node,
    .n_effects = (guint) effects,
    .days = (guint) days,
    .seed = (guint64) seed,
    .near_span = (guint) near_span,
    .far_percent = (guint) far_percent,
    .every_effect = every,
  };
  g_autofree guint *first_provider = every ? g_new (guint, nodes) : NULL;
  const char *dir = argv[1];

  p.first_provider = first_provider;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;
      g_printerr ("odan-gen-pack: %s: cannot create folder: %s\n", dir, g_strerror (saved));
      return 1;
    }

  if (!write_scenario (dir, &p, &error) ||
      !write_sectors_and_teams (dir, &error) ||
      !write_nodes (dir, &p, &error) ||
      !write_dependencies (dir, &p, &n_edges, &error) ||
      (every && !write_resupply (dir, &p, &error)) ||
      !write_injects (dir, &p, &error))
    {
      g_printerr ("odan-gen-pack: %s\n", error->message);
      return 1;
    }

  g_print ("odan-gen-pack: wrote %s: %u nodes, %" G_GUINT64_FORMAT " edges, %u injects over %u days (%.2f s)\n",
           dir, p.n_nodes, n_edges, p.n_effects, p.days,
           (g_get_monotonic_time () - t0) / 1e6);
  return 0;
}
