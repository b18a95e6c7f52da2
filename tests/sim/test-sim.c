/* test-sim.c — the cascade engine against hand-computed cases
 *
 * /engine/sim/<case> runs each case of sim-cases.c (one per rule of
 * engine/SEMANTICS.md) through the engine and compares its CSV
 * with the hand-computed text. The other cases check what the CSV cannot
 * show: exact change times and causes through the change callback,
 * odan_sim_get_cause(), history, buffer look-ahead, runs in pieces, ad-hoc
 * effects, determinism, and that geometric tails end.
 */
#define G_LOG_DOMAIN "odan-test"

#include <math.h>
#include <string.h>

#include "odan-explain.h"
#include "odan-pack.h"
#include "odan-sim.h"
#include "odan-test-pack.h"
#include "sim-cases.h"

/* A loaded case and a sim with its effects scheduled. */
typedef struct {
  const OdanSimCase *c;
  char              *dir;
  OdanPack          *pack;
  OdanSim           *sim;
} Fixture;

static void
fixture_set_up (Fixture    *fx,
                const char *name)
{
  fx->c = odan_sim_case_find (name);
  fx->dir = odan_test_pack_write (&fx->c->pack);
  fx->pack = odan_test_pack_load (fx->dir);
  fx->sim = odan_sim_new (fx->pack);
  for (guint i = 0; i < fx->c->n_schedules; i++)
    {
      OdanOrigin origin = { ODAN_ORIGIN_MITIGATION, fx->c->schedules[i].mitigation, i };
      odan_sim_schedule (fx->sim, fx->c->schedules[i].time,
                         fx->pack->mitigations[fx->c->schedules[i].mitigation].effects,
                         &origin);
    }
  odan_sim_schedule_injects (fx->sim);
}

static void
fixture_tear_down (Fixture *fx)
{
  g_clear_pointer (&fx->sim, odan_sim_free);
  g_clear_pointer (&fx->pack, odan_pack_free);
  odan_test_pack_remove (fx->dir);
  g_clear_pointer (&fx->dir, g_free);
}

static guint32
node (const Fixture *fx,
      const char    *id)
{
  guint32 index = odan_pack_find_node (fx->pack, id);

  g_assert_cmpuint (index, !=, ODAN_NONE);
  return index;
}

static guint32
edge (const Fixture *fx,
      const char    *provider,
      const char    *dependent)
{
  guint32 index = odan_pack_find_edge (fx->pack, node (fx, provider), node (fx, dependent));

  g_assert_cmpuint (index, !=, ODAN_NONE);
  return index;
}

static void
collect_change (const OdanChange *change,
                gpointer          user_data)
{
  g_array_append_val ((GArray *) user_data, *change);
}

/* --- every hand-computed case, as CSV ---------------------------------- */

static void
test_case (gconstpointer data)
{
  const OdanSimCase *c = data;
  Fixture fx = { 0 };
  g_autofree char *csv = NULL;

  fixture_set_up (&fx, c->name);
  csv = odan_test_sim_csv (fx.sim, c->until);
  odan_test_assert_text (c->name, csv, c->expected);
  fixture_tear_down (&fx);
}

/* --- exact times and causes through the callback ----------------------- */

static void
assert_change (const GArray  *changes,
               guint          i,
               double         time,
               guint32        node_index,
               double         value,
               OdanCauseKind  cause)
{
  const OdanChange *c;

  g_assert_cmpuint (i, <, changes->len);
  c = &g_array_index (changes, OdanChange, i);
  g_assert_cmpfloat_with_epsilon (c->time, time, 1e-9);
  g_assert_cmpuint (c->node, ==, node_index);
  g_assert_cmpfloat_with_epsilon (c->value, value, 1e-12);
  g_assert_cmpint (c->cause.kind, ==, cause);
}

/* The worked example reports exactly four changes, at exactly these times. */
static void
test_worked_example_changes (void)
{
  Fixture fx = { 0 };
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (OdanChange));
  const OdanChange *c;

  fixture_set_up (&fx, "worked-example");
  odan_sim_run_until (fx.sim, 900, collect_change, changes);

  g_assert_cmpuint (changes->len, ==, 4);
  assert_change (changes, 0, 0, node (&fx, "p"), 0.0, ODAN_CAUSE_DIRECT);
  c = &g_array_index (changes, OdanChange, 0);
  g_assert_cmpint (c->cause.origin.kind, ==, ODAN_ORIGIN_INJECT);
  g_assert_cmpuint (c->cause.origin.index, ==, 0);
  g_assert_cmpuint (c->cause.effect, ==, 0);

  assert_change (changes, 1, 360, node (&fx, "w"), 0.1, ODAN_CAUSE_EDGE);
  c = &g_array_index (changes, OdanChange, 1);
  g_assert_cmpuint (c->cause.edge, ==, edge (&fx, "p", "w"));
  g_assert_true (c->cause.flags & ODAN_CAUSE_FLAG_BUFFER_EMPTY);
  g_assert_false (c->cause.flags & ODAN_CAUSE_FLAG_RESTARTING);

  assert_change (changes, 2, 600, node (&fx, "p"), 1.0, ODAN_CAUSE_NORMAL);
  assert_change (changes, 3, 660, node (&fx, "w"), 1.0, ODAN_CAUSE_NORMAL);
  g_assert_cmpuint (odan_sim_get_n_changes (fx.sim), ==, 4);
  fixture_tear_down (&fx);
}

