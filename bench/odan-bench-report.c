/* odan-bench-report.c — measures the after-action report on a big exercise
 *
 *   odan-bench-report [--dir DIR] [--events N] [--teams N] [--runs N] [--keep]
 *
 * Builds a pack in DIR (default: a new temporary folder) with 13 weighted
 * sectors, 2,000 nodes, 200 teams in a relay (NISC, 6 ministries, a CEPTOAR
 * per sector, the rest members), 400 injects over three days with effects
 * and receipt / report deadlines, and 60 mitigations; plays an exercise on
 * it to a log of N events (default 100,000: deliveries, acknowledgements of
 * most of them, ministry reports, other decisions and one decision in forty
 * choosing a mitigation); reopens the file; then times, RUNS times each
 * (default 3), building the report (measures, counterfactual reruns,
 * curves) and writing it as HTML, PDF and CSV. Prints every figure and the
 * median; the target is under 2 s for building plus writing HTML or PDF.
 *
 * Wall-clock times from g_get_monotonic_time(). The folder is removed at
 * the end unless --keep.
 */
#define G_LOG_DOMAIN "odan-bench"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "odan-exercise.h"
#include "odan-report.h"

#define N_SECTORS     13
#define N_NODES       2000
#define N_INJECTS     400
#define N_MITIGATIONS 60
#define DURATION      4320.0

static void
fail (const char *what,
      GError     *error)
{
  fprintf (stderr, "odan-bench-report: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

static void
write_file (const char *dir,
            const char *name,
            GString    *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, text->str, text->len, &error))
    fail (path, error);
}

static const char *const ministries[] = { "経済産業省", "総務省", "金融庁", "国土交通省", "厚生労働省", "内閣府" };

static void
write_pack (const char *dir,
            guint       n_teams,
            GRand      *rand)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_string_assign (s, "[scenario]\nid=bench-report\ntitle=Report benchmark\ntitle[ja]=報告書ベンチマーク\n"
                   "start=2015-12-08T09:00+09:00\nduration=3d\ndescription=A synthetic exercise for timing the report.\n");
  write_file (dir, "scenario.ini", s);

  g_string_assign (s, "id,name,name_ja,ministry,weight\n");
  for (guint i = 0; i < N_SECTORS; i++)
    g_string_append_printf (s, "s%u,Sector %u,分野%u,%s,%u\n", i, i, i, ministries[i % G_N_ELEMENTS (ministries)], 1 + i % 3);
  write_file (dir, "sectors.csv", s);

  g_string_assign (s, "id,sector,name,name_ja\n");
  for (guint i = 0; i < N_NODES; i++)
    g_string_append_printf (s, "n%u,s%u,Node %u,ノード%u\n", i, i % N_SECTORS, i, i);
  write_file (dir, "nodes.csv", s);

  /* each node needs one or two earlier nodes: no duplicates, no self-loops */
  g_string_assign (s, "provider,dependent,type,strength,buffer,lag,restart\n");
  for (guint i = 1; i < N_NODES; i++)
    {
      guint a = g_rand_int_range (rand, 0, i);
      guint b = g_rand_int_range (rand, 0, i);

      g_string_append_printf (s, "n%u,n%u,physical,%.2f,%dm,%dm,%dm\n", a, i, g_rand_double_range (rand, 0.3, 1.0),
                              g_rand_int_range (rand, 0, 4) * 30, g_rand_int_range (rand, 0, 3) * 10,
                              g_rand_int_range (rand, 0, 3) * 15);
      if (b != a)
        g_string_append_printf (s, "n%u,n%u,cyber,%.2f,,,\n", b, i, g_rand_double_range (rand, 0.1, 0.6));
    }
  write_file (dir, "dependencies.csv", s);

  g_string_assign (s, "id,name,name_ja,sector,ceptoar,contact,role,member_of\n");
  g_string_append (s, "nisc,NISC,内閣サイバーセキュリティセンター,,,メール,nisc,\n");
  for (guint i = 0; i < G_N_ELEMENTS (ministries); i++)
    g_string_append_printf (s, "min%u,Ministry %u,%s,,,メール,ministry,\n", i, i, ministries[i]);
  for (guint i = 0; i < N_SECTORS; i++)
    g_string_append_printf (s, "cep%u,CEPTOAR %u,セプター%u,s%u,CEPTOAR%u,メール,ceptoar,\n", i, i, i, i, i);
  for (guint i = 0; i + 1 + G_N_ELEMENTS (ministries) + N_SECTORS < n_teams; i++)
    g_string_append_printf (s, "t%u,Operator %u,事業者%u,s%u,CEPTOAR%u,メール,,cep%u\n", i, i, i,
                            i % N_SECTORS, i % N_SECTORS, i % N_SECTORS);
  write_file (dir, "teams.csv", s);

  g_string_assign (s, "id,time,to,from,channel,title,title_ja,objective,effect\n");
  for (guint i = 0; i < N_INJECTS; i++)
    {
      guint minute = (guint) (i * (DURATION - 120) / N_INJECTS);
      g_autofree char *effect = i % 4 == 0
        ? g_strdup_printf ("set n%u 0 for %uh", g_rand_int_range (rand, 0, N_NODES), 2 + i % 10) : g_strdup ("");

      g_string_append_printf (s, "I-%03u,+%um,%s,Control,メール,Inject %u,状況付与%u,Objective %u,%s\n", i, minute,
                              i % 3 == 0 ? "all" : i % 3 == 1 ? "nisc" : "cep0;cep1;cep2;t0;t1;t2;t3",
                              i, i, i % 5, effect);
    }
  write_file (dir, "injects.csv", s);

  g_string_assign (s, "id,label,label_ja,effect,delay\n");
  for (guint i = 0; i < N_MITIGATIONS; i++)
    g_string_append_printf (s, "M-%02u,Mitigation %u,対策%u,floor n%u 0.8 for 12h,%um\n", i, i, i,
                            g_rand_int_range (rand, 0, N_NODES), i % 4 * 15);
  write_file (dir, "mitigations.csv", s);

  g_string_assign (s, "id,trigger,team,category,stage,within,label,label_ja\n");
  for (guint i = 0; i < N_INJECTS; i += 3)
    g_string_append_printf (s, "D-%03u-ack,I-%03u,to,received,,15m,Confirm receipt,受信確認\n", i, i);
  for (guint i = 2; i < N_INJECTS; i += 6)
    g_string_append_printf (s, "D-%03u-rep,I-%03u,to,ministry-report,initial,1h,Initial report,第一報\n", i, i);
  write_file (dir, "deadlines.csv", s);
}

