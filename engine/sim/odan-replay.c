/* odan-replay.c — what an exercise's logged events do to the model
 *
 * One step per event, in log order. Decisions are counted as they pass
 * (event id → their number among the log's decisions), because an applied
 * mitigation names its decision by event id and the origin by number. The
 * effects of ad hoc deliveries are parsed here and owned by the replay.
 */
#define G_LOG_DOMAIN "odan-replay"

#include "odan-replay.h"
#include "odan-decisions.h"
#include "odan-sim-private.h"

#include <math.h>

struct _OdanReplay
{
  const OdanPack *pack;
  GArray         *steps;          /* OdanReplayStep, one per event */
  GPtrArray      *adhoc_effects;  /* GArray of OdanEffect, owned */
  guint           n_adhoc;        /* ad hoc deliveries, with effects or not */
  GHashTable     *decisions;      /* event id (gint64*) → its number + 1 */
};

OdanReplay *
odan_replay_new (const OdanPack *pack)
{
  OdanReplay *replay = g_new0 (OdanReplay, 1);

  replay->pack = pack;
  replay->steps = g_array_new (FALSE, FALSE, sizeof (OdanReplayStep));
  replay->adhoc_effects = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  replay->decisions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  return replay;
}

static gint
step_compare (gconstpointer a,
              gconstpointer b)
{
  const OdanReplayStep *x = a, *y = b;

  if (x->minute != y->minute)
    return x->minute < y->minute ? -1 : 1;
  return x->origin.index < y->origin.index ? -1 : x->origin.index > y->origin.index;
}

OdanReplay *
odan_replay_new_msel (const OdanPack *pack)
{
  OdanReplay *replay = odan_replay_new (pack);

  for (guint32 i = 0; i < pack->n_injects; i++)
    {
      OdanReplayStep step = { pack->injects[i].time, pack->injects[i].effects,
                              { ODAN_ORIGIN_INJECT, i, ODAN_NONE } };

      if (step.effects != NULL)
        g_array_append_val (replay->steps, step);
    }
  /* by time, MSEL order within a minute (the index breaks ties) */
  g_array_sort (replay->steps, step_compare);
  return replay;
}

void
odan_replay_free (OdanReplay *replay)
{
  if (replay == NULL)
    return;
  g_array_unref (replay->steps);
  g_ptr_array_unref (replay->adhoc_effects);
  g_hash_table_unref (replay->decisions);
  g_free (replay);
}

static gboolean
read_adhoc (OdanReplay      *replay,
            const OdanEvent *event,
            OdanReplayStep  *step,
            GError         **error)
{
  const char *text = odan_event_get_effect (event);
  g_autoptr(GArray) effects = odan_effects_parse (text != NULL ? text : "", error);
  guint n_empty = 0;

  if (effects == NULL || !odan_effects_resolve (effects, replay->pack, &n_empty, error))
    return FALSE;
  if (effects->len > 0)
    {
      step->effects = effects;
      step->origin = (OdanOrigin) { ODAN_ORIGIN_ADHOC, replay->n_adhoc, ODAN_NONE };
      g_ptr_array_add (replay->adhoc_effects, g_steal_pointer (&effects));
    }
  replay->n_adhoc++;
  return TRUE;
}

static void
read_delivery (OdanReplay      *replay,
               const OdanEvent *event,
               OdanReplayStep  *step)
{
  const OdanPack *pack = replay->pack;
  guint32 inject;

  /* a skip never applies; a forwarded copy applied once, when first delivered */
  if (event->action != ODAN_ACTION_SCHEDULED && event->action != ODAN_ACTION_DELAYED
      && event->action != ODAN_ACTION_EARLY)
    return;
  inject = event->subject != NULL ? odan_pack_find_inject (pack, event->subject) : ODAN_NONE;
  if (inject == ODAN_NONE || pack->injects[inject].effects == NULL
      || pack->injects[inject].effects->len == 0)
    return;
  step->effects = pack->injects[inject].effects;
  step->origin = (OdanOrigin) { ODAN_ORIGIN_INJECT, inject, ODAN_NONE };
}