/* The run-out of fractional-runout happens at 226 / 0.6, not on a grid. */
static void
test_fractional_time (void)
{
  Fixture fx = { 0 };
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (OdanChange));

  fixture_set_up (&fx, "fractional-runout");
  odan_sim_run_until (fx.sim, 600, collect_change, changes);
  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (changes, 0, 0, node (&fx, "p"), 0.4, ODAN_CAUSE_DIRECT);
  assert_change (changes, 1, 1130.0 / 3.0, node (&fx, "w"), 1 - 0.9 * 0.6, ODAN_CAUSE_EDGE);
  g_assert_true (g_array_index (changes, OdanChange, 1).cause.flags & ODAN_CAUSE_FLAG_BUFFER_EMPTY);
  fixture_tear_down (&fx);
}

/* odan_sim_get_cause() while the worked example runs. */
static void
test_causes_worked_example (void)
{
  Fixture fx = { 0 };
  const OdanCause *cause;
  guint32 p, w, h;

  fixture_set_up (&fx, "worked-example");
  p = node (&fx, "p");
  w = node (&fx, "w");
  h = node (&fx, "h");

  odan_sim_run_until (fx.sim, 100, NULL, NULL);
  cause = odan_sim_get_cause (fx.sim, p);
  g_assert_cmpint (cause->kind, ==, ODAN_CAUSE_DIRECT);
  g_assert_cmpint (cause->origin.kind, ==, ODAN_ORIGIN_INJECT);
  g_assert_cmpuint (cause->origin.index, ==, odan_pack_find_inject (fx.pack, "i1"));
  g_assert_cmpuint (cause->effect, ==, 0);
  g_assert_cmpint (odan_sim_get_cause (fx.sim, w)->kind, ==, ODAN_CAUSE_NORMAL);
  g_assert_cmpint (odan_sim_get_cause (fx.sim, h)->kind, ==, ODAN_CAUSE_NORMAL);

  /* Fuel ran out at 360. */
  odan_sim_run_until (fx.sim, 400, NULL, NULL);
  g_assert_cmpfloat_with_epsilon (odan_sim_get_operability (fx.sim, w), 0.1, 1e-12);
  g_assert_cmpfloat (odan_sim_get_since (fx.sim, w), ==, 360);
  cause = odan_sim_get_cause (fx.sim, w);
  g_assert_cmpint (cause->kind, ==, ODAN_CAUSE_EDGE);
  g_assert_cmpuint (cause->edge, ==, edge (&fx, "p", "w"));
  g_assert_true (cause->flags & ODAN_CAUSE_FLAG_BUFFER_EMPTY);
  g_assert_false (cause->flags & ODAN_CAUSE_FLAG_RESTARTING);
  g_assert_cmpfloat (odan_sim_get_operability (fx.sim, h), ==, 1.0);

  /* Power is back at 600; w restarts until 660. Its value has not changed
   * since 360, so whether the cause already says "restarting" or still
   * "buffer empty" is the engine's choice; the edge is the same. */
  odan_sim_run_until (fx.sim, 630, NULL, NULL);
  g_assert_cmpfloat (odan_sim_get_operability (fx.sim, p), ==, 1.0);
  g_assert_cmpint (odan_sim_get_cause (fx.sim, p)->kind, ==, ODAN_CAUSE_NORMAL);
  cause = odan_sim_get_cause (fx.sim, w);
  g_assert_cmpint (cause->kind, ==, ODAN_CAUSE_EDGE);
  g_assert_cmpuint (cause->edge, ==, edge (&fx, "p", "w"));
  g_assert_true (cause->flags & (ODAN_CAUSE_FLAG_RESTARTING | ODAN_CAUSE_FLAG_BUFFER_EMPTY));
  g_assert_cmpfloat (odan_sim_get_since (fx.sim, w), ==, 360);

  odan_sim_run_until (fx.sim, 700, NULL, NULL);
  g_assert_cmpint (odan_sim_get_cause (fx.sim, w)->kind, ==, ODAN_CAUSE_NORMAL);
  g_assert_cmpfloat (odan_sim_get_since (fx.sim, w), ==, 660);
  fixture_tear_down (&fx);
}

