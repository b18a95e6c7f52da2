/* odan-explain.c — the chain of causes behind a node's operability, in words
 *
 * Walks the causes the simulator recorded with each change backwards: a node
 * held down by an edge is explained by its provider as it was one lag
 * earlier, until an effect (an inject or a decision's mitigation), a normal
 * node or a loop ends the chain. Each step is one line a facilitator can
 * read aloud:
 *
 *   water.tokyo (Water supply, Tokyo) at 10% since T+6h (12-08 15:00): its
 *   supply from power.kanto (strength 0.9) is short and the buffer ran out
 */
#define G_LOG_DOMAIN "odan-explain"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "odan-explain.h"
#include "odan-time.h"

#define MAX_DEPTH 64

static char *
format_when (const OdanPack *pack, double minutes)
{
  g_autofree char *offset = odan_time_format_offset (minutes);
  if (pack->start == NULL)
    return g_steal_pointer (&offset);
  g_autoptr(GDateTime) when = g_date_time_add_seconds (pack->start, round (minutes * 60.0));
  g_autofree char *local = g_date_time_format (when, "%m-%d %H:%M");
  return g_strdup_printf ("%s (%s)", offset, local);
}

static char *
format_level (double value)
{
  /* whole percent unless that would hide a difference from 0 or 100 */
  double pct = value * 100.0;
  if (fabs (pct - round (pct)) < 0.05)
    return g_strdup_printf ("%.0f%%", round (pct));
  return g_strdup_printf ("%.1f%%", pct);
}

static void
append_origin (GString        *out,
               const OdanPack *pack,
               const GArray   *decisions,
               const OdanOrigin *origin,
               guint32         effect)
{
  switch (origin->kind)
    {
    case ODAN_ORIGIN_INJECT:
      {
        const OdanInject *inj = &pack->injects[origin->index];
        const OdanEffect *fx = effect < inj->effects->len ? &g_array_index (inj->effects, OdanEffect, effect) : NULL;
        g_string_append_printf (out, _("inject %s “%s”"), inj->id,
                                odan_pack_localized (inj->title, inj->title_ja));
        if (fx)
          g_string_append_printf (out, " (%s)", fx->text);
      }
      break;

    case ODAN_ORIGIN_MITIGATION:
      {
        const OdanMitigation *mit = &pack->mitigations[origin->index];
        const OdanEffect *fx = effect < mit->effects->len ? &g_array_index (mit->effects, OdanEffect, effect) : NULL;
        g_string_append_printf (out, _("mitigation %s “%s”"), mit->id,
                                odan_pack_localized (mit->label, mit->label_ja));
        if (decisions && origin->decision < decisions->len)
          {
            const OdanDecision *dec = &g_array_index (decisions, OdanDecision, origin->decision);
            g_string_append_printf (out, _(" chosen by %s in decision %u"),
                                    odan_pack_localized (pack->teams[dec->team].name, pack->teams[dec->team].name_ja),
                                    origin->decision + 1);
          }
        if (fx)
          g_string_append_printf (out, " (%s)", fx->text);
      }
      break;

    case ODAN_ORIGIN_ADHOC:
    default:
      g_string_append_printf (out, _("ad-hoc inject %u"), origin->index + 1);
      break;
    }
}