static void
read_mitigation (OdanReplay      *replay,
                 const OdanEvent *event,
                 OdanReplayStep  *step)
{
  const OdanPack *pack = replay->pack;
  guint32 mitigation = event->subject != NULL ? odan_pack_find_mitigation (pack, event->subject) : ODAN_NONE;
  guint found = GPOINTER_TO_UINT (g_hash_table_lookup (replay->decisions, &event->ref));

  if (mitigation == ODAN_NONE || found == 0)
    return;
  step->origin = (OdanOrigin) { ODAN_ORIGIN_MITIGATION, mitigation, found - 1 };
  if (pack->mitigations[mitigation].effects != NULL && pack->mitigations[mitigation].effects->len > 0)
    step->effects = pack->mitigations[mitigation].effects;
}

gboolean
odan_replay_add (OdanReplay       *replay,
                 const OdanEvent  *event,
                 GError          **error)
{
  OdanReplayStep step = { event->minute, NULL, { 0, 0, 0 } };

  g_return_val_if_fail (replay != NULL && event != NULL, FALSE);

  switch (event->kind)
    {
    case ODAN_EVENT_DELIVERY:
      if (event->action == ODAN_ACTION_ADHOC && !read_adhoc (replay, event, &step, error))
        return FALSE;
      read_delivery (replay, event, &step);
      break;
    case ODAN_EVENT_DECISION:
      g_hash_table_insert (replay->decisions, g_memdup2 (&event->id, sizeof event->id),
                           GUINT_TO_POINTER (g_hash_table_size (replay->decisions) + 1));
      break;
    case ODAN_EVENT_MITIGATION:
      read_mitigation (replay, event, &step);
      break;
    case ODAN_EVENT_CLOCK:
    case ODAN_EVENT_RESCHEDULE:
    case ODAN_EVENT_OBSERVATION:
    case ODAN_EVENT_ACK:
    default:
      break;
    }
  g_array_append_val (replay->steps, step);
  return TRUE;
}

guint
odan_replay_get_n_steps (const OdanReplay *replay)
{
  return replay->steps->len;
}

const OdanReplayStep *
odan_replay_get_step (const OdanReplay *replay,
                      guint             index)
{
  g_return_val_if_fail (index < replay->steps->len, NULL);

  return &g_array_index (replay->steps, OdanReplayStep, index);
}

void
odan_replay_apply (OdanSim              *sim,
                   const OdanReplayStep *step,
                   OdanSimChangeFunc     func,
                   gpointer              user_data)
{
  if (step->effects == NULL)
    return;
  /* everything up to, not including, this instant; events of one instant
   * then apply together in the sim's own order */
  odan_sim_run_until (sim, nextafter (step->minute, -INFINITY), func, user_data);
  odan_sim_schedule (sim, step->minute, step->effects, &step->origin);
}

void
odan_replay_run (const OdanReplay *replay,
                 OdanSim          *sim,
                 guint             n_steps,
                 double            minute,
                 OdanSimChangeFunc func,
                 gpointer          user_data)
{
  for (guint i = 0; i < MIN (n_steps, replay->steps->len); i++)
    {
      const OdanReplayStep *step = &g_array_index (replay->steps, OdanReplayStep, i);

      /* steps are in time order: the first one after @minute ends it */
      if (step->minute > minute)
        break;
      odan_replay_apply (sim, step, func, user_data);
    }
  odan_sim_run_until (sim, minute, func, user_data);
}

OdanSim *
odan_replay_new_values_sim (const OdanPack *pack)
{
  OdanSim *sim = odan_sim_new (pack);

  _odan_sim_set_skip_causes (sim, TRUE);
  return sim;
}

void
odan_replay_schedule_decisions (OdanSim      *sim,
                                const GArray *decisions,
                                GArray       *refused)
{
  const OdanPack *pack = odan_sim_get_pack (sim);
  g_autofree guint *used = g_new0 (guint, MAX (pack->n_pools, 1));

  for (guint i = 0; decisions != NULL && i < decisions->len; i++)
    {
      const OdanDecision *d = &g_array_index (decisions, OdanDecision, i);
      if (d->mitigation == ODAN_NONE)
        continue;
      const OdanMitigation *m = &pack->mitigations[d->mitigation];
      if (m->pool != ODAN_NONE)
        {
          guint capacity = pack->pools[m->pool].capacity;
          OdanReplayRefusal no = { i, capacity - MIN (used[m->pool], capacity) };
          if (no.left < m->uses)
            {
              if (refused != NULL)
                g_array_append_val (refused, no);
              continue;
            }
          used[m->pool] += m->uses;
        }
      OdanOrigin origin = { ODAN_ORIGIN_MITIGATION, d->mitigation, i };
      odan_sim_schedule (sim, d->time + m->delay, m->effects, &origin);
    }
}