/* Riding on a buffer with coverage < shortfall, then running out. */
static void
test_causes_coverage (void)
{
  Fixture fx = { 0 };
  const OdanCause *cause;

  fixture_set_up (&fx, "coverage");
  odan_sim_run_until (fx.sim, 40, NULL, NULL);
  cause = odan_sim_get_cause (fx.sim, node (&fx, "d"));
  g_assert_cmpint (cause->kind, ==, ODAN_CAUSE_EDGE);
  g_assert_cmpuint (cause->edge, ==, edge (&fx, "p", "d"));
  g_assert_true (cause->flags & ODAN_CAUSE_FLAG_ON_BUFFER);
  g_assert_false (cause->flags & ODAN_CAUSE_FLAG_BUFFER_EMPTY);
  cause = odan_sim_get_cause (fx.sim, node (&fx, "y"));
  g_assert_cmpint (cause->kind, ==, ODAN_CAUSE_EDGE);
  g_assert_cmpuint (cause->edge, ==, edge (&fx, "x", "y"));
  g_assert_true (cause->flags & ODAN_CAUSE_FLAG_ON_BUFFER);
  /* e is untouched while its coverage carries the whole shortfall. */
  g_assert_cmpint (odan_sim_get_cause (fx.sim, node (&fx, "e"))->kind, ==, ODAN_CAUSE_NORMAL);

  odan_sim_run_until (fx.sim, 150, NULL, NULL);
  cause = odan_sim_get_cause (fx.sim, node (&fx, "d"));
  g_assert_cmpint (cause->kind, ==, ODAN_CAUSE_EDGE);
  g_assert_cmpuint (cause->edge, ==, edge (&fx, "p", "d"));
  g_assert_true (cause->flags & ODAN_CAUSE_FLAG_BUFFER_EMPTY);
  g_assert_false (cause->flags & ODAN_CAUSE_FLAG_ON_BUFFER);
  cause = odan_sim_get_cause (fx.sim, node (&fx, "e"));
  g_assert_cmpint (cause->kind, ==, ODAN_CAUSE_EDGE);
  g_assert_cmpuint (cause->edge, ==, edge (&fx, "q", "e"));
  g_assert_true (cause->flags & ODAN_CAUSE_FLAG_BUFFER_EMPTY);
  fixture_tear_down (&fx);
}

static void
assert_effect_cause (const OdanCause *cause,
                     OdanCauseKind    kind,
                     OdanOriginKind   origin,
                     guint32          index,
                     guint32          effect)
{
  g_assert_cmpint (cause->kind, ==, kind);
  g_assert_cmpint (cause->origin.kind, ==, origin);
  g_assert_cmpuint (cause->origin.index, ==, index);
  g_assert_cmpuint (cause->effect, ==, effect);
}

/* Floors and sets name their inject and effect. */
static void
test_causes_floor (void)
{
  Fixture fx = { 0 };
  guint32 d;

  fixture_set_up (&fx, "floor");
  d = node (&fx, "d");

  odan_sim_run_until (fx.sim, 2, NULL, NULL);
  g_assert_cmpint (odan_sim_get_cause (fx.sim, d)->kind, ==, ODAN_CAUSE_EDGE);
  g_assert_cmpuint (odan_sim_get_cause (fx.sim, d)->edge, ==, edge (&fx, "p", "d"));
  assert_effect_cause (odan_sim_get_cause (fx.sim, node (&fx, "p")), ODAN_CAUSE_DIRECT,
                       ODAN_ORIGIN_INJECT, odan_pack_find_inject (fx.pack, "i1"), 0);

  odan_sim_run_until (fx.sim, 6, NULL, NULL);
  assert_effect_cause (odan_sim_get_cause (fx.sim, node (&fx, "x")), ODAN_CAUSE_DIRECT,
                       ODAN_ORIGIN_INJECT, odan_pack_find_inject (fx.pack, "i2"), 0);

  odan_sim_run_until (fx.sim, 12, NULL, NULL);
  assert_effect_cause (odan_sim_get_cause (fx.sim, d), ODAN_CAUSE_FLOOR,
                       ODAN_ORIGIN_INJECT, odan_pack_find_inject (fx.pack, "i3"), 0);

  odan_sim_run_until (fx.sim, 25, NULL, NULL);
  g_assert_cmpfloat_with_epsilon (odan_sim_get_operability (fx.sim, d), 0.6, 1e-12);
  assert_effect_cause (odan_sim_get_cause (fx.sim, d), ODAN_CAUSE_FLOOR,
                       ODAN_ORIGIN_INJECT, odan_pack_find_inject (fx.pack, "i4"), 0);

  odan_sim_run_until (fx.sim, 55, NULL, NULL);
  assert_effect_cause (odan_sim_get_cause (fx.sim, d), ODAN_CAUSE_FLOOR,
                       ODAN_ORIGIN_INJECT, odan_pack_find_inject (fx.pack, "i5"), 0);

  odan_sim_run_until (fx.sim, 65, NULL, NULL);
  assert_effect_cause (odan_sim_get_cause (fx.sim, d), ODAN_CAUSE_DIRECT,
                       ODAN_ORIGIN_INJECT, odan_pack_find_inject (fx.pack, "i6"), 0);

  odan_sim_run_until (fx.sim, 150, NULL, NULL);
  g_assert_cmpint (odan_sim_get_cause (fx.sim, d)->kind, ==, ODAN_CAUSE_NORMAL);
  fixture_tear_down (&fx);
}