/* The route nodes of a resupply row, for "if … stays operable". */
static char *
route_names (const OdanPack *pack, const OdanResupply *r)
{
  g_autoptr(GString) names = g_string_new (NULL);
  for (guint k = 0; k < r->n_route; k++)
    {
      if (k > 0)
        g_string_append (names, ", ");
      g_string_append (names, pack->nodes[r->route[k]].id);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* What the deliveries that refill one of the node's buffers are doing now
 * (SEMANTICS.md §14.5): one line per in-edge with a resupply row that is
 * draining or being refilled. */
static void
append_resupply (GString        *out,
                 const OdanSim  *sim,
                 const OdanPack *pack,
                 guint32         node)
{
  for (guint32 k = pack->in_start[node]; pack->edge_resupply != NULL && k < pack->in_start[node + 1]; k++)
    {
      guint32 edge = pack->in_edges[k];
      OdanResupplyStatus st;
      if (!odan_sim_get_resupply (sim, edge, &st) || (st.state == ODAN_RESUPPLY_IDLE && st.left < 0))
        continue;
      const OdanResupply *r = &pack->resupplies[st.row];
      const OdanNode *p = &pack->nodes[pack->edges[edge].provider];
      const OdanPool *trucks = &pack->pools[r->trucks];
      g_autofree char *when = isinf (st.next) ? NULL : format_when (pack, st.next);
      g_autofree char *route = route_names (pack, r);

      g_string_append (out, "  ↳ ");
      if (st.left >= 0)
        {
          g_autofree char *left = odan_time_format_offset (st.left);
          g_string_append_printf (out, _("on backup for its supply from %s: %s left at this load"), p->id, left + 2);
        }
      else if (st.level > 0)
        {
          g_autofree char *level = odan_time_format_offset (st.level);
          /* supply is back: the buffer is not draining */
          g_string_append_printf (out, _("its backup for its supply from %s holds %s, not in use"), p->id, level + 2);
        }
      else
        g_string_append_printf (out, _("its backup for its supply from %s is empty"), p->id);
      switch (st.state)
        {
        case ODAN_RESUPPLY_ON_THE_WAY:
          g_string_append_printf (out, _("; a delivery arrives %s"), when);
          break;
        case ODAN_RESUPPLY_EXPECTED:
          if (r->n_route > 0)
            g_string_append_printf (out, _("; next delivery %s if its route (%s) stays operable"), when, route);
          else
            g_string_append_printf (out, _("; next delivery %s"), when);
          break;
        case ODAN_RESUPPLY_NO_ROUTE:
          {
            g_autofree char *at = format_level (odan_sim_get_operability (sim, st.node));
            g_autofree char *needs = format_level (r->route_min);
            g_string_append_printf (out, _("; no delivery: %s is at %s (needs %s)"),
                                    pack->nodes[st.node].id, at, needs);
          }
          break;
        case ODAN_RESUPPLY_NO_STOCK:
          g_string_append_printf (out, _("; no delivery: the stock %s is empty"),
                                  odan_pack_localized (pack->pools[r->stock].name, pack->pools[r->stock].name_ja));
          break;
        case ODAN_RESUPPLY_NO_TRUCK:
          g_string_append (out, _("; no delivery: no truck is free"));
          break;
        case ODAN_RESUPPLY_IDLE:
        default:
          break;
        }
      g_string_append_printf (out, _("; %s: %lld of %lld free"),
                              odan_pack_localized (trucks->name, trucks->name_ja),
                              (long long) MAX (st.trucks_free, 0), (long long) MAX (st.trucks, 0));
      g_string_append_c (out, '\n');
    }
}

char *
odan_explain (const OdanSim  *sim,
              const OdanPack *pack,
              const GArray   *decisions,
              guint32         node,
              double          time)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree guint8 *seen = g_new0 (guint8, pack->n_nodes);
  double t = time;

  g_return_val_if_fail (node < pack->n_nodes, NULL);

  for (guint depth = 0; depth < MAX_DEPTH; depth++)
    {
      const OdanNode *n = &pack->nodes[node];
      const OdanChange *hist = odan_sim_history_at (sim, node, t);
      OdanChange live;
      const OdanChange *ch = hist;

      /* At the sim's own time the binding cause is computed afresh: a
       * restart window may hold a node whose provider is already back. */
      if (hist != NULL && t >= odan_sim_get_time (sim))
        {
          live = *hist;
          odan_sim_compute_cause (sim, node, &live.cause);
          ch = &live;
        }
      double value = ch ? ch->value : 1.0;
      g_autofree char *level = format_level (value);
      const char *name = odan_pack_localized (n->name, n->name_ja);

      if (depth > 0)
        g_string_append (out, "  ← ");

      /* at the sim's own time: what refills this node's buffers */
      gboolean live_resupply = t >= odan_sim_get_time (sim);

      if (ch == NULL || ch->cause.kind == ODAN_CAUSE_NORMAL)
        {
          g_string_append_printf (out, _("%s (%s) at %s: operating normally"), n->id, name, level);
          g_string_append_c (out, '\n');
          if (live_resupply)
            append_resupply (out, sim, pack, node);
          break;
        }

      g_autofree char *when = format_when (pack, ch->time);
      g_string_append_printf (out, _("%s (%s) at %s since %s: "), n->id, name, level, when);

      if (seen[node])
        {
          g_string_append (out, _("this node is already in the chain above: a dependency loop keeps it down"));
          g_string_append_c (out, '\n');
          break;
        }
      seen[node] = 1;

      switch (ch->cause.kind)
        {
        case ODAN_CAUSE_DIRECT:
          g_string_append (out, _("set by "));
          append_origin (out, pack, decisions, &ch->cause.origin, ch->cause.effect);
          g_string_append_c (out, '\n');
          return g_string_free (g_steal_pointer (&out), FALSE);

        case ODAN_CAUSE_FLOOR:
          g_string_append (out, _("held up by "));
          append_origin (out, pack, decisions, &ch->cause.origin, ch->cause.effect);
          g_string_append_c (out, '\n');
          return g_string_free (g_steal_pointer (&out), FALSE);

        case ODAN_CAUSE_EDGE:
          {
            const OdanEdge *e = &pack->edges[ch->cause.edge];
            const OdanNode *p = &pack->nodes[e->provider];
            g_string_append_printf (out, _("its supply from %s (%s, strength %.2g) is short"),
                                    p->id, odan_pack_localized (p->name, p->name_ja), e->strength);
            if (ch->cause.flags & ODAN_CAUSE_FLAG_BUFFER_EMPTY)
              {
                g_autofree char *b = odan_time_format_offset (e->buffer);
                g_string_append_printf (out, _(" and its backup (%s) has run out"), b + 2);
              }
            else if (ch->cause.flags & ODAN_CAUSE_FLAG_ON_BUFFER)
              g_string_append_printf (out, _(" and its backup covers only %.0f%% of the need"), e->coverage * 100.0);
            if (ch->cause.flags & ODAN_CAUSE_FLAG_RESTARTING)
              {
                g_autofree char *r = odan_time_format_offset (e->restart);
                double below = odan_pack_edge_restart_below (pack, ch->cause.edge);

                /* with a threshold the restart counts from the comeback (SEMANTICS.md §3.2.1) */
                if (below > 0)
                  g_string_append_printf (out, _("; it restarts %s after its supply is back to %.0f%% or more"),
                                          r + 2, below * 100.0);
                else
                  g_string_append_printf (out, _("; it is restarting (%s after supply returns)"), r + 2);
              }
            if (e->lag > 0)
              {
                g_autofree char *l = odan_time_format_offset (e->lag);
                g_string_append_printf (out, _("; the provider's state reaches it %s later"), l + 2);
              }
            g_string_append_c (out, '\n');
            if (live_resupply)
              append_resupply (out, sim, pack, node);
            node = e->provider;
            t = t - e->lag;
          }
          break;

        case ODAN_CAUSE_NORMAL:
        default:
          g_string_append_c (out, '\n');
          return g_string_free (g_steal_pointer (&out), FALSE);
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