typedef struct {
  gint64  delivery;
  guint32 team;
  guint32 inject;
} Pending;

static void
play (const char *path,
      const char *pack_dir,
      guint       n_events,
      GRand      *rand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanExercise) ex = odan_exercise_open (path, pack_dir, ODAN_EXERCISE_OPEN_CREATE, &error);
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  const OdanPack *pack;
  guint seen = 0;
  double minute = 0;
  double per_minute;

  if (ex == NULL)
    fail (path, error);
  pack = odan_exercise_get_pack (ex);
  if (odan_exercise_start (ex, ODAN_CLOCK_STEP, 1.0, &error) == 0)
    fail ("start", error);
  per_minute = n_events / (DURATION - 60);

  while (odan_exercise_get_n_events (ex) < n_events && minute < DURATION - 1)
    {
      double budget = per_minute;

      minute += 1;
      if (!odan_exercise_advance_to (ex, minute, &error))
        fail ("advance", error);
      /* new deliveries: every team they reached owes an acknowledgement */
      for (; seen < odan_exercise_get_n_events (ex); seen++)
        {
          const OdanEvent *e = odan_exercise_get_event (ex, seen);
          guint32 inject;

          if (e->kind != ODAN_EVENT_DELIVERY || e->subject == NULL
              || (inject = odan_pack_find_inject (pack, e->subject)) == ODAN_NONE)
            continue;
          for (guint32 t = 0; t < pack->n_teams; t++)
            if (odan_exercise_delivery_reaches (ex, e, t) && g_rand_int_range (rand, 0, 10) != 0)
              {
                Pending p = { e->id, t, inject };

                g_array_append_val (pending, p);
              }
        }
      while (budget > 0 && odan_exercise_get_n_events (ex) < n_events)
        {
          if (pending->len > 0 && g_rand_boolean (rand))
            {
              guint i = g_rand_int_range (rand, 0, MIN (pending->len, 40));
              Pending p = g_array_index (pending, Pending, i);

              g_array_remove_index_fast (pending, i);
              if (odan_exercise_acknowledge (ex, p.delivery, pack->teams[p.team].id, ODAN_ACK_RECEIVED, NULL, &error) == 0)
                fail ("acknowledge", error);
              budget -= 1;
              continue;
            }
          {
            OdanDecision d = { 0 };
            guint32 first_member = 1 + G_N_ELEMENTS (ministries);
            guint32 inject = (guint32) MIN (N_INJECTS - 1, minute * N_INJECTS / (DURATION - 120));

            d.team = g_rand_int_range (rand, first_member, pack->n_teams);
            d.mitigation = ODAN_NONE;
            d.inject = ODAN_NONE;
            switch (g_rand_int_range (rand, 0, 40))
              {
              case 0:
                d.category = ODAN_CATEGORY_BUSINESS_CONTINUITY;
                d.mitigation = g_rand_int_range (rand, 0, N_MITIGATIONS);
                d.summary = (char *) "Apply a mitigation";
                break;
              case 1: case 2: case 3: case 4: case 5: case 6:
                d.category = ODAN_CATEGORY_MINISTRY_REPORT;
                d.stage = ODAN_REPORT_STAGE_INITIAL;
                d.summary = (char *) "Initial report";
                d.inject = inject;
                d.injects = &d.inject;
                d.n_injects = 1;
                break;
              default:
                d.category = ODAN_CATEGORY_OTHER;
                d.summary = (char *) "A note of what the team does";
                break;
              }
            if (odan_exercise_decide (ex, &d, NULL, &error) == 0)
              fail ("decide", error);
            budget -= 1;
          }
        }
    }
  if (odan_exercise_end (ex, &error) == 0)
    fail ("end", error);
}