/* The effect index within an inject, and mitigations with their decision. */
static void
test_causes_origins (void)
{
  Fixture fx = { 0 };

  fixture_set_up (&fx, "same-instant");
  odan_sim_run_until (fx.sim, 15, NULL, NULL);
  /* e: "set a 0.6; set e 0.6" of i2 wins; its second effect. */
  assert_effect_cause (odan_sim_get_cause (fx.sim, node (&fx, "e")), ODAN_CAUSE_DIRECT,
                       ODAN_ORIGIN_INJECT, odan_pack_find_inject (fx.pack, "i2"), 1);
  /* a: the mitigation m0, scheduled as decision 0, comes after the injects. */
  assert_effect_cause (odan_sim_get_cause (fx.sim, node (&fx, "a")), ODAN_CAUSE_DIRECT,
                       ODAN_ORIGIN_MITIGATION, odan_pack_find_mitigation (fx.pack, "m0"), 0);
  g_assert_cmpuint (odan_sim_get_cause (fx.sim, node (&fx, "a"))->origin.decision, ==, 0);
  fixture_tear_down (&fx);
}

/* The binding edge: within a group the one that gives the maximum, across
 * groups the one with the minimum; and restart windows. */
static void
test_causes_groups_restart (void)
{
  Fixture fx = { 0 };
  const OdanCause *cause;
  guint32 d;

  fixture_set_up (&fx, "or-groups");
  odan_sim_run_until (fx.sim, 60, NULL, NULL);
  cause = odan_sim_get_cause (fx.sim, node (&fx, "e"));
  g_assert_cmpint (cause->kind, ==, ODAN_CAUSE_EDGE);
  g_assert_cmpuint (cause->edge, ==, edge (&fx, "p2", "e"));
  odan_sim_run_until (fx.sim, 110, NULL, NULL);
  cause = odan_sim_get_cause (fx.sim, node (&fx, "d"));
  g_assert_cmpint (cause->kind, ==, ODAN_CAUSE_EDGE);
  g_assert_cmpuint (cause->edge, ==, edge (&fx, "q", "d"));
  fixture_tear_down (&fx);

  fixture_set_up (&fx, "restart");
  d = node (&fx, "d");
  odan_sim_run_until (fx.sim, 50, NULL, NULL);
  cause = odan_sim_get_cause (fx.sim, d);
  g_assert_cmpint (cause->kind, ==, ODAN_CAUSE_EDGE);
  g_assert_cmpuint (cause->edge, ==, edge (&fx, "p", "d"));
  g_assert_false (cause->flags & ODAN_CAUSE_FLAG_RESTARTING);
  /* y's rise to 0.5 at 50 is held by the window (x is back at 1 then). */
  odan_sim_run_until (fx.sim, 60, NULL, NULL);
  cause = odan_sim_get_cause (fx.sim, node (&fx, "y"));
  g_assert_cmpint (cause->kind, ==, ODAN_CAUSE_EDGE);
  g_assert_cmpuint (cause->edge, ==, edge (&fx, "x", "y"));
  g_assert_true (cause->flags & ODAN_CAUSE_FLAG_RESTARTING);
  /* The rise to 0.5 at 160 happens while supply has been full since 150:
   * the window holds the cap, so that change is a restart. */
  odan_sim_run_until (fx.sim, 180, NULL, NULL);
  g_assert_cmpfloat (odan_sim_get_operability (fx.sim, d), ==, 0.5);
  g_assert_cmpfloat (odan_sim_get_since (fx.sim, d), ==, 160);
  cause = odan_sim_get_cause (fx.sim, d);
  g_assert_cmpint (cause->kind, ==, ODAN_CAUSE_EDGE);
  g_assert_cmpuint (cause->edge, ==, edge (&fx, "p", "d"));
  g_assert_true (cause->flags & ODAN_CAUSE_FLAG_RESTARTING);
  odan_sim_run_until (fx.sim, 250, NULL, NULL);
  g_assert_cmpint (odan_sim_get_cause (fx.sim, d)->kind, ==, ODAN_CAUSE_NORMAL);
  fixture_tear_down (&fx);
}

/* --- the rest of the API ------------------------------------------------ */

/* Not only printed as 1: exactly 1, so that no residue drains a buffer
 * behind it (engine/sim/DESIGN.md, "Where exactness ends"). */
static void
test_contracting_recovery_exact (void)
{
  Fixture fx = { 0 };

  fixture_set_up (&fx, "contracting-recovery");
  odan_sim_run_until (fx.sim, 59, NULL, NULL);
  g_assert_cmpfloat (odan_sim_get_operability (fx.sim, node (&fx, "b")), ==, 0.75);
  odan_sim_run_until (fx.sim, 61, NULL, NULL);
  g_assert_cmpfloat (odan_sim_get_operability (fx.sim, node (&fx, "a")), ==, 1.0);
  g_assert_cmpfloat (odan_sim_get_operability (fx.sim, node (&fx, "b")), ==, 1.0);
  g_assert_cmpint (odan_sim_get_cause (fx.sim, node (&fx, "a"))->kind, ==, ODAN_CAUSE_NORMAL);
  fixture_tear_down (&fx);
}

static void
test_buffer_remaining (void)
{
  Fixture fx = { 0 };
  guint32 pw, wh;

  fixture_set_up (&fx, "worked-example");
  pw = edge (&fx, "p", "w");
  wh = edge (&fx, "w", "h");

  odan_sim_run_until (fx.sim, 100, NULL, NULL);
  g_assert_cmpfloat_with_epsilon (odan_sim_buffer_remaining (fx.sim, pw), 260, 1e-9);
  g_assert_cmpfloat (odan_sim_buffer_remaining (fx.sim, wh), <, 0);
  /* h's buffer drains at 0.9/min from 360: 720 - 36 = 684 left at 400,
   * which lasts 684 / 0.9 = 760 min at that rate. */
  odan_sim_run_until (fx.sim, 400, NULL, NULL);
  g_assert_cmpfloat (odan_sim_buffer_remaining (fx.sim, pw), <, 0);
  g_assert_cmpfloat_with_epsilon (odan_sim_buffer_remaining (fx.sim, wh), 760, 1e-6);
  odan_sim_run_until (fx.sim, 700, NULL, NULL);
  g_assert_cmpfloat (odan_sim_buffer_remaining (fx.sim, wh), <, 0);
  fixture_tear_down (&fx);
}

static void
test_history (void)
{
  Fixture fx = { 0 };
  const OdanChange *c;
  guint32 p, w, h;

  fixture_set_up (&fx, "worked-example");
  p = node (&fx, "p");
  w = node (&fx, "w");
  h = node (&fx, "h");
  odan_sim_set_record_history (fx.sim, TRUE);
  odan_sim_run_until (fx.sim, 900, NULL, NULL);

  g_assert_null (odan_sim_history_at (fx.sim, h, 500));
  g_assert_null (odan_sim_history_at (fx.sim, w, 100));
  c = odan_sim_history_at (fx.sim, p, 0);
  g_assert_nonnull (c);
  g_assert_cmpfloat (c->time, ==, 0);
  g_assert_cmpfloat (c->value, ==, 0);
  c = odan_sim_history_at (fx.sim, w, 500);
  g_assert_nonnull (c);
  g_assert_cmpfloat (c->time, ==, 360);
  g_assert_cmpfloat_with_epsilon (c->value, 0.1, 1e-12);
  g_assert_cmpint (c->cause.kind, ==, ODAN_CAUSE_EDGE);
  c = odan_sim_history_at (fx.sim, w, 659.999);
  g_assert_cmpfloat (c->time, ==, 360);
  c = odan_sim_history_at (fx.sim, w, 660);
  g_assert_nonnull (c);
  g_assert_cmpfloat (c->time, ==, 660);
  g_assert_cmpfloat (c->value, ==, 1);
  fixture_tear_down (&fx);
}

static gboolean
changes_equal (const GArray *a,
               const GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const OdanChange *x = &g_array_index (a, OdanChange, i);
      const OdanChange *y = &g_array_index (b, OdanChange, i);

      if (x->time != y->time || x->node != y->node || x->value != y->value ||
          x->cause.kind != y->cause.kind || x->cause.flags != y->cause.flags ||
          x->cause.edge != y->cause.edge || x->cause.effect != y->cause.effect ||
          x->cause.origin.kind != y->cause.origin.kind ||
          x->cause.origin.index != y->cause.origin.index ||
          x->cause.origin.decision != y->cause.origin.decision)
        return FALSE;
    }
  return TRUE;
}

/* Running to 1000 at once or in pieces (one ending exactly at an event,
 * one inside a buffer's run) reports the same changes. */
static void
test_run_in_pieces (void)
{
  static const double stops[] = { 100, 360, 376.5, 600, 659.999, 1000 };
  static const char *const names[] = { "worked-example", "restart", "lag", "buffer-effect" };

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      Fixture whole = { 0 }, pieces = { 0 };
      g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (OdanChange));
      g_autoptr(GArray) b = g_array_new (FALSE, FALSE, sizeof (OdanChange));

      fixture_set_up (&whole, names[n]);
      fixture_set_up (&pieces, names[n]);
      odan_sim_run_until (whole.sim, 1000, collect_change, a);
      for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
        odan_sim_run_until (pieces.sim, stops[i], collect_change, b);
      g_assert_true (changes_equal (a, b));
      g_assert_cmpuint (odan_sim_get_n_changes (whole.sim), ==, a->len);
      fixture_tear_down (&whole);
      fixture_tear_down (&pieces);
    }
}