/* Removes @path and, for a folder, everything in it (the benchmark's own
 * files only: the names are fixed above). */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_remove (path);
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_double);
  return values[n / 2];
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  int n_events = 100000, n_teams = 200, runs = 3;
  gboolean keep = FALSE;
  GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Folder for the pack and the file (default: a new temporary one)", "DIR" },
    { "events", 0, 0, G_OPTION_ARG_INT, &n_events, "Events in the log (default 100000)", "N" },
    { "teams", 0, 0, G_OPTION_ARG_INT, &n_teams, "Teams (default 200)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Times each measurement is repeated (default 3)", "N" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the files", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time the after-action report");
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20151208);
  g_autoptr(OdanExercise) ex = NULL;
  g_autofree char *pack_dir = NULL;
  g_autofree char *path = NULL;
  g_autofree double *t_new = NULL, *t_html = NULL, *t_pdf = NULL, *t_csv = NULL;
  gint64 t0;
  gboolean made_dir = FALSE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    fail ("options", error);
  if (n_teams < 1 + (int) G_N_ELEMENTS (ministries) + N_SECTORS + 4 || n_events < 1000 || runs < 1)
    {
      fprintf (stderr, "odan-bench-report: --teams must be at least %u, --events at least 1000, --runs at least 1\n",
               (guint) (1 + G_N_ELEMENTS (ministries) + N_SECTORS + 4));
      return 2;
    }
  if (dir == NULL)
    {
      dir = g_dir_make_tmp ("odan-bench-report-XXXXXX", &error);
      if (dir == NULL)
        fail ("temporary folder", error);
      made_dir = TRUE;
    }
  pack_dir = g_build_filename (dir, "pack", NULL);
  path = g_build_filename (dir, "report.odan", NULL);
  g_mkdir_with_parents (pack_dir, 0700);
  g_remove (path);

  write_pack (pack_dir, n_teams, rand);
  t0 = g_get_monotonic_time ();
  play (path, pack_dir, n_events, rand);
  printf ("built the log: %d events, %d teams in %.1f s\n", n_events, n_teams, (g_get_monotonic_time () - t0) / 1e6);

  t0 = g_get_monotonic_time ();
  ex = odan_exercise_open (path, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, &error);
  if (ex == NULL)
    fail (path, error);
  printf ("opened the file: %u events in %.0f ms\n", odan_exercise_get_n_events (ex),
          (g_get_monotonic_time () - t0) / 1e3);

  t_new = g_new (double, runs);
  t_html = g_new (double, runs);
  t_pdf = g_new (double, runs);
  t_csv = g_new (double, runs);
  for (int r = 0; r < runs; r++)
    {
      g_autoptr(OdanReport) report = NULL;
      g_autofree char *html = g_build_filename (dir, "report.html", NULL);
      g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
      g_autofree char *csv = g_build_filename (dir, "csv", NULL);
      const OdanCfSummary *cf;

      t0 = g_get_monotonic_time ();
      report = odan_report_new (ex, -1, &error);
      if (report == NULL)
        fail ("report", error);
      t_new[r] = (g_get_monotonic_time () - t0) / 1e3;
      t0 = g_get_monotonic_time ();
      if (!odan_report_write (report, ODAN_REPORT_HTML, ODAN_REPORT_LANG_JA, html, &error))
        fail (html, error);
      t_html[r] = (g_get_monotonic_time () - t0) / 1e3;
      t0 = g_get_monotonic_time ();
      if (!odan_report_write (report, ODAN_REPORT_PDF, ODAN_REPORT_LANG_JA, pdf, &error))
        fail (pdf, error);
      t_pdf[r] = (g_get_monotonic_time () - t0) / 1e3;
      t0 = g_get_monotonic_time ();
      if (!odan_report_write (report, ODAN_REPORT_CSV, ODAN_REPORT_LANG_JA, csv, &error))
        fail (csv, error);
      t_csv[r] = (g_get_monotonic_time () - t0) / 1e3;
      cf = odan_report_get_counterfactual (report);
      printf ("run %d: build %.0f ms (counterfactual of %u decisions and %u teams), html %.0f ms, pdf %.0f ms, csv %.0f ms\n",
              r + 1, t_new[r], cf->decisions->len, cf->teams->len, t_html[r], t_pdf[r], t_csv[r]);
    }
  {
    double b = median (t_new, runs), h = median (t_html, runs), p = median (t_pdf, runs), c = median (t_csv, runs);

    printf ("median: build %.0f ms; html %.0f ms (total %.0f ms); pdf %.0f ms (total %.0f ms); csv %.0f ms (total %.0f ms); target < 2000 ms\n",
            b, h, b + h, p, b + p, c, b + c);
  }

  if (!keep)
    {
      static const char *const names[] = { "pack", "csv", "report.html", "report.pdf", "report.odan",
                                            "report.odan-lock", "report.odan-wal", "report.odan-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *p = g_build_filename (dir, names[i], NULL);

          remove_tree (p);
        }
      if (made_dir)
        g_rmdir (dir);
    }
  return 0;
}