/* An ad-hoc effect scheduled during a run. */
static void
test_adhoc (void)
{
  Fixture fx = { 0 };
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (OdanChange));
  g_autoptr(GArray) effects = NULL;
  OdanOrigin origin = { ODAN_ORIGIN_ADHOC, 7, ODAN_NONE };
  const OdanChange *c;

  fixture_set_up (&fx, "worked-example");
  effects = odan_test_effects (fx.pack, "set w 0.5 for 30m");
  odan_sim_run_until (fx.sim, 700, NULL, NULL);
  odan_sim_schedule (fx.sim, 720, effects, &origin);
  odan_sim_run_until (fx.sim, 900, collect_change, changes);

  /* w at 0.5 on [720, 750); h rides its buffer (450 min left, used at
   * 0.5/min) and stays 1. */
  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (changes, 0, 720, node (&fx, "w"), 0.5, ODAN_CAUSE_DIRECT);
  c = &g_array_index (changes, OdanChange, 0);
  g_assert_cmpint (c->cause.origin.kind, ==, ODAN_ORIGIN_ADHOC);
  g_assert_cmpuint (c->cause.origin.index, ==, 7);
  g_assert_cmpuint (c->cause.effect, ==, 0);
  assert_change (changes, 1, 750, node (&fx, "w"), 1.0, ODAN_CAUSE_NORMAL);
  g_assert_cmpfloat (odan_sim_get_operability (fx.sim, node (&fx, "h")), ==, 1.0);
  fixture_tear_down (&fx);
}

/* The tail of geometric-tail ends by the 1e-9 rule: about 30 halvings per
 * node, then no more changes however long the run. */
static void
test_tail_terminates (void)
{
  Fixture fx = { 0 };
  guint32 a, b;

  fixture_set_up (&fx, "geometric-tail");
  a = node (&fx, "a");
  b = node (&fx, "b");
  odan_sim_run_until (fx.sim, 1e6, NULL, NULL);
  /* 2^-k > 1e-9 for k <= 29: the first drop and 29 halvings per node. */
  g_assert_cmpuint (odan_sim_get_n_changes (fx.sim), >=, 2 * 29);
  g_assert_cmpuint (odan_sim_get_n_changes (fx.sim), <=, 2 * 31);
  g_assert_cmpfloat (odan_sim_get_since (fx.sim, a), <=, 60 * 31);
  g_assert_cmpfloat (odan_sim_get_since (fx.sim, b), <=, 60 * 31);
  g_assert_cmpfloat (odan_sim_get_operability (fx.sim, a), >=, 1 - 1e-8);
  g_assert_cmpfloat (odan_sim_get_operability (fx.sim, b), >=, 1 - 1e-8);
  fixture_tear_down (&fx);
}

/* Two loads of the same pack, two runs: byte-identical CSV and identical
 * changes with causes, for every case. */
static void
test_deterministic (void)
{
  for (guint i = 0; i < odan_sim_n_cases; i++)
    {
      const OdanSimCase *c = &odan_sim_cases[i];
      Fixture x = { 0 }, y = { 0 };
      g_autofree char *csv_x = NULL;
      g_autofree char *csv_y = NULL;
      g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (OdanChange));
      g_autoptr(GArray) b = g_array_new (FALSE, FALSE, sizeof (OdanChange));

      fixture_set_up (&x, c->name);
      fixture_set_up (&y, c->name);
      csv_x = odan_test_sim_csv (x.sim, c->until);
      csv_y = odan_test_sim_csv (y.sim, c->until);
      odan_test_assert_text (c->name, csv_y, csv_x);
      fixture_tear_down (&x);
      fixture_tear_down (&y);

      fixture_set_up (&x, c->name);
      fixture_set_up (&y, c->name);
      odan_sim_run_until (x.sim, c->until, collect_change, a);
      odan_sim_run_until (y.sim, c->until, collect_change, b);
      g_assert_true (changes_equal (a, b));
      fixture_tear_down (&x);
      fixture_tear_down (&y);
    }
}

/* The example pack holds the spec's worked example (power.kanto ->
 * water.tokyo -> hospital.tokyo): in the full pack, with its injects, those
 * two nodes follow the worked example exactly. */
static void
test_example_pack (void)
{
  const char *scenarios = g_getenv ("ODAN_SCENARIOS");
  g_autofree char *dir = g_build_filename (scenarios != NULL ? scenarios : ODAN_SOURCE_SCENARIOS,
                                           "example", NULL);
  g_autoptr(OdanPack) pack = odan_test_pack_load (dir);
  g_autoptr(GString) rows = g_string_new (NULL);
  OdanSim *sim = odan_sim_new (pack);
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  odan_sim_schedule_injects (sim);
  csv = odan_test_sim_csv (sim, pack->duration);
  odan_sim_free (sim);

  lines = g_strsplit (csv, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], ",water.tokyo,") != NULL || strstr (lines[i], ",hospital.tokyo,") != NULL)
      g_string_append_printf (rows, "%s\n", lines[i]);
  odan_test_assert_text ("example pack, worked-example nodes", rows->str,
                         "0.000,hospital.tokyo,1.0000\n"
                         "0.000,water.tokyo,1.0000\n"
                         "360.000,water.tokyo,0.1000\n"
                         "660.000,water.tokyo,1.0000\n");
}

/* --- resupply (SEMANTICS.md §14) --------------------------------------- */

/* What odan_sim_get_resupply() and explain say along resupply-route. */
static void
test_resupply_status (void)
{
  Fixture fx = { 0 };
  OdanResupplyStatus st;
  guint32 px;

  fixture_set_up (&fx, "resupply-route");
  odan_sim_set_record_history (fx.sim, TRUE);
  px = edge (&fx, "p", "x");

  /* 240: 90 min left; reorder at 270, the truck back at 300: 300 + 90 */
  odan_sim_run_until (fx.sim, 240, NULL, NULL);
  g_assert_true (odan_sim_get_resupply (fx.sim, px, &st));
  g_assert_cmpint (st.state, ==, ODAN_RESUPPLY_EXPECTED);
  g_assert_cmpfloat_with_epsilon (st.left, 90, 1e-9);
  g_assert_cmpfloat_with_epsilon (st.next, 390, 1e-9);
  g_assert_cmpint (st.trucks_free, ==, 0);
  g_assert_cmpint (st.trucks, ==, 1);
  g_assert_cmpint (st.stock_left, ==, -1);
  {
    g_autofree char *text = odan_explain (fx.sim, fx.pack, NULL, node (&fx, "x"), 240);
    g_assert_nonnull (strstr (text, "x (X) at 100%: operating normally\n"));
    g_assert_nonnull (strstr (text, "on backup for its supply from p: 1h30m left at this load; "
                                    "next delivery T+6h30m (12-08 15:30) if its route (road) stays operable; "
                                    "Tank trucks: 0 of 1 free"));
  }

  /* 700: empty, and the road (0.2) stops the truck that is back */
  odan_sim_run_until (fx.sim, 700, NULL, NULL);
  g_assert_true (odan_sim_get_resupply (fx.sim, px, &st));
  g_assert_cmpint (st.state, ==, ODAN_RESUPPLY_NO_ROUTE);
  g_assert_cmpuint (st.node, ==, node (&fx, "road"));
  g_assert_cmpfloat (st.left, <, 0);
  g_assert_cmpint (st.trucks_free, ==, 1);
  {
    g_autofree char *text = odan_explain (fx.sim, fx.pack, NULL, node (&fx, "x"), 700);
    g_assert_nonnull (strstr (text, "its backup for its supply from p is empty; "
                                    "no delivery: road is at 20% (needs 50%); Tank trucks: 1 of 1 free"));
  }

  /* 750: dispatched at 720 */
  odan_sim_run_until (fx.sim, 750, NULL, NULL);
  g_assert_true (odan_sim_get_resupply (fx.sim, px, &st));
  g_assert_cmpint (st.state, ==, ODAN_RESUPPLY_ON_THE_WAY);
  g_assert_cmpfloat_with_epsilon (st.next, 810, 1e-9);
  fixture_tear_down (&fx);
}

/* Without resupply.csv nothing refills the buffer and no instant is added:
 * the instants are the injects' (0, 600, 720) and the run-out (180). */
static void
test_resupply_none (void)
{
  OdanSimCase plain = *odan_sim_case_find ("resupply-route");
  g_autofree char *dir = NULL;
  g_autoptr(OdanPack) pack = NULL;
  OdanSim *sim;
  g_autofree char *csv = NULL;

  plain.pack.pools = NULL;
  plain.pack.resupply = NULL;
  dir = odan_test_pack_write (&plain.pack);
  pack = odan_test_pack_load (dir);
  g_assert_null (pack->edge_resupply);
  sim = odan_sim_new (pack);
  odan_sim_schedule_injects (sim);
  csv = odan_test_sim_csv (sim, 900);
  odan_test_assert_text ("resupply-none", csv,
                         "minute,node,operability\n"
                         "0.000,p,0.0000\n"
                         "0.000,road,1.0000\n"
                         "0.000,x,1.0000\n"
                         "180.000,x,0.0000\n"
                         "600.000,road,0.2000\n"
                         "720.000,road,1.0000\n");
  g_assert_cmpuint (odan_sim_get_n_instants (sim), ==, 4);
  g_assert_false (odan_sim_get_resupply (sim, 0, &(OdanResupplyStatus) { 0 }));
  odan_sim_free (sim);
  odan_test_pack_remove (dir);
}

/* A mitigation with a pool and no effects still takes its units (§14.1):
 * resupply-lent with the effect cell empty gives resupply-lent's CSV. */
static void
test_resupply_lent_without_effects (void)
{
  OdanSimCase c = *odan_sim_case_find ("resupply-lent");
  g_autofree char *dir = NULL;
  g_autoptr(OdanPack) pack = NULL;
  OdanSim *sim;
  g_autofree char *csv = NULL;
  OdanOrigin origin = { ODAN_ORIGIN_MITIGATION, 0, 0 };

  c.pack.mitigations = "m0,Lend the truck,,,,tk,1\n";
  dir = odan_test_pack_write (&c.pack);
  pack = odan_test_pack_load (dir);
  g_assert_cmpuint (pack->mitigations[0].effects->len, ==, 0);
  sim = odan_sim_new (pack);
  odan_sim_schedule (sim, c.schedules[0].time, pack->mitigations[0].effects, &origin);
  odan_sim_schedule_injects (sim);
  csv = odan_test_sim_csv (sim, c.until);
  odan_test_assert_text ("resupply-lent-without-effects", csv, c.expected);
  odan_sim_free (sim);
  odan_test_pack_remove (dir);
}

/* Supply back while a delivery is on the way: the buffer holds what is left
 * and is not in use. resupply-route's p restored at 490: the truck left at
 * 480 with 30 min in the tank, 20 are left and stay. */
static void
test_resupply_not_in_use (void)
{
  OdanSimCase c = *odan_sim_case_find ("resupply-route");
  g_autofree char *dir = NULL;
  g_autoptr(OdanPack) pack = NULL;
  g_autofree char *text = NULL;
  OdanResupplyStatus st;
  OdanSim *sim;

  c.pack.injects = "i1,0,all,Outage,set p 0 for 490\n";
  dir = odan_test_pack_write (&c.pack);
  pack = odan_test_pack_load (dir);
  sim = odan_sim_new (pack);
  odan_sim_set_record_history (sim, TRUE);
  odan_sim_schedule_injects (sim);
  odan_sim_run_until (sim, 500, NULL, NULL);
  g_assert_true (odan_sim_get_resupply (sim, odan_pack_find_edge (pack, 0, 2), &st));
  g_assert_cmpint (st.state, ==, ODAN_RESUPPLY_ON_THE_WAY);
  g_assert_cmpfloat_with_epsilon (st.level, 20, 1e-9);
  g_assert_cmpfloat (st.left, <, 0);
  text = odan_explain (sim, pack, NULL, odan_pack_find_node (pack, "x"), 500);
  g_assert_nonnull (strstr (text, "its backup for its supply from p holds 20m, not in use; "
                                  "a delivery arrives T+9h30m (12-08 18:30)"));
  odan_sim_free (sim);
  odan_test_pack_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < odan_sim_n_cases; i++)
    {
      g_autofree char *path = g_strdup_printf ("/engine/sim/%s", odan_sim_cases[i].name);
      g_test_add_data_func (path, &odan_sim_cases[i], test_case);
    }
  g_test_add_func ("/engine/sim/worked-example-changes", test_worked_example_changes);
  g_test_add_func ("/engine/sim/fractional-time", test_fractional_time);
  g_test_add_func ("/engine/sim/causes/worked-example", test_causes_worked_example);
  g_test_add_func ("/engine/sim/causes/coverage", test_causes_coverage);
  g_test_add_func ("/engine/sim/causes/floor", test_causes_floor);
  g_test_add_func ("/engine/sim/causes/origins", test_causes_origins);
  g_test_add_func ("/engine/sim/causes/groups-restart", test_causes_groups_restart);
  g_test_add_func ("/engine/sim/contracting-recovery-exact", test_contracting_recovery_exact);
  g_test_add_func ("/engine/sim/buffer-remaining", test_buffer_remaining);
  g_test_add_func ("/engine/sim/history", test_history);
  g_test_add_func ("/engine/sim/run-in-pieces", test_run_in_pieces);
  g_test_add_func ("/engine/sim/adhoc", test_adhoc);
  g_test_add_func ("/engine/sim/tail-terminates", test_tail_terminates);
  g_test_add_func ("/engine/sim/deterministic", test_deterministic);
  g_test_add_func ("/engine/sim/example-pack", test_example_pack);
  g_test_add_func ("/engine/sim/resupply-status", test_resupply_status);
  g_test_add_func ("/engine/sim/resupply-none", test_resupply_none);
  g_test_add_func ("/engine/sim/resupply-not-in-use", test_resupply_not_in_use);
  g_test_add_func ("/engine/sim/resupply-lent-without-effects", test_resupply_lent_without_effects);

  return g_test_run ();
}
